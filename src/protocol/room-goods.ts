// Messages of issue 11: goods into rooms (a plan's goods list, the import dialog's context, what a
// room holds as read), and fix-price (drifted 已入库 goods and the price-fix queue).
import type { PlannedGoods, RoomItem } from "~core/room-goods"

import { intIn, isRecord, text, type ReadOnly, type Senders, type Validators } from "./validate"
import { optAccount } from "./goods"

/** A plan's goods list with each product's WeChat state (for fill-room-goods and the options page). */
export interface PlanGoodsView {
  planId: number
  name: string
  roomId: number | null
  goods: PlannedGoods[]
}

/** An 已入库 goods whose HiMall price drifted from WeChat's. */
export interface DriftItem {
  productKey: string
  productId: number
  name: string
  /** The goods link (WeChat's 商品链接). */
  url: string
  wechatName: string
  priceLowFen: number
  priceHighFen: number
  wechatLowFen: number | null
  wechatHighFen: number | null
}

export type PriceFixQueueState = "running" | "stopped" | "done"

export interface RoomGoodsProtocol {
  /** WeChat: the plans with goods (the room's own plan first) and what the room is known to hold. */
  "roomGoods.context": {
    request: { roomId: number | null }
    response: { plans: PlanGoodsView[]; room: { roomId: number; items: RoomItem[]; seenAt: number } | null }
  }
  /** WeChat: a room's goods list as a page shows it. */
  "roomGoods.seen": {
    request: { roomId: number; items: RoomItem[]; complete: boolean }
    response: { stored: boolean }
  }
  /** Options: a plan's ordered goods list (product keys). */
  "plan.setGoods": {
    request: { planId: number; productKeys: string[] }
    response: { saved: boolean }
  }
  /** WeChat: 已入库 goods whose HiMall price drifted; `account` (optional): the console's mini program, whose shop's products only are listed. */
  "priceFix.list": {
    request: { account?: string | null }
    response: { items: DriftItem[] }
  }
  /** WeChat: the price-fix queue (`get` reads it). */
  "priceFix.queue": {
    request: { action: "get" | "start" | "stop"; account?: string | null }
    response: { state: PriceFixQueueState | null; left: number }
  }
}

const KEY = /^https?:\/\/[^|\s]{1,200}\|\d{1,15}$/
const MAX_ITEMS = 500

function roomItems(v: unknown): RoomItem[] | null {
  if (!Array.isArray(v) || v.length > MAX_ITEMS) return null
  const out: RoomItem[] = []
  for (const i of v) {
    if (!isRecord(i)) return null
    const name = text(i.name, 500)
    const url = i.url === null ? null : text(i.url, 500)
    if (name === null || (i.url !== null && url === null)) return null
    out.push({ name, url })
  }
  return out
}

export const roomGoodsValidators: Validators<RoomGoodsProtocol> = {
  "roomGoods.context": (v) => (isRecord(v) && (v.roomId === null || intIn(v.roomId, 1, 1e12)) ? { roomId: v.roomId as number | null } : null),
  "roomGoods.seen": (v) => {
    if (!isRecord(v) || !intIn(v.roomId, 1, 1e12) || typeof v.complete !== "boolean") return null
    const items = roomItems(v.items)
    return items ? { roomId: v.roomId, items, complete: v.complete } : null
  },
  "plan.setGoods": (v) => {
    if (!isRecord(v) || !intIn(v.planId, 1, 1e12) || !Array.isArray(v.productKeys) || v.productKeys.length > 200) return null
    if (!v.productKeys.every((k) => typeof k === "string" && KEY.test(k))) return null
    return { planId: v.planId, productKeys: [...new Set(v.productKeys as string[])] }
  },
  "priceFix.list": (v) => {
    const account = isRecord(v) ? optAccount(v.account) : undefined
    return account === undefined ? null : { account }
  },
  "priceFix.queue": (v) => {
    const account = isRecord(v) ? optAccount(v.account) : undefined
    return isRecord(v) && ["get", "start", "stop"].includes(v.action as string) && account !== undefined
      ? { action: v.action as "get" | "start" | "stop", account }
      : null
  }
}

export const roomGoodsSenders: Senders<RoomGoodsProtocol> = {
  "roomGoods.context": "wechat",
  "roomGoods.seen": "wechat",
  "plan.setGoods": "extension",
  "priceFix.list": "wechat",
  "priceFix.queue": "wechat"
}

/** Messages that change nothing (no badge run after them). */
export const roomGoodsReadOnly: ReadOnly<RoomGoodsProtocol> = { "roomGoods.context": true, "priceFix.list": true }
