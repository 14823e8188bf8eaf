// The background's WeChat goods store on fake IndexedDB: candidates for 添加商品, what the
// 商品库 table showed (goods records keyed by link), what was filled (lastFill), price drift,
// and the goods queue, whose whole state lives in the database.
import { beforeEach, describe, expect, it } from "vitest"
import { goodsKey } from "~core/accounts"

import { candidates, goodsUrl, prepare, recordFilled, recordSeen, toCandidate, warmCovers } from "~background/goods"
import { getQueue, queueAfterSeen, queueCommand, QUEUE_ID } from "~background/queue"
import { saveProducts } from "~db/products"
import { getDb, HelperDb, type GoodsRecord, type ProductRecord } from "~db/schema"
import type { GoodsRowMessage } from "~protocol/messages"

import { productRecord, SHOP } from "../support/factories"

const db = getDb()

beforeEach(async () => {
  await db.open()
  await Promise.all(db.tables.map((t) => t.clear()))
})

const link = (id: number) => `pages/productdetail/productdetail?id=${id}`
const key = (id: number) => `${SHOP}|${id}`

function product(id: number, over: Partial<ProductRecord> = {}): ProductRecord {
  return productRecord({ key: key(id), productId: id, link: link(id), capturedAt: id, updatedAt: id, ...over })
}

function goods(id: number, over: Partial<GoodsRecord> = {}): GoodsRecord {
  return {
    key: goodsKey(over.account, link(id)),
    url: link(id),
    name: "x",
    status: "reviewing",
    statusText: "审核中",
    rejectReason: null,
    priceLowFen: null,
    priceHighFen: null,
    firstSeenAt: 1,
    seenAt: 1,
    statusSince: 1,
    discount: false,
    ...over
  }
}

function row(id: number | string, over: Partial<GoodsRowMessage> = {}): GoodsRowMessage {
  return {
    name: "天使旅行箱",
    priceText: "¥399.00 - ¥488.00",
    url: typeof id === "number" ? link(id) : id,
    status: "reviewing",
    statusText: "审核中",
    rejectReason: null,
    ...over
  }
}

describe("candidates", () => {
  beforeEach(async () => {
    await db.products.bulkPut([
      product(19, { name: "天使旅行箱" }),
      product(190, { name: "旅行收纳袋" }),
      product(1, { name: "旅行箱配件" }),
      product(7, { name: "保温杯大容量" }),
      product(23, { name: "iPhone 手机壳" })
    ])
  })

  it("searches names by substring, not-yet-added goods first, then newest id", async () => {
    await db.wechatGoods.put(goods(190, { status: "approved", statusText: "已入库" }))
    await db.wechatGoods.put(goods(1, { status: "rejected", statusText: "审核未通过", rejectReason: "图片不清晰" }))
    const res = await candidates(db, { query: " 旅行 ", limit: 10 })
    expect(res.total).toBe(3)
    expect(res.items.map((c) => [c.productId, c.goodsStatus, c.rejectReason])).toEqual([
      [19, null, null],
      [1, "rejected", "图片不清晰"],
      [190, "approved", null]
    ])
    expect(res.items[0]).toMatchObject({
      key: key(19),
      shopOrigin: SHOP,
      name: "天使旅行箱",
      link: link(19),
      priceLowFen: 39900,
      priceHighFen: 48800,
      drift: false
    })
  })

  it("ignores case in names", async () => {
    const res = await candidates(db, { query: "IPHONE", limit: 10 })
    expect(res.items.map((c) => c.productId)).toEqual([23])
  })

  it("finds an id exactly and by prefix, the exact one first", async () => {
    const res = await candidates(db, { query: "19", limit: 10 })
    expect(res.items.map((c) => c.productId)).toEqual([19, 190])
    expect((await candidates(db, { query: "2", limit: 10 })).items.map((c) => c.productId)).toEqual([23])
    expect((await candidates(db, { query: "99", limit: 10 })).total).toBe(0)
  })

  it("limits the items but counts them all", async () => {
    const res = await candidates(db, { query: "", limit: 2 })
    expect(res.total).toBe(5)
    expect(res.items.map((c) => c.productId)).toEqual([190, 23])
  })
})

