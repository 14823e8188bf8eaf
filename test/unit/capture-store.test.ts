import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { handleCapture } from "~background/capture"
import { createRouter } from "~background/router"
import { MAX_NOTICES, addNotices, saveProducts } from "~db/products"
import { HelperDb } from "~db/schema"
import { parseEnvelope } from "~protocol/messages"

import { PRODUCT_PAGE, rawProduct, SHOP } from "../support/factories"

const shop = SHOP
const page = PRODUCT_PAGE
const raw = rawProduct

let db: HelperDb
let n = 0
beforeEach(async () => {
  db = new HelperDb(`test-${n++}`)
  await db.open()
})
afterEach(async () => {
  await db.delete()
})

describe("handleCapture", () => {
  it("stores a product with its shop, price and link", async () => {
    const res = await handleCapture(db, shop, page, { products: [raw()] }, 1000)
    expect(res.results).toEqual([{ productId: "19", outcome: "created", problems: [], warnings: [] }])
    const p = await db.products.get(`${shop}|19`)
    expect(p).toMatchObject({
      shopOrigin: shop,
      shopId: 1,
      productId: 19,
      name: "天使旅行箱",
      priceLowFen: 39900,
      priceHighFen: 48800,
      link: "pages/productdetail/productdetail?id=19",
      imageUrl: `${shop}/Storage/Shop/1/Products/19/1_220.png`,
      capturedAt: 1000,
      updatedAt: 1000,
      priceHistory: [{ lowFen: 39900, highFen: 48800, at: 1000 }]
    })
  })

  it("re-capturing keeps the first capture time and the price history", async () => {
    await handleCapture(db, shop, page, { products: [raw()] }, 1000)
    const same = await handleCapture(db, shop, page, { products: [raw()] }, 2000)
    expect(same.results[0].outcome).toBe("unchanged")
    const changed = await handleCapture(db, shop, page, { products: [raw({ price: "420.00~488.00" })] }, 3000)
    expect(changed.results[0].outcome).toBe("updated")
    const p = await db.products.get(`${shop}|19`)
    expect(p?.capturedAt).toBe(1000)
    expect(p?.updatedAt).toBe(3000)
    expect(p?.priceHistory.map((h) => [h.lowFen, h.at])).toEqual([
      [39900, 1000],
      [42000, 3000]
    ])
  })

  it("refuses a broken row, stores nothing for it and keeps a notice", async () => {
    const res = await handleCapture(db, shop, page, { products: [raw({ productId: "7", price: "面议" }), raw()] }, 1000)
    expect(res.results.map((r) => r.outcome)).toEqual(["rejected", "created"])
    expect(res.results[0].problems).toEqual(["price_not_number"])
    expect(await db.products.count()).toBe(1)
    const notices = await db.notices.toArray()
    expect(notices).toMatchObject([{ shopOrigin: shop, productId: "7", productName: "天使旅行箱", problems: ["price_not_number"] }])
  })

  it("keeps a known picture when a later capture has none", async () => {
    await handleCapture(db, shop, page, { products: [raw()] }, 1000)
    await handleCapture(db, shop, page, { products: [raw({ imageUrl: null })] }, 2000)
    expect((await db.products.get(`${shop}|19`))?.imageUrl).toContain("1_220.png")
  })

  it("stores HiMall's sale and audit states; unknown until read, kept when a later capture reads none, updated when they change", async () => {
    await handleCapture(db, shop, page, { products: [raw()] }, 1000)
    expect(await db.products.get(`${shop}|19`)).toMatchObject({ saleStatus: null, auditStatus: null })
    // Read for the first time: stored, and no change to tell.
    const first = await handleCapture(db, shop, page, { products: [raw({ saleStatus: 1, auditStatus: 2 })] }, 2000)
    expect(first.results[0].outcome).toBe("unchanged")
    expect(await db.products.get(`${shop}|19`)).toMatchObject({ saleStatus: 1, auditStatus: 2 })
    const later = await handleCapture(db, shop, page, { products: [raw()] }, 3000)
    expect(later.results[0].outcome).toBe("unchanged")
    expect(await db.products.get(`${shop}|19`)).toMatchObject({ saleStatus: 1, auditStatus: 2 })
    const offSale = await handleCapture(db, shop, page, { products: [raw({ auditStatus: 4 })] }, 4000)
    expect(offSale.results[0].outcome).toBe("updated")
    expect(await db.products.get(`${shop}|19`)).toMatchObject({ saleStatus: 1, auditStatus: 4 })
  })

  it("counts one product once when a batch repeats it", async () => {
    await saveProducts(
      db,
      shop,
      [1, 2].map(() => ({
        product: { productId: 5, shopId: 1, name: "x商品", priceLowFen: 100, priceHighFen: 100, link: "pages/a?id=5", imageUrl: null },
        source: "row" as const
      })),
      10
    )
    expect(await db.products.count()).toBe(1)
  })

  it("keeps only the newest notices", async () => {
    const make = (i: number) => ({ at: i, level: "error" as const, shopOrigin: shop, productId: String(i), productName: null, problems: [] })
    await addNotices(
      db,
      Array.from({ length: MAX_NOTICES + 5 }, (_, i) => make(i))
    )
    expect(await db.notices.count()).toBe(MAX_NOTICES)
    expect((await db.notices.orderBy("at").first())?.at).toBe(5)
  })
})

