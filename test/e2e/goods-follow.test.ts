// Following goods to 已入库: 保存并提审 in the dialog the extension filled, WeChat's review
// (the sandbox's /__fixture/review) approving one and rejecting another, the 商品库 table read
// by the extension, and the states and the reason shown in the popup.
import { beforeEach, describe, expect, it } from "vitest"
import type { Page } from "playwright-core"

import type { Sandbox } from "../sandbox/server"
import { openPopup, readTable, type ExtensionBrowser } from "../support/browser"
import { useExtensionSuite } from "../support/suite"
import {
  captureFromGrid,
  clearExtensionData,
  openAddGoods,
  openGoodsLibrary,
  pickProduct,
  showOnlyProducts,
  showShelf,
  waitForCover,
  waitForReport,
  wechatState,
  WECHAT_MARKUPS
} from "../support/goods"

let sandbox: Sandbox
let browser: ExtensionBrowser

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

beforeEach(async () => {
  sandbox.wechat.reset()
  await clearExtensionData(browser)
})

interface StoredGoods {
  url: string
  status: string
  rejectReason: string | null
  statusSince: number
}

async function fillAndSubmit(page: Page, id: number) {
  await openAddGoods(page)
  await pickProduct(page, id)
  expect(await waitForReport(page, id)).toBe("ok")
  await waitForCover(page)
  await page.getByRole("button", { name: "保存并提审", exact: true }).click()
  await page.waitForFunction(() => !(window as any).__fixture.goodsForm())
}

async function storedGoods(): Promise<Record<string, StoredGoods>> {
  const rows = await readTable<StoredGoods>(browser, "wechatGoods")
  return Object.fromEntries(rows.map((g) => [g.url, g]))
}

const link = (id: number) => `pages/productdetail/productdetail?id=${id}`

describe.each(WECHAT_MARKUPS)("follow goods from 未入库 to 已入库 (%s markup)", (markup) => {
  beforeEach(() => sandbox.wechat.setState({ markup }))

  it("records 审核中, then 已入库 and 审核未通过 with its reason, and the popup shows them", async () => {
    showOnlyProducts(sandbox, [130, 19])
    await captureFromGrid(browser, sandbox, [130, 19])
    const page = await openGoodsLibrary(browser)
    await fillAndSubmit(page, 130)
    await fillAndSubmit(page, 19)

    await expect
      .poll(
        async () =>
          Object.values(await storedGoods())
            .map((g) => g.status)
            .sort(),
        { timeout: 10_000 }
      )
      .toEqual(["reviewing", "reviewing"])

    const state = await wechatState(page)
    const byUrl = Object.fromEntries(state.goods.map((g) => [g.url, g]))
    expect(byUrl[link(130)].status).toBe("reviewing")
    const review = (body: object) =>
      page.evaluate(
        async (b) => (await fetch("/__fixture/review", { method: "POST", body: JSON.stringify(b), headers: { "content-type": "application/json" } })).status,
        body
      )
    expect(await review({ goodsId: byUrl[link(130)].goodsId, result: "approve" })).toBe(200)
    expect(await review({ goodsId: byUrl[link(19)].goodsId, result: "reject", reason: "商品图片与名称不符" })).toBe(200)

    // The list refreshes by itself; the rejection shows on 未入库.
    await expect.poll(async () => (await storedGoods())[link(19)]?.status, { timeout: 15_000 }).toBe("rejected")
    expect((await storedGoods())[link(19)].rejectReason).toBe("商品图片与名称不符")
    // The approved one is on 已入库: the merchant looks there.
    await showShelf(page, "已入库")
    await expect.poll(async () => (await storedGoods())[link(130)]?.status, { timeout: 15_000 }).toBe("approved")

    const popup = await openPopup(browser)
    const item = (id: number) => popup.locator(`[data-lh-popup-product="${id}"]`)
    await expect.poll(() => item(130).locator("[data-lh-goods-status]").getAttribute("data-lh-goods-status")).toBe("approved")
    expect(await item(19).locator("[data-lh-goods-status]").getAttribute("data-lh-goods-status")).toBe("rejected")
    expect(await item(19).locator("[data-lh-reject-reason]").textContent()).toContain("商品图片与名称不符")
    expect(await item(130).locator("[data-lh-goods-status]").textContent()).toBe("已入库")
    await popup.close()
    await page.close()
  }, 90_000)

  it("a price changed in HiMall after the goods went to WeChat is flagged as drift in the popup", async () => {
    showOnlyProducts(sandbox, [118])
    await captureFromGrid(browser, sandbox, [118])
    const page = await openGoodsLibrary(browser)
    await fillAndSubmit(page, 118)
    await expect.poll(async () => (await storedGoods())[link(118)]?.status, { timeout: 10_000 }).toBe("reviewing")

    // HiMall's price moves from 35.00 to 39.90; the merchant captures it again.
    const shop = sandbox.shop()
    const products = (shop.getState() as { products: { id: number; price: number; maxPrice?: number }[] }).products
    shop.setState({ products: products.map((p) => (p.id === 118 ? { ...p, price: 39.9, maxPrice: 39.9 } : p)) })
    await captureFromGrid(browser, sandbox, [118])
    const [stored] = await readTable<{ priceHistory: unknown[] }>(browser, "products")
    expect(stored.priceHistory).toHaveLength(2)

    const popup = await openPopup(browser)
    const drift = popup.locator('[data-lh-popup-product="118"] [data-lh-drift]')
    await drift.waitFor()
    expect(await drift.textContent()).toContain("39.90")
    expect(await drift.textContent()).toContain("35.00")
    await popup.close()
    await page.close()
  }, 90_000)
})
