// Issue 11 on the worker's side: the messages' validators (untrusted payloads), HiMall's sale /
// audit status carried from the list endpoint to the stored product, a plan's goods with their
// WeChat states and the room's contents, drifted 已入库 goods and the price-fix queue.
import { beforeEach, describe, expect, it } from "vitest"

import { driftedGoods, priceFixQueue, recordRoomGoods, roomGoodsContext, setPlanGoods } from "~background/room-goods"
import { qualifyProduct } from "~core/product"
import { saveProducts } from "~db/products"
import { readRoomCoverage } from "~db/room-goods"
import { getDb, type RoomPlanRecord } from "~db/schema"
import { parseEnvelope, SENDERS } from "~protocol/messages"
import { endpointRowToRaw } from "~sites/himall/product-endpoint"

import { goodsRecord, productLink as link, productRecord, SHOP } from "../support/factories"

const db = getDb()
const key = (id: number) => `${SHOP}|${id}`

const goods = goodsRecord

function plan(over: Partial<RoomPlanRecord> = {}): RoomPlanRecord {
  return {
    title: "店庆特惠专场",
    start: 1,
    end: 2,
    anchorName: "小美",
    anchorWechat: "a",
    allowComment: true,
    shareImage: null,
    roomCover: null,
    createdAt: 1,
    updatedAt: 1,
    usedAt: null,
    roomId: 7,
    ...over
  }
}

beforeEach(async () => {
  await Promise.all([db.products.clear(), db.wechatGoods.clear(), db.plans.clear(), db.roomGoods.clear(), db.jobs.clear()])
})

describe("validators", () => {
  const ok = (type: string, payload: unknown) => parseEnvelope({ lh: 1, type, payload })
  it("accept well-formed payloads and refuse the rest", () => {
    expect(ok("roomGoods.context", { roomId: 7 })).not.toBeNull()
    expect(ok("roomGoods.context", { roomId: null })).not.toBeNull()
    expect(ok("roomGoods.context", { roomId: -1 })).toBeNull()
    expect(ok("roomGoods.seen", { roomId: 7, items: [{ name: "甲", url: null }], complete: true })).not.toBeNull()
    expect(ok("roomGoods.seen", { roomId: 7, items: [{ name: 5, url: null }], complete: true })).toBeNull()
    expect(ok("roomGoods.seen", { roomId: 7, items: Array.from({ length: 501 }, () => ({ name: "甲", url: null })), complete: true })).toBeNull()
    expect(ok("plan.setGoods", { planId: 1, productKeys: [key(1), key(1), key(2)] })?.payload).toEqual({ planId: 1, productKeys: [key(1), key(2)] })
    expect(ok("plan.setGoods", { planId: 1, productKeys: ["javascript:alert(1)"] })).toBeNull()
    expect(ok("priceFix.queue", { action: "start" })).not.toBeNull()
    expect(ok("priceFix.queue", { action: "skip" })).toBeNull()
  })
  it("come from the right senders", () => {
    expect(SENDERS["plan.setGoods"]).toBe("extension")
    for (const t of ["roomGoods.context", "roomGoods.seen", "priceFix.list", "priceFix.queue"] as const) expect(SENDERS[t]).toBe("wechat")
  })
})

describe("HiMall's sale and audit status", () => {
  it("travel from the list endpoint to the stored product, and a reader without them keeps them", async () => {
    const raw = endpointRowToRaw({ id: 5, name: "真丝睡衣套装", price: 199, shopId: 1, imgUrl: "/a.png", saleStatus: 2, auditStatus: 2 })
    const q = qualifyProduct(raw, `${SHOP}/Admin/Product/Management`)
    if (!q.ok) throw new Error("not qualified")
    expect(raw).toMatchObject({ saleStatus: 2, auditStatus: 2 })
    await saveProducts(db, SHOP, [{ product: q.product, source: "endpoint", status: { saleStatus: raw.saleStatus, auditStatus: raw.auditStatus } }])
    expect(await db.products.get(key(5))).toMatchObject({ saleStatus: 2, auditStatus: 2 })
    const row = qualifyProduct({ productId: "5", shopId: "1", name: "真丝睡衣套装", price: "199", link: null, imageUrl: null, source: "row" }, SHOP)
    if (!row.ok) throw new Error("not qualified")
    await saveProducts(db, SHOP, [{ product: row.product, source: "row" }])
    expect(await db.products.get(key(5))).toMatchObject({ saleStatus: 2, auditStatus: 2 })
  })
})

