// capture-all and capture-page below the browser: HiMall's list endpoint (URL, fetch, shape,
// mapping to RawProduct), the background job (start / page / stop / status / resume) on a fake
// IndexedDB, its messages' validators and routing, and the shared capture summary.
import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { captureAllJobId, captureAllPage, captureAllStatus, readCaptureAllData, startCaptureAll, stopCaptureAll } from "~background/capture-all"
import { handleCapture } from "~background/capture"
import { createRouter } from "~background/router"
import { qualifyProduct, type RawProduct } from "~core/product"
import { HelperDb } from "~db/schema"
import { countResults } from "~core/capture-counts"
import { summaryText } from "~features/parts/grid-toolbar"
import { parseEnvelope } from "~protocol/messages"
import {
  EndpointError,
  endpointPrice,
  endpointRowToRaw,
  fetchProductPage,
  parseEndpointPage,
  productListUrl,
  type EndpointRow
} from "~sites/himall/product-endpoint"
import { findProductGrid } from "~sites/himall/product-grid"

import { PRODUCT_PAGE, SHOP } from "../support/factories"

const LIST = "/Admin/Product/List"

function endpointRow(over: Partial<EndpointRow> & Record<string, unknown> = {}): EndpointRow {
  // Rows carry more fields than we read (brandName, …).
  const row: EndpointRow & Record<string, unknown> = {
    id: 19,
    name: "天使旅行箱",
    price: 399,
    MaxPrice: 488,
    shopId: 1,
    imgUrl: "/Storage/Shop/1/Products/19/1_220.png",
    saleStatus: 1
  }
  return { ...row, ...over }
}

function products(from: number, n: number): RawProduct[] {
  return Array.from({ length: n }, (_, i) =>
    endpointRowToRaw(endpointRow({ id: from + i, name: `商品${from + i}`, price: 10 + from + i, MaxPrice: 10 + from + i }))
  )
}

describe("the list endpoint's URL", () => {
  it.each([
    ["https://shop.example.com/Admin/Product/Management", "https://shop.example.com/Admin/Product/List"],
    ["https://shop.example.com/admin/product/management?x=1", "https://shop.example.com/Admin/Product/List"],
    ["https://shop.example.com/SellerAdmin/Product/Management", "https://shop.example.com/SellerAdmin/Product/List"],
    ["https://shop.example.com/SELLERADMIN/PRODUCT/MANAGEMENT/", "https://shop.example.com/SellerAdmin/Product/List"],
    ["http://127.0.0.1:8080/Admin/Live/Management", "http://127.0.0.1:8080/Admin/Product/List"]
  ])("%s → %s", (page, list) => {
    expect(productListUrl(new URL(page))).toBe(list)
  })
  it.each(["https://shop.example.com/", "https://shop.example.com/Product/Detail/19", "https://shop.example.com/Administrator/x"])(
    "none outside the admin areas: %s",
    (page) => {
      expect(productListUrl(new URL(page))).toBeNull()
    }
  )
})

