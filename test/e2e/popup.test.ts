// The real popup (production code, sandbox build) on a seeded database of 10,000 products and
// 1,000 rooms: the checklist's states, the goods counts, a virtualised list (only a window of
// rows in the DOM; the search narrows it), the rooms live and upcoming first, and the toolbar
// badge as the worker set it. Then the same popup on data captured through the sandbox's real
// pages. (Enabling a shop from the popup needs the browser's permission prompt, which a test
// cannot click: test/unit/popup.test.tsx covers it.)
import type { Page } from "playwright-core"
import sharp from "sharp"
import { describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { openPopup, stopServiceWorker, type ExtensionBrowser } from "../support/browser"
import { useExtensionSuite } from "../support/suite"
import { captureFromGrid, clearExtensionData, showOnlyProducts } from "../support/goods"
import { seedLargeSetup, type SeedSummary } from "../support/seed"

const ALL_TABLES = ["products", "notices", "wechatGoods", "covers", "jobs", "settings", "facts", "wechatRooms", "shopRooms", "syncs", "plans", "roomCovers"]

let sandbox: Sandbox
let browser: ExtensionBrowser

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

async function freshStart() {
  await clearExtensionData(browser, ALL_TABLES)
  for (const p of browser.context.pages()) await p.close()
}

const stepState = (page: Page, id: string) => page.locator(`[data-lh-step="${id}"]`).getAttribute("data-lh-state")
const count = (page: Page, f: string) => page.locator(`[data-lh-count="${f}"]`).getAttribute("data-lh-value")

async function badgeText(): Promise<string> {
  const sw = await browser.worker()
  return sw.evaluate(() => chrome.action.getBadgeText({}))
}

describe("the popup on a large seeded database", () => {
  let seeded: SeedSummary
  let page: Page

  it("shows the checklist, the counts and a virtualised, searchable list of 10,000 products", async () => {
    await freshStart()
    const jpeg = (
      await sharp({ create: { width: 200, height: 200, channels: 3, background: "#c8a27a" } })
        .jpeg({ quality: 80 })
        .toBuffer()
    ).toString("base64")
    seeded = await seedLargeSetup(browser, { shop: sandbox.shopOrigin, products: 10_000, rooms: 1_000, coverJpeg: jpeg })
    page = await openPopup(browser)
    await page.locator('[data-lh-popup="checklist"]').waitFor()
    await page.locator('[data-lh-popup="goods-list"] [role="listitem"]').first().waitFor()
    const first = await page.evaluate(() => performance.getEntriesByName("lh-popup-first-data")[0]?.startTime ?? null)
    console.log(`[popup] first data render with 10,000 products and 1,000 rooms: ${first?.toFixed(0)} ms`)
    expect(first).not.toBeNull()

    expect(await stepState(page, "qualification")).toBe("done")
    expect(await stepState(page, "goods")).toBe("attention")
    expect(await stepState(page, "rooms")).toBe("attention")
    expect(await stepState(page, "entrance")).toBe("done")
    expect(await stepState(page, "live")).toBe("done")
    const goodsStep = await page.locator('[data-lh-step="goods"]').innerText()
    expect(goodsStep).toContain(`${seeded.rejected} 件商品审核未通过`)
    expect(goodsStep).toContain(`${seeded.drift} 件商品的价格与 HiMall 不一致`)
    expect(await page.locator('[data-lh-step="rooms"]').innerText()).toContain(`${seeded.unsynced} 个直播间还不在 HiMall`)
    expect(await page.locator('[data-lh-step="live"]').innerText()).toContain(`正在直播：正在直播 1000`)

    expect(await count(page, "all")).toBe("10000")
    expect(await count(page, "approved")).toBe(String(seeded.approved))
    expect(await count(page, "reviewing")).toBe(String(seeded.reviewing))
    expect(await count(page, "rejected")).toBe(String(seeded.rejected))
    expect(await count(page, "not_in_library")).toBe(String(seeded.none + seeded.draft))
    expect(await count(page, "drift")).toBe(String(seeded.drift))

    // Only a window of the 10,000 rows is in the DOM.
    const rows = page.locator('[data-lh-popup="goods-list"] [role="listitem"]')
    expect(await rows.count()).toBeLessThan(40)
    expect(await rows.first().getAttribute("aria-setsize")).toBe("10000")
    // Rejected first, with WeChat's reason; covers made by the background are shown as thumbnails.
    expect(await rows.first().locator("[data-lh-goods-status]").getAttribute("data-lh-goods-status")).toBe("rejected")
    expect(await rows.first().innerText()).toContain("驳回原因：商品图片与名称不符")
    // Its cover, made by the background and stored as a Blob, is the thumbnail.
    const thumb = rows.first().locator('img[data-lh-thumb="cover"]')
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(200)
    // Scrolling draws other rows, still only a window.
    await page.locator('[data-lh-popup="goods-list"]').evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    await expect.poll(async () => Number(await rows.first().getAttribute("aria-posinset"))).toBeGreaterThan(1000)
    expect(await rows.count()).toBeLessThan(40)

    const search = page.getByLabel("搜索商品（名称或编号）")
    await search.fill("1234 号")
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().locator("[data-lh-popup-product]").getAttribute("data-lh-popup-product")).toBe("1234")
    await search.fill("")
    await page.locator('[data-lh-count="drift"]').click()
    await expect.poll(async () => page.locator('[data-lh-popup="goods-shown"]').innerText()).toBe(`显示 ${seeded.drift} / 10000`)
    for (const row of await rows.all()) expect(await row.locator("[data-lh-drift]").count()).toBe(1)
  })

  it("lists rooms live first, then the upcoming ones by start, with HiMall's sync and cover", async () => {
    await page.getByRole("tab", { name: /直播间/ }).click()
    const rows = page.locator('[data-lh-popup="rooms-list"] [data-lh-popup-room]')
    await rows.first().waitFor()
    expect(await rows.count()).toBeLessThan(40)
    const ids = await rows.evaluateAll((els) => els.slice(0, 4).map((e) => [e.getAttribute("data-lh-popup-room"), e.getAttribute("data-lh-room-group")]))
    expect(ids).toEqual([
      ["1000", "live"],
      ["999", "upcoming"],
      ["998", "upcoming"],
      ["997", "upcoming"]
    ])
    // 999 and 998 are not in HiMall yet; 997 and 996 have no cover there.
    expect(await rows.nth(1).locator("[data-lh-room-todo]").getAttribute("data-lh-room-todo")).toBe("sync")
    expect(await rows.nth(3).locator("[data-lh-room-todo]").getAttribute("data-lh-room-todo")).toBe("cover")
    expect(await rows.first().locator("[data-lh-room-sync]").getAttribute("data-lh-room-sync")).toBe("seen")
    expect(await rows.first().locator('img[data-lh-thumb="himall"]').count()).toBe(1)
  })

  it("the toolbar badge counts what needs the merchant, also after the worker restarts", async () => {
    const needs = seeded.rejected + seeded.drift + seeded.unsynced + seeded.uncovered
    expect(needs).toBeGreaterThan(99)
    await expect.poll(badgeText, { timeout: 10_000 }).toBe("99+")
    // Fix everything but one rejection: the badge follows when the worker starts again.
    await clearExtensionData(browser, ALL_TABLES)
    const sw = await browser.worker()
    await sw.evaluate(() => chrome.action.setBadgeText({ text: "stale" }))
    await stopServiceWorker(browser, page)
    const popup = await openPopup(browser)
    await popup.locator('[data-lh-popup="empty"]').waitFor()
    await expect.poll(badgeText, { timeout: 10_000 }).toBe("")
  })
})

