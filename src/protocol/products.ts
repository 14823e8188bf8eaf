// Messages from HiMall admin pages: products captured from a row, a dialog, a page, the shop.
import type { CaptureSource, ProductProblem, RawProduct } from "~core/product"
import type { SaveOutcome } from "~db/products"

import { intIn, isRecord, listOf, optText, type ReadOnly, type Senders, type Validator, type Validators } from "./validate"

type CaptureOutcome = SaveOutcome | "rejected"

export interface CaptureResult {
  productId: string | null
  outcome: CaptureOutcome
  problems: ProductProblem[]
  warnings: ProductProblem[]
}

/** Counts of a capture by outcome (capture-page, capture-all). */
export interface CaptureCounts {
  created: number
  updated: number
  unchanged: number
  rejected: number
}

/** Counts of a capture not yet begun: every outcome at 0. */
export const emptyCaptureCounts = (): CaptureCounts => ({ created: 0, updated: 0, unchanged: 0, rejected: 0 })

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

export interface ProductsProtocol {
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
}

export const MAX_PRODUCTS_PER_MESSAGE = 500
const SOURCES: readonly CaptureSource[] = ["row", "dialog", "endpoint"]

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
  const saleStatus = optStatus(v.saleStatus)
  const auditStatus = optStatus(v.auditStatus)
  if (saleStatus === undefined || auditStatus === undefined) return null
  const raw: RawProduct = { ...(out as RawProduct), source: v.source as CaptureSource }
  // The states only when sent (older senders send none).
  if (v.saleStatus !== undefined) raw.saleStatus = saleStatus
  if (v.auditStatus !== undefined) raw.auditStatus = auditStatus
  return raw
}

/** A HiMall state number (0–99), null or absent (→ null); undefined when malformed. */
function optStatus(v: unknown): number | null | undefined {
  if (v === undefined || v === null) return null
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 99 ? v : undefined
}

// capture-all: a run id from crypto.randomUUID, the list endpoint's path, an error code.
const RUN_ID = /^[0-9a-f-]{8,64}$/i
const LIST_PATH = /^\/[A-Za-z0-9_\-/]{1,200}$/
const ERROR_CODE = /^[a-z_]{1,40}$/
const MAX_CAPTURE_ALL_PAGE_SIZE = 500

function rawProducts(v: unknown, min: number): RawProduct[] | null {
  return listOf(v, MAX_PRODUCTS_PER_MESSAGE, rawProduct, min)
}

export const productsValidators: Validators<ProductsProtocol> = {
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

export const productsSenders: Senders<ProductsProtocol> = {
  "product.capture": "shop",
  "captureAll.start": "shop",
  "captureAll.page": "shop",
  "captureAll.stop": "shop",
  "captureAll.status": "shop"
}

/** Messages that change nothing (no badge run after them). */
export const productsReadOnly: ReadOnly<ProductsProtocol> = { "captureAll.status": true }