describe("endpoint row → RawProduct", () => {
  it("maps id, shop, name, price range and picture", () => {
    expect(endpointRowToRaw(endpointRow())).toEqual({
      productId: "19",
      shopId: "1",
      name: "天使旅行箱",
      price: "399~488",
      link: null,
      imageUrl: "/Storage/Shop/1/Products/19/1_220.png",
      source: "endpoint",
      saleStatus: 1,
      auditStatus: null
    })
  })
  it.each<[string, Partial<EndpointRow>, string | null]>([
    ["one price", { price: 68, MaxPrice: 68 }, "68"],
    ["no MaxPrice", { price: 68, MaxPrice: undefined }, "68"],
    ["MaxPrice null", { price: 68, MaxPrice: null }, "68"],
    ["MaxPrice below price (kept as the price)", { price: 68, MaxPrice: 10 }, "68"],
    ["prices as text", { price: "128.5", MaxPrice: "168" }, "128.5~168"],
    ["equal prices as text", { price: "59.90", MaxPrice: "59.90" }, "59.90"],
    ["decimals", { price: 2.5, MaxPrice: 12 }, "2.5~12"],
    ["no price", { price: undefined }, null],
    ["unreadable MaxPrice", { price: 5, MaxPrice: "n/a" }, "5"]
  ])("price: %s", (_, over, price) => {
    expect(endpointPrice(endpointRow(over))).toBe(price)
  })
  it("passes numbers and text on, drops other types", () => {
    const raw = endpointRowToRaw({ id: "130", shopId: { x: 1 }, name: ["a"], price: true, imgUrl: 5 })
    expect(raw).toMatchObject({ productId: "130", shopId: null, name: null, price: null, imageUrl: "5" })
  })
  it("caps long text below the protocol's limit, so the message stays valid and the name is refused", () => {
    const raw = endpointRowToRaw(endpointRow({ name: "长".repeat(5000) }))
    expect(raw.name!.length).toBe(1000)
    expect(parseEnvelope({ lh: 1, type: "product.capture", payload: { products: [raw] } })).not.toBeNull()
    expect(qualifyProduct(raw, PRODUCT_PAGE)).toMatchObject({ ok: false, problems: ["name_too_long"] })
  })
  it("qualifies the same as the grid row HiMall draws from the same data", () => {
    // The grid's .thisPrice: money(price), "~" money(MaxPrice) when they differ (product.js).
    const money = (v: unknown) => Number(v).toFixed(2)
    const rows: EndpointRow[] = [
      endpointRow(),
      endpointRow({ id: 121, name: "  纯棉T恤  ", price: "59.90", MaxPrice: "59.90" }),
      endpointRow({ id: 119, price: "128.5", MaxPrice: "168" }),
      endpointRow({ id: 122, name: "茶", price: 0.01, MaxPrice: 0.01, shopId: 4 }),
      endpointRow({ id: 120, price: 99999.99, MaxPrice: 99999.99, shopId: 3 }),
      endpointRow({ id: 124, name: "   ", price: 10, MaxPrice: 10 })
    ]
    for (const r of rows) {
      const low = money(r.price)
      const high = money(r.MaxPrice)
      const fromRow: RawProduct = {
        productId: String(r.id),
        shopId: String(r.shopId),
        name: r.name as string,
        price: high !== low ? `${low}~${high}` : low,
        link: null,
        imageUrl: r.imgUrl as string,
        source: "row",
        // The grid's 状态 column is drawn from the same saleStatus.
        saleStatus: r.saleStatus as number
      }
      expect(qualifyProduct(endpointRowToRaw(r), PRODUCT_PAGE)).toEqual(qualifyProduct(fromRow, PRODUCT_PAGE))
    }
  })
  it("makes the picture absolute only when qualified", () => {
    const q = qualifyProduct(endpointRowToRaw(endpointRow()), PRODUCT_PAGE)
    expect(q.ok && q.product.imageUrl).toBe(`${SHOP}/Storage/Shop/1/Products/19/1_220.png`)
  })
})

describe("reading a page of the endpoint", () => {
  it("checks the answer's shape", () => {
    expect(parseEndpointPage({ rows: [endpointRow()], total: 1 }).total).toBe(1)
    expect(parseEndpointPage({ rows: [], total: "0" }).total).toBe(0)
    for (const bad of [null, [], { rows: {} }, { rows: [] }, { rows: [], total: -1 }, { rows: [], total: 1.5 }, { rows: [1], total: 1 }]) {
      expect(() => parseEndpointPage(bad)).toThrow(EndpointError)
    }
  })

  function fakeFetch(answer: () => Response | Promise<Response>) {
    const calls: { url: string; init: RequestInit }[] = []
    const f = (async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      return answer()
    }) as unknown as typeof fetch
    return { calls, f }
  }

  it("POSTs page and rows form-encoded, same-origin, and reads the JSON", async () => {
    const { calls, f } = fakeFetch(() => new Response(JSON.stringify({ rows: [endpointRow()], total: 123 })))
    const page = await fetchProductPage(`${SHOP}${LIST}`, { page: 3, rows: 100, filters: { keyWords: "箱" } }, f)
    expect(page).toEqual({ rows: [endpointRow()], total: 123 })
    expect(calls[0].url).toBe(`${SHOP}${LIST}`)
    expect(calls[0].init).toMatchObject({ method: "POST", credentials: "same-origin" })
    expect(String(calls[0].init.body)).toBe("keyWords=%E7%AE%B1&page=3&rows=100")
  })

  it.each<[string, () => Response | Promise<Response>, string]>([
    ["an HTTP error", () => new Response("oops", { status: 500 }), "list_http"],
    ["the login page (session expired)", () => new Response("<html><title>登录</title></html>", { headers: { "Content-Type": "text/html" } }), "list_not_json"],
    ["other JSON", () => new Response(JSON.stringify({ success: false, msg: "x" })), "list_shape"],
    ["a network failure", () => Promise.reject(new TypeError("Failed to fetch")), "list_network"]
  ])("names %s", async (_, answer, problem) => {
    const { f } = fakeFetch(answer)
    await expect(fetchProductPage(`${SHOP}${LIST}`, { page: 1, rows: 100 }, f)).rejects.toMatchObject({ problem })
  })
})

