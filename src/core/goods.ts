// WeChat's goods rules (domain.md) as plain functions: name length in WeChat units and a
// suggested shorter name, the price form and its prices, the link, the console's status
// wording, and price drift between HiMall and what WeChat holds.
import { collapseSpace, withoutSpace } from "./text"
import { normalizeLink } from "./link"
import { formatYuan, parseAmount } from "./price"

/** A Chinese (any non-ASCII) character counts 2 units, an ASCII one 1. */
export function textUnits(text: string): number {
  let units = 0
  for (const ch of text) units += ch.codePointAt(0)! > 0x7f ? 2 : 1
  return units
}

/**
 * The problem a text has with a length rule in WeChat units (the text trimmed): `empty`, fewer
 * than `min` units (`short`) or more than `max` (`long`); null when it fits.
 */
export function unitsProblem<P>(text: string, min: number, max: number, problems: { empty: P; short: P; long: P }): P | null {
  const t = text.trim()
  if (!t) return problems.empty
  const units = textUnits(t)
  if (units < min) return problems.short
  if (units > max) return problems.long
  return null
}

export const GOODS_NAME_MIN_UNITS = 6 // 3 Chinese characters
export const GOODS_NAME_MAX_UNITS = 28 // 14 Chinese characters

export type GoodsNameProblem = "goods_name_empty" | "goods_name_too_short" | "goods_name_too_long"

export function goodsNameProblem(name: string): GoodsNameProblem | null {
  return unitsProblem<GoodsNameProblem>(name, GOODS_NAME_MIN_UNITS, GOODS_NAME_MAX_UNITS, {
    empty: "goods_name_empty",
    short: "goods_name_too_short",
    long: "goods_name_too_long"
  })
}

/** The longest prefix of `text` within `max` units, not splitting an ASCII word when avoidable. */
function cutToUnits(text: string, max: number): string {
  let units = 0
  let out = ""
  for (const ch of text) {
    const u = ch.codePointAt(0)! > 0x7f ? 2 : 1
    if (units + u > max) {
      // Mid-way through an ASCII word ("iPhone|15"): step back to the word's start if that
      // still leaves a meaningful name.
      const next = ch
      if (/[A-Za-z0-9]/.test(next) && /[A-Za-z0-9]$/.test(out)) {
        const back = out.replace(/[A-Za-z0-9.\-_]+$/, "").trimEnd()
        if (textUnits(back) >= GOODS_NAME_MIN_UNITS) out = back
      }
      break
    }
    units += u
    out += ch
  }
  return out.trim()
}

/**
 * A shorter name to offer the merchant (never applied without them): drop bracketed remarks
 * (【包邮】, (新款), [赠品]) and promotional filler first, then cut to 14 Chinese characters.
 * Returns the name unchanged when it already fits.
 */
export function suggestGoodsName(name: string): string {
  const clean = collapseSpace(name)
  if (textUnits(clean) <= GOODS_NAME_MAX_UNITS) return clean
  let s = collapseSpace(
    clean
      .replace(/【[^】]*】|\[[^\]]*\]|（[^）]*）|\([^)]*\)|「[^」]*」|《[^》]*》/g, " ")
      .replace(/包邮|正品|官方|旗舰店|限时|特价|促销|热卖|爆款|新款|现货|秒杀|专柜/g, " ")
      .replace(/[!！~～、,，。.;；:：|/\\+＋*#＃★☆]+/g, " ")
  )
  if (textUnits(s) < GOODS_NAME_MIN_UNITS) s = clean
  if (textUnits(s) <= GOODS_NAME_MAX_UNITS) return s
  // Spaces cost units and say little in Chinese names: drop those between CJK characters.
  // eslint-disable-next-line no-control-regex -- the range \x00-\x7f is ASCII, on purpose
  s = s.replace(/(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])/g, "")
  return cutToUnits(s, GOODS_NAME_MAX_UNITS)
}

/** 价格形式: 1 一口价, 2 价格区间, 3 显示折扣价 (price = original, price2 = current). */
export type PriceType = 1 | 2 | 3

/** 价格形式 preferred when filling 添加商品 (the `defaultPriceForm` setting): `auto` (一口价 for one price,
 * 价格区间 for a range), `1` (一口价 always: a range at its lowest price), `3` (a range as 显示折扣价: 原价
 * its highest, 现价 its lowest). */
export const PRICE_FORMS = ["auto", "1", "3"] as const
export type PriceFormSetting = (typeof PRICE_FORMS)[number]

type GoodsPriceProblem = "original_not_number" | "original_not_above_current"

export interface GoodsPlanInput {
  name: string
  priceLowFen: number
  priceHighFen: number
  link: string
  /** An original price the merchant typed (yuan text); blank for none. */
  originalPrice?: string | null
  /**
   * The merchant's preferred 价格形式 (`settings` key `defaultPriceForm`): `auto` (一口价 for one
   * price, 价格区间 for a range), `1` (一口价 always: a range at its lowest price), `3` (a range as
   * 显示折扣价, 原价 its highest and 现价 its lowest). A typed original price always wins.
   */
  priceForm?: PriceFormSetting
}

