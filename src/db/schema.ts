// The extension's one database, `himall-live-helper`, in the extension origin.
// Only the background worker writes it; popup and options read it (live queries).
// Every schema change is a new Dexie version that keeps existing data: never edit a
// released version's stores, add a version below it (docs/data-model.md).
import Dexie, { type EntityTable } from "dexie"

import { goodsKey } from "~core/accounts"
import { GOODS_STATUSES, type GoodsStatus } from "~core/goods"
import type { CaptureSource, ProductProblem, ProductSummary } from "~core/product"
import type { RoomContentItem } from "~core/room-contents"
import type { RoomFigures } from "~core/room-figures"
import type { RoomPlanFields } from "~core/room-rules"

import { blob, bool, int, json, listOf, nullable, num, oneOf, shape, text, type Fields } from "./fields"
import { goodsKeys } from "./goods-key"
import { goodsWriteStamp } from "./write-stamp"

const DB_NAME = "himall-live-helper"

interface PricePoint {
  lowFen: number
  highFen: number
  /** When this price was first seen (ms since epoch). */
  at: number
}

const pricePointFields: Fields<PricePoint> = { lowFen: int, highFen: int, at: num }

/** A HiMall product captured for WeChat's goods library. */
export interface ProductRecord extends ProductSummary {
  shopId: number
  source: CaptureSource
  /** First capture and latest capture (ms since epoch). */
  capturedAt: number
  updatedAt: number
  /** Every distinct price seen, oldest first; the last one is the current price. */
  priceHistory: PricePoint[]
  /** What was last written into WeChat's 添加商品 for it (version 2; absent before a fill). */
  lastFill?: LastFill | null
  /**
   * HiMall's sale state (1 销售中 · 2 仓库中 · 3 草稿箱) and audit state (1 待审核 · 2 审核通过 ·
   * 3 未通过 · 4 违规下架) as last read; null or absent: never read (unknown). A capture that
   * reads none keeps the last known one.
   */
  saleStatus?: number | null
  auditStatus?: number | null
}

interface LastFill {
  at: number
  outcome: "ok" | "partial" | "failed"
  /** 1 一口价, 2 价格区间, 3 显示折扣价. */
  priceType: 1 | 2 | 3
  /** The selling price written, in fen (the current price for 显示折扣价). */
  priceLowFen: number
  priceHighFen: number
}

const lastFillFields: Fields<LastFill> = {
  at: num,
  outcome: oneOf(["ok", "partial", "failed"]),
  priceType: (v) => v === 1 || v === 2 || v === 3,
  priceLowFen: int,
  priceHighFen: int
}

export const productFields: Fields<ProductRecord> = {
  key: text,
  shopOrigin: text,
  shopId: int,
  productId: int,
  name: text,
  priceLowFen: int,
  priceHighFen: int,
  link: text,
  imageUrl: nullable(text),
  source: oneOf(["row", "dialog", "endpoint"]),
  capturedAt: num,
  updatedAt: num,
  priceHistory: listOf(shape(pricePointFields)),
  lastFill: nullable(shape(lastFillFields)),
  saleStatus: nullable(int),
  auditStatus: nullable(int)
}

/** A HiMall shop the merchant enabled (its host permission is the source of truth). */
export interface ShopRecord {
  origin: string
  /** The permission pattern granted for it, e.g. https://shop.example.com/* */
  pattern: string
  addedAt: number
  lastSeenAt: number | null
}

type NoticeLevel = "error" | "warning"

/** Something the merchant should know: a capture that could not be stored, and why. */
export interface NoticeRecord {
  id?: number
  at: number
  level: NoticeLevel
  shopOrigin: string
  /** The product concerned, as the page showed it (untrusted text, render as text). */
  productId: string | null
  productName: string | null
  problems: ProductProblem[]
}

export type CoverFit = "contain" | "crop"

/** A WeChat 商品封面 made from a product's HiMall picture (or why none could be made). */
export interface CoverRecord {
  /** The product's key (`ProductRecord.key`). */
  productKey: string
  /** The HiMall picture it was made from, and how it was fitted: a change of either remakes it. */
  sourceUrl: string
  fit: CoverFit
  madeAt: number
  /** The cover (JPEG), or null when it could not be made. */
  blob: Blob | null
  width: number
  height: number
  bytes: number
  /** JPEG quality the byte budget allowed (0–1). */
  quality: number
  /** Why no cover could be made (a `cover_problem_<code>` message), null when made. */
  problem: string | null
  /** The URL the cover was actually made from (HiMall's original, or the given picture). */
  fetchedUrl?: string | null
  /** HTTP status behind an `image_http_error` problem (404…), for details. */
  httpStatus?: number | null
}