describe("recordSeen", () => {
  beforeEach(async () => {
    await db.products.bulkPut([product(19), product(7)])
  })

  it("stores rows by normalised link and counts those matching a product", async () => {
    const matched = await recordSeen(
      db,
      { rows: [row(" /pages/productdetail/productdetail?id=19 "), row(555), row(7, { priceText: "¥59.00（原价 ¥99.00）" })], shelf: "pending" },
      1000
    )
    expect(matched).toBe(2)
    expect((await db.wechatGoods.toCollection().primaryKeys()).sort()).toEqual([link(19), link(555), link(7)].map((l) => goodsKey(null, l)).sort())
    expect(await db.wechatGoods.get(goodsKey(null, link(19)))).toEqual({
      key: goodsKey(null, link(19)),
      url: link(19),
      name: "天使旅行箱",
      status: "reviewing",
      statusText: "审核中",
      rejectReason: null,
      priceLowFen: 39900,
      priceHighFen: 48800,
      discount: false,
      firstSeenAt: 1000,
      seenAt: 1000,
      statusSince: 1000
    })
    expect(await db.wechatGoods.get(goodsKey(null, link(7)))).toMatchObject({ priceLowFen: 5900, priceHighFen: 5900, discount: true })
  })

  it("keeps the first sighting and moves statusSince only when the status changes", async () => {
    await recordSeen(db, { rows: [row(19)], shelf: "pending" }, 1000)
    await recordSeen(db, { rows: [row(19)], shelf: "pending" }, 2000)
    expect(await db.wechatGoods.get(goodsKey(null, link(19)))).toMatchObject({ firstSeenAt: 1000, seenAt: 2000, statusSince: 1000, status: "reviewing" })
    await recordSeen(db, { rows: [row(19, { status: "rejected", statusText: "审核未通过", rejectReason: "图片不清晰" })], shelf: "pending" }, 3000)
    expect(await db.wechatGoods.get(goodsKey(null, link(19)))).toMatchObject({
      firstSeenAt: 1000,
      seenAt: 3000,
      statusSince: 3000,
      status: "rejected",
      rejectReason: "图片不清晰"
    })
  })

  it("keeps a rejection reason only while rejected", async () => {
    await recordSeen(db, { rows: [row(19, { status: "rejected", rejectReason: "图片不清晰" })], shelf: "pending" }, 1000)
    // Still rejected, the reason not shown this time: the known one stays.
    await recordSeen(db, { rows: [row(19, { status: "rejected", rejectReason: null })], shelf: "pending" }, 2000)
    expect((await db.wechatGoods.get(goodsKey(null, link(19))))?.rejectReason).toBe("图片不清晰")
    // Resubmitted: no reason, whatever the row carries.
    await recordSeen(db, { rows: [row(19, { status: "reviewing", rejectReason: "stale" })], shelf: "pending" }, 3000)
    expect(await db.wechatGoods.get(goodsKey(null, link(19)))).toMatchObject({ status: "reviewing", rejectReason: null, statusSince: 3000 })
  })

  it("takes the 已入库 shelf for the status of rows without one", async () => {
    const matched = await recordSeen(db, { rows: [row(19, { status: null, statusText: "" })], shelf: "approved" }, 1000)
    expect(matched).toBe(1)
    expect(await db.wechatGoods.get(goodsKey(null, link(19)))).toMatchObject({ status: "approved", statusText: "已入库", rejectReason: null })
  })

  it("skips rows without a known status or a link", async () => {
    expect(await recordSeen(db, { rows: [row(19, { status: null })], shelf: "pending" }, 1000)).toBe(0)
    expect(await recordSeen(db, { rows: [row(19, { status: null })], shelf: null }, 1000)).toBe(0)
    expect(await recordSeen(db, { rows: [row("  ")], shelf: "approved" }, 1000)).toBe(0)
    expect(await db.wechatGoods.count()).toBe(0)
    expect(await recordSeen(db, { rows: [row(19, { status: null }), row(7)], shelf: "pending" }, 1000)).toBe(1)
    expect((await db.wechatGoods.toCollection().primaryKeys()) as string[]).toEqual([goodsKey(null, link(7))])
  })

  it("keeps the known price when the row's price cannot be read", async () => {
    await recordSeen(db, { rows: [row(19)], shelf: "pending" }, 1000)
    await recordSeen(db, { rows: [row(19, { priceText: "—" })], shelf: "pending" }, 2000)
    expect(await db.wechatGoods.get(goodsKey(null, link(19)))).toMatchObject({ priceLowFen: 39900, priceHighFen: 48800 })
  })
})

