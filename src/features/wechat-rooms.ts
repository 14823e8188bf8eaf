// WeChat 直播间管理 and 创建直播间: the room list is read whenever it is shown (name, anchor,
// times, status; rooms deleted on WeChat marked gone in the background), and every 创建直播间
// form gets a `fill-room` panel: the merchant's room plans (`pick-plan`), WeChat's rules checked
// first (a plan that breaks one is refused with its reasons, nothing written), then the fill
// with both images made to size, and a `room-report` saying field by field what was written.
// The merchant presses 创建直播间 — and scans the administrator's QR code if WeChat asks.
import { shadowPiece, type Tone } from "~lib/dom/shadow"
import { ROOMS_PANEL_CSS } from "~lib/dom/sheets/wechat-panel"
import { formatRoomTime, problemField, roomFormValues, roomPlanProblems, type RoomProblem } from "~core/room-rules"
import { button, el, entryText, panelBar, reportStep, reportTitle, say } from "~lib/dom/build"
import { dataUrlToFile } from "~lib/dom/set-value"
import { isOurs } from "~lib/dom/text"
import { errorText, t } from "~lib/i18n"
import type { RoomPlanView } from "~protocol/messages"
import { ProtocolError } from "~protocol/errors"
import { send } from "~lib/send"
import { sendWithRetry } from "~lib/send-retry"
import { adminCheckShown } from "~sites/wechat/console"
import { FIELD_TEXT, collectRoomForm, fillRoomForm, findRoomForms, missingRoomFields, type RoomFillResult } from "~sites/wechat/room-form"
import { readRoomList } from "~sites/wechat/room-list"

import { recordFill } from "./parts/fill-record"
import { SeenSender } from "./parts/seen-sender"
import { UnreadableNote } from "./parts/unreadable-note"
import type { PageState } from "./registry"

function roomProblemText(p: RoomProblem): string {
  return t(`room_problem_${p}`)
}

/** The rules a plan breaks now (times at this moment: a plan may have become too soon). */
function planProblemsNow(plan: RoomPlanView, now = Date.now()): RoomProblem[] {
  return roomPlanProblems(plan, now)
}

export class RoomsFeature {
  private panels = new WeakMap<HTMLElement, RoomPanel>()
  private unreadable = new UnreadableNote("rooms")
  private readonly seen: SeenSender

  /** `stopped`: the page's root signal; nothing is read or drawn once it aborted. `page.account` goes with what is read. */
  constructor(
    private readonly stopped: AbortSignal,
    private readonly page: PageState
  ) {
    this.seen = new SeenSender(stopped, () => this.list())
  }

  run() {
    if (this.stopped.aborted) return
    this.list()
    for (const form of findRoomForms(document)) {
      let panel = this.panels.get(form)
      if (!panel) {
        panel = new RoomPanel(form, this.stopped)
        this.panels.set(form, panel)
      }
      panel.mount()
      panel.watch()
    }
  }

  private list() {
    const reading = readRoomList(document)
    if (!reading) return
    // Rows shown but not understood are told, never dropped in silence.
    this.unreadable.set(reading.skipped, null)
    const account = this.page.account
    this.seen.offer(JSON.stringify([reading, account]), () =>
      send("rooms.seen", { rooms: reading.rooms.slice(0, 500), complete: reading.complete && reading.rooms.length <= 500, account })
    )
  }
}

/** One 创建直播间 form's panel: the button, the plan picker and the report. */
export class RoomPanel {
  readonly root: HTMLElement
  private readonly body: HTMLElement
  private readonly status: HTMLElement
  private readonly picker: HTMLElement
  private readonly list: HTMLElement
  private readonly report: HTMLElement
  private readonly note: HTMLElement
  busy = false

  /** `stopped`: the page's root signal; once it aborted nothing is written into the form. */
  constructor(
    private readonly form: HTMLElement,
    private readonly stopped: AbortSignal
  ) {
    const piece = shadowPiece("div", { "data-lh-panel": "rooms" }, ROOMS_PANEL_CSS)
    this.root = piece.host
    this.body = piece.body
    const { bar, status } = panelBar("fill-room", t("fill_room"), t("fill_room_hint"), () => void this.togglePicker())
    this.status = status

    const bind = el("p", { "data-lh-anchor-binding": "", class: "bound" }, t("room_anchor_binding"))

    this.picker = el("div", { "data-lh-plan-picker": "", role: "region", "aria-label": t("fill_room") })
    this.picker.hidden = true
    this.list = el("ul", { class: "list" })
    this.picker.append(this.list)

    this.report = el("div", { "data-lh": "room-report" })
    this.report.hidden = true
    this.note = el("p", { "data-lh-room-note": "", class: "bound" })
    this.note.hidden = true

    this.body.append(bar, bind, this.picker, this.report, this.note)
  }

  /** Right before the form's fields (after its title), once. */
  mount() {
    if (this.root.isConnected) return
    const title = [...this.form.querySelectorAll<HTMLElement>("*")].find(
      (e) => !isOurs(e) && e.children.length === 0 && (e.textContent ?? "").trim() === "创建直播间" && !e.closest("button, a, [role=button]")
    )
    let row: HTMLElement | null = title ?? null
    while (row && row.parentElement !== this.form) row = row.parentElement
    if (row) row.after(this.root)
    else this.form.prepend(this.root)
  }

  /** Say what the page asks of the merchant after 创建直播间: the admin's scan, a verified anchor. */
  watch() {
    let note = ""
    if (adminCheckShown(document)) note = t("room_admin_check")
    else if (/300036|未实名/.test(this.form.textContent ?? "")) note = t("room_anchor_unverified")
    if (this.note.textContent !== note) {
      this.note.textContent = note
      this.note.hidden = !note
    }
  }

