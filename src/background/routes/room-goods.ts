// Issue 11: goods into rooms (plans' goods, the import context, rooms' contents) and fix-price.
import type { RoomGoodsProtocol } from "~protocol/messages"

import { driftedGoods, priceFixQueue, recordRoomGoods, roomGoodsContext, setPlanGoods } from "../room-goods"
import type { Routes } from "./context"

export const roomGoodsRoutes: Routes<keyof RoomGoodsProtocol> = {
  "roomGoods.context": (p, c) => roomGoodsContext(c.db, p),
  "roomGoods.seen": async (p, c) => ({ stored: await recordRoomGoods(c.db, p, c.now) }),
  "plan.setGoods": async (p, c) => ({ saved: await setPlanGoods(c.db, p, c.now) }),
  "priceFix.list": async (p, c) => ({ items: await driftedGoods(c.db, p.account) }),
  "priceFix.queue": (p, c) => priceFixQueue(c.db, p.action, c.now, p.account)
}
