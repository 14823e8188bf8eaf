// The background's rooms store on fake IndexedDB: the qualification fact, 直播间管理 rooms
// (upsert, gone and back, plans linked to the room they became), room plans (images made to
// WeChat's sizes by an injected maker, drafts, keep / replace / remove, delete), the messages'
// validators and who may send them, through the real router.
import { Blob as NodeBlob } from "node:buffer"

import { beforeEach, describe, expect, it, vi } from "vitest"

import { createRouter } from "~background/router"
import {
  dataUrlToBlob,
  deletePlan,
  listPlans,
  preparePlan,
  recordPlanFilled,
  recordQualification,
  recordRooms,
  savePlan,
  withoutQuery,
  type ImageMaker
} from "~background/rooms"
import { MINUTE_MS, ROOM_COVER, SHARE_IMAGE } from "~core/room-rules"
import { QUALIFICATION_FACT } from "~db/facts"
import { getDb, type WechatRoomRecord } from "~db/schema"
import { parseEnvelope, SENDERS, type PlanSaveRequest, type WechatRoomMessage } from "~protocol/messages"

const db = getDb()
const NOW = new Date(2030, 0, 15, 10, 0).getTime()
const H = 60 * MINUTE_MS
const URL_HOME = "https://mp.weixin.qq.com/wxamp/index/index?token=123456&lang=zh_CN"

beforeEach(async () => {
  await db.open()
  await Promise.all(db.tables.map((t) => t.clear()))
})

function room(id: number, over: Partial<WechatRoomMessage> = {}): WechatRoomMessage {
  return {
    roomId: id,
    name: `直播间${id}号`,
    anchorName: "小美",
    anchorWechat: "himall_anchor",
    start: NOW + id * 24 * H,
    end: NOW + id * 24 * H + 2 * H,
    liveStatus: 102,
    statusText: "未开始",
    coverUrl: null,
    ...over
  }
}

describe("qualification fact", () => {
  const fact = async () => (await db.facts.get(QUALIFICATION_FACT)) ?? null

  it("records each state as seen, with the time, without the session token", async () => {
    expect(await recordQualification(db, "not_opened", URL_HOME, NOW)).toBe("not_opened")
    expect(await fact()).toEqual({ key: "qualification", value: { state: "not_opened", url: "https://mp.weixin.qq.com/wxamp/index/index" }, seenAt: NOW })
    expect(await recordQualification(db, "opened", URL_HOME, NOW + 1)).toBe("opened")
    expect(await fact()).toMatchObject({ value: { state: "opened" }, seenAt: NOW + 1 })
    expect(await recordQualification(db, "unqualified", URL_HOME, NOW + 2)).toBe("unqualified")
    expect(await fact()).toMatchObject({ value: { state: "unqualified" }, seenAt: NOW + 2 })
  })

  it("`listed` (直播 in the menu) never overrides a state, but drops a stale unqualified", async () => {
    expect(await recordQualification(db, "listed", URL_HOME, NOW)).toBeNull()
    expect(await fact()).toBeNull()
    await recordQualification(db, "opened", URL_HOME, NOW)
    expect(await recordQualification(db, "listed", URL_HOME, NOW + 5)).toBe("opened")
    expect(await fact()).toMatchObject({ value: { state: "opened" }, seenAt: NOW })
    await recordQualification(db, "unqualified", URL_HOME, NOW + 6)
    expect(await recordQualification(db, "listed", URL_HOME, NOW + 7)).toBeNull()
    expect(await fact()).toBeNull()
  })

  it("withoutQuery keeps origin and path", () => {
    expect(withoutQuery("https://live.weixin.qq.com/livemp/broadcast/index?token=1#x")).toBe("https://live.weixin.qq.com/livemp/broadcast/index")
    expect(withoutQuery("not a url")).toBe("")
  })
})

