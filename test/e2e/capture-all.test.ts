// capture-page and capture-all on HiMall's 商品管理, end to end: the sandbox build in real
// Chromium against the sandbox shop. capture-page stores the rows shown; capture-all walks
// POST /Admin/Product/List page by page with a progress bar, stops, resumes after a reload,
// survives a stopped service worker, and keeps two tabs from duplicating or losing products.
import type { Page } from "playwright-core"
import { beforeEach, describe, expect, it } from "vitest"

import type { ProductRecord as StoredProduct } from "~db/schema"

import { manyProducts } from "../sandbox/himall/seed"
import type { Sandbox } from "../sandbox/server"
import { readTable, stopServiceWorker, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData } from "../support/goods"
import { useExtensionSuite } from "../support/suite"

interface StoredJob {
  id: string
  state: string
  data: { listPath: string; pageSize: number; total: number; pages: number; nextPage: number; received: number; counts: Record<string, number> }
}

/** A product as the sandbox shop keeps it (GET /__fixture/state). */
interface ShopProduct {
  id: number
  name: string
  price: number | string
  maxPrice: number | string
  shopId: number
  imgUrl: string
  saleStatus?: number
  auditStatus?: number
}

let sandbox: Sandbox
let browser: ExtensionBrowser
const OTHER_HOST = "other.sandbox.test"
const OTHER = `https://${OTHER_HOST}`

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

beforeEach(async () => {
  sandbox.shop().reset()
  sandbox.shop(OTHER_HOST).reset()
  await clearExtensionData(browser, ["products", "notices", "jobs"])
})

async function productPage(origin = sandbox.shopOrigin, path = "/Admin/Product/Management"): Promise<Page> {
  const page = await browser.context.newPage()
  await page.goto(`${origin}${path}`, { waitUntil: "domcontentloaded" })
  await page.locator('[data-lh="capture-all"]').waitFor()
  await page.locator('[data-lh="capture-product"]').first().waitFor()
  return page
}

const fen = (v: number | string) => Math.round(Number(v) * 100)

function expected(origin: string, p: ShopProduct) {
  const low = fen(p.price)
  const high = Math.max(low, fen(p.maxPrice))
  return {
    key: `${origin}|${p.id}`,
    productId: p.id,
    shopId: p.shopId,
    shopOrigin: origin,
    name: p.name.replace(/\s+/g, " ").trim(),
    priceLowFen: low,
    priceHighFen: high,
    link: `pages/productdetail/productdetail?id=${p.id}`,
    imageUrl: `${origin}${p.imgUrl}`,
    source: "endpoint",
    // HiMall's states, read from admin (saleStatus/auditStatus) and seller (SaleState/AuditState) rows alike.
    ...(p.saleStatus === undefined ? {} : { saleStatus: p.saleStatus }),
    ...(p.auditStatus === undefined ? {} : { auditStatus: p.auditStatus })
  }
}

const shopProducts = (host?: string) => (sandbox.shop(host).getState() as { products: ShopProduct[] }).products

const allUi = (page: Page) => ({
  root: page.locator('[data-lh-control="capture-all"]'),
  start: page.locator('[data-lh="capture-all"]'),
  stop: page.locator('[data-lh="capture-stop"]'),
  resume: page.locator('[data-lh="capture-resume"]'),
  progress: page.locator('[data-lh-progress="capture-all"]'),
  count: page.locator('[data-lh-progress-text="capture-all"]'),
  status: page.locator('[data-lh-status="capture-all"]')
})

async function untilState(page: Page, state: string | RegExp, timeout = 60_000) {
  const root = allUi(page).root
  await expect.poll(() => root.getAttribute("data-lh-state"), { timeout, interval: 50 }).toMatch(typeof state === "string" ? new RegExp(`^${state}$`) : state)
}

async function progressOf(page: Page) {
  return allUi(page).progress.evaluate((el) => {
    const p = el as HTMLProgressElement
    return { value: p.value, max: p.max, now: p.getAttribute("aria-valuenow"), of: p.getAttribute("aria-valuemax") }
  })
}

/** Page numbers capture-all asks the list endpoint for (rows=100; the grid itself asks 15). */
function watchListPages(page: Page): number[] {
  const pages: number[] = []
  page.on("request", (r) => {
    if (!/\/product\/list$/i.test(new URL(r.url()).pathname)) return
    const form = new URLSearchParams(r.postData() ?? "")
    if (form.get("rows") === "100") pages.push(Number(form.get("page")))
  })
  return pages
}

