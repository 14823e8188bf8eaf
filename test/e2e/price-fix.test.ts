// Issue 11, prices kept right: 已入库 goods whose HiMall price drifted get `fix-price` on their
// 商品库 row; it opens WeChat's own edit (编辑商品 / 修改商品) and fills only the price form and
// prices from HiMall's current price; the merchant saves and WeChat then holds HiMall's price
// with name, link and cover untouched. `price-fix-queue` walks every drifted goods the same way
// (started from the 未入库 shelf). Both on every markup of the console (weui 编辑商品, alt 修改商品,
// third 修改价格 with InputNumbers and a spaced 保 存 button): nothing here knows a markup.
import type { Page } from "playwright-core"
import { beforeEach, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import type { ExtensionBrowser } from "../support/browser"
import { clearExtensionData, showShelf, WECHAT_MARKUPS } from "../support/goods"
import { seedExtension, wechatGoods, type SeedGoods } from "../support/room-goods"
import { useExtensionSuite } from "../support/suite"

let sandbox: Sandbox
let browser: ExtensionBrowser
useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

const Q = "token=1&lang=zh_CN"
const GOODS: (SeedGoods & { himallPrice: number; himallPrice2?: number })[] = [
  { id: 601, name: "羊毛大衣", status: "approved", price: 299, himallPrice: 259 },
  { id: 602, name: "真丝围巾", status: "approved", priceType: 2, price: 100, price2: 150, himallPrice: 120, himallPrice2: 180 },
  { id: 603, name: "手工茶具", status: "approved", price: 88, himallPrice: 88 }
]

interface WxGoods {
  goodsId: number
  name: string
  url: string
  priceType: number
  price: number
  price2: number | null
  cover: unknown
  status: string
}
const state = async (page: Page): Promise<WxGoods[]> => (await page.evaluate(async () => (await fetch("/__fixture/state")).json())).goods
const editForm = (page: Page) => page.evaluate(() => (window as any).__fixture.goodsEditForm())

beforeEach(async () => {
  sandbox.wechat.reset()
  await clearExtensionData(browser, ["products", "wechatGoods", "plans", "roomGoods", "covers", "jobs", "settings"])
  await seedExtension(browser, sandbox, GOODS)
})

/** The edit's save button, as a merchant finds it: 保存 or 确定 (a component library may space it: 保 存). */
const saveButton = (page: Page) => page.getByRole("button", { name: /^(保\s?存|确\s?定)$/ })

async function save(page: Page) {
  await saveButton(page).click()
  await page.waitForFunction(() => !(window as any).__fixture.goodsEditForm())
}

describe.each(WECHAT_MARKUPS)("fix-price (%s markup)", (markup) => {
  beforeEach(() => sandbox.wechat.setState({ markup }))

  it("fills only the price fields of the drifted goods through WeChat's edit; the rest of the goods is untouched", async () => {
    sandbox.wechat.setState({ goods: wechatGoods(GOODS) })
    const page = await browser.context.newPage()
    await page.goto(`https://live.weixin.qq.com/livemp/goods/index?${Q}`, { waitUntil: "domcontentloaded" })
    const before = await state(page)
    await showShelf(page, "已入库")
    const fix = page.locator('[data-lh="fix-price"][data-lh-product-id="601"]')
    await fix.waitFor({ timeout: 15_000 })
    // Only the drifted goods get it.
    expect(await page.locator('[data-lh="fix-price"][data-lh-product-id="603"]').count()).toBe(0)
    await fix.click()
    const report = page.locator('[data-lh="price-fix-report"][data-lh-product-id="601"][data-lh-outcome]')
    await report.waitFor({ timeout: 15_000 })
    expect(await report.getAttribute("data-lh-outcome")).toBe("ok")
    expect(await editForm(page)).toEqual({
      goodsId: 601,
      name: "羊毛大衣",
      url: "pages/productdetail/productdetail?id=601",
      priceType: 1,
      price: "259.00",
      price2: ""
    })
    await save(page)
    const after = await state(page)
    const was = before.find((g) => g.goodsId === 601)!
    expect(after.find((g) => g.goodsId === 601)).toEqual({ ...was, price: 259 })
    // Every other goods as it was.
    expect(after.filter((g) => g.goodsId !== 601)).toEqual(before.filter((g) => g.goodsId !== 601))
    // Once the table shows the new price, the goods no longer drifts.
    await expect.poll(() => page.locator('[data-lh="fix-price"][data-lh-product-id="601"]').count(), { timeout: 15_000 }).toBe(0)
    await page.close()
  })

  it("the queue walks every drifted goods, one after another as each is saved", async () => {
    sandbox.wechat.setState({ goods: wechatGoods(GOODS) })
    const page = await browser.context.newPage()
    await page.goto(`https://mp.weixin.qq.com/wxamp/frame/live/goods/index?${Q}`, { waitUntil: "domcontentloaded" })
    const progress = page.locator('[data-lh="price-fix-progress"]')
    await expect.poll(() => progress.getAttribute("data-lh-left"), { timeout: 15_000 }).toBe("2")
    await page.locator('[data-lh="price-fix-queue"]').click()

    await page.locator('[data-lh="price-fix-report"][data-lh-product-id="601"][data-lh-outcome="ok"]').waitFor({ timeout: 15_000 })
    expect(await editForm(page)).toMatchObject({ goodsId: 601, priceType: 1, price: "259.00" })
    // Saved: the queue opens the next drifted goods at once.
    await saveButton(page).click()

    await page.locator('[data-lh="price-fix-report"][data-lh-product-id="602"][data-lh-outcome="ok"]').waitFor({ timeout: 15_000 })
    expect(await editForm(page)).toMatchObject({ goodsId: 602, priceType: 2, price: "120.00", price2: "180.00" })
    await save(page)

    // The queue's state and the drift list are asked together but answered apart: wait for both.
    await expect
      .poll(async () => [await progress.getAttribute("data-lh-state"), await progress.getAttribute("data-lh-left")], { timeout: 15_000 })
      .toEqual(["done", "0"])
    const after = await state(page)
    expect(after.map((g) => [g.goodsId, g.priceType, g.price, g.price2])).toEqual([
      [601, 1, 259, null],
      [602, 2, 120, 180],
      [603, 1, 88, null]
    ])
    await page.close()
  })
})
