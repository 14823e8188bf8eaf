// WeChat console messages: the 添加商品 picker and fill, covers, the 商品库 table, the queue.
import type { GoodsProtocol } from "~protocol/messages"

import { linkAccount, recordAccount } from "../accounts"
import { candidates, prepare, recordFilled, recordSeen, warmCovers } from "../goods"
import { getQueue, queueAfterSeen, queueCommand } from "../queue"
import { ProtocolError, type Routes } from "./context"

export const goodsRoutes: Routes<keyof GoodsProtocol> = {
  "account.seen": (p, c) => recordAccount(c.db, p, c.now),
  "account.link": async (p, c) => {
    const view = await linkAccount(c.db, p, c.now)
    if (!view) throw new ProtocolError("no_such_shop")
    return view
  },
  "goods.candidates": (p, c) => candidates(c.db, p),
  "goods.prepare": async (p, c) => {
    const data = await prepare(c.db, p, c.now)
    if (!data) throw new ProtocolError("no_such_product")
    return data
  },
  "cover.warm": async (p, c) => {
    // Answer at once; the covers are made after (a stopped worker only loses a warm-up).
    void warmCovers(c.db, p.productKeys, c.now)
    return { queued: p.productKeys.length }
  },
  "goods.seen": async (p, c) => {
    const matched = await recordSeen(c.db, p, c.now)
    return { matched, queue: await queueAfterSeen(c.db, c.now) }
  },
  "goods.filled": async (p, c) => ({ recorded: await recordFilled(c.db, p, c.now) }),
  "queue.get": async (_p, c) => ({ queue: await getQueue(c.db) }),
  "queue.command": async (p, c) => ({ queue: await queueCommand(c.db, p.action, c.now, p.account ?? null) })
}
