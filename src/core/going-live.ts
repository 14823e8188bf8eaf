// Going live (step 五): which rooms need the merchant now, and when to remind them before a
// room starts. Pure rules over the WeChat rooms the extension stored (`wechatRooms`); the
// background turns them into chrome.alarms and notifications (background/reminders.ts), the
// checklist (core/checklist.ts) counts the flags on the toolbar badge and the popup lists them.
import { collapseSpace } from "./text"
import { BANNED, ERROR, EXPIRED, NOT_STARTED } from "./rooms"

/** Minutes before a room's start the merchant is reminded, unless the setting (db/settings.ts) says otherwise. */
export const DEFAULT_LEAD_MINUTES = 15
/** A room still 未开始 this long after its start is flagged late (anchors start a little late). */
export const LATE_GRACE_MS = 5 * 60_000
/** The periodic alarm that re-runs the reminders and the flags, and its period. */
export const REFRESH_ALARM = "going-live|refresh"
export const REFRESH_PERIOD_MINUTES = 15
/** Alarm names `reminder|${roomId}|${start}`; the notification shown carries the same id. */
export const REMINDER_PREFIX = "reminder|"
/** `facts` keys `reminded|${roomId}|${start}`: the reminder was shown (once per room and start). */
export const REMINDED_PREFIX = "reminded|"
/**
 * Chrome fires an alarm no sooner than 30 s after it is created. An alarm already due within
 * this window is left alone rather than re-created (which would only push it later).
 */
const DUE_SOON_MS = 60_000

/** What these rules need of a stored WeChat room (`WechatRoomRecord`). */
export interface GoingLiveRoom {
  roomId: number
  name: string
  anchorName: string
  /** ms since epoch; null: the list did not show it readably (unknown). */
  start: number | null
  end: number | null
  /** null: unknown (the list's status text was not one of WeChat's words). */
  liveStatus: number | null
  /** When the extension last read the room on WeChat's 直播间管理. */
  seenAt: number
  /** Set when the room was missing from a complete read of the list (deleted on WeChat). */
  goneAt: number | null
}

/** When the reminder of a room starting at `start` is due. */
export function reminderTime(start: number, lead: number): number {
  return start - lead * 60_000
}

export function reminderAlarmName(roomId: number, start: number): string {
  return `${REMINDER_PREFIX}${roomId}|${start}`
}

export function remindedKey(roomId: number, start: number): string {
  return `${REMINDED_PREFIX}${roomId}|${start}`
}

/** The room and start of a `reminder|…` alarm or notification id, or of a `reminded|…` fact key. */
export function parseReminderName(name: string): { roomId: number; start: number } | null {
  const m = /^(?:reminder|reminded)\|(\d{1,15})\|(-?\d{1,15})$/.exec(name)
  if (!m) return null
  return { roomId: Number(m[1]), start: Number(m[2]) }
}

export interface PlannedReminder {
  name: string
  roomId: number
  start: number
  /** When it is due; may be in the past for a room starting within the lead (due at once). */
  when: number
}

/**
 * May the room still start? 未开始, or a status the list did not show readably (unknown): a
 * room with a start ahead and an unknown status is reminded — a reminder too many costs less
 * than a live missed. A known other status (live, ended, banned…) is not.
 */
export function mayStart(liveStatus: number | null): boolean {
  return liveStatus === null || liveStatus === NOT_STARTED
}

/**
 * One reminder per room still to start (未开始 or unknown, not deleted, a known start ahead) that
 * has not been shown yet. `reminded` holds the `reminded|…` fact keys. A room without a known
 * start gets none (there is no time to remind at).
 */
export function plannedReminders(rooms: readonly GoingLiveRoom[], now: number, lead: number, reminded: ReadonlySet<string>): PlannedReminder[] {
  return rooms
    .filter(
      (r): r is GoingLiveRoom & { start: number } =>
        r.goneAt == null && mayStart(r.liveStatus) && r.start != null && r.start > now && !reminded.has(remindedKey(r.roomId, r.start))
    )
    .map((r) => ({ name: reminderAlarmName(r.roomId, r.start), roomId: r.roomId, start: r.start, when: reminderTime(r.start, lead) }))
    .sort((a, b) => a.when - b.when || a.roomId - b.roomId)
}

export interface ScheduledAlarm {
  name: string
  scheduledTime: number
}

export interface AlarmChanges {
  /** Alarms to (re)create: `when` is never before `now`. */
  create: { name: string; when: number }[]
  /** Reminder alarms of rooms gone, started, changed or already reminded. */
  clear: string[]
}

