// Messages from the WeChat console: the 添加商品 picker and fill, the 商品库 table, the goods queue.
import { collapseSpace } from "~core/text"
import { GOODS_STATUSES, type GoodsRow, type GoodsStatus, type PriceType } from "~core/goods"
import type { ProductSummary } from "~core/product"
import type { CoverFit } from "~db/schema"

import { isRecord, listOf, text, type ReadOnly, type Senders, type Validator, type Validators } from "./validate"

/** A captured product offered for WeChat's 添加商品, with what WeChat already holds for it. */
export interface GoodsCandidate extends ProductSummary {
  /** The goods-library state of its link, null when WeChat has no such goods. */
  goodsStatus: GoodsStatus | null
  rejectReason: string | null
  /** HiMall's price differs from the one WeChat holds. */
  drift: boolean
  /** HiMall's sale / audit state as last read (core/goods-risk.ts); absent when not known. */
  saleStatus?: number
  auditStatus?: number
}

export type CoverAnswer =
  { ok: true; dataUrl: string; name: string; width: number; height: number; bytes: number; cached: boolean } | { ok: false; problem: string }

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

/** A mini program (WeChat account) and the HiMall shop it sells for, with the shops to choose from. */
export interface AccountView {
  name: string
  shopOrigin: string | null
  /** Enabled HiMall shops (origins). */
  shops: string[]
}

export interface GoodsProtocol {
  /** WeChat: the account (mini program) the console's header shows; answers its shop link. */
  "account.seen": {
    request: { name: string }
    response: AccountView
  }
  /** WeChat (`link-shop`): the merchant chose the shop this mini program sells for. */
  "account.link": {
    request: { name: string; shopOrigin: string }
    response: AccountView
  }
  /** WeChat: captured products matching a search (name or id), not-yet-added first. */
  "goods.candidates": {
    /** `account`: the console's mini program, when shown: only its shop's products are offered. */
    request: { query: string; limit: number; account?: string | null }
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
    /** `account`: the mini program whose 商品库 this is, when the page shows it. */
    request: { rows: GoodsRowMessage[]; shelf: "pending" | "approved" | null; account?: string | null }
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
    /** `account` on start: the queue takes only its shop's products. */
    request: { action: QueueAction; account?: string | null }
    response: { queue: QueueView | null }
  }
}

const MAX_ROWS = 500
const STATUSES: readonly (GoodsStatus | null)[] = [...GOODS_STATUSES, null]
const KEY = /^https?:\/\/[^|\s]{1,200}\|\d{1,15}$/

/** An account name as the header shows it: one line of text, 1–60 characters. */
export const accountName = (v: unknown): string | null => {
  if (typeof v !== "string") return null
  const s = collapseSpace(v)
  return s && s.length <= 60 && s === v ? s : null
}
/** An optional account in a request: absent or null is null; anything else must be a name. */
export const optAccount = (v: unknown): string | null | undefined => (v === undefined || v === null ? null : (accountName(v) ?? undefined))
const SHOP_ORIGIN = /^https?:\/\/[^/\s|]{1,200}$/

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
  "account.seen": (v) => {
    const name = isRecord(v) ? accountName(v.name) : null
    return name ? { name } : null
  },
  "account.link": (v) => {
    if (!isRecord(v)) return null
    const name = accountName(v.name)
    if (!name || typeof v.shopOrigin !== "string" || !SHOP_ORIGIN.test(v.shopOrigin)) return null
    return { name, shopOrigin: v.shopOrigin }
  },
  "goods.candidates": (v) => {
    if (!isRecord(v)) return null
    const query = text(v.query, 200)
    const limit = v.limit
    const account = optAccount(v.account)
    if (query === null || typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 200 || account === undefined) return null
    return { query, limit, ...(account ? { account } : {}) }
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
    if (!isRecord(v)) return null
    if (v.shelf !== null && v.shelf !== "pending" && v.shelf !== "approved") return null
    const account = optAccount(v.account)
    if (account === undefined) return null
    const rows = listOf(v.rows, MAX_ROWS, goodsRow)
    if (!rows) return null
    return { rows, shelf: v.shelf as "pending" | "approved" | null, ...(account ? { account } : {}) }
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
    const account = optAccount(v.account)
    if (account === undefined) return null
    return { action: v.action as QueueAction, ...(account ? { account } : {}) }
  }
}

export const goodsSenders: Senders<GoodsProtocol> = {
  "account.seen": "wechat",
  "account.link": "wechat",
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
