// Mini-program page links, as WeChat's 商品链接 field wants them (domain.md):
// a page path such as `pages/productdetail/productdetail?id=19`, no leading slash,
// not URL-encoded as a whole.
import { withoutSpace } from "./text"

const PRODUCT_PAGE = "pages/productdetail/productdetail"

export function productLink(productId: number): string {
  return `${PRODUCT_PAGE}?id=${productId}`
}

export type LinkProblem = "link_empty" | "link_invalid"

/** Clean a link read from HiMall: trim, drop a leading slash, undo whole-path encoding. */
export function normalizeLink(raw: string): { ok: true; link: string } | { ok: false; problem: LinkProblem } {
  let link = withoutSpace(raw)
  if (link === "") return { ok: false, problem: "link_empty" }
  // A whole path URL-encoded, with or without its leading slash (pages%2F… or %2Fpages%2F…).
  if (/^(?:%2f)*[a-z0-9_-]+%2f/i.test(link)) {
    try {
      link = decodeURIComponent(link)
    } catch {
      return { ok: false, problem: "link_invalid" }
    }
  }
  link = link.replace(/^\/+/, "")
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*(\?[^\s#]*)?$/.test(link)) return { ok: false, problem: "link_invalid" }
  return { ok: true, link }
}

/**
 * The HiMall product a goods link names: its `id=`, else (as HiMall recovers it) the first number
 * of its query, once the link is cleaned (an encoded path's `%2F` holds no id). Null when none,
 * or not a positive id. Read for the 小程序直播链接 dialog and for 直播商品 rows alike.
 */
export function productIdFromLink(link: string | null | undefined): number | null {
  if (!link) return null
  const clean = normalizeLink(link)
  const url = clean.ok ? clean.link : link
  const m = /[?&]id=(\d{1,15})\b/i.exec(url) ?? /(\d{1,15})/.exec(url.split("?")[1] ?? url)
  const n = m ? Number(m[1]) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : null
}
