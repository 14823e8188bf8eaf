// A part (no feature; the goods library feature, wechat-goods.ts, gives every 添加商品 dialog
// one): `fill-goods` opens a picker of captured products; `pick-product` checks WeChat's rules
// first (a name to shorten is offered for the merchant to edit, never cut silently), gets the
// 200×200 cover from the background, and runs the fill script; the `fill-report` then says
// field by field what was written and what was not, and why.
import { shadowPiece, tone, type Tone } from "~lib/dom/shadow"
import { GOODS_PANEL_CSS } from "~lib/dom/sheets/wechat-panel"
import { planGoods, planProblems, textUnits, goodsNameProblem, GOODS_NAME_MAX_UNITS, type GoodsPlan } from "~core/goods"
import { formatPriceRange } from "~core/price"
import { button, el, entryText, panelBar, reportStep, reportTitle, say } from "~lib/dom/build"
import { dataUrlToFile } from "~lib/dom/set-value"
import { errorText, t } from "~lib/i18n"
import { pagePreferences } from "~lib/language"
import type { CoverAnswer, GoodsCandidate } from "~protocol/messages"
import { ProtocolError } from "~protocol/errors"
import { send } from "~lib/send"
import { sendWithRetry } from "~lib/send-retry"
import { risksOf } from "~core/goods-risk"
import { collectGoodsDialog, fieldLabel, fillGoodsDialog, missingFields, type FillResult, type GoodsFillPlan } from "~sites/wechat/goods-dialog"

import { recordFill } from "./fill-record"
import { showRisks } from "./goods-risks"

const PICKER_LIMIT = 50

function statusLabel(c: Pick<GoodsCandidate, "goodsStatus">): string {
  return c.goodsStatus ? t(`goods_status_${c.goodsStatus}`) : t("goods_status_none")
}

/** What the merchant chose in the picker besides the product. */
interface PickOptions {
  originalPrice: string
  crop: boolean
}

/** One dialog's panel: the button, the picker, the name fix and the report. */
export class GoodsPanel {
  readonly root: HTMLElement
  private readonly body: HTMLElement
  private readonly status: HTMLElement
  private readonly picker: HTMLElement
  private readonly list: HTMLElement
  private readonly search: HTMLInputElement
  private readonly original: HTMLInputElement
  private readonly crop: HTMLInputElement
  private readonly fix: HTMLElement
  private readonly report: HTMLElement
  /** Where the goods queue shows its progress and controls while this dialog is open. */
  readonly queueSlot: HTMLElement
  private searchSeq = 0
  busy = false

  /**
   * `stopped`: the page's root signal (once it aborted nothing is written into the dialog);
   * `account`: the mini program the page shows now (the page state), sent with the picker's search.
   */
  constructor(
    private readonly dialog: HTMLElement,
    private readonly stopped: AbortSignal,
    private readonly account: () => string | null
  ) {
    const piece = shadowPiece("div", { "data-lh-panel": "goods" }, GOODS_PANEL_CSS)
    this.root = piece.host
    this.body = piece.body
    this.queueSlot = el("div", { "data-lh-queue-slot": "", class: "bar" })
    const { bar, status } = panelBar("fill-goods", t("fill_goods"), t("fill_goods_hint"), () => void this.togglePicker())
    this.status = status

    this.picker = el("div", { "data-lh-picker": "", role: "region", "aria-label": t("fill_goods") })
    this.picker.hidden = true
    const tools = el("div", { class: "tools" })
    this.search = el("input", { type: "search", "data-lh": "picker-search", placeholder: t("picker_search"), "aria-label": t("picker_search") })
    this.search.addEventListener("input", () => void this.refresh())
    const originalLabel = el("label", {}, t("picker_original_price"))
    this.original = el("input", { type: "text", inputmode: "decimal", "data-lh": "original-price", placeholder: t("picker_original_placeholder") })
    originalLabel.append(this.original)
    const cropLabel = el("label")
    this.crop = el("input", { type: "checkbox", "data-lh": "cover-crop" })
    cropLabel.append(this.crop, document.createTextNode(` ${t("picker_cover_crop")}`))
    tools.append(this.search, originalLabel, cropLabel)
    this.list = el("ul", { "data-lh-picker-list": "", class: "list" })
    // Goods added in the console can never be managed through WeChat's API afterwards (300011):
    // a merchant whose HiMall pushes goods by API should know before adding by hand.
    const apiNote = el("p", { "data-lh-note": "api-300011" }, t("fill_console_note"))
    this.picker.append(tools, this.list, apiNote)

    this.fix = el("div", { "data-lh-name-fix": "" })
    this.fix.hidden = true

    this.report = el("div", { "data-lh": "fill-report" })
    this.report.hidden = true

    this.body.append(this.queueSlot, bar, this.picker, this.fix, this.report)
  }

