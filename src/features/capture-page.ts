// HiMall 商品管理: a `capture-page` control above the grid that stores every product row the
// grid shows, in one product.capture message (≤ 500 products), then says what happened,
// in its status and on each row's own capture-product control.
import { errorText, t } from "~lib/i18n"
// From the domain's protocol file, not ~protocol/messages: that would bring every validator into the page.
import { MAX_PRODUCTS_PER_MESSAGE, type CaptureResult } from "~protocol/products"
import { sendWithRetry } from "~lib/send-retry"
import { whenDomChanges } from "~lib/dom/observe"
import { tone } from "~lib/dom/shadow"
import { identifyByEndpoint, productListUrl } from "~sites/himall/product-endpoint"
import { findProductGrid, findProductRows, readProductRow } from "~sites/himall/product-grid"
import { countResults } from "~core/capture-counts"

import { showRowResult } from "./parts/capture-control"
import { gridToolbar, statusElement, summaryText, toolbarButton } from "./parts/grid-toolbar"
import { fetchWith } from "./parts/page-fetch"

function makeUi() {
  const root = document.createElement("span")
  root.setAttribute("data-lh-control", "capture-page")
  const button = toolbarButton("capture-page", t("capture_page"), t("capture_page_hint"))
  const status = statusElement("capture-page")
  root.append(button, status)
  return { root, button, status }
}

type Ui = ReturnType<typeof makeUi>

function setState(ui: Ui, state: "busy" | "done" | "warning" | "error", text: string) {
  ui.button.setAttribute("data-lh-state", state)
  ui.button.disabled = state === "busy"
  ui.status.textContent = text
  tone(ui.status, state === "error" ? "error" : state === "warning" ? "warn" : state === "done" ? "ok" : "busy")
}

/** The product rows the grid shows now (the grid redraws its body on every load). */
function shownRows(doc: Document): HTMLTableRowElement[] {
  const grid = findProductGrid(doc)
  return grid ? findProductRows(grid) : []
}

async function capturePage(ui: Ui, signal: AbortSignal) {
  const rows = shownRows(document)
  if (rows.length === 0) return setState(ui, "warning", t("capture_page_empty"))
  setState(ui, "busy", t("capture_busy"))
  // Rows that show no product id are identified through the list endpoint when it can tell.
  const listUrl = productListUrl(location)
  const products = await Promise.all(rows.map(readProductRow).map((raw) => (listUrl ? identifyByEndpoint(raw, listUrl, fetchWith(signal)) : raw)))
  if (signal.aborted) return
  try {
    const results: CaptureResult[] = []
    for (let i = 0; i < products.length; i += MAX_PRODUCTS_PER_MESSAGE) {
      const answer = await sendWithRetry("product.capture", { products: products.slice(i, i + MAX_PRODUCTS_PER_MESSAGE) }, { signal })
      results.push(...answer.results)
    }
    // Rows the grid still shows get their own status (a reload may have replaced them).
    rows.forEach((row, i) => row.isConnected && results[i] && showRowResult(row, results[i]))
    const { counts, problems } = countResults(results)
    setState(ui, counts.rejected ? "warning" : "done", summaryText(counts, problems))
  } catch (e) {
    if (signal.aborted) return
    setState(ui, "error", t("capture_refused", errorText(e)))
    console.warn("[HiMall 直播助手]", e)
  }
}

export function startCapturePage(signal: AbortSignal) {
  const ui = makeUi()
  ui.button.addEventListener("click", () => void capturePage(ui, signal))
  whenDomChanges(
    document.body,
    () => {
      if (ui.root.isConnected) return
      gridToolbar(document)?.prepend(ui.root)
    },
    signal
  )
}