/** Hold capture-all's requests for pages ≥ `from` until release() (the grid's own pass). */
async function holdPagesFrom(page: Page, from: number) {
  let release!: () => void
  const released = new Promise<void>((r) => (release = r))
  await page.route(/\/product\/list$/i, async (route) => {
    const form = new URLSearchParams(route.request().postData() ?? "")
    if (form.get("rows") === "100" && Number(form.get("page")) >= from) await released
    await route.continue()
  })
  return release
}

describe("capture-page", () => {
  it("stores exactly the rows the grid shows, and tells each row and the summary", async () => {
    const page = await productPage()
    const shown = await page.locator("input.thisId").evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)))
    expect(shown.length).toBe(15)
    await page.locator('[data-lh="capture-page"]').click()
    const status = page.locator('[data-lh-status="capture-page"]')
    await expect.poll(() => status.innerText()).toMatch(/已存入/)

    const stored = await readTable<StoredProduct>(browser, "products")
    // 124's name is only spaces: refused, every other row stored, nothing else.
    expect(stored.map((p) => p.productId).sort((a, b) => a - b)).toEqual(shown.filter((id) => id !== 124).sort((a, b) => a - b))
    expect(stored.every((p) => p.source === "row")).toBe(true)
    expect(await status.innerText()).toBe("已存入 14 · 已更新 0 · 已是最新 0 · 未存入 1（商品名称为空 ×1）")
    expect(await status.getAttribute("role")).toBe("status")

    // Each row's own control shows its outcome.
    const states = await page
      .locator('[data-lh="capture-product"]')
      .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute("data-lh-product-id"), e.getAttribute("data-lh-state")])))
    expect(states["124"]).toBe("error")
    expect(
      Object.entries(states)
        .filter(([id]) => id !== "124")
        .every(([, s]) => s === "saved" || s === "warning")
    ).toBe(true)

    // Again: all unchanged.
    await page.locator('[data-lh="capture-page"]').click()
    await expect.poll(() => status.innerText()).toBe("已存入 0 · 已更新 0 · 已是最新 14 · 未存入 1（商品名称为空 ×1）")
    await page.close()
  })
})

