// WeChat MP console (and the live console's own host, in frames too).
import type { PlasmoCSConfig } from "plasmo"

import { startWechat } from "~features/wechat"

export const config: PlasmoCSConfig = {
  matches: ["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*"],
  all_frames: true,
  run_at: "document_idle"
}

startWechat()
