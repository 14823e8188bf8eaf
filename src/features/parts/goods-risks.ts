// A part (no feature; used by the 添加商品 panel, ./goods-panel.ts): before anything is written
// into 添加商品 (issue 11), words WeChat's review rejects and a HiMall product that is not on
// sale or not approved stop the fill (the rule: core/goods-risk.ts `risksOf`), each shown with
// its reason and a suggested fix the merchant edits (never applied silently).
import type { GoodsRisk } from "~core/goods-risk"
import { button, el, reportTitle } from "~lib/dom/build"
import { t } from "~lib/i18n"
import type { GoodsCandidate } from "~protocol/messages"

function riskText(r: GoodsRisk): string {
  if (r.code === "forbidden_words") return t("risk_forbidden_words", r.words.join("、"))
  if (r.code === "himall_not_on_sale") return t("risk_himall_not_on_sale", t(`himall_sale_status_${r.saleStatus}`) || String(r.saleStatus))
  return t("risk_himall_not_approved", t(`himall_audit_status_${r.auditStatus}`) || String(r.auditStatus))
}

function fixText(r: GoodsRisk): string {
  return r.code === "forbidden_words"
    ? t("risk_fix_forbidden_words")
    : r.code === "himall_not_on_sale"
      ? t("risk_fix_himall_not_on_sale")
      : t("risk_fix_himall_not_approved")
}

/**
 * Show why the product is stopped: the report (`fill-report`, outcome failed, `data-lh-refused`
 * = risk) lists each risk with its fix; when only words are in the way, an editable name
 * (`name-edit`) with the suggestion and `fill-confirm` go on with the merchant's name.
 */
export function showRisks(report: HTMLElement, fix: HTMLElement, c: GoodsCandidate, risks: GoodsRisk[], onName: (name: string) => void) {
  report.hidden = false
  report.setAttribute("data-lh-outcome", "failed")
  report.setAttribute("data-lh-refused", "risk")
  report.setAttribute("data-lh-product-id", String(c.productId))
  const list = el("ul", { class: "report-list" })
  for (const r of risks) {
    const li = el("li", { "data-lh-risk": r.code, "data-tone": "error" }, `${riskText(r)} ${fixText(r)}`)
    list.append(li)
  }
  report.replaceChildren(reportTitle("failed", t("risk_title", c.name)), list)

  fix.replaceChildren()
  const words = risks.find((r): r is Extract<GoodsRisk, { code: "forbidden_words" }> => r.code === "forbidden_words")
  fix.hidden = !words || risks.length > 1
  if (fix.hidden || !words) return
  const row = el("div", { class: "bar" })
  const input = el("input", { type: "text", "data-lh": "name-edit", "aria-label": t("fill_name_edit") })
  input.value = words.suggestedName
  const confirm = button("fill-confirm", t("fill_name_confirm"), true)
  const cancel = button("fill-cancel", t("fill_cancel"))
  confirm.addEventListener("click", () => onName(input.value.trim()))
  cancel.addEventListener("click", () => (fix.hidden = true))
  row.append(input, confirm, cancel)
  fix.append(el("p", { "data-lh-name-problem": "forbidden_words" }, t("risk_edit_name")), row)
}
