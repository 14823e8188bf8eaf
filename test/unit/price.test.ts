import { describe, expect, it } from "vitest"

import { formatPriceRange, formatYuan, normalizePriceText, parseAmount, parsePrice } from "~core/price"

describe("parsePrice", () => {
  it.each([
    ["68.00", 6800, 6800],
    ["399.00~488.00", 39900, 48800],
    ["￥1,299.00", 129900, 129900],
    ["¥ 12.5", 1250, 1250],
    ["１２", 1200, 1200],
    ["１２．５０", 1250, 1250],
    ["  99  ", 9900, 9900],
    ["10-20", 1000, 2000],
    ["10 ～ 20", 1000, 2000],
    ["12.500", 1250, 1250],
    ["0.01", 1, 1]
  ])("reads %s", (text, low, high) => {
    expect(parsePrice(text)).toEqual({ ok: true, lowFen: low, highFen: high })
  })

  it.each([
    ["", "price_empty"],
    [null, "price_empty"],
    ["   ", "price_empty"],
    ["面议", "price_not_number"],
    ["0", "price_not_positive"],
    ["0.00", "price_not_positive"],
    ["-5", "price_not_positive"],
    ["399.00~", "price_not_number"],
    ["~488.00", "price_not_number"],
    ["12.345", "price_too_precise"],
    ["488~399", "price_range_order"],
    ["1~2~3", "price_not_number"],
    ["12abc", "price_not_number"]
  ])("refuses %s as %s", (text, problem) => {
    expect(parsePrice(text as string | null)).toEqual({ ok: false, problem })
  })
})

describe("price helpers", () => {
  it("normalises full-width digits, currency signs and separators", () => {
    expect(normalizePriceText("￥１,２９９．００ 元")).toBe("1299.00")
  })
  it("parses one amount", () => {
    expect(parseAmount("3.3")).toEqual({ ok: true, fen: 330 })
  })
  it("formats fen as WeChat wants", () => {
    expect(formatYuan(6800)).toBe("68.00")
    expect(formatYuan(5)).toBe("0.05")
    expect(formatPriceRange(39900, 48800)).toBe("399.00~488.00")
    expect(formatPriceRange(100, 100)).toBe("1.00")
  })
})
