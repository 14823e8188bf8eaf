// fix-price (issue 11) on WeChat 商品库: each 已入库 row whose HiMall price drifted from WeChat's
// gets `fix-price`; it opens WeChat's own edit for the goods (its row's 编辑; when the row has
// none, it asks the merchant to open it) and writes only the price form and prices, from
// HiMall's current price with 添加商品's price-form rules (core/price-fix.ts), then reports. The
// merchant presses 保存. `price-fix-queue` walks every drifted goods the same way, one after
// another as each is saved (its state is a `jobs` record in the worker).
import { shadowPiece, type ShadowPiece } from "~lib/dom/shadow"
import { PRICE_FIX_BAR_CSS, PRICE_FIX_DIALOG_CSS, PRICE_FIX_ROW_CSS } from "~lib/dom/sheets/price-fix"
import { planPriceFix } from "~core/price-fix"
import { formatPriceRange } from "~core/price"
import { button, el, reportStep, reportTitle } from "~lib/dom/build"
import { waitFor } from "~lib/dom/set-value"
import { t } from "~lib/i18n"
import { pagePreferences } from "~lib/language"
import type { DriftItem, PriceFixQueueState } from "~protocol/messages"
import { send } from "~lib/send"
import { editDialogText, fillEditPrices, findGoodsEditDialogs, goodsTableRows, readEditPrices } from "~sites/wechat/goods-edit"
import { SHELF_TEXT, currentShelf, findAddGoodsButton, isGoodsLibrary, readGoodsTable } from "~sites/wechat/goods-library"
import { elementsWithText, isOurs } from "~lib/dom/text"

import type { PageState } from "./registry"

/** A control in a row's 操作 cell: a host whose one light-DOM child (the control) shows through a slot. */
function rowControl(name: string, control: HTMLElement): HTMLElement {
  const { host, body } = shadowPiece("span", { "data-lh-control": name }, PRICE_FIX_ROW_CSS)
  body.append(document.createElement("slot"))
  host.append(control)
  return host
}

const DIALOG_WAIT_MS = 3000

function dialogItem(dialog: HTMLElement, items: DriftItem[]): DriftItem | null {
  const text = editDialogText(dialog)
  return items.find((i) => text.includes(i.url)) ?? items.find((i) => i.wechatName && text.includes(i.wechatName)) ?? null
}

export class PriceFixFeature {
  private items: DriftItem[] = []
  private tableSig = ""
  private bar: HTMLElement | null = null
  private barBody: HTMLElement | null = null
  private queue: { state: PriceFixQueueState | null; left: number } = { state: null, left: 0 }
  /** The goods the merchant asked to fix, until its edit dialog is filled. */
  private pending: DriftItem | null = null
  /** Goods the queue opened on this page (once each). */
  private opened = new Set<string>()
  private panels = new WeakMap<HTMLElement, ShadowPiece<"div">>()
  private filled = new WeakSet<HTMLElement>()
  private added = new Set<HTMLElement>()
  private timers = new Set<ReturnType<typeof setTimeout>>()

  /** `page.account`: the mini program whose drifted goods are asked for. */
  constructor(
    private readonly signal: AbortSignal,
    private readonly page: PageState
  ) {
    signal.addEventListener("abort", () => {
      for (const e of this.added) e.remove()
      this.added.clear()
      for (const id of this.timers) clearTimeout(id)
    })
  }

  run() {
    if (this.signal.aborted) return
    this.dialogs()
    if (!isGoodsLibrary(document)) return
    // The table is read only where drift can show: the 已入库 shelf, or while the queue runs (the
    // 未入库 shelf only needs the count, asked once when the shelf changes).
    const shelf = currentShelf(document)
    const sig = shelf === "approved" || this.queue.state === "running" ? JSON.stringify([shelf, readGoodsTable(document)]) : JSON.stringify([shelf])
    if (sig !== this.tableSig) {
      this.tableSig = sig
      // The goods library feature records the table first (goods.seen): ask now and once more after.
      void this.refresh()
      const id = setTimeout(() => (this.timers.delete(id), void this.refresh()), 1200)
      this.timers.add(id)
    }
    if (shelf === "approved") this.rowButtons()
    if (!this.bar?.isConnected && (this.items.length || this.queue.state)) this.drawBar()
  }