let db: HelperDb
let n = 0
beforeEach(async () => {
  db = new HelperDb(`capture-all-${n++}`)
  await db.open()
})
afterEach(async () => {
  await db.delete()
})

const start = (resume = false, at = 1000, runId = `0000000${at}-run`.slice(-12)) =>
  startCaptureAll(db, SHOP, { listPath: LIST, pageSize: 100, resume }, at, () => `aaaaaaaa-${runId}`)
const page = (runId: string, p: number, total: number, items: RawProduct[], at = 2000) =>
  captureAllPage(db, SHOP, PRODUCT_PAGE, { runId, page: p, total, products: items }, at)

describe("the capture-all job (background)", () => {
  it("starts a job for the shop, stores pages with their progress, and is done after the last", async () => {
    const { runId, resumed, job } = await start()
    expect(resumed).toBe(false)
    expect(job).toMatchObject({ state: "running", listPath: LIST, pageSize: 100, nextPage: 1, received: 0, total: 0 })

    const p1 = await page(runId, 1, 250, products(1, 100))
    expect(p1).toMatchObject({ outcome: "stored", counts: { created: 100 }, job: { state: "running", total: 250, pages: 3, nextPage: 2, received: 100 } })
    await page(runId, 2, 250, products(101, 100))
    const p3 = await page(runId, 3, 250, products(201, 50), 3000)
    expect(p3.job).toMatchObject({
      state: "done",
      nextPage: 4,
      received: 250,
      counts: { created: 250, updated: 0, unchanged: 0, rejected: 0 },
      updatedAt: 3000
    })
    expect(await db.products.count()).toBe(250)
    expect((await db.products.get(`${SHOP}|250`))?.source).toBe("endpoint")

    const record = await db.jobs.get(captureAllJobId(SHOP))
    expect(record?.id).toBe(`capture-all|${SHOP}`)
    expect(readCaptureAllData(record)).toMatchObject({ runId, listPath: LIST, pageSize: 100, total: 250, pages: 3, nextPage: 4, received: 250, error: null })
    expect((await captureAllStatus(db, SHOP)).job).toMatchObject({ state: "done", received: 250 })
    expect((await captureAllStatus(db, "https://other.example.com")).job).toBeNull()
  })

  it("counts refusals with their reasons and keeps notices for them", async () => {
    const { runId } = await start()
    const items = [...products(1, 2), endpointRowToRaw(endpointRow({ id: 3, name: "   " })), endpointRowToRaw(endpointRow({ id: 4, price: "面议" }))]
    const r = await page(runId, 1, 4, items)
    expect(r.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 2 })
    expect(r.job).toMatchObject({ state: "done", problems: { name_missing: 1, price_not_number: 1 } })
    expect(await db.notices.count()).toBe(2)
  })

  it("answers a page sent twice as a duplicate and does not count it again", async () => {
    const { runId } = await start()
    await page(runId, 1, 300, products(1, 100))
    const again = await page(runId, 1, 300, products(1, 100))
    expect(again).toMatchObject({ outcome: "duplicate", counts: { created: 0, unchanged: 0 }, job: { nextPage: 2, received: 100 } })
    const ahead = await page(runId, 3, 300, products(201, 100))
    expect(ahead).toMatchObject({ outcome: "out_of_order", job: { nextPage: 2 } })
    expect(await db.products.count()).toBe(100)
  })

  it("stores a page once when the same page arrives twice at the same time", async () => {
    const { runId } = await start()
    const [a, b] = await Promise.all([page(runId, 1, 200, products(1, 100)), page(runId, 1, 200, products(1, 100))])
    expect([a.outcome, b.outcome].sort()).toEqual(["duplicate", "stored"])
    expect((await captureAllStatus(db, SHOP)).job).toMatchObject({ received: 100, counts: { created: 100, unchanged: 0 } })
  })

  it("stop pauses the run; resume continues from the next page with the counts so far", async () => {
    const first = await start(false, 1000)
    await page(first.runId, 1, 300, products(1, 100))
    const stopped = await stopCaptureAll(db, SHOP, { runId: first.runId, error: null }, 1500)
    expect(stopped.job).toMatchObject({ state: "paused", nextPage: 2, received: 100, error: null })
    // The stopped run cannot add pages any more.
    expect((await page(first.runId, 2, 300, products(101, 100))).outcome).toBe("superseded")

    const again = await start(true, 5000, "second")
    expect(again.resumed).toBe(true)
    expect(again.runId).not.toBe(first.runId)
    expect(again.job).toMatchObject({ state: "running", nextPage: 2, received: 100, counts: { created: 100 }, startedAt: 1000, updatedAt: 5000 })
    await page(again.runId, 2, 300, products(101, 100))
    const last = await page(again.runId, 3, 300, products(201, 100))
    expect(last.job).toMatchObject({ state: "done", received: 300, counts: { created: 300 } })
    expect(await db.products.count()).toBe(300)
  })

  it("a run interrupted without a stop (reload, closed tab) can be resumed too", async () => {
    const first = await start()
    await page(first.runId, 1, 300, products(1, 100))
    const again = await start(true, 3000, "again")
    expect(again).toMatchObject({ resumed: true, job: { nextPage: 2 } })
  })

  it("a stop with an error keeps the error for the page to show", async () => {
    const { runId } = await start()
    await page(runId, 1, 300, products(1, 100))
    const r = await stopCaptureAll(db, SHOP, { runId, error: "list_not_json" })
    expect(r.job).toMatchObject({ state: "paused", error: "list_not_json" })
    expect((await start(true)).job.error).toBeNull()
  })

  it("starts afresh when there is nothing to resume: done, another list, another page size, nothing stored", async () => {
    const fresh = await start(true)
    expect(fresh.resumed).toBe(false)
    await page(fresh.runId, 1, 300, products(1, 100))
    const seller = await startCaptureAll(db, SHOP, { listPath: "/SellerAdmin/Product/List", pageSize: 100, resume: true }, 2000, () => "bbbbbbbb-1")
    expect(seller).toMatchObject({ resumed: false, job: { listPath: "/SellerAdmin/Product/List", nextPage: 1, received: 0 } })
    await page(seller.runId, 1, 300, products(1, 100))
    const size = await startCaptureAll(db, SHOP, { listPath: "/SellerAdmin/Product/List", pageSize: 50, resume: true }, 3000, () => "cccccccc-1")
    expect(size.resumed).toBe(false)
    const done = await start(false, 4000, "d")
    await page(done.runId, 1, 100, products(1, 100))
    expect((await start(true, 5000, "e")).resumed).toBe(false)
  })

  it("a new start takes over: the older run's pages are refused as superseded", async () => {
    const a = await start(false, 1000, "a")
    const b = await start(false, 1100, "b")
    expect((await page(a.runId, 1, 100, products(1, 100))).outcome).toBe("superseded")
    expect((await page(b.runId, 1, 100, products(1, 100))).outcome).toBe("stored")
    expect(await stopCaptureAll(db, SHOP, { runId: a.runId, error: null })).toMatchObject({ job: { state: "done" } })
  })

  it("an empty shop is done after its first (empty) page", async () => {
    const { runId } = await start()
    expect((await page(runId, 1, 0, [])).job).toMatchObject({ state: "done", total: 0, pages: 0, received: 0 })
  })

  it("re-capturing updates changed products and appends to their price history", async () => {
    const a = await start(false, 1000, "a")
    await page(a.runId, 1, 2, products(1, 2), 1000)
    const b = await start(false, 2000, "b")
    const changed = [products(1, 1)[0], endpointRowToRaw(endpointRow({ id: 2, name: "商品2", price: 20, MaxPrice: 30 }))]
    const r = await page(b.runId, 1, 2, changed, 2000)
    expect(r.counts).toEqual({ created: 0, updated: 1, unchanged: 1, rejected: 0 })
    const p = await db.products.get(`${SHOP}|2`)
    expect(p?.priceHistory).toEqual([
      { lowFen: 1200, highFen: 1200, at: 1000 },
      { lowFen: 2000, highFen: 3000, at: 2000 }
    ])
    expect(p?.capturedAt).toBe(1000)
  })

  it("ignores a job record of another shape", async () => {
    await db.jobs.put({ id: captureAllJobId(SHOP), state: "running", startedAt: 1, updatedAt: 1, data: { cursor: 3 } })
    expect((await captureAllStatus(db, SHOP)).job).toBeNull()
    expect((await start(true)).resumed).toBe(false)
  })
})