describe("rooms from 直播间管理", () => {
  it("upserts rooms, keeps firstSeenAt, and tells the reminders only when something changed", async () => {
    const changed = vi.fn(async () => undefined)
    expect(await recordRooms(db, { rooms: [room(1), room(2)], complete: true }, NOW, changed)).toEqual({ stored: 2, gone: 0, linked: 0 })
    expect(changed).toHaveBeenCalledTimes(1)
    await recordRooms(db, { rooms: [room(1), room(2)], complete: true }, NOW + 1000, changed)
    expect(changed).toHaveBeenCalledTimes(1)
    await recordRooms(db, { rooms: [room(1, { liveStatus: 101, statusText: "直播中" }), room(2)], complete: true }, NOW + 2000, changed)
    expect(changed).toHaveBeenCalledTimes(2)
    const r1 = (await db.wechatRooms.get(1))!
    expect(r1).toEqual<WechatRoomRecord>({
      roomId: 1,
      name: "直播间1号",
      anchorName: "小美",
      anchorWechat: "himall_anchor",
      start: NOW + 24 * H,
      end: NOW + 26 * H,
      liveStatus: 101,
      statusText: "直播中",
      coverUrl: null,
      firstSeenAt: NOW,
      seenAt: NOW + 2000,
      goneAt: null
    })
  })

  it("marks rooms missing from a complete list gone, and clears it when seen again", async () => {
    const changed = vi.fn(async () => undefined)
    await recordRooms(db, { rooms: [room(1), room(2), room(3)], complete: true }, NOW, changed)
    expect(await recordRooms(db, { rooms: [room(1)], complete: false }, NOW + 1, changed)).toMatchObject({ gone: 0 })
    expect((await db.wechatRooms.toArray()).map((r) => r.goneAt)).toEqual([null, null, null])
    expect(await recordRooms(db, { rooms: [room(1)], complete: true }, NOW + 2, changed)).toMatchObject({ gone: 2 })
    expect((await db.wechatRooms.toArray()).map((r) => [r.roomId, r.goneAt])).toEqual([
      [1, null],
      [2, NOW + 2],
      [3, NOW + 2]
    ])
    // Gone stays gone (its time too) while missing; seen again, it is back.
    await recordRooms(db, { rooms: [room(1), room(3)], complete: true }, NOW + 3, changed)
    expect((await db.wechatRooms.toArray()).map((r) => [r.roomId, r.goneAt])).toEqual([
      [1, null],
      [2, NOW + 2],
      [3, null]
    ])
    // An empty complete list: every room gone.
    await recordRooms(db, { rooms: [], complete: true }, NOW + 4, changed)
    expect((await db.wechatRooms.toArray()).every((r) => r.goneAt !== null)).toBe(true)
  })

  it("keeps what the list does not show (the anchor's account, times, status) from before", async () => {
    await recordRooms(db, { rooms: [room(1, { coverUrl: "https://mp.weixin.qq.com/img?id=1" })], complete: true }, NOW, async () => undefined)
    await recordRooms(
      db,
      { rooms: [room(1, { anchorWechat: null, start: null, end: null, liveStatus: null, statusText: "?", coverUrl: null })], complete: true },
      NOW + 1,
      async () => undefined
    )
    expect(await db.wechatRooms.get(1)).toMatchObject({
      anchorWechat: "himall_anchor",
      start: NOW + 24 * H,
      liveStatus: 102,
      coverUrl: "https://mp.weixin.qq.com/img?id=1"
    })
  })

  it("stores a new room whose end, start or status cannot be read, those marked unknown (null)", async () => {
    const rows = [room(5, { end: null }), room(6, { liveStatus: null, statusText: "待开播" }), room(7, { start: null, end: null })]
    expect(await recordRooms(db, { rooms: rows, complete: false }, NOW, async () => undefined)).toMatchObject({ stored: 3 })
    expect(await db.wechatRooms.get(5)).toMatchObject({ start: NOW + 5 * 24 * H, end: null, liveStatus: 102 })
    expect(await db.wechatRooms.get(6)).toMatchObject({ liveStatus: null, statusText: "待开播", end: NOW + 6 * 24 * H + 2 * H })
    expect(await db.wechatRooms.get(7)).toMatchObject({ start: null, end: null, liveStatus: 102 })
    // Read later with its end: the unknown is filled in, the rest kept.
    await recordRooms(db, { rooms: [room(5)], complete: false }, NOW + 1, async () => undefined)
    expect(await db.wechatRooms.get(5)).toMatchObject({ end: NOW + 5 * 24 * H + 2 * H, seenAt: NOW + 1 })
  })

  it("a failing reminder refresh does not lose the rooms", async () => {
    const spy = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    await recordRooms(db, { rooms: [room(1)], complete: true }, NOW, async () => Promise.reject(new Error("no alarms")))
    expect(await db.wechatRooms.count()).toBe(1)
    spy.mockRestore()
  })

  it("links a filled plan to the room it became (same title, same start minute)", async () => {
    const made = fakeMaker()
    const saved = (await savePlan(db, planRequest({ title: "直播间7号", start: NOW + 7 * 24 * H, end: NOW + 7 * 24 * H + 2 * H }), NOW, made))!
    const other = (await savePlan(db, planRequest({ title: "直播间8号", start: NOW + 8 * 24 * H, end: NOW + 8 * 24 * H + H }), NOW, made))!
    // Not filled yet: not linked, even when a room like it shows.
    expect(await recordRooms(db, { rooms: [room(8)], complete: true }, NOW, async () => undefined)).toMatchObject({ linked: 0 })
    expect(await recordPlanFilled(db, { planId: saved.plan.id, outcome: "ok" }, NOW + 5)).toBe(true)
    expect(await recordPlanFilled(db, { planId: other.plan.id, outcome: "failed" }, NOW + 5)).toBe(false)
    expect(await recordRooms(db, { rooms: [room(7, { start: NOW + 7 * 24 * H + 20_000 })], complete: false }, NOW + 6, async () => undefined)).toMatchObject({
      linked: 1
    })
    expect(await db.plans.get(saved.plan.id)).toMatchObject({ usedAt: NOW + 5, roomId: 7 })
    expect(await db.plans.get(other.plan.id)).toMatchObject({ usedAt: null, roomId: null })
  })
})

