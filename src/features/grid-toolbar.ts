// What capture-page and capture-all share on HiMall's 商品管理: one bar of controls right
// above the product grid, and the capture summary (saved / updated / unchanged / refused,
// with the reasons of the refusals).
import type { ProductProblem } from "~core/product"
import { problemText, t } from "~lib/i18n"
// From the domain's protocol file, not ~protocol/messages: that would bring every validator into the page.
import { emptyCaptureCounts, type CaptureCounts, type CaptureResult } from "~protocol/products"
import { findProductGrid } from "~sites/himall/product-grid"

const TOOLBAR = "grid-toolbar"

/**
 * The extension's bar above the grid, made on first use; null while the page has no grid.
 * Controls are kept by their features and re-appended if the page redraws around them.
 */
export function gridToolbar(doc: Document): HTMLElement | null {
  const existing = doc.querySelector<HTMLElement>(`[data-lh-control="${TOOLBAR}"]`)
  if (existing) return existing
  const grid = findProductGrid(doc)
  if (!grid?.parentElement) return null
  const bar = doc.createElement("div")
  bar.setAttribute("data-lh-control", TOOLBAR)
  bar.style.cssText =
    "display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:8px 0;padding:6px 8px;border:1px dashed #07c160;border-radius:4px;background:#f6fffa;font-size:12px;line-height:20px"
  grid.parentElement.insertBefore(bar, grid)
  return bar
}

export function toolbarButton(action: string, label: string, hint: string, primary = false): HTMLButtonElement {
  const b = document.createElement("button")
  b.type = "button"
  b.setAttribute("data-lh", action)
  b.textContent = label
  b.title = hint
  b.style.cssText = primary
    ? "cursor:pointer;border:1px solid #07c160;background:#07c160;color:#fff;border-radius:3px;padding:2px 10px;font-size:12px;line-height:18px"
    : "cursor:pointer;border:1px solid #07c160;background:#fff;color:#07a550;border-radius:3px;padding:2px 10px;font-size:12px;line-height:18px"
  return b
}

export function statusElement(feature: string): HTMLElement {
  const s = document.createElement("span")
  s.setAttribute("role", "status")
  s.setAttribute("data-lh-status", feature)
  s.style.cssText = "color:#555;white-space:normal"
  return s
}

export type ProblemCounts = Partial<Record<ProductProblem, number>>

export function countResults(results: readonly CaptureResult[]): { counts: CaptureCounts; problems: ProblemCounts } {
  const counts = emptyCaptureCounts()
  const problems: ProblemCounts = {}
  for (const r of results) {
    counts[r.outcome]++
    for (const p of r.problems) problems[p] = (problems[p] ?? 0) + 1
  }
  return { counts, problems }
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