  private async refresh() {
    try {
      const [{ items }, queue] = await Promise.all([
        send("priceFix.list", { account: this.page.account }),
        send("priceFix.queue", { action: "get", account: this.page.account })
      ])
      if (this.signal.aborted) return
      this.items = items
      this.queue = queue
      this.rowButtons()
      this.drawBar()
      this.step()
    } catch (e) {
      console.warn("[HiMall 直播助手]", e)
    }
  }

  private track<T extends HTMLElement>(e: T): T {
    this.added.add(e)
    return e
  }

  private rowButtons() {
    if (this.signal.aborted) return
    const drifted = new Map(this.items.map((i) => [i.url, i]))
    for (const row of goodsTableRows(document)) {
      const existing = row.slot.querySelector<HTMLElement>('[data-lh="fix-price"]')
      const item = drifted.get(row.url)
      if (!item) {
        existing?.closest("[data-lh-control]")?.remove()
        continue
      }
      if (existing) continue
      const b = button("fix-price", t("price_fix"))
      b.setAttribute("data-lh-product-id", String(item.productId))
      b.title = t("price_fix_hint", [formatPriceRange(item.wechatLowFen ?? 0, item.wechatHighFen ?? 0), formatPriceRange(item.priceLowFen, item.priceHighFen)])
      b.addEventListener("click", () => void this.fix(item))
      row.slot.append(this.track(rowControl("fix-price", b)))
    }
  }

  private drawBar() {
    if (this.signal.aborted) return
    const active = this.queue.state === "running"
    if (!this.items.length && !active && this.queue.state !== "done") {
      this.bar?.remove()
      return
    }
    if (!this.bar || !this.barBody) {
      const piece = shadowPiece("div", { "data-lh-panel": "price-fix" }, PRICE_FIX_BAR_CSS)
      this.bar = this.track(piece.host)
      this.barBody = piece.body
    }
    if (!this.bar.isConnected) {
      const toolbar = findAddGoodsButton(document)?.parentElement
      if (!toolbar) return
      toolbar.after(this.bar)
    }
    const status = el("span", {
      role: "status",
      "data-lh": "price-fix-progress",
      "data-lh-state": this.queue.state ?? "idle",
      "data-lh-left": String(this.items.length)
    })
    // Running with nothing left it can open here (cancelled ones, or rows this page does not show).
    const stuck = active && this.items.length > 0 && !this.nextItem()
    status.setAttribute("data-lh-stuck", String(stuck))
    status.textContent = stuck
      ? t("price_fix_queue_stuck", String(this.items.length))
      : this.queue.state === "running"
        ? t("price_fix_queue_running", String(this.items.length))
        : this.queue.state === "done" && !this.items.length
          ? t("price_fix_queue_done")
          : t("price_fix_count", String(this.items.length))
    const control = active ? button("price-fix-queue-stop", t("price_fix_queue_stop")) : button("price-fix-queue", t("price_fix_queue"), true)
    if (!active && !this.items.length) control.disabled = true
    control.addEventListener("click", () => void this.command(active ? "stop" : "start"))
    this.barBody.replaceChildren(control, status)
  }

  private async command(action: "start" | "stop") {
    try {
      this.queue = await send("priceFix.queue", { action, account: this.page.account })
      if (action === "start") this.opened.clear()
      this.drawBar()
      this.step()
    } catch (e) {
      console.warn("[HiMall 直播助手]", e)
    }
  }

  /** The queue's next move: when running and no edit is open, fix the next drifted goods not yet opened here. */
  private step() {
    if (this.queue.state !== "running" || findGoodsEditDialogs(document).length || this.pending) return
    if (!this.items.length) {
      void this.refreshQueueState()
      return
    }
    if (currentShelf(document) !== "approved") {
      if (!this.items.some((i) => !this.opened.has(i.productKey))) return
      const tab = elementsWithText(document, SHELF_TEXT.approved).find((e) => !isOurs(e))
      tab?.click()
      return
    }
    const next = this.nextItem()
    if (!next) {
      this.drawBar()
      return
    }
    this.opened.add(next.productKey)
    void this.fix(next)
  }

  /** The next drifted goods the queue has not opened on this page and whose row is shown. */
  private nextItem(): DriftItem | null {
    const shown = new Set(goodsTableRows(document).map((r) => r.url))
    return this.items.find((i) => !this.opened.has(i.productKey) && shown.has(i.url)) ?? null
  }

