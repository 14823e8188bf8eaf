// The popup's results after the live (RoomResults): an ended room's figures (unknown ones said),
// the 支付金额 bars across the same shop's rooms, the replay, and the CSV of every HiMall room.
import { render, screen } from "@testing-library/react"
import { beforeEach, describe, expect, it } from "vitest"

import type { RoomRow } from "~core/checklist"
import { RoomResults, roomFiguresCsv } from "~popup/RoomResults"

import { installFakeChrome } from "../support/fake-chrome"

const SHOP = "https://shop.example.com"

function row(roomId: number, status: number, shop: Record<string, unknown> | null, start = roomId * 1000): RoomRow {
  return {
    roomId,
    name: `直播${roomId}`,
    anchorName: "小羽",
    start,
    end: null,
    status,
    group: status === 103 ? "past" : "upcoming",
    wechat: null,
    shop:
      shop &&
      ({
        key: `${shop.shopOrigin ?? SHOP}|${roomId}`,
        shopOrigin: SHOP,
        roomId,
        name: `直播${roomId}`,
        anchorName: "小羽",
        status,
        start,
        end: null,
        coverUrl: null,
        coverWidth: null,
        coverHeight: null,
        seenAt: 1,
        ...shop
      } as never),
    cover: "missing",
    syncedAt: 1,
    todo: [],
    needs: 0
  } as RoomRow
}

const figures = (payAmount: number | null, cartMember: number | null = 12) => ({ cartMember, cartCount: 30, payMember: 5, payOrders: 6, payAmount })

beforeEach(() => {
  installFakeChrome()
})

describe("RoomResults", () => {
  it("shows an ended room's figures, unknown ones as unknown, the bars of the same shop's rooms and the replay", () => {
    const rows = [
      row(1, 103, { figures: figures(100, null), figuresAt: Date.UTC(2030, 0, 1), hasReplay: true }),
      row(2, 103, { figures: figures(50), hasReplay: false }),
      row(3, 103, { shopOrigin: "https://other.example.com", figures: figures(9999) }),
      row(4, 102, { figures: figures(0) })
    ]
    const { container } = render(<RoomResults row={rows[0]} rows={rows} />)
    const box = container.querySelector('[data-lh-room-figures="1"]')!
    expect(box.querySelector('[data-lh-figure="payAmount"]')?.getAttribute("data-lh-value")).toBe("100")
    expect(box.querySelector('[data-lh-figure="cartMember"]')?.getAttribute("data-lh-value")).toBe("unknown")
    expect(box.querySelector('[data-lh-figure="cartMember"]')?.textContent).toContain("未知")
    // In the figures and on its own bar.
    expect(screen.getAllByText("￥100.00")).toHaveLength(2)
    expect(box.querySelector("[data-lh-room-replay]")?.getAttribute("data-lh-room-replay")).toBe("yes")
    // Bars of this shop's rooms only (room 3 is another shop's), room 1 marked as the current one.
    const bars = [...box.querySelectorAll("[data-lh-bar-room]")].map((b) => [
      b.getAttribute("data-lh-bar-room"),
      b.getAttribute("data-lh-bar-value"),
      b.classList.contains("lh-bar-current")
    ])
    expect(bars).toEqual([
      ["4", "0", false],
      ["2", "50", false],
      ["1", "100", true]
    ])
  })

  it("says nothing for a room still to come; says when HiMall gave no figures", () => {
    const rows = [row(4, 102, { figures: figures(0) }), row(5, 103, { figures: null, hasReplay: null })]
    const upcoming = render(<RoomResults row={rows[0]} rows={rows} />)
    expect(upcoming.container.innerHTML).toBe("")
    const ended = render(<RoomResults row={rows[1]} rows={rows} />)
    expect(ended.container.querySelector('[data-lh-room-figures="5"]')?.getAttribute("data-lh-figures-known")).toBe("false")
    expect(ended.container.querySelector("[data-lh-room-replay]")?.getAttribute("data-lh-room-replay")).toBe("unknown")
  })

  it("the CSV holds every HiMall room, not WeChat-only ones", () => {
    const csv = roomFiguresCsv([row(1, 103, { figures: figures(100), hasReplay: true }), row(2, 102, { figures: null }), row(3, 102, null)])
    const lines = csv.slice(1).trim().split("\r\n")
    expect(lines[0].split(",")).toHaveLength(14)
    expect(lines.slice(1).map((l) => l.split(",").slice(1, 5))).toEqual([
      ["1", "直播1", "小羽", "已结束"],
      ["2", "直播2", "小羽", "未开始"]
    ])
    expect(lines[1].split(",").slice(7, 13)).toEqual(["12", "30", "5", "6", "100.00", "有"])
    expect(lines[2].split(",").slice(7, 12)).toEqual(["", "", "", "", ""])
  })
})
