// Which HiMall features run on which admin page (refined-github style: predicates apart
// from behaviour). Guarded so that a second injection (registration + executeScript after
// a grant) does not decorate the page twice.
import { isProductManagementPage } from "~sites/himall/pages"

import { startCaptureAll } from "./capture-all"
import { startCapturePage } from "./capture-page"
import { startCaptureProduct } from "./capture-product"

const FLAG = "__himallLiveHelperStarted"

export function startHimallAdmin() {
  const w = window as unknown as Record<string, unknown>
  if (w[FLAG]) return
  w[FLAG] = true
  const controller = new AbortController()
  if (isProductManagementPage(location)) {
    startCaptureProduct(controller.signal)
    startCapturePage(controller.signal)
    startCaptureAll(controller.signal)
  }
}
