// The options page's plan goods list (issue 11): stored products picked by search and by the
// popup's state filters, kept in order, each with its WeChat state (or in the room), and how
// many more the room takes. plan.setGoods goes to the worker's real handler on the same
// (fake) database.
import { render, screen, waitFor, within } from "@testing-library/react"
import { goodsKey } from "~core/accounts"
import userEvent from "@testing-library/user-event"
import { beforeEach, describe, expect, it, vi } from "vitest"

import { getDb, type GoodsRecord } from "~db/schema"

import { productRecord, SHOP } from "../support/factories"

vi.mock("~lib/send", () => ({
  send: vi.fn(async (type: string, payload: any) => {
    const { setPlanGoods } = await import("~background/room-goods")
    if (type === "plan.setGoods") return { saved: await setPlanGoods(getDb(), payload, Date.now()) }
    throw new Error(`unexpected ${type}`)
  })
}))

const { Plans } = await import("~options/Plans")
const { Shell } = await import("~ui/shell")

const db = getDb()
const key = (id: number) => `${SHOP}|${id}`
const link = (id: number) => `pages/productdetail/productdetail?id=${id}`
const goods = (id: number, status: GoodsRecord["status"]): GoodsRecord => ({
  key: goodsKey(null, link(id)),
  url: link(id),
  name: `商品${id}`,
  status,
  statusText: "",
  rejectReason: null,
  priceLowFen: 100,
  priceHighFen: 100,
  firstSeenAt: 1,
  seenAt: 1,
  statusSince: 1,
  discount: false
})

beforeEach(async () => {
  await db.open()
  await Promise.all([db.plans.clear(), db.products.clear(), db.wechatGoods.clear(), db.roomGoods.clear()])
  await db.products.bulkPut(
    [
      [1, "羊毛大衣"],
      [2, "真丝围巾"],
      [3, "手工茶具"],
      [4, "有机红茶"]
    ].map(([id, name]) => productRecord({ key: key(id as number), productId: id as number, name: name as string, link: link(id as number) }))
  )
  await db.wechatGoods.bulkPut([goods(1, "approved"), goods(2, "approved"), goods(3, "reviewing")])
  await db.roomGoods.put({ roomId: 9, items: [{ name: "商品1", url: null }], complete: true, source: "wechat", seenAt: 1 })
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
    roomId: 9
  })
})

describe("options: a plan's goods", () => {
  it("adds products by search and by state, orders them, shows states and the room's capacity", async () => {
    const user = userEvent.setup()
    render(
      <Shell title="t">
        <Plans />
      </Shell>
    )
    await screen.findByText("店庆特惠专场")
    const open = document.querySelector<HTMLElement>('[data-lh="plan-goods"]')!
    expect(open.textContent).toBe("商品（0）")
    await user.click(open)
    const editor = await waitFor(() => {
      const e = document.querySelector<HTMLElement>('[data-lh="plan-goods-editor"]')
      if (!e) throw new Error("no plan goods editor yet")
      return e
    })
    // By state: only 已入库 ones offered.
    await user.selectOptions(within(editor).getByLabelText("按状态筛选"), "approved")
    await waitFor(() => expect(editor.querySelectorAll('[data-lh="plan-goods-add"]')).toHaveLength(2))
    await user.click(editor.querySelector('[data-lh="plan-goods-add"][data-lh-product-id="2"]')!)
    await user.click(editor.querySelector('[data-lh="plan-goods-add"][data-lh-product-id="1"]')!)
    // By search.
    await user.selectOptions(within(editor).getByLabelText("按状态筛选"), "all")
    await user.type(within(editor).getByLabelText("搜索已存入的商品（名称或 ID）"), "红茶")
    await waitFor(() => expect(editor.querySelectorAll('[data-lh="plan-goods-add"]')).toHaveLength(1))
    await user.click(editor.querySelector('[data-lh="plan-goods-add"][data-lh-product-id="4"]')!)

    await waitFor(async () => expect((await db.plans.toArray())[0].goods).toEqual([key(2), key(1), key(4)]))
    const rows = () =>
      [...editor.querySelectorAll("[data-lh-plan-goods]")].map((r) => [r.getAttribute("data-lh-plan-goods"), r.getAttribute("data-lh-goods-state")])
    await waitFor(() =>
      expect(rows()).toEqual([
        [key(2), "approved"],
        [key(1), "in_room"],
        [key(4), "none"]
      ])
    )
    // Order: 有机红茶 up to the top.
    const last = editor.querySelector(`[data-lh-plan-goods="${key(4)}"]`)!
    await user.click(last.querySelector('[data-lh="plan-goods-up"]')!)
    await waitFor(async () => expect((await db.plans.toArray())[0].goods).toEqual([key(2), key(4), key(1)]))
    // The room holds 1 of 200; two more to import leave 197.
    await waitFor(() => expect(editor.querySelector('[data-lh="plan-goods-counts"]')!.getAttribute("data-lh-capacity")).toBe("197"))
    // Remove one.
    await user.click(editor.querySelector(`[data-lh-plan-goods="${key(2)}"] [data-lh="plan-goods-remove"]`)!)
    await waitFor(async () => expect((await db.plans.toArray())[0].goods).toEqual([key(4), key(1)]))
  })
})
