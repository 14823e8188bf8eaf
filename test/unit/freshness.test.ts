// Freshness of a HiMall shop's rooms against WeChat's, sync warnings, and room cover states:
// pure rules of core/freshness.ts and core/room-covers.ts.
import { describe, expect, it } from "vitest"

import {
  AUTO_SYNC_LIMIT_MS,
  chinaDayStart,
  freshness,
  MANY_SYNCS_PER_DAY,
  statusBehind,
  statusKnownSince,
  syncState,
  type FreshnessShopRoom,
  type FreshnessWechatRoom
} from "~core/freshness"
import { coverFlagged, coverNeedsCheck, COVER_RECHECK_MS, roomCoverState } from "~core/room-covers"

const MIN = 60_000
const T0 = Date.UTC(2030, 5, 1, 4, 0) // 12:00 China time

function wx(roomId: number, over: Partial<FreshnessWechatRoom> = {}): FreshnessWechatRoom {
  return { roomId, liveStatus: 102, end: T0 + 120 * MIN, firstSeenAt: T0, seenAt: T0, goneAt: null, ...over }
}
function shop(roomId: number, over: Partial<FreshnessShopRoom> = {}): FreshnessShopRoom {
  return { roomId, status: 102, seenAt: T0, ...over }
}

describe("freshness", () => {
  it("cannot judge without WeChat's list or HiMall's", () => {
    expect(freshness({ wechatRooms: [], shopRooms: [shop(1)], syncs: [], now: T0 })).toMatchObject({ needsSync: false, reason: "no_wechat_data" })
    expect(freshness({ wechatRooms: [wx(1)], shopRooms: [], syncs: [], shopReadAt: null, now: T0 })).toMatchObject({ needsSync: false, reason: "no_shop_data" })
  })

  it("is in sync when HiMall has every WeChat room at the same status", () => {
    const f = freshness({ wechatRooms: [wx(1), wx(2, { liveStatus: 103 })], shopRooms: [shop(1), shop(2, { status: 103 })], syncs: [], now: T0 })
    expect(f).toEqual({
      needsSync: false,
      missingInShop: [],
      staleStatus: [],
      autoSyncSeemsOff: false,
      notBroughtBySync: [],
      reason: "in_sync",
      behindSince: null
    })
  })

  it("flags rooms WeChat shows that HiMall lacks, oldest first, and ignores rooms deleted on WeChat", () => {
    const f = freshness({
      wechatRooms: [wx(1), wx(3, { firstSeenAt: T0 + 2 * MIN }), wx(2, { firstSeenAt: T0 + MIN }), wx(4, { goneAt: T0 })],
      shopRooms: [shop(1)],
      syncs: [],
      shopReadAt: T0 + 3 * MIN,
      now: T0 + 3 * MIN
    })
    expect(f.needsSync).toBe(true)
    expect(f.reason).toBe("missing")
    expect(f.missingInShop).toEqual([2, 3])
    expect(f.behindSince).toBe(T0 + MIN)
    expect(f.autoSyncSeemsOff).toBe(false)
  })

  it("says HiMall's own sync seems off when a room is still missing two sync periods after WeChat showed it", () => {
    const input = { wechatRooms: [wx(1), wx(2)], shopRooms: [shop(1)], syncs: [] }
    expect(freshness({ ...input, shopReadAt: T0 + AUTO_SYNC_LIMIT_MS - 1, now: T0 + AUTO_SYNC_LIMIT_MS }).autoSyncSeemsOff).toBe(false)
    expect(freshness({ ...input, shopReadAt: T0 + AUTO_SYNC_LIMIT_MS, now: T0 + AUTO_SYNC_LIMIT_MS }).autoSyncSeemsOff).toBe(true)
  })

  it("a status behind WeChat's for 5 minutes is stale; less is not (HiMall may still catch up)", () => {
    const live = wx(1, { liveStatus: 101, seenAt: T0 })
    expect(freshness({ wechatRooms: [live], shopRooms: [shop(1, { status: 102, seenAt: T0 + 4 * MIN })], syncs: [], now: T0 + 4 * MIN }).staleStatus).toEqual(
      []
    )
    const f = freshness({ wechatRooms: [live], shopRooms: [shop(1, { status: 102, seenAt: T0 + 5 * MIN })], syncs: [], now: T0 + 5 * MIN })
    expect(f).toMatchObject({ needsSync: true, staleStatus: [1], reason: "stale", autoSyncSeemsOff: false })
    expect(
      freshness({ wechatRooms: [live], shopRooms: [shop(1, { status: 102, seenAt: T0 + 11 * MIN })], syncs: [], now: T0 + 11 * MIN }).autoSyncSeemsOff
    ).toBe(true)
  })

  it("an ended room is known ended since its scheduled end, not only since it was read", () => {
    const ended = wx(1, { liveStatus: 103, end: T0, seenAt: T0 + 20 * MIN })
    const f = freshness({ wechatRooms: [ended], shopRooms: [shop(1, { status: 101, seenAt: T0 + 20 * MIN })], syncs: [], now: T0 + 20 * MIN })
    expect(f).toMatchObject({ staleStatus: [1], behindSince: T0, autoSyncSeemsOff: true })
  })

  it("does not blame HiMall when it is ahead of an old WeChat reading, or read before it", () => {
    // WeChat read long ago as 未开始; HiMall now says 直播中: our WeChat reading is the old one.
    expect(
      freshness({
        wechatRooms: [wx(1, { liveStatus: 102, seenAt: T0 })],
        shopRooms: [shop(1, { status: 101, seenAt: T0 + 60 * MIN })],
        syncs: [],
        now: T0 + 60 * MIN
      }).needsSync
    ).toBe(false)
    // HiMall read before WeChat showed the new status: unknown, not stale.
    expect(
      freshness({
        wechatRooms: [wx(1, { liveStatus: 101, seenAt: T0 + 30 * MIN })],
        shopRooms: [shop(1, { status: 102, seenAt: T0 })],
        syncs: [],
        now: T0 + 40 * MIN
      }).needsSync
    ).toBe(false)
    // HiMall's drafts are not WeChat statuses.
    expect(
      freshness({ wechatRooms: [wx(1, { liveStatus: 101 })], shopRooms: [shop(1, { status: 0, seenAt: T0 + 60 * MIN })], syncs: [], now: T0 + 60 * MIN })
        .needsSync
    ).toBe(false)
  })

  it("reports both kinds together and rooms a successful sync did not bring", () => {
    const f = freshness({
      wechatRooms: [wx(1, { liveStatus: 101 }), wx(2)],
      shopRooms: [shop(1, { status: 102, seenAt: T0 + 6 * MIN })],
      syncs: [{ at: T0 + 5 * MIN, ok: true }],
      shopReadAt: T0 + 6 * MIN,
      now: T0 + 6 * MIN
    })
    expect(f).toMatchObject({ reason: "missing_and_stale", missingInShop: [2], staleStatus: [1], notBroughtBySync: [2] })
  })

  it("statusBehind follows a room's life", () => {
    expect(statusBehind(102, 101)).toBe(true)
    expect(statusBehind(101, 103)).toBe(true)
    expect(statusBehind(103, 107)).toBe(true)
    expect(statusBehind(103, 101)).toBe(false)
    expect(statusBehind(101, 101)).toBe(false)
    expect(statusBehind(1, 101)).toBe(false)
  })
})

