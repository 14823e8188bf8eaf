// The message protocol: every message a content script may send to the background, its
// payload and its answer, in one typed map. Payloads come from web pages' DOM and are
// untrusted: the background validates each one with the validator below before use.
import type { GoodsStatus, PriceType } from "~core/goods"
import type { CaptureSource, ProductProblem, RawProduct } from "~core/product"
import type { SaveOutcome } from "~db/products"
import type { CoverFit } from "~db/schema"

export type CaptureOutcome = SaveOutcome | "rejected"

export interface CaptureResult {
  productId: string | null
  outcome: CaptureOutcome
  problems: ProductProblem[]
  warnings: ProductProblem[]
}

/** A captured product offered for WeChat's 添加商品, with what WeChat already holds for it. */
export interface GoodsCandidate {
  key: string
  shopOrigin: string
  productId: number
  name: string
  priceLowFen: number
  priceHighFen: number
  link: string
  imageUrl: string | null
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
export interface GoodsRowMessage {
  name: string
  priceText: string
  url: string
  status: GoodsStatus | null
  statusText: string
  rejectReason: string | null
}

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

/** Counts of a capture by outcome (capture-page, capture-all). */
export interface CaptureCounts {
  created: number
  updated: number
  unchanged: number
  rejected: number
}

/** A shop's capture-all job as the 商品管理 page shows it (docs/data-model.md, `jobs`). */
export interface CaptureAllView {
  /** running: pages are being stored (or the tab driving it went away); paused: stopped by the merchant or an error, resumable; done. */
  state: "running" | "paused" | "done" | "stopped"
  /** The list endpoint's path the run walks (/Admin/Product/List or /SellerAdmin/Product/List). */
  listPath: string
  pageSize: number
  /** Products the endpoint reported (its latest answer), and the pages that makes. */
  total: number
  pages: number
  /** First page not stored yet (1-based); past `pages` when done. */
  nextPage: number
  /** Products received in the stored pages. */
  received: number
  counts: CaptureCounts
  /** Why products were refused, counted by problem. */
  problems: Partial<Record<ProductProblem, number>>
  /** Why the run paused (a `capture_all_error_<code>` message), null when it did not fail. */
  error: string | null
  startedAt: number
  updatedAt: number
}

/** stored; duplicate (this page was stored already: carry on from job.nextPage); out_of_order; superseded (another run took over). */
export type CaptureAllPageOutcome = "stored" | "duplicate" | "out_of_order" | "superseded"

export interface Protocol {
  /** Store products read from a HiMall admin page (a row, the 直播链接 dialog, a page). */
  "product.capture": {
    request: { products: RawProduct[] }
    response: { results: CaptureResult[] }
  }
  /** HiMall: begin the shop's capture-all (resume: continue the stored run where it stopped). */
  "captureAll.start": {
    request: { listPath: string; pageSize: number; resume: boolean }
    response: { runId: string; resumed: boolean; job: CaptureAllView }
  }
  /** HiMall: one page of the list endpoint; its products and the job's progress are stored together. */
  "captureAll.page": {
    request: { runId: string; page: number; total: number; products: RawProduct[] }
    response: { outcome: CaptureAllPageOutcome; counts: CaptureCounts; job: CaptureAllView | null }
  }
  /** HiMall: the merchant stopped the run, or it failed (error code): keep it resumable. */
  "captureAll.stop": {
    request: { runId: string; error: string | null }
    response: { job: CaptureAllView | null }
  }
  /** HiMall: the shop's capture-all job, to offer to continue it. */
  "captureAll.status": {
    request: Record<string, never>
    response: { job: CaptureAllView | null }
  }
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

/** Messages WeChat pages may send; the rest come from enabled HiMall shops. */
export const WECHAT_MESSAGES: readonly MessageType[] = [
  "goods.candidates",
  "goods.prepare",
  "cover.warm",
  "goods.seen",
  "goods.filled",
  "queue.get",
  "queue.command"
]

export type MessageType = keyof Protocol
export type RequestOf<T extends MessageType> = Protocol[T]["request"]
export type ResponseOf<T extends MessageType> = Protocol[T]["response"]

/** What travels over runtime.sendMessage. */
export interface Envelope<T extends MessageType = MessageType> {
  lh: 1
  type: T
  payload: RequestOf<T>
}

/** Every answer: the handler's response or a reason it was refused. */
export type Reply<T extends MessageType> = { ok: true; data: ResponseOf<T> } | { ok: false; error: string }

export const MAX_PRODUCTS_PER_MESSAGE = 500
const MAX_TEXT = 2000
const SOURCES: readonly CaptureSource[] = ["row", "dialog", "endpoint"]

type Validator<T> = (v: unknown) => T | null

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v)
}

