// Issue 11, goods WeChat will not reject: products captured through HiMall's real 商品管理
// (capture-all, whose list endpoint gives saleStatus / auditStatus); in 添加商品 a name with
// 全网最低 is stopped before anything is written, with its reason and a suggested name the
// merchant edits and confirms; a product 下架 in HiMall (仓库中) is stopped with its reason and
// no way around it; the popup counts both as at risk.
import { beforeAll, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { openPopup, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData, goodsForm, openAddGoods, openGoodsLibrary, pickProduct, waitForReport } from "../support/goods"
import { useExtensionSuite } from "../support/suite"

let sandbox: Sandbox
let browser: ExtensionBrowser
useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

const WORDS = 501
const OFF_SALE = 502
const FINE = 503

beforeAll(async () => {
  sandbox.wechat.reset()
  await clearExtensionData(browser)
  const shop = sandbox.shop()
  shop.reset()
  shop.setState({
    products: [
      { id: WORDS, name: "全网最低价羊毛围巾", price: 99 },
      { id: OFF_SALE, name: "真丝睡衣套装", price: 199, saleStatus: 2 },
      { id: FINE, name: "手工红糖礼盒", price: 30 }
    ]
  })
  const page = await browser.context.newPage()
  await page.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  await page.locator('[data-lh="capture-all"]').click()
  await page.locator('[data-lh-control="capture-all"][data-lh-state="done"]').waitFor({ timeout: 30_000 })
  await page.close()
})

describe("risks stopped before 添加商品 is filled", () => {
  it("a name with 全网最低: its reason, a suggested name the merchant edits, then the fill with that name", async () => {
    const page = await openGoodsLibrary(browser)
    await openAddGoods(page)
    await pickProduct(page, WORDS)
    const report = page.locator(`[data-lh="fill-report"][data-lh-product-id="${WORDS}"]`)
    await report.locator('[data-lh-risk="forbidden_words"]').waitFor()
    expect(await report.getAttribute("data-lh-outcome")).toBe("failed")
    expect(await report.getAttribute("data-lh-refused")).toBe("risk")
    expect(await report.textContent()).toContain("全网最低")
    // Nothing written.
    expect((await goodsForm(page))!.name).toBe("")
    const edit = page.locator('[data-lh="name-edit"]')
    const suggested = await edit.inputValue()
    expect(suggested).not.toContain("最")
    expect(suggested).toContain("羊毛围巾")
    await edit.fill("羊毛围巾秋冬款")
    await page.locator('[data-lh="fill-confirm"]').click()
    // The refusal gives way to the fill's own report.
    await expect.poll(() => report.getAttribute("data-lh-outcome"), { timeout: 30_000 }).toBe("ok")
    expect(await report.getAttribute("data-lh-refused")).toBeNull()
    await expect.poll(async () => (await goodsForm(page))!.name).toBe("羊毛围巾秋冬款")
    await page.close()
  })

  it("a product 下架 in HiMall: its reason, no way to fill it", async () => {
    const page = await openGoodsLibrary(browser)
    await openAddGoods(page)
    await pickProduct(page, OFF_SALE)
    const report = page.locator(`[data-lh="fill-report"][data-lh-product-id="${OFF_SALE}"]`)
    await report.locator('[data-lh-risk="himall_not_on_sale"]').waitFor()
    expect(await report.textContent()).toContain("仓库中")
    expect(await page.locator('[data-lh="name-edit"]').isVisible()).toBe(false)
    expect(await goodsForm(page)).toMatchObject({ name: "", price: "", url: "" })
    // A product without risks still fills.
    await pickProduct(page, FINE)
    expect(await waitForReport(page, FINE)).toBe("ok")
    await page.close()
  })

  it("the popup counts the two at risk apart from the goods not added yet", async () => {
    const popup = await openPopup(browser)
    const atRisk = popup.locator('[data-lh-count="at-risk"]')
    await expect.poll(() => atRisk.getAttribute("data-lh-value"), { timeout: 10_000 }).toBe("2")
    await popup.close()
  })
})