export const coverFields: Fields<CoverRecord> = {
  productKey: text,
  sourceUrl: text,
  fit: oneOf(["contain", "crop"]),
  madeAt: num,
  blob: nullable(blob),
  width: int,
  height: int,
  bytes: int,
  quality: num,
  problem: nullable(text),
  fetchedUrl: nullable(text),
  httpStatus: nullable(int)
}

/**
 * A row of WeChat's 商品库 as last seen by one mini program (`wechatGoods`, schema v8), keyed by
 * the account and its 商品链接 (matched to products by link, and to the account's shop's only).
 */
export interface GoodsRecord {
  /** `${account ?? ""}|${url}` (`goodsKey` in core/accounts.ts); filled in on every write when absent. */
  key: string
  /**
   * The mini program (WeChat account, `wechatAccounts.name`) whose 商品库 showed it (version 5);
   * absent or null: read before accounts were known, or on a page that did not show the
   * account — it belongs to "the only account".
   */
  account?: string | null
  /** Normalised mini-program link (`core/link.ts`). */
  url: string
  name: string
  status: GoodsStatus
  /** The status as the console worded it. */
  statusText: string
  rejectReason: string | null
  /** Price as WeChat shows it, parsed to fen (null when unreadable). */
  priceLowFen: number | null
  priceHighFen: number | null
  firstSeenAt: number
  /** Last time the row was read, and the time its status last changed. */
  seenAt: number
  statusSince: number
  /** WeChat shows a 显示折扣价 (one current price and an original). */
  discount: boolean
}

export const goodsFields: Fields<GoodsRecord> = {
  key: text,
  url: text,
  name: text,
  status: oneOf(GOODS_STATUSES),
  statusText: text,
  rejectReason: nullable(text),
  priceLowFen: nullable(num),
  priceHighFen: nullable(num),
  firstSeenAt: num,
  seenAt: num,
  statusSince: num,
  discount: bool,
  account: nullable(text)
}

/** A resumable multi-step job (the goods queue, a capture-all). */
export interface JobRecord {
  /** `queue` for the goods queue; `capture-all|${shopOrigin}` for a shop's capture-all. */
  id: string
  state: "running" | "paused" | "done" | "stopped"
  startedAt: number
  updatedAt: number
  /** Job-specific progress (see the job's module). */
  data: Record<string, unknown>
}

/** One merchant preference (`key`), value as JSON. */
export interface SettingRecord {
  key: string
  value: unknown
}

/** The value is checked by its key's own rule (db/settings.ts). */
export const settingFields: Fields<SettingRecord> = { key: text, value: json }

/** Something the extension saw about the setup, by key (docs/data-model.md, `facts`). */
export interface FactRecord {
  key: string
  value: unknown
  seenAt: number
}

export const factFields: Fields<FactRecord> = { key: text, value: json, seenAt: num }

/** A live room as WeChat's 直播间管理 shows it. */
export interface WechatRoomRecord {
  roomId: number
  /** The mini program whose 直播间管理 showed it (version 5); absent or null as for goods. */
  account?: string | null
  name: string
  anchorName: string
  /** The bound anchor WeChat account, when the page shows it (often it does not). */
  anchorWechat: string | null
  /**
   * Start and end, ms since epoch; null when the list never showed them readably (a row with
   * only a start time, say): unknown, shown as such, never guessed.
   */
  start: number | null
  end: number | null
  /**
   * live_status: 101 直播中 · 102 未开始 · 103 已结束 · 104 禁播 · 105 暂停 · 106 异常 · 107 已过期;
   * null when the status text was not one of WeChat's words (unknown).
   */
  liveStatus: number | null
  /** The status as the list worded it (kept when unknown, to show it). */
  statusText?: string
  /** The room's cover image URL on WeChat, when shown. */
  coverUrl: string | null
  firstSeenAt: number
  seenAt: number
  /** When the room was last missing from a complete read of the list (deleted on WeChat), else null. */
  goneAt: number | null
}

