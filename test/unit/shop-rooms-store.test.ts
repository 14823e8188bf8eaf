// The background's HiMall rooms store on fake IndexedDB: rooms from the list endpoint, cover
// sizes measured from the first bytes, freshness against WeChat's rooms, recorded syncs, room
// covers made and cached, the entrance fact, and the messages' validators and senders.
import { beforeEach, describe, expect, it, vi } from "vitest"

import { COVER_SIZES_ALARM, handleCoverSizesAlarm, measureImage, measureQueuedCovers } from "~background/cover-sizes"
import { recordEntrance } from "~background/entrance"
import { recordRoomContents } from "~background/room-contents"
import { makeRoomCover, recordCoverUploaded, roomCoverInfo } from "~background/room-covers"
import { createRouter } from "~background/router"
import { absoluteCoverUrl, recordShopRooms, shopRoomsView } from "~background/shop-rooms"
import { recordSync } from "~background/syncs"
import { entranceFactKey, roomsReadFactKey } from "~db/facts"
import { getDb, type WechatRoomRecord } from "~db/schema"
import type { MakeImageOptions, MakeCoverResult } from "~lib/image/cover"
import { parseEnvelope, SENDERS, type ShopRoomRow } from "~protocol/messages"

import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

const db = getDb()
let fake: FakeChrome
const SHOP = "https://shop.example.com"
const MIN = 60_000
const T0 = Date.UTC(2030, 5, 1, 4, 0)

beforeEach(async () => {
  fake = installFakeChrome()
  await db.open()
  await Promise.all(db.tables.map((t) => t.clear()))
})

/** The first bytes of a PNG of that size (enough for its header). */
function pngHead(width: number, height: number): Uint8Array {
  const b = new Uint8Array(64)
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  new DataView(b.buffer).setUint32(16, width)
  new DataView(b.buffer).setUint32(20, height)
  return b
}

/** A fetch answering cover URLs with PNG headers of the given sizes, counting requests. */
function fakeFetch(sizes: Record<string, [number, number] | "html" | 404>) {
  const calls: string[] = []
  const impl = (async (url: string) => {
    calls.push(url)
    const s = sizes[url]
    if (s === undefined || s === 404) return new Response("not found", { status: 404 })
    if (s === "html") return new Response("<html>login</html>", { headers: { "content-type": "text/html" } })
    return new Response(pngHead(s[0], s[1]) as BlobPart)
  }) as unknown as typeof fetch
  return { impl, calls }
}

function row(roomId: number, over: Partial<ShopRoomRow> = {}): ShopRoomRow {
  return {
    roomId,
    name: `直播${roomId}`,
    anchorName: "小羽",
    shopName: "羽逸ifc",
    status: 102,
    statusDesc: "未开始",
    start: T0 + 60 * MIN,
    end: T0 + 120 * MIN,
    coverUrl: "",
    figures: null,
    hasReplay: null,
    ...over
  }
}

function wechatRoom(roomId: number, over: Partial<WechatRoomRecord> = {}): WechatRoomRecord {
  return {
    roomId,
    name: `直播${roomId}`,
    anchorName: "小羽",
    anchorWechat: null,
    start: T0 + 60 * MIN,
    end: T0 + 120 * MIN,
    liveStatus: 102,
    coverUrl: null,
    firstSeenAt: T0,
    seenAt: T0,
    goneAt: null,
    ...over
  }
}

const seen = (rooms: ShopRoomRow[], over: Partial<{ listPath: string; complete: boolean; total: number }> = {}) => ({
  listPath: "/Admin/Live/List",
  complete: true,
  total: rooms.length,
  rooms,
  ...over
})

