// The mini program (WeChat account) the console is logged in as, read from its header by
// meaning (sites/wechat/console.ts), told to the background (`account.seen`), and — when it is
// not linked to a HiMall shop yet and several shops are enabled — the merchant is asked once
// which shop it sells for: a small panel of `link-shop` choices (`data-lh-shop-origin`). The
// other WeChat features send the account with what they read (`currentAccount()`), so that
// goods, rooms and the picker stay with that mini program and its shop.
import { button, el } from "~lib/dom/build"
import { t } from "~lib/i18n"
import type { AccountView } from "~protocol/messages"
import { send } from "~lib/send"
import { readAccountName } from "~sites/wechat/console"

let current: string | null = null

/** The account this page shows (its header), null where it shows none. */
export function currentAccount(): string | null {
  return current
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host
  } catch {
    return origin
  }
}

export class AccountFeature {
  private told: string | null = null
  private inFlight = false
  private panel: HTMLElement | null = null
  private view: AccountView | null = null

  run() {
    const name = readAccountName(document)
    if (name) current = name
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

  stop() {
    this.panel?.remove()
  }

  private show(view: AccountView) {
    this.view = view
    if (view.shopOrigin || view.shops.length < 2) {
      this.panel?.remove()
      this.panel = null
      return
    }
    const panel = el("div", { "data-lh-panel": "link-shop", role: "region", "aria-label": t("link_shop_title") })
    panel.style.cssText =
      "margin:8px;padding:8px 10px;border:1px dashed #b2e8cb;border-radius:4px;background:#f6fcf9;font-size:13px;line-height:20px;color:#333"
    const question = el("p", {}, t("link_shop_question", view.name))
    question.style.margin = "0 0 6px"
    const choices = el("div")
    choices.style.cssText = "display:flex;gap:8px;flex-wrap:wrap"
    for (const origin of view.shops) {
      const b = button("link-shop", hostOf(origin))
      b.setAttribute("data-lh-shop-origin", origin)
      b.addEventListener("click", () => void this.link(view.name, origin))
      choices.append(b)
    }
    const hint = el("p", {}, t("link_shop_hint"))
    hint.style.cssText = "margin:6px 0 0;color:#888"
    panel.append(question, choices, hint)
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
