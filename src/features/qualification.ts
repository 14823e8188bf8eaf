// Step 一 on the WeChat console: record what the page shows about live streaming (no 直播 under
// 功能, 直播 not opened yet, opened) with the time seen, and point the merchant to WeChat's
// terms when live is not opened. Consent is the merchant's: the extension never ticks
// 我已阅读并同意遵守以上条款 nor presses 申请开通.
import { shadowPiece } from "~lib/dom/shadow"
import { QUALIFICATION_CSS } from "~lib/dom/sheets/wechat-panel"
import { t } from "~lib/i18n"
import type { QualificationSignal } from "~protocol/messages"
import { send } from "~lib/send"
import { CONSENT_TEXT, findButton, findConsentBox, findTerms, INTRO_TEXTS, OPEN_BUTTON, qualificationSignal, shownText } from "~sites/wechat/console"

import type { PageState } from "./registry"

export class QualificationFeature {
  private sent: QualificationSignal | null = null
  private inFlight = false
  private panel: HTMLElement | null = null
  private panelState = ""

  /** `stopped`: the page's root signal; on abort the outlines this feature drew are taken away. `page.account` goes with what is read. */
  constructor(
    private readonly stopped: AbortSignal,
    private readonly page: PageState
  ) {}

  run() {
    if (this.stopped.aborted) return
    const signal = qualificationSignal(document)
    if (signal && signal !== this.sent && !this.inFlight) {
      this.inFlight = true
      const account = this.page.account
      send("qualification.seen", account ? { signal, account } : { signal })
        .then(() => (this.sent = signal))
        .catch((e) => console.warn("[HiMall 直播助手]", e))
        .finally(() => (this.inFlight = false))
    }
    this.render(signal)
  }

  /** A note next to 开通 or the terms: what the state is and what the merchant does next. */
  private render(signal: QualificationSignal | null) {
    const terms = findTerms(document)
    const open = findButton(document, OPEN_BUTTON)
    const onLivePage = !!terms || !!open
    const state = onLivePage && (signal === "not_opened" || signal === "unqualified") ? `${signal}|${terms ? "terms" : "intro"}` : ""
    if (!state) {
      this.panel?.remove()
      this.panelState = ""
      return
    }
    const anchor = terms ?? open!
    if (this.panel?.isConnected && this.panelState === state) return
    this.panel?.remove()
    this.panelState = state
    this.panel = this.build(signal!, !!terms)
    // Before the block the merchant reads: the terms with their consent box, or the intro with 开通.
    const context = terms ? [CONSENT_TEXT] : INTRO_TEXTS
    let box: HTMLElement | null = anchor.parentElement
    while (box && box !== document.body && !shownText(box, context).length) box = box.parentElement
    if (box && box !== document.body) box.before(this.panel)
    else anchor.before(this.panel)
  }

  private build(signal: QualificationSignal, onTerms: boolean): HTMLElement {
    const { host: panel, body } = shadowPiece("div", { "data-lh-panel": "qualification" }, QUALIFICATION_CSS)
    const status = document.createElement("p")
    status.setAttribute("role", "status")
    status.setAttribute("data-lh", "qualification-status")
    status.setAttribute("data-lh-state", signal)
    const key = signal === "unqualified" ? "console_qualification_unqualified" : onTerms ? "console_qualification_terms" : "console_qualification_not_opened"
    status.textContent = t(key)
    body.append(status)
    if (signal === "not_opened") {
      const show = document.createElement("button")
      show.type = "button"
      show.setAttribute("data-lh", "show-terms")
      show.textContent = t(onTerms ? "console_qualification_read_terms" : "console_qualification_find_open")
      show.addEventListener("click", () => this.pointTo(onTerms))
      body.append(show)
    }
    return panel
  }

  /** Scroll to the terms (or to 开通) and outline it; the consent box is left for the merchant. */
  private pointTo(onTerms: boolean) {
    const target = onTerms ? (findTerms(document)?.parentElement ?? null) : findButton(document, OPEN_BUTTON)
    if (!target) return
    target.scrollIntoView({ behavior: "smooth", block: "start" })
    this.outline(target, "2px solid #fa9d3b", "2px")
    // The consent box is only shown to the merchant, never ticked.
    const consent = onTerms ? findConsentBox(document) : null
    const box = consent?.closest<HTMLElement>("label, div")
    if (box) this.outline(box, "2px dashed #fa9d3b", box.style.outlineOffset)
  }

  /** Outline one of the page's elements; its own outline is put back when the feature stops. */
  private outline(el: HTMLElement, outline: string, offset: string) {
    const before = { outline: el.style.outline, offset: el.style.outlineOffset }
    el.style.outline = outline
    el.style.outlineOffset = offset
    this.stopped.addEventListener(
      "abort",
      () => {
        el.style.outline = before.outline
        el.style.outlineOffset = before.offset
      },
      { once: true }
    )
  }
}
