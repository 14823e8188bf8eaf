// Which WeChat console features run (every page and frame of mp.weixin.qq.com and
// live.weixin.qq.com): pages are recognised by what they show, not by their paths.
import { whenDomChanges } from "~lib/dom/observe"

import { GoodsLibraryFeature } from "./wechat-goods"

const FLAG = "__himallLiveHelperWechat"

export function startWechat() {
  const w = window as unknown as Record<string, unknown>
  if (w[FLAG]) return
  w[FLAG] = true
  const controller = new AbortController()
  const goods = new GoodsLibraryFeature()
  const start = () => whenDomChanges(document.body, () => goods.run(), controller.signal)
  if (document.body) start()
  else document.addEventListener("DOMContentLoaded", start, { once: true })
}