describe("rooms from HiMall's list", () => {
  it("stores them by shop and room, with absolute cover URLs, answers before measuring, and measures each cover once", async () => {
    const { impl, calls } = fakeFetch({ [`${SHOP}/Storage/Live/1.jpg`]: [750, 750], [`${SHOP}/Storage/Live/2.jpg`]: [800, 600] })
    const answer = await recordShopRooms(db, SHOP, seen([row(1, { coverUrl: "/Storage/Live/1.jpg" }), row(2, { coverUrl: "/Storage/Live/2.jpg" }), row(3)]), T0)
    // The answer does not wait for the downloads: both covers are queued, none fetched yet.
    expect(calls).toEqual([])
    expect(answer.coversMeasuring).toBe(2)
    expect(answer.rooms.map((r) => [r.roomId, r.coverState])).toEqual([
      [3, "missing"],
      [2, "unchecked"],
      [1, "unchecked"]
    ])
    expect(await measureQueuedCovers(db, { fetchImpl: impl, now: () => T0 })).toBe(2)
    const view = await shopRoomsView(db, SHOP, T0)
    expect(view.coversMeasuring).toBe(0)
    expect(view.rooms.map((r) => [r.roomId, r.coverState, r.coverWidth, r.coverHeight])).toEqual([
      [3, "missing", null, null],
      [2, "wrong_size", 800, 600],
      [1, "ok", 750, 750]
    ])
    const stored = await db.shopRooms.get(`${SHOP}|1`)
    expect(stored).toMatchObject({ shopOrigin: SHOP, roomId: 1, coverUrl: `${SHOP}/Storage/Live/1.jpg`, coverCheckedAt: T0, firstSeenAt: T0, seenAt: T0 })
    expect((await db.facts.get(roomsReadFactKey(SHOP)))?.value).toEqual({ at: T0, listPath: "/Admin/Live/List", total: 3, complete: true })

    // Read again: the same covers are not fetched again; a changed one is.
    expect(
      (await recordShopRooms(db, SHOP, seen([row(1, { coverUrl: "/Storage/Live/1.jpg" }), row(2, { coverUrl: "/Storage/Live/3.jpg" }), row(3)]), T0 + MIN))
        .coversMeasuring
    ).toBe(1)
    await measureQueuedCovers(db, { fetchImpl: impl, now: () => T0 + MIN })
    expect(calls).toEqual([`${SHOP}/Storage/Live/1.jpg`, `${SHOP}/Storage/Live/2.jpg`, `${SHOP}/Storage/Live/3.jpg`])
    expect(await db.shopRooms.get(`${SHOP}|2`)).toMatchObject({ coverWidth: null, coverCheckedAt: T0 + MIN, firstSeenAt: T0, seenAt: T0 + MIN })
    expect((await shopRoomsView(db, SHOP, T0 + MIN)).rooms.find((r) => r.roomId === 2)?.coverState).toBe("unchecked")
    // A failed read is queued again by a read of the list 10 minutes later, not before.
    expect(
      (
        await recordShopRooms(
          db,
          SHOP,
          seen([row(1, { coverUrl: "/Storage/Live/1.jpg" }), row(2, { coverUrl: "/Storage/Live/3.jpg" })], { complete: false }),
          T0 + 5 * MIN
        )
      ).coversMeasuring
    ).toBe(0)
    expect(
      (
        await recordShopRooms(
          db,
          SHOP,
          seen([row(1, { coverUrl: "/Storage/Live/1.jpg" }), row(2, { coverUrl: "/Storage/Live/3.jpg" })], { complete: false }),
          T0 + 11 * MIN
        )
      ).coversMeasuring
    ).toBe(1)
  })

  it("a complete read of the platform's list drops rooms HiMall no longer has; the seller's list and partial reads do not", async () => {
    await recordShopRooms(db, SHOP, seen([row(1), row(2)]), T0)
    await recordShopRooms(db, SHOP, seen([row(1)], { listPath: "/SellerAdmin/Live/List" }), T0 + 1)
    await recordShopRooms(db, SHOP, seen([row(1)], { complete: false, total: 2 }), T0 + 2)
    expect((await db.shopRooms.toArray()).map((r) => r.roomId).sort()).toEqual([1, 2])
    await recordShopRooms(db, SHOP, seen([row(1)]), T0 + 3)
    expect((await db.shopRooms.toArray()).map((r) => r.roomId)).toEqual([1])
    // Another shop's rooms are never touched.
    await db.shopRooms.put({
      ...(await db.shopRooms.get(`${SHOP}|1`))!,
      key: "https://other.example.com|9",
      shopOrigin: "https://other.example.com",
      roomId: 9
    })
    await recordShopRooms(db, SHOP, seen([]), T0 + 4)
    expect((await db.shopRooms.toArray()).map((r) => r.key)).toEqual(["https://other.example.com|9"])
  })

  it("an unreadable status code falls back to HiMall's wording", async () => {
    await recordShopRooms(db, SHOP, seen([row(1, { status: null, statusDesc: "直播中" }), row(2, { status: null, statusDesc: "?" })]), T0)
    expect((await db.shopRooms.get(`${SHOP}|1`))?.status).toBe(101)
    expect((await db.shopRooms.get(`${SHOP}|2`))?.status).toBe(-1)
  })

  it("flags WeChat rooms HiMall lacks until a read shows them, and statuses behind WeChat's", async () => {
    await db.wechatRooms.bulkPut([wechatRoom(1), wechatRoom(2, { liveStatus: 101, seenAt: T0 }), wechatRoom(3, { firstSeenAt: T0 })])
    let view = await recordShopRooms(db, SHOP, seen([row(1), row(2)]), T0 + 6 * MIN)
    expect(view.freshness).toMatchObject({ needsSync: true, missingInShop: [3], staleStatus: [2], reason: "missing_and_stale" })
    expect(view.missing).toEqual([{ roomId: 3, name: "直播3", liveStatus: 102, start: T0 + 60 * MIN }])
    expect(view.rooms.find((r) => r.roomId === 2)).toMatchObject({ stale: true, wechatStatus: 101 })
    view = await recordShopRooms(db, SHOP, seen([row(1), row(2, { status: 101 }), row(3)]), T0 + 7 * MIN)
    expect(view.freshness).toMatchObject({ needsSync: false, reason: "in_sync" })
    expect(view.wechatSeenAt).toBe(T0)
  })
})

