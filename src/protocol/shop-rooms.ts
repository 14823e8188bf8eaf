// Messages of the HiMall admin: 小程序直播 rooms, sync-now, room covers (make-cover), the homepage entrance.
// Sender kind "shop": the router has checked the sender is an enabled HiMall shop; the shop is
// the sender's origin.
import type { EntranceFact, EntranceKind } from "~core/checklist"
import type { Freshness, SyncState } from "~core/freshness"
import type { CoverSize, RoomCoverState } from "~core/room-covers"
import type { RoomContentItem } from "~core/room-contents"
import { FIGURE_KEYS, type RoomFigures } from "~core/room-figures"

import type { CoverProblem } from "~lib/image/cover"

import { intIn, isRecord, listOf, MAX_TEXT, text, type ReadOnly, type Senders, type Validator, type Validators } from "./validate"

/** One room of HiMall's list endpoint (`POST /Admin/Live/List`), as the page read it (untrusted). */
export interface ShopRoomRow {
  roomId: number
  name: string
  anchorName: string
  shopName: string
  /** HiMall's status code (WeChat's 101–107, 0 and 1 for HiMall's drafts), null when unreadable. */
  status: number | null
  statusDesc: string
  /** ms since epoch (HiMall shows China time), null when unreadable. */
  start: number | null
  end: number | null
  /** The cover as HiMall gives it (relative or absolute), null or "" when none. */
  coverUrl: string | null
  /** 加购人数 · 加购次数 · 支付人数 · 支付订单 · 支付金额 as read (null: none could be read). */
  figures: RoomFigures | null
  /** The room has a replay (HiMall's `RecordingUrlList`, or its 删除回放 action); null: not known. */
  hasReplay: boolean | null
}

/** A room of the shop as the live rooms page shows it, with what the extension found. */
export interface ShopRoomView {
  roomId: number
  name: string
  status: number
  coverUrl: string | null
  coverState: RoomCoverState
  coverWidth: number | null
  coverHeight: number | null
  /** HiMall's status has been behind WeChat's for 5 minutes or more. */
  stale: boolean
  /** WeChat's status of the room, when WeChat's list was read. */
  wechatStatus: number | null
  /** The cover size this backend asks for (750×750 platform, 800×640 seller). */
  coverWanted: CoverSize
  figures: RoomFigures | null
  hasReplay: boolean | null
}

/** A WeChat room HiMall's list lacks. */
export interface MissingRoomView {
  roomId: number
  name: string
  /** Unknown (null) when WeChat's list did not show it readably. */
  liveStatus: number | null
  start: number | null
}

export interface ShopRoomsView {
  rooms: ShopRoomView[]
  missing: MissingRoomView[]
  freshness: Freshness
  sync: SyncState & { lastMessage: string | null }
  /** Rooms whose cover is still to be measured (queued after this answer): ask `shopRooms.view` again for their sizes. */
  coversMeasuring: number
  /** When WeChat's room list was last read (null: never). */
  wechatSeenAt: number | null
  /** When HiMall's list was last read completely. */
  shopReadAt: number | null
}

export type RoomCoverSource = "picked" | "wechat"

/** Why no room cover could be made: the image problems, or the room has no WeChat cover known. */
export type RoomCoverProblem = CoverProblem | "no_wechat_cover" | "picked_invalid"

export type RoomCoverAnswer =
  | { ok: true; dataUrl: string; name: string; width: number; height: number; bytes: number; cached: boolean; source: RoomCoverSource }
  | { ok: false; problem: RoomCoverProblem }

export type { EntranceKind }