// ---------------------------------------------------------------- plans

const PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

function planRequest(over: Partial<PlanSaveRequest> = {}): PlanSaveRequest {
  return {
    id: null,
    title: "店庆特惠专场",
    start: NOW + 24 * H,
    end: NOW + 26 * H,
    anchorName: "小美",
    anchorWechat: "himall_anchor",
    allowComment: true,
    fit: "crop",
    shareImage: { dataUrl: PNG_1PX },
    roomCover: { dataUrl: PNG_1PX },
    ...over
  }
}

/**
 * Stands in for the worker's OffscreenCanvas: a "JPEG" of the asked size, its byte count telling
 * which. A Node Blob: fake-indexeddb under jsdom cannot structured-clone jsdom's Blob (it comes
 * back as `{}`); Node's comes back whole, as Chromium's IndexedDB keeps Blobs.
 */
function fakeMaker(fail: Partial<Record<number, string>> = {}) {
  const calls: { width: number; height: number; maxBytes: number; fit: string; type: string }[] = []
  const make: ImageMaker = async (source, opts) => {
    calls.push({ width: opts.width, height: opts.height, maxBytes: opts.maxBytes, fit: opts.fit, type: source.type })
    const problem = fail[opts.width]
    if (problem) return { ok: false, problem: problem as "decode_failed" }
    const blob = new NodeBlob([new Uint8Array(opts.width / 10)], { type: "image/jpeg" }) as unknown as Blob
    return { ok: true, blob, width: opts.width, height: opts.height, bytes: blob.size, quality: 0.9 }
  }
  return Object.assign(make, { calls })
}

