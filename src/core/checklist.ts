// The setup at a glance (the popup, the toolbar badge): the manual's five steps — 资格 · 商品 ·
// 直播间 · 首页入口 · 开播 — each with a state derived from what the extension has seen (never
// asked of the merchant), when it was last seen, what needs the merchant now, and the page that
// fixes it. Plus the goods and room rows the popup lists. Pure functions over plain records
// (the tables' shapes, structurally), so that the popup and the background agree.
import { PLATFORM_COVER_SIZE, roomCoverState, type CoverSize } from "./room-covers"
import { flagRooms, type GoingLiveRoom, type RoomFlag, type RoomFlagKind } from "./going-live"
import { priceDrift, type GoodsStatus } from "./goods"
import type { HimallArea } from "./himall-area"
import { normalizeLink } from "./link"
import { hostOf } from "./origins"
import type { ProductSummary } from "./product"
import { LIVE, NOT_STARTED, PAUSED } from "./rooms"

// ---------------------------------------------------------------------------------------------
// Pages that fix things

const MP_HOME = "https://mp.weixin.qq.com/"
/** WeChat's live console, room list (domain.md: `live.weixin.qq.com/livemp/broadcast/index`). */
export const WECHAT_ROOMS_PAGE = "https://live.weixin.qq.com/livemp/broadcast/index"
const WECHAT_HOSTS = ["mp.weixin.qq.com", "live.weixin.qq.com"]

/** A URL a WeChat page reported, if it is one of WeChat's console pages over https; else null. */
export function safeWechatUrl(url: unknown): string | null {
  if (typeof url !== "string" || url.length > 2000) return null
  try {
    const u = new URL(url)
    return u.protocol === "https:" && WECHAT_HOSTS.includes(u.hostname) && !u.username && !u.password ? u.href : null
  } catch {
    return null
  }
}

export type HimallPage = "products" | "live" | "homepage"
const HIMALL_PATHS: Record<HimallPage, string> = {
  products: "Product/Management",
  live: "Live/Management",
  homepage: "WXSmallProgram/HomePageSetting"
}

/** A HiMall admin page of a shop origin, in the area (platform or seller backend) last used. */
export function himallUrl(origin: string, page: HimallPage, area: HimallArea = "Admin"): string | null {
  try {
    const u = new URL(origin)
    if (u.protocol !== "https:" && u.protocol !== "http:") return null
    // The seller backend has no homepage editor: that one is the platform's.
    const a = page === "homepage" ? "Admin" : area
    return `${u.origin}/${a}/${HIMALL_PATHS[page]}`
  } catch {
    return null
  }
}

type LinkLabel = "mp" | "wechat_goods" | "wechat_rooms" | "himall_products" | "himall_live" | "himall_homepage" | "options"

/** Where the merchant fixes a step: the URL and what the button says (`check_link_<label>`). */
interface StepLink {
  url: string
  label: LinkLabel
}

// ---------------------------------------------------------------------------------------------
// Goods

/** A product's goods state: WeChat's, or `none` when WeChat has no goods with its link. */
type GoodsState = "none" | GoodsStatus

export interface ProductLike extends ProductSummary {
  updatedAt: number
  lastFill?: { at: number; outcome: string; priceType: number; priceLowFen: number; priceHighFen: number } | null
}

export interface GoodsLike {
  url: string
  status: GoodsStatus
  rejectReason: string | null
  priceLowFen: number | null
  priceHighFen: number | null
  discount: boolean
  seenAt: number
  statusSince: number
}

/** The link as WeChat's goods hold it (the `goods` table's key), invalid links as typed. */
export function goodsUrlOf(link: string): string {
  const n = normalizeLink(link)
  return n.ok ? n.link : link.trim()
}

/** What WeChat holds as the product's price: its 商品库 row, else what was last filled. */
export function wechatPriceOf(
  product: ProductLike,
  goods: GoodsLike | null
): { priceLowFen: number | null; priceHighFen: number | null; discount: boolean } | null {
  if (goods) return goods
  const f = product.lastFill
  if (f && f.outcome !== "failed") return { priceLowFen: f.priceLowFen, priceHighFen: f.priceHighFen, discount: f.priceType === 3 }
  return null
}

export interface GoodsRow<P extends ProductLike = ProductLike, G extends GoodsLike = GoodsLike> {
  product: P
  goods: G | null
  state: GoodsState
  drift: boolean
}

