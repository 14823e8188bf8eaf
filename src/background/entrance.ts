// The homepage entrance (首页配置): the fact `entrance|${origin}` per shop, as the page last showed it.
import type { HelperDb } from "~db/schema"
import type { EntranceFact } from "~protocol/messages"

export const entranceFactKey = (origin: string) => `entrance|${origin}`

export async function recordEntrance(db: HelperDb, origin: string, p: EntranceFact, now: number): Promise<boolean> {
  await db.facts.put({ key: entranceFactKey(origin), value: { found: p.found, name: p.name, kind: p.kind }, seenAt: now })
  return true
}
