// The issue 11 features in a page (jsdom), talking to the worker's real router over a fake
// runtime: fill-room-goods ticks a plan's goods in an import it has not seen (Element-UI-like,
// check boxes in labels), keeping the merchant's tick; fix-price asks the merchant to open the
// edit when a row has no 编辑; and both take everything they added away when their signal fires.
import type { Runtime } from "webextension-polyfill"
import { beforeEach, describe, expect, it } from "vitest"
import { waitFor } from "@testing-library/react"

import { createRouter } from "~background/router"
import { getDb, type GoodsRecord } from "~db/schema"
import { PriceFixFeature } from "~features/price-fix"
import { createPageState } from "~features/registry"
import { RoomGoodsFeature } from "~features/room-goods"

import { goodsRecord, productLink as link, productRecord, SHOP } from "../support/factories"
import { deepQuery } from "../support/shadow"

const EXT = "fake-extension-id"
const PAGE = "https://mp.weixin.qq.com/wxamp/frame/live/broadcast/goods?roomId=9&token=1"
const db = getDb()
const key = (id: number) => `${SHOP}|${id}`
const goods = (id: number, name: string, over: Partial<GoodsRecord> = {}): GoodsRecord => goodsRecord(id, { name, ...over })

beforeEach(async () => {
  await db.open()
  await Promise.all(db.tables.map((t) => t.clear()))
  const route = createRouter({ db, extensionId: EXT, isShopOrigin: async () => false })
  const sender = { id: EXT, tab: { id: 1 }, frameId: 0, url: PAGE, origin: "https://mp.weixin.qq.com" } as unknown as Runtime.MessageSender
  ;(chrome.runtime as unknown as { sendMessage: (m: unknown) => Promise<unknown> }).sendMessage = (m) => route(m, sender)
  history.replaceState(null, "", "/wxamp/frame/live/broadcast/goods?roomId=9&token=1")
  document.body.innerHTML = ""
})

/** An Element-UI-like import: check boxes wrapped in labels, the state in an <i>, the merchant's tick kept. */
function importDialog() {
  const item = (name: string, o: { checked?: boolean; disabled?: boolean; tag?: string } = {}) =>
    `<label class="el-checkbox"><span class="el-checkbox__input"><input type="checkbox"${o.checked ? " checked" : ""}${o.disabled ? " disabled" : ""}></span><span class="el-checkbox__label">${name} ¥10.00${o.tag ? ` <i>${o.tag}</i>` : ""}</span></label>`
  document.body.innerHTML = `<div class="el-dialog"><div class="el-dialog__header"><span>导入商品</span></div>
    <div class="el-dialog__body"><input type="text" placeholder="商品名称">
      ${item("羊毛大衣加厚", { checked: true })}${item("羊毛大衣")}${item("真丝围巾", { checked: true, disabled: true, tag: "已导入" })}
    </div><div class="el-dialog__footer"><button>确 定</button></div></div>`
}

