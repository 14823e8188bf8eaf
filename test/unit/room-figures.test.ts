// Room figures (issue 11, HiMall side): reading HiMall's figures, comparing readings, the chart's
// bars and the CSV export (UTF-8 BOM, quoting, formula injection defused).
import { describe, expect, it } from "vitest"

import { csvField, CSV_BOM, figureBars, figuresCsv, figuresOf, figureValue, roomEnded, sameFigures } from "~core/room-figures"

describe("figures", () => {
  it("reads numbers as HiMall writes them; anything else is unknown, never zero", () => {
    expect(figureValue(12)).toBe(12)
    expect(figureValue("1,299.50")).toBe(1299.5)
    expect(figureValue("￥88")).toBe(88)
    // Written the way prices are (core/price.ts): full-width digits, 元.
    expect(figureValue("１２.５元")).toBe(12.5)
    expect(figureValue("")).toBeNull()
    expect(figureValue("—")).toBeNull()
    expect(figureValue(-1)).toBeNull()
    expect(figureValue(NaN)).toBeNull()
    expect(figuresOf({ cartMember: "3", payAmount: "12.5", payOrders: "x" })).toEqual({
      cartMember: 3,
      cartCount: null,
      payMember: null,
      payOrders: null,
      payAmount: 12.5
    })
    expect(figuresOf({ cartMember: "", payAmount: undefined })).toBeNull()
    expect(sameFigures(figuresOf({ cartMember: 1 }), figuresOf({ cartMember: "1" }))).toBe(true)
    expect(sameFigures(figuresOf({ cartMember: 1 }), figuresOf({ cartMember: 2 }))).toBe(false)
    expect(sameFigures(null, undefined)).toBe(true)
    expect([103, 107, 101, 102, null].map(roomEnded)).toEqual([true, true, false, false, false])
  })

  it("bars: the shop's latest rooms scaled to the largest, the room itself always among them", () => {
    const rooms = Array.from({ length: 8 }, (_, i) => ({
      roomId: i + 1,
      name: `直播${i + 1}`,
      start: (i + 1) * 1000,
      figures: figuresOf({ payAmount: (i + 1) * 10 })
    }))
    const bars = figureBars(rooms, 1, "payAmount", 4)
    expect(bars.map((b) => b.roomId)).toEqual([8, 7, 6, 1])
    expect(bars[0]).toMatchObject({ value: 80, share: 1, current: false })
    expect(bars[3]).toMatchObject({ value: 10, share: 10 / 80, current: true })
    const withUnknown = figureBars([...rooms.slice(0, 2), { roomId: 9, name: "x", start: 9999, figures: figuresOf({ cartMember: 1 }) }], 9, "payAmount")
    expect(withUnknown[0]).toMatchObject({ roomId: 9, value: null, share: 0, current: true })
  })
})

describe("CSV", () => {
  it("quotes what needs it and defuses formulas", () => {
    expect(csvField('上月清仓, "特卖"')).toBe('"上月清仓, ""特卖"""')
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)")
    expect(csvField(-5)).toBe("-5")
    expect(csvField(null)).toBe("")
    expect(csvField("两行\n文字")).toBe('"两行\n文字"')
  })

  it("starts with a BOM, one line per room, figures with 2 decimals for money and empty when unknown", () => {
    const csv = figuresCsv(
      ["店铺", "房间号"],
      [
        {
          shop: "shop.example",
          roomId: 21,
          name: "直播",
          anchorName: "小羽",
          status: "已结束",
          start: "2020-03-01 14:00",
          end: "",
          figures: figuresOf({ cartMember: 12, payAmount: 1299.5 }),
          replay: "有",
          readAt: "2020-03-02 10:00"
        }
      ]
    )
    expect(csv.startsWith(CSV_BOM)).toBe(true)
    expect(csv.slice(1).split("\r\n")).toEqual(["店铺,房间号", "shop.example,21,直播,小羽,已结束,2020-03-01 14:00,,12,,,,1299.50,有,2020-03-02 10:00", ""])
  })
})
