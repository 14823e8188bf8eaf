import { describe, expect, it } from "vitest"

import {
  goodsNameProblem,
  goodsStatusFromText,
  parseWechatPrice,
  planGoods,
  planProblems,
  priceDrift,
  rejectReasonFrom,
  statusWithoutReason,
  suggestGoodsName,
  textUnits
} from "~core/goods"

describe("WeChat name units", () => {
  it("counts a Chinese character as 2 units and ASCII as 1", () => {
    expect(textUnits("天使旅行箱")).toBe(10)
    expect(textUnits("iPhone 15")).toBe(9)
    expect(textUnits("T恤")).toBe(3)
  })

  it("accepts 3 to 14 Chinese characters (6 to 28 units)", () => {
    expect(goodsNameProblem("天使旅行箱")).toBeNull()
    expect(goodsNameProblem("一二三四五六七八九十一二三四")).toBeNull() // 14 characters
    expect(goodsNameProblem("一二三四五六七八九十一二三四五")).toBe("goods_name_too_long")
    expect(goodsNameProblem("T恤")).toBe("goods_name_too_short")
    expect(goodsNameProblem("abcdef")).toBeNull()
    expect(goodsNameProblem("   ")).toBe("goods_name_empty")
  })
})

describe("suggested name", () => {
  it("leaves a fitting name alone", () => {
    expect(suggestGoodsName("天使旅行箱")).toBe("天使旅行箱")
  })

  it("drops bracketed remarks and filler before cutting", () => {
    const s = suggestGoodsName("【包邮】天使旅行箱 万向轮（新款）20寸登机箱 女士")
    expect(textUnits(s)).toBeLessThanOrEqual(28)
    expect(s).not.toContain("包邮")
    expect(s.startsWith("天使旅行箱")).toBe(true)
  })

  it("always fits and keeps at least 3 characters for any long name", () => {
    for (const name of [
      "一二三四五六七八九十一二三四五六七八九十",
      "Apple iPhone 15 Pro Max 256GB Natural Titanium",
      "【限时秒杀】【包邮】【正品】超长名称的商品用于测试建议名称是否合理",
      "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"
    ]) {
      const s = suggestGoodsName(name)
      expect(goodsNameProblem(s)).toBeNull()
    }
  })

  it("does not split an ASCII word when a word boundary is near", () => {
    const s = suggestGoodsName("Apple iPhone 15 Pro Max 256GB Natural Titanium")
    expect("Apple iPhone 15 Pro Max 256GB Natural Titanium".startsWith(s)).toBe(true)
    expect(/\s$/.test(s)).toBe(false)
    expect(["Apple iPhone 15 Pro Max", "Apple iPhone 15 Pro Max 256GB"]).toContain(s)
  })
})