describe("recordFilled", () => {
  const qualified = (over: Partial<{ name: string; priceLowFen: number; priceHighFen: number }> = {}) => ({
    product: { productId: 19, shopId: 1, name: "天使旅行箱", priceLowFen: 39900, priceHighFen: 48800, link: link(19), imageUrl: null, ...over },
    source: "row" as const
  })

  beforeEach(async () => {
    await saveProducts(db, SHOP, [qualified()], 100)
  })

  it.each([
    [1, "68.00", "", 6800, 6800],
    [2, "399.00", "488.00", 39900, 48800],
    [3, "99.00", "59.00", 5900, 5900]
  ] as const)("keeps a type %i fill in fen", async (priceType, price, price2, low, high) => {
    expect(await recordFilled(db, { productKey: key(19), outcome: "partial", priceType, price, price2 }, 500)).toBe(true)
    expect((await db.products.get(key(19)))?.lastFill).toEqual({ at: 500, outcome: "partial", priceType, priceLowFen: low, priceHighFen: high })
  })

  it("refuses unreadable prices and unknown products", async () => {
    expect(await recordFilled(db, { productKey: key(19), outcome: "ok", priceType: 2, price: "399.00", price2: "abc" }, 500)).toBe(false)
    expect(await recordFilled(db, { productKey: key(999), outcome: "ok", priceType: 1, price: "1.00", price2: "" }, 500)).toBe(false)
    expect((await db.products.get(key(19)))?.lastFill).toBeNull()
  })

  it("survives a later capture of the product, changed or not", async () => {
    await recordFilled(db, { productKey: key(19), outcome: "ok", priceType: 2, price: "399.00", price2: "488.00" }, 500)
    const fill = (await db.products.get(key(19)))?.lastFill
    expect(await saveProducts(db, SHOP, [qualified()], 600)).toEqual(["unchanged"])
    expect((await db.products.get(key(19)))?.lastFill).toEqual(fill)
    expect(await saveProducts(db, SHOP, [qualified({ name: "天使旅行箱二代", priceLowFen: 42000 })], 700)).toEqual(["updated"])
    const p = await db.products.get(key(19))
    expect(p?.lastFill).toEqual(fill)
    expect(p?.priceLowFen).toBe(42000)
    // And the new price now drifts from what was filled.
    expect(toCandidate(p!, undefined).drift).toBe(true)
  })
})

