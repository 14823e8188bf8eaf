// WeChat's rules for 创建直播间 (domain.md, screenshot 09) as plain functions: lengths in
// WeChat units (a non-ASCII character counts 2), the start/end window, the two images, and the
// form's time text ("YYYY-MM-DD HH:mm", local time). Every broken rule has a problem code,
// shown to the merchant through the `room_problem_<code>` message.
import { collapseSpace } from "./text"
import { textUnits, unitsProblem } from "./goods"

export { textUnits }

/** 直播标题: 3–17 Chinese characters (counter 0/17). */
const ROOM_TITLE_MIN_UNITS = 6
export const ROOM_TITLE_MAX_UNITS = 34
/** 主播昵称: 2–15 Chinese characters (counter 0/15). */
const ANCHOR_NAME_MIN_UNITS = 4
export const ANCHOR_NAME_MAX_UNITS = 30

export const MINUTE_MS = 60_000
/** The start must be at least this far from now. */
const MIN_LEAD_MS = 10 * MINUTE_MS
/** …and at most this many calendar months ahead. */
const MAX_AHEAD_MONTHS = 6
const MIN_LENGTH_MS = 30 * MINUTE_MS
const MAX_LENGTH_MS = 24 * 60 * MINUTE_MS

/** 分享卡片封面 and 直播间封面 as WeChat asks for them. */
export const SHARE_IMAGE = { width: 800, height: 640, maxBytes: 1024 * 1024 } as const
export const ROOM_COVER = { width: 1080, height: 1920, maxBytes: 2 * 1024 * 1024 } as const

export type RoomProblem =
  | "title_empty"
  | "title_too_short"
  | "title_too_long"
  | "time_missing"
  | "end_before_start"
  | "start_too_soon"
  | "start_too_far"
  | "too_short"
  | "too_long"
  | "anchor_empty"
  | "anchor_too_short"
  | "anchor_too_long"
  | "wechat_empty"
  | "wechat_invalid"
  | "share_image_missing"
  | "room_cover_missing"

/** Every problem code, in the order the form shows its fields. */
export const ROOM_PROBLEMS: readonly RoomProblem[] = [
  "title_empty",
  "title_too_short",
  "title_too_long",
  "time_missing",
  "end_before_start",
  "start_too_soon",
  "start_too_far",
  "too_short",
  "too_long",
  "anchor_empty",
  "anchor_too_short",
  "anchor_too_long",
  "wechat_empty",
  "wechat_invalid",
  "share_image_missing",
  "room_cover_missing"
]

/** Which field of the form a problem is about. */
export type RoomField = "title" | "time" | "anchorName" | "anchorWechat" | "shareImage" | "roomCover"

export function problemField(p: RoomProblem): RoomField {
  if (p.startsWith("title")) return "title"
  if (p.startsWith("anchor")) return "anchorName"
  if (p.startsWith("wechat")) return "anchorWechat"
  if (p === "share_image_missing") return "shareImage"
  if (p === "room_cover_missing") return "roomCover"
  return "time"
}

export function titleProblem(title: string): RoomProblem | null {
  return unitsProblem<RoomProblem>(title, ROOM_TITLE_MIN_UNITS, ROOM_TITLE_MAX_UNITS, {
    empty: "title_empty",
    short: "title_too_short",
    long: "title_too_long"
  })
}

export function anchorNameProblem(name: string): RoomProblem | null {
  return unitsProblem<RoomProblem>(name, ANCHOR_NAME_MIN_UNITS, ANCHOR_NAME_MAX_UNITS, {
    empty: "anchor_empty",
    short: "anchor_too_short",
    long: "anchor_too_long"
  })
}

/**
 * The anchor's WeChat account (微信号). Only what is certainly wrong is refused: empty, or
 * with spaces or non-ASCII characters (WeChat IDs are letters, digits, `_` and `-`; phone
 * numbers and QQ numbers bound as IDs are digits). Whether it is real-name verified only
 * WeChat knows (300036).
 */
export function anchorWechatProblem(account: string): RoomProblem | null {
  const a = account.trim()
  if (!a) return "wechat_empty"
  if (!/^[\x21-\x7e]{1,40}$/.test(a)) return "wechat_invalid"
  return null
}

/** The same instant `months` calendar months later (as the console computes "6 months"). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms)
  d.setMonth(d.getMonth() + months)
  return d.getTime()
}

/** A time cut to its minute (the form takes minutes). */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS
}