describe("figures and replays (issue 11)", () => {
  const figures = (payAmount: number) => ({ cartMember: 12, cartCount: 30, payMember: 5, payOrders: 6, payAmount })

  it("keeps the latest on the room and a record per change; a reading without figures keeps the last ones", async () => {
    await recordShopRooms(db, SHOP, seen([row(21, { status: 103, figures: figures(100), hasReplay: true })]), T0)
    await recordShopRooms(db, SHOP, seen([row(21, { status: 103, figures: figures(100), hasReplay: true })]), T0 + MIN)
    let stored = await db.shopRooms.get(`${SHOP}|21`)
    expect(stored).toMatchObject({ figures: figures(100), figuresAt: T0 + MIN, hasReplay: true })
    expect((await db.roomFigures.toArray()).map((r) => [r.roomId, r.at, r.lastAt, r.figures.payAmount])).toEqual([[21, T0, T0 + MIN, 100]])

    await recordShopRooms(db, SHOP, seen([row(21, { status: 103, figures: figures(150), hasReplay: false })]), T0 + 2 * MIN)
    expect((await db.roomFigures.orderBy("at").toArray()).map((r) => [r.at, r.figures.payAmount])).toEqual([
      [T0, 100],
      [T0 + 2 * MIN, 150]
    ])
    // The grid without its endpoint: no figures, no replay, no cover said — the stored ones stay.
    await db.shopRooms.update(`${SHOP}|21`, { coverUrl: `${SHOP}/temp/1.jpg` })
    await recordShopRooms(db, SHOP, seen([row(21, { status: 103, figures: null, hasReplay: null, coverUrl: null })], { complete: false }), T0 + 3 * MIN)
    stored = await db.shopRooms.get(`${SHOP}|21`)
    expect(stored).toMatchObject({ figures: figures(150), figuresAt: T0 + 2 * MIN, hasReplay: false, coverUrl: `${SHOP}/temp/1.jpg` })
    expect(await db.roomFigures.count()).toBe(2)
    const view = await shopRoomsView(db, SHOP, T0 + 3 * MIN)
    expect(view.rooms[0]).toMatchObject({ figures: figures(150), hasReplay: false })
  })

  it("the seller backend's covers are measured against 800×640", async () => {
    const { impl } = fakeFetch({ [`${SHOP}/a.jpg`]: [800, 640] })
    await recordShopRooms(db, SHOP, seen([row(1, { coverUrl: "/a.jpg" })], { listPath: "/SellerAdmin/Live/List" }), T0)
    await measureQueuedCovers(db, { fetchImpl: impl })
    expect((await shopRoomsView(db, SHOP, T0)).rooms[0]).toMatchObject({ coverState: "ok", coverWanted: { width: 800, height: 640 } })
    await recordShopRooms(db, SHOP, seen([row(1, { coverUrl: "/a.jpg" })]), T0 + 1)
    expect((await shopRoomsView(db, SHOP, T0 + 1)).rooms[0]).toMatchObject({ coverState: "wrong_size", coverWanted: { width: 750, height: 750 } })
  })

  it("what a room holds: HiMall's list replaces the room's himall record", async () => {
    const item = { productId: 19, goodsId: null, url: "pages/productdetail/productdetail?id=19", name: "天使旅行箱", price: 399, image: null }
    await recordRoomContents(db, SHOP, { roomId: 21, complete: true, total: 1, items: [item] }, T0)
    await recordRoomContents(db, SHOP, { roomId: 21, complete: false, total: 3, items: [item, { ...item, productId: 20, name: "b" }] }, T0 + 1)
    expect(await db.roomContents.toArray()).toEqual([
      {
        key: `himall|${SHOP}|21`,
        roomId: 21,
        source: "himall",
        shopOrigin: SHOP,
        items: [item, { ...item, productId: 20, name: "b" }],
        complete: false,
        total: 3,
        seenAt: T0 + 1
      }
    ])
  })
})