  /** Put the panel right under the dialog's title row (or first in the dialog). */
  mount() {
    if (this.root.isConnected) return
    const titleRow = [...this.dialog.children].find((c) => /添加商品/.test(c.textContent ?? "") && !/商品名称/.test(c.textContent ?? ""))
    if (titleRow) titleRow.after(this.root)
    else this.dialog.prepend(this.root)
  }

  private say(text: string, how?: Tone) {
    say(this.status, text, how)
  }

  private async togglePicker() {
    this.picker.hidden = !this.picker.hidden
    if (!this.picker.hidden) {
      await this.refresh()
      this.search.focus()
    }
  }

  private async refresh() {
    const seq = ++this.searchSeq
    let answer: { total: number; items: GoodsCandidate[] }
    try {
      answer = await send("goods.candidates", { query: this.search.value, limit: PICKER_LIMIT, account: this.account() })
    } catch (e) {
      this.say(errorText(e), "error")
      console.warn("[HiMall 直播助手]", e)
      return
    }
    if (seq !== this.searchSeq) return
    this.list.replaceChildren()
    if (answer.items.length === 0) {
      const empty = el("li", { "data-lh-picker-empty": "", class: "empty" }, this.search.value ? t("picker_no_match") : t("picker_empty"))
      this.list.append(empty)
      return
    }
    for (const c of answer.items) this.list.append(this.entry(c))
    if (answer.total > answer.items.length) {
      const more = el("li", { class: "more" }, t("picker_more", [String(answer.items.length), String(answer.total)]))
      this.list.append(more)
    }
    // Make the likely next covers while the merchant looks.
    const next = answer.items.filter((c) => !c.goodsStatus && c.imageUrl).slice(0, 5)
    if (next.length) void send("cover.warm", { productKeys: next.map((c) => c.key) }).catch(() => undefined)
  }

  private entry(c: GoodsCandidate): HTMLElement {
    const li = el("li", { "data-lh-picker-entry": String(c.productId), class: "entry" })
    const text = entryText(c.name, c.name, `￥${formatPriceRange(c.priceLowFen, c.priceHighFen)} · ID ${c.productId}`)
    const badge = el("span", { "data-lh-goods-status": c.goodsStatus ?? "none" }, statusLabel(c))
    if (c.rejectReason) badge.title = c.rejectReason
    const pick = button("pick-product", c.goodsStatus ? t("picker_added") : t("picker_pick"))
    pick.setAttribute("data-lh-product-id", String(c.productId))
    pick.setAttribute("data-lh-product-key", c.key)
    // Already in WeChat's library (or on its way): adding it again would make a duplicate.
    if (c.goodsStatus) {
      pick.disabled = true
      pick.title = t("picker_already", statusLabel(c))
    }
    pick.addEventListener("click", () => void this.pick(c, { originalPrice: this.original.value, crop: this.crop.checked }))
    li.append(text, badge, pick)
    return li
  }

  /** Check, then fill (or ask for a name first). */
  async pick(c: GoodsCandidate, opts: PickOptions, nameOverride?: string): Promise<FillResult | null> {
    if (this.busy) return null
    const plan = planGoods({
      name: nameOverride ?? c.name,
      priceLowFen: c.priceLowFen,
      priceHighFen: c.priceHighFen,
      link: c.link,
      originalPrice: opts.originalPrice,
      priceForm: pagePreferences().defaultPriceForm
    })
    // The cover is asked for at once: it is made while the merchant reads any problem.
    const cover = send("goods.prepare", { productKey: c.key, fit: opts.crop ? "crop" : null }).then(
      (r) => r.cover,
      (e): CoverAnswer => ({ ok: false, problem: e instanceof ProtocolError && e.code === "no_such_product" ? "product_gone" : "no_extension" })
    )
    // WeChat's review words and HiMall's sale / audit status, before anything is written (issue 11).
    const risks = risksOf(c, plan.name)
    if (risks.length) {
      showRisks(this.report, this.fix, c, risks, (name) => void this.pick(c, opts, name))
      this.say(t("fill_refused"), "error")
      return null
    }
    if (plan.nameProblem) {
      this.askName(c, opts, plan)
      return null
    }
    const problems = planProblems(plan)
    if (problems.length) {
      this.showRefusal(plan)
      return null
    }
    // Before anything is written: does the dialog have every field we need?
    const missing = missingFields(collectGoodsDialog(this.dialog), { priceType: plan.priceType, cover: null })
    if (missing.length) {
      this.showReport({ outcome: "failed", steps: [], missing }, c)
      return null
    }
    this.busy = true
    this.fix.hidden = true
    this.say(t("fill_busy", c.name))
    try {
      const answer = await cover
      if (this.stopped.aborted) return null
      const fillPlan: GoodsFillPlan = {
        cover: answer.ok ? dataUrlToFile(answer.dataUrl, answer.name) : null,
        coverProblem: answer.ok ? null : coverProblemText(answer.problem),
        name: plan.name,
        priceType: plan.priceType,
        price: plan.price,
        price2: plan.price2,
        url: plan.url
      }
      const result = await fillGoodsDialog(this.dialog, fillPlan)
      this.showReport(result, c, answer)
      this.picker.hidden = true
      // What was filled is what price drift is later judged against: a lost record is said.
      const record = () =>
        sendWithRetry("goods.filled", { productKey: c.key, outcome: result.outcome, priceType: plan.priceType, price: plan.price, price2: plan.price2 })
      await recordFill(this.status, result.outcome, "goods.filled", record, {
        notRecorded: (reason) => t("fill_not_recorded", reason),
        done: t("fill_done_hint")
      })
      return result
    } finally {
      this.busy = false
    }
  }

