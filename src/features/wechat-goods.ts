// WeChat 商品库: read the goods table whenever it is shown (states, times, rejection reasons,
// matched to HiMall products by link in the background), give every 添加商品 dialog its
// fill panel, and run the goods queue (`queue-start`): the next product not yet in WeChat is
// filled each time the dialog opens, and the dialog is opened again after each save.
import { shadowPiece } from "~lib/dom/shadow"
import { QUEUE_BAR_CSS } from "~lib/dom/sheets/wechat-panel"
import { button } from "~lib/dom/build"
import { t } from "~lib/i18n"
import type { GoodsRowMessage, QueueAction, QueueView } from "~protocol/messages"
import { send } from "~lib/send"
import { findGoodsDialogs } from "~sites/wechat/goods-dialog"
import { currentShelf, findAddGoodsButton, isGoodsLibrary, readGoodsLibrary } from "~sites/wechat/goods-library"

import { GoodsPanel } from "./parts/goods-panel"
import { SeenSender } from "./parts/seen-sender"
import { UnreadableNote } from "./parts/unreadable-note"
import type { PageState } from "./registry"

export class GoodsLibraryFeature {
  private panels = new WeakMap<HTMLElement, GoodsPanel>()
  /** Product key filled into each open dialog by the queue. */
  private queueFilled = new WeakMap<HTMLElement, string>()
  /** Products the queue already opened the dialog for on this page (once each). */
  private opened = new Set<string>()
  private queue: QueueView | null = null
  private queueLoaded = false
  /** The queue's bar under 添加商品 (a shadow host) and the element inside it its controls go in. */
  private barHost: HTMLElement | null = null
  private bar: HTMLElement | null = null
  /** Where the queue's controls are drawn now (the bar, or the open dialog's panel). */
  private queueTarget: HTMLElement | null = null
  private unreadable = new UnreadableNote("goods")
  private readonly seen: SeenSender

  /** `stopped`: the page's root signal; answers arriving after it aborted change nothing. `page.account` goes with what is read. */
  constructor(
    private readonly stopped: AbortSignal,
    private readonly page: PageState
  ) {
    this.seen = new SeenSender(stopped, () => this.table())
  }

  run() {
    if (this.stopped.aborted) return
    this.dialogs()
    if (isGoodsLibrary(document)) {
      this.table()
      this.queueBar()
    }
    if (this.targetForQueue() !== this.queueTarget) this.renderBar()
  }

  /** While a dialog is open it covers the page: an active queue is steered from the dialog. */
  private targetForQueue(): HTMLElement | null {
    const active = this.queue && (this.queue.state === "running" || this.queue.state === "paused")
    if (active) {
      for (const dialog of findGoodsDialogs(document)) {
        const panel = this.panels.get(dialog)
        if (panel?.root.isConnected) return panel.queueSlot
      }
    }
    return this.bar
  }

  private dialogs() {
    if (this.stopped.aborted) return
    for (const dialog of findGoodsDialogs(document)) {
      let panel = this.panels.get(dialog)
      if (!panel) {
        panel = new GoodsPanel(dialog, this.stopped, () => this.page.account)
        this.panels.set(dialog, panel)
      }
      panel.mount()
      const current = this.queue?.state === "running" ? this.queue.current : null
      if (current && this.queueFilled.get(dialog) !== current.key && !panel.busy) {
        this.queueFilled.set(dialog, current.key)
        this.opened.add(current.key)
        void panel.pick(current, { originalPrice: "", crop: false })
      }
    }
  }

  private table() {
    const reading = readGoodsLibrary(document)
    if (!reading) return
    const { rows } = reading
    this.unreadable.set(reading.skipped, null)
    const shelf = currentShelf(document)
    const account = this.page.account
    const payload: GoodsRowMessage[] = rows.slice(0, 500)
    this.seen.offer(JSON.stringify([shelf, rows, account]), () => send("goods.seen", { rows: payload, shelf, account }).then((r) => this.setQueue(r.queue)))
  }

  private setQueue(q: QueueView | null) {
    if (this.stopped.aborted) return
    this.queue = q
    this.queueLoaded = true
    this.renderBar()
    this.maybeOpenNext()
  }

  /** The queue is running, no dialog is open, and the current product has not been offered yet here. */
  private maybeOpenNext() {
    const current = this.queue?.state === "running" ? this.queue.current : null
    if (!current || this.opened.has(current.key) || findGoodsDialogs(document).length) return
    const add = findAddGoodsButton(document)
    if (!add) return
    this.opened.add(current.key)
    add.click()
  }

  private async command(action: QueueAction) {
    try {
      const { queue } = await send("queue.command", { action, account: this.page.account })
      if (action === "start") this.opened.clear()
      this.setQueue(queue)
      if (action === "skip" || action === "resume") this.dialogs()
    } catch (e) {
      console.warn("[HiMall 直播助手]", e)
    }
  }

  private queueBar() {
    if (!this.bar) {
      const piece = shadowPiece("div", { "data-lh-panel": "queue" }, QUEUE_BAR_CSS)
      this.barHost = piece.host
      this.bar = piece.body
      if (!this.queueLoaded) {
        this.queueLoaded = true
        send("queue.get", {})
          .then((r) => this.setQueue(r.queue))
          .catch(() => undefined)
      }
      this.renderBar()
    }
    if (!this.bar.isConnected) {
      const add = findAddGoodsButton(document)
      const toolbar = add?.parentElement
      if (!toolbar) return
      toolbar.after(this.barHost!)
    }
  }

  private renderBar() {
    const target = this.targetForQueue()
    if (this.queueTarget && this.queueTarget !== target) this.queueTarget.replaceChildren()
    this.queueTarget = target
    if (!target) return
    const q = this.queue
    const make = (lh: string, text: string, action: QueueAction, primary = false) => {
      const b = button(lh, text, primary)
      b.addEventListener("click", () => void this.command(action))
      return b
    }
    const active = q && (q.state === "running" || q.state === "paused")
    const parts: HTMLElement[] = []
    const status = document.createElement("span")
    status.setAttribute("role", "status")
    status.setAttribute("data-lh", "queue-progress")
    if (q) {
      status.setAttribute("data-lh-state", q.state)
      status.setAttribute("data-lh-done", String(q.done))
      status.setAttribute("data-lh-total", String(q.total))
    }
    if (active && q) {
      const n = Math.min(q.done + 1, q.total)
      status.textContent = t(q.state === "paused" ? "queue_paused" : "queue_running", [String(n), String(q.total), q.current?.name ?? ""])
      parts.push(status)
      if (q.state === "running") parts.push(make("queue-pause", t("queue_pause"), "pause"))
      else parts.push(make("queue-resume", t("queue_resume"), "resume", true))
      parts.push(make("queue-skip", t("queue_skip"), "skip"), make("queue-stop", t("queue_stop"), "stop"))
    } else {
      const start = make("queue-start", t("queue_start"), "start", true)
      start.title = t("queue_start_hint")
      parts.push(start)
      if (q?.state === "done") status.textContent = t("queue_done", [String(q.total - q.skipped), String(q.skipped)])
      else if (q?.state === "stopped") status.textContent = t("queue_stopped", [String(q.done), String(q.total)])
      parts.push(status)
    }
    target.replaceChildren(...parts)
  }
}