describe("measuring a cover", () => {
  it("reads the size from the header, and gives up on what is not an image", async () => {
    const { impl } = fakeFetch({ "https://s/a.png": [750, 750], "https://s/login": "html" })
    expect(await measureImage("https://s/a.png", { fetchImpl: impl })).toEqual({ width: 750, height: 750 })
    expect(await measureImage("https://s/login", { fetchImpl: impl })).toBeNull()
    expect(await measureImage("https://s/missing", { fetchImpl: impl })).toBeNull()
  })

  it("a run stopped half way is taken up by the next one (worker start or the alarm): the queue is the rooms", async () => {
    const { impl, calls } = fakeFetch({ [`${SHOP}/1.jpg`]: [750, 750], [`${SHOP}/2.jpg`]: [750, 750] })
    await recordShopRooms(db, SHOP, seen([row(1, { coverUrl: "/1.jpg" }), row(2, { coverUrl: "/2.jpg" })]), T0)
    // What a worker stopped after one cover leaves behind: room 1 measured, room 2 still queued.
    await db.shopRooms.update(`${SHOP}|1`, { coverWidth: 750, coverHeight: 750, coverCheckedAt: T0 })
    expect(await handleCoverSizesAlarm(db, { name: "going-live|refresh" }, { fetchImpl: impl })).toBe(false)
    expect(calls).toEqual([])
    expect(await handleCoverSizesAlarm(db, { name: COVER_SIZES_ALARM }, { fetchImpl: impl, now: () => T0 + 1 })).toBe(true)
    expect(calls).toEqual([`${SHOP}/2.jpg`])
    expect(await db.shopRooms.get(`${SHOP}|2`)).toMatchObject({ coverWidth: 750, coverHeight: 750, coverCheckedAt: T0 + 1 })
    // Nothing left: another run fetches nothing.
    expect(await measureQueuedCovers(db, { fetchImpl: impl })).toBe(0)
    expect(calls).toHaveLength(1)
  })

  it("a run measures a long queue batch after batch, each cover once", async () => {
    const ids = Array.from({ length: 21 }, (_, i) => i + 1)
    const { impl, calls } = fakeFetch(Object.fromEntries(ids.map((id) => [`${SHOP}/${id}.jpg`, [750, 750] as [number, number]])))
    await recordShopRooms(db, SHOP, seen(ids.map((id) => row(id, { coverUrl: `/${id}.jpg` }))), T0)
    const onMeasured = vi.fn()
    expect(await measureQueuedCovers(db, { fetchImpl: impl, onMeasured })).toBe(21)
    // Once per run that stored sizes (the worker recomputes the toolbar badge then); not for an empty run.
    expect(onMeasured).toHaveBeenCalledTimes(1)
    expect(await measureQueuedCovers(db, { fetchImpl: impl, onMeasured })).toBe(0)
    expect(onMeasured).toHaveBeenCalledTimes(1)
    expect(new Set(calls).size).toBe(21)
    expect(calls).toHaveLength(21)
    expect((await shopRoomsView(db, SHOP, T0)).rooms.every((r) => r.coverState === "ok")).toBe(true)
    expect(fake.alarms.has(COVER_SIZES_ALARM)).toBe(false)
  })

  it("a cover changed while it was measured keeps the new one queued, and a run asked meanwhile measures it", async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { impl: answer } = fakeFetch({ [`${SHOP}/old.jpg`]: [600, 600], [`${SHOP}/new.jpg`]: [750, 750] })
    const calls: string[] = []
    const impl = (async (url: string) => {
      calls.push(url)
      if (url.endsWith("/old.jpg")) await gate
      return answer(url)
    }) as unknown as typeof fetch
    await recordShopRooms(db, SHOP, seen([row(1, { coverUrl: "/old.jpg" })]), T0)
    const first = measureQueuedCovers(db, { fetchImpl: impl })
    await vi.waitFor(() => expect(calls).toEqual([`${SHOP}/old.jpg`]))
    // While a run has work, an alarm would wake a worker stopped before it ended.
    expect(fake.alarms.has(COVER_SIZES_ALARM)).toBe(true)
    await recordShopRooms(db, SHOP, seen([row(1, { coverUrl: "/new.jpg" })]), T0 + 1)
    const second = measureQueuedCovers(db, { fetchImpl: impl })
    release()
    await Promise.all([first, second])
    expect(await db.shopRooms.get(`${SHOP}|1`)).toMatchObject({ coverUrl: `${SHOP}/new.jpg`, coverWidth: 750, coverHeight: 750 })
    expect(calls).toEqual([`${SHOP}/old.jpg`, `${SHOP}/new.jpg`])
    expect(fake.alarms.has(COVER_SIZES_ALARM)).toBe(false)
  })

  it("only http(s) URLs, relative ones against the shop", () => {
    expect(absoluteCoverUrl("/Storage/Live/1.jpg", SHOP)).toBe(`${SHOP}/Storage/Live/1.jpg`)
    expect(absoluteCoverUrl("https://cdn.example.com/x.jpg", SHOP)).toBe("https://cdn.example.com/x.jpg")
    expect(absoluteCoverUrl("javascript:alert(1)", SHOP)).toBeNull()
    expect(absoluteCoverUrl(" ", SHOP)).toBeNull()
  })
})

