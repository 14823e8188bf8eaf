// Goods into rooms (issue 11) on WeChat's console: `fill-room-goods` on the goods import for a
// room ticks the room plan's goods that are 已入库 and not yet in the room (never unticking what
// the merchant ticked, never past the room's cap), searching the import's own search box and
// paging through its pages, and reports per product; the merchant presses 确定. The room's goods
// list is read wherever it is shown (`roomGoods.seen`) so the popup can say how many planned
// goods the room holds.
import { shadowPiece, tone } from "~lib/dom/shadow"
import { ROOM_GOODS_PANEL_CSS } from "~lib/dom/sheets/wechat-panel"
import { goodsStatusFromText, type GoodsStatus } from "~core/goods"
import { ROOM_GOODS_CAP, decideImport, type ImportResult, type PlannedGoods } from "~core/room-goods"
import { el, panelBar, reportTitle, say } from "~lib/dom/build"
import { setInputValue, waitFor } from "~lib/dom/set-value"
import { elementsWithText } from "~lib/dom/text"
import { t } from "~lib/i18n"
import type { PlanGoodsView } from "~protocol/messages"
import { send } from "~lib/send"
import {
  findImportDialogs,
  importCapacity,
  itemIsChecked,
  nextPage,
  previousPage,
  readImportItems,
  readRoomGoodsPage,
  searchButton,
  searchInput,
  tick,
  type ImportItem
} from "~sites/wechat/room-goods"

const PAGE_WAIT_MS = 3000
const MAX_PAGES = 50

interface Outcome {
  result: ImportResult
  state?: GoodsStatus | "none"
}

/** The room the page is about: its roomId query, else the room goods list's 房间号 / ID. */
function currentRoomId(): number | null {
  const q = Number(new URLSearchParams(location.search).get("roomId"))
  if (Number.isSafeInteger(q) && q > 0) return q
  return readRoomGoodsPage(document)?.roomId ?? null
}

const signature = (dialog: HTMLElement) =>
  readImportItems(dialog)
    .map((i) => i.text)
    .join("|")

/**
 * Is this import item the planned goods? Its link in the item's text; else an element reading
 * exactly WeChat's (or HiMall's) name; else the name as a whole word of the item's text (ending
 * at a space, a price or the end: 羊毛大衣 is not 羊毛大衣加厚), unless a longer planned name
 * that holds it is there too.
 */
function matches(item: ImportItem, g: PlannedGoods, all: readonly PlannedGoods[] = []): boolean {
  if (g.url && item.text.includes(g.url)) return true
  const names = [g.wechatName, g.name].filter((n): n is string => !!n)
  if (!names.length) return false
  if (elementsWithText(item.box, names).length > 0) return true
  const longer = all.flatMap((o) => [o.wechatName, o.name]).filter((n): n is string => !!n && names.some((m) => n !== m && n.includes(m)))
  const whole = (n: string) => new RegExp(`(^|\\s)${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=$|\\s|[¥￥(（])`).test(item.text)
  return names.some((n) => n.length >= 2 && whole(n)) && !longer.some((n) => item.text.includes(n))
}

/** One import dialog's panel: the plan choice, the button and the report. */
class ImportPanel {
  readonly root: HTMLElement
  private readonly body: HTMLElement
  private readonly status: HTMLElement
  private readonly choice: HTMLSelectElement
  private readonly report: HTMLElement
  private plans: PlanGoodsView[] = []
  busy = false

  constructor(
    private readonly dialog: HTMLElement,
    private readonly signal: AbortSignal
  ) {
    const piece = shadowPiece("div", { "data-lh-panel": "room-goods" }, ROOM_GOODS_PANEL_CSS)
    this.root = piece.host
    this.body = piece.body
    const { bar, status } = panelBar("fill-room-goods", t("room_goods_fill"), t("room_goods_fill_hint"), () => void this.fill())
    this.status = status
    this.choice = el("select", { "data-lh": "room-goods-plan", "aria-label": t("room_goods_plan") })
    this.choice.hidden = true
    bar.insertBefore(this.choice, status)
    this.report = el("div", { "data-lh": "room-goods-report" })
    this.report.hidden = true
    this.body.append(bar, this.report)
    void this.load()
  }

