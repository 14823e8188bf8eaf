// WeChat's 创建直播间 rules (core/room-rules.ts): units, each rule with its problem code at its
// edges, and the form's local time text.
import { describe, expect, it } from "vitest"

import {
  addMonths,
  anchorNameProblem,
  anchorWechatProblem,
  counterValue,
  formatRoomTime,
  fromDateTimeLocal,
  MINUTE_MS,
  parseRoomTime,
  problemField,
  ROOM_PROBLEMS,
  roomFormValues,
  roomProblems,
  textUnits,
  timeProblem,
  titleProblem,
  toDateTimeLocal,
  type RoomRulesInput
} from "~core/room-rules"

const NOW = new Date(2030, 0, 15, 10, 0).getTime()
const H = 60 * MINUTE_MS

function plan(over: Partial<RoomRulesInput> = {}): RoomRulesInput {
  return {
    title: "店庆特惠专场",
    start: NOW + 24 * H,
    end: NOW + 26 * H,
    anchorName: "小美",
    anchorWechat: "himall_anchor",
    hasShareImage: true,
    hasRoomCover: true,
    ...over
  }
}

describe("units like WeChat", () => {
  it("counts a non-ASCII character 2 and an ASCII one 1", () => {
    expect(textUnits("直播")).toBe(4)
    expect(textUnits("iPhone直播")).toBe(10)
    expect(textUnits("😀")).toBe(2)
    expect(counterValue("abc")).toBe(2)
    expect(counterValue(" 店庆特惠专场 ")).toBe(6)
  })
})

describe("title: 3–17 Chinese characters", () => {
  it.each([
    ["", "title_empty"],
    ["   ", "title_empty"],
    ["直播", "title_too_short"],
    ["abcde", "title_too_short"],
    ["新品发", null],
    ["abcdef", null],
    ["一二三四五六七八九十一二三四五六七", null],
    ["一二三四五六七八九十一二三四五六七八", "title_too_long"],
    ["一二三四五六七八九十一二三四五六七a", "title_too_long"]
  ])("%j → %s", (title, problem) => expect(titleProblem(title)).toBe(problem))
})

describe("anchor nickname: 2–15 Chinese characters", () => {
  it.each([
    ["", "anchor_empty"],
    ["美", "anchor_too_short"],
    ["abc", "anchor_too_short"],
    ["小美", null],
    ["abcd", null],
    ["一二三四五六七八九十一二三四五", null],
    ["一二三四五六七八九十一二三四五六", "anchor_too_long"]
  ])("%j → %s", (name, problem) => expect(anchorNameProblem(name)).toBe(problem))
})

describe("anchor WeChat account", () => {
  it.each([
    ["", "wechat_empty"],
    ["  ", "wechat_empty"],
    ["himall_anchor", null],
    ["wxid_abc-123", null],
    ["13800138000", null],
    ["小美的微信", "wechat_invalid"],
    ["him all", "wechat_invalid"]
  ])("%j → %s", (account, problem) => expect(anchorWechatProblem(account)).toBe(problem))
})

describe("times: ≥ 10 minutes ahead, ≤ 6 months ahead, 30 minutes to 24 hours", () => {
  it("takes a start exactly 10 minutes ahead, refuses one a minute sooner", () => {
    expect(timeProblem(NOW + 10 * MINUTE_MS, NOW + 70 * MINUTE_MS, NOW)).toBeNull()
    expect(timeProblem(NOW + 9 * MINUTE_MS, NOW + 69 * MINUTE_MS, NOW)).toBe("start_too_soon")
    expect(timeProblem(NOW - H, NOW + H, NOW)).toBe("start_too_soon")
  })
  it("takes a start 6 calendar months ahead, refuses one a minute later", () => {
    const limit = addMonths(NOW, 6)
    expect(new Date(limit).getMonth()).toBe(6)
    expect(timeProblem(limit, limit + H, NOW)).toBeNull()
    expect(timeProblem(limit + MINUTE_MS, limit + H + MINUTE_MS, NOW)).toBe("start_too_far")
  })
  it("takes 30 minutes and 24 hours exactly, refuses a minute less or more", () => {
    const s = NOW + H
    expect(timeProblem(s, s + 30 * MINUTE_MS, NOW)).toBeNull()
    expect(timeProblem(s, s + 29 * MINUTE_MS, NOW)).toBe("too_short")
    expect(timeProblem(s, s + 24 * H, NOW)).toBeNull()
    expect(timeProblem(s, s + 24 * H + MINUTE_MS, NOW)).toBe("too_long")
  })
  it("needs both times, the end after the start", () => {
    expect(timeProblem(null, NOW + H, NOW)).toBe("time_missing")
    expect(timeProblem(NOW + H, null, NOW)).toBe("time_missing")
    expect(timeProblem(NOW + 2 * H, NOW + H, NOW)).toBe("end_before_start")
    expect(timeProblem(NOW + 2 * H, NOW + 2 * H, NOW)).toBe("end_before_start")
  })
})