export const wechatRoomFields: Fields<WechatRoomRecord> = {
  roomId: int,
  name: text,
  anchorName: text,
  anchorWechat: nullable(text),
  start: nullable(num),
  end: nullable(num),
  liveStatus: nullable(int),
  coverUrl: nullable(text),
  firstSeenAt: num,
  seenAt: num,
  goneAt: nullable(num),
  account: nullable(text),
  statusText: nullable(text)
}

/** A live room as a HiMall shop's 小程序直播 list shows it (its own list endpoint). */
export interface ShopRoomRecord {
  /** `${shopOrigin}|${roomId}` */
  key: string
  shopOrigin: string
  roomId: number
  name: string
  anchorName: string
  shopName: string
  /** HiMall's status: WeChat's 101–107, plus 0 未提交审核 and 1 审核中 for its own drafts. */
  status: number
  statusDesc: string
  start: number | null
  end: number | null
  /** Absolute cover URL, null when the room has none. */
  coverUrl: string | null
  /** The cover's pixel size, once measured (null before, or when it could not be read). */
  coverWidth: number | null
  coverHeight: number | null
  coverCheckedAt: number | null
  firstSeenAt: number
  seenAt: number
  /** The latest figures read (加购人数 …), absent or null when none were read (since version 7). */
  figures?: RoomFigures | null
  /** When the figures were last read. */
  figuresAt?: number | null
  /** The room has a replay (true), has none (false), or it is not known (null / absent). */
  hasReplay?: boolean | null
}

/**
 * One stretch of readings of a HiMall room's figures (version 7): a new record when the figures
 * differ from the room's latest, else the latest's `lastAt` moves on.
 */
export interface RoomFiguresRecord {
  id?: number
  shopOrigin: string
  roomId: number
  /** First reading with these figures. */
  at: number
  /** Latest reading with these figures. */
  lastAt: number
  /** HiMall's status at that reading. */
  status: number
  figures: RoomFigures
}

const roomFiguresFields: Fields<RoomFigures> = {
  cartMember: nullable(num),
  cartCount: nullable(num),
  payMember: nullable(num),
  payOrders: nullable(num),
  payAmount: nullable(num)
}

export const roomFiguresRecordFields: Fields<RoomFiguresRecord> = {
  id: nullable(int),
  shopOrigin: text,
  roomId: int,
  at: num,
  lastAt: num,
  status: int,
  figures: shape(roomFiguresFields)
}

/**
 * What a live room holds (version 7): one record per room and source — HiMall's 直播商品 page
 * (`himall`, with the shop) or WeChat's room goods (`wechat`, shopOrigin null).
 */
export interface RoomContentsRecord {
  /** `${source}|${shopOrigin ?? ""}|${roomId}` */
  key: string
  roomId: number
  source: "himall" | "wechat"
  shopOrigin: string | null
  items: RoomContentItem[]
  /** Every page of the list was read. */
  complete: boolean
  /** How many the source said it has. */
  total: number
  seenAt: number
}

export const shopRoomFields: Fields<ShopRoomRecord> = {
  key: text,
  shopOrigin: text,
  roomId: int,
  name: text,
  anchorName: text,
  shopName: text,
  status: int,
  statusDesc: text,
  start: nullable(num),
  end: nullable(num),
  coverUrl: nullable(text),
  coverWidth: nullable(int),
  coverHeight: nullable(int),
  coverCheckedAt: nullable(num),
  firstSeenAt: num,
  seenAt: num,
  figures: nullable(shape(roomFiguresFields)),
  figuresAt: nullable(num),
  hasReplay: nullable(bool)
}

/** One press of 获取小程序数据 (`sync-now`), and HiMall's answer. */
export interface SyncRecord {
  id?: number
  shopOrigin: string
  at: number
  ok: boolean
  /** HiMall's message (获取成功！ or its error), as text. */
  message: string
}

export const syncFields: Fields<SyncRecord> = { id: nullable(int), shopOrigin: text, at: num, ok: bool, message: text }

