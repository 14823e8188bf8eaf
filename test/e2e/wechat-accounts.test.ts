// Two HiMall shops (two *.sandbox.test hosts) and two mini programs (the sandbox's second
// account behind another MP session token) in one browser: each console's account is read
// from its header and linked once to its shop (link-shop), and nothing crosses over — goods
// states, the picker, the popup, the queue and the room list each stay with their own mini
// program and shop. Both shops have a product 130 (the same link): each mini program holds it in
// another state, and each shop sees its own (schema v8: goods keyed by account and link).
import type { Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { openPopup, readTable, type ExtensionBrowser } from "../support/browser"
import { captureFromGrid, clearExtensionData, openAddGoods, showOnlyProducts } from "../support/goods"
import { useExtensionSuite } from "../support/suite"

let sandbox: Sandbox
let browser: ExtensionBrowser
useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

const OTHER_HOST = "other.sandbox.test"
const OTHER = `https://${OTHER_HOST}`
const MAIN_ACCOUNT = "HiMall商城"
const OTHER_ACCOUNT = "二号店小程序"
const link = (id: number) => `pages/productdetail/productdetail?id=${id}`
const goodsPage = (token: string) => `https://mp.weixin.qq.com/wxamp/frame/live/goods/index?token=${token}&lang=zh_CN`
const roomsPage = (token: string) => `https://mp.weixin.qq.com/wxamp/frame/live/broadcast/index?token=${token}&lang=zh_CN`

function goods(goodsId: number, id: number, status: string) {
  return { goodsId, name: `商品${id}`, url: link(id), priceType: 1, price: 10, price2: null, coverUrl: "", cover: null, status, rejectReason: "" }
}

beforeAll(async () => {
  await clearExtensionData(browser, ["products", "notices", "wechatGoods", "covers", "jobs", "settings", "wechatRooms", "wechatAccounts"])
  // Shop A (shop.sandbox.test) sells 130 and 19; shop B (other.sandbox.test) its own 130 and 118.
  showOnlyProducts(sandbox, [130, 19])
  await captureFromGrid(browser, sandbox, [130, 19])
  const other = sandbox.shop(OTHER_HOST)
  other.reset()
  const all = (other.getState() as { products: { id: number }[] }).products
  other.setState({ products: [130, 118].map((id) => all.find((p) => p.id === id)) })
  const page = await browser.context.newPage()
  await page.goto(`${OTHER}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  for (const id of [130, 118]) {
    await page.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"]`).first().click()
    await page.waitForFunction((pid) => {
      const s = document.querySelector(`[data-lh="capture-product"][data-lh-product-id="${pid}"]`)?.getAttribute("data-lh-state")
      return s && s !== "busy" && s !== "idle"
    }, String(id))
  }
  await page.close()
  // Mini program 1 (token 1) holds 130 审核中; mini program 2 (token 2) holds its shop's 130 未审核,
  // 118 审核未通过 and room 101.
  sandbox.wechat.reset()
  sandbox.wechat.setState({
    goods: [goods(1, 130, "reviewing")],
    accounts: {
      "2": {
        account: OTHER_ACCOUNT,
        goods: [goods(1, 118, "rejected"), goods(2, 130, "draft")],
        rooms: [
          {
            roomId: 101,
            name: "二号店专场",
            anchorName: "小丽",
            anchorWechat: "lili_1",
            start: "2030-07-01T12:00:00.000Z",
            end: "2030-07-01T14:00:00.000Z",
            liveStatus: 102,
            allowComment: true,
            coverImg: "",
            shareImg: "",
            roomCover: null,
            shareCover: null
          }
        ]
      }
    }
  })
})

async function linkShop(page: Page, origin: string) {
  const choice = page.locator(`[data-lh="link-shop"][data-lh-shop-origin="${origin}"]`)
  await choice.waitFor()
  await choice.click()
  await page.locator('[data-lh-panel="link-shop"]').waitFor({ state: "detached" })
}

/** The picker's products and the WeChat state each shows, by product id. */
async function picker(page: Page): Promise<Record<string, string>> {
  await openAddGoods(page)
  await page.locator('[data-lh="fill-goods"]').click()
  await page.locator('[data-lh="pick-product"]').first().waitFor()
  const entries = await page
    .locator("[data-lh-picker-entry]")
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute("data-lh-picker-entry")!, e.querySelector("[data-lh-goods-status]")?.getAttribute("data-lh-goods-status") ?? ""])
    )
  return Object.fromEntries(entries)
}

/** Start the queue on a console page: how many products it takes (its shop's, WeChat's library not holding them). */
async function queueTotal(page: Page): Promise<string | null> {
  await page.locator('[data-lh="queue-start"]').click()
  const progress = page.locator('[data-lh="queue-progress"]')
  await expect.poll(() => progress.getAttribute("data-lh-state")).toMatch(/^(running|done)$/)
  return progress.getAttribute("data-lh-total")
}

