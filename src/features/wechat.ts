// Which WeChat console features run (every page and frame of mp.weixin.qq.com and
// live.weixin.qq.com): pages are recognised by what they show, not by their paths.
import { whenDomChanges } from "~lib/dom/observe"
import { loadPageLanguage } from "~lib/language"

import { QualificationFeature } from "./qualification"
import { AccountFeature } from "./wechat-account"
import { GoodsLibraryFeature } from "./wechat-goods"
import { RoomsFeature } from "./wechat-rooms"

const FLAG = "__himallLiveHelperWechat"

export function startWechat() {
  const w = window as unknown as Record<string, unknown>
  if (w[FLAG]) return
  w[FLAG] = true
  const controller = new AbortController()
  const account = new AccountFeature()
  const goods = new GoodsLibraryFeature()
  const qualification = new QualificationFeature()
  const rooms = new RoomsFeature()
  const start = () =>
    whenDomChanges(
      document.body,
      () => {
        // The account first: what the others read belongs to it.
        account.run()
        goods.run()
        qualification.run()
        rooms.run()
      },
      controller.signal
    )
  // The merchant's language first (lib/language.ts), then the features.
  const begin = () => void loadPageLanguage().then(start)
  if (document.body) begin()
  else document.addEventListener("DOMContentLoaded", begin, { once: true })
}
