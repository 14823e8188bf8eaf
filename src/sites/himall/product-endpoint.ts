// HiMall's product list endpoint: the JSON the 商品管理 grid (`hiMallDatagrid`) is filled
// from. `POST /Admin/Product/List` (seller backend `/SellerAdmin/Product/List`), form-encoded
// `page` (1-based) and `rows`, answering `{ rows: [...], total }` (HiMall's grid also takes
// `models`/`Models` and `Total`). Platform rows have `id`, `name`, `price`, `MaxPrice`,
// `shopId`, `imgUrl`, `saleStatus`, `auditStatus`; the seller backend's rows have `Id`,
// `Name`, `Price`, `MaxPrice`, `ShopId`, `Image`, `SaleState`, `AuditState`: fields are read
// whatever their capitalisation. The endpoint stays on HiMall versions that no longer draw
// 直播链接. Site knowledge only: no extension API here.
import { himallAreaOfPath } from "~core/himall-area"
import type { RawProduct } from "~core/product"

import { statusNumber } from "./product-status"

/** The list endpoint of the admin area the page is in, or null when not a HiMall admin page. */
export function productListUrl(url: URL | Location): string | null {
  const area = himallAreaOfPath(url.pathname)
  return area ? `${url.origin}/${area}/Product/List` : null
}

/** One row of the endpoint's answer (untrusted JSON); fields are looked up by `field()`. */
export type EndpointRow = Record<string, unknown>

/** The names a field goes by in HiMall's rows (compared without case). */
const FIELD_NAMES = {
  id: ["id", "productId"],
  name: ["name", "productName"],
  price: ["price", "minSalePrice", "minPrice"],
  maxPrice: ["maxPrice"],
  shopId: ["shopId"],
  image: ["imgUrl", "image", "imageUrl", "pic"],
  saleStatus: ["saleStatus", "saleState"],
  auditStatus: ["auditStatus", "auditState"]
} as const

/** A row's field by any of its names, whatever the capitalisation (first present wins). */
function field(row: EndpointRow, key: keyof typeof FIELD_NAMES): unknown {
  const wanted = FIELD_NAMES[key].map((n) => n.toLowerCase())
  for (const name of wanted) {
    for (const k of Object.keys(row)) if (k.toLowerCase() === name && row[k] !== undefined && row[k] !== null) return row[k]
  }
  return undefined
}

export interface EndpointPage {
  rows: EndpointRow[]
  total: number
}

/** Why a page could not be read; each code has a `capture_all_error_<code>` message. */
export type EndpointProblem = "list_network" | "list_http" | "list_not_json" | "list_shape"

export class EndpointError extends Error {
  constructor(
    readonly problem: EndpointProblem,
    readonly detail = ""
  ) {
    super(`${problem}${detail ? `: ${detail}` : ""}`)
  }
}

/** Longest text passed on from a row (the message protocol caps fields at 2000 characters). */
const MAX_FIELD = 1000

function text(v: unknown): string | null {
  if (typeof v === "string") return v.slice(0, MAX_FIELD)
  if (typeof v === "number" && Number.isFinite(v)) return String(v)
  return null
}

/** Yuan as a number, for comparing the two ends of a range (null when not a number). */
function amount(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null
  if (typeof v !== "string" || v.trim() === "") return null
  const n = Number(v.trim())
  return Number.isFinite(n) ? n : null
}

/**
 * The price as the grid would write it: one amount, or "low~high" when `MaxPrice` is above
 * `price`. The amounts are passed on as HiMall gave them (number or text); core/price.ts
 * parses and judges them, so that a malformed price is refused with the same reason
 * whichever way it was read.
 */
export function endpointPrice(row: EndpointRow): string | null {
  const low = text(field(row, "price"))
  if (low == null) return null
  const high = text(field(row, "maxPrice"))
  const lo = amount(field(row, "price"))
  const hi = amount(field(row, "maxPrice"))
  if (high != null && lo != null && hi != null && hi > lo) return `${low.trim()}~${high.trim()}`
  return low
}

