// The mini program (WeChat account) the console is logged in as, read from its header by
// meaning (sites/wechat/console.ts), told to the background (`account.seen`), and — when it is
// not linked to a HiMall shop yet and several shops are enabled — the merchant is asked once
// which shop it sells for: a small panel of `link-shop` choices (`data-lh-shop-origin`). The
// other WeChat features send the account with what they read (`page.account`, the page state
// this feature writes), so that goods, rooms and the picker stay with that mini program and its shop.
import { shadowPiece } from "~lib/dom/shadow"
import { LINK_SHOP_CSS } from "~lib/dom/sheets/wechat-panel"
import { button, el } from "~lib/dom/build"
import { t } from "~lib/i18n"
import type { AccountView } from "~protocol/messages"
import { send } from "~lib/send"
import { readAccountName } from "~sites/wechat/console"
import { hostOf } from "~core/origins"

import type { PageState } from "./registry"

export class AccountFeature {
  private told: string | null = null
  private inFlight = false
  private panel: HTMLElement | null = null
  private view: AccountView | null = null

  /** `stopped`: the page's root signal (the panel goes when it aborts); `page.account` is what this feature writes. */
  constructor(
    private readonly stopped: AbortSignal,
    private readonly page: PageState
  ) {
    stopped.addEventListener("abort", () => this.panel?.remove(), { once: true })
  }

  run() {
    if (this.stopped.aborted) return
    const name = readAccountName(document)
    // The last account shown stays the page's until another is shown.
    if (name) this.page.account = name
    if (name && name !== this.told && !this.inFlight) {
      this.inFlight = true
      send("account.seen", { name })
        .then((view) => {
          this.told = name
          this.show(view)
        })
        .catch((e) => console.warn("[HiMall 直播助手]", e))
        .finally(() => (this.inFlight = false))
    }
    if (this.panel && !this.panel.isConnected && this.view && !this.view.shopOrigin) document.body.prepend(this.panel)
  }

  private show(view: AccountView) {
    if (this.stopped.aborted) return
    this.view = view
    if (view.shopOrigin || view.shops.length < 2) {
      this.panel?.remove()
      this.panel = null
      return
    }
    const { host: panel, body } = shadowPiece("div", { "data-lh-panel": "link-shop", role: "region", "aria-label": t("link_shop_title") }, LINK_SHOP_CSS)
    const question = el("p", { class: "question" }, t("link_shop_question", view.name))
    const choices = el("div", { class: "choices" })
    for (const origin of view.shops) {
      const b = button("link-shop", hostOf(origin))
      b.setAttribute("data-lh-shop-origin", origin)
      b.addEventListener("click", () => void this.link(view.name, origin))
      choices.append(b)
    }
    const hint = el("p", { class: "hint" }, t("link_shop_hint"))
    body.append(question, choices, hint)
    this.panel?.remove()
    this.panel = panel
    document.body.prepend(panel)
  }

  private async link(name: string, shopOrigin: string) {
    try {
      this.show(await send("account.link", { name, shopOrigin }))
    } catch (e) {
      console.warn("[HiMall 直播助手]", e)
    }
  }
}
