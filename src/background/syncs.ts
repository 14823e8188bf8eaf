// HiMall's 获取小程序数据 (`syncs`): every press of it, by sync-now or by the merchant, with HiMall's
// answer. Only today's count and the latest matter (core/freshness.ts decides on them).
import type { HelperDb } from "~db/schema"
import type { RequestOf, ShopRoomsView } from "~protocol/messages"

import { shopRoomsView } from "./shop-rooms"

/** Syncs older than this are dropped (only today's count and the latest matter). */
const SYNC_KEEP_MS = 30 * 24 * 60 * 60_000

export async function recordSync(db: HelperDb, origin: string, p: RequestOf<"shopRooms.synced">, now: number): Promise<ShopRoomsView> {
  await db.transaction("rw", db.syncs, async () => {
    await db.syncs.add({ shopOrigin: origin, at: now, ok: p.ok, message: p.message ?? "" })
    const old = await db.syncs
      .where("at")
      .below(now - SYNC_KEEP_MS)
      .primaryKeys()
    if (old.length) await db.syncs.bulkDelete(old)
  })
  return shopRoomsView(db, origin, now)
}
