// HiMall's product list endpoint: the JSON the 商品管理 grid (`hiMallDatagrid`) is filled
// from. `POST /Admin/Product/List` (seller backend `/SellerAdmin/Product/List`), form-encoded
// `page` (1-based) and `rows`, answering `{ rows: [...], total }`; each row has `id`, `name`,
// `price`, `MaxPrice`, `shopId`, `imgUrl` (and more we do not need). The endpoint stays on
// HiMall versions that no longer draw 直播链接. Site knowledge only: no extension API here.
import type { RawProduct } from "~core/product"

/** The list endpoint of the admin area the page is in, or null when not a HiMall admin page. */
export function productListUrl(url: URL | Location): string | null {
  const m = /^\/(admin|selleradmin)(?:\/|$)/i.exec(url.pathname)
  if (!m) return null
  const area = m[1].toLowerCase() === "selleradmin" ? "SellerAdmin" : "Admin"
  return `${url.origin}/${area}/Product/List`
}

/** One row of the endpoint's answer, as far as we read it (untrusted JSON). */
export interface EndpointRow {
  id?: unknown
  name?: unknown
  price?: unknown
  MaxPrice?: unknown
  shopId?: unknown
  imgUrl?: unknown
  saleStatus?: unknown
  auditStatus?: unknown
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
  const low = text(row.price)
  if (low == null) return null
  const high = text(row.MaxPrice)
  const lo = amount(row.price)
  const hi = amount(row.MaxPrice)
  if (high != null && lo != null && hi != null && hi > lo) return `${low.trim()}~${high.trim()}`
  return low
}

/** An endpoint row as a RawProduct (image URL as given; qualifyProduct makes it absolute). */
export function endpointRowToRaw(row: EndpointRow): RawProduct {
  return {
    productId: text(row.id),
    shopId: text(row.shopId),
    name: text(row.name),
    price: endpointPrice(row),
    link: null,
    imageUrl: text(row.imgUrl),
    source: "endpoint",
    // HiMall's sale / audit status, when the row carries them (core/goods-risk.ts).
    ...(row.saleStatus !== undefined ? { saleStatus: text(row.saleStatus) } : {}),
    ...(row.auditStatus !== undefined ? { auditStatus: text(row.auditStatus) } : {})
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v)
}

/** Check the answer's shape: `{ rows: object[], total: non-negative integer }`. */
export function parseEndpointPage(json: unknown): EndpointPage {
  if (!isRecord(json) || !Array.isArray(json.rows)) throw new EndpointError("list_shape", "no rows")
  const total = typeof json.total === "string" ? Number(json.total) : json.total
  if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0) throw new EndpointError("list_shape", "no total")
  if (!json.rows.every(isRecord)) throw new EndpointError("list_shape", "row not an object")
  return { rows: json.rows as EndpointRow[], total }
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
