// HiMall 商品管理: a `capture-product` control on every product row and in the 小程序直播链接
// dialog. Collect (site reader) → qualify (core, to answer at once) → send (background
// re-validates and stores) → tell the merchant on the control itself.
import { qualifyProduct, type RawProduct } from "~core/product"
import { whenDomChanges } from "~lib/dom/observe"
import { CAPTURE_PRODUCT_CSS } from "~lib/dom/sheets/capture-product"
import { shadowPiece, tone } from "~lib/dom/shadow"
import { errorText, problemsText, t } from "~lib/i18n"
import type { CaptureResult } from "~protocol/messages"
import { send } from "~lib/send"
import {
  findLiveLinkDialogs,
  LIVE_LINK_ACTION_TEXT,
  liveLinkControlPlace,
  missingDialogFields,
  readLiveLinkDialog
} from "~sites/himall/live-link-dialog"
import { identifyByEndpoint, productListUrl } from "~sites/himall/product-endpoint"
import { actionCell, findProductRows, readProductRow } from "~sites/himall/product-grid"

const CONTROL_ATTR = "data-lh"
type ControlState = "idle" | "busy" | "saved" | "warning" | "error"

function makeControl(productId: string | null): { root: HTMLElement; button: HTMLButtonElement; status: HTMLElement } {
  const { host: root, body } = shadowPiece("span", { "data-lh-control": "capture-product" }, CAPTURE_PRODUCT_CSS)
  body.append(document.createElement("slot"))
  const button = document.createElement("button")
  button.type = "button"
  button.setAttribute(CONTROL_ATTR, "capture-product")
  if (productId) button.setAttribute("data-lh-product-id", productId)
  button.textContent = t("capture_product")
  button.title = t("capture_product_hint")
  const status = document.createElement("span")
  status.setAttribute("role", "status")
  status.setAttribute("data-lh-status", "")
  root.append(button, status)
  return { root, button, status }
}

function show(button: HTMLButtonElement, status: HTMLElement, state: ControlState, text: string) {
  button.setAttribute("data-lh-state", state)
  button.disabled = state === "busy"
  status.textContent = text
  tone(status, state === "error" ? "error" : state === "warning" ? "warn" : state === "saved" ? "ok" : "muted")
}

function describe(result: CaptureResult): { state: ControlState; text: string } {
  if (result.outcome === "rejected") return { state: "error", text: t("capture_refused", problemsText(result.problems)) }
  const base = t(result.outcome === "created" ? "capture_saved" : result.outcome === "updated" ? "capture_updated" : "capture_unchanged")
  if (result.warnings.length) return { state: "warning", text: `${base}${t("list_separator")}${problemsText(result.warnings)}` }
  return { state: "saved", text: base }
}

async function capture(read: RawProduct, button: HTMLButtonElement, status: HTMLElement) {
  show(button, status, "busy", t("capture_busy"))
  // A row that shows no product id: the list endpoint may still tell which product it is.
  const listUrl = read.source === "row" ? productListUrl(location) : null
  const raw = listUrl ? await identifyByEndpoint(read, listUrl) : read
  if (raw.productId && raw !== read) button.setAttribute("data-lh-product-id", raw.productId)
  // Decide at once in the page; a refusal is still sent so the popup can list it.
  const local = qualifyProduct(raw, location.href)
  try {
    const { results } = await send("product.capture", { products: [raw] })
    const r = results[0]
    const { state, text } = describe(r)
    show(button, status, state, text)
  } catch (e) {
    const reason = local.ok ? errorText(e) : problemsText(local.problems)
    show(button, status, "error", t("capture_refused", reason))
    console.warn("[HiMall 直播助手]", e)
  }
}

/** The row the merchant last opened 直播链接 from: the dialog has no shop id of its own. */
let lastRow: RawProduct | null = null

function decorateRows(signal: AbortSignal) {
  for (const row of findProductRows(document)) {
    const raw = readProductRow(row)
    const cell = actionCell(row)
    let control = cell.querySelector<HTMLElement>('[data-lh-control="capture-product"]')
    if (!control) {
      const made = makeControl(raw.productId)
      made.button.addEventListener("click", () => void capture(readProductRow(row), made.button, made.status))
      cell.append(made.root)
      control = made.root
    }
    // The 直播链接 link: note its row so the dialog it opens can be attributed.
    for (const a of cell.querySelectorAll<HTMLElement>("a")) {
      if (a.textContent?.trim() === LIVE_LINK_ACTION_TEXT && !a.hasAttribute("data-lh-seen")) {
        a.setAttribute("data-lh-seen", "")
        a.addEventListener("click", () => (lastRow = readProductRow(row)), { capture: true, signal })
      }
    }
  }
}

function decorateDialogs() {
  for (const dialog of findLiveLinkDialogs(document)) {
    const preview = readLiveLinkDialog(dialog, null)
    const existing = dialog.querySelector<HTMLElement>('[data-lh-control="capture-product"]')
    if (existing) {
      // HiMall moves the same form into every 直播链接 dialog (and back out on close), our
      // control with it: follow the product it now shows.
      const button = existing.querySelector<HTMLButtonElement>('[data-lh="capture-product"]')
      const status = existing.querySelector<HTMLElement>("[data-lh-status]")
      if (button && status && button.getAttribute("data-lh-product-id") !== (preview.productId ?? null)) {
        if (preview.productId) button.setAttribute("data-lh-product-id", preview.productId)
        else button.removeAttribute("data-lh-product-id")
        const missing = missingDialogFields(dialog)
        if (missing.length) show(button, status, "warning", t("dialog_fields_missing", missing.join("、")))
        else show(button, status, "idle", "")
      }
      continue
    }
    const missing = missingDialogFields(dialog)
    const made = makeControl(preview.productId)
    made.root.setAttribute("data-lh-place", "dialog")
    made.button.addEventListener("click", () => {
      const fromRow = readLiveLinkDialog(dialog, null)
      const row = lastRow && lastRow.productId === fromRow.productId ? lastRow : null
      void capture(readLiveLinkDialog(dialog, row), made.button, made.status)
    })
    if (missing.length) show(made.button, made.status, "warning", t("dialog_fields_missing", missing.join("、")))
    liveLinkControlPlace(dialog).append(made.root)
  }
}

export function startCaptureProduct(signal: AbortSignal) {
  whenDomChanges(
    document.body,
    () => {
      decorateRows(signal)
      decorateDialogs()
    },
    signal
  )
}

/** Show a capture's result on a row's own capture-product control (after capture-page). */
export function showRowResult(row: HTMLTableRowElement, result: CaptureResult) {
  const button = row.querySelector<HTMLButtonElement>('[data-lh="capture-product"]')
  const status = button?.parentElement?.querySelector<HTMLElement>("[data-lh-status]")
  if (!button || !status) return
  const { state, text } = describe(result)
  show(button, status, state, text)
}