export interface ShopRoomsProtocol {
  /** HiMall 小程序直播: the rooms of the list endpoint (all pages when `complete`). */
  "shopRooms.seen": {
    request: { listPath: string; complete: boolean; total: number; rooms: ShopRoomRow[] }
    response: ShopRoomsView
  }
  /** HiMall 小程序直播: the stored view (freshness, flags, sync state) without reading again. */
  "shopRooms.view": {
    request: Record<string, never>
    response: ShopRoomsView
  }
  /** 获取小程序数据 was pressed (by sync-now or by the merchant) and HiMall answered `message` (null: no answer seen). */
  "shopRooms.synced": {
    request: { ok: boolean; message: string | null }
    response: ShopRoomsView
  }
  /** 封面设置: what make-cover can offer for a room. */
  "roomCover.info": {
    request: { roomId: number }
    response: { wechatCover: boolean; cached: { source: RoomCoverSource; bytes: number; madeAt: number; uploadedUrl: string | null } | null }
  }
  /** 封面设置: a JPEG (≤ 2 MB) of the size the dialog asks (750×750 by default) for a room, from a picked image (data URL) or the room's WeChat cover. */
  "roomCover.make": {
    request: { roomId: number; source: RoomCoverSource; dataUrl: string | null; fit: "contain" | "crop" | null; width: number; height: number }
    response: RoomCoverAnswer
  }
  /** 封面设置: HiMall's uploader accepted the made cover and answered this URL. */
  "roomCover.uploaded": {
    request: { roomId: number; url: string }
    response: { recorded: boolean }
  }
  /** 直播商品 (`/{Admin|SellerAdmin}/Live/LiveProduct?roomId=`): what the room holds (every page when `complete`). */
  "roomContents.seen": {
    request: { roomId: number; complete: boolean; total: number; items: RoomContentItem[] }
    response: { recorded: boolean }
  }
  /** 首页配置: the live entrance as the page shows it. */
  "entrance.seen": {
    request: EntranceFact
    response: { recorded: boolean }
  }
}

/** Rooms per `shopRooms.seen` (a shop has far fewer; more are sent as an incomplete read). */
export const MAX_SHOP_ROOMS_PER_MESSAGE = 1000
/** A picked image travels as a base64 data URL: at most 10 MB of image. */
export const MAX_PICKED_IMAGE_BYTES = 10 * 1024 * 1024
const MAX_PICKED_DATA_URL = Math.ceil(MAX_PICKED_IMAGE_BYTES / 3) * 4 + 64
const PICKED_DATA_URL = /^data:image\/(jpeg|jpg|png|gif|webp|bmp);base64,[A-Za-z0-9+/]+={0,2}$/

const LIST_PATH = /^\/[A-Za-z0-9_\-/]{1,200}$/
const ROOM_ID_MAX = 2 ** 31 - 1
const TIME_MAX = 8.64e15

const timeOrNull = (v: unknown): number | null | undefined =>
  v === null ? null : typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= TIME_MAX ? v : undefined

/** Figures as sent: each a number ≥ 0 or null; null or absent for none. */
function figuresOrNull(v: unknown): RoomFigures | null | undefined {
  if (v === null || v === undefined) return null
  if (!isRecord(v)) return undefined
  const out = {} as RoomFigures
  for (const k of FIGURE_KEYS) {
    const n = v[k]
    if (n === null || n === undefined) out[k] = null
    else if (typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 1e12) out[k] = n
    else return undefined
  }
  return out
}

/** Products per `roomContents.seen`. */
const MAX_ROOM_CONTENT_ITEMS = 2000

const roomContentItem: Validator<RoomContentItem> = (v) => {
  if (!isRecord(v)) return null
  const id = (x: unknown) => (x === null || x === undefined ? null : intIn(x, 1, Number.MAX_SAFE_INTEGER) ? x : undefined)
  const productId = id(v.productId)
  const goodsId = id(v.goodsId)
  if (productId === undefined || goodsId === undefined) return null
  const name = text(v.name, 500)
  const url = v.url == null ? null : text(v.url, MAX_TEXT)
  const image = v.image == null ? null : text(v.image, MAX_TEXT)
  if (name == null || (url === null && v.url != null) || (image === null && v.image != null)) return null
  const price = v.price == null ? null : typeof v.price === "number" && Number.isFinite(v.price) && v.price >= 0 ? v.price : undefined
  if (price === undefined) return null
  return { productId, goodsId, url, name, price, image }
}

const shopRoomRow: Validator<ShopRoomRow> = (v) => {
  if (!isRecord(v) || !intIn(v.roomId, 1, ROOM_ID_MAX)) return null
  const name = text(v.name, 500)
  const anchorName = text(v.anchorName, 500)
  const shopName = text(v.shopName, 500)
  const statusDesc = text(v.statusDesc, 100)
  if (name == null || anchorName == null || shopName == null || statusDesc == null) return null
  if (v.status !== null && !intIn(v.status, -1000, 100_000)) return null
  const start = timeOrNull(v.start)
  const end = timeOrNull(v.end)
  if (start === undefined || end === undefined) return null
  const coverUrl = v.coverUrl === null ? null : text(v.coverUrl, MAX_TEXT)
  if (coverUrl === null && v.coverUrl !== null) return null
  const figures = figuresOrNull(v.figures)
  if (figures === undefined) return null
  const hasReplay = v.hasReplay === undefined || v.hasReplay === null ? null : typeof v.hasReplay === "boolean" ? v.hasReplay : undefined
  if (hasReplay === undefined) return null
  return { roomId: v.roomId, name, anchorName, shopName, status: v.status as number | null, statusDesc, start, end, coverUrl, figures, hasReplay }
}