describe("concurrent captures", () => {
  it("two tabs of two shops storing 500 products each at once: no duplicate, no loss", async () => {
    const other = "https://other.example.com"
    const [a, b] = await Promise.all([
      startCaptureAll(db, SHOP, { listPath: LIST, pageSize: 100, resume: false }, 1, () => "aaaaaaaa-1"),
      startCaptureAll(db, other, { listPath: LIST, pageSize: 100, resume: false }, 1, () => "bbbbbbbb-1")
    ])
    const walk = async (origin: string, runId: string) => {
      for (let p = 1; p <= 5; p++) {
        const r = await captureAllPage(
          db,
          origin,
          `${origin}/Admin/Product/Management`,
          { runId, page: p, total: 500, products: products((p - 1) * 100 + 1, 100) },
          p
        )
        expect(r.outcome).toBe("stored")
      }
    }
    await Promise.all([walk(SHOP, a.runId), walk(other, b.runId)])
    expect(await db.products.count()).toBe(1000)
    expect(await db.products.where("shopOrigin").equals(SHOP).count()).toBe(500)
    expect(await db.products.where("shopOrigin").equals(other).count()).toBe(500)
    expect((await captureAllStatus(db, SHOP)).job).toMatchObject({ state: "done", received: 500, counts: { created: 500 } })
    expect((await captureAllStatus(db, other)).job).toMatchObject({ state: "done", received: 500, counts: { created: 500 } })
  })

  it("two tabs of one shop capturing overlapping products at once: each product once, none lost", async () => {
    const first = products(1, 500)
    const second = products(251, 500)
    const [r1, r2] = await Promise.all([
      handleCapture(db, SHOP, PRODUCT_PAGE, { products: first }, 10),
      handleCapture(db, SHOP, PRODUCT_PAGE, { products: second }, 20)
    ])
    expect(await db.products.count()).toBe(750)
    // The 250 both sent were created by one and found unchanged by the other.
    const created = [...r1.results, ...r2.results].filter((r) => r.outcome === "created").length
    expect(created).toBe(750)
    const p = await db.products.get(`${SHOP}|300`)
    expect(p?.priceHistory).toHaveLength(1)
  })
})