describe("message validation", () => {
  const ok = { lh: 1, type: "product.capture", payload: { products: [raw()] } }
  it("accepts a well-formed capture", () => {
    expect(parseEnvelope(ok)).toEqual(ok)
  })
  it.each([
    ["no marker", { ...ok, lh: undefined }],
    ["unknown type", { ...ok, type: "db.clear" }],
    ["prototype key", { ...ok, type: "toString" }],
    ["no products", { ...ok, payload: { products: [] } }],
    ["number as id", { ...ok, payload: { products: [{ ...raw(), productId: 19 }] } }],
    ["bad source", { ...ok, payload: { products: [{ ...raw(), source: "evil" }] } }],
    ["state not a small integer", { ...ok, payload: { products: [{ ...raw(), saleStatus: "1" }] } }],
    ["state out of range", { ...ok, payload: { products: [{ ...raw(), auditStatus: 100 }] } }],
    ["huge text", { ...ok, payload: { products: [{ ...raw(), name: "x".repeat(5000) }] } }],
    ["too many", { ...ok, payload: { products: Array.from({ length: 501 }, () => raw()) } }],
    ["not an object", "product.capture"]
  ])("refuses %s", (_, msg) => {
    expect(parseEnvelope(msg)).toBeNull()
  })
})

describe("router", () => {
  const sender = { id: "ext", tab: { id: 1 } as never, url: page, origin: shop }
  const make = (shops: string[]) => createRouter({ db, extensionId: "ext", isShopOrigin: async (o) => shops.includes(o), now: () => 5 })
  const msg = { lh: 1, type: "product.capture", payload: { products: [raw()] } }

  it("stores a capture from an enabled shop", async () => {
    const reply = await make([shop])(msg, sender)
    expect(reply).toMatchObject({ ok: true, data: { results: [{ outcome: "created" }] } })
    expect(await db.products.count()).toBe(1)
  })
  it("ignores other extensions and senders without a tab", async () => {
    expect(await make([shop])(msg, { ...sender, id: "other" })).toBeUndefined()
    expect(await make([shop])(msg, { ...sender, tab: undefined })).toBeUndefined()
    expect(await db.products.count()).toBe(0)
  })
  it("refuses pages that are not an enabled shop, and malformed messages", async () => {
    expect(await make([])(msg, sender)).toEqual({ ok: false, code: "sender_not_shop" })
    expect(await make([shop])({ ...msg, payload: {} }, sender)).toEqual({ ok: false, code: "invalid_message" })
    expect(await db.products.count()).toBe(0)
  })
})