describe("the popup on data captured through the real pages", () => {
  it("shows what the extension saw on HiMall and WeChat", async () => {
    await freshStart()
    sandbox.wechat.reset()
    sandbox.shop().reset()
    showOnlyProducts(sandbox, [130, 19])
    await captureFromGrid(browser, sandbox, [130, 19])
    // WeChat: the live console's room list (seed: room 1 ended, room 2 to come in 2030).
    const wechat = await browser.context.newPage()
    await wechat.goto("https://live.weixin.qq.com/livemp/broadcast/index?token=1&lang=zh_CN", { waitUntil: "domcontentloaded" })
    // HiMall: its live rooms (none synced yet) and the homepage with its live entrance.
    const live = await browser.context.newPage()
    await live.goto(`${sandbox.shopOrigin}/Admin/Live/Management`, { waitUntil: "domcontentloaded" })
    const home = await browser.context.newPage()
    await home.goto(`${sandbox.shopOrigin}/Admin/WXSmallProgram/HomePageSetting`, { waitUntil: "domcontentloaded" })

    const popup = await openPopup(browser)
    await expect.poll(() => stepState(popup, "rooms"), { timeout: 20_000 }).toBe("attention")
    await expect.poll(() => stepState(popup, "entrance"), { timeout: 20_000 }).toBe("done")
    expect(await stepState(popup, "goods")).toBe("todo")
    expect(await count(popup, "all")).toBe("2")
    expect(await count(popup, "not_in_library")).toBe("2")
    expect(await popup.locator('[data-lh-step="rooms"]').innerText()).toContain("1 个直播间还不在 HiMall")
    // Its link opens the HiMall page that fixes it.
    expect(await popup.locator('[data-lh-step="rooms"] a').getAttribute("href")).toBe(`${sandbox.shopOrigin}/Admin/Live/Management`)
    await popup.getByRole("tab", { name: /直播间/ }).click()
    await popup.locator('[data-lh-popup-room="2"]').waitFor()
    expect(await popup.locator('[data-lh-popup-room="2"] [data-lh-room-todo]').getAttribute("data-lh-room-todo")).toBe("sync")

    // 获取小程序数据 on HiMall brings the room in: the step follows.
    await live.bringToFront()
    // HiMall's own 获取小程序数据 (a link calling SyncData() on the real page).
    await live.getByText("获取小程序数据", { exact: true }).click()
    await live.reload({ waitUntil: "domcontentloaded" })
    await expect.poll(() => popup.locator('[data-lh-popup-room="2"] [data-lh-room-todo]').getAttribute("data-lh-room-todo"), { timeout: 20_000 }).toBe("cover")
  })
})
