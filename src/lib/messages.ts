// The message protocol: every message a content script may send to the background, its
// payload and its answer, in one typed map. Payloads come from web pages' DOM and are
// untrusted: the background validates each one with the validator below before use.
import type { CaptureSource, ProductProblem, RawProduct } from "~core/product"
import type { SaveOutcome } from "~db/products"

export type CaptureOutcome = SaveOutcome | "rejected"

export interface CaptureResult {
  productId: string | null
  outcome: CaptureOutcome
  problems: ProductProblem[]
  warnings: ProductProblem[]
}

export interface Protocol {
  /** Store products read from a HiMall admin page (a row, the 直播链接 dialog, a page). */
  "product.capture": {
    request: { products: RawProduct[] }
    response: { results: CaptureResult[] }
  }
}

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

const validators: { [T in MessageType]: Validator<RequestOf<T>> } = {
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
