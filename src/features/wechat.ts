// Which WeChat console features run (every page and frame of mp.weixin.qq.com and
// live.weixin.qq.com): pages are recognised by what they show, not by their paths.
import { whenDomChanges } from "~lib/dom/observe"
import { loadPageLanguage } from "~lib/language"

import { PriceFixFeature } from "./price-fix"
import { QualificationFeature } from "./qualification"
import { RoomGoodsFeature } from "./room-goods"
import { GoodsLibraryFeature } from "./wechat-goods"
import { RoomsFeature } from "./wechat-rooms"

const FLAG = "__himallLiveHelperWechat"

export function startWechat() {
  const w = window as unknown as Record<string, unknown>
  if (w[FLAG]) return
  w[FLAG] = true
  const controller = new AbortController()
  const goods = new GoodsLibraryFeature()
  const qualification = new QualificationFeature()
  const rooms = new RoomsFeature()
  const roomGoods = new RoomGoodsFeature(controller.signal)
  const priceFix = new PriceFixFeature(controller.signal)
  const start = () =>
    whenDomChanges(
      document.body,
      () => {
        goods.run()
        qualification.run()
        rooms.run()
        roomGoods.run()
        priceFix.run()
      },
      controller.signal
    )
  // The merchant's language first (lib/language.ts), then the features.
  const begin = () => void loadPageLanguage().then(start)
  if (document.body) begin()
  else document.addEventListener("DOMContentLoaded", begin, { once: true })
}