describe("room plans", () => {
  it("saves a new plan with both images made to WeChat's sizes", async () => {
    const make = fakeMaker()
    const r = (await savePlan(db, planRequest(), NOW, make))!
    expect(make.calls).toEqual([
      { width: 800, height: 640, maxBytes: SHARE_IMAGE.maxBytes, fit: "crop", type: "image/png" },
      { width: 1080, height: 1920, maxBytes: ROOM_COVER.maxBytes, fit: "crop", type: "image/png" }
    ])
    expect(r.imageProblems).toEqual({ shareImage: null, roomCover: null })
    expect(r.plan).toMatchObject({
      title: "店庆特惠专场",
      start: NOW + 24 * H,
      shareImage: { width: 800, height: 640, bytes: 80 },
      roomCover: { width: 1080, height: 1920, bytes: 108 },
      problems: [],
      createdAt: NOW,
      updatedAt: NOW,
      usedAt: null,
      roomId: null
    })
    const stored = (await db.plans.get(r.plan.id))!
    expect(stored.shareImage?.size).toBe(80)
    expect(stored.roomCover?.size).toBe(108)
  })

  it("a plan that breaks rules is kept as a draft, its problems answered", async () => {
    const r = (await savePlan(db, planRequest({ title: "直播", start: null, end: null, anchorWechat: "小美", shareImage: null }), NOW, fakeMaker()))!
    expect(r.plan.problems).toEqual(["title_too_short", "time_missing", "wechat_invalid", "share_image_missing"])
    expect(await db.plans.get(r.plan.id)).toMatchObject({ title: "直播", start: 0, end: 0, shareImage: null })
    expect((await listPlans(db, NOW))[0]).toMatchObject({ start: null, end: null })
  })

  it("keeps, replaces or removes each image on update; a failed picture keeps the old one", async () => {
    const first = (await savePlan(db, planRequest(), NOW, fakeMaker()))!
    const id = first.plan.id
    const keep = fakeMaker()
    await savePlan(db, planRequest({ id, title: "新标题的直播", shareImage: { keep: true }, roomCover: null }), NOW + 1, keep)
    expect(keep.calls).toEqual([])
    expect(await db.plans.get(id)).toMatchObject({ title: "新标题的直播", createdAt: NOW, updatedAt: NOW + 1, roomCover: null })
    expect((await db.plans.get(id))!.shareImage?.size).toBe(80)

    const broken = fakeMaker({ 800: "decode_failed" })
    const r = (await savePlan(db, planRequest({ id, roomCover: { dataUrl: PNG_1PX } }), NOW + 2, broken))!
    expect(r.imageProblems).toEqual({ shareImage: "decode_failed", roomCover: null })
    expect((await db.plans.get(id))!.shareImage?.size).toBe(80)
    expect((await db.plans.get(id))!.roomCover?.size).toBe(108)
    expect(await db.plans.count()).toBe(1)
  })

  it("updating a plan that is gone is refused", async () => {
    expect(await savePlan(db, planRequest({ id: 99 }), NOW, fakeMaker())).toBeNull()
    expect(await db.plans.count()).toBe(0)
  })

  it("lists plans still to come first (soonest first), then the rest by last change", async () => {
    const make = fakeMaker()
    const mk = async (title: string, startH: number, at: number) =>
      (await savePlan(db, planRequest({ title, start: startH ? NOW + startH * H : null, end: startH ? NOW + startH * H + H : null }), at, make))!.plan.id
    await mk("后天的直播间", 48, NOW)
    await mk("明天的直播间", 24, NOW)
    await mk("过去的直播间", -24, NOW + 1)
    await mk("草稿直播间", 0, NOW + 2)
    expect((await listPlans(db, NOW)).map((p) => p.title)).toEqual(["明天的直播间", "后天的直播间", "草稿直播间", "过去的直播间"])
    expect((await listPlans(db, NOW)).find((p) => p.title === "过去的直播间")!.problems).toEqual(["start_too_soon"])
  })

  it("prepares a plan's images as data URLs for the form, and deletes plans", async () => {
    const id = (await savePlan(db, planRequest({ roomCover: null }), NOW, fakeMaker()))!.plan.id
    const p = (await preparePlan(db, id, NOW))!
    expect(p.shareImage).toMatchObject({ name: `share-${id}.jpg`, width: 800, height: 640, bytes: 80 })
    expect(p.shareImage!.dataUrl).toBe(`data:image/jpeg;base64,${Buffer.alloc(80).toString("base64")}`)
    expect(p.roomCover).toBeNull()
    expect(p.plan.problems).toEqual(["room_cover_missing"])
    expect(await preparePlan(db, id + 1, NOW)).toBeNull()
    expect(await deletePlan(db, id)).toBe(true)
    expect(await deletePlan(db, id)).toBe(false)
    expect(await db.plans.count()).toBe(0)
  })

  it("dataUrlToBlob: bytes and their sniffed type", async () => {
    const blob = dataUrlToBlob(PNG_1PX)
    expect(blob.type).toBe("image/png")
    expect(blob.size).toBe(70)
    expect(dataUrlToBlob("data:application/octet-stream;base64,aGVsbG8=").type).toBe("application/octet-stream")
  })
})

// ---------------------------------------------------------------- messages

