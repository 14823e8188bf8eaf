// Issue 11, goods into rooms: a plan of 15 goods (12 已入库, 2 in review, 1 rejected) filled into
// a room's 导入商品 by `fill-room-goods` (paging through the import, keeping what the merchant
// ticked, one goods already in the room), the report per product, the merchant's 确定, the
// room's goods list read back and shown in the popup as "n of m planned goods"; and a goods not
// in the list (searched for, paged) and the room's cap. Both on every markup of the console
// (weui: a dialog with a table; alt: a drawer of role=checkbox cards that searches as one
// types; third: an Ant Modal with a grid, an icon-only search and a simple pager): nothing
// here knows a markup, only labels and behaviour.
import type { Page } from "playwright-core"
import { beforeEach, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { openPopup, readTable, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData, WECHAT_MARKUPS } from "../support/goods"
import { seedExtension, seedPlan, wechatGoods, type SeedGoods } from "../support/room-goods"
import { useExtensionSuite } from "../support/suite"

let sandbox: Sandbox
let browser: ExtensionBrowser
useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

const Q = "token=1&lang=zh_CN"
const NAMES = [
  "天使旅行箱",
  "羊毛大衣",
  "真丝围巾",
  "手工茶具",
  "有机红茶",
  "羽绒服",
  "运动鞋",
  "保温杯",
  "亚麻衬衫",
  "竹编果篮",
  "紫砂茶壶",
  "蚕丝被",
  "青花瓷碗",
  "黑糖姜茶",
  "檀木梳子"
]

/** 15 planned goods: ids 101–115; 101–112 已入库, 113–114 审核中, 115 审核未通过. */
const PLANNED: SeedGoods[] = NAMES.map((name, i) => ({
  id: 101 + i,
  name,
  price: 50 + i,
  status: i < 12 ? "approved" : i < 14 ? "reviewing" : "rejected"
}))
/** Other 已入库 goods, interleaved so the planned ones spread over the import's pages. */
const OTHERS: SeedGoods[] = Array.from({ length: 25 }, (_, i) => ({
  id: 201 + i,
  name: `其他商品${String(i + 1).padStart(2, "0")}号`,
  price: 10 + i,
  status: "approved"
}))

function interleave(): SeedGoods[] {
  const out: SeedGoods[] = []
  const others = [...OTHERS]
  for (const g of PLANNED) out.push(others.shift()!, g)
  return [...out, ...others]
}

/** The import's confirm button, as a merchant finds it: 确定 or 导入 (a component library may space it: 确 定). */
const confirmButton = (page: Page) => page.getByRole("button", { name: /^(确\s?定|导\s?入)$/ })

const report = (page: Page) => page.locator('[data-lh="room-goods-report"][data-lh-outcome]')
const result = (page: Page, id: number) => page.locator(`[data-lh-room-goods-item][data-lh-product-id="${id}"]`)

async function roomGoods(page: Page, roomId: number): Promise<number[]> {
  const state = await page.evaluate(async () => (await fetch("/__fixture/state")).json())
  return (state.rooms as { roomId: number; goods?: number[] }[]).find((r) => r.roomId === roomId)!.goods ?? []
}

beforeEach(async () => {
  sandbox.wechat.reset()
  await clearExtensionData(browser, ["products", "wechatGoods", "plans", "roomGoods", "covers", "jobs", "settings", "wechatRooms"])
})

describe.each(WECHAT_MARKUPS)("fill-room-goods (%s markup)", (markup) => {
  beforeEach(() => sandbox.wechat.setState({ markup }))

  it("ticks the plan's 已入库 goods across the import's pages, reports each product, and the room's contents reach the popup", async () => {
    const all = interleave()
    const state = sandbox.wechat.getState() as { rooms: { roomId: number; goods?: number[] }[] }
    // Goods 101 is in room 2 already.
    sandbox.wechat.setState({ goods: wechatGoods(all), rooms: state.rooms.map((r) => (r.roomId === 2 ? { ...r, goods: [101] } : r)) })
    await seedExtension(browser, sandbox, PLANNED)
    await seedPlan(
      browser,
      sandbox,
      1,
      2,
      PLANNED.map((g) => g.id)
    )

    const page = await browser.context.newPage()
    await page.goto(`https://live.weixin.qq.com/livemp/broadcast/goods?roomId=2&${Q}`, { waitUntil: "domcontentloaded" })
    await page.getByRole("button", { name: "导入商品", exact: true }).click()
    await page.locator('[data-lh="fill-room-goods"]').waitFor()
    // The merchant ticks a goods of their own first (its check box, or the label around it).
    await page
      .locator("tr, [role=row], [role=listitem]", { hasText: "其他商品01号" })
      .locator("[role=checkbox], label:has(input[type=checkbox])")
      .first()
      .click()
    await expect.poll(async () => (await page.evaluate(() => (window as any).__fixture.roomGoodsImport())).selected).toEqual([201])
    await page.locator('[data-lh="fill-room-goods"]').click()
    await report(page).waitFor({ timeout: 60_000 })

    expect(await report(page).getAttribute("data-lh-outcome")).toBe("ok")
    expect(await report(page).getAttribute("data-lh-ticked")).toBe("11")
    expect(await result(page, 101).getAttribute("data-lh-result")).toBe("in_room")
    for (const g of PLANNED.slice(1, 12)) expect(await result(page, g.id).getAttribute("data-lh-result"), g.name).toBe("ticked")
    for (const id of [113, 114]) {
      expect(await result(page, id).getAttribute("data-lh-result")).toBe("not_approved")
      expect(await result(page, id).getAttribute("data-lh-state")).toBe("reviewing")
    }
    expect(await result(page, 115).getAttribute("data-lh-state")).toBe("rejected")
    // The dialog's own model: the 11 ticked and the merchant's one, nothing else.
    const model = await page.evaluate(() => (window as any).__fixture.roomGoodsImport())
    expect([...model.selected].sort()).toEqual([201, ...PLANNED.slice(1, 12).map((g) => g.id)].sort())

    // The merchant presses 确定: the room holds them, and its list is read back.
    await confirmButton(page).click()
    await expect.poll(() => roomGoods(page, 2), { timeout: 10_000 }).toHaveLength(13)
    await expect
      .poll(async () => (await readTable<{ roomId: number; items: unknown[] }>(browser, "roomGoods")).find((r) => r.roomId === 2)?.items.length, {
        timeout: 15_000
      })
      .toBe(13)

    // The rooms themselves, as 直播间管理 shows them.
    await page.goto(`https://live.weixin.qq.com/livemp/broadcast/index?${Q}`, { waitUntil: "domcontentloaded" })
    await expect.poll(async () => (await readTable<{ roomId: number }>(browser, "wechatRooms")).some((r) => r.roomId === 2), { timeout: 15_000 }).toBe(true)

    const popup = await openPopup(browser)
    await popup.locator('[data-lh="tab-rooms"]').click()
    const coverage = popup.locator('[data-lh-room-goods="2"]')
    await coverage.waitFor({ timeout: 15_000 })
    expect(await coverage.getAttribute("data-lh-in-room")).toBe("12")
    expect(await coverage.getAttribute("data-lh-planned")).toBe("15")
    // The missing ones: the two in review and the rejected one.
    const missing = await coverage.locator("[data-lh-room-goods-missing]").textContent()
    for (const name of ["青花瓷碗", "黑糖姜茶", "檀木梳子"]) expect(missing).toContain(name)
    expect(missing).not.toContain("天使旅行箱")
    await popup.close()
    await page.close()
  })

  it("searches for what paging does not show, stops at the room's cap, reports what is not in the list", async () => {
    const planned: SeedGoods[] = [
      { id: 301, name: "雪梨银耳羹", price: 20, status: "approved" },
      { id: 302, name: "桂花酒酿", price: 30, status: "approved" },
      { id: 303, name: "陈皮普洱", price: 40, status: "approved" },
      { id: 304, name: "绿豆糕礼盒", price: 50, status: "reviewing" }
    ]
    // 303 is 已入库 as the extension last read it, but WeChat no longer lists it.
    const listed = [...OTHERS, planned[0], planned[1], planned[3]]
    sandbox.wechat.setState({ goods: wechatGoods(listed), roomGoodsCap: 1 })
    await seedExtension(browser, sandbox, planned)
    await seedPlan(
      browser,
      sandbox,
      2,
      2,
      planned.map((g) => g.id)
    )

    const page = await browser.context.newPage()
    await page.goto(`https://mp.weixin.qq.com/wxamp/frame/live/broadcast/goods?roomId=2&${Q}`, { waitUntil: "domcontentloaded" })
    await page.getByRole("button", { name: "导入商品", exact: true }).click()
    await page.locator('[data-lh="fill-room-goods"]').click()
    await report(page).waitFor({ timeout: 60_000 })

    expect(await report(page).getAttribute("data-lh-outcome")).toBe("partial")
    expect(await result(page, 301).getAttribute("data-lh-result")).toBe("ticked")
    expect(await result(page, 302).getAttribute("data-lh-result")).toBe("over_cap")
    expect(await result(page, 303).getAttribute("data-lh-result")).toBe("not_found")
    expect(await result(page, 304).getAttribute("data-lh-result")).toBe("not_approved")
    const model = await page.evaluate(() => (window as any).__fixture.roomGoodsImport())
    expect(model.selected).toEqual([301])
    // The list is left as the merchant had it: no search.
    expect(model.query).toBe("")
    await confirmButton(page).click()
    await expect.poll(() => roomGoods(page, 2), { timeout: 10_000 }).toEqual([301])
    await page.close()
  })
})