export function goodsRow<P extends ProductLike, G extends GoodsLike>(product: P, goods: G | null): GoodsRow<P, G> {
  return { product, goods, state: goods?.status ?? "none", drift: priceDrift(product, wechatPriceOf(product, goods)) }
}

const ROW_ORDER: Record<GoodsState, number> = { rejected: 0, none: 2, draft: 2, reviewing: 3, approved: 4 }

/** What needs the merchant first: rejected, then price drift, then not yet in the library; newest first within. */
export function sortGoodsRows<R extends GoodsRow>(rows: R[]): R[] {
  const rank = (r: GoodsRow) => (r.state === "rejected" ? 0 : r.drift ? 1 : ROW_ORDER[r.state])
  return rows.sort((a, b) => rank(a) - rank(b) || b.product.updatedAt - a.product.updatedAt || (a.product.key < b.product.key ? -1 : 1))
}

export interface GoodsSummary {
  /** Captured products. */
  products: number
  /** Products by the state of their goods in WeChat's library (`none`: WeChat has no goods with the link). */
  none: number
  draft: number
  reviewing: number
  rejected: number
  approved: number
  /** Not in the library yet: no goods, or goods never submitted (未审核). */
  notInLibrary: number
  /** Products whose HiMall price moved away from WeChat's. */
  drift: number
  /** Goods in WeChat's library that were rejected, whether captured here or not. */
  libraryRejected: number
  /** Latest capture, latest reading of 商品库 (ms), null when never. */
  lastCaptureAt: number | null
  lastSeenAt: number | null
}

export function summariseGoods(rows: readonly GoodsRow[], allGoods: readonly Pick<GoodsLike, "status" | "seenAt">[]): GoodsSummary {
  const s: GoodsSummary = {
    products: rows.length,
    none: 0,
    draft: 0,
    reviewing: 0,
    rejected: 0,
    approved: 0,
    notInLibrary: 0,
    drift: 0,
    libraryRejected: 0,
    lastCaptureAt: null,
    lastSeenAt: null
  }
  for (const r of rows) {
    s[r.state] += 1
    if (r.drift) s.drift += 1
    if (s.lastCaptureAt === null || r.product.updatedAt > s.lastCaptureAt) s.lastCaptureAt = r.product.updatedAt
  }
  s.notInLibrary = s.none + s.draft
  for (const g of allGoods) {
    if (g.status === "rejected") s.libraryRejected += 1
    if (s.lastSeenAt === null || g.seenAt > s.lastSeenAt) s.lastSeenAt = g.seenAt
  }
  return s
}

export type GoodsFilter = "all" | "not_in_library" | "reviewing" | "rejected" | "approved" | "drift"
export const GOODS_FILTERS: readonly GoodsFilter[] = ["all", "not_in_library", "reviewing", "rejected", "approved", "drift"]

function matchesFilter(r: GoodsRow, filter: GoodsFilter): boolean {
  switch (filter) {
    case "all":
      return true
    case "not_in_library":
      return r.state === "none" || r.state === "draft"
    case "drift":
      return r.drift
    default:
      return r.state === filter
  }
}

/** Search by name (substring, any case), product id (exact or prefix) or shop host. */
export function filterGoodsRows<R extends GoodsRow>(rows: readonly R[], query: string, filter: GoodsFilter = "all"): R[] {
  const q = query.trim().toLowerCase()
  return rows.filter((r) => {
    if (!matchesFilter(r, filter)) return false
    if (!q) return true
    const p = r.product
    return p.name.toLowerCase().includes(q) || String(p.productId).startsWith(q) || p.shopOrigin.toLowerCase().includes(q)
  })
}

// ---------------------------------------------------------------------------------------------
// Rooms

export interface WechatRoomLike extends GoingLiveRoom {
  anchorWechat?: string | null
  coverUrl?: string | null
  /** The status as the list worded it (shown when the status is unknown). */
  statusText?: string
}

export interface ShopRoomLike {
  key: string
  shopOrigin: string
  roomId: number
  name: string
  anchorName: string
  status: number
  start: number | null
  end: number | null
  coverUrl: string | null
  coverWidth: number | null
  coverHeight: number | null
  seenAt: number
}

/** Why a room needs the merchant: not in HiMall yet, no HiMall cover, plus going-live's flags. */
type RoomTodo = "sync" | "cover" | RoomFlagKind
type CoverState = "ok" | "missing" | "size" | "not_synced"
type RoomGroup = "live" | "upcoming" | "past"