describe("price form", () => {
  const base = { name: "天使旅行箱", link: "pages/productdetail/productdetail?id=19" }

  it("one price is 一口价", () => {
    const p = planGoods({ ...base, priceLowFen: 6800, priceHighFen: 6800 })
    expect([p.priceType, p.price, p.price2]).toEqual([1, "68.00", ""])
  })

  it("a range is 价格区间 with low then high", () => {
    const p = planGoods({ ...base, priceLowFen: 39900, priceHighFen: 48800 })
    expect([p.priceType, p.price, p.price2]).toEqual([2, "399.00", "488.00"])
  })

  it("an original price above the current one is 显示折扣价 (price = original, price2 = current)", () => {
    const p = planGoods({ ...base, priceLowFen: 6800, priceHighFen: 6800, originalPrice: "￥９９" })
    expect([p.priceType, p.price, p.price2, p.priceProblem]).toEqual([3, "99.00", "68.00", null])
  })

  it("refuses an original price not above the current one, or not a number", () => {
    expect(planGoods({ ...base, priceLowFen: 6800, priceHighFen: 6800, originalPrice: "68" }).priceProblem).toBe("original_not_above_current")
    expect(planGoods({ ...base, priceLowFen: 6800, priceHighFen: 6800, originalPrice: "面议" }).priceProblem).toBe("original_not_number")
    expect(planGoods({ ...base, priceLowFen: 6800, priceHighFen: 6800, originalPrice: "-5" }).priceProblem).toBe("original_not_number")
  })

  it("normalises the link and reports a broken one", () => {
    expect(planGoods({ ...base, link: " /pages/productdetail/productdetail?id=19 ", priceLowFen: 1, priceHighFen: 1 }).url).toBe(
      "pages/productdetail/productdetail?id=19"
    )
    expect(planGoods({ ...base, link: "pages%2Fproductdetail%2Fproductdetail%3Fid%3D19", priceLowFen: 1, priceHighFen: 1 }).url).toBe(
      "pages/productdetail/productdetail?id=19"
    )
    const bad = planGoods({ ...base, link: "http://x.com/a b<c>", priceLowFen: 1, priceHighFen: 1 })
    expect(planProblems(bad)).toContain("link_invalid")
  })

  it("a long name is a problem with a suggestion, never cut in the plan itself", () => {
    const name = "一二三四五六七八九十一二三四五六七八"
    const p = planGoods({ ...base, name, priceLowFen: 100, priceHighFen: 100 })
    expect(p.name).toBe(name)
    expect(p.nameProblem).toBe("goods_name_too_long")
    expect(goodsNameProblem(p.suggestedName!)).toBeNull()
  })
})

describe("console wording", () => {
  it("maps status texts", () => {
    expect(goodsStatusFromText("审核中")).toBe("reviewing")
    expect(goodsStatusFromText("审核未通过")).toBe("rejected")
    expect(goodsStatusFromText(" 审核驳回 ")).toBe("rejected")
    expect(goodsStatusFromText("未审核")).toBe("draft")
    expect(goodsStatusFromText("审核通过")).toBe("approved")
    expect(goodsStatusFromText("已入库")).toBe("approved")
    expect(goodsStatusFromText("删除")).toBeNull()
  })

  it("reads a rejection reason", () => {
    expect(rejectReasonFrom("审核未通过 原因：商品图片不清晰")).toBe("商品图片不清晰")
    expect(rejectReasonFrom("审核未通过 驳回原因: 名称违规")).toBe("名称违规")
    expect(rejectReasonFrom("审核未通过")).toBeNull()
  })

  it("tells the status from the reason written after it, by the same label", () => {
    expect(statusWithoutReason("审核未通过 原因：商品图片不清晰")).toBe("审核未通过")
    expect(statusWithoutReason("审核未通过 驳回原因: ")).toBe("审核未通过")
    expect(statusWithoutReason(" 审核中 ")).toBe("审核中")
  })

  it("reads WeChat's price texts", () => {
    expect(parseWechatPrice("¥68.00")).toEqual({ lowFen: 6800, highFen: 6800, discount: false })
    expect(parseWechatPrice("¥399.00 - ¥488.00")).toEqual({ lowFen: 39900, highFen: 48800, discount: false })
    expect(parseWechatPrice("¥59.00（原价 ¥99.00）")).toEqual({ lowFen: 5900, highFen: 5900, discount: true })
    expect(parseWechatPrice("—")).toBeNull()
  })

  it("flags drift when HiMall's price left WeChat's", () => {
    expect(priceDrift({ priceLowFen: 6800, priceHighFen: 6800 }, { priceLowFen: 6800, priceHighFen: 6800, discount: false })).toBe(false)
    expect(priceDrift({ priceLowFen: 7800, priceHighFen: 7800 }, { priceLowFen: 6800, priceHighFen: 6800, discount: false })).toBe(true)
    expect(priceDrift({ priceLowFen: 5900, priceHighFen: 8000 }, { priceLowFen: 5900, priceHighFen: 5900, discount: true })).toBe(false)
    expect(priceDrift({ priceLowFen: 5900, priceHighFen: 5900 }, null)).toBe(false)
  })
})