describe("roomProblems", () => {
  it("a good plan breaks nothing", () => expect(roomProblems(plan(), NOW)).toEqual([]))
  it("lists every broken rule in form order", () => {
    expect(
      roomProblems(
        plan({
          title: "直播",
          start: NOW + 5 * MINUTE_MS,
          end: NOW + 10 * MINUTE_MS,
          anchorName: "",
          anchorWechat: "小美",
          hasShareImage: false,
          hasRoomCover: false
        }),
        NOW
      )
    ).toEqual(["title_too_short", "start_too_soon", "anchor_empty", "wechat_invalid", "share_image_missing", "room_cover_missing"])
  })
  it("judges the times at minute precision, as the form takes them", () => {
    // 10 minutes and 30 seconds ahead is written as the minute: 10 minutes ahead, still fine.
    expect(roomProblems(plan({ start: NOW + 10 * MINUTE_MS + 30_000, end: NOW + 2 * H }), NOW)).toEqual([])
  })
  it("every problem code belongs to a field", () => {
    expect(ROOM_PROBLEMS.map(problemField)).toEqual([
      "title",
      "title",
      "title",
      "time",
      "time",
      "time",
      "time",
      "time",
      "time",
      "anchorName",
      "anchorName",
      "anchorName",
      "anchorWechat",
      "anchorWechat",
      "shareImage",
      "roomCover"
    ])
  })
})

describe("the form's time text", () => {
  it("formats and parses YYYY-MM-DD HH:mm in local time", () => {
    const ms = new Date(2030, 5, 1, 20, 5).getTime()
    expect(formatRoomTime(ms)).toBe("2030-06-01 20:05")
    expect(parseRoomTime("2030-06-01 20:05")).toBe(ms)
    expect(parseRoomTime("2030/6/1 20:05")).toBe(ms)
    expect(parseRoomTime("2030-06-01T20:05")).toBe(ms)
    expect(parseRoomTime(" 2030-06-01 20:05:00 ")).toBe(ms)
    expect(parseRoomTime("2030年6月1日 20:05")).toBe(ms)
  })
  it("refuses what is not a real date and time", () => {
    for (const bad of ["", "2030-02-30 10:00", "2030-06-01", "2030-06-01 24:00", "2030-06-01 10:60", "明天 10:00", "2030-13-01 10:00"]) {
      expect(parseRoomTime(bad), bad).toBeNull()
    }
  })
  it("round-trips datetime-local values", () => {
    const ms = new Date(2030, 11, 31, 23, 59).getTime()
    expect(toDateTimeLocal(ms)).toBe("2030-12-31T23:59")
    expect(fromDateTimeLocal("2030-12-31T23:59")).toBe(ms)
    expect(toDateTimeLocal(null)).toBe("")
    expect(fromDateTimeLocal("")).toBeNull()
  })
  it("roomFormValues: what fill-room writes", () => {
    const start = new Date(2030, 5, 1, 20, 0).getTime()
    expect(
      roomFormValues({ title: " 店庆特惠专场 ", start, end: start + 2 * H, anchorName: "小美 ", anchorWechat: " himall_anchor", allowComment: false })
    ).toEqual({
      title: "店庆特惠专场",
      startText: "2030-06-01 20:00",
      endText: "2030-06-01 22:00",
      anchorName: "小美",
      anchorWechat: "himall_anchor",
      allowComment: false
    })
  })
})