function optText(v: unknown): string | null | undefined {
  if (v === null) return null
  if (typeof v === "string" && v.length <= MAX_TEXT) return v
  return undefined
}

const rawProduct: Validator<RawProduct> = (v) => {
  if (!isRecord(v)) return null
  const fields = ["productId", "shopId", "name", "price", "link", "imageUrl"] as const
  const out: Partial<RawProduct> = {}
  for (const f of fields) {
    const t = optText(v[f])
    if (t === undefined) return null
    out[f] = t
  }
  if (!SOURCES.includes(v.source as CaptureSource)) return null
  return { ...(out as RawProduct), source: v.source as CaptureSource }
}

const MAX_ROWS = 500
const STATUSES: readonly (GoodsStatus | null)[] = ["draft", "reviewing", "rejected", "approved", null]
const KEY = /^https?:\/\/[^|\s]{1,200}\|\d{1,15}$/

function text(v: unknown, max = MAX_TEXT): string | null {
  return typeof v === "string" && v.length <= max ? v : null
}

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

// capture-all: a run id from crypto.randomUUID, the list endpoint's path, an error code.
const RUN_ID = /^[0-9a-f-]{8,64}$/i
const LIST_PATH = /^\/[A-Za-z0-9_\-/]{1,200}$/
const ERROR_CODE = /^[a-z_]{1,40}$/
export const MAX_CAPTURE_ALL_PAGE_SIZE = 500

function intIn(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max
}

function rawProducts(v: unknown, min: number): RawProduct[] | null {
  if (!Array.isArray(v) || v.length < min || v.length > MAX_PRODUCTS_PER_MESSAGE) return null
  const out: RawProduct[] = []
  for (const p of v) {
    const r = rawProduct(p)
    if (!r) return null
    out.push(r)
  }
  return out
}

const validators: { [T in MessageType]: Validator<RequestOf<T>> } = {
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
  "captureAll.start": (v) => {
    if (!isRecord(v) || typeof v.listPath !== "string" || !LIST_PATH.test(v.listPath)) return null
    if (!intIn(v.pageSize, 1, MAX_CAPTURE_ALL_PAGE_SIZE) || typeof v.resume !== "boolean") return null
    return { listPath: v.listPath, pageSize: v.pageSize, resume: v.resume }
  },
  "captureAll.page": (v) => {
    if (!isRecord(v) || typeof v.runId !== "string" || !RUN_ID.test(v.runId)) return null
    if (!intIn(v.page, 1, 1_000_000) || !intIn(v.total, 0, 100_000_000)) return null
    const products = rawProducts(v.products, 0)
    return products ? { runId: v.runId, page: v.page, total: v.total, products } : null
  },
  "captureAll.stop": (v) => {
    if (!isRecord(v) || typeof v.runId !== "string" || !RUN_ID.test(v.runId)) return null
    if (v.error !== null && (typeof v.error !== "string" || !ERROR_CODE.test(v.error))) return null
    return { runId: v.runId, error: v.error }
  },
  "captureAll.status": (v) => (isRecord(v) ? {} : null),
  "product.capture": (v) => {
    if (!isRecord(v) || !Array.isArray(v.products)) return null
    if (v.products.length === 0 || v.products.length > MAX_PRODUCTS_PER_MESSAGE) return null
    const products: RawProduct[] = []
    for (const p of v.products) {
      const r = rawProduct(p)
      if (!r) return null
      products.push(r)
    }
    return { products }
  }
}

/** An envelope of a known type with a valid payload, or null. */
export function parseEnvelope(v: unknown): Envelope | null {
  if (!isRecord(v) || v.lh !== 1 || typeof v.type !== "string") return null
  if (!Object.prototype.hasOwnProperty.call(validators, v.type)) return null
  const type = v.type as MessageType
  const payload = validators[type](v.payload)
  return payload ? { lh: 1, type, payload } : null
}
