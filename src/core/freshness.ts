// Is a HiMall shop's room list up to date with WeChat's 直播间管理? Pure rules, no browser API.
//
// HiMall copies WeChat's rooms by itself every 5 minutes and when the merchant presses
// 获取小程序数据 (`POST /admin/Live/Sync`). The extension reads both sides (WeChat's list into
// `wechatRooms`, HiMall's list endpoint into `shopRooms`) and compares:
// - a room WeChat shows that HiMall's list lacks is **missing** (buyers cannot find it in the
//   mini program's live list, and it cannot get a cover);
// - a room whose HiMall status is behind WeChat's for 5 minutes or more is **stale**;
// - either one makes the shop **need a sync**;
// - when a room has been missing or stale for two of HiMall's sync periods at the moment HiMall
//   was read, HiMall's own 5-minute sync **seems not to run**.
// Evidence times are conservative: a WeChat status is known only since the latest reading that
// showed it (or since the room's scheduled end for rooms that ended), so nothing is flagged on a
// guess.
import { BANNED, ENDED, ERROR, EXPIRED, LIVE, NOT_STARTED, PAUSED, roomEnded } from "./rooms"

/** HiMall's own sync period. */
const HIMALL_SYNC_INTERVAL_MS = 5 * 60_000
/** A status behind WeChat's for this long is stale. */
const STALE_AFTER_MS = 5 * 60_000
/** Out of step this long at a HiMall reading: HiMall's own sync seems not to run. */
export const AUTO_SYNC_LIMIT_MS = 2 * HIMALL_SYNC_INTERVAL_MS

export interface FreshnessWechatRoom {
  roomId: number
  /** null: WeChat's list did not show a readable status (unknown: never compared). */
  liveStatus: number | null
  /** Scheduled end, ms since epoch; null when unknown. */
  end: number | null
  firstSeenAt: number
  seenAt: number
  /** Set when the room vanished from WeChat's list (deleted there). */
  goneAt: number | null
}

export interface FreshnessShopRoom {
  roomId: number
  status: number
  /** When HiMall's list last showed it. */
  seenAt: number
}

export interface FreshnessSync {
  at: number
  ok: boolean
}

export interface FreshnessInput {
  wechatRooms: readonly FreshnessWechatRoom[]
  /** The shop's rooms as HiMall's list last showed them. */
  shopRooms: readonly FreshnessShopRoom[]
  /** The shop's recorded presses of 获取小程序数据. */
  syncs: readonly FreshnessSync[]
  /** When HiMall's list was last read completely (null: never, then the latest room reading). */
  shopReadAt?: number | null
  now: number
}

/**
 * - `no_wechat_data`: WeChat's room list has not been read: nothing to compare with.
 * - `no_shop_data`: HiMall's room list has not been read.
 * - `in_sync`, `missing`, `stale`, `missing_and_stale`.
 */
type FreshnessReason = "no_wechat_data" | "no_shop_data" | "in_sync" | "missing" | "stale" | "missing_and_stale"

export interface Freshness {
  needsSync: boolean
  /** WeChat rooms HiMall's list lacks, oldest first. */
  missingInShop: number[]
  /** Rooms whose HiMall status has been behind WeChat's for STALE_AFTER_MS or more. */
  staleStatus: number[]
  /** Rooms out of step for AUTO_SYNC_LIMIT_MS at a HiMall reading: its 5-minute sync seems not to run. */
  autoSyncSeemsOff: boolean
  /** Missing rooms that existed on WeChat before a successful 获取小程序数据 that HiMall was read after. */
  notBroughtBySync: number[]
  reason: FreshnessReason
  /** Since when (at the earliest) HiMall has been behind, null when it is not. */
  behindSince: number | null
}

/** Where a status is in a room's life: drafts, not started, on air, over. */
function stage(status: number): number {
  if (status === NOT_STARTED) return 1
  if (status === LIVE || status === PAUSED) return 2
  if (status === ENDED || status === EXPIRED || status === BANNED || status === ERROR) return 3
  return 0
}

/** Since when WeChat's status of a room is known (its latest reading, or its end for rooms that ended). */
export function statusKnownSince(w: FreshnessWechatRoom): number {
  const over = roomEnded(w.liveStatus)
  return over && w.end != null && w.end > 0 && w.end <= w.seenAt ? w.end : w.seenAt
}

/**
 * Is HiMall's status behind WeChat's? Only when it is at an earlier stage of the room's life
 * (or at the same stage with another code): a HiMall status ahead of our WeChat reading means
 * our reading is old, not HiMall. HiMall's own drafts (0 未提交审核, 1 审核中) are not compared.
 */