describe("syncs", () => {
  it("records each press with HiMall's answer and warns before another one within 5 minutes", async () => {
    let view = await recordSync(db, SHOP, { ok: true, message: "获取成功！" }, T0)
    expect(view.sync).toMatchObject({ last: { at: T0, ok: true }, today: 1, warning: "recent", lastMessage: "获取成功！" })
    view = await recordSync(db, SHOP, { ok: false, message: null }, T0 + 6 * MIN)
    expect(view.sync).toMatchObject({ today: 2, warning: "recent", lastMessage: "" })
    expect((await shopRoomsView(db, SHOP, T0 + 12 * MIN)).sync.warning).toBeNull()
    expect(await db.syncs.where("shopOrigin").equals(SHOP).count()).toBe(2)
  })
})

describe("room covers", () => {
  const made: { width: number; height: number; maxBytes?: number; fit: string }[] = []
  const fakeMake = async (_b: Blob, o: MakeImageOptions): Promise<MakeCoverResult> => {
    made.push({ width: o.width, height: o.height, maxBytes: o.maxBytes, fit: o.fit })
    return {
      ok: true,
      blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: "image/jpeg" }),
      width: o.width,
      height: o.height,
      bytes: 6,
      quality: 0.92
    }
  }
  const picked = `data:image/png;base64,${btoa(String.fromCharCode(...pngHead(1000, 800)))}`

  beforeEach(() => {
    made.length = 0
  })

  it("makes a 750×750 cover under 2 MB from a picked image, cached for the same image and fit", async () => {
    const a = await makeRoomCover(db, SHOP, { roomId: 5, source: "picked", dataUrl: picked, fit: null, width: 750, height: 750 }, T0, { make: fakeMake })
    expect(a).toMatchObject({ ok: true, width: 750, height: 750, bytes: 6, cached: false, source: "picked", name: "room-5-cover-750x750.jpg" })
    expect(a.ok && a.dataUrl.startsWith("data:image/jpeg;base64,/9j/")).toBe(true)
    expect(made).toEqual([{ width: 750, height: 750, maxBytes: 2 * 1024 * 1024, fit: "contain" }])
    // fake-indexeddb cannot keep jsdom's Blob (it comes back as {}); Chromium's IndexedDB does.
    // Give the stored record its bytes back to see it reused.
    const stored0 = (await db.roomCovers.get(`${SHOP}|5`))!
    expect(stored0).toMatchObject({ fit: "contain", source: "picked", madeAt: T0 })
    const get = vi
      .spyOn(db.roomCovers, "get")
      .mockResolvedValueOnce({ ...stored0, blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: "image/jpeg" }) })
    const b = await makeRoomCover(db, SHOP, { roomId: 5, source: "picked", dataUrl: picked, fit: "contain", width: 750, height: 750 }, T0 + 1, {
      make: fakeMake
    })
    get.mockRestore()
    expect(b).toMatchObject({ ok: true, cached: true })
    expect(made).toHaveLength(1)
    await makeRoomCover(db, SHOP, { roomId: 5, source: "picked", dataUrl: picked, fit: "crop", width: 750, height: 750 }, T0 + 2, { make: fakeMake })
    expect(made.map((m) => m.fit)).toEqual(["contain", "crop"])
    // The seller backend's dialog asks 800*640: another size is another cover, not the cached one.
    const seller = await makeRoomCover(db, SHOP, { roomId: 5, source: "picked", dataUrl: picked, fit: "crop", width: 800, height: 640 }, T0 + 2, {
      make: fakeMake
    })
    expect(seller).toMatchObject({ ok: true, width: 800, height: 640, cached: false, name: "room-5-cover-800x640.jpg" })
    expect(made.at(-1)).toMatchObject({ width: 800, height: 640 })
    await makeRoomCover(db, SHOP, { roomId: 5, source: "picked", dataUrl: picked, fit: "crop", width: 750, height: 750 }, T0 + 2, { make: fakeMake })
    const stored = await db.roomCovers.get(`${SHOP}|5`)
    expect(stored).toMatchObject({ width: 750, height: 750, source: "picked", madeAt: T0 + 2, fit: "crop", uploadedUrl: null })
    expect(stored?.sourceKey).toMatch(/^picked:[0-9a-f]{64}$/)
    expect(await recordCoverUploaded(db, SHOP, { roomId: 5, url: "/Storage/Live/77.jpg" })).toBe(true)
    expect((await db.roomCovers.get(`${SHOP}|5`))?.uploadedUrl).toBe(`${SHOP}/Storage/Live/77.jpg`)
    expect(await recordCoverUploaded(db, SHOP, { roomId: 6, url: "/x.jpg" })).toBe(false)
    expect(await roomCoverInfo(db, SHOP, 5)).toEqual({
      wechatCover: false,
      cached: { source: "picked", bytes: 6, madeAt: T0 + 2, uploadedUrl: `${SHOP}/Storage/Live/77.jpg` }
    })
  })

  it("refuses a picked file that is not an image", async () => {
    const html = `data:image/png;base64,${btoa("<html></html>")}`
    expect(await makeRoomCover(db, SHOP, { roomId: 5, source: "picked", dataUrl: html, fit: null, width: 750, height: 750 }, T0, { make: fakeMake })).toEqual({
      ok: false,
      problem: "image_not_image"
    })
    expect(made).toEqual([])
  })

  it("makes it from the room's WeChat cover, when WeChat's list showed one", async () => {
    const { impl, calls } = fakeFetch({ "https://mp.weixin.qq.com/wxamp/cgi/live/image?id=3": [1080, 1920] })
    expect(
      await makeRoomCover(db, SHOP, { roomId: 7, source: "wechat", dataUrl: null, fit: null, width: 750, height: 750 }, T0, { make: fakeMake, fetchImpl: impl })
    ).toEqual({ ok: false, problem: "no_wechat_cover" })
    await db.wechatRooms.put(wechatRoom(7, { coverUrl: "https://mp.weixin.qq.com/wxamp/cgi/live/image?id=3" }))
    expect((await roomCoverInfo(db, SHOP, 7)).wechatCover).toBe(true)
    const a = await makeRoomCover(db, SHOP, { roomId: 7, source: "wechat", dataUrl: null, fit: "crop", width: 750, height: 750 }, T0, {
      make: fakeMake,
      fetchImpl: impl
    })
    expect(a).toMatchObject({ ok: true, source: "wechat", cached: false })
    expect((await db.roomCovers.get(`${SHOP}|7`))?.sourceKey).toBe("wechat:https://mp.weixin.qq.com/wxamp/cgi/live/image?id=3")
    expect(calls).toHaveLength(1)
    await db.wechatRooms.put(wechatRoom(8, { coverUrl: "https://mp.weixin.qq.com/none" }))
    expect(
      await makeRoomCover(db, SHOP, { roomId: 8, source: "wechat", dataUrl: null, fit: null, width: 750, height: 750 }, T0, { make: fakeMake, fetchImpl: impl })
    ).toEqual({ ok: false, problem: "image_http_error" })
  })
})