/** An endpoint row as a RawProduct (image URL as given; qualifyProduct makes it absolute). */
export function endpointRowToRaw(row: EndpointRow): RawProduct {
  return {
    productId: text(field(row, "id")),
    shopId: text(field(row, "shopId")),
    name: text(field(row, "name")),
    price: endpointPrice(row),
    link: null,
    imageUrl: text(field(row, "image")),
    source: "endpoint",
    saleStatus: statusNumber(field(row, "saleStatus")),
    auditStatus: statusNumber(field(row, "auditStatus"))
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v)
}

/** Check the answer's shape: `{ rows: object[], total: non-negative integer }`. */
export function parseEndpointPage(json: unknown): EndpointPage {
  if (!isRecord(json)) throw new EndpointError("list_shape", "no rows")
  // HiMall's grid takes `models` / `Models` for the rows and `Total` for the count too.
  const rows = [json.rows, json.Rows, json.models, json.Models].find(Array.isArray)
  if (!rows) throw new EndpointError("list_shape", "no rows")
  const rawTotal = json.total ?? json.Total
  const total = typeof rawTotal === "string" ? Number(rawTotal) : rawTotal
  if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0) throw new EndpointError("list_shape", "no total")
  if (!rows.every(isRecord)) throw new EndpointError("list_shape", "row not an object")
  return { rows: rows as EndpointRow[], total }
}

export interface PageQuery {
  page: number
  rows: number
  /** Extra form fields (the grid's own filters), passed as they are. */
  filters?: Record<string, string>
}

/**
 * Fetch one page of the list, with the page's own cookies (same origin). Throws
 * EndpointError: a network failure, an HTTP error, an answer that is not JSON (HiMall answers
 * its login page when the session expired) or JSON of another shape.
 */
export async function fetchProductPage(listUrl: string, query: PageQuery, fetchImpl: typeof fetch = fetch): Promise<EndpointPage> {
  const body = new URLSearchParams({ ...query.filters, page: String(query.page), rows: String(query.rows) })
  let res: Response
  try {
    res = await fetchImpl(listUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
        Accept: "application/json, text/javascript, */*; q=0.01",
        // jQuery's marker: ASP.NET MVC actions may check Request.IsAjaxRequest().
        "X-Requested-With": "XMLHttpRequest"
      },
      body
    })
  } catch (e) {
    throw new EndpointError("list_network", e instanceof Error ? e.message : String(e))
  }
  if (!res.ok) throw new EndpointError("list_http", String(res.status))
  const raw = await res.text().catch(() => "")
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new EndpointError("list_not_json")
  }
  return parseEndpointPage(json)
}

/** A row's id text, if it is one. */
const isId = (v: string | null) => v != null && /^\s*\d{1,15}\s*$/.test(v)

/**
 * A row the page gave no product id for (no hidden input, link, attribute or picture path),
 * identified through the list endpoint: the one row the 商品名称 search answers whose name is
 * exactly the row's (and whose price is the row's, when the row shows one). Its fields fill
 * only what the row lacked. The row as it was when the endpoint cannot tell (none, several,
 * or no answer).
 */
export async function identifyByEndpoint(raw: RawProduct, listUrl: string, fetchImpl: typeof fetch = fetch): Promise<RawProduct> {
  const name = raw.name?.trim()
  if (isId(raw.productId) || !name) return raw
  let page: EndpointPage
  try {
    page = await fetchProductPage(listUrl, { page: 1, rows: 50, filters: { keyWords: name } }, fetchImpl)
  } catch {
    return raw
  }
  const candidates = page.rows
    .map(endpointRowToRaw)
    .filter(
      (r) =>
        r.name?.trim() === name &&
        (raw.price == null ||
          r.price == null ||
          r.price.split("~")[0] === raw.price.split("~")[0] ||
          Number(r.price.split("~")[0]) === Number(raw.price.split("~")[0]))
    )
  if (candidates.length !== 1) return raw
  const found = candidates[0]
  return {
    ...raw,
    productId: found.productId,
    shopId: isId(raw.shopId) ? raw.shopId : found.shopId,
    price: raw.price ?? found.price,
    imageUrl: raw.imageUrl ?? found.imageUrl,
    saleStatus: raw.saleStatus ?? found.saleStatus,
    auditStatus: raw.auditStatus ?? found.auditStatus
  }
}