export interface RoomRow<W extends WechatRoomLike = WechatRoomLike, S extends ShopRoomLike = ShopRoomLike> {
  roomId: number
  name: string
  anchorName: string
  start: number | null
  end: number | null
  /** live_status as last seen (WeChat's reading when newer than HiMall's); null: unknown. */
  status: number | null
  group: RoomGroup
  wechat: W | null
  shop: S | null
  cover: CoverState
  /** When the extension last saw the room in HiMall (the sync's freshness), null when never. */
  syncedAt: number | null
  todo: RoomTodo[]
  /** The ones among `todo` that count on the badge. */
  needs: number
}

function groupOf(status: number | null, start: number | null, end: number | null, now: number, gone: boolean): RoomGroup {
  if (gone) return "past"
  if (status === LIVE || status === PAUSED) return "live"
  // HiMall's own drafts (0 未提交审核, 1 审核中) and WeChat's 未开始 are still to come while not over;
  // so is a room whose status is unknown (the times decide; with no time at all, it is listed
  // as past rather than promised).
  if (status === null && start == null && end == null) return "past"
  if (status === NOT_STARTED || status === 0 || status === 1 || status === null) {
    const over = end != null ? end <= now : start != null && start <= now - 24 * 3600_000
    return over ? "past" : "upcoming"
  }
  return "past"
}

export interface RoomRowsOptions {
  now: number
  /** Reminder lead, minutes (going-live's flags). */
  leadMinutes: number
  /** At least one HiMall shop is enabled (otherwise nothing can be synced or given a cover yet). */
  hasShops: boolean
  /** The cover size each shop's backend asks (by origin; default 750×750). */
  coverWanted?: Record<string, CoverSize>
}

/**
 * One row per room (WeChat's id), merging WeChat's 直播间管理 and HiMall's 小程序直播: live first,
 * then the rooms to come by start, then the rest, latest first.
 */
export function roomRows<W extends WechatRoomLike, S extends ShopRoomLike>(wechat: readonly W[], shop: readonly S[], opts: RoomRowsOptions): RoomRow<W, S>[] {
  const byShop = new Map<number, S>()
  for (const s of shop) {
    const had = byShop.get(s.roomId)
    if (!had || s.seenAt > had.seenAt) byShop.set(s.roomId, s)
  }
  const flags = new Map<number, RoomFlag>()
  for (const f of flagRooms(wechat, opts.now, opts.leadMinutes)) if (!flags.has(f.roomId)) flags.set(f.roomId, f)

  const rows: RoomRow<W, S>[] = []
  const seen = new Set<number>()
  const build = (w: W | null, s: S | null): RoomRow<W, S> => {
    const wechatNewer = w && (!s || w.seenAt >= s.seenAt)
    // An unknown WeChat status does not hide HiMall's known one.
    const status = wechatNewer ? (w.liveStatus ?? s?.status ?? null) : s ? s.status : w!.liveStatus
    const start = w?.start ?? s?.start ?? null
    const end = w?.end ?? s?.end ?? null
    const group = groupOf(status, start, end, opts.now, !!w && w.goneAt != null)
    const todo: RoomTodo[] = []
    let needs = 0
    let cover: CoverState
    if (!s) cover = "not_synced"
    else if (!s.coverUrl) cover = "missing"
    // One rule with the HiMall page (core/room-covers.ts): the size the shop's backend asks.
    else cover = roomCoverState(s, opts.coverWanted?.[s.shopOrigin] ?? PLATFORM_COVER_SIZE) === "wrong_size" ? "size" : "ok"
    const flag = w ? flags.get(w.roomId) : undefined
    if (flag) {
      todo.push(flag.kind)
      if (flag.urgent) needs += 1
    }
    if (group !== "past" && opts.hasShops) {
      if (!s) {
        todo.push("sync")
        needs += 1
      } else if (cover === "missing" || cover === "size") {
        // The same covers the HiMall page flags: none, or not the size the shop's backend asks.
        todo.push("cover")
        needs += 1
      }
    }
    return {
      roomId: w?.roomId ?? s!.roomId,
      name: w?.name ?? s!.name,
      anchorName: w?.anchorName ?? s!.anchorName,
      start,
      end,
      status,
      group,
      wechat: w,
      shop: s,
      cover,
      syncedAt: s?.seenAt ?? null,
      todo,
      needs
    }
  }
  for (const w of wechat) {
    if (seen.has(w.roomId)) continue
    seen.add(w.roomId)
    rows.push(build(w, byShop.get(w.roomId) ?? null))
  }
  for (const s of byShop.values()) if (!seen.has(s.roomId)) rows.push(build(null, s))

  const G: Record<RoomGroup, number> = { live: 0, upcoming: 1, past: 2 }
  return rows.sort((a, b) => {
    if (a.group !== b.group) return G[a.group] - G[b.group]
    const as = a.start ?? 0
    const bs = b.start ?? 0
    return (a.group === "past" ? bs - as : as - bs) || a.roomId - b.roomId
  })
}