  /** The name breaks WeChat's length rule: offer an editable suggestion; nothing is written yet. */
  private askName(c: GoodsCandidate, opts: PickOptions, plan: GoodsPlan) {
    this.fix.replaceChildren()
    this.fix.hidden = false
    const why = el(
      "p",
      { "data-lh-name-problem": plan.nameProblem ?? "" },
      t(`fill_${plan.nameProblem}`, [c.name, String(Math.ceil(textUnits(plan.name) / 2))])
    )
    const row = el("div", { class: "fix-row" })
    const input = el("input", { type: "text", "data-lh": "name-edit", "aria-label": t("fill_name_edit") })
    input.value = plan.suggestedName ?? plan.name
    const counter = el("span", { "data-lh-name-counter": "" })
    const confirm = button("fill-confirm", t("fill_name_confirm"), true)
    const cancel = button("fill-cancel", t("fill_cancel"))
    const update = () => {
      const units = textUnits(input.value.trim())
      counter.textContent = `${Math.ceil(units / 2)}/${GOODS_NAME_MAX_UNITS / 2}`
      const problem = goodsNameProblem(input.value)
      tone(counter, problem ? "error" : "muted")
      confirm.disabled = problem !== null
      confirm.title = problem ? t(`fill_${problem}_short`) : ""
    }
    input.addEventListener("input", update)
    update()
    confirm.addEventListener("click", () => void this.pick(c, opts, input.value.trim()))
    cancel.addEventListener("click", () => (this.fix.hidden = true))
    row.append(input, counter, confirm, cancel)
    this.fix.append(why, row)
    this.say(t("fill_needs_name"), "warn")
    input.focus()
  }

  private showRefusal(plan: GoodsPlan) {
    const steps: FillResult["steps"] = []
    if (plan.priceProblem) steps.push({ field: "price", state: "failed", detail: t(`fill_${plan.priceProblem}`) })
    if (plan.urlProblem) steps.push({ field: "url", state: "failed", detail: t(`problem_${plan.urlProblem}`) })
    this.showReport({ outcome: "failed", steps, missing: [] }, null)
    this.say(t("fill_refused"), "error")
  }

  showReport(result: FillResult, c: GoodsCandidate | null, cover?: CoverAnswer) {
    this.report.hidden = false
    this.report.setAttribute("data-lh-outcome", result.outcome)
    this.report.removeAttribute("data-lh-refused")
    if (c) this.report.setAttribute("data-lh-product-id", String(c.productId))
    else this.report.removeAttribute("data-lh-product-id")
    const title = reportTitle(result.outcome, t(`fill_report_${result.outcome}`))
    const list = el("ul", { class: "report-list" })
    if (result.missing.length) {
      const li = el("li", { "data-lh-missing": result.missing.join("|") }, t("fill_missing_fields", result.missing.join("、")))
      list.append(li)
    }
    for (const s of result.steps) {
      let detail = s.detail
      if (s.field === "cover" && s.state === "filled" && cover?.ok) detail = `${cover.width}×${cover.height}，${Math.ceil(cover.bytes / 1024)} KB`
      list.append(reportStep(s.field, s.state, fieldLabel(s.field), t(`fill_step_${s.state}`), detail))
    }
    this.report.replaceChildren(title, list)
  }
}

function coverProblemText(problem: string): string {
  const text = t(`cover_problem_${problem}`)
  return text === `cover_problem_${problem}` ? t("cover_problem_unknown", problem) : text
}
