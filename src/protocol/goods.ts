// Messages from the WeChat console: the 添加商品 picker and fill, the 商品库 table, the goods queue.
import { GOODS_STATUSES, type GoodsRow, type GoodsStatus, type PriceType } from "~core/goods"
import type { ProductSummary } from "~core/product"
import type { CoverFit } from "~db/schema"

import { isRecord, text, type ReadOnly, type Senders, type Validator, type Validators } from "./validate"

/** A captured product offered for WeChat's 添加商品, with what WeChat already holds for it. */
export interface GoodsCandidate extends ProductSummary {
  /** The goods-library state of its link, null when WeChat has no such goods. */
  goodsStatus: GoodsStatus | null
  rejectReason: string | null
  /** HiMall's price differs from the one WeChat holds. */
  drift: boolean
}

export type CoverAnswer =
  | { ok: true; dataUrl: string; name: string; width: number; height: number; bytes: number; cached: boolean }
  | { ok: false; problem: string }

/** A row of WeChat's 商品库 table as the page shows it (untrusted text). */
export type GoodsRowMessage = GoodsRow

export type QueueAction = "start" | "pause" | "resume" | "stop" | "skip"

/** The goods queue as the 商品库 page shows it. */
export interface QueueView {
  state: "running" | "paused" | "done" | "stopped"
  total: number
  /** Products handled so far (added to WeChat or skipped). */
  done: number
  skipped: number
  /** The product to fill next, null when none is left. */
  current: GoodsCandidate | null
}

export interface GoodsProtocol {
  /** WeChat: captured products matching a search (name or id), not-yet-added first. */
  "goods.candidates": {
    request: { query: string; limit: number }
    response: { total: number; items: GoodsCandidate[] }
  }
  /** WeChat: one product and its 200×200 cover (made now or from the cache). */
  "goods.prepare": {
    request: { productKey: string; fit: CoverFit | null }
    response: { product: GoodsCandidate; cover: CoverAnswer }
  }
  /** WeChat: make covers ahead of need (fire and forget). */
  "cover.warm": {
    request: { productKeys: string[] }
    response: { queued: number }
  }
  /** WeChat: what the 商品库 table shows now; answers the queue as it stands after it. */
  "goods.seen": {
    request: { rows: GoodsRowMessage[]; shelf: "pending" | "approved" | null }
    response: { matched: number; queue: QueueView | null }
  }
  /** WeChat: what was written into 添加商品 for a product (for drift and the popup). */
  "goods.filled": {
    request: { productKey: string; outcome: "ok" | "partial" | "failed"; priceType: PriceType; price: string; price2: string }
    response: { recorded: boolean }
  }
  "queue.get": {
    request: Record<string, never>
    response: { queue: QueueView | null }
  }
  "queue.command": {
    request: { action: QueueAction }
    response: { queue: QueueView | null }
  }
}

const MAX_ROWS = 500
const STATUSES: readonly (GoodsStatus | null)[] = [...GOODS_STATUSES, null]
const KEY = /^https?:\/\/[^|\s]{1,200}\|\d{1,15}$/

const goodsRow: Validator<GoodsRowMessage> = (v) => {
  if (!isRecord(v)) return null
  const name = text(v.name)
  const priceText = text(v.priceText, 200)
  const url = text(v.url)
  const statusText = text(v.statusText, 200)
  const reason = v.rejectReason === null ? null : text(v.rejectReason)
  if (name === null || priceText === null || url === null || statusText === null) return null
  if (v.rejectReason !== null && reason === null) return null
  if (!STATUSES.includes(v.status as GoodsStatus | null)) return null
  return { name, priceText, url, status: v.status as GoodsStatus | null, statusText, rejectReason: reason }
}

export const goodsValidators: Validators<GoodsProtocol> = {
  "goods.candidates": (v) => {
    if (!isRecord(v)) return null
    const query = text(v.query, 200)
    const limit = v.limit
    if (query === null || typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 200) return null
    return { query, limit }
  },
  "goods.prepare": (v) => {
    if (!isRecord(v) || typeof v.productKey !== "string" || !KEY.test(v.productKey)) return null
    if (v.fit !== null && v.fit !== "contain" && v.fit !== "crop") return null
    return { productKey: v.productKey, fit: v.fit as CoverFit | null }
  },
  "cover.warm": (v) => {
    if (!isRecord(v) || !Array.isArray(v.productKeys) || v.productKeys.length > 20) return null
    if (!v.productKeys.every((k) => typeof k === "string" && KEY.test(k))) return null
    return { productKeys: v.productKeys as string[] }
  },
  "goods.seen": (v) => {
    if (!isRecord(v) || !Array.isArray(v.rows) || v.rows.length > MAX_ROWS) return null
    if (v.shelf !== null && v.shelf !== "pending" && v.shelf !== "approved") return null
    const rows: GoodsRowMessage[] = []
    for (const r of v.rows) {
      const row = goodsRow(r)
      if (!row) return null
      rows.push(row)
    }
    return { rows, shelf: v.shelf as "pending" | "approved" | null }
  },
  "goods.filled": (v) => {
    if (!isRecord(v) || typeof v.productKey !== "string" || !KEY.test(v.productKey)) return null
    if (v.outcome !== "ok" && v.outcome !== "partial" && v.outcome !== "failed") return null
    if (v.priceType !== 1 && v.priceType !== 2 && v.priceType !== 3) return null
    const price = text(v.price, 40)
    const price2 = text(v.price2, 40)
    if (price === null || price2 === null) return null
    return { productKey: v.productKey, outcome: v.outcome, priceType: v.priceType, price, price2 }
  },
  "queue.get": (v) => (isRecord(v) ? {} : null),
  "queue.command": (v) => {
    if (!isRecord(v) || !["start", "pause", "resume", "stop", "skip"].includes(v.action as string)) return null
    return { action: v.action as QueueAction }
  },
}

export const goodsSenders: Senders<GoodsProtocol> = {
  "goods.candidates": "wechat",
  "goods.prepare": "wechat",
  "cover.warm": "wechat",
  "goods.seen": "wechat",
  "goods.filled": "wechat",
  "queue.get": "wechat",
  "queue.command": "wechat"
}

/** Messages that change nothing (no badge run after them). */
export const goodsReadOnly: ReadOnly<GoodsProtocol> = { "goods.candidates": true, "queue.get": true }
