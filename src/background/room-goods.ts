// Goods into rooms and fix-price (issue 11), on the worker's side: a plan's goods with their
// WeChat states, what each room holds as last read, drifted 已入库 goods and the price-fix queue
// (a `jobs` record, so a stopped worker loses nothing).
import { priceDrift } from "~core/goods"
import { plannedGoods } from "~db/room-goods"
import type { HelperDb } from "~db/schema"
import type { DriftItem, PlanGoodsView, PriceFixQueueState, RequestOf, ResponseOf } from "~protocol/messages"

import { ownGoodsOf } from "~db/goods"

import { shopOfAccount } from "./accounts"

const PRICE_FIX_JOB = "price-fix"

export async function roomGoodsContext(db: HelperDb, req: RequestOf<"roomGoods.context">): Promise<ResponseOf<"roomGoods.context">> {
  const plans = (await db.plans.toArray()).filter((p) => (p.goods?.length ?? 0) > 0)
  plans.sort((a, b) => Number(b.roomId === req.roomId && req.roomId !== null) - Number(a.roomId === req.roomId && req.roomId !== null) || a.start - b.start)
  const record = req.roomId ? await db.roomGoods.get(req.roomId) : undefined
  const views: PlanGoodsView[] = []
  for (const p of plans) {
    const items = req.roomId && record ? record.items : undefined
    views.push({ planId: p.id!, name: p.title, roomId: p.roomId, goods: await plannedGoods(db, p, p.roomId === req.roomId ? items : undefined) })
  }
  return { plans: views, room: record ? { roomId: record.roomId, items: record.items, seenAt: record.seenAt } : null }
}

export async function recordRoomGoods(db: HelperDb, req: RequestOf<"roomGoods.seen">, now: number): Promise<boolean> {
  await db.roomGoods.put({ roomId: req.roomId, items: req.items, complete: req.complete, source: "wechat", seenAt: now })
  return true
}

export async function setPlanGoods(db: HelperDb, req: RequestOf<"plan.setGoods">, now: number): Promise<boolean> {
  const n = await db.plans.update(req.planId, { goods: req.productKeys, updatedAt: now })
  return n > 0
}

/**
 * 已入库 goods whose HiMall price differs from WeChat's, by product id: each product against its own
 * goods record (its shop's mini program's, core/accounts.ts), only the products of `account`'s shop
 * when the console named a linked account.
 */
export async function driftedGoods(db: HelperDb, account?: string | null): Promise<DriftItem[]> {
  const approved = await db.wechatGoods.where("status").equals("approved").toArray()
  if (!approved.length) return []
  const shop = account ? await shopOfAccount(db, account) : null
  const products = (
    await db.products
      .where("link")
      .anyOf([...new Set(approved.map((g) => g.url))])
      .toArray()
  ).filter((p) => !shop || p.shopOrigin === shop)
  const own = await ownGoodsOf(db, products)
  const out: DriftItem[] = []
  for (const [i, p] of products.entries()) {
    const g = own[i]
    if (!g || g.status !== "approved" || !priceDrift(p, g)) continue
    out.push({
      productKey: p.key,
      productId: p.productId,
      name: p.name,
      url: g.url,
      wechatName: g.name,
      priceLowFen: p.priceLowFen,
      priceHighFen: p.priceHighFen,
      wechatLowFen: g.priceLowFen,
      wechatHighFen: g.priceHighFen
    })
  }
  return out.sort((a, b) => a.productId - b.productId)
}

export async function priceFixQueue(
  db: HelperDb,
  action: "get" | "start" | "stop",
  now: number,
  account?: string | null
): Promise<ResponseOf<"priceFix.queue">> {
  const left = (await driftedGoods(db, account)).length
  const job = await db.jobs.get(PRICE_FIX_JOB)
  let state = (job?.state as PriceFixQueueState | undefined) ?? null
  if (action === "start") state = left ? "running" : "done"
  else if (action === "stop") state = "stopped"
  else if (state === "running" && left === 0) state = "done"
  if (state && state !== job?.state) {
    await db.jobs.put({ id: PRICE_FIX_JOB, state, startedAt: action === "start" || !job ? now : job.startedAt, updatedAt: now, data: {} })
  }
  return { state, left }
}
