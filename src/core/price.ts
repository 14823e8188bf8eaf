// Price parsing: HiMall shows prices as "68.00", "￥1,299.00" or a range "399.00~488.00".
// WeChat wants yuan with at most two decimals and > 0. Prices are kept as integer fen
// (1/100 yuan) so that comparisons and arithmetic are exact.

export type PriceProblem = "price_empty" | "price_not_number" | "price_not_positive" | "price_too_precise" | "price_range_order"

export type PriceResult = { ok: true; lowFen: number; highFen: number } | { ok: false; problem: PriceProblem }

const FULL_WIDTH_OFFSET = 0xff10 - 0x30

/** Fold full-width digits and punctuation, drop currency signs, thousands separators and spaces. */
export function normalizePriceText(text: string): string {
  return text
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/[\uff0e\u3002]/g, ".") // full-width full stop and ideographic full stop
    .replace(/[\uff5e\u301c]/g, "~") // full-width tilde, wave dash
    .replace(/[\uff0d\u2013\u2014]/g, "-")
    .replace(/[￥¥\uffe5]|元|RMB|CNY/gi, "")
    .replace(/[,，\s]/g, "")
}

/** One amount in yuan ("12", "12.5", "12.50") to fen. */
export function parseAmount(text: string): { ok: true; fen: number } | { ok: false; problem: PriceProblem } {
  const t = normalizePriceText(text)
  if (t === "") return { ok: false, problem: "price_empty" }
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t)
  if (!m) return { ok: false, problem: "price_not_number" }
  const [, sign, whole, frac = ""] = m
  // Trailing zeros beyond two decimals are harmless ("12.500"); real extra precision is not.
  const trimmed = frac.replace(/0+$/, "")
  if (trimmed.length > 2) return { ok: false, problem: "price_too_precise" }
  const fen = Number(whole) * 100 + Number(trimmed.padEnd(2, "0"))
  if (sign === "-" || fen <= 0) return { ok: false, problem: "price_not_positive" }
  if (!Number.isSafeInteger(fen)) return { ok: false, problem: "price_not_number" }
  return { ok: true, fen }
}

/** A HiMall price: one amount, or a range "low~high" (also "low-high", "low 至 high"). */
export function parsePrice(text: string | null | undefined): PriceResult {
  if (text == null) return { ok: false, problem: "price_empty" }
  const t = normalizePriceText(text)
  if (t === "") return { ok: false, problem: "price_empty" }
  // Split on a range separator, not on the sign of a leading negative number.
  const parts = t.split(/~|至|(?<=\d)-(?=\d)/)
  if (parts.length > 2) return { ok: false, problem: "price_not_number" }
  // A range with an end missing ("399.00~") is not an empty price: it cannot be read.
  if (parts.length === 2 && (parts[0] === "" || parts[1] === "")) return { ok: false, problem: "price_not_number" }
  const low = parseAmount(parts[0])
  if (!low.ok) return low
  if (parts.length === 1) return { ok: true, lowFen: low.fen, highFen: low.fen }
  const high = parseAmount(parts[1])
  if (!high.ok) return high
  if (high.fen < low.fen) return { ok: false, problem: "price_range_order" }
  return { ok: true, lowFen: low.fen, highFen: high.fen }
}

/** Fen to the yuan string WeChat's forms take ("68.00"). */
export function formatYuan(fen: number): string {
  const whole = Math.floor(fen / 100)
  const cents = String(fen % 100).padStart(2, "0")
  return `${whole}.${cents}`
}

/** "68.00" or "399.00~488.00", as HiMall writes it. */
export function formatPriceRange(lowFen: number, highFen: number): string {
  return lowFen === highFen ? formatYuan(lowFen) : `${formatYuan(lowFen)}~${formatYuan(highFen)}`
}
