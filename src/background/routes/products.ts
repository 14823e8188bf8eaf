// HiMall messages: captures of a row, a dialog, a page, and the shop's capture-all job.
import type { ProductsProtocol } from "~protocol/messages"

import { handleCapture } from "../capture"
import { captureAllPage, captureAllStatus, startCaptureAll, stopCaptureAll } from "../capture-all"
import type { Routes } from "./context"

export const productRoutes: Routes<keyof ProductsProtocol> = {
  "product.capture": (p, c) => handleCapture(c.db, c.origin, c.url, p, c.now),
  "captureAll.start": (p, c) => startCaptureAll(c.db, c.origin, p, c.now),
  "captureAll.page": (p, c) => captureAllPage(c.db, c.origin, c.url, p, c.now),
  "captureAll.stop": (p, c) => stopCaptureAll(c.db, c.origin, p, c.now),
  "captureAll.status": (_p, c) => captureAllStatus(c.db, c.origin)
}