  private say(text: string, how?: Tone) {
    say(this.status, text, how)
  }

  private async togglePicker() {
    this.picker.hidden = !this.picker.hidden
    if (!this.picker.hidden) await this.refresh()
  }

  async refresh() {
    let plans: RoomPlanView[]
    try {
      plans = (await send("plans.list", {})).plans
    } catch (e) {
      this.say(errorText(e), "error")
      console.warn("[HiMall 直播助手]", e)
      return
    }
    this.list.replaceChildren()
    if (!plans.length) {
      const empty = el("li", { "data-lh-plan-empty": "", class: "empty" }, t("room_plans_empty"))
      this.list.append(empty)
      return
    }
    for (const p of plans) this.list.append(this.entry(p))
  }

  private entry(p: RoomPlanView): HTMLElement {
    const li = el("li", { "data-lh-plan-entry": String(p.id), class: "entry" })
    const when = p.start && p.end ? `${formatRoomTime(p.start)} 至 ${formatRoomTime(p.end)}` : t("room_plan_no_time")
    const text = entryText(p.title || t("room_plan_untitled"), p.title, `${when} · ${p.anchorName || "—"}（${p.anchorWechat || "—"}）`)
    const problems = planProblemsNow(p)
    if (problems.length) {
      const warn = el("div", { "data-lh-plan-problems": problems.join(" "), class: "warn-line" }, problems.map(roomProblemText).join(t("list_separator")))
      text.append(warn)
    }
    const pick = button("pick-plan", t("room_pick"))
    pick.setAttribute("data-lh-plan-id", String(p.id))
    pick.addEventListener("click", () => void this.pick(p.id))
    li.append(text, pick)
    return li
  }

  /** Check WeChat's rules and the form, then fill. Nothing is written when either fails. */
  async pick(planId: number): Promise<RoomFillResult | null> {
    if (this.busy) return null
    this.busy = true
    try {
      let prepared
      try {
        prepared = await send("plan.prepare", { planId })
      } catch (e) {
        this.say(e instanceof ProtocolError && e.code === "no_such_plan" ? t("room_plan_gone") : errorText(e), "error")
        return null
      }
      if (this.stopped.aborted) return null
      const { plan } = prepared
      const problems = planProblemsNow(plan)
      if (problems.length || plan.start == null || plan.end == null) {
        this.showRefusal(plan, problems)
        return null
      }
      const fields = collectRoomForm(this.form)
      const missing = missingRoomFields(fields, { shareImage: !!prepared.shareImage, roomCover: !!prepared.roomCover })
      if (missing.length) {
        this.showReport({ outcome: "failed", steps: [], missing }, plan)
        this.say(t("fill_refused"), "error")
        return null
      }
      this.say(t("room_fill_busy", plan.title))
      const values = roomFormValues({ ...plan, start: plan.start, end: plan.end })
      const result = await fillRoomForm(this.form, {
        ...values,
        shareImage: prepared.shareImage ? dataUrlToFile(prepared.shareImage.dataUrl, prepared.shareImage.name) : null,
        roomCover: prepared.roomCover ? dataUrlToFile(prepared.roomCover.dataUrl, prepared.roomCover.name) : null
      })
      this.showReport(result, plan)
      this.picker.hidden = true
      const record = () => sendWithRetry("plan.filled", { planId, outcome: result.outcome })
      await recordFill(this.status, result.outcome, "plan.filled", record, {
        notRecorded: (reason) => t("room_fill_not_recorded", reason),
        done: t("room_fill_done_hint")
      })
      return result
    } finally {
      this.busy = false
    }
  }

  private showRefusal(plan: RoomPlanView, problems: RoomProblem[]) {
    this.report.hidden = false
    this.report.setAttribute("data-lh-outcome", "failed")
    this.report.setAttribute("data-lh-plan-id", String(plan.id))
    this.report.setAttribute("data-lh-refused", problems.join(" "))
    const title = reportTitle("failed", t("room_refused"))
    const list = el("ul", { class: "report-list", "data-tone": "error" })
    for (const p of problems) {
      list.append(el("li", { "data-lh-problem": p }, `${FIELD_TEXT[problemField(p)]}：${roomProblemText(p)}`))
    }
    this.report.replaceChildren(title, list)
    this.say(t("fill_refused"), "error")
  }

  private showReport(result: RoomFillResult, plan: RoomPlanView) {
    this.report.hidden = false
    this.report.setAttribute("data-lh-outcome", result.outcome)
    this.report.setAttribute("data-lh-plan-id", String(plan.id))
    this.report.removeAttribute("data-lh-refused")
    const title = reportTitle(result.outcome, t(`fill_report_${result.outcome}`))
    const list = el("ul", { class: "report-list" })
    if (result.missing.length) list.append(el("li", { "data-lh-missing": result.missing.join("|") }, t("room_missing_fields", result.missing.join("、"))))
    for (const s of result.steps) {
      const detail = s.field === "shareImage" ? "800×640" : s.field === "roomCover" ? "1080×1920" : s.detail
      list.append(reportStep(s.field, s.state, FIELD_TEXT[s.field], t(`fill_step_${s.state}`), detail))
    }
    const parts: HTMLElement[] = [title, list]
    if (result.outcome !== "failed") {
      const bound = el("p", { "data-lh-anchor-bound": plan.anchorWechat, class: "bound" }, t("room_anchor_bound", plan.anchorWechat))
      parts.push(bound)
    }
    this.report.replaceChildren(...parts)
  }
}
