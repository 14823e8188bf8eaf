// A part (no feature): the `capture-product` control on a HiMall product row or in the
// 小程序直播链接 dialog (a button and its status line), and how a capture's result reads on it.
// capture-product makes and drives these controls; capture-page shows its results on them.
import { CAPTURE_PRODUCT_CSS } from "~lib/dom/sheets/capture-product"
import { shadowPiece, tone } from "~lib/dom/shadow"
import { problemsText, t } from "~lib/i18n"
// From the domain's protocol file, not ~protocol/messages: that would bring every validator into the page.
import type { CaptureResult } from "~protocol/products"

export type ControlState = "idle" | "busy" | "saved" | "warning" | "error"

export interface CaptureControl {
  /** The host (`data-lh-control="capture-product"`); button and status are its light-DOM children, shown through a slot. */
  root: HTMLElement
  button: HTMLButtonElement
  status: HTMLElement
}

export function makeCaptureControl(productId: string | null): CaptureControl {
  const { host: root, body } = shadowPiece("span", { "data-lh-control": "capture-product" }, CAPTURE_PRODUCT_CSS)
  body.append(document.createElement("slot"))
  const button = document.createElement("button")
  button.type = "button"
  button.setAttribute("data-lh", "capture-product")
  if (productId) button.setAttribute("data-lh-product-id", productId)
  button.textContent = t("capture_product")
  button.title = t("capture_product_hint")
  const status = document.createElement("span")
  status.setAttribute("role", "status")
  status.setAttribute("data-lh-status", "")
  root.append(button, status)
  return { root, button, status }
}

export function showOnControl(button: HTMLButtonElement, status: HTMLElement, state: ControlState, text: string) {
  button.setAttribute("data-lh-state", state)
  button.disabled = state === "busy"
  status.textContent = text
  tone(status, state === "error" ? "error" : state === "warning" ? "warn" : state === "saved" ? "ok" : "muted")
}

/** A capture's result as the control says it. */
export function describeResult(result: CaptureResult): { state: ControlState; text: string } {
  if (result.outcome === "rejected") return { state: "error", text: t("capture_refused", problemsText(result.problems)) }
  const base = t(result.outcome === "created" ? "capture_saved" : result.outcome === "updated" ? "capture_updated" : "capture_unchanged")
  if (result.warnings.length) return { state: "warning", text: `${base}${t("list_separator")}${problemsText(result.warnings)}` }
  return { state: "saved", text: base }
}

/** Show a capture's result on a row's own capture-product control (after capture-page). */
export function showRowResult(row: HTMLTableRowElement, result: CaptureResult) {
  const button = row.querySelector<HTMLButtonElement>('[data-lh="capture-product"]')
  const status = button?.parentElement?.querySelector<HTMLElement>("[data-lh-status]")
  if (!button || !status) return
  const { state, text } = describeResult(result)
  showOnControl(button, status, state, text)
}
