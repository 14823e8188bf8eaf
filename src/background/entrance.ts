// The homepage entrance (首页配置): the fact `entrance|${origin}` per shop, as the page last showed it.
import { entranceFactKey, putFact, type EntranceFact } from "~db/facts"
import type { HelperDb } from "~db/schema"

export async function recordEntrance(db: HelperDb, origin: string, p: EntranceFact, now: number): Promise<boolean> {
  await putFact(db, entranceFactKey(origin), { found: p.found, name: p.name, kind: p.kind }, now)
  return true
}
