// Going live: a notification a set time before each room starts (core/going-live.ts decides;
// the rooms that need the merchant are counted on the toolbar badge by background/badge.ts,
// which the service worker re-runs after every going-live alarm). Everything runs on
// chrome.alarms, which fire with the service worker stopped (they start it): one alarm per
// upcoming room (`reminder|${roomId}|${start}`) and a periodic one (`going-live|refresh`)
// that re-runs refreshReminders, so nothing depends on the worker staying alive. A shown
// reminder is recorded as the fact `reminded|${roomId}|${start}`, so it is shown once.
//
// Call refreshReminders(db) whenever wechatRooms or the `reminderLeadMinutes` setting change;
// it is idempotent and cheap (one read of the rooms, one of the alarms).
import {
  formatStart,
  mayStart,
  oneLine,
  parseReminderName,
  plannedReminders,
  reconcileReminderAlarms,
  REFRESH_ALARM,
  REFRESH_PERIOD_MINUTES,
  reminderDecision,
  REMINDER_PREFIX,
  type GoingLiveRoom,
  type ReminderDecision
} from "~core/going-live"
import { deleteFacts, factKeysUnder, hasFact, putFact, REMINDED_PREFIX, remindedFactKey, type FactKey } from "~db/facts"
import { readLeadMinutes } from "~db/going-live"
import type { HelperDb } from "~db/schema"
import { getSetting } from "~db/settings"
import { applyLanguage, currentLanguage, t, uiLanguage } from "~lib/i18n"

/**
 * Where a notification click leads. WeChat's 直播间管理 page needs the merchant's session token
 * in its URL (`/wxamp/…?token=…`), which the extension does not have; so an open WeChat
 * console tab is brought to the front, else the MP backend's home page is opened and the
 * merchant goes on to 直播 → 直播间管理 (the notification says so).
 */
export const WECHAT_HOME = "https://mp.weixin.qq.com/"

/** Reminder facts older than this (by the room's start) are deleted. */
const KEEP_REMINDED_MS = 7 * 24 * 60 * 60_000

/**
 * Going-live work runs one piece after another within a worker's life: a woken worker's start
 * and the alarm that woke it arrive together, and a refresh reading the facts before the
 * reminder is recorded would plan it again. (A queue, not state: a stopped worker loses
 * nothing by forgetting it.)
 */
let tail: Promise<unknown> = Promise.resolve()
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work, work)
  tail = run.catch(() => undefined)
  return run
}

/** Bring the reminder alarms and the periodic alarm in line with the rooms stored and the lead. */
export function refreshReminders(db: HelperDb, now: number = Date.now()): Promise<void> {
  return serial(() => replan(db, now))
}

async function replan(db: HelperDb, now: number): Promise<void> {
  const [rooms, lead, reminded] = await Promise.all([db.wechatRooms.toArray(), readLeadMinutes(db), factKeysUnder(db, REMINDED_PREFIX)])
  const planned = plannedReminders(rooms, now, lead, new Set(reminded))
  const changes = reconcileReminderAlarms(await chrome.alarms.getAll(), planned, now)
  for (const name of changes.clear) await chrome.alarms.clear(name)
  for (const a of changes.create) await chrome.alarms.create(a.name, { when: a.when })
  await ensureRefreshAlarm()
  await clearObsoleteNotifications(rooms, now)
  await pruneReminded(db, reminded, now)
}

/**
 * An alarm fired (the worker may just have been started for it). Returns false for alarms
 * that are not the going-live ones, so other handlers can take them; true tells the caller
 * that flags may have changed with the time (a room now starting soon or late): the badge.
 */
export async function handleAlarm(db: HelperDb, alarm: { name: string }, now: number = Date.now()): Promise<boolean> {
  if (alarm.name !== REFRESH_ALARM && !alarm.name.startsWith(REMINDER_PREFIX)) return false
  await serial(async () => {
    const target = parseReminderName(alarm.name)
    if (target) await remind(db, alarm.name, target, now)
    // Re-plan: an `early` alarm (left from a longer lead) is set again.
    await replan(db, now)
  })
  return true
}

