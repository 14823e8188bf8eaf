// The WeChat console features (every page and frame of mp.weixin.qq.com and live.weixin.qq.com),
// one contract (features/registry.ts): pages are recognised by what they show, so each feature
// applies everywhere and looks at the page on every change.
import { whenDomChanges } from "~lib/dom/observe"
import { loadPageLanguage } from "~lib/language"

import { PriceFixFeature } from "./price-fix"
import { QualificationFeature } from "./qualification"
import { startPage, type Feature, type PageRoot, type PageState } from "./registry"
import { AccountFeature } from "./wechat-account"
import { RoomGoodsFeature } from "./room-goods"
import { GoodsLibraryFeature } from "./wechat-goods"
import { RoomsFeature } from "./wechat-rooms"

const everywhere = () => true

/** A console feature that looks at the page on every change until the signal aborts. */
function onEveryChange(id: string, make: (signal: AbortSignal, page: PageState) => { run(): void }): Feature {
  return {
    id,
    applies: everywhere,
    start(signal, page) {
      const feature = make(signal, page)
      whenDomChanges(document.body, () => feature.run(), signal)
    }
  }
}

/**
 * The console's readers (the mini program's account, 商品库 and its 添加商品 panel and queue,
 * qualification, rooms, a room's goods and its import, price fixes) in one pass per page change, in this order, under one observer: cheaper
 * than several, the account first (it writes `page.account`, which the others read and send with
 * what they read), and the goods queue's
 * timing (it opens the next 添加商品 right after a save) is what it was tested with.
 */
export const WECHAT_FEATURES: readonly Feature[] = [
  onEveryChange("wechat-console", (signal, page) => {
    const readers = [
      new AccountFeature(signal, page),
      new GoodsLibraryFeature(signal, page),
      new QualificationFeature(signal, page),
      new RoomsFeature(signal, page),
      new RoomGoodsFeature(signal),
      new PriceFixFeature(signal, page)
    ]
    return { run: () => readers.forEach((r) => r.run()) }
  })
]

/** The merchant's language first (lib/language.ts), then the features. */
export function startWechat(): PageRoot | null {
  return startPage("wechat", WECHAT_FEATURES, { prepare: loadPageLanguage })
}
