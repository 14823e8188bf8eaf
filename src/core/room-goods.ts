// Goods in live rooms (issue 11): a room plan's ordered goods list, what each planned product
// is on WeChat (已入库, in review, rejected, not added), how many more a room can take (WeChat
// refuses past its cap, 300033; 200 is the figure reported), what the import dialog should do
// with each planned product, and how many planned goods a room holds. Pure.
import { collapseSpace, withoutSpace } from "./text"
import type { GoodsStatus } from "./goods"
import { normalizeLink } from "./link"

/** WeChat's reported per-room goods cap (300033 past it); also the most goods a room plan may list. */
export const ROOM_GOODS_CAP = 200

/** A planned product as far as WeChat goes: `none` when WeChat has no goods with its link. */
export type PlannedGoodsState = GoodsStatus | "none"

export interface PlannedGoods {
  productKey: string
  productId: number | null
  name: string
  /** The goods link (normalised), null when the product is no longer stored. */
  url: string | null
  /** WeChat's name for the goods (as 商品库 shows it), when known. */
  wechatName: string | null
  state: PlannedGoodsState
  /** Known to be in the room (as last read). */
  inRoom: boolean
}

export interface RoomItem {
  name: string
  url: string | null
}

export function linkKey(url: string | null | undefined): string | null {
  if (!url) return null
  const n = normalizeLink(url)
  return n.ok ? n.link : collapseSpace(url)
}

/** Is a room item this planned goods? By link when the item shows one, else by WeChat's (or HiMall's) name. */
export function itemMatches(item: RoomItem, g: Pick<PlannedGoods, "url" | "wechatName" | "name">): boolean {
  const itemUrl = linkKey(item.url)
  if (itemUrl && g.url) return itemUrl === linkKey(g.url)
  const name = collapseSpace(item.name)
  return !!name && (name === collapseSpace(g.wechatName ?? "") || name === collapseSpace(g.name))
}

export interface RoomCoverage {
  planned: number
  inRoom: number
  /** Planned goods not in the room, in plan order. */
  missing: PlannedGoods[]
}

/** How many of a plan's goods the room holds (as last read). */
export function roomCoverage(plan: readonly PlannedGoods[], items: readonly RoomItem[]): RoomCoverage {
  const missing = plan.filter((g) => !items.some((i) => itemMatches(i, g)))
  return { planned: plan.length, inRoom: plan.length - missing.length, missing }
}

export interface PlanGoodsCounts {
  approved: number
  reviewing: number
  rejected: number
  draft: number
  none: number
  /** Goods the room will still accept after the plan's goods not yet in it. */
  capacityLeft: number
}

export function planGoodsCounts(plan: readonly PlannedGoods[], roomCount = 0, cap = ROOM_GOODS_CAP): PlanGoodsCounts {
  const c = { approved: 0, reviewing: 0, rejected: 0, draft: 0, none: 0 }
  for (const g of plan) c[g.state]++
  const toAdd = plan.filter((g) => !g.inRoom).length
  return { ...c, capacityLeft: cap - roomCount - toAdd }
}

/** What the import dialog shows of one goods: its text, check box state, and any state text. */
export interface ImportItemView {
  checked: boolean
  disabled: boolean
  /** The item's whole text (untrusted). */
  text: string
}

/** The outcome for one planned product in `fill-room-goods`. */
export type ImportResult = "ticked" | "already_ticked" | "in_room" | "not_approved" | "not_found" | "over_cap" | "failed"

/** 已添加 / 已导入 / 已在直播间: the item is in the room already. */
function itemSaysInRoom(text: string): boolean {
  return /已添加|已导入|已在直播间|已在房间|已关联/.test(withoutSpace(text))
}

/**
 * What to do with a found item: tick it when WeChat will take it and the room has room;
 * otherwise why not. `left` is how many more goods may be ticked now.
 */
export function decideImport(
  item: ImportItemView,
  left: number,
  statusFromText: (t: string) => GoodsStatus | null
): { result: ImportResult; state?: GoodsStatus } {
  if (itemSaysInRoom(item.text) || (item.disabled && item.checked)) return { result: "in_room" }
  const status = statusFromText(item.text)
  if (status && status !== "approved") return { result: "not_approved", state: status }
  if (item.checked) return { result: "already_ticked" }
  if (item.disabled) return { result: "not_approved" }
  if (left <= 0) return { result: "over_cap" }
  return { result: "tick" as ImportResult }
}

/** The import dialog's own count of goods it will still take ("还可导入 12 个"), or null. */
export function capacityFromText(text: string): number | null {
  const m = /(?:还可(?:导入|添加|选择?)|剩余(?:可(?:导入|添加|选择?))?)\s*(\d{1,4})\s*(?:个|件)/.exec(withoutSpace(text))
  return m ? Number(m[1]) : null
}