describe("capture-all", () => {
  it("stores all 123 seeded products with the right prices; the progress bar reaches the end", async () => {
    const page = await productPage()
    const ui = allUi(page)
    expect(await ui.stop.isVisible()).toBe(false)
    expect(await ui.resume.isVisible()).toBe(false)
    await ui.start.click()
    await untilState(page, "done")

    expect(await ui.count.innerText()).toBe("123 / 123")
    expect(await progressOf(page)).toEqual({ value: 123, max: 123, now: "123", of: "123" })
    expect(await ui.status.innerText()).toBe("全店存入完成：已存入 122 · 已更新 0 · 已是最新 0 · 未存入 1（商品名称为空 ×1）")
    expect(await ui.stop.isVisible()).toBe(false)

    const state = shopProducts()
    expect(state).toHaveLength(123)
    const stored = await readTable<StoredProduct>(browser, "products")
    const byId = new Map(stored.map((p) => [p.productId, p]))
    expect(stored).toHaveLength(122)
    for (const p of state) {
      if (p.id === 124) {
        expect(byId.has(124)).toBe(false)
        continue
      }
      expect(byId.get(p.id), `product ${p.id}`).toMatchObject(expected(sandbox.shopOrigin, p))
    }
    expect(byId.get(19)).toMatchObject({ priceLowFen: 39900, priceHighFen: 48800 })
    expect(byId.get(119)).toMatchObject({ priceLowFen: 12850, priceHighFen: 16800 })

    const [job] = await readTable<StoredJob>(browser, "jobs")
    expect(job).toMatchObject({
      id: `capture-all|${sandbox.shopOrigin}`,
      state: "done",
      data: { listPath: "/Admin/Product/List", pageSize: 100, total: 123, pages: 2, nextPage: 3, received: 123, counts: { created: 122, rejected: 1 } }
    })

    // After a reload the page says what the last run did, and offers no resume.
    await page.reload({ waitUntil: "domcontentloaded" })
    await page.locator('[data-lh="capture-all"]').waitFor()
    await expect.poll(() => ui.status.innerText()).toContain("上次全店存入：已存入 122")
    expect(await ui.resume.isVisible()).toBe(false)
    await page.close()
  })

  it("stop halts it midway; after a reload, resume continues from the next page without re-capturing the pages done", async () => {
    sandbox.shop().setState({ products: manyProducts(2000) })
    const page = await productPage()
    const ui = allUi(page)
    const release = await holdPagesFrom(page, 3)
    await ui.start.click()
    await expect.poll(() => ui.count.innerText(), { timeout: 30_000, interval: 50 }).toBe("200 / 2000")
    expect(await ui.stop.isVisible()).toBe(true)
    await ui.stop.click()
    release()
    await untilState(page, "paused")
    expect(await ui.status.innerText()).toContain("已停止")
    expect(await ui.resume.innerText()).toBe("继续上次（200 / 2000）")

    const [stopped] = await readTable<StoredJob>(browser, "jobs")
    expect(stopped).toMatchObject({ state: "paused", data: { nextPage: 3, received: 200, total: 2000, pages: 20 } })
    const before = await readTable<StoredProduct>(browser, "products")
    expect(before).toHaveLength(200)
    // Newest first: pages 1 and 2 are ids 2000…1801.
    expect(Math.min(...before.map((p) => p.productId))).toBe(1801)
    const firstCapture = new Map(before.map((p) => [p.key, p.updatedAt]))

    await page.unroute(/\/product\/list$/i)
    await page.reload({ waitUntil: "domcontentloaded" })
    await ui.resume.waitFor()
    expect(await ui.resume.innerText()).toBe("继续上次（200 / 2000）")
    expect(await ui.count.innerText()).toBe("200 / 2000")
    const asked = watchListPages(page)
    await ui.resume.click()
    await untilState(page, "done")

    expect(Math.min(...asked)).toBe(3)
    expect(new Set(asked).size).toBe(18)
    expect(await ui.count.innerText()).toBe("2000 / 2000")
    expect(await ui.status.innerText()).toBe("全店存入完成：已存入 2000 · 已更新 0 · 已是最新 0 · 未存入 0")
    const after = await readTable<StoredProduct>(browser, "products")
    expect(after).toHaveLength(2000)
    // The 200 stored before the stop were not captured again.
    for (const p of after) if (firstCapture.has(p.key)) expect(p.updatedAt).toBe(firstCapture.get(p.key))
    const state = new Map(shopProducts().map((p) => [p.id, p]))
    for (const p of after) expect(p).toMatchObject(expected(sandbox.shopOrigin, state.get(p.productId)!))
    await page.close()
  })

  it("completes when the service worker is stopped in the middle of a capture-all", async () => {
    sandbox.shop().setState({ products: manyProducts(2000) })
    const page = await productPage()
    const ui = allUi(page)
    const sw = await browser.worker()
    await sw.evaluate(() => ((self as unknown as { __lhMarker: number }).__lhMarker = 1))

    // Between two messages: the run waits for page 5 while the worker is stopped.
    const release = await holdPagesFrom(page, 5)
    await ui.start.click()
    await expect.poll(() => ui.count.innerText(), { timeout: 30_000, interval: 50 }).toBe("400 / 2000")
    await stopServiceWorker(browser, page)
    release()
    // And in the middle of messages: stopped again while pages are being stored.
    await expect.poll(async () => Number((await ui.count.innerText()).split(" / ")[0]), { timeout: 30_000, interval: 20 }).toBeGreaterThan(400)
    await stopServiceWorker(browser, page)
    await untilState(page, /done|error|paused/)
    expect(await ui.root.getAttribute("data-lh-state")).toBe("done")

    // It really was a new worker.
    expect(await (await browser.worker()).evaluate(() => (self as unknown as { __lhMarker?: number }).__lhMarker ?? null)).toBeNull()
    expect(await ui.count.innerText()).toBe("2000 / 2000")
    const [job] = await readTable<StoredJob>(browser, "jobs")
    expect(job).toMatchObject({ state: "done", data: { received: 2000, counts: { created: 2000, updated: 0, unchanged: 0, rejected: 0 } } })
    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored).toHaveLength(2000)
    expect(new Set(stored.map((p) => p.productId)).size).toBe(2000)
    await page.close()
  })

  it("works without the 直播链接 link, in the seller backend", async () => {
    sandbox.shop().setState({ liveLinkAction: false })
    const page = await productPage(sandbox.shopOrigin, "/SellerAdmin/Product/Management")
    expect(await page.getByText("直播链接", { exact: true }).count()).toBe(0)

    const shown = await page.locator("input.thisId").evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)))
    await page.locator('[data-lh="capture-page"]').click()
    await expect.poll(() => page.locator('[data-lh-status="capture-page"]').innerText()).toMatch(/已存入/)
    const fromPage = await readTable<StoredProduct>(browser, "products")
    expect(fromPage.map((p) => p.productId).sort()).toEqual(shown.filter((id) => id !== 124).sort())

    await allUi(page).start.click()
    await untilState(page, "done")
    const shop1 = shopProducts().filter((p) => p.shopId === 1)
    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored.map((p) => p.productId).sort()).toEqual(
      shop1
        .filter((p) => p.id !== 124)
        .map((p) => p.id)
        .sort()
    )
    const byId = new Map(shop1.map((p) => [p.id, p]))
    // Rows capture-page stored are unchanged by capture-all; `source` says where the last capture read them.
    for (const p of stored) expect(p).toMatchObject({ ...expected(sandbox.shopOrigin, byId.get(p.productId)!), source: "endpoint" })
    expect(await allUi(page).count.innerText()).toBe(`${shop1.length} / ${shop1.length}`)
    const [job] = await readTable<StoredJob>(browser, "jobs")
    expect(job.data.listPath).toBe("/SellerAdmin/Product/List")
    await page.close()
  })

  it("a price changed in HiMall and captured again is appended to the price history", async () => {
    const page = await productPage()
    await allUi(page).start.click()
    await untilState(page, "done")
    const first = (await readTable<StoredProduct>(browser, "products")).find((p) => p.productId === 19)!
    expect(first.priceHistory.map((h) => [h.lowFen, h.highFen])).toEqual([[39900, 48800]])

    sandbox.shop().setState({ products: shopProducts().map((p) => (p.id === 19 ? { ...p, price: 420, maxPrice: 520 } : p)) })
    await page.reload({ waitUntil: "domcontentloaded" })
    await allUi(page).start.waitFor()
    await allUi(page).start.click()
    await untilState(page, "done")
    expect(await allUi(page).status.innerText()).toBe("全店存入完成：已存入 0 · 已更新 1 · 已是最新 121 · 未存入 1（商品名称为空 ×1）")
    const again = (await readTable<StoredProduct>(browser, "products")).find((p) => p.productId === 19)!
    expect(again).toMatchObject({ priceLowFen: 42000, priceHighFen: 52000, capturedAt: first.capturedAt })
    expect(again.priceHistory.map((h) => [h.lowFen, h.highFen])).toEqual([
      [39900, 48800],
      [42000, 52000]
    ])
    expect(again.updatedAt).toBeGreaterThan(first.updatedAt)
    await page.close()
  })

  it("two tabs of two shops capturing 500 products each at once: no duplicate, no loss", async () => {
    sandbox.shop().setState({ products: manyProducts(500) })
    sandbox.shop(OTHER_HOST).setState({ products: manyProducts(500) })
    const [a, b] = await Promise.all([productPage(), productPage(OTHER)])
    await Promise.all([allUi(a).start.click(), allUi(b).start.click()])
    await Promise.all([untilState(a, "done"), untilState(b, "done")])
    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored).toHaveLength(1000)
    expect(new Set(stored.map((p) => p.key)).size).toBe(1000)
    for (const origin of [sandbox.shopOrigin, OTHER]) {
      expect(
        stored
          .filter((p) => p.shopOrigin === origin)
          .map((p) => p.productId)
          .sort((x, y) => x - y)
      ).toEqual(manyProducts(500).map((p) => p.id))
    }
    const jobs = await readTable<StoredJob>(browser, "jobs")
    expect(jobs.map((j) => [j.id, j.state, j.data.received, j.data.counts.created]).sort()).toEqual(
      [
        [`capture-all|${OTHER}`, "done", 500, 500],
        [`capture-all|${sandbox.shopOrigin}`, "done", 500, 500]
      ].sort()
    )
    await Promise.all([a.close(), b.close()])
  })

  it("two tabs of one shop at once: the later run takes over, every product stored once", async () => {
    sandbox.shop().setState({ products: manyProducts(500) })
    const [a, b] = await Promise.all([productPage(), productPage()])
    const releaseA = await holdPagesFrom(a, 2)
    await allUi(a).start.click()
    await expect.poll(() => allUi(a).count.innerText(), { timeout: 30_000, interval: 50 }).toBe("100 / 500")
    await allUi(b).start.click()
    await untilState(b, "done")
    releaseA()
    await untilState(a, "superseded")
    expect(await allUi(a).status.innerText()).toBe("已在另一个标签页中继续")
    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored).toHaveLength(500)
    const [job] = await readTable<StoredJob>(browser, "jobs")
    expect(job).toMatchObject({ state: "done", data: { received: 500, counts: { created: 400, unchanged: 100 } } })
    await Promise.all([a.close(), b.close()])
  })

  // Speed is measured by `npm run bench` (capture section); this only proves large shops complete.
  it.each([2000, 5000])("stores every product of a large shop: %i products", async (count) => {
    sandbox.shop().setState({ products: manyProducts(count) })
    const page = await productPage()
    const t0 = Date.now()
    await allUi(page).start.click()
    await untilState(page, "done", 60_000)
    const ms = Date.now() - t0
    console.log(`[capture-all] ${count} products in ${ms} ms`)
    expect(await allUi(page).count.innerText()).toBe(`${count} / ${count}`)
    expect(await readTable(browser, "products")).toHaveLength(count)
    await page.close()
  })
})
