// The extension's one database, `himall-live-helper`, in the extension origin.
// Only the background worker writes it; popup and options read it (live queries).
// Every schema change is a new Dexie version that keeps existing data: never edit a
// released version's stores, add a version below it (docs/data-model.md).
import Dexie, { type EntityTable } from "dexie"

import type { CaptureSource, ProductProblem } from "~core/product"

export const DB_NAME = "himall-live-helper"

export interface PricePoint {
  lowFen: number
  highFen: number
  /** When this price was first seen (ms since epoch). */
  at: number
}

/** A HiMall product captured for WeChat's goods library. */
export interface ProductRecord {
  /** `${shopOrigin}|${productId}`: one product of one shop. */
  key: string
  shopOrigin: string
  shopId: number
  productId: number
  name: string
  priceLowFen: number
  priceHighFen: number
  /** Mini-program page path for WeChat's 商品链接. */
  link: string
  /** The picture HiMall shows for the product, absolute; null when the page had none. */
  imageUrl: string | null
  source: CaptureSource
  /** First capture and latest capture (ms since epoch). */
  capturedAt: number
  updatedAt: number
  /** Every distinct price seen, oldest first; the last one is the current price. */
  priceHistory: PricePoint[]
  /** What was last written into WeChat's 添加商品 for it (version 2; absent before a fill). */
  lastFill?: LastFill | null
}

export interface LastFill {
  at: number
  outcome: "ok" | "partial" | "failed"
  /** 1 一口价, 2 价格区间, 3 显示折扣价. */
  priceType: 1 | 2 | 3
  /** The selling price written, in fen (the current price for 显示折扣价). */
  priceLowFen: number
  priceHighFen: number
}

/** A HiMall shop the merchant enabled (its host permission is the source of truth). */
export interface ShopRecord {
  origin: string
  /** The permission pattern granted for it, e.g. https://shop.example.com/* */
  pattern: string
  addedAt: number
  lastSeenAt: number | null
}

export type NoticeLevel = "error" | "warning"

/** Something the merchant should know: a capture that could not be stored, and why. */
export interface NoticeRecord {
  id?: number
  at: number
  level: NoticeLevel
  shopOrigin: string
  /** The product concerned, as the page showed it (untrusted text, render as text). */
  productId: string | null
  productName: string | null
  problems: ProductProblem[]
}

export type CoverFit = "contain" | "crop"

/** A WeChat 商品封面 made from a product's HiMall picture (or why none could be made). */
export interface CoverRecord {
  /** The product's key (`ProductRecord.key`). */
  productKey: string
  /** The HiMall picture it was made from, and how it was fitted: a change of either remakes it. */
  sourceUrl: string
  fit: CoverFit
  madeAt: number
  /** The cover (JPEG), or null when it could not be made. */
  blob: Blob | null
  width: number
  height: number
  bytes: number
  /** JPEG quality the byte budget allowed (0–1). */
  quality: number
  /** Why no cover could be made (a `cover_problem_<code>` message), null when made. */
  problem: string | null
  /** The URL the cover was actually made from (HiMall's original, or the given picture). */
  fetchedUrl?: string | null
  /** HTTP status behind an `image_http_error` problem (404…), for details. */
  httpStatus?: number | null
}

/** WeChat goods-library states, as the console shows them (domain.md). */
export type GoodsStatus = "draft" | "reviewing" | "rejected" | "approved"

/** A row of WeChat's 商品库 as last seen, keyed by its 商品链接 (matched to products by link). */
export interface GoodsRecord {
  /** Normalised mini-program link (`core/link.ts`). */
  url: string
  name: string
  status: GoodsStatus
  /** The status as the console worded it. */
  statusText: string
  rejectReason: string | null
  /** Price as WeChat shows it, parsed to fen (null when unreadable). */
  priceLowFen: number | null
  priceHighFen: number | null
  firstSeenAt: number
  /** Last time the row was read, and the time its status last changed. */
  seenAt: number
  statusSince: number
  /** WeChat shows a 显示折扣价 (one current price and an original). */
  discount: boolean
}

/** A resumable multi-step job (the goods queue, a capture-all). */
export interface JobRecord {
  /** `queue` for the goods queue; `capture-all|${shopOrigin}` for a shop's capture-all. */
  id: string
  state: "running" | "paused" | "done" | "stopped"
  startedAt: number
  updatedAt: number
  /** Job-specific progress (see the job's module). */
  data: Record<string, unknown>
}

/** One merchant preference (`key`), value as JSON. */
export interface SettingRecord {
  key: string
  value: unknown
}

export class HelperDb extends Dexie {
  products!: EntityTable<ProductRecord, "key">
  shops!: EntityTable<ShopRecord, "origin">
  notices!: EntityTable<NoticeRecord, "id">
  covers!: EntityTable<CoverRecord, "productKey">
  goods!: EntityTable<GoodsRecord, "url">
  jobs!: EntityTable<JobRecord, "id">
  settings!: EntityTable<SettingRecord, "key">

  constructor(name = DB_NAME) {
    super(name)
    // Version 1: the walking skeleton.
    this.version(1).stores({
      products: "key, shopOrigin, productId, updatedAt, capturedAt",
      shops: "origin",
      notices: "++id, at"
    })
    // Version 2: covers, WeChat goods states, resumable jobs, preferences; products by link.
    this.version(2).stores({
      products: "key, shopOrigin, productId, updatedAt, capturedAt, link",
      covers: "productKey, madeAt",
      goods: "url, status, seenAt",
      jobs: "id",
      settings: "key"
    })
  }
}

let shared: HelperDb | null = null

/** The database of this extension context (one connection per context). */
export function getDb(): HelperDb {
  shared ??= new HelperDb()
  return shared
}