/** The first rule the start/end window breaks at `now`, or null. Both times in ms. */
export function timeProblem(start: number | null, end: number | null, now: number): RoomProblem | null {
  if (start == null || end == null || !Number.isFinite(start) || !Number.isFinite(end)) return "time_missing"
  if (end <= start) return "end_before_start"
  if (start < now + MIN_LEAD_MS) return "start_too_soon"
  if (start > addMonths(now, MAX_AHEAD_MONTHS)) return "start_too_far"
  if (end - start < MIN_LENGTH_MS) return "too_short"
  if (end - start > MAX_LENGTH_MS) return "too_long"
  return null
}

/** A room plan's own fields (docs/data-model.md, `plans`), as the editor and the messages carry them. */
export interface RoomPlanFields {
  title: string
  /** ms since epoch; null when the plan has no time yet (a draft). */
  start: number | null
  end: number | null
  anchorName: string
  anchorWechat: string
  allowComment: boolean
}

/** What the rules look at in a room plan. */
export interface RoomRulesInput extends Omit<RoomPlanFields, "allowComment"> {
  hasShareImage: boolean
  hasRoomCover: boolean
}

/** Every rule the plan breaks at `now` (times at minute precision, as the form takes them). */
export function roomProblems(plan: RoomRulesInput, now: number): RoomProblem[] {
  const out: RoomProblem[] = []
  const push = (p: RoomProblem | null) => p && out.push(p)
  push(titleProblem(plan.title))
  push(timeProblem(plan.start == null ? null : floorToMinute(plan.start), plan.end == null ? null : floorToMinute(plan.end), now))
  push(anchorNameProblem(plan.anchorName))
  push(anchorWechatProblem(plan.anchorWechat))
  if (!plan.hasShareImage) out.push("share_image_missing")
  if (!plan.hasRoomCover) out.push("room_cover_missing")
  return out
}

/** A plan's time as the rules take it: null when it has none (stored plans keep 0 for none). */
export function planTime(ms: number | null | undefined): number | null {
  return ms && ms > 0 ? ms : null
}

/** Every rule a plan breaks at `now` (a stored plan or its view: its images present or not). */
export function roomPlanProblems(plan: Omit<RoomPlanFields, "allowComment"> & { shareImage: unknown; roomCover: unknown }, now: number): RoomProblem[] {
  return roomProblems(
    {
      title: plan.title,
      start: planTime(plan.start),
      end: planTime(plan.end),
      anchorName: plan.anchorName,
      anchorWechat: plan.anchorWechat,
      hasShareImage: !!plan.shareImage,
      hasRoomCover: !!plan.roomCover
    },
    now
  )
}

/** The counter WeChat shows next to a text field: Chinese characters, ASCII counting half. */
export function counterValue(text: string): number {
  return Math.ceil(textUnits(text.trim()) / 2)
}

// ---------------------------------------------------------------------------------------------
// The form's time text

const TIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+|\s*)(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?秒?$/

/**
 * "YYYY-MM-DD HH:mm" (also with "/" or "T", optional seconds, or 年月日 时分) as local time,
 * in ms; null when it is not a real date and time.
 */
export function parseRoomTime(text: string): number | null {
  const m = TIME.exec(collapseSpace(text))
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)))
  if (h > 23 || mi > 59 || s > 59) return null
  const date = new Date(y, mo - 1, d, h, mi, s)
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null
  return date.getTime()
}

/** A time as the form's text, "YYYY-MM-DD HH:mm" in local time. */
export function formatRoomTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** A time as an `<input type=datetime-local>` value ("YYYY-MM-DDTHH:mm", local). */
export function toDateTimeLocal(ms: number | null): string {
  return ms == null ? "" : formatRoomTime(ms).replace(" ", "T")
}

/** An `<input type=datetime-local>` value as ms, or null. */
export function fromDateTimeLocal(value: string): number | null {
  return value ? parseRoomTime(value) : null
}

/** What `fill-room` writes into 创建直播间 for a plan. */
export interface RoomFormValues {
  title: string
  startText: string
  endText: string
  anchorName: string
  anchorWechat: string
  allowComment: boolean
}

export function roomFormValues(plan: RoomPlanFields & { start: number; end: number }): RoomFormValues {
  return {
    title: plan.title.trim(),
    startText: formatRoomTime(plan.start),
    endText: formatRoomTime(plan.end),
    anchorName: plan.anchorName.trim(),
    anchorWechat: plan.anchorWechat.trim(),
    allowComment: plan.allowComment
  }
}
