// The goods flows on every faithful markup of WeChat's pages (weui; `alt`: an Element/TDesign-like
// dialog, hidden radios whose price inputs appear only once chosen, a hidden file input, a table
// whose header and body are separate tables, no 状态 column on 已入库; `third`: Ant-Design-like,
// role-based grids of divs, price inputs hidden until chosen, a rejection reason only in a
// tooltip, a paged library). Nothing here knows a markup: only labels and behaviour.
import { beforeAll, beforeEach, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { readTable, type ExtensionBrowser } from "../support/browser"
import { useExtensionSuite } from "../support/suite"
import {
  captureFromGrid,
  clearExtensionData,
  goodsForm,
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

beforeAll(async () => {
  showOnlyProducts(sandbox, [130, 19, 118])
  await captureFromGrid(browser, sandbox, [130, 19, 118])
})

beforeEach(async () => {
  sandbox.wechat.reset()
  await clearExtensionData(browser, ["wechatGoods", "jobs"])
})

const link = (id: number) => `pages/productdetail/productdetail?id=${id}`

describe.each(WECHAT_MARKUPS)("goods on every markup of the console (%s)", (markup) => {
  beforeEach(() => sandbox.wechat.setState({ markup }))

  it("fills 一口价, 价格区间 and 显示折扣价 through inputs that appear only after their radio", async () => {
    const page = await openGoodsLibrary(browser)
    const cases = [
      { id: 130, original: "", expected: { priceType: 1, price: "100.00", price2: "" } },
      { id: 19, original: "", expected: { priceType: 2, price: "399.00", price2: "488.00" } },
      { id: 118, original: "50", expected: { priceType: 3, price: "50.00", price2: "35.00" } }
    ]
    for (const c of cases) {
      await openAddGoods(page)
      await page.locator('[data-lh="fill-goods"]').click()
      await page.locator('[data-lh="original-price"]').fill(c.original)
      await pickProduct(page, c.id)
      expect(await waitForReport(page, c.id)).toBe("ok")
      await waitForCover(page)
      const form = (await goodsForm(page))!
      expect(form).toMatchObject({ ...c.expected, url: link(c.id) })
      expect(form.cover).toMatchObject({ width: 200, height: 200 })
      expect(form.cover!.bytes).toBeLessThanOrEqual(50 * 1024)
      await page.getByRole("button", { name: "保存并提审", exact: true }).click()
      await page.waitForFunction(() => !(window as any).__fixture.goodsForm())
    }
    const state = await wechatState(page)
    expect(state.goods.map((g) => [g.url, g.priceType, g.status])).toEqual([
      [link(130), 1, "reviewing"],
      [link(19), 2, "reviewing"],
      [link(118), 3, "reviewing"]
    ])
    await page.close()
  }, 90_000)

  it("a library split over pages is read page by page as the merchant turns them; nothing read is lost", async () => {
    const goods = Array.from({ length: 7 }, (_, i) => ({
      goodsId: i + 1,
      name: `商品${i + 1}`,
      url: link(200 + i),
      priceType: 1,
      price: 10,
      price2: null,
      coverUrl: "",
      cover: null,
      status: "reviewing",
      rejectReason: ""
    }))
    sandbox.wechat.setState({ goods })
    const page = await openGoodsLibrary(browser)
    const stored = async () => (await readTable<{ url: string }>(browser, "wechatGoods")).map((g) => g.url).sort()
    // The third markup shows 5 a page; the others all 7.
    const firstPage = markup === "third" ? 5 : 7
    await expect.poll(async () => (await stored()).length, { timeout: 10_000 }).toBe(firstPage)
    const next = page.locator('[title="下一页"] button, button[title="下一页"], a:text-is("下一页")').first()
    if (markup === "third") await next.click()
    await expect.poll(stored, { timeout: 10_000 }).toEqual(goods.map((g) => g.url).sort())
    await page.close()
  }, 60_000)

  it("reads the table: 审核未通过 with its reason, and 已入库 (without a 状态 column in alt and third)", async () => {
    const page = await openGoodsLibrary(browser)
    for (const id of [130, 19]) {
      await openAddGoods(page)
      await pickProduct(page, id)
      await waitForReport(page, id)
      await waitForCover(page)
      await page.getByRole("button", { name: "保存并提审", exact: true }).click()
      await page.waitForFunction(() => !(window as any).__fixture.goodsForm())
    }
    const ids = Object.fromEntries((await wechatState(page)).goods.map((g) => [g.url, g.goodsId]))
    const review = (body: object) =>
      page.evaluate(
        async (b) => (await fetch("/__fixture/review", { method: "POST", body: JSON.stringify(b), headers: { "content-type": "application/json" } })).status,
        body
      )
    await review({ goodsId: ids[link(130)], result: "approve" })
    await review({ goodsId: ids[link(19)], result: "reject", reason: "价格与商品详情页不一致" })
    const stored = async () =>
      Object.fromEntries((await readTable<{ url: string; status: string; rejectReason: string | null }>(browser, "wechatGoods")).map((g) => [g.url, g]))
    await expect.poll(async () => (await stored())[link(19)]?.status, { timeout: 15_000 }).toBe("rejected")
    expect((await stored())[link(19)].rejectReason).toBe("价格与商品详情页不一致")
    await showShelf(page, "已入库")
    await expect.poll(async () => (await stored())[link(130)]?.status, { timeout: 15_000 }).toBe("approved")
    await page.close()
  }, 90_000)
})
