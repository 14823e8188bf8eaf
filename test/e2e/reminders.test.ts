// Going live: a reminder before a room starts, from chrome.alarms, while the service worker
// is stopped. Rooms are seeded into `wechatRooms` as the 直播间管理 reader would store them
// (with banned, error, expired and late rooms beside, which get no reminder); the worker's
// start plans them. (The room flags themselves are pure rules: test/unit/going-live.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Page } from "playwright-core"

import { startSandbox, type Sandbox } from "../sandbox/server"
import {
  launchWithExtension,
  putRecords,
  readTable,
  startServiceWorker,
  stopServiceWorker,
  watchServiceWorker,
  type ExtensionBrowser
} from "../support/browser"
import { clearExtensionData } from "../support/goods"
import { waitFor } from "../support/wait"

const MIN = 60_000

let sandbox: Sandbox
let browser: ExtensionBrowser
let page: Page

beforeAll(async () => {
  sandbox = await startSandbox()
  browser = await launchWithExtension(sandbox)
  // A page for the DevTools session only: nothing on it talks to the extension.
  page = await browser.context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await sandbox?.close()
})

interface Alarm {
  name: string
  scheduledTime: number
  periodInMinutes?: number
}

function room(roomId: number, name: string, anchorName: string, start: number, liveStatus: number, now: number) {
  return {
    roomId,
    name,
    anchorName,
    anchorWechat: null,
    start,
    end: start + 60 * MIN,
    liveStatus,
    coverUrl: null,
    firstSeenAt: now - 60 * MIN,
    seenAt: now - MIN,
    goneAt: null
  }
}

async function alarms(): Promise<Alarm[]> {
  return (await browser.worker()).evaluate(() => chrome.alarms.getAll())
}

describe("going live", () => {
  it("reminds of a room starting soon once, by an alarm that starts the stopped worker", async () => {
    const t0 = Date.now()
    // The worker's start planned the periodic refresh (and opened the database).
    await expect.poll(async () => (await alarms()).find((a) => a.name === "going-live|refresh")?.periodInMinutes, { timeout: 15_000 }).toBe(15)
    await clearExtensionData(browser, ["wechatRooms", "facts", "settings"])

    const now = Date.now()
    // Due 36 s from now with the default 15-minute lead (Chrome's minimum alarm delay is 30 s).
    const soon = Math.round(now + 15.6 * MIN)
    const later = Math.round(now + 120 * MIN)
    await putRecords(browser, "wechatRooms", [
      room(11, "春季新品首发", "小美", soon, 102, now),
      room(12, "夏日清凉专场", "阿杰", later, 102, now),
      room(13, "违规直播间", "主播甲", now + 30 * MIN, 104, now),
      room(14, "推流异常直播间", "主播乙", now - 10 * MIN, 106, now),
      room(15, "过期直播间", "主播丙", now - 3 * 24 * 60 * MIN, 107, now),
      room(16, "迟迟未开播", "主播丁", now - 20 * MIN, 102, now)
    ])

    // A new start of the worker plans reminders from what is stored.
    await stopServiceWorker(browser, page)
    await startServiceWorker(browser, page)
    const reminderSoon = `reminder|11|${soon}`
    await expect
      .poll(async () => (await alarms()).map((a) => a.name).sort(), { timeout: 15_000 })
      .toEqual(["going-live|refresh", reminderSoon, `reminder|12|${later}`].sort())
    const planned = await alarms()
    const soonAlarm = planned.find((a) => a.name === reminderSoon)!
    expect(Math.abs(soonAlarm.scheduledTime - (soon - 15 * MIN))).toBeLessThan(1000)
    expect(Math.abs(planned.find((a) => a.name === `reminder|12|${later}`)!.scheduledTime - (later - 15 * MIN))).toBeLessThan(1000)
    expect(await (await browser.worker()).evaluate(() => chrome.notifications.getAll())).toEqual({})

    // The worker is asleep when the reminder is due: the alarm must start it.
    const watch = await watchServiceWorker(browser, page)
    await stopServiceWorker(browser, page)
    expect(watch.current()).toBe("stopped")
    const stoppedAt = Date.now()
    expect(stoppedAt).toBeLessThan(soonAlarm.scheduledTime - 2000)
    await waitFor(() => watch.current() === "running", {
      timeout: soonAlarm.scheduledTime + 30_000 - Date.now(),
      message: "the reminder alarm never started the worker"
    })
    const startedAt = watch.changes.find((c) => c.at > stoppedAt && c.status !== "stopped")?.at ?? null
    await watch.stop()
    console.log(
      `[reminders] planned ${new Date(soonAlarm.scheduledTime).toISOString()}; worker stopped ${soonAlarm.scheduledTime - stoppedAt} ms before, started again ${startedAt == null ? "never" : `${startedAt - soonAlarm.scheduledTime} ms after`} the alarm time`
    )
    expect(startedAt).not.toBeNull()
    // Nothing else woke it: it was still stopped just before the alarm was due.
    expect(watch.statusAt(soonAlarm.scheduledTime - 1000)).toBe("stopped")

    const sw = await browser.worker()
    await expect.poll(() => sw.evaluate(() => chrome.notifications.getAll()), { timeout: 15_000 }).toEqual({ [reminderSoon]: true })
    const facts = await readTable<{ key: string; value: { title: string; message: string; notificationId: string; error: string | null } }>(browser, "facts")
    const fact = facts.find((f) => f.key === `reminded|11|${soon}`)!
    expect(fact.value).toMatchObject({ notificationId: reminderSoon, error: null })
    expect(fact.value.title).toBe("直播即将开始：春季新品首发")
    // The start shows as HH:mm, with the date in front when the run crosses midnight.
    expect(fact.value.message).toMatch(/^主播 小美 · (\d\d\/\d\d )?\d\d:\d\d 开播（约 1[45] 分钟后）$/)
    // Shown once: its alarm is gone, the later room's stays.
    await expect
      .poll(async () => (await alarms()).map((a) => a.name).sort(), { timeout: 10_000 })
      .toEqual(["going-live|refresh", `reminder|12|${later}`].sort())
    console.log(`[reminders] test took ${Date.now() - t0} ms`)
  }, 110_000)
})