/** What to change so that the `reminder|…` alarms are exactly the planned ones. */
export function reconcileReminderAlarms(existing: readonly ScheduledAlarm[], planned: readonly PlannedReminder[], now: number): AlarmChanges {
  const ours = existing.filter((a) => a.name.startsWith(REMINDER_PREFIX))
  const wanted = new Map(planned.map((p) => [p.name, p]))
  const clear = ours.filter((a) => !wanted.has(a.name)).map((a) => a.name)
  const have = new Map(ours.map((a) => [a.name, a.scheduledTime]))
  const create: AlarmChanges["create"] = []
  for (const p of planned) {
    const at = have.get(p.name)
    const when = Math.max(p.when, now)
    if (at !== undefined && (Math.abs(at - p.when) < 1000 || (when <= now + DUE_SOON_MS && at <= now + DUE_SOON_MS))) continue
    create.push({ name: p.name, when })
  }
  return { create, clear }
}

export type ReminderDecision =
  { notify: true; minutesLeft: number } | { notify: false; reason: "gone" | "changed" | "not_upcoming" | "already" | "early" | "too_late" }

/**
 * Whether a reminder alarm that fired should show its notification: the room must still be
 * stored, 未开始, at the same start, not reminded yet, due (not an alarm left from a longer
 * lead) and not past its start by more than the grace.
 */
export function reminderDecision(
  room: GoingLiveRoom | undefined,
  alarm: { roomId: number; start: number },
  now: number,
  lead: number,
  alreadyReminded: boolean
): ReminderDecision {
  if (!room || room.goneAt != null) return { notify: false, reason: "gone" }
  if (room.start == null || room.start !== alarm.start) return { notify: false, reason: "changed" }
  if (!mayStart(room.liveStatus)) return { notify: false, reason: "not_upcoming" }
  if (alreadyReminded) return { notify: false, reason: "already" }
  if (now < reminderTime(room.start, lead) - DUE_SOON_MS) return { notify: false, reason: "early" }
  if (now > room.start + LATE_GRACE_MS) return { notify: false, reason: "too_late" }
  return { notify: true, minutesLeft: Math.max(0, Math.ceil((room.start - now) / 60_000)) }
}

/**
 * Why a room needs the merchant: 禁播 (104), 异常 (106), 已过期 (107), past its start and still
 * 未开始 (`late`), or starting within the lead (`starting_soon`). A room whose status is unknown
 * is never `late` (it may well have started: nothing is flagged on a guess) but is
 * `starting_soon` within the lead before a known start, as its reminder is; a room without a
 * known start is neither.
 */
export type RoomFlagKind = "banned" | "error" | "late" | "starting_soon" | "expired"

/** A flagged room: the room as read (its `seenAt` says when: a `late` room may have started since). */
export interface RoomFlag extends Omit<GoingLiveRoom, "goneAt"> {
  kind: RoomFlagKind
  /** Needs action now (for the toolbar badge); `expired` rooms are listed, not urgent. */
  urgent: boolean
}

const KIND_ORDER: readonly RoomFlagKind[] = ["banned", "error", "late", "starting_soon", "expired"]

function flagOf(room: GoingLiveRoom, now: number, lead: number): RoomFlagKind | null {
  if (room.goneAt != null) return null
  switch (room.liveStatus) {
    case BANNED:
      return "banned"
    case ERROR:
      return "error"
    case EXPIRED:
      return "expired"
    case NOT_STARTED:
    case null:
      if (room.start == null) return null
      if (now > room.start + LATE_GRACE_MS) return room.liveStatus === null ? null : "late"
      if (now >= reminderTime(room.start, lead)) return "starting_soon"
      return null
    default:
      return null
  }
}

/** The rooms that need the merchant, most serious first, then by start. */
export function flagRooms(rooms: readonly GoingLiveRoom[], now: number, lead: number): RoomFlag[] {
  const flags: RoomFlag[] = []
  for (const r of rooms) {
    const kind = flagOf(r, now, lead)
    if (!kind) continue
    flags.push({
      kind,
      urgent: kind !== "expired",
      roomId: r.roomId,
      name: r.name,
      anchorName: r.anchorName,
      start: r.start,
      end: r.end,
      liveStatus: r.liveStatus,
      seenAt: r.seenAt
    })
  }
  return flags.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.start ?? Infinity) - (b.start ?? Infinity) || a.roomId - b.roomId)
}

/**
 * A room's start as the notification words it: `HH:mm` on the day of `now`, with the date
 * (`MM/DD HH:mm`, in the language's order) otherwise. Local time of the browser.
 */
export function formatStart(start: number, now: number, lang: string): string {
  const d = new Date(start)
  const sameDay = d.toDateString() === new Date(now).toDateString()
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { hour: "2-digit", minute: "2-digit", hour12: false }
    : { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }
  try {
    return d.toLocaleString(lang, opts)
  } catch {
    return d.toLocaleString("zh-CN", opts)
  }
}

/** Room names and anchors come from WeChat's page: one line, bounded, for a notification. */
export function oneLine(text: string, max = 40): string {
  const s = collapseSpace(text)
  return [...s].length > max ? `${[...s].slice(0, max - 1).join("")}…` : s
}
