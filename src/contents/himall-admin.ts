// HiMall admin pages of the shops the merchant enabled. Not run from the manifest: the
// background registers this file at run time for granted shop origins (background/shops.ts).
import type { PlasmoCSConfig } from "plasmo"

import { startHimallAdmin } from "~features/himall-admin"

export const config: PlasmoCSConfig = {
  matches: ["https://mp.weixin.qq.com/__himall_live_helper__/*"],
  exclude_matches: ["https://mp.weixin.qq.com/__himall_live_helper__/*"],
  all_frames: true
}

startHimallAdmin()
