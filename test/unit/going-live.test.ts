import { describe, expect, it } from "vitest"

import {
  flagRooms,
  formatStart,
  LATE_GRACE_MS,
  oneLine,
  parseReminderName,
  plannedReminders,
  reconcileReminderAlarms,
  remindedKey,
  reminderAlarmName,
  reminderDecision,
  reminderTime,
  type GoingLiveRoom
} from "~core/going-live"

const MIN = 60_000
const NOW = Date.UTC(2024, 5, 1, 6, 0, 0)

function room(roomId: number, over: Partial<GoingLiveRoom> = {}): GoingLiveRoom {
  return {
    roomId,
    name: `直播间${roomId}`,
    anchorName: `主播${roomId}`,
    start: NOW + 60 * MIN,
    end: NOW + 120 * MIN,
    liveStatus: 102,
    seenAt: NOW - MIN,
    goneAt: null,
    ...over
  }
}

describe("the reminder lead", () => {
  it("puts the reminder that many minutes before the start", () => {
    expect(reminderTime(NOW, 15)).toBe(NOW - 15 * MIN)
    expect(reminderTime(NOW, 0)).toBe(NOW)
  })
})

describe("reminder names", () => {
  it("round-trip room and start through alarm names and fact keys", () => {
    expect(reminderAlarmName(7, NOW)).toBe(`reminder|7|${NOW}`)
    expect(remindedKey(7, NOW)).toBe(`reminded|7|${NOW}`)
    expect(parseReminderName(reminderAlarmName(7, NOW))).toEqual({ roomId: 7, start: NOW })
    expect(parseReminderName(remindedKey(7, NOW))).toEqual({ roomId: 7, start: NOW })
    expect(parseReminderName("going-live|refresh")).toBeNull()
    expect(parseReminderName("reminder|x|1")).toBeNull()
    expect(parseReminderName("reminder|1|2|3")).toBeNull()
  })
})

describe("planned reminders", () => {
  it("one per room still to start, not deleted, not yet reminded, soonest first", () => {
    const rooms = [
      room(1, { start: NOW + 90 * MIN }),
      room(2, { start: NOW + 30 * MIN }),
      room(3, { liveStatus: 101 }),
      room(4, { liveStatus: 104 }),
      room(5, { goneAt: NOW - MIN }),
      room(6, { start: NOW - MIN }),
      room(7, { start: NOW + 5 * MIN }),
      room(8, { start: NOW + 40 * MIN })
    ]
    const reminded = new Set([remindedKey(8, NOW + 40 * MIN)])
    expect(plannedReminders(rooms, NOW, 15, reminded)).toEqual([
      // Starts within the lead: due at once.
      { name: reminderAlarmName(7, NOW + 5 * MIN), roomId: 7, start: NOW + 5 * MIN, when: NOW - 10 * MIN },
      { name: reminderAlarmName(2, NOW + 30 * MIN), roomId: 2, start: NOW + 30 * MIN, when: NOW + 15 * MIN },
      { name: reminderAlarmName(1, NOW + 90 * MIN), roomId: 1, start: NOW + 90 * MIN, when: NOW + 75 * MIN }
    ])
  })

  it("a moved start is a new reminder, even when the old one was shown", () => {
    const reminded = new Set([remindedKey(1, NOW + 60 * MIN)])
    expect(plannedReminders([room(1, { start: NOW + 80 * MIN })], NOW, 15, reminded).map((p) => p.name)).toEqual([reminderAlarmName(1, NOW + 80 * MIN)])
  })
})