/** A room the merchant plans, to fill WeChat's 创建直播间 with (`fill-room`). */
export interface RoomPlanRecord extends RoomPlanFields {
  id?: number
  /** ms since epoch; 0 when the plan has no time yet (a draft, `planTime`). */
  start: number
  end: number
  /** 分享卡片封面, made to 800×640 ≤ 1 MB; 直播间封面, 1080×1920 ≤ 2 MB (JPEG). */
  shareImage: Blob | null
  roomCover: Blob | null
  createdAt: number
  updatedAt: number
  /** When it was last filled into 创建直播间, and the WeChat room it became (when matched). */
  usedAt: number | null
  roomId: number | null
  /** The goods to import into the room, in order: product keys (`ProductRecord.key`); absent = none (issue 11). */
  goods?: string[]
}

export const planFields: Fields<RoomPlanRecord> = {
  id: nullable(int),
  title: text,
  start: num,
  end: num,
  anchorName: text,
  anchorWechat: text,
  allowComment: bool,
  shareImage: nullable(blob),
  roomCover: nullable(blob),
  createdAt: num,
  updatedAt: num,
  usedAt: nullable(num),
  roomId: nullable(int),
  goods: nullable(listOf(text))
}

/** A 750×750 cover made for a HiMall room (`make-cover`), cached. */
export interface RoomCoverRecord {
  /** `${shopOrigin}|${roomId}` */
  key: string
  blob: Blob
  width: number
  height: number
  bytes: number
  /** Made from an image the merchant picked, or from the room's WeChat cover. */
  source: "picked" | "wechat"
  madeAt: number
  /** The URL HiMall answered for the upload, once uploaded. */
  uploadedUrl: string | null
  /** What it was made from (`wechat:<url>` or `picked:<sha-256>`) and how it was fitted: the cache key (optional, not indexed). */
  sourceKey?: string
  fit?: CoverFit
}

export const roomCoverFields: Fields<RoomCoverRecord> = {
  key: text,
  blob,
  width: int,
  height: int,
  bytes: int,
  source: oneOf(["picked", "wechat"]),
  madeAt: num,
  uploadedUrl: nullable(text),
  sourceKey: nullable(text),
  fit: nullable(oneOf(["contain", "crop"]))
}

/**
 * A mini program (WeChat account) seen on the console, by the name its header shows, and the
 * HiMall shop it sells for (schema version 5): asked once on the console (`link-shop`), or
 * linked by itself while only one shop is enabled. Goods states, rooms and facts read under
 * this account belong to it, and its goods rows are matched to that shop's products only.
 */
export interface WechatAccountRecord {
  name: string
  /** The HiMall shop's origin, null until the merchant chose (or when the shop was removed). */
  shopOrigin: string | null
  firstSeenAt: number
  seenAt: number
  /** When the shop was chosen (or linked by itself), null before. */
  linkedAt: number | null
}

export const wechatAccountFields: Fields<WechatAccountRecord> = {
  name: text,
  shopOrigin: nullable(text),
  firstSeenAt: num,
  seenAt: num,
  linkedAt: nullable(num)
}

/**
 * A summary the background derives from other tables (schema version 4, `overview`), by key:
 * `goods` (the popup's goods counts and first rows, db/overview.ts) and `goods-write` (the stamp
 * of the latest write to products or goods, db/write-stamp.ts). Rebuilt at will; never backed up.
 */
export interface OverviewRecord {
  key: string
  value: unknown
  /** When it was written (ms since epoch). */
  at: number
}

/** What a live room holds, as last read on a page that shows it (schema version 6, `roomGoods`). */
export interface RoomGoodsRecord {
  roomId: number
  /** The goods as shown: name, and the link when the page shows one. */
  items: { name: string; url: string | null }[]
  /** The page showed the whole list (no further page). */
  complete: boolean
  /** Where it was read: WeChat's room goods list, or HiMall's 直播商品 page after a sync. */
  source: "wechat" | "himall"
  seenAt: number
}