describe("rooms messages", () => {
  const env = (type: string, payload: unknown) => parseEnvelope({ lh: 1, type, payload })

  it("validates qualification.seen and rooms.seen field by field", () => {
    expect(env("qualification.seen", { signal: "opened" })).toBeTruthy()
    expect(env("qualification.seen", { signal: "maybe" })).toBeNull()
    expect(env("rooms.seen", { rooms: [room(1)], complete: true })).toBeTruthy()
    expect(env("rooms.seen", { rooms: [room(1, { start: null, end: null, liveStatus: null, anchorWechat: null })], complete: false })).toBeTruthy()
    for (const bad of [
      { rooms: [room(0)], complete: true },
      { rooms: [room(1, { liveStatus: 100 })], complete: true },
      { rooms: [room(1, { start: 12 })], complete: true },
      { rooms: [room(1, { coverUrl: "javascript:alert(1)" })], complete: true },
      { rooms: [room(1, { name: "x".repeat(201) })], complete: true },
      { rooms: [room(1)] },
      { rooms: Array.from({ length: 501 }, (_, i) => room(i + 1)), complete: true }
    ]) {
      expect(env("rooms.seen", bad), JSON.stringify(bad).slice(0, 80)).toBeNull()
    }
  })

  it("validates plan.save: images as base64 data URLs, keep or null; times in range", () => {
    expect(env("plan.save", planRequest())).toBeTruthy()
    expect(env("plan.save", planRequest({ id: 3, shareImage: { keep: true }, roomCover: null, start: null, end: null }))).toBeTruthy()
    expect(env("plan.save", { ...planRequest(), shareImage: { dataUrl: "https://example.com/a.png" } })).toBeNull()
    expect(env("plan.save", { ...planRequest(), shareImage: { keep: true, dataUrl: PNG_1PX } })).toBeNull()
    expect(env("plan.save", { ...planRequest(), fit: "stretch" })).toBeNull()
    expect(env("plan.save", { ...planRequest(), start: "2030-01-01" })).toBeNull()
    expect(env("plan.save", { ...planRequest(), id: 0 })).toBeNull()
    expect(env("plan.delete", { id: 1 })).toBeTruthy()
    expect(env("plan.filled", { planId: 1, outcome: "ok" })).toBeTruthy()
    expect(env("plan.filled", { planId: 1, outcome: "great" })).toBeNull()
  })

  it("page messages come from WeChat pages; plan editing only from the extension's own pages", async () => {
    expect([SENDERS["qualification.seen"], SENDERS["rooms.seen"], SENDERS["plans.list"], SENDERS["plan.prepare"], SENDERS["plan.filled"]]).toEqual([
      "wechat",
      "wechat",
      "wechat",
      "wechat",
      "wechat"
    ])
    expect([SENDERS["plan.save"], SENDERS["plan.delete"]]).toEqual(["extension", "extension"])
    const route = createRouter({ db, extensionId: "ext", isShopOrigin: async () => false, now: () => NOW })
    const wechatTab = { id: "ext", tab: { id: 1 } as never, url: "https://mp.weixin.qq.com/wxamp/frame/live?token=1", origin: "https://mp.weixin.qq.com" }
    const shopTab = { id: "ext", tab: { id: 2 } as never, url: "https://shop.example.com/Admin", origin: "https://shop.example.com" }
    const options = { id: "ext", url: "chrome-extension://ext/options.html", origin: "chrome-extension://ext" }
    expect(await route({ lh: 1, type: "plan.delete", payload: { id: 1 } }, wechatTab)).toEqual({ ok: false, code: "sender_not_extension" })
    expect(await route({ lh: 1, type: "rooms.seen", payload: { rooms: [], complete: true } }, shopTab)).toEqual({ ok: false, code: "sender_not_wechat" })
    expect(await route({ lh: 1, type: "qualification.seen", payload: { signal: "opened" } }, wechatTab)).toEqual({ ok: true, data: { state: "opened" } })
    expect(await route({ lh: 1, type: "plan.prepare", payload: { planId: 5 } }, wechatTab)).toEqual({ ok: false, code: "no_such_plan" })
    expect(await route({ lh: 1, type: "plan.save", payload: planRequest({ id: 5 }) }, options)).toEqual({ ok: false, code: "no_such_plan" })
    expect(await route({ lh: 1, type: "plan.delete", payload: { id: 5 } }, options)).toEqual({ ok: true, data: { deleted: false } })
    expect(await db.facts.get(QUALIFICATION_FACT)).toMatchObject({ value: { state: "opened", url: "https://mp.weixin.qq.com/wxamp/frame/live" } })
  })
})
