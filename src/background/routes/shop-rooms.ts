// Handlers of the HiMall admin: 小程序直播 rooms, sync-now, room covers (make-cover), 直播商品, the
// homepage entrance. Every one works on the sender's shop (its origin, already checked to be an
// enabled shop). Slow work never holds an answer: covers are measured after it.
import type { ShopRoomsProtocol } from "~protocol/messages"

import { refreshBadge } from "../badge"
import { measureQueuedCovers } from "../cover-sizes"
import { recordEntrance } from "../entrance"
import { recordRoomContents } from "../room-contents"
import { makeRoomCover, recordCoverUploaded, roomCoverInfo } from "../room-covers"
import { recordShopRooms, shopRoomsView } from "../shop-rooms"
import { recordSync } from "../syncs"
import type { Routes } from "./context"

export const shopRoomsRoutes: Routes<keyof ShopRoomsProtocol> = {
  "shopRooms.seen": async (p, c) => {
    const view = await recordShopRooms(c.db, c.origin, p, c.now)
    // Not awaited: the page has its answer; it asks shopRooms.view again while covers are measured.
    if (view.coversMeasuring) void measureQueuedCovers(c.db, { onMeasured: () => void refreshBadge(c.db) })
    return view
  },
  "shopRooms.view": (_p, c) => shopRoomsView(c.db, c.origin, c.now),
  "shopRooms.synced": (p, c) => recordSync(c.db, c.origin, p, c.now),
  "roomCover.info": (p, c) => roomCoverInfo(c.db, c.origin, p.roomId),
  "roomCover.make": (p, c) => makeRoomCover(c.db, c.origin, p, c.now),
  "roomCover.uploaded": async (p, c) => ({ recorded: await recordCoverUploaded(c.db, c.origin, p) }),
  "roomContents.seen": async (p, c) => ({ recorded: await recordRoomContents(c.db, c.origin, p, c.now) }),
  "entrance.seen": async (p, c) => ({ recorded: await recordEntrance(c.db, c.origin, p, c.now) })
}
