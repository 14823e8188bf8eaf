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

export class HelperDb extends Dexie {
  products!: EntityTable<ProductRecord, "key">
  shops!: EntityTable<ShopRecord, "origin">
  notices!: EntityTable<NoticeRecord, "id">

  constructor(name = DB_NAME) {
    super(name)
    // Version 1: the walking skeleton.
    this.version(1).stores({
      products: "key, shopOrigin, productId, updatedAt, capturedAt",
      shops: "origin",
      notices: "++id, at"
    })
  }
}

let shared: HelperDb | null = null

/** The database of this extension context (one connection per context). */
export function getDb(): HelperDb {
  shared ??= new HelperDb()
  return shared
}