  private async refreshQueueState() {
    this.queue = await send("priceFix.queue", { action: "get", account: this.page.account }).catch(() => this.queue)
    this.drawBar()
  }

  /** Open WeChat's edit for the goods (or ask the merchant to), then fill its prices. */
  async fix(item: DriftItem) {
    this.pending = item
    const row = goodsTableRows(document).find((r) => r.url === item.url)
    if (row?.edit) {
      row.edit.click()
      const dialog = await waitFor(() => findGoodsEditDialogs(document)[0] ?? null, DIALOG_WAIT_MS, { signal: this.signal })
      if (dialog) return this.fillDialog(dialog, item)
    }
    if (this.signal.aborted) return
    // No edit control found: the merchant opens WeChat's own edit; the panel fills it when it opens.
    const slot = row?.slot
    if (slot && !slot.querySelector('[data-lh="price-fix-ask"]')) {
      slot.append(this.track(rowControl("price-fix-ask", el("span", { "data-lh": "price-fix-ask" }, t("price_fix_open_edit")))))
    }
  }

  private dialogs() {
    for (const dialog of findGoodsEditDialogs(document)) {
      const panel = this.panelOf(dialog)
      const item = this.pending && dialogItem(dialog, [this.pending]) ? this.pending : null
      if (item && !this.filled.has(dialog)) void this.fillDialog(dialog, item)
      else if (!panel.childElementCount) {
        const drifted = dialogItem(dialog, this.items)
        if (drifted) {
          const b = button("fix-price", t("price_fix"), true)
          b.setAttribute("data-lh-product-id", String(drifted.productId))
          b.addEventListener("click", () => void this.fillDialog(dialog, drifted))
          panel.append(b)
        }
      }
    }
    // A dialog closed (saved or cancelled): the queue goes on.
    if (this.pending && !findGoodsEditDialogs(document).length && this.filledPending) {
      this.pending = null
      this.filledPending = false
      this.step()
    }
  }

  private filledPending = false

  /** The edit dialog's panel (made once, put right after the dialog's title): where its fix-price and report go. */
  private panelOf(dialog: HTMLElement): HTMLElement {
    let piece = this.panels.get(dialog)
    if (!piece) {
      piece = shadowPiece("div", { "data-lh-panel": "price-fix-dialog" }, PRICE_FIX_DIALOG_CSS)
      this.track(piece.host)
      this.panels.set(dialog, piece)
    }
    if (!piece.host.isConnected) {
      const title = [...dialog.children][0]
      if (title) title.after(piece.host)
      else dialog.prepend(piece.host)
    }
    return piece.body
  }

  private async fillDialog(dialog: HTMLElement, item: DriftItem) {
    if (this.filled.has(dialog) || this.signal.aborted) return
    this.filled.add(dialog)
    // Its own panel, also when the dialog opened between two passes of the page (the report never replaces the dialog's content).
    const panel = this.panelOf(dialog)
    const current = readEditPrices(dialog)
    const fix = planPriceFix({ priceLowFen: item.priceLowFen, priceHighFen: item.priceHighFen, current, priceForm: pagePreferences().defaultPriceForm })
    const report = el("div", { "data-lh": "price-fix-report", "data-lh-product-id": String(item.productId) })
    const list = el("ul", { class: "report-list" })
    let outcome: "ok" | "partial" | "failed"
    if (fix.problem) {
      outcome = "failed"
      list.append(el("li", { "data-lh-problem": fix.problem }, t(`fill_${fix.problem}`)))
    } else {
      const { steps, missing } = await fillEditPrices(dialog, fix)
      if (this.signal.aborted) return
      if (missing.length) list.append(el("li", { "data-lh-missing": missing.join("|") }, t("fill_missing_fields", missing.join("、"))))
      for (const s of steps) list.append(reportStep(s.field, s.state, s.field === "price" ? "价格" : "价格形式", t(`fill_step_${s.state}`), s.detail))
      outcome = missing.length || !steps.length ? "failed" : steps.every((s) => s.state === "filled") ? "ok" : "partial"
    }
    report.setAttribute("data-lh-outcome", outcome)
    const note = el("p", {}, outcome === "ok" ? t("price_fix_done_hint") : "")
    report.replaceChildren(reportTitle(outcome, t(`price_fix_report_${outcome}`, item.name)), list, note)
    panel.replaceChildren(report)
    if (this.pending?.productKey === item.productKey) this.filledPending = true
  }
}