const empty = (v: unknown) => (isRecord(v) ? {} : null)

export const shopRoomsValidators: Validators<ShopRoomsProtocol> = {
  "shopRooms.seen": (v) => {
    if (!isRecord(v) || typeof v.listPath !== "string" || !LIST_PATH.test(v.listPath)) return null
    if (typeof v.complete !== "boolean" || !intIn(v.total, 0, 10_000_000)) return null
    const rooms = listOf(v.rooms, MAX_SHOP_ROOMS_PER_MESSAGE, shopRoomRow)
    if (!rooms) return null
    return { listPath: v.listPath, complete: v.complete, total: v.total, rooms }
  },
  "shopRooms.view": empty,
  "shopRooms.synced": (v) => {
    if (!isRecord(v) || typeof v.ok !== "boolean") return null
    const message = v.message === null ? null : text(v.message, 500)
    if (message === null && v.message !== null) return null
    return { ok: v.ok, message }
  },
  "roomCover.info": (v) => (isRecord(v) && intIn(v.roomId, 1, ROOM_ID_MAX) ? { roomId: v.roomId } : null),
  "roomCover.make": (v) => {
    if (!isRecord(v) || !intIn(v.roomId, 1, ROOM_ID_MAX)) return null
    if (v.fit !== null && v.fit !== "contain" && v.fit !== "crop") return null
    if (!intIn(v.width, 100, 2000) || !intIn(v.height, 100, 2000)) return null
    const size = { width: v.width, height: v.height }
    if (v.source === "wechat") return v.dataUrl === null ? { roomId: v.roomId, source: "wechat", dataUrl: null, fit: v.fit, ...size } : null
    if (v.source !== "picked") return null
    if (typeof v.dataUrl !== "string" || v.dataUrl.length > MAX_PICKED_DATA_URL || !PICKED_DATA_URL.test(v.dataUrl)) return null
    return { roomId: v.roomId, source: "picked", dataUrl: v.dataUrl, fit: v.fit, ...size }
  },
  "roomContents.seen": (v) => {
    if (!isRecord(v) || !intIn(v.roomId, 1, ROOM_ID_MAX) || typeof v.complete !== "boolean" || !intIn(v.total, 0, 10_000_000)) return null
    const items = listOf(v.items, MAX_ROOM_CONTENT_ITEMS, roomContentItem)
    if (!items) return null
    return { roomId: v.roomId, complete: v.complete, total: v.total, items }
  },
  "roomCover.uploaded": (v) => {
    if (!isRecord(v) || !intIn(v.roomId, 1, ROOM_ID_MAX)) return null
    const url = text(v.url, MAX_TEXT)
    return url ? { roomId: v.roomId, url } : null
  },
  "entrance.seen": (v) => {
    if (!isRecord(v) || typeof v.found !== "boolean") return null
    const name = v.name === null ? null : text(v.name, 200)
    if (name === null && v.name !== null) return null
    if (v.kind !== null && v.kind !== "image_nav" && v.kind !== "live_module") return null
    if (v.found !== (v.kind !== null)) return null
    return { found: v.found, name: v.found ? name : null, kind: v.kind as EntranceKind | null }
  }
}

export const shopRoomsSenders: Senders<ShopRoomsProtocol> = {
  "shopRooms.seen": "shop",
  "shopRooms.view": "shop",
  "shopRooms.synced": "shop",
  "roomCover.info": "shop",
  "roomCover.make": "shop",
  "roomCover.uploaded": "shop",
  "roomContents.seen": "shop",
  "entrance.seen": "shop"
}

/** Messages that change nothing (no badge run after them). */
export const shopRoomsReadOnly: ReadOnly<ShopRoomsProtocol> = { "shopRooms.view": true, "roomCover.info": true }
