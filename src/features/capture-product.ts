// HiMall 商品管理: a `capture-product` control on every product row and in the 小程序直播链接
// dialog. Collect (site reader) → qualify (core, to answer at once) → send (background
// re-validates and stores) → tell the merchant on the control itself.
import { qualifyProduct, type RawProduct } from "~core/product"
import { whenDomChanges } from "~lib/dom/observe"
import { errorText, problemsText, t } from "~lib/i18n"
import { send } from "~lib/send"
import { findLiveLinkDialogs, LIVE_LINK_ACTION_TEXT, liveLinkControlPlace, missingDialogFields, readLiveLinkDialog } from "~sites/himall/live-link-dialog"
import { identifyByEndpoint, productListUrl } from "~sites/himall/product-endpoint"
import { actionCell, findProductRows, readProductRow } from "~sites/himall/product-grid"

import { fetchWith } from "./parts/page-fetch"
import { describeResult, makeCaptureControl, showOnControl as show } from "./parts/capture-control"

async function capture(read: RawProduct, button: HTMLButtonElement, status: HTMLElement, signal: AbortSignal) {
  show(button, status, "busy", t("capture_busy"))
  // A row that shows no product id: the list endpoint may still tell which product it is.
  const listUrl = read.source === "row" ? productListUrl(location) : null
  const raw = listUrl ? await identifyByEndpoint(read, listUrl, fetchWith(signal)) : read
  if (signal.aborted) return
  if (raw.productId && raw !== read) button.setAttribute("data-lh-product-id", raw.productId)
  // Decide at once in the page; a refusal is still sent so the popup can list it.
  const local = qualifyProduct(raw, location.href)
  try {
    const { results } = await send("product.capture", { products: [raw] })
    const r = results[0]
    const { state, text } = describeResult(r)
    show(button, status, state, text)
  } catch (e) {
    const reason = local.ok ? errorText(e) : problemsText(local.problems)
    show(button, status, "error", t("capture_refused", reason))
    console.warn("[HiMall 直播助手]", e)
  }
}

/** The page's decorations; `lastRow` is the row the merchant last opened 直播链接 from (the dialog has no shop id of its own). */
class CaptureProductPage {
  private lastRow: RawProduct | null = null

  constructor(private readonly signal: AbortSignal) {}

  decorateRows() {
    for (const row of findProductRows(document)) {
      const cell = actionCell(row)
      if (!cell.querySelector('[data-lh-control="capture-product"]')) {
        const made = makeCaptureControl(readProductRow(row).productId)
        made.button.addEventListener("click", () => void capture(readProductRow(row), made.button, made.status, this.signal))
        cell.append(made.root)
      }
      // The 直播链接 link: note its row so the dialog it opens can be attributed.
      for (const a of cell.querySelectorAll<HTMLElement>("a")) {
        if (a.textContent?.trim() === LIVE_LINK_ACTION_TEXT && !a.hasAttribute("data-lh-seen")) {
          a.setAttribute("data-lh-seen", "")
          a.addEventListener("click", () => (this.lastRow = readProductRow(row)), { capture: true, signal: this.signal })
        }
      }
    }
  }

  decorateDialogs() {
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
      const made = makeCaptureControl(preview.productId)
      made.root.setAttribute("data-lh-place", "dialog")
      made.button.addEventListener("click", () => {
        const fromRow = readLiveLinkDialog(dialog, null)
        const row = this.lastRow && this.lastRow.productId === fromRow.productId ? this.lastRow : null
        void capture(readLiveLinkDialog(dialog, row), made.button, made.status, this.signal)
      })
      if (missing.length) show(made.button, made.status, "warning", t("dialog_fields_missing", missing.join("、")))
      liveLinkControlPlace(dialog).append(made.root)
    }
  }
}

export function startCaptureProduct(signal: AbortSignal) {
  const page = new CaptureProductPage(signal)
  whenDomChanges(
    document.body,
    () => {
      page.decorateRows()
      page.decorateDialogs()
    },
    signal
  )
}