// ---------------------------------------------------------------------------------------------
// The five steps

type StepId = "qualification" | "goods" | "rooms" | "entrance" | "live"

/**
 * done: nothing to do · todo: the merchant's next step · attention: something to fix ·
 * waiting: on WeChat or HiMall (a review), nothing to do now · unknown: the extension has not
 * seen the page yet (open it) · blocked: the mini program may not go live at all.
 */
type StepState = "done" | "todo" | "attention" | "waiting" | "unknown" | "blocked"

/** A substitution: text, a count, or a time the page formats. */
export type LineArg = string | number | { time: number }

/** One line of a step's explanation: the message `check_<key>` and its substitutions. */
export interface StepLine {
  key: string
  args?: LineArg[]
}

export interface Step {
  id: StepId
  state: StepState
  /** What the merchant reads: the first line says what to do (or that it is done). */
  lines: StepLine[]
  /** When the extension last saw what this step is about (ms), null when never. */
  seenAt: number | null
  link: StepLink | null
  /** Things in this step that need the merchant now (the badge counts them). */
  needs: number
}

// The facts the checklist decides on: each value's one shape (db/facts.ts stores and reads them,
// the protocol carries them); read back, a fact also says when it was seen.

/** A fact as read: its value and the time of its record. */
export type Seen<T> = T & { seenAt: number }

/** Step 一 as the console shows it: no 直播 for this mini program, 直播 not opened yet, opened. */
export type QualificationState = "unqualified" | "not_opened" | "opened"

/** The fact `qualification` (and `qualification|${account}`). */
export interface QualificationFact {
  state: QualificationState
  /** The page it was seen on, without query (read back: a WeChat console page, else null). */
  url: string | null
}

export type EntranceKind = "image_nav" | "live_module"

/** The fact `entrance|${shopOrigin}`: the homepage's live entrance as 首页配置 showed it. */
export interface EntranceFact {
  found: boolean
  name: string | null
  kind: EntranceKind | null
}

export interface SetupSnapshot {
  now: number
  leadMinutes: number
  /** Enabled HiMall shops (origins), with the admin area last used in each. */
  shops: { origin: string; area: HimallArea }[]
  /** A shop is granted at all (a wildcard grant may not name a concrete shop yet); default: shops.length > 0. */
  hasShopGrant?: boolean
  qualification: Seen<QualificationFact> | null
  goods: GoodsSummary
  wechatRooms: readonly WechatRoomLike[]
  shopRooms: readonly ShopRoomLike[]
  /** The latest 获取小程序数据 per shop origin. */
  lastSync: Record<string, { at: number; ok: boolean }>
  /** `entrance|${origin}` facts. */
  entrances: Record<string, Seen<EntranceFact>>
  /** Last WeChat console pages seen, when any (already checked with safeWechatUrl). */
  pages: { wechatGoods: string | null; wechatRooms: string | null }
  /** The cover size each shop's backend asks, by origin (from its latest room list read; default 750×750). */
  coverWanted?: Record<string, CoverSize>
}

function hasShops(s: SetupSnapshot): boolean {
  return s.hasShopGrant ?? s.shops.length > 0
}

function maxOf(...values: (number | null | undefined)[]): number | null {
  let m: number | null = null
  for (const v of values) if (typeof v === "number" && (m === null || v > m)) m = v
  return m
}

function qualificationStep(s: SetupSnapshot): Step {
  const q = s.qualification
  const url = safeWechatUrl(q?.url) ?? MP_HOME
  if (!q)
    return { id: "qualification", state: "unknown", lines: [{ key: "qualification_unknown" }], seenAt: null, link: { url: MP_HOME, label: "mp" }, needs: 0 }
  if (q.state === "opened") return { id: "qualification", state: "done", lines: [{ key: "qualification_opened" }], seenAt: q.seenAt, link: null, needs: 0 }
  if (q.state === "not_opened")
    return { id: "qualification", state: "todo", lines: [{ key: "qualification_not_opened" }], seenAt: q.seenAt, link: { url, label: "mp" }, needs: 1 }
  return { id: "qualification", state: "blocked", lines: [{ key: "qualification_unqualified" }], seenAt: q.seenAt, link: { url, label: "mp" }, needs: 1 }
}