describe("capture-all messages", () => {
  const raw = products(1, 1)[0]
  const run = "0c6f3f3e-7d7b-4d7a-9a53-2f4f7d0c8a11"
  it.each([
    ["captureAll.start", "", { listPath: LIST, pageSize: 100, resume: false }],
    ["captureAll.page", "with products", { runId: run, page: 1, total: 123, products: [raw] }],
    ["captureAll.page", "empty", { runId: run, page: 2, total: 0, products: [] }],
    ["captureAll.stop", "", { runId: run, error: null }],
    ["captureAll.stop", "with an error code", { runId: run, error: "list_not_json" }],
    ["captureAll.status", "", {}]
  ])("accepts %s %s", (type, _, payload) => {
    expect(parseEnvelope({ lh: 1, type, payload })).toEqual({ lh: 1, type, payload })
  })
  it.each([
    ["captureAll.start", "a list path that is not a path", { listPath: "javascript:alert(1)", pageSize: 100, resume: false }],
    ["captureAll.start", "pages over 500", { listPath: LIST, pageSize: 501, resume: false }],
    ["captureAll.start", "resume not a boolean", { listPath: LIST, pageSize: 100, resume: "yes" }],
    ["captureAll.page", "a bad run id", { runId: "x", page: 1, total: 1, products: [raw] }],
    ["captureAll.page", "page 0", { runId: run, page: 0, total: 1, products: [raw] }],
    ["captureAll.page", "a fractional page", { runId: run, page: 1.5, total: 1, products: [raw] }],
    ["captureAll.page", "a negative total", { runId: run, page: 1, total: -1, products: [raw] }],
    ["captureAll.page", "501 products", { runId: run, page: 1, total: 1, products: Array.from({ length: 501 }, () => raw) }],
    ["captureAll.page", "a huge name", { runId: run, page: 1, total: 1, products: [{ ...raw, name: "x".repeat(2001) }] }],
    ["captureAll.stop", "an error that is not a code", { runId: run, error: "<script>" }],
    ["captureAll.status", "no payload", null]
  ])("refuses %s with %s", (type, _, payload) => {
    expect(parseEnvelope({ lh: 1, type, payload })).toBeNull()
  })

  it("answers only enabled shops, and keeps each shop's job apart", async () => {
    const route = createRouter({ db, extensionId: "ext", isShopOrigin: async (o) => o === SHOP, now: () => 7 })
    const sender = (origin: string) => ({ id: "ext", tab: { id: 1 } as never, url: `${origin}/Admin/Product/Management`, origin })
    const msg = { lh: 1, type: "captureAll.start", payload: { listPath: LIST, pageSize: 100, resume: false } }
    expect(await route(msg, sender("https://evil.example.com"))).toEqual({ ok: false, code: "sender_not_shop" })
    const started = await route(msg, sender(SHOP))
    expect(started).toMatchObject({ ok: true, data: { resumed: false, job: { state: "running", startedAt: 7 } } })
    const runId = (started as { data: { runId: string } }).data.runId
    expect(runId).toMatch(/^[0-9a-f-]{36}$/)
    const stored = await route({ lh: 1, type: "captureAll.page", payload: { runId, page: 1, total: 1, products: products(1, 1) } }, sender(SHOP))
    expect(stored).toMatchObject({ ok: true, data: { outcome: "stored", job: { state: "done" } } })
    expect(await route({ lh: 1, type: "captureAll.status", payload: {} }, sender(SHOP))).toMatchObject({ ok: true, data: { job: { received: 1 } } })
    expect(await db.jobs.count()).toBe(1)
  })
})