describe("an unknown WeChat status or end", () => {
  it("blames nobody for an unknown status, but a room HiMall lacks is still missing", () => {
    const later = T0 + 30 * MIN
    const r = freshness({
      wechatRooms: [wx(1, { liveStatus: null, end: null, seenAt: T0 }), wx(2, { liveStatus: null, end: null })],
      shopRooms: [shop(1, { seenAt: later })],
      syncs: [],
      now: later
    })
    expect(r.staleStatus).toEqual([])
    expect(r.missingInShop).toEqual([2])
    expect(statusKnownSince(wx(1, { liveStatus: 103, end: null, seenAt: T0 + 5 }))).toBe(T0 + 5)
  })
})

describe("sync warnings", () => {
  it("warns within HiMall's 5-minute period after a sync", () => {
    expect(syncState([], T0)).toEqual({ last: null, today: 0, warning: null })
    expect(syncState([{ at: T0, ok: true }], T0 + 4 * MIN).warning).toBe("recent")
    expect(syncState([{ at: T0, ok: true }], T0 + 5 * MIN).warning).toBe(null)
  })

  it("warns after many syncs today (China time), and counts from midnight China time", () => {
    const day = chinaDayStart(T0)
    expect(new Date(day).toISOString()).toBe("2030-05-31T16:00:00.000Z")
    const syncs = Array.from({ length: MANY_SYNCS_PER_DAY }, (_, i) => ({ at: day + i * 10 * MIN, ok: true }))
    const now = day + MANY_SYNCS_PER_DAY * 10 * MIN + 10 * MIN
    expect(syncState(syncs, now)).toMatchObject({ today: MANY_SYNCS_PER_DAY, warning: "many" })
    expect(syncState([...syncs.slice(1), { at: day - MIN, ok: true }], now)).toMatchObject({ today: MANY_SYNCS_PER_DAY - 1, warning: null })
  })
})

describe("room cover states", () => {
  it("missing, unchecked, wrong size, ok", () => {
    expect(roomCoverState({ coverUrl: null, coverWidth: null, coverHeight: null })).toBe("missing")
    expect(roomCoverState({ coverUrl: "  ", coverWidth: null, coverHeight: null })).toBe("missing")
    expect(roomCoverState({ coverUrl: "https://s/x.jpg", coverWidth: null, coverHeight: null })).toBe("unchecked")
    expect(roomCoverState({ coverUrl: "https://s/x.jpg", coverWidth: 800, coverHeight: 600 })).toBe("wrong_size")
    expect(roomCoverState({ coverUrl: "https://s/x.jpg", coverWidth: 1080, coverHeight: 1080 })).toBe("wrong_size")
    expect(roomCoverState({ coverUrl: "https://s/x.jpg", coverWidth: 750, coverHeight: 750 })).toBe("ok")
    expect(["missing", "wrong_size", "unchecked", "ok"].map((s) => coverFlagged(s as never))).toEqual([true, true, false, false])
  })

  it("measures new or changed covers, and retries an unreadable one after a while", () => {
    const url = "https://s/x.jpg"
    expect(coverNeedsCheck(undefined, null, T0)).toBe(false)
    expect(coverNeedsCheck(undefined, url, T0)).toBe(true)
    expect(coverNeedsCheck({ coverUrl: url, coverWidth: 750, coverCheckedAt: T0 }, url, T0 + 1e9)).toBe(false)
    expect(coverNeedsCheck({ coverUrl: "https://s/old.jpg", coverWidth: 750, coverCheckedAt: T0 }, url, T0)).toBe(true)
    expect(coverNeedsCheck({ coverUrl: url, coverWidth: null, coverCheckedAt: T0 }, url, T0 + COVER_RECHECK_MS - 1)).toBe(false)
    expect(coverNeedsCheck({ coverUrl: url, coverWidth: null, coverCheckedAt: T0 }, url, T0 + COVER_RECHECK_MS)).toBe(true)
  })
})