function firstShopLink(s: SetupSnapshot, page: HimallPage, label: LinkLabel): StepLink | null {
  const shop = s.shops[0]
  const url = shop ? himallUrl(shop.origin, page, shop.area) : null
  return url ? { url, label } : null
}

function goodsStep(s: SetupSnapshot): Step {
  const g = s.goods
  const seenAt = maxOf(g.lastCaptureAt, g.lastSeenAt)
  const goodsLink: StepLink = { url: s.pages.wechatGoods ?? s.pages.wechatRooms ?? WECHAT_ROOMS_PAGE, label: "wechat_goods" }
  const lines: StepLine[] = []
  if (g.products === 0) {
    return {
      id: "goods",
      state: "todo",
      lines: [{ key: hasShops(s) ? "goods_capture" : "goods_enable_shop" }],
      seenAt,
      link: firstShopLink(s, "products", "himall_products") ?? { url: "options.html", label: "options" },
      needs: g.libraryRejected
    }
  }
  const needs = g.libraryRejected + g.drift
  if (g.libraryRejected) lines.push({ key: "goods_rejected", args: [g.libraryRejected] })
  if (g.drift) lines.push({ key: "goods_drift", args: [g.drift] })
  let state: StepState
  if (needs) state = "attention"
  else if (g.approved) state = "done"
  else if (g.reviewing) state = "waiting"
  else state = "todo"
  if (g.approved) lines.push({ key: "goods_approved", args: [g.approved, g.products] })
  if (g.reviewing) lines.push({ key: "goods_reviewing", args: [g.reviewing] })
  if (g.notInLibrary) lines.push({ key: "goods_not_in_library", args: [g.notInLibrary] })
  if (state === "todo" && g.lastSeenAt === null) lines.push({ key: "goods_library_unseen" })
  return { id: "goods", state, lines, seenAt, link: state === "done" ? null : goodsLink, needs }
}

function roomsStep(s: SetupSnapshot, rows: readonly RoomRow[]): Step {
  const seenAt = maxOf(...s.wechatRooms.map((r) => r.seenAt), ...s.shopRooms.map((r) => r.seenAt), ...Object.values(s.lastSync).map((x) => x.at))
  const roomsLink: StepLink = { url: s.pages.wechatRooms ?? WECHAT_ROOMS_PAGE, label: "wechat_rooms" }
  if (rows.length === 0) return { id: "rooms", state: "unknown", lines: [{ key: "rooms_unseen" }], seenAt, link: roomsLink, needs: 0 }
  const coming = rows.filter((r) => r.group !== "past")
  if (coming.length === 0) return { id: "rooms", state: "todo", lines: [{ key: "rooms_none_coming" }], seenAt, link: roomsLink, needs: 0 }
  const toSync = coming.filter((r) => r.todo.includes("sync"))
  const toCover = coming.filter((r) => r.todo.includes("cover"))
  const lines: StepLine[] = []
  if (toSync.length) lines.push({ key: "rooms_sync", args: [toSync.length] })
  if (toCover.length) lines.push({ key: "rooms_cover", args: [toCover.length] })
  if (!hasShops(s)) lines.push({ key: "rooms_enable_shop" })
  const next = coming.find((r) => r.group === "upcoming") ?? coming[0]
  lines.push({ key: "rooms_coming", args: [coming.length, next.name, ...(next.start ? [{ time: next.start }] : ["—"])] })
  const needs = toSync.length + toCover.length
  const fixIn = (toSync[0] ?? toCover[0])?.shop?.shopOrigin ?? s.shops[0]?.origin
  const shop = s.shops.find((x) => x.origin === fixIn) ?? s.shops[0]
  const himall = shop ? himallUrl(shop.origin, "live", shop.area) : null
  const link: StepLink | null = needs && himall ? { url: himall, label: "himall_live" } : !hasShops(s) ? { url: "options.html", label: "options" } : null
  return { id: "rooms", state: needs ? "attention" : hasShops(s) ? "done" : "todo", lines, seenAt, link, needs }
}

