// Issue 11's pure rules: forbidden words, goods risks (with HiMall's real status values), room
// goods (matching, coverage, capacity, what to do with an import item) and the price fix.
import { describe, expect, it } from "vitest"

import { findForbiddenWords, withoutForbiddenWords } from "~core/forbidden-words"
import { goodsStatusFromText } from "~core/goods"
import { goodsRisks, productAtRisk } from "~core/goods-risk"
import { planPriceFix } from "~core/price-fix"
import { capacityFromText, decideImport, itemMatches, planGoodsCounts, roomCoverage, type PlannedGoods } from "~core/room-goods"

describe("forbidden words", () => {
  it("finds absolute terms, the longest where they overlap", () => {
    expect(findForbiddenWords("全网最低价羊毛围巾").map((h) => h.word)).toEqual(["全网最低价"])
    expect(findForbiddenWords("国家级顶级极品红茶 100%纯正").map((h) => h.word)).toEqual(["国家级", "顶级", "极品", "100%"])
    expect(findForbiddenWords("销量第一的最好保温杯").map((h) => h.word)).toEqual(["销量第一", "最好"])
    expect(findForbiddenWords("手工红糖礼盒")).toEqual([])
  })
  it("suggests the name without them, never empty of meaning", () => {
    expect(withoutForbiddenWords("全网最低价羊毛围巾")).toBe("羊毛围巾")
    // A bracket left empty goes too; spaces between Chinese words close up.
    expect(withoutForbiddenWords("【顶级】 大红袍 100% 正宗")).toBe("大红袍正宗")
    expect(withoutForbiddenWords("iPhone 15 第一 手机壳")).toBe("iPhone 15 手机壳")
  })
})

describe("goods risks", () => {
  it("forbidden words with a suggested name", () => {
    expect(goodsRisks({ name: "全网最低价羊毛围巾" })).toEqual([{ code: "forbidden_words", words: ["全网最低价"], suggestedName: "羊毛围巾" }])
  })
  it("HiMall's ProductSaleStatus: 1 出售中 fine, 2 仓库中 and 3 草稿箱 at risk, 0 and unknown not claimed", () => {
    expect(goodsRisks({ name: "羊毛围巾", saleStatus: 1, auditStatus: 2 })).toEqual([])
    expect(goodsRisks({ name: "羊毛围巾", saleStatus: 2, auditStatus: 2 })).toEqual([{ code: "himall_not_on_sale", saleStatus: 2 }])
    expect(goodsRisks({ name: "羊毛围巾", saleStatus: 3 })[0]).toMatchObject({ code: "himall_not_on_sale" })
    expect(goodsRisks({ name: "羊毛围巾", saleStatus: 0 })).toEqual([])
    expect(goodsRisks({ name: "羊毛围巾", saleStatus: null, auditStatus: null })).toEqual([])
  })
  it("HiMall's ProductAuditStatus: 2 audited fine; 1, 3, 4 违规下架 and 5 at risk", () => {
    for (const a of [1, 3, 4, 5])
      expect(goodsRisks({ name: "羊毛围巾", saleStatus: 1, auditStatus: a })).toEqual([{ code: "himall_not_approved", auditStatus: a }])
  })
  it("at risk also when the existing rules break (name length, link)", () => {
    const base = { priceLowFen: 100, priceHighFen: 100, link: "pages/productdetail/productdetail?id=1" }
    expect(productAtRisk({ ...base, name: "羊毛围巾" })).toBe(false)
    expect(productAtRisk({ ...base, name: "一二三四五六七八九十一二三四五" })).toBe(true)
    expect(productAtRisk({ ...base, name: "羊毛围巾", link: "http://x y" })).toBe(true)
    expect(productAtRisk({ ...base, name: "羊毛围巾", saleStatus: 2 })).toBe(true)
  })
})

const planned = (over: Partial<PlannedGoods>): PlannedGoods => ({
  productKey: "https://s.test|1",
  productId: 1,
  name: "羊毛大衣",
  url: "pages/productdetail/productdetail?id=1",
  wechatName: null,
  state: "approved",
  inRoom: false,
  ...over
})