describe("reconciling alarms", () => {
  const planned = plannedReminders([room(1, { start: NOW + 60 * MIN }), room(2, { start: NOW + 5 * MIN })], NOW, 15, new Set())

  it("creates missing alarms, never in the past, and clears reminders no longer planned", () => {
    const existing = [
      { name: reminderAlarmName(9, NOW + 10 * MIN), scheduledTime: NOW + 5 * MIN },
      { name: "going-live|refresh", scheduledTime: NOW + 15 * MIN },
      { name: "someone-else", scheduledTime: NOW }
    ]
    expect(reconcileReminderAlarms(existing, planned, NOW)).toEqual({
      create: [
        { name: reminderAlarmName(2, NOW + 5 * MIN), when: NOW },
        { name: reminderAlarmName(1, NOW + 60 * MIN), when: NOW + 45 * MIN }
      ],
      clear: [reminderAlarmName(9, NOW + 10 * MIN)]
    })
  })

  it("leaves alarms that are right, and due-now alarms Chrome pushed to its 30 s minimum", () => {
    const existing = [
      { name: reminderAlarmName(1, NOW + 60 * MIN), scheduledTime: NOW + 45 * MIN + 200 },
      { name: reminderAlarmName(2, NOW + 5 * MIN), scheduledTime: NOW + 30_000 }
    ]
    expect(reconcileReminderAlarms(existing, planned, NOW)).toEqual({ create: [], clear: [] })
  })

  it("moves alarms when the lead changed", () => {
    const existing = [{ name: reminderAlarmName(1, NOW + 60 * MIN), scheduledTime: NOW + 45 * MIN }]
    const longer = plannedReminders([room(1, { start: NOW + 60 * MIN })], NOW, 30, new Set())
    expect(reconcileReminderAlarms(existing, longer, NOW).create).toEqual([{ name: reminderAlarmName(1, NOW + 60 * MIN), when: NOW + 30 * MIN }])
    const allDay = plannedReminders([room(1, { start: NOW + 60 * MIN })], NOW, 120, new Set())
    expect(reconcileReminderAlarms(existing, allDay, NOW).create).toEqual([{ name: reminderAlarmName(1, NOW + 60 * MIN), when: NOW }])
    // A due-now alarm is moved later when the lead got shorter.
    const soon = [{ name: reminderAlarmName(1, NOW + 60 * MIN), scheduledTime: NOW + 30_000 }]
    expect(
      reconcileReminderAlarms(
        soon,
        planned.filter((p) => p.roomId === 1),
        NOW
      ).create
    ).toEqual([{ name: reminderAlarmName(1, NOW + 60 * MIN), when: NOW + 45 * MIN }])
  })
})

describe("rooms with an unknown start, end or status", () => {
  it("a room whose status is unknown is reminded before a known start; one without a start never", () => {
    const planned = plannedReminders(
      [room(1, { liveStatus: null }), room(2, { start: null }), room(3, { start: null, liveStatus: null }), room(4, { liveStatus: 101 })],
      NOW,
      15,
      new Set()
    )
    expect(planned.map((p) => p.roomId)).toEqual([1])
    const fired = { roomId: 1, start: NOW + 60 * MIN }
    expect(reminderDecision(room(1, { liveStatus: null }), fired, NOW + 45 * MIN, 15, false)).toEqual({ notify: true, minutesLeft: 15 })
    expect(reminderDecision(room(1, { start: null }), fired, NOW + 45 * MIN, 15, false)).toEqual({ notify: false, reason: "changed" })
  })

  it("flags nothing on a guess: an unknown status is never late, only starting soon before a known start", () => {
    const flags = (r: GoingLiveRoom, now: number) => flagRooms([r], now, 15).map((f) => f.kind)
    expect(flags(room(1, { liveStatus: null }), NOW + 50 * MIN)).toEqual(["starting_soon"])
    expect(flags(room(1, { liveStatus: null }), NOW + 2 * 60 * MIN)).toEqual([])
    expect(flags(room(1, { start: null }), NOW + 2 * 60 * MIN)).toEqual([])
    expect(flags(room(1, { end: null }), NOW + 2 * 60 * MIN)).toEqual(["late"])
    // Known bad statuses are flagged whatever the times.
    expect(flags(room(1, { liveStatus: 104, start: null, end: null }), NOW)).toEqual(["banned"])
  })
})

