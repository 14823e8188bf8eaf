// Formatting shared by popup and options, in the language the page speaks (lib/i18n.ts).
import { formatPriceRange } from "~core/price"
import { t, uiLanguage } from "~lib/i18n"

export function formatTime(ms: number | null | undefined): string {
  if (!ms) return "—"
  return new Date(ms).toLocaleString(uiLanguage(), { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
}

/** How long ago: 刚刚 · 5 分钟前 · 3 小时前, then the date. */
export function formatAgo(ms: number | null | undefined, now: number): string {
  if (!ms) return t("time_never")
  const minutes = Math.floor((now - ms) / 60_000)
  if (minutes < 1) return t("time_just_now")
  if (minutes < 60) return t("time_minutes_ago", String(minutes))
  if (minutes < 24 * 60) return t("time_hours_ago", String(Math.floor(minutes / 60)))
  return formatTime(ms)
}

export function formatPrice(lowFen: number, highFen: number): string {
  return `￥${formatPriceRange(lowFen, highFen)}`
}

export { hostOf } from "~core/origins"