describe("toCandidate drift", () => {
  const p = product(19)

  it("compares with the price WeChat's table shows", () => {
    expect(toCandidate(p, goods(19, { priceLowFen: 39900, priceHighFen: 48800 })).drift).toBe(false)
    expect(toCandidate(p, goods(19, { priceLowFen: 39900, priceHighFen: 50000 })).drift).toBe(true)
    expect(toCandidate(p, goods(19, { priceLowFen: 30000, priceHighFen: 48800 })).drift).toBe(true)
    // 显示折扣价 holds one current price: HiMall's lowest.
    expect(toCandidate(p, goods(19, { priceLowFen: 39900, priceHighFen: 39900, discount: true })).drift).toBe(false)
    expect(toCandidate(p, goods(19, { priceLowFen: 35000, priceHighFen: 35000, discount: true })).drift).toBe(true)
    // Unreadable price: nothing to compare.
    expect(toCandidate(p, goods(19)).drift).toBe(false)
  })

  it("compares with the last fill until the table shows the goods", () => {
    const fill = (priceType: 1 | 2 | 3, low: number, high: number) => ({ at: 1, outcome: "ok" as const, priceType, priceLowFen: low, priceHighFen: high })
    expect(toCandidate({ ...p, lastFill: fill(2, 39900, 48800) }, undefined).drift).toBe(false)
    expect(toCandidate({ ...p, lastFill: fill(2, 39900, 45000) }, undefined).drift).toBe(true)
    expect(toCandidate({ ...p, lastFill: fill(3, 39900, 39900) }, undefined).drift).toBe(false)
    expect(toCandidate({ ...p, lastFill: fill(3, 30000, 30000) }, undefined).drift).toBe(true)
    expect(toCandidate({ ...p, lastFill: fill(1, 39900, 39900) }, undefined).drift).toBe(true)
    expect(toCandidate({ ...p, lastFill: null }, undefined).drift).toBe(false)
    // WeChat's own table wins over what was filled.
    expect(toCandidate({ ...p, lastFill: fill(2, 1, 2) }, goods(19, { priceLowFen: 39900, priceHighFen: 48800 })).drift).toBe(false)
  })
})

describe("prepare and cover warm-up (no picture)", () => {
  it("answers the product with image_missing when it has no picture", async () => {
    await db.products.put(product(19, { imageUrl: null }))
    await db.wechatGoods.put(goods(19, { status: "rejected", rejectReason: "图片不清晰" }))
    const res = await prepare(db, { productKey: key(19), fit: null }, 1000)
    expect(res).toEqual({
      product: expect.objectContaining({ key: key(19), productId: 19, imageUrl: null, goodsStatus: "rejected", rejectReason: "图片不清晰" }),
      cover: { ok: false, problem: "image_missing" }
    })
  })

  it("is null for no such product", async () => {
    expect(await prepare(db, { productKey: key(404), fit: "crop" }, 1000)).toBeNull()
  })

  it("warms nothing for products without a picture", async () => {
    await db.products.put(product(19, { imageUrl: null }))
    expect(await warmCovers(db, [key(19), key(404)], 1000)).toBe(0)
    expect(await db.covers.count()).toBe(0)
  })
})