export function statusBehind(shopStatus: number, wechatStatus: number | null): boolean {
  // An unknown WeChat status blames nobody.
  if (wechatStatus === null || shopStatus === wechatStatus) return false
  const s = stage(shopStatus)
  const w = stage(wechatStatus)
  if (s === 0 || w === 0) return false
  return s <= w
}

export function freshness(input: FreshnessInput): Freshness {
  const wechat = input.wechatRooms.filter((w) => w.goneAt == null)
  const shop = new Map(input.shopRooms.map((s) => [s.roomId, s]))
  const base = { missingInShop: [], staleStatus: [], autoSyncSeemsOff: false, notBroughtBySync: [], behindSince: null }
  if (!input.wechatRooms.length) return { ...base, needsSync: false, reason: "no_wechat_data" }
  const shopReadAt = input.shopReadAt ?? (input.shopRooms.length ? Math.max(...input.shopRooms.map((s) => s.seenAt)) : null)
  if (shopReadAt == null) return { ...base, needsSync: false, reason: "no_shop_data" }

  const lastOkSync = input.syncs.filter((s) => s.ok).reduce<number | null>((at, s) => (at == null || s.at > at ? s.at : at), null)
  const missing: { roomId: number; since: number }[] = []
  const stale: { roomId: number; since: number }[] = []
  const notBrought: number[] = []
  let autoSyncSeemsOff = false

  for (const w of wechat) {
    const s = shop.get(w.roomId)
    if (!s) {
      missing.push({ roomId: w.roomId, since: w.firstSeenAt })
      if (shopReadAt - w.firstSeenAt >= AUTO_SYNC_LIMIT_MS) autoSyncSeemsOff = true
      if (lastOkSync != null && w.firstSeenAt < lastOkSync && shopReadAt > lastOkSync) notBrought.push(w.roomId)
      continue
    }
    if (!statusBehind(s.status, w.liveStatus)) continue
    const since = statusKnownSince(w)
    // HiMall read before WeChat showed this status: we do not know what HiMall says now.
    if (s.seenAt < since) continue
    if (s.seenAt - since >= STALE_AFTER_MS) {
      stale.push({ roomId: w.roomId, since })
      if (s.seenAt - since >= AUTO_SYNC_LIMIT_MS) autoSyncSeemsOff = true
    }
  }

  missing.sort((a, b) => a.since - b.since || a.roomId - b.roomId)
  stale.sort((a, b) => a.since - b.since || a.roomId - b.roomId)
  const all = [...missing, ...stale]
  const reason: FreshnessReason = missing.length && stale.length ? "missing_and_stale" : missing.length ? "missing" : stale.length ? "stale" : "in_sync"
  return {
    needsSync: all.length > 0,
    missingInShop: missing.map((m) => m.roomId),
    staleStatus: stale.map((s) => s.roomId),
    autoSyncSeemsOff,
    notBroughtBySync: notBrought,
    reason,
    behindSince: all.length ? Math.min(...all.map((a) => a.since)) : null
  }
}

// ---------------------------------------------------------------------------------------------
// Syncing often

/**
 * WeChat allows a mini program 500 API calls a day for its live rooms (domain.md); HiMall's own
 * sync alone makes 288 of them (one every 5 minutes). Manual syncs a day after which the merchant is warned before the next one. */
export const MANY_SYNCS_PER_DAY = 20

type SyncWarning = "recent" | "many" | null

export interface SyncState {
  last: FreshnessSync | null
  /** Syncs recorded since midnight China time (WeChat's quota is daily). */
  today: number
  /** `recent`: a sync less than 5 minutes ago (HiMall syncs every 5 minutes anyway); `many`: MANY_SYNCS_PER_DAY today. */
  warning: SyncWarning
}

/** Midnight China time (UTC+8) of the day `now` is in, ms since epoch. */
export function chinaDayStart(now: number): number {
  const day = 24 * 60 * 60_000
  const offset = 8 * 60 * 60_000
  return Math.floor((now + offset) / day) * day - offset
}

/** Should the merchant be warned before another sync? */
export function syncState(syncs: readonly FreshnessSync[], now: number): SyncState {
  const last = syncs.reduce<FreshnessSync | null>((l, s) => (!l || s.at > l.at ? s : l), null)
  const from = chinaDayStart(now)
  const today = syncs.filter((s) => s.at >= from && s.at <= now).length
  const warning: SyncWarning = last && now - last.at < HIMALL_SYNC_INTERVAL_MS && now >= last.at ? "recent" : today >= MANY_SYNCS_PER_DAY ? "many" : null
  return { last, today, warning }
}
