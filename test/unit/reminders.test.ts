import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { handleAlarm, handleNotificationClick, refreshReminders, WECHAT_HOME } from "~background/reminders"
import { REFRESH_ALARM, REFRESH_PERIOD_MINUTES, remindedKey, reminderAlarmName } from "~core/going-live"
import type { RemindedFact } from "~db/facts"
import { readLeadMinutes, roomFlags } from "~db/going-live"
import { HelperDb, type WechatRoomRecord } from "~db/schema"

import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

const MIN = 60_000
const NOW = Date.UTC(2024, 5, 1, 6, 0, 0)

function room(roomId: number, over: Partial<WechatRoomRecord> = {}): WechatRoomRecord {
  return {
    roomId,
    name: `春季新品直播${roomId}`,
    anchorName: `小美${roomId}`,
    anchorWechat: null,
    start: NOW + 60 * MIN,
    end: NOW + 120 * MIN,
    liveStatus: 102,
    coverUrl: null,
    firstSeenAt: NOW - 60 * MIN,
    seenAt: NOW - MIN,
    goneAt: null,
    ...over
  }
}

let fake: FakeChrome
let db: HelperDb
let n = 0
beforeEach(async () => {
  fake = installFakeChrome()
  db = new HelperDb(`reminders-${n++}`)
  await db.open()
})
afterEach(() => db.delete())

const reminderAlarms = () =>
  [...fake.alarms.values()]
    .filter((a) => a.name.startsWith("reminder|"))
    .map((a) => [a.name, a.scheduledTime])
    .sort()

/** Fire an alarm as Chrome does: a one-shot alarm is gone once it fired. */
async function fire(name: string, at: number) {
  const alarm = fake.alarms.get(name)!
  expect(alarm).toBeDefined()
  if (!alarm.periodInMinutes) fake.alarms.delete(name)
  return handleAlarm(db, alarm, at)
}

describe("refreshReminders", () => {
  it("sets one alarm per upcoming room at start minus the lead, and the periodic refresh", async () => {
    await db.wechatRooms.bulkPut([
      room(1, { start: NOW + 60 * MIN }),
      room(2, { start: NOW + 20 * MIN }),
      room(3, { liveStatus: 101, start: NOW - 10 * MIN }),
      room(4, { liveStatus: 104 }),
      room(5, { goneAt: NOW - MIN }),
      room(6, { start: NOW - 30 * MIN })
    ])
    await refreshReminders(db, NOW)
    expect(reminderAlarms()).toEqual([
      [reminderAlarmName(1, NOW + 60 * MIN), NOW + 45 * MIN],
      [reminderAlarmName(2, NOW + 20 * MIN), NOW + 5 * MIN]
    ])
    expect(fake.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: REFRESH_PERIOD_MINUTES })

    // Idempotent: the periodic alarm is not reset (that would postpone it forever on a busy worker).
    const periodic = fake.alarms.get(REFRESH_ALARM)!.scheduledTime
    // A minute later by the clock alarms are set by: a periodic alarm made again would be due later.
    vi.useFakeTimers({ toFake: ["Date"] })
    try {
      vi.setSystemTime(Date.now() + MIN)
      await refreshReminders(db, NOW + MIN)
    } finally {
      vi.useRealTimers()
    }
    expect(fake.alarms.get(REFRESH_ALARM)!.scheduledTime).toBe(periodic)
    expect(reminderAlarms()).toHaveLength(2)
  })

  it("follows the lead setting", async () => {
    await db.wechatRooms.put(room(1, { start: NOW + 60 * MIN }))
    await refreshReminders(db, NOW)
    expect(reminderAlarms()).toEqual([[reminderAlarmName(1, NOW + 60 * MIN), NOW + 45 * MIN]])
    await db.settings.put({ key: "reminderLeadMinutes", value: 30 })
    expect(await readLeadMinutes(db)).toBe(30)
    await refreshReminders(db, NOW)
    expect(reminderAlarms()).toEqual([[reminderAlarmName(1, NOW + 60 * MIN), NOW + 30 * MIN]])
    await db.settings.put({ key: "reminderLeadMinutes", value: "garbage" })
    await refreshReminders(db, NOW)
    expect(reminderAlarms()).toEqual([[reminderAlarmName(1, NOW + 60 * MIN), NOW + 45 * MIN]])
  })

  it("removes alarms of rooms gone, started or moved, and sets the moved one again", async () => {
    await db.wechatRooms.bulkPut([room(1), room(2), room(3)])
    await refreshReminders(db, NOW)
    expect(reminderAlarms()).toHaveLength(3)
    await db.wechatRooms.delete(1)
    await db.wechatRooms.update(2, { liveStatus: 101 })
    await db.wechatRooms.update(3, { start: NOW + 90 * MIN, end: NOW + 150 * MIN })
    await refreshReminders(db, NOW)
    expect(reminderAlarms()).toEqual([[reminderAlarmName(3, NOW + 90 * MIN), NOW + 75 * MIN]])
  })

  it("leaves other alarms alone", async () => {
    fake.alarms.set("someone-else", { name: "someone-else", scheduledTime: NOW + MIN, persistAcrossSessions: true } as chrome.alarms.Alarm)
    await refreshReminders(db, NOW)
    expect(fake.alarms.has("someone-else")).toBe(true)
    expect(await handleAlarm(db, { name: "someone-else" }, NOW)).toBe(false)
  })

  it("roomFlags reads the rooms needing the merchant, with the lead setting", async () => {
    await db.wechatRooms.bulkPut([
      room(1, { liveStatus: 104 }),
      room(2, { liveStatus: 106 }),
      room(3, { liveStatus: 107, start: NOW - 3000 * MIN, end: NOW - 2000 * MIN }),
      room(4, { start: NOW - 30 * MIN }),
      room(5, { start: NOW + 20 * MIN }),
      room(6, { start: NOW + 3 * 60 * MIN })
    ])
    expect((await roomFlags(db, NOW)).map((f) => [f.roomId, f.kind])).toEqual([
      [1, "banned"],
      [2, "error"],
      [4, "late"],
      [3, "expired"]
    ])
    await db.settings.put({ key: "reminderLeadMinutes", value: 30 })
    expect((await roomFlags(db, NOW)).map((f) => [f.roomId, f.kind])).toContainEqual([5, "starting_soon"])
  })
})