  mount() {
    if (this.root.isConnected) return
    const title = elementsWithText(this.dialog, ["导入商品", "选择商品", "添加直播商品", "商品导入", "关联商品", "导入直播商品"])[0]
    const row = title ? [...this.dialog.children].find((c) => c.contains(title)) : null
    if (row) row.after(this.root)
    else this.dialog.prepend(this.root)
  }

  private async load() {
    try {
      const { plans } = await send("roomGoods.context", { roomId: currentRoomId() })
      this.plans = plans
    } catch (e) {
      say(this.status, t("fill_no_extension"), "error")
      console.warn("[HiMall 直播助手]", e)
      return
    }
    this.choice.replaceChildren(
      ...this.plans.map((p) => el("option", { value: String(p.planId) }, `${p.name || t("room_plan_untitled")}（${p.goods.length}）`))
    )
    this.choice.hidden = this.plans.length < 2
    if (!this.plans.length) say(this.status, t("room_goods_no_plan"), "warn")
  }

  private async fill() {
    if (this.busy || this.signal.aborted) return
    if (!this.plans.length) await this.load()
    const plan = this.plans.find((p) => String(p.planId) === this.choice.value) ?? this.plans[0]
    if (!plan) return
    this.busy = true
    say(this.status, t("room_goods_busy"))
    try {
      const outcomes = await this.run(plan)
      if (!this.signal.aborted) this.show(plan, outcomes)
    } finally {
      this.busy = false
    }
  }

  private async run(plan: PlanGoodsView): Promise<Map<string, Outcome>> {
    const out = new Map<string, Outcome>()
    const pending: PlannedGoods[] = []
    for (const g of plan.goods) {
      if (g.state !== "approved") out.set(g.productKey, { result: "not_approved", state: g.state })
      else pending.push(g)
    }
    // How many more the room takes: the import's own count, else the cap less what the room holds.
    const roomCount = plan.goods.filter((g) => g.inRoom).length
    let left = importCapacity(this.dialog) ?? ROOM_GOODS_CAP - roomCount
    const merchantTicked = new Set<string>()
    const processPage = async () => {
      for (const item of readImportItems(this.dialog)) {
        // Stopped (the page went away, the extension was updated): nothing more is ticked or clicked.
        if (this.signal.aborted) return
        const g = pending.find((p) => !out.has(p.productKey) && matches(item, p, plan.goods))
        if (!g) {
          if (item.checked && !item.disabled && !merchantTicked.has(item.text)) {
            merchantTicked.add(item.text)
            left--
          }
          continue
        }
        const d = decideImport(item, left, goodsStatusFromText)
        if (d.result === ("tick" as ImportResult)) {
          // A framework draws the tick a moment after the click.
          const ok = tick(item) || !!(await waitFor(() => itemIsChecked(item), 1000, { signal: this.signal }))
          if (ok) left--
          out.set(g.productKey, { result: ok ? "ticked" : "failed" })
        } else {
          if (d.result === "already_ticked") left--
          out.set(g.productKey, { result: d.result, state: d.state })
        }
      }
    }
    const unresolved = () => pending.filter((g) => !out.has(g.productKey))
    const walkPages = async () => {
      await processPage()
      for (let n = 0; n < MAX_PAGES && unresolved().length && !this.signal.aborted; n++) {
        const next = nextPage(this.dialog)
        if (!next) break
        const before = signature(this.dialog)
        next.click()
        if (!(await waitFor(() => signature(this.dialog) !== before, PAGE_WAIT_MS, { signal: this.signal }))) break
        await processPage()
      }
    }
    // Let the list load first.
    await waitFor(() => readImportItems(this.dialog).length > 0, PAGE_WAIT_MS, { signal: this.signal })
    await walkPages()
    const input = searchInput(this.dialog)
    if (input && unresolved().length) {
      for (const g of unresolved()) {
        if (this.signal.aborted) break
        await this.search(input, g.wechatName ?? g.name)
        await waitFor(() => readImportItems(this.dialog).some((i) => matches(i, g)), PAGE_WAIT_MS, { signal: this.signal })
        await walkPages()
      }
      // Leave the list as the merchant had it: no search, first page.
      if (!this.signal.aborted) await this.search(input, "")
      for (let n = 0; n < MAX_PAGES && !this.signal.aborted; n++) {
        const prev = previousPage(this.dialog)
        if (!prev) break
        const before = signature(this.dialog)
        prev.click()
        if (!(await waitFor(() => signature(this.dialog) !== before, PAGE_WAIT_MS, { signal: this.signal }))) break
      }
    }
    for (const g of unresolved()) out.set(g.productKey, { result: "not_found" })
    return out
  }

