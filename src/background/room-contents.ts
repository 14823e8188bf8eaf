// What a HiMall room holds (直播商品, `roomContents`, source `himall`). WeChat's side of the same
// table is written by background/room-goods.ts.
import { roomContentsKey } from "~core/room-contents"
import type { HelperDb } from "~db/schema"
import type { RequestOf } from "~protocol/messages"

/** HiMall's 直播商品 list of a room: the `himall` contents record of the room, replaced. */
export async function recordRoomContents(db: HelperDb, origin: string, p: RequestOf<"roomContents.seen">, now: number): Promise<boolean> {
  await db.roomContents.put({
    key: roomContentsKey("himall", origin, p.roomId),
    roomId: p.roomId,
    source: "himall",
    shopOrigin: origin,
    items: p.items,
    complete: p.complete,
    total: p.total,
    seenAt: now
  })
  return true
}