describe("fill-room-goods in an unseen import", () => {
  it("ticks what the plan lists, keeps the merchant's tick, reports each product; abort takes the panel away", async () => {
    await db.products.bulkPut(
      [
        [1, "羊毛大衣"],
        [2, "真丝围巾"],
        [3, "手工茶具"]
      ].map(([id, name]) => productRecord({ key: key(id as number), productId: id as number, name: name as string, link: link(id as number) }))
    )
    await db.wechatGoods.bulkPut([goods(1, "羊毛大衣"), goods(2, "真丝围巾"), goods(3, "手工茶具", { status: "rejected" })])
    await db.plans.add({
      title: "店庆特惠专场",
      start: 0,
      end: 0,
      anchorName: "小美",
      anchorWechat: "a",
      allowComment: true,
      shareImage: null,
      roomCover: null,
      createdAt: 1,
      updatedAt: 1,
      usedAt: null,
      roomId: 9,
      goods: [key(1), key(2), key(3)]
    })
    importDialog()
    const controller = new AbortController()
    const feature = new RoomGoodsFeature(controller.signal)
    feature.run()
    const button = deepQuery<HTMLButtonElement>('[data-lh="fill-room-goods"]')!
    expect(button).toBeTruthy()
    // The plan is known once the context arrives.
    await waitFor(() => expect(deepQuery('[data-lh="room-goods-plan"] option')).toBeTruthy())
    button.click()
    const report = await waitFor(() => {
      const r = deepQuery('[data-lh="room-goods-report"][data-lh-outcome]')
      if (!r) throw new Error("no report yet")
      return r
    })
    const result = (id: number) => report.querySelector(`[data-lh-product-id="${id}"]`)!.getAttribute("data-lh-result")
    expect([result(1), result(2), result(3)]).toEqual(["ticked", "in_room", "not_approved"])
    const boxes = [...document.querySelectorAll<HTMLInputElement>(".el-checkbox input")].map((i) => i.checked)
    // The merchant's 羊毛大衣加厚 stays ticked; 羊毛大衣 (not its longer namesake) is ticked.
    expect(boxes).toEqual([true, true, true])

    controller.abort()
    expect(document.querySelector("[data-lh-panel]")).toBeNull()
    feature.run()
    expect(document.querySelector("[data-lh-panel]")).toBeNull()
  })
})

describe("fix-price where a row has no 编辑", () => {
  it("asks the merchant to open WeChat's edit; abort takes it away", async () => {
    document.body.innerHTML = `<table><thead><tr><th>基本信息</th><th>价格</th><th>链接</th><th>操作</th></tr></thead>
      <tbody><tr><td>羊毛大衣</td><td>¥10.00</td><td>${link(1)}</td><td><a>删除</a></td></tr></tbody></table>`
    const controller = new AbortController()
    const feature = new PriceFixFeature(controller.signal, createPageState())
    await feature.fix({
      productKey: key(1),
      productId: 1,
      name: "羊毛大衣",
      url: link(1),
      wechatName: "羊毛大衣",
      priceLowFen: 900,
      priceHighFen: 900,
      wechatLowFen: 1000,
      wechatHighFen: 1000
    })
    expect(deepQuery('[data-lh="price-fix-ask"]')?.textContent).toContain("请打开该商品的编辑")
    controller.abort()
    expect(deepQuery('[data-lh="price-fix-ask"]')).toBeNull()
  })
})

describe("the price-fix queue with nothing it can open here", () => {
  it("says how many are left and why, instead of waiting silently", async () => {
    await db.products.put(productRecord({ key: key(5), productId: 5, name: "保温杯", link: link(5), priceLowFen: 900, priceHighFen: 900 }))
    await db.wechatGoods.put(goods(5, "保温杯"))
    // 商品库 on its 已入库 shelf, showing another goods only (the drifted one is on another page).
    document.body.innerHTML = `<div><a class="current">未入库</a><a class="tab_current">已入库</a><div><button>添加商品</button></div>
      <table><thead><tr><th>基本信息</th><th>价格</th><th>链接</th><th>操作</th></tr></thead>
      <tbody><tr><td>羊毛大衣</td><td>¥10.00</td><td>${link(1)}</td><td><a>编辑</a></td></tr></tbody></table></div>`
    document.querySelector("a.current")!.className = ""
    const controller = new AbortController()
    const feature = new PriceFixFeature(controller.signal, createPageState())
    feature.run()
    const start = await waitFor(() => {
      const b = deepQuery<HTMLButtonElement>('[data-lh="price-fix-queue"]')
      if (!b) throw new Error("no queue button yet")
      return b
    })
    start.click()
    await waitFor(() => expect(deepQuery('[data-lh="price-fix-progress"]')?.getAttribute("data-lh-stuck")).toBe("true"))
    expect(deepQuery('[data-lh="price-fix-progress"]')!.textContent).toContain("还有 1 个价格未修正")
    controller.abort()
    expect(document.querySelector("[data-lh-panel]")).toBeNull()
  })
})
