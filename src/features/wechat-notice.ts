// A note on a WeChat console page the extension recognises but whose rows it cannot read
// (tolerant readers: never silent). One note per page kind, shown above the list it is about
// (else at the top of the page), taken away once the rows read again or the feature stops.
import { el } from "~lib/dom/build"
import { t } from "~lib/i18n"

export type UnreadablePage = "rooms" | "goods"

export class UnreadableNote {
  private note: HTMLElement | null = null

  constructor(private readonly page: UnreadablePage) {}

  /** Show (with how many rows were not understood) or hide the note. */
  set(unread: number, near: Element | null) {
    if (unread <= 0) return this.remove()
    const text = t(`wechat_unreadable_${this.page}`, String(unread))
    if (!this.note) {
      this.note = el("div", { "data-lh-panel": "notice", "data-lh-notice": "unreadable", "data-lh-page": this.page, role: "status" })
      this.note.style.cssText = "margin:8px 0;padding:6px 10px;border:1px solid #f0c36d;border-radius:4px;background:#fff8e6;color:#8a5a00;font-size:13px;line-height:20px"
    }
    if (this.note.textContent !== text) this.note.textContent = text
    this.note.setAttribute("data-lh-unread", String(unread))
    if (!this.note.isConnected) {
      if (near?.parentElement) near.parentElement.insertBefore(this.note, near)
      else document.body.prepend(this.note)
    }
  }

  remove() {
    this.note?.remove()
  }
}
