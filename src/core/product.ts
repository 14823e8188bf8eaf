// Qualifying a product read from a HiMall page. Collectors hand over raw strings exactly as
// the page shows them; this decides what may be stored, and why not. It runs in the content
// script (to tell the merchant at once) and again in the background (messages are untrusted).
import { collapseSpace } from "./text"
import { normalizeLink, productLink, type LinkProblem } from "./link"
import { parsePrice, type PriceProblem } from "./price"

export type CaptureSource = "row" | "dialog" | "endpoint"

/** What a HiMall collector reads from the page: untrusted text. */
export interface RawProduct {
  productId: string | null
  shopId: string | null
  name: string | null
  price: string | null
  link: string | null
  imageUrl: string | null
  source: CaptureSource
  /**
   * HiMall's sale state (1 销售中 · 2 仓库中 · 3 草稿箱) and audit state (1 待审核 · 2 审核通过 ·
   * 3 未通过 · 4 违规下架) as the page or the list gave them; null or absent: not read.
   */
  saleStatus?: number | null
  auditStatus?: number | null
}

/** What a product is for WeChat's goods: its HiMall id, name, prices in fen, link and picture. */
interface ProductFacts {
  productId: number
  name: string
  priceLowFen: number
  priceHighFen: number
  /** Mini-program page path for WeChat's 商品链接. */
  link: string
  /** The picture HiMall shows for the product, absolute; null when the page had none. */
  imageUrl: string | null
}

/** A product fit to store. */
export interface QualifiedProduct extends ProductFacts {
  shopId: number
}

/** A captured product as stored and passed around: one product of one shop. */
export interface ProductSummary extends ProductFacts {
  /** `${shopOrigin}|${productId}`: one product of one shop. */
  key: string
  shopOrigin: string
}

export type ProductProblem =
  "id_missing" | "shop_id_missing" | "name_missing" | "name_too_long" | "image_missing" | "image_invalid" | PriceProblem | LinkProblem

export type Qualified = { ok: true; product: QualifiedProduct; warnings: ProductProblem[] } | { ok: false; problems: ProductProblem[] }

/** Longest name we accept from HiMall; WeChat's own limit is applied when filling. */
const MAX_STORED_NAME = 200

const ID = /^\s*(\d{1,15})\s*$/

function positiveId(text: string | null): number | null {
  const m = text == null ? null : ID.exec(text)
  const n = m ? Number(m[1]) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

/** Collapse runs of white space (including full-width and non-breaking spaces). */
function cleanName(name: string): string {
  return collapseSpace(name)
}

/** Image URL made absolute against the page; only http(s) pictures are kept. */
function resolveImageUrl(raw: string | null, pageUrl: string): string | null | "invalid" {
  if (raw == null || raw.trim() === "") return null
  try {
    const u = new URL(raw.trim(), pageUrl)
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : "invalid"
  } catch {
    return "invalid"
  }
}

export function qualifyProduct(raw: RawProduct, pageUrl: string): Qualified {
  const problems: ProductProblem[] = []
  const warnings: ProductProblem[] = []

  const productId = positiveId(raw.productId)
  if (productId == null) problems.push("id_missing")
  const shopId = positiveId(raw.shopId)
  if (shopId == null) problems.push("shop_id_missing")

  const name = cleanName(raw.name ?? "")
  if (name === "") problems.push("name_missing")
  else if (name.length > MAX_STORED_NAME) problems.push("name_too_long")

  const price = parsePrice(raw.price)
  if (!price.ok) problems.push(price.problem)

  let link: string | null = null
  if (raw.link != null && raw.link.trim() !== "") {
    const l = normalizeLink(raw.link)
    if (l.ok) link = l.link
    else problems.push(l.problem)
  } else if (productId != null) {
    link = productLink(productId)
  }

  const image = resolveImageUrl(raw.imageUrl, pageUrl)
  if (image === null) warnings.push("image_missing")
  else if (image === "invalid") warnings.push("image_invalid")

  if (problems.length > 0 || !price.ok || productId == null || shopId == null || link == null) {
    return { ok: false, problems }
  }
  return {
    ok: true,
    product: {
      productId,
      shopId,
      name,
      priceLowFen: price.lowFen,
      priceHighFen: price.highFen,
      link,
      imageUrl: image === "invalid" ? null : image
    },
    warnings
  }
}