/** Show the reminder of one room, unless it no longer applies or was shown already. */
async function remind(db: HelperDb, id: string, target: { roomId: number; start: number }, now: number): Promise<ReminderDecision> {
  const key = remindedFactKey(target.roomId, target.start)
  const [room, lead, shown] = await Promise.all([db.wechatRooms.get(target.roomId), readLeadMinutes(db), hasFact(db, key)])
  const decision = reminderDecision(room, target, now, lead, shown)
  if (!decision.notify || !room) return decision

  // The merchant's chosen language (options), as the rest of the worker speaks it.
  const language = await getSetting(db, "language")
  if (language !== currentLanguage()) await applyLanguage(language)
  const time = formatStart(target.start, now, uiLanguage())
  const anchor = oneLine(room.anchorName) || "—"
  const title = t("reminder_title", [oneLine(room.name)])
  const message = decision.minutesLeft > 0 ? t("reminder_message", [anchor, time, String(decision.minutesLeft)]) : t("reminder_message_now", [anchor, time])
  let error: string | null = null
  try {
    // Shown before it is recorded: if the worker stops in between, the alarm is planned again
    // and the same id replaces the notification instead of adding a second one.
    await chrome.notifications.create(id, {
      type: "basic",
      iconUrl: iconUrl(),
      title,
      message,
      contextMessage: t("reminder_context"),
      priority: 2,
      requireInteraction: true
    })
  } catch (e) {
    error = e instanceof Error ? e.message : String(e)
    console.error("[himall-live-helper] reminder notification failed", e)
  }
  await putFact(db, key, { roomId: room.roomId, start: target.start, notificationId: id, title, message, shownAt: now, error }, now)
  return decision
}

/** A click on a reminder: bring WeChat's console up (see WECHAT_HOME) and clear the notification. */
export async function handleNotificationClick(id: string): Promise<boolean> {
  if (!id.startsWith(REMINDER_PREFIX)) return false
  await openWechatConsole()
  await chrome.notifications.clear(id)
  return true
}

async function openWechatConsole(): Promise<void> {
  const live = await chrome.tabs.query({ url: "https://live.weixin.qq.com/*" })
  const mp = await chrome.tabs.query({ url: "https://mp.weixin.qq.com/*" })
  const loggedIn = mp.filter((tab) => /[?&]token=\d+/.test(tab.url ?? ""))
  const tab = [...live, ...loggedIn, ...mp].find((x) => x.id != null)
  if (tab?.id != null) {
    await chrome.tabs.update(tab.id, { active: true })
    if (tab.windowId != null) await chrome.windows?.update(tab.windowId, { focused: true }).catch(() => undefined)
    return
  }
  await chrome.tabs.create({ url: WECHAT_HOME, active: true })
}

async function ensureRefreshAlarm(): Promise<void> {
  const current = await chrome.alarms.get(REFRESH_ALARM)
  if (current?.periodInMinutes === REFRESH_PERIOD_MINUTES) return
  await chrome.alarms.create(REFRESH_ALARM, { delayInMinutes: REFRESH_PERIOD_MINUTES, periodInMinutes: REFRESH_PERIOD_MINUTES })
}

/** Reminders of rooms that started, were deleted or moved are no longer true: take them away. */
async function clearObsoleteNotifications(rooms: readonly GoingLiveRoom[], now: number): Promise<void> {
  let shown: Record<string, unknown>
  try {
    shown = await chrome.notifications.getAll()
  } catch {
    return
  }
  const byId = new Map(rooms.map((r) => [r.roomId, r]))
  for (const id of Object.keys(shown)) {
    const target = id.startsWith(REMINDER_PREFIX) ? parseReminderName(id) : null
    if (!target) continue
    const room = byId.get(target.roomId)
    const stillTrue = room && room.goneAt == null && room.start === target.start && mayStart(room.liveStatus) && (room.end == null || now <= room.end)
    if (!stillTrue) await chrome.notifications.clear(id)
  }
}

async function pruneReminded(db: HelperDb, keys: readonly FactKey[], now: number): Promise<void> {
  const old = keys.filter((k) => {
    const target = parseReminderName(k)
    return target && target.start < now - KEEP_REMINDED_MS
  })
  await deleteFacts(db, old)
}

function iconUrl(): string {
  const icons: Record<string, string> = { ...(chrome.runtime.getManifest().icons ?? {}) }
  const best = Object.keys(icons).sort((a, b) => Number(b) - Number(a))[0]
  return chrome.runtime.getURL(best ? icons[best] : "icon128.png")
}