export class HelperDb extends Dexie {
  products!: EntityTable<ProductRecord, "key">
  shops!: EntityTable<ShopRecord, "origin">
  notices!: EntityTable<NoticeRecord, "id">
  covers!: EntityTable<CoverRecord, "productKey">
  wechatGoods!: EntityTable<GoodsRecord, "key">
  jobs!: EntityTable<JobRecord, "id">
  settings!: EntityTable<SettingRecord, "key">
  facts!: EntityTable<FactRecord, "key">
  wechatRooms!: EntityTable<WechatRoomRecord, "roomId">
  shopRooms!: EntityTable<ShopRoomRecord, "key">
  syncs!: EntityTable<SyncRecord, "id">
  plans!: EntityTable<RoomPlanRecord, "id">
  roomCovers!: EntityTable<RoomCoverRecord, "key">
  roomFigures!: EntityTable<RoomFiguresRecord, "id">
  roomContents!: EntityTable<RoomContentsRecord, "key">
  overview!: EntityTable<OverviewRecord, "key">
  wechatAccounts!: EntityTable<WechatAccountRecord, "name">
  roomGoods!: EntityTable<RoomGoodsRecord, "roomId">

  constructor(name = DB_NAME) {
    super(name)
    // Version 1: the walking skeleton.
    this.version(1).stores({
      products: "key, shopOrigin, productId, updatedAt, capturedAt",
      shops: "origin",
      notices: "++id, at"
    })
    // Version 2: covers, WeChat goods states, resumable jobs, preferences; products by link.
    this.version(2).stores({
      products: "key, shopOrigin, productId, updatedAt, capturedAt, link",
      covers: "productKey, madeAt",
      goods: "url, status, seenAt",
      jobs: "id",
      settings: "key"
    })
    // Version 3: the rest of the setup — qualification and entrance facts, rooms on WeChat and
    // in HiMall, syncs, room plans, room covers.
    this.version(3).stores({
      facts: "key",
      wechatRooms: "roomId, start, liveStatus",
      shopRooms: "key, shopOrigin, roomId",
      syncs: "++id, shopOrigin, at",
      plans: "++id, start, updatedAt",
      roomCovers: "key"
    })
    // Version 4: summaries the background derives from the tables above, so that the popup and
    // the badge need not read every product (db/overview.ts); every write to products or goods
    // stamps them stale (db/write-stamp.ts).
    this.version(4).stores({
      overview: "key"
    })
    // Version 5: the mini programs (WeChat accounts) seen on the console and the shop each sells
    // for; goods and rooms carry the account they were read under (a field, not indexed: records
    // without one belong to the only account).
    this.version(5).stores({
      wechatAccounts: "name, shopOrigin"
    })
    // Version 6 (issue 11): what each live room holds on WeChat, as last read (plans carry their
    // goods list in the unindexed `goods` field).
    this.version(6).stores({
      roomGoods: "roomId, seenAt"
    })
    // Version 7: HiMall room figures at each reading, and what each room holds.
    this.version(7).stores({
      roomFigures: "++id, [shopOrigin+roomId], at",
      roomContents: "key, roomId, shopOrigin"
    })
    // Version 8: WeChat goods per mini program. `goods` was keyed by link alone, so two mini
    // programs holding the same link (two shops' product 19) shared one record, the latest reading
    // winning; `wechatGoods` keys them by account and link. Every record moves over (one without an
    // account goes to the only account, when exactly one is known) and `goods` is dropped: Dexie
    // runs this upgrade before it deletes the table, in the same upgrade transaction.
    this.version(8)
      .stores({
        goods: null,
        wechatGoods: "key, url, status, seenAt"
      })
      .upgrade(async (tx) => {
        const accounts = (await tx.table("wechatAccounts").toArray()) as WechatAccountRecord[]
        const only = accounts.length === 1 ? accounts[0].name : null
        const old = (await tx.table("goods").toArray()) as Omit<GoodsRecord, "key">[]
        if (old.length) await tx.table("wechatGoods").bulkPut(old.map((g) => migratedGoods(g, only)))
      })
    this.use(goodsKeys)
    this.use(goodsWriteStamp)
  }
}

/** A version-7 `goods` record as `wechatGoods` holds it: its account (else the only one) and key. */
function migratedGoods(g: Omit<GoodsRecord, "key"> & { key?: string }, onlyAccount: string | null): GoodsRecord {
  const { key: _old, account, ...rest } = g
  const owner = account ?? onlyAccount
  return { ...rest, ...(owner ? { account: owner } : {}), key: goodsKey(owner, g.url) }
}

let shared: HelperDb | null = null

/** The database of this extension context (one connection per context). */
export function getDb(): HelperDb {
  shared ??= new HelperDb()
  return shared
}