describe("room goods", () => {
  it("matches a room item by link when shown, else by WeChat's or HiMall's name", () => {
    const g = planned({ wechatName: "羊毛大衣冬款" })
    expect(itemMatches({ name: "x", url: "/pages/productdetail/productdetail?id=1" }, g)).toBe(true)
    expect(itemMatches({ name: "羊毛大衣", url: "pages/productdetail/productdetail?id=2" }, g)).toBe(false)
    expect(itemMatches({ name: " 羊毛大衣冬款 ", url: null }, g)).toBe(true)
    expect(itemMatches({ name: "羊毛大衣", url: null }, g)).toBe(true)
    expect(itemMatches({ name: "羊毛", url: null }, g)).toBe(false)
  })
  it("coverage: n of m and the missing ones in plan order", () => {
    const a = planned({ productKey: "a", name: "甲商品", url: null })
    const b = planned({ productKey: "b", name: "乙商品", url: null })
    const c = planned({ productKey: "c", name: "丙商品", url: null })
    const cov = roomCoverage(
      [a, b, c],
      [
        { name: "乙商品", url: null },
        { name: "其他", url: null }
      ]
    )
    expect(cov.inRoom).toBe(1)
    expect(cov.planned).toBe(3)
    expect(cov.missing.map((g) => g.productKey)).toEqual(["a", "c"])
  })
  it("counts states and what the room can still take", () => {
    const goods = [planned({ state: "approved", inRoom: true }), planned({ state: "approved" }), planned({ state: "reviewing" }), planned({ state: "none" })]
    expect(planGoodsCounts(goods, 199, 200)).toEqual({ approved: 2, reviewing: 1, rejected: 0, draft: 0, none: 1, capacityLeft: -2 })
  })
  it("decides per import item: in the room, not approved, kept as ticked, over the cap, or tick", () => {
    const item = (o: Partial<{ checked: boolean; disabled: boolean; text: string }>) => ({ checked: false, disabled: false, text: "羊毛大衣 ¥99.00", ...o })
    expect(decideImport(item({ text: "羊毛大衣 已添加", disabled: true, checked: true }), 5, goodsStatusFromText)).toEqual({ result: "in_room" })
    expect(decideImport(item({ checked: true, disabled: true }), 5, goodsStatusFromText)).toEqual({ result: "in_room" })
    expect(decideImport(item({ text: "羊毛大衣 审核中", disabled: true }), 5, goodsStatusFromText)).toEqual({ result: "not_approved", state: "reviewing" })
    expect(decideImport(item({ checked: true }), 5, goodsStatusFromText)).toEqual({ result: "already_ticked" })
    expect(decideImport(item({}), 0, goodsStatusFromText)).toEqual({ result: "over_cap" })
    expect(decideImport(item({}), 1, goodsStatusFromText)).toEqual({ result: "tick" })
  })
  it("reads the import's own count of what it still takes", () => {
    expect(capacityFromText("仅可导入已入库商品。已选 3 个，本直播间还可导入 187 个")).toBe(187)
    expect(capacityFromText("已选择 1 件，还可导入 0 件")).toBe(0)
    expect(capacityFromText("已选择 2 项，剩余可添加 198 个")).toBe(198)
    expect(capacityFromText("共 40 条")).toBeNull()
  })
})

describe("price fix", () => {
  it("HiMall's current price with 添加商品's price-form rules", () => {
    expect(planPriceFix({ priceLowFen: 25900, priceHighFen: 25900, current: { priceType: 1, original: null } })).toEqual({
      priceType: 1,
      price: "259.00",
      price2: "",
      problem: null
    })
    expect(planPriceFix({ priceLowFen: 12000, priceHighFen: 18000, current: { priceType: 2, original: null } })).toMatchObject({
      priceType: 2,
      price: "120.00",
      price2: "180.00"
    })
    expect(planPriceFix({ priceLowFen: 12000, priceHighFen: 18000, current: { priceType: 1, original: null }, priceForm: "1" })).toMatchObject({
      priceType: 1,
      price: "120.00"
    })
  })
  it("a 显示折扣价 keeps WeChat's 原价 while it stays above the new price, else falls back", () => {
    expect(planPriceFix({ priceLowFen: 5900, priceHighFen: 5900, current: { priceType: 3, original: "99.00" } })).toMatchObject({
      priceType: 3,
      price: "99.00",
      price2: "59.00"
    })
    expect(planPriceFix({ priceLowFen: 12900, priceHighFen: 12900, current: { priceType: 3, original: "99.00" } })).toMatchObject({
      priceType: 1,
      price: "129.00"
    })
  })
})