function entranceStep(s: SetupSnapshot): Step {
  if (!hasShops(s))
    return { id: "entrance", state: "todo", lines: [{ key: "entrance_enable_shop" }], seenAt: null, link: { url: "options.html", label: "options" }, needs: 0 }
  if (!s.shops.length) return { id: "entrance", state: "unknown", lines: [{ key: "entrance_unseen_any" }], seenAt: null, link: null, needs: 0 }
  const missing = s.shops.filter((x) => s.entrances[x.origin]?.found === false)
  const unseen = s.shops.filter((x) => !s.entrances[x.origin])
  const found = s.shops.map((x) => s.entrances[x.origin]).filter((e): e is Seen<EntranceFact> => !!e?.found)
  const seenAt = maxOf(...s.shops.map((x) => s.entrances[x.origin]?.seenAt))
  const linkTo = (origin: string): StepLink | null => {
    const url = himallUrl(origin, "homepage")
    return url ? { url, label: "himall_homepage" } : null
  }
  if (missing.length) {
    return {
      id: "entrance",
      state: "attention",
      lines: [{ key: "entrance_missing", args: [hostOf(missing[0].origin)] }],
      seenAt,
      link: linkTo(missing[0].origin),
      needs: missing.length
    }
  }
  if (unseen.length)
    return {
      id: "entrance",
      state: "unknown",
      lines: [{ key: "entrance_unseen", args: [hostOf(unseen[0].origin)] }],
      seenAt,
      link: linkTo(unseen[0].origin),
      needs: 0
    }
  return {
    id: "entrance",
    state: "done",
    lines: [{ key: "entrance_found", args: [found.map((e) => e.name || "—").join(" · ")] }],
    seenAt,
    link: null,
    needs: 0
  }
}

function liveStep(s: SetupSnapshot, rows: readonly RoomRow[], before: readonly Step[]): Step {
  const roomsLink: StepLink = { url: s.pages.wechatRooms ?? WECHAT_ROOMS_PAGE, label: "wechat_rooms" }
  const seenAt = maxOf(...s.wechatRooms.map((r) => r.seenAt))
  const flags = flagRooms(s.wechatRooms, s.now, s.leadMinutes)
  const urgent = flags.filter((f) => f.urgent)
  const live = rows.find((r) => r.group === "live")
  const lines: StepLine[] = []
  for (const f of urgent.slice(0, 3)) lines.push({ key: `live_flag_${f.kind}`, args: [f.name, f.start != null ? { time: f.start } : "—"] })
  if (live) lines.push({ key: "live_now", args: [live.name] })
  const next = rows.find((r) => r.group === "upcoming")
  const ready = before.every((b) => b.state === "done")
  if (!live && next)
    lines.push({ key: ready ? "live_ready" : "live_not_ready", args: [next.name, next.start ? { time: next.start } : "—", next.anchorName || "—"] })
  if (!live && !next) lines.push({ key: "live_nothing_scheduled" })
  let state: StepState
  if (urgent.some((f) => f.kind !== "starting_soon")) state = "attention"
  else if (urgent.length) state = "todo"
  else if (live) state = "done"
  else if (next && ready) state = "done"
  else state = "waiting"
  return { id: "live", state, lines, seenAt, link: urgent.length || live || next ? roomsLink : null, needs: urgent.length }
}

export interface Checklist {
  steps: Step[]
  rooms: RoomRow[]
  /** Things that need the merchant now (the toolbar badge). */
  needs: number
  /** Something is broken or blocked (a red badge), rather than only to do. */
  alert: boolean
  /** Every step is done. */
  ready: boolean
}

export function buildChecklist(s: SetupSnapshot): Checklist {
  const rooms = roomRows(s.wechatRooms, s.shopRooms, { now: s.now, leadMinutes: s.leadMinutes, hasShops: hasShops(s), coverWanted: s.coverWanted })
  const first = [qualificationStep(s), goodsStep(s), roomsStep(s, rooms), entranceStep(s)]
  const steps = [...first, liveStep(s, rooms, first)]
  const needs = steps.reduce((n, x) => n + x.needs, 0)
  // Red when something is broken (rejected goods, a banned or failing room, a missing entrance,
  // no live permission); orange when there is only something to do.
  const flags = flagRooms(s.wechatRooms, s.now, s.leadMinutes)
  const alert =
    s.qualification?.state === "unqualified" ||
    s.goods.libraryRejected > 0 ||
    flags.some((f) => f.urgent && f.kind !== "starting_soon") ||
    s.shops.some((x) => s.entrances[x.origin]?.found === false)
  return { steps, rooms, needs, alert, ready: steps.every((x) => x.state === "done") }
}

/** The badge's text: empty for nothing, else the count (99+ beyond). */
export function badgeText(needs: number): string {
  if (needs <= 0) return ""
  return needs > 99 ? "99+" : String(needs)
}