describe("a reminder firing", () => {
  it("notifies once, naming room, anchor and start, and records it", async () => {
    const start = new Date(2024, 5, 1, 20, 30).getTime()
    await db.wechatRooms.put(room(7, { start, end: start + 60 * MIN, name: "春季新品\n直播", anchorName: "小美" }))
    await refreshReminders(db, start - 60 * MIN)
    const name = reminderAlarmName(7, start)
    expect(fake.alarms.get(name)?.scheduledTime).toBe(start - 15 * MIN)

    expect(await fire(name, start - 15 * MIN)).toBe(true)
    const shown = fake.notifications.get(name)!
    expect(shown).toMatchObject({
      type: "basic",
      title: "直播即将开始：春季新品 直播",
      message: "主播 小美 · 20:30 开播（约 15 分钟后）",
      contextMessage: "点击打开微信公众平台，进入 直播 → 直播间管理",
      requireInteraction: true
    })
    expect(shown.iconUrl).toMatch(/^chrome-extension:\/\//)
    const fact = await db.facts.get(remindedKey(7, start))
    expect(fact?.value).toEqual({
      roomId: 7,
      start,
      notificationId: name,
      title: shown.title!,
      message: shown.message!,
      shownAt: start - 15 * MIN,
      error: null
    } satisfies RemindedFact)
    // Not planned again, and a second firing (a racing refresh) shows nothing new.
    expect(fake.alarms.has(name)).toBe(false)
    fake.notifications.clear()
    await handleAlarm(db, { name }, start - 14 * MIN)
    expect(fake.notifications.size).toBe(0)
  })

  it("speaks English in an English browser", async () => {
    fake.lang = "en"
    const start = new Date(2024, 5, 1, 20, 30).getTime()
    await db.wechatRooms.put(room(7, { start, end: start + 60 * MIN, name: "Spring sale", anchorName: "Mei" }))
    await refreshReminders(db, start - 60 * MIN)
    await fire(reminderAlarmName(7, start), start - 15 * MIN)
    expect(fake.notifications.get(reminderAlarmName(7, start))).toMatchObject({
      title: "Going live soon: Spring sale",
      message: "Anchor Mei · starts at 20:30 (in about 15 min)"
    })
  })

  it("a room stored within the lead is reminded at once", async () => {
    await db.wechatRooms.put(room(1, { start: NOW + 11 * MIN }))
    await refreshReminders(db, NOW)
    const name = reminderAlarmName(1, NOW + 11 * MIN)
    expect(fake.alarms.get(name)?.scheduledTime).toBe(NOW)
    await fire(name, NOW + 30_000)
    expect(fake.notifications.get(name)?.message).toContain("约 11 分钟后")
  })

  it("stays quiet for a room that started, moved or was deleted since", async () => {
    await db.wechatRooms.bulkPut([room(1), room(2), room(3)])
    await refreshReminders(db, NOW)
    await db.wechatRooms.update(1, { liveStatus: 101 })
    await db.wechatRooms.update(2, { start: NOW + 70 * MIN })
    await db.wechatRooms.delete(3)
    for (const id of [1, 2, 3]) await handleAlarm(db, { name: reminderAlarmName(id, NOW + 60 * MIN) }, NOW + 45 * MIN)
    expect(fake.notifications.size).toBe(0)
    expect(await db.facts.count()).toBe(0)
    // The moved room got its new alarm.
    expect(reminderAlarms()).toEqual([[reminderAlarmName(2, NOW + 70 * MIN), NOW + 55 * MIN]])
  })

  it("an alarm left from a longer lead is set again for the current one", async () => {
    await db.settings.put({ key: "reminderLeadMinutes", value: 30 })
    await db.wechatRooms.put(room(1))
    await refreshReminders(db, NOW)
    await db.settings.put({ key: "reminderLeadMinutes", value: 10 })
    const name = reminderAlarmName(1, NOW + 60 * MIN)
    await fire(name, NOW + 30 * MIN)
    expect(fake.notifications.size).toBe(0)
    expect(fake.alarms.get(name)?.scheduledTime).toBe(NOW + 50 * MIN)
  })

  it("records the reminder even when notifications are blocked", async () => {
    fake.notificationError = "notifications are disabled"
    await db.wechatRooms.put(room(1))
    await refreshReminders(db, NOW)
    await fire(reminderAlarmName(1, NOW + 60 * MIN), NOW + 45 * MIN)
    const fact = await db.facts.get(remindedKey(1, NOW + 60 * MIN))
    expect((fact?.value as RemindedFact).error).toBe("notifications are disabled")
    expect(reminderAlarms()).toEqual([])
  })

  it("the periodic alarm re-plans everything", async () => {
    await refreshReminders(db, NOW)
    await db.wechatRooms.put(room(1))
    expect(await fire(REFRESH_ALARM, NOW + 15 * MIN)).toBe(true)
    expect(reminderAlarms()).toEqual([[reminderAlarmName(1, NOW + 60 * MIN), NOW + 45 * MIN]])
    expect(fake.alarms.has(REFRESH_ALARM)).toBe(true)
  })

  it("takes away reminders of rooms that went live, and forgets old ones", async () => {
    await db.wechatRooms.bulkPut([room(1), room(2)])
    await refreshReminders(db, NOW)
    await fire(reminderAlarmName(1, NOW + 60 * MIN), NOW + 45 * MIN)
    await fire(reminderAlarmName(2, NOW + 60 * MIN), NOW + 45 * MIN)
    expect(fake.notifications.size).toBe(2)
    await db.wechatRooms.update(1, { liveStatus: 101 })
    await refreshReminders(db, NOW + 61 * MIN)
    expect([...fake.notifications.keys()]).toEqual([reminderAlarmName(2, NOW + 60 * MIN)])
    expect(await db.facts.count()).toBe(2)
    await refreshReminders(db, NOW + 8 * 24 * 60 * MIN)
    expect(await db.facts.count()).toBe(0)
    expect(fake.notifications.size).toBe(0)
  })
})

describe("a click on a reminder", () => {
  it("opens WeChat's MP backend when no console tab is open, and clears the notification", async () => {
    fake.notifications.set("reminder|1|2", { title: "x" })
    expect(await handleNotificationClick("reminder|1|2")).toBe(true)
    expect(fake.openedTabs).toEqual([WECHAT_HOME])
    expect(fake.notifications.size).toBe(0)
  })

  it("brings an open, logged-in console tab to the front instead", async () => {
    fake.tabs.push(
      { id: 5, windowId: 2, url: "https://mp.weixin.qq.com/cgi-bin/loginpage" } as chrome.tabs.Tab,
      { id: 6, windowId: 3, url: "https://mp.weixin.qq.com/wxamp/frame/live/goods/index?token=123&lang=zh_CN" } as chrome.tabs.Tab
    )
    await handleNotificationClick("reminder|1|2")
    expect(fake.openedTabs).toEqual([])
    expect(fake.activatedTabs).toEqual([6])
    expect(fake.focusedWindows).toEqual([3])
  })

  it("ignores other notifications", async () => {
    expect(await handleNotificationClick("other")).toBe(false)
    expect(fake.openedTabs).toEqual([])
  })
})
