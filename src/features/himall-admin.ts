// Which HiMall features run on which admin page (refined-github style: predicates apart
// from behaviour). Guarded so that a second injection (registration + executeScript after
// a grant) does not decorate the page twice.
import { loadPageLanguage } from "~lib/language"
import { isHomepageSettingPage, isLiveManagementPage, isProductManagementPage } from "~sites/himall/pages"

import { startCaptureAll } from "./capture-all"
import { startCapturePage } from "./capture-page"
import { startCaptureProduct } from "./capture-product"
import { startHomepageEntrance } from "./homepage-entrance"
import { isLiveProductPage } from "~sites/himall/live-rooms"

import { startLiveRooms, startRoomContents } from "./live-rooms"
import { startMakeCover } from "./make-cover"

const FLAG = "__himallLiveHelperStarted"

export function startHimallAdmin() {
  const w = window as unknown as Record<string, unknown>
  if (w[FLAG]) return
  w[FLAG] = true
  // The merchant's language first (lib/language.ts), then the features.
  void loadPageLanguage().then(startFeatures)
}

function startFeatures() {
  const controller = new AbortController()
  if (isProductManagementPage(location)) {
    startCaptureProduct(controller.signal)
    startCapturePage(controller.signal)
    startCaptureAll(controller.signal)
  }
  if (isLiveManagementPage(location)) {
    startLiveRooms(controller.signal)
    startMakeCover(controller.signal)
  }
  if (isHomepageSettingPage(location)) startHomepageEntrance(controller.signal)
  if (isLiveProductPage(location)) startRoomContents(controller.signal)
}
