// The popup's first screen, read as soon as the page starts drawing — in parallel with the
// language the shell loads, not after it — in one transaction: the checklist's tables, the goods
// counts with the list's first rows (from the overview the background keeps, else every
// product), the notices. The live queries take over once it is drawn (ui/use-data.ts).
import { setupTables } from "~db/overview"
import { getDb, type HelperDb, type NoticeRecord } from "~db/schema"
import { readBase, readFirstGoods, readNotices, seed, type GoodsOverview, type Seed, type SetupBase } from "~ui/use-data"

export interface FirstScreen {
  goods: Seed<GoodsOverview>
  base: Seed<SetupBase>
  notices: Seed<NoticeRecord[]>
  /** Drawn from once already (the popup's first mount). */
  used?: boolean
}

export function readFirstScreen(db: HelperDb = getDb()): FirstScreen {
  const all = db.transaction("r", [...setupTables(db), db.notices], () => Promise.all([readFirstGoods(db), readBase(db), readNotices(db)]))
  return { goods: seed(all.then(([goods]) => goods)), base: seed(all.then(([, base]) => base)), notices: seed(all.then(([, , notices]) => notices)) }
}
