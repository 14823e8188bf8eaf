// Live-room facts shared by every part of the extension: WeChat's live_status codes (HiMall
// adds 0 and 1 for its own drafts) and their console wording (domain.md).
import { withoutSpace } from "./text"

export const LIVE_STATUS_TEXT: Record<number, string> = {
  0: "未提交审核",
  1: "审核中",
  101: "直播中",
  102: "未开始",
  103: "已结束",
  104: "禁播",
  105: "暂停",
  106: "异常",
  107: "已过期"
}

export const LIVE = 101
export const NOT_STARTED = 102
export const ENDED = 103
export const BANNED = 104
export const PAUSED = 105
export const ERROR = 106
export const EXPIRED = 107

/** A room id given in a link's query (`roomId=`, `roomid=`, `room_id=`, any case), or null. */
export function roomIdFromQuery(url: string | null | undefined): number | null {
  const m = url ? /[?&]room_?id=(\d{1,15})\b/i.exec(url) : null
  const n = m ? Number(m[1]) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

/** Ended (103) and expired (107) rooms are over: their figures and times are final. */
export const roomEnded = (status: number | null | undefined) => status === ENDED || status === EXPIRED

/** The code for a status as a console words it ("未开始" → 102), or null. */
export function liveStatusFromText(text: string): number | null {
  const t = withoutSpace(text)
  for (const [code, word] of Object.entries(LIVE_STATUS_TEXT)) if (t === word) return Number(code)
  return null
}

export function roomKey(shopOrigin: string, roomId: number): string {
  return `${shopOrigin}|${roomId}`
}