describe("goods in rooms", () => {
  it("a plan's goods with their states, the room's contents, and the coverage", async () => {
    await db.products.bulkPut([1, 2, 3, 4].map((id) => productRecord({ key: key(id), productId: id, name: `商品${id}号`, link: link(id) })))
    await db.wechatGoods.bulkPut([goods(1), goods(2), goods(3, { status: "reviewing" })])
    const id = (await db.plans.add(plan()))!
    expect(await setPlanGoods(db, { planId: id, productKeys: [key(1), key(2), key(3), key(4)] }, 5)).toBe(true)
    await recordRoomGoods(db, { roomId: 7, items: [{ name: "商品1号", url: null }], complete: true }, 6)

    const { plans, room } = await roomGoodsContext(db, { roomId: 7 })
    expect(room).toEqual({ roomId: 7, items: [{ name: "商品1号", url: null }], seenAt: 6 })
    expect(plans[0].goods.map((g) => [g.productId, g.state, g.inRoom])).toEqual([
      [1, "approved", true],
      [2, "approved", false],
      [3, "reviewing", false],
      [4, "none", false]
    ])
    const cov = await readRoomCoverage(db, 7)
    expect(cov).toMatchObject({ planned: 4, inRoom: 1, seen: true })
    expect(cov!.missing.map((g) => g.productId)).toEqual([2, 3, 4])

    // HiMall's 直播商品, read after a sync later than WeChat's list: the newest reading counts.
    await db.roomContents.put({
      key: `himall|${SHOP}|7`,
      roomId: 7,
      source: "himall",
      shopOrigin: SHOP,
      items: [1, 2].map((n) => ({ productId: n, goodsId: null, url: link(n), name: `商品${n}号`, price: 1, image: null })),
      complete: true,
      total: 2,
      seenAt: 9
    })
    const later = await readRoomCoverage(db, 7)
    expect(later).toMatchObject({ planned: 4, inRoom: 2, seen: true, seenAt: 9 })
    expect(later!.missing.map((g) => g.productId)).toEqual([3, 4])
    expect(await readRoomCoverage(db, 8)).toBeNull()
  })
})

describe("price fix", () => {
  it("lists 已入库 goods whose HiMall price drifted, and the queue ends when none is left", async () => {
    await db.products.bulkPut([
      productRecord({ key: key(1), productId: 1, link: link(1), priceLowFen: 900, priceHighFen: 900 }),
      productRecord({ key: key(2), productId: 2, link: link(2), priceLowFen: 1000, priceHighFen: 1000 }),
      productRecord({ key: key(3), productId: 3, link: link(3), priceLowFen: 500, priceHighFen: 500 })
    ])
    await db.wechatGoods.bulkPut([goods(1), goods(2), goods(3, { status: "reviewing" })])
    expect((await driftedGoods(db)).map((d) => [d.productId, d.priceLowFen, d.wechatLowFen])).toEqual([[1, 900, 1000]])
    expect(await priceFixQueue(db, "start", 10)).toEqual({ state: "running", left: 1 })
    expect((await db.jobs.get("price-fix"))?.state).toBe("running")
    await db.wechatGoods.put(goods(1, { priceLowFen: 900, priceHighFen: 900 }))
    expect(await priceFixQueue(db, "get", 11)).toEqual({ state: "done", left: 0 })
    expect(await priceFixQueue(db, "stop", 12)).toEqual({ state: "stopped", left: 0 })
  })
})
