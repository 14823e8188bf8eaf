// A part (no feature) that capture-page and capture-all share on HiMall's 商品管理: one bar of
// controls right above the product grid, and the capture summary's text (saved / updated /
// unchanged / refused, with the reasons of the refusals; the counting is core/capture-counts.ts).
import type { CaptureCounts, ProblemCounts } from "~core/capture-counts"
import type { ProductProblem } from "~core/product"
import { problemText, t } from "~lib/i18n"
import { findProductGrid } from "~sites/himall/product-grid"
import { GRID_TOOLBAR_CSS } from "~lib/dom/sheets/grid-toolbar"
import { shadowPiece, tone } from "~lib/dom/shadow"

const TOOLBAR = "grid-toolbar"

/**
 * The extension's bar above the grid (a shadow host), made on first use: the element inside its
 * shadow root that takes the controls; null while the page has no grid. Controls are kept by
 * their features and re-appended if the page redraws around them.
 */
export function gridToolbar(doc: Document): HTMLElement | null {
  const existing = doc.querySelector<HTMLElement>(`[data-lh-control="${TOOLBAR}"]`)
  const inside = existing?.shadowRoot?.querySelector<HTMLElement>(".piece")
  if (inside) return inside
  existing?.remove()
  const grid = findProductGrid(doc)
  if (!grid?.parentElement) return null
  const { host, body } = shadowPiece("div", { "data-lh-control": TOOLBAR }, GRID_TOOLBAR_CSS, doc)
  grid.parentElement.insertBefore(host, grid)
  return body
}

export function toolbarButton(action: string, label: string, hint: string, primary = false): HTMLButtonElement {
  const b = document.createElement("button")
  b.type = "button"
  b.setAttribute("data-lh", action)
  b.textContent = label
  b.title = hint
  if (primary) b.className = "primary"
  return b
}

export function statusElement(feature: string): HTMLElement {
  const s = document.createElement("span")
  s.setAttribute("role", "status")
  s.setAttribute("data-lh-status", feature)
  return tone(s, "busy")
}

/** "已存入 3 · 已更新 1 · 已是最新 10 · 未存入 1（商品名称为空 ×1）" */
export function summaryText(counts: CaptureCounts, problems: ProblemCounts): string {
  const base = t("capture_summary", [counts.created, counts.updated, counts.unchanged, counts.rejected].map(String))
  const reasons = (Object.entries(problems) as [ProductProblem, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([p, n]) => t("capture_reason_count", [problemText(p), String(n)]))
  return reasons.length ? `${base}${t("capture_summary_reasons", reasons.join(t("list_separator")))}` : base
}
