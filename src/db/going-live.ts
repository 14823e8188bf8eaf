// Going live, read side: the reminder lead setting and the rooms that need the merchant, read
// from the database. Usable by the background and by the popup (read only).
import { flagRooms, type RoomFlag } from "~core/going-live"

import type { HelperDb } from "./schema"
import { getSetting } from "./settings"

/** The merchant's reminder lead in minutes (`settings` key `reminderLeadMinutes`, default 15). */
export function readLeadMinutes(db: HelperDb): Promise<number> {
  return getSetting(db, "reminderLeadMinutes")
}

/** The stored WeChat rooms that need the merchant at `now`, most serious first (core/going-live.ts). */
export async function roomFlags(db: HelperDb, now: number = Date.now()): Promise<RoomFlag[]> {
  const [rooms, lead] = await Promise.all([db.wechatRooms.toArray(), readLeadMinutes(db)])
  return flagRooms(rooms, now, lead)
}
