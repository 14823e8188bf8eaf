// The WeChat console features (every page and frame of mp.weixin.qq.com and live.weixin.qq.com),
// one contract (features/registry.ts): pages are recognised by what they show, so each feature
// applies everywhere and looks at the page on every change.
import { whenDomChanges } from "~lib/dom/observe"
import { loadPageLanguage } from "~lib/language"

import { QualificationFeature } from "./qualification"
import { startPage, type Feature, type PageRoot } from "./registry"
import { GoodsLibraryFeature } from "./wechat-goods"
import { RoomsFeature } from "./wechat-rooms"

const everywhere = () => true

/** A console feature that looks at the page on every change until the signal aborts. */
function onEveryChange(id: string, make: (signal: AbortSignal) => { run(): void }): Feature {
  return {
    id,
    applies: everywhere,
    start(signal) {
      const feature = make(signal)
      whenDomChanges(document.body, () => feature.run(), signal)
    }
  }
}

export const WECHAT_FEATURES: readonly Feature[] = [
  onEveryChange("wechat-goods", (signal) => new GoodsLibraryFeature(signal)),
  onEveryChange("qualification", (signal) => new QualificationFeature(signal)),
  onEveryChange("wechat-rooms", () => new RoomsFeature())
]

/** The merchant's language first (lib/language.ts), then the features. */
export function startWechat(): PageRoot | null {
  return startPage("wechat", WECHAT_FEATURES, { prepare: loadPageLanguage })
}
