// The HiMall admin features (one contract: features/registry.ts) and which page each runs on.
// Started by the content script src/contents/himall-admin.ts under one root controller.
import { loadPageLanguage } from "~lib/language"
import { isHomepageSettingPage, isLiveManagementPage, isProductManagementPage } from "~sites/himall/pages"

import { startCaptureAll } from "./capture-all"
import { startCapturePage } from "./capture-page"
import { startCaptureProduct } from "./capture-product"
import { startHomepageEntrance } from "./homepage-entrance"
import { isLiveProductPage } from "~sites/himall/live-rooms"

import { startLiveRooms, startRoomContents } from "./live-rooms"
import { startMakeCover } from "./make-cover"
import { startPage, type Feature, type PageRoot } from "./registry"

export const HIMALL_FEATURES: readonly Feature[] = [
  { id: "capture-product", applies: isProductManagementPage, start: startCaptureProduct },
  { id: "capture-page", applies: isProductManagementPage, start: startCapturePage },
  { id: "capture-all", applies: isProductManagementPage, start: startCaptureAll },
  { id: "live-rooms", applies: isLiveManagementPage, start: startLiveRooms },
  { id: "make-cover", applies: isLiveManagementPage, start: startMakeCover },
  { id: "homepage-entrance", applies: isHomepageSettingPage, start: startHomepageEntrance },
  { id: "room-contents", applies: isLiveProductPage, start: startRoomContents }
]

/** The merchant's language first (lib/language.ts), then the features. */
export function startHimallAdmin(): PageRoot | null {
  return startPage("himall", HIMALL_FEATURES, { prepare: loadPageLanguage })
}