describe("the entrance", () => {
  it("is a fact per shop", async () => {
    await recordEntrance(db, SHOP, { found: true, name: "小程序直播", kind: "image_nav" }, T0)
    expect(await db.facts.get(entranceFactKey(SHOP))).toEqual({
      key: `entrance|${SHOP}`,
      value: { found: true, name: "小程序直播", kind: "image_nav" },
      seenAt: T0
    })
    await recordEntrance(db, SHOP, { found: false, name: null, kind: null }, T0 + 1)
    expect((await db.facts.get(entranceFactKey(SHOP)))?.value).toEqual({ found: false, name: null, kind: null })
  })
})

describe("messages", () => {
  const env = (type: string, payload: unknown) => parseEnvelope({ lh: 1, type, payload })

  it("all come from HiMall shops", () => {
    for (const t of [
      "shopRooms.seen",
      "shopRooms.view",
      "shopRooms.synced",
      "roomCover.info",
      "roomCover.make",
      "roomCover.uploaded",
      "roomContents.seen",
      "entrance.seen"
    ] as const)
      expect(SENDERS[t]).toBe("shop")
  })

  it("validates figures, replays and room contents", () => {
    const r = { ...row(1), figures: { cartMember: 1, cartCount: null, payMember: 0, payOrders: 0, payAmount: 1.5 }, hasReplay: true }
    expect(env("shopRooms.seen", seen([r]))).not.toBeNull()
    // Older senders without the fields: unknown.
    const { figures: _f, hasReplay: _h, ...old } = row(1)
    expect((env("shopRooms.seen", seen([old as ShopRoomRow]))?.payload as { rooms: ShopRoomRow[] }).rooms[0]).toMatchObject({ figures: null, hasReplay: null })
    expect(env("shopRooms.seen", seen([{ ...r, figures: { ...r.figures, payAmount: -1 } }]))).toBeNull()
    expect(env("shopRooms.seen", seen([{ ...r, figures: { ...r.figures, payAmount: "1" } } as unknown as ShopRoomRow]))).toBeNull()
    expect(env("shopRooms.seen", seen([{ ...r, hasReplay: "yes" } as unknown as ShopRoomRow]))).toBeNull()
    const item = { productId: 19, goodsId: null, url: "pages/productdetail/productdetail?id=19", name: "天使旅行箱", price: 399, image: null }
    expect(env("roomContents.seen", { roomId: 21, complete: true, total: 1, items: [item] })).not.toBeNull()
    expect(env("roomContents.seen", { roomId: 21, complete: true, total: 1, items: [{ ...item, price: -1 }] })).toBeNull()
    expect(env("roomContents.seen", { roomId: 21, complete: true, total: 1, items: [{ ...item, name: 5 }] })).toBeNull()
    expect(env("roomContents.seen", { roomId: 0, complete: true, total: 1, items: [] })).toBeNull()
    expect(env("roomContents.seen", { roomId: 21, complete: true, total: 1, items: Array(2001).fill(item) })).toBeNull()
  })

  it("validates rooms field by field", () => {
    expect(env("shopRooms.seen", seen([row(1)]))).not.toBeNull()
    expect(env("shopRooms.seen", seen([{ ...row(1), roomId: 0 }]))).toBeNull()
    expect(env("shopRooms.seen", seen([{ ...row(1), name: 5 as unknown as string }]))).toBeNull()
    expect(env("shopRooms.seen", seen([{ ...row(1), start: Number.NaN }]))).toBeNull()
    expect(env("shopRooms.seen", { ...seen([]), listPath: "https://evil/x" })).toBeNull()
    expect(env("shopRooms.seen", seen(Array.from({ length: 1001 }, (_, i) => row(i + 1))))).toBeNull()
  })

  it("accepts only image data URLs for picked covers, and only a WeChat source without one", () => {
    expect(
      env("roomCover.make", { roomId: 1, source: "picked", dataUrl: "data:image/png;base64,iVBORw0KGgo=", fit: null, width: 750, height: 750 })
    ).not.toBeNull()
    expect(env("roomCover.make", { roomId: 1, source: "picked", dataUrl: "data:text/html;base64,PGh0bWw+", fit: null, width: 750, height: 750 })).toBeNull()
    expect(env("roomCover.make", { roomId: 1, source: "picked", dataUrl: "https://x/y.png", fit: null, width: 750, height: 750 })).toBeNull()
    expect(
      env("roomCover.make", { roomId: 1, source: "picked", dataUrl: `data:image/png;base64,${"A".repeat(14_000_000)}`, fit: null, width: 750, height: 750 })
    ).toBeNull()
    expect(env("roomCover.make", { roomId: 1, source: "wechat", dataUrl: null, fit: "crop", width: 750, height: 750 })).not.toBeNull()
    expect(env("roomCover.make", { roomId: 1, source: "wechat", dataUrl: "data:image/png;base64,AA==", fit: null, width: 750, height: 750 })).toBeNull()
    expect(env("roomCover.make", { roomId: 1, source: "url", dataUrl: null, fit: null, width: 750, height: 750 })).toBeNull()
    // The size the dialog asks: whole pixels, 100 to 2000; none is refused.
    expect(env("roomCover.make", { roomId: 1, source: "wechat", dataUrl: null, fit: null, width: 800, height: 640 })).not.toBeNull()
    expect(env("roomCover.make", { roomId: 1, source: "wechat", dataUrl: null, fit: null })).toBeNull()
    expect(env("roomCover.make", { roomId: 1, source: "wechat", dataUrl: null, fit: null, width: 99999, height: 640 })).toBeNull()
    expect(env("roomCover.make", { roomId: 1, source: "wechat", dataUrl: null, fit: null, width: 800.5, height: 640 })).toBeNull()
  })

  it("an entrance is found with a kind, or absent without one", () => {
    expect(env("entrance.seen", { found: true, name: "直播", kind: "image_nav" })).not.toBeNull()
    expect(env("entrance.seen", { found: true, name: null, kind: "live_module" })).not.toBeNull()
    expect(env("entrance.seen", { found: false, name: null, kind: null })).not.toBeNull()
    expect(env("entrance.seen", { found: false, name: null, kind: "image_nav" })).toBeNull()
    expect(env("entrance.seen", { found: true, name: null, kind: null })).toBeNull()
  })

  it("the router answers a shop and refuses WeChat pages", async () => {
    const route = createRouter({ db, extensionId: "ext", isShopOrigin: async (o) => o === SHOP, now: () => T0 })
    const message = { lh: 1, type: "entrance.seen", payload: { found: false, name: null, kind: null } }
    expect(await route(message, { id: "ext", tab: { id: 1 } as never, url: `${SHOP}/Admin/WXSmallProgram/HomePageSetting` })).toEqual({
      ok: true,
      data: { recorded: true }
    })
    expect(await route(message, { id: "ext", tab: { id: 1 } as never, url: "https://mp.weixin.qq.com/wxamp/x" })).toEqual({
      ok: false,
      code: "sender_not_shop"
    })
  })
})
