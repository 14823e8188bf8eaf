// Formatting shared by popup and options.
import { formatPriceRange } from "~core/price"

export function formatTime(ms: number | null | undefined): string {
  if (!ms) return "—"
  const lang = chrome.i18n.getUILanguage?.() || "zh-CN"
  return new Date(ms).toLocaleString(lang, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
}

export function formatPrice(lowFen: number, highFen: number): string {
  return `￥${formatPriceRange(lowFen, highFen)}`
}
