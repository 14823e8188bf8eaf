// Handlers of the HiMall admin: 小程序直播 rooms, sync-now, room covers (make-cover), the homepage entrance.
// Every one works on the sender's shop (its origin, already checked to be an enabled shop).
import type { ShopRoomsProtocol } from "~protocol/messages"

import {
  makeRoomCover,
  recordCoverUploaded,
  recordEntrance,
  recordRoomContents,
  recordShopRooms,
  recordSync,
  roomCoverInfo,
  shopRoomsView
} from "../shop-rooms"
import type { Routes } from "./context"

export const shopRoomsRoutes: Routes<keyof ShopRoomsProtocol> = {
  "shopRooms.seen": (p, c) => recordShopRooms(c.db, c.origin, p, c.now),
  "shopRooms.view": (_p, c) => shopRoomsView(c.db, c.origin, c.now),
  "shopRooms.synced": (p, c) => recordSync(c.db, c.origin, p, c.now),
  "roomCover.info": (p, c) => roomCoverInfo(c.db, c.origin, p.roomId),
  "roomCover.make": (p, c) => makeRoomCover(c.db, c.origin, p, c.now),
  "roomCover.uploaded": async (p, c) => ({ recorded: await recordCoverUploaded(c.db, c.origin, p) }),
  "roomContents.seen": async (p, c) => ({ recorded: await recordRoomContents(c.db, c.origin, p, c.now) }),
  "entrance.seen": async (p, c) => ({ recorded: await recordEntrance(c.db, c.origin, p, c.now) })
}