describe("capture summary and the grid", () => {
  it("counts outcomes and refusal reasons into one line", () => {
    const { counts, problems } = countResults([
      { productId: "1", outcome: "created", problems: [], warnings: [] },
      { productId: "2", outcome: "unchanged", problems: [], warnings: [] },
      { productId: "3", outcome: "rejected", problems: ["name_missing"], warnings: [] },
      { productId: "4", outcome: "rejected", problems: ["name_missing", "price_empty"], warnings: [] }
    ])
    expect(counts).toEqual({ created: 1, updated: 0, unchanged: 1, rejected: 2 })
    const text = summaryText(counts, problems)
    expect(text).toMatch(/^已存入 1 · 已更新 0 · 已是最新 1 · 未存入 2（.+×2；.+×1）$/)
    expect(summaryText(counts, {})).toBe("已存入 1 · 已更新 0 · 已是最新 1 · 未存入 2")
  })

  it("finds the grid by its rows' hidden inputs, or by its 商品 and 操作 headers while empty", () => {
    document.body.innerHTML = `<table id="x"><thead><tr><th>商品</th></tr></thead></table>
      <table id="list"><thead><tr><th>选择</th><th>商品</th><th>操作</th></tr></thead><tbody><tr><td>正在加载中...</td></tr></tbody></table>`
    expect(findProductGrid(document)?.id).toBe("list")
    document.body.innerHTML = `<div><table id="grid"><tbody><tr><td><input type="hidden" class="thisId" value="1"></td></tr></tbody></table></div>`
    expect(findProductGrid(document)?.id).toBe("grid")
    document.body.innerHTML = `<table><tr><td>nothing</td></tr></table>`
    expect(findProductGrid(document)).toBeNull()
  })
})