  /** Type into the import's own search box and run it (its button, else Enter; some search as one types). */
  private async search(input: HTMLInputElement, text: string) {
    const before = signature(this.dialog)
    setInputValue(input, text)
    const b = searchButton(this.dialog)
    if (b) b.click()
    else {
      input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", keyCode: 13, bubbles: true }))
      input.dispatchEvent(new KeyboardEvent("keyup", { key: "Enter", code: "Enter", keyCode: 13, bubbles: true }))
    }
    await waitFor(() => signature(this.dialog) !== before, PAGE_WAIT_MS, { signal: this.signal })
  }

  private show(plan: PlanGoodsView, outcomes: Map<string, Outcome>) {
    const counts: Record<string, number> = {}
    for (const o of outcomes.values()) counts[o.result] = (counts[o.result] ?? 0) + 1
    const approved = plan.goods.filter((g) => g.state === "approved").length
    const done = (counts.ticked ?? 0) + (counts.already_ticked ?? 0) + (counts.in_room ?? 0)
    const outcome = !readImportItems(this.dialog).length && approved > 0 ? "failed" : done >= approved ? "ok" : "partial"
    this.report.hidden = false
    this.report.setAttribute("data-lh-outcome", outcome)
    this.report.setAttribute("data-lh-plan-id", String(plan.planId))
    this.report.setAttribute("data-lh-ticked", String(counts.ticked ?? 0))
    const title = reportTitle(outcome, t(`room_goods_report_${outcome}`, [String(counts.ticked ?? 0), String(plan.goods.length)]))
    const list = el("ul", { class: "report-list" })
    for (const g of plan.goods) {
      const o = outcomes.get(g.productKey) ?? { result: "not_found" as ImportResult }
      const state = o.state ? t(`goods_status_${o.state}`) : ""
      const li = el(
        "li",
        {
          "data-lh-room-goods-item": g.productKey,
          "data-lh-product-id": String(g.productId ?? ""),
          "data-lh-result": o.result,
          ...(o.state ? { "data-lh-state": o.state } : {})
        },
        `${g.name}：${t(`room_goods_result_${o.result}`, state)}`
      )
      tone(li, o.result === "ticked" || o.result === "in_room" || o.result === "already_ticked" ? "text" : "error")
      list.append(li)
    }
    this.report.replaceChildren(title, list)
    say(this.status, outcome === "failed" ? t("room_goods_empty_list") : t("room_goods_confirm_hint"), outcome === "ok" ? "ok" : "muted")
  }
}

/** The import panels and the room goods reader, for every console page and frame. */
export class RoomGoodsFeature {
  private panels = new WeakMap<HTMLElement, ImportPanel>()
  private mounted = new Set<ImportPanel>()
  private lastSeen = ""
  private inFlight = false

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener("abort", () => {
      for (const p of this.mounted) p.root.remove()
      this.mounted.clear()
    })
  }

  run() {
    if (this.signal.aborted) return
    for (const dialog of findImportDialogs(document)) {
      let panel = this.panels.get(dialog)
      if (!panel) {
        panel = new ImportPanel(dialog, this.signal)
        this.panels.set(dialog, panel)
        this.mounted.add(panel)
      }
      panel.mount()
    }
    this.readRoom()
  }

  private readRoom() {
    const page = readRoomGoodsPage(document)
    if (!page) return
    const sig = JSON.stringify(page)
    if (sig === this.lastSeen || this.inFlight) return
    this.inFlight = true
    send("roomGoods.seen", { roomId: page.roomId, items: page.items.slice(0, 500), complete: page.complete })
      .then(() => (this.lastSeen = sig))
      .catch((e) => console.warn("[HiMall 直播助手]", e))
      .finally(() => (this.inFlight = false))
  }
}