describe("when a reminder fires", () => {
  const target = { roomId: 1, start: NOW + 15 * MIN }
  const r = { ...room(1), start: NOW + 15 * MIN }

  it("notifies with the minutes left", () => {
    expect(reminderDecision(r, target, NOW, 15, false)).toEqual({ notify: true, minutesLeft: 15 })
    expect(reminderDecision(r, target, NOW + 14 * MIN + 1, 15, false)).toEqual({ notify: true, minutesLeft: 1 })
    expect(reminderDecision(r, target, NOW + 16 * MIN, 15, false)).toEqual({ notify: true, minutesLeft: 0 })
  })

  it("stays quiet when it no longer applies", () => {
    expect(reminderDecision(undefined, target, NOW, 15, false)).toEqual({ notify: false, reason: "gone" })
    expect(reminderDecision({ ...r, goneAt: NOW }, target, NOW, 15, false)).toEqual({ notify: false, reason: "gone" })
    expect(reminderDecision({ ...r, start: r.start + MIN }, target, NOW, 15, false)).toEqual({ notify: false, reason: "changed" })
    expect(reminderDecision({ ...r, liveStatus: 101 }, target, NOW, 15, false)).toEqual({ notify: false, reason: "not_upcoming" })
    expect(reminderDecision(r, target, NOW, 15, true)).toEqual({ notify: false, reason: "already" })
    // An alarm set for a 30-minute lead, after the lead became 5 minutes.
    expect(reminderDecision(r, target, NOW - 15 * MIN, 5, false)).toEqual({ notify: false, reason: "early" })
    expect(reminderDecision(r, target, r.start + LATE_GRACE_MS + 1, 15, false)).toEqual({ notify: false, reason: "too_late" })
  })
})

describe("room flags", () => {
  it("lists banned, error, late, starting soon and expired rooms, most serious first", () => {
    const rooms = [
      room(1, { liveStatus: 107, start: NOW - 3 * 24 * 60 * MIN }),
      room(2, { start: NOW + 10 * MIN }),
      room(3, { start: NOW - 20 * MIN }),
      room(4, { liveStatus: 106 }),
      room(5, { liveStatus: 104 }),
      room(6, { liveStatus: 101 }),
      room(7, { liveStatus: 103 }),
      room(8, { liveStatus: 105 }),
      room(9, { start: NOW + 60 * MIN }),
      room(10, { liveStatus: 104, goneAt: NOW - MIN }),
      // Within the grace after its start: still "starting soon", not late.
      room(11, { start: NOW - 4 * MIN })
    ]
    const flags = flagRooms(rooms, NOW, 15)
    expect(flags.map((f) => [f.roomId, f.kind, f.urgent])).toEqual([
      [5, "banned", true],
      [4, "error", true],
      [3, "late", true],
      [11, "starting_soon", true],
      [2, "starting_soon", true],
      [1, "expired", false]
    ])
    expect(flags[0]).toEqual({
      kind: "banned",
      urgent: true,
      roomId: 5,
      name: "直播间5",
      anchorName: "主播5",
      start: NOW + 60 * MIN,
      end: NOW + 120 * MIN,
      liveStatus: 104,
      seenAt: NOW - MIN
    })
  })

  it("a room becomes late once its grace is over, and starting soon once its lead begins", () => {
    const r = room(1, { start: NOW })
    expect(flagRooms([r], NOW - 16 * MIN, 15)).toEqual([])
    expect(flagRooms([r], NOW - 15 * MIN, 15)[0].kind).toBe("starting_soon")
    expect(flagRooms([r], NOW + LATE_GRACE_MS, 15)[0].kind).toBe("starting_soon")
    expect(flagRooms([r], NOW + LATE_GRACE_MS + 1, 15)[0].kind).toBe("late")
    expect(flagRooms([r], NOW - 16 * MIN, 30)[0].kind).toBe("starting_soon")
  })
})

describe("notification text helpers", () => {
  it("formats the start as a time today, with the date on another day", () => {
    const start = new Date(2024, 5, 1, 14, 5).getTime()
    expect(formatStart(start, new Date(2024, 5, 1, 13, 50).getTime(), "zh-CN")).toBe("14:05")
    const other = formatStart(start, new Date(2024, 4, 31, 23, 50).getTime(), "zh-CN")
    expect(other).toContain("14:05")
    expect(other).toMatch(/06.01/)
  })

  it("keeps page text on one bounded line", () => {
    expect(oneLine("  春季\n新品  直播 ")).toBe("春季 新品 直播")
    expect(oneLine("一二三四五六", 4)).toBe("一二三…")
  })
})