describe("goods queue", () => {
  beforeEach(async () => {
    // Captured in the order 3, 1, 2 (capturedAt; neither id nor storing order); 4 is in WeChat already.
    await db.products.bulkPut([product(1, { capturedAt: 20 }), product(2, { capturedAt: 30 }), product(4, { capturedAt: 5 }), product(3, { capturedAt: 10 })])
    await db.wechatGoods.put(goods(4, { status: "approved" }))
  })

  /** The capture order. */
  const [A, B, C] = [3, 1, 2]
  const seen = (id: number) => recordSeen(db, { rows: [row(id)], shelf: "pending" }, 5000)

  it("is null before a start, and commands without a queue change nothing", async () => {
    expect(await getQueue(db)).toBeNull()
    expect(await queueCommand(db, "skip", 1)).toBeNull()
    expect(await queueAfterSeen(db, 1)).toBeNull()
    expect(await db.jobs.count()).toBe(0)
  })

  it("starts with the products WeChat lacks, in capture order", async () => {
    const q = await queueCommand(db, "start", 1000)
    expect(q).toMatchObject({ state: "running", total: 3, done: 0, skipped: 0, current: { key: key(A), goodsStatus: null } })
    expect((await db.jobs.get(QUEUE_ID))?.data).toEqual({ items: [key(A), key(B), key(C)], index: 0, skipped: [] })
    expect(await getQueue(db)).toEqual(q)
  })

  it("is done at once when nothing is missing", async () => {
    await db.wechatGoods.bulkPut([goods(A), goods(B), goods(C)])
    expect(await queueCommand(db, "start", 1000)).toEqual({ state: "done", total: 0, done: 0, skipped: 0, current: null })
  })

  it("skips, pauses, resumes and stops", async () => {
    await queueCommand(db, "start", 1000)
    expect(await queueCommand(db, "skip", 1001)).toMatchObject({ state: "running", done: 1, skipped: 1, current: { key: key(B) } })
    expect(await queueCommand(db, "pause", 1002)).toMatchObject({ state: "paused", done: 1, current: { key: key(B) } })
    expect(await queueCommand(db, "pause", 1003)).toMatchObject({ state: "paused" })
    expect(await queueCommand(db, "resume", 1004)).toMatchObject({ state: "running", current: { key: key(B) } })
    expect(await queueCommand(db, "stop", 1005)).toMatchObject({ state: "stopped", done: 1, current: { key: key(B) } })
    // A stopped queue stays stopped, and skip does nothing to it.
    expect(await queueCommand(db, "resume", 1006)).toMatchObject({ state: "stopped" })
    expect(await queueCommand(db, "skip", 1007)).toMatchObject({ state: "stopped", done: 1, skipped: 1 })
  })

  it("moves on when WeChat's table shows the current product, and is done at the end", async () => {
    await queueCommand(db, "start", 1000)
    // A product later in the list shows up first: the current one stays.
    await seen(C)
    expect(await queueAfterSeen(db, 2000)).toMatchObject({ state: "running", done: 0, current: { key: key(A) } })
    await seen(A)
    // A is held now and B is next; skipping B then finds C held already.
    expect(await queueAfterSeen(db, 2001)).toMatchObject({ state: "running", done: 1, skipped: 0, current: { key: key(B) } })
    expect(await queueCommand(db, "skip", 2002)).toEqual({ state: "done", total: 3, done: 3, skipped: 1, current: null })

    // A fresh connection (a restarted worker) reads the same state.
    const fresh = new HelperDb()
    try {
      expect(await getQueue(fresh)).toEqual({ state: "done", total: 3, done: 3, skipped: 1, current: null })
      expect((await fresh.jobs.get(QUEUE_ID))?.data).toEqual({ items: [key(A), key(B), key(C)], index: 3, skipped: [key(B)] })
    } finally {
      fresh.close()
    }
  })

  it("is done after the last product is seen, also while paused", async () => {
    await queueCommand(db, "start", 1000)
    await queueCommand(db, "pause", 1001)
    await seen(A)
    await seen(B)
    expect(await queueAfterSeen(db, 2000)).toMatchObject({ state: "paused", done: 2, current: { key: key(C) } })
    await seen(C)
    expect(await queueAfterSeen(db, 3000)).toEqual({ state: "done", total: 3, done: 3, skipped: 0, current: null })
    expect(await getQueue(db)).toMatchObject({ state: "done", done: 3 })
    expect((await db.jobs.get(QUEUE_ID))?.updatedAt).toBe(3000)
  })

  it("does not move a stopped queue when goods are seen", async () => {
    await queueCommand(db, "start", 1000)
    await queueCommand(db, "stop", 1001)
    await seen(A)
    expect(await queueAfterSeen(db, 2000)).toMatchObject({ state: "stopped", done: 0 })
    expect((await db.jobs.get(QUEUE_ID))?.updatedAt).toBe(1001)
  })

  it("a new start rebuilds the list from what WeChat holds now", async () => {
    await queueCommand(db, "start", 1000)
    await queueCommand(db, "skip", 1001)
    await seen(C)
    expect(await queueCommand(db, "start", 2000)).toMatchObject({ state: "running", total: 2, done: 0, skipped: 0, current: { key: key(A) } })
    expect((await db.jobs.get(QUEUE_ID))?.data).toEqual({ items: [key(A), key(B)], index: 0, skipped: [] })
  })

  it("matches products to goods through the normalised link", () => {
    expect(goodsUrl("/pages/productdetail/productdetail?id=19 ")).toBe(link(19))
    expect(goodsUrl(" not a link! ")).toBe("not a link!")
  })
})
