// What a HiMall live room sold: the figures HiMall's 小程序直播 grid carries per room (加购人数 ·
// 加购次数 · 支付人数 · 支付订单 · 支付金额), how they are compared between readings, charted and
// exported as CSV. Pure rules, no browser API.
import { normalizePriceText } from "./price"

/** One reading of a room's figures; a field HiMall did not give (or that could not be read) is null. */
export interface RoomFigures {
  /** 加购人数 */
  cartMember: number | null
  /** 加购次数 */
  cartCount: number | null
  /** 支付人数 */
  payMember: number | null
  /** 支付订单 */
  payOrders: number | null
  /** 支付金额, yuan */
  payAmount: number | null
}

export const FIGURE_KEYS = ["cartMember", "cartCount", "payMember", "payOrders", "payAmount"] as const
export type FigureKey = (typeof FIGURE_KEYS)[number]

/** HiMall's column titles, in the grid's order. */
export const FIGURE_TITLES: Record<FigureKey, string> = {
  cartMember: "加购人数",
  cartCount: "加购次数",
  payMember: "支付人数",
  payOrders: "支付订单",
  payAmount: "支付金额"
}

/** A figure as HiMall writes it: a number, or text such as `"1,299.00"`, `"￥12"`; null when not a number ≥ 0. */
export function figureValue(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? v : null
  if (typeof v !== "string") return null
  const t = normalizePriceText(v)
  if (!/^\d+(\.\d+)?$/.test(t)) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

/** Figures from whatever was read; null when not one field could be read. */
export function figuresOf(values: Partial<Record<FigureKey, unknown>>): RoomFigures | null {
  const out = {} as RoomFigures
  let any = false
  for (const k of FIGURE_KEYS) {
    const n = figureValue(values[k])
    out[k] = k === "payAmount" || n == null ? n : Math.round(n)
    if (n != null) any = true
  }
  return any ? out : null
}

export function sameFigures(a: RoomFigures | null | undefined, b: RoomFigures | null | undefined): boolean {
  if (!a || !b) return !a && !b
  return FIGURE_KEYS.every((k) => a[k] === b[k])
}

/** Ended (103) and expired (107) rooms: their figures are final (the rule is core/rooms.ts's). */
export { roomEnded } from "./rooms"

export interface FigureBar {
  roomId: number
  name: string
  value: number | null
  /** 0–1 of the largest value among the bars. */
  share: number
  current: boolean
}

/**
 * One figure across the shop's recent rooms (latest start first, `limit` at most, the given room
 * always among them): the values scaled to the largest.
 */
export function figureBars(
  rooms: readonly { roomId: number; name: string; start: number | null; figures: RoomFigures | null | undefined }[],
  roomId: number,
  key: FigureKey,
  limit = 6
): FigureBar[] {
  const sorted = [...rooms].filter((r) => r.figures).sort((a, b) => (b.start ?? 0) - (a.start ?? 0) || b.roomId - a.roomId)
  let picked = sorted.slice(0, limit)
  const self = sorted.find((r) => r.roomId === roomId)
  if (self && !picked.includes(self)) picked = [...picked.slice(0, limit - 1), self]
  const max = Math.max(0, ...picked.map((r) => r.figures?.[key] ?? 0))
  return picked.map((r) => {
    const value = r.figures?.[key] ?? null
    return { roomId: r.roomId, name: r.name, value, share: max > 0 && value != null ? value / max : 0, current: r.roomId === roomId }
  })
}

// ---------------------------------------------------------------------------------------------
// CSV (UTF-8 with a byte order mark, so that Excel opens Chinese text)

export const CSV_BOM = "\uFEFF"

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused (formula injection). */
export function csvField(v: string | number | null | undefined): string {
  if (v == null) return ""
  let s = String(v)
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export interface FigureCsvRow {
  shop: string
  roomId: number
  name: string
  anchorName: string
  status: string
  start: string
  end: string
  figures: RoomFigures | null
  replay: string
  readAt: string
}

export function figuresCsv(header: readonly string[], rows: readonly FigureCsvRow[]): string {
  const lines = [header.map(csvField).join(",")]
  for (const r of rows) {
    const f = r.figures
    lines.push(
      [
        r.shop,
        r.roomId,
        r.name,
        r.anchorName,
        r.status,
        r.start,
        r.end,
        ...FIGURE_KEYS.map((k) => (f?.[k] == null ? "" : k === "payAmount" ? f[k]!.toFixed(2) : f[k])),
        r.replay,
        r.readAt
      ]
        .map((v) => csvField(v as string | number))
        .join(",")
    )
  }
  return CSV_BOM + lines.join("\r\n") + "\r\n"
}