describe("two shops and two mini programs in one browser", () => {
  it("asks each mini program's shop once, and keeps goods, picker, popup and rooms apart", async () => {
    // Mini program 1: asked which shop (two are known), linked to shop A.
    const one = await browser.context.newPage()
    await one.goto(goodsPage("1"))
    await linkShop(one, sandbox.shopOrigin)
    await expect
      .poll(async () => (await readTable<{ url: string; account?: string }>(browser, "wechatGoods")).map((g) => [g.url, g.account]))
      .toEqual([[link(130), MAIN_ACCOUNT]])
    expect(await picker(one)).toEqual({ 130: "reviewing", 19: "none" })

    // Mini program 2 on another token: its own header, its own question, shop B.
    const two = await browser.context.newPage()
    await two.goto(goodsPage("2"))
    await linkShop(two, OTHER)
    await expect
      .poll(async () =>
        Object.fromEntries(
          (await readTable<{ key: string; account?: string; status: string }>(browser, "wechatGoods")).map((g) => [g.key, [g.account, g.status]])
        )
      )
      .toEqual({
        [`${MAIN_ACCOUNT}|${link(130)}`]: [MAIN_ACCOUNT, "reviewing"],
        [`${OTHER_ACCOUNT}|${link(130)}`]: [OTHER_ACCOUNT, "draft"],
        [`${OTHER_ACCOUNT}|${link(118)}`]: [OTHER_ACCOUNT, "rejected"]
      })
    // Same link, two states: each mini program's picker shows its own shop's.
    expect(await picker(two)).toEqual({ 118: "rejected", 130: "draft" })
    await one.reload()
    expect(await picker(one)).toEqual({ 130: "reviewing", 19: "none" })
    expect(await readTable<{ name: string; shopOrigin: string }>(browser, "wechatAccounts").then((a) => a.map((x) => [x.name, x.shopOrigin]).sort())).toEqual([
      [MAIN_ACCOUNT, sandbox.shopOrigin],
      [OTHER_ACCOUNT, OTHER]
    ])

    // Asked once: a reload asks nothing.
    await one.reload()
    await one.getByRole("button", { name: "添加商品", exact: true }).first().waitFor()
    await one.locator('[data-lh="queue-start"]').waitFor()
    expect(await one.locator('[data-lh="link-shop"]').count()).toBe(0)

    // The queue: on mini program 1, shop A's 19 only (its 130 is held, 审核中); on mini program 2,
    // nothing (shop B's 130 and 118 are in its library), whatever the other one holds.
    expect(await queueTotal(one)).toBe("1")
    expect((await readTable<{ id: string; data: { items: string[] } }>(browser, "jobs")).find((j) => j.id === "queue")?.data.items).toEqual([
      `${sandbox.shopOrigin}|19`
    ])
    // (One queue at a time: stopped on mini program 1 before mini program 2 starts its own.)
    await one.locator('[data-lh="queue-stop"]').click()
    await two.reload()
    expect(await queueTotal(two)).toBe("0")

    // The popup: shop A's 130 is 审核中 in mini program 1; shop B's 130 未审核 in mini program 2.
    const popup = await openPopup(browser)
    // One shop at a time: its switcher names both.
    const status = (shop: string, id: number) => popup.locator(`[data-lh-popup-product="${id}"][data-lh-shop="${shop}"] [data-lh-goods-status]`)
    const shown = () => popup.locator("[data-lh-popup-product]").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-lh-shop")))])
    await popup.locator(`[data-lh="shop-switch"][data-lh-shop-origin="${sandbox.shopOrigin}"]`).click()
    await expect.poll(() => status(sandbox.shopOrigin, 130).getAttribute("data-lh-goods-status")).toBe("reviewing")
    expect(await shown()).toEqual([sandbox.shopOrigin])
    await popup.locator(`[data-lh="shop-switch"][data-lh-shop-origin="${OTHER}"]`).click()
    await expect.poll(() => status(OTHER, 118).getAttribute("data-lh-goods-status")).toBe("rejected")
    expect(await status(OTHER, 130).getAttribute("data-lh-goods-status")).toBe("draft")
    expect(await shown()).toEqual([OTHER])
    await popup.close()

    // Rooms: each complete list marks only its own mini program's rooms gone.
    await one.goto(roomsPage("1"))
    await expect.poll(async () => (await readTable<{ roomId: number }>(browser, "wechatRooms")).map((r) => r.roomId).sort()).toEqual([1, 2])
    await two.goto(roomsPage("2"))
    await expect.poll(async () => (await readTable<{ roomId: number }>(browser, "wechatRooms")).map((r) => r.roomId).sort((a, b) => a - b)).toEqual([1, 2, 101])
    await one.reload()
    await one.getByRole("button", { name: "创建直播间" }).first().waitFor()
    const rooms = async () =>
      Object.fromEntries(
        (await readTable<{ roomId: number; account?: string; goneAt: number | null }>(browser, "wechatRooms")).map((r) => [r.roomId, [r.account, r.goneAt]])
      )
    await expect.poll(rooms).toEqual({ 1: [MAIN_ACCOUNT, null], 2: [MAIN_ACCOUNT, null], 101: [OTHER_ACCOUNT, null] })
    await one.close()
    await two.close()
  }, 120_000)
})
