// A part (no feature; used by wechat-goods and wechat-rooms): a note on a WeChat console page the extension recognises but whose rows it cannot read
// (tolerant readers: never silent). One note per page kind, shown above the list it is about
// (else at the top of the page), taken away once the rows read again or the feature stops.
import { shadowPiece } from "~lib/dom/shadow"
import { NOTICE_CSS } from "~lib/dom/sheets/wechat-panel"
import { t } from "~lib/i18n"

export type UnreadablePage = "rooms" | "goods"

export class UnreadableNote {
  private note: HTMLElement | null = null
  private text: HTMLElement | null = null

  constructor(private readonly page: UnreadablePage) {}

  /** Show (with how many rows were not understood) or hide the note. */
  set(unread: number, near: Element | null) {
    if (unread <= 0) return this.remove()
    const text = t(`wechat_unreadable_${this.page}`, String(unread))
    if (!this.note || !this.text) {
      const piece = shadowPiece("div", { "data-lh-panel": "notice", "data-lh-notice": "unreadable", "data-lh-page": this.page, role: "status" }, NOTICE_CSS)
      this.note = piece.host
      this.text = piece.body
    }
    if (this.text.textContent !== text) this.text.textContent = text
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