/** What will be written into 添加商品, decided before anything is written. */
export interface GoodsPlan {
  name: string
  nameProblem: GoodsNameProblem | null
  /** Offered when the name breaks WeChat's length rule. */
  suggestedName: string | null
  priceType: PriceType
  price: string
  price2: string
  priceProblem: GoodsPriceProblem | null
  url: string
  urlProblem: "link_empty" | "link_invalid" | null
}

export function planGoods(input: GoodsPlanInput): GoodsPlan {
  const name = collapseSpace(input.name)
  const nameProblem = goodsNameProblem(name)
  const suggestedName = nameProblem === "goods_name_too_long" ? suggestGoodsName(name) : null

  const range = input.priceLowFen !== input.priceHighFen
  let priceType: PriceType = range && input.priceForm !== "1" ? (input.priceForm === "3" ? 3 : 2) : 1
  let price = formatYuan(priceType === 3 ? input.priceHighFen : input.priceLowFen)
  let price2 = priceType === 2 ? formatYuan(input.priceHighFen) : priceType === 3 ? formatYuan(input.priceLowFen) : ""
  let priceProblem: GoodsPriceProblem | null = null
  const originalText = input.originalPrice?.trim() ?? ""
  if (originalText) {
    // 显示折扣价 shows one current price: the lowest one HiMall sells at.
    const original = parseAmount(originalText)
    if (!original.ok) priceProblem = "original_not_number"
    else if (original.fen <= input.priceLowFen) priceProblem = "original_not_above_current"
    else {
      priceType = 3
      price = formatYuan(original.fen)
      price2 = formatYuan(input.priceLowFen)
    }
  }

  const link = normalizeLink(input.link)
  return {
    name,
    nameProblem,
    suggestedName,
    priceType,
    price,
    price2,
    priceProblem,
    url: link.ok ? link.link : input.link,
    urlProblem: link.ok ? null : link.problem
  }
}

export function planProblems(plan: GoodsPlan): string[] {
  const all: (string | null)[] = [plan.nameProblem, plan.priceProblem, plan.urlProblem]
  return all.filter((p): p is string => p !== null)
}

/** WeChat goods-library states: 未审核 · 审核中 · 审核未通过 · 已入库 (domain.md). */
export type GoodsStatus = "draft" | "reviewing" | "rejected" | "approved"
export const GOODS_STATUSES: readonly GoodsStatus[] = ["draft", "reviewing", "rejected", "approved"]

/** A row of WeChat's 商品库 table as the page shows it (untrusted text). */
export interface GoodsRow {
  name: string
  priceText: string
  url: string
  /** Null when the row shows no status (a 已入库 shelf without a 状态 column: the shelf says it). */
  status: GoodsStatus | null
  statusText: string
  rejectReason: string | null
}

/** The console's status wording to a state; null for text that is no status. */
export function goodsStatusFromText(text: string): GoodsStatus | null {
  const t = withoutSpace(text)
  if (/审核未通过|审核驳回|未通过|驳回|审核失败/.test(t)) return "rejected"
  if (/审核中|审核通过中|待审核/.test(t)) return "reviewing"
  if (/审核通过|已入库|已通过/.test(t)) return "approved"
  if (/未审核|未提审|待提审|未提交/.test(t)) return "draft"
  return null
}

/** The label a rejection reason is written after, in a status cell: "原因：…", "驳回原因：…". */
const REASON = /(?:驳回原因|拒绝原因|原因)\s*[：:]\s*([\s\S]*)$/

/** A rejection reason written after the status, or null. */
export function rejectReasonFrom(text: string): string | null {
  const m = REASON.exec(text.trim())
  return m ? collapseSpace(m[1]) || null : null
}

/** A status cell's text without the rejection reason written after it ("审核未通过 原因：…" → "审核未通过"). */
export function statusWithoutReason(text: string): string {
  return text.replace(REASON, "").trim()
}

/**
 * The price WeChat's table shows: "¥68.00", "¥399.00 - ¥488.00", "¥59.00（原价 ¥99.00）".
 * Returns the selling price range in fen (the original of a discount is left out).
 */
export function parseWechatPrice(text: string): { lowFen: number; highFen: number; discount: boolean } | null {
  const discount = /原价/.test(text)
  const selling = text.split(/原价/)[0]
  const amounts = [...selling.matchAll(/(\d[\d,]*(?:\.\d+)?)/g)].map((m) => parseAmount(m[1]))
  const fens = amounts.filter((a): a is { ok: true; fen: number } => a.ok).map((a) => a.fen)
  if (fens.length === 0) return null
  return { lowFen: Math.min(...fens), highFen: Math.max(...fens), discount }
}

/**
 * Has HiMall's price moved away from what WeChat holds for the product? A 显示折扣价 holds one
 * current price, written from HiMall's lowest: only that is compared.
 */
export function priceDrift(
  product: { priceLowFen: number; priceHighFen: number },
  wechat: { priceLowFen: number | null; priceHighFen: number | null; discount: boolean } | null
): boolean {
  if (!wechat || wechat.priceLowFen == null || wechat.priceHighFen == null) return false
  if (wechat.discount) return wechat.priceLowFen !== product.priceLowFen
  return wechat.priceLowFen !== product.priceLowFen || wechat.priceHighFen !== product.priceHighFen
}
