// HiMall 营销 → 小程序直播 (`/Admin/Live/Management`, seller `/SellerAdmin/Live/Management`).
// Site knowledge only (no extension API):
// - the list endpoint `POST /{Admin|SellerAdmin}/Live/List` (form `page`, `rows`) answering
//   `{ rows, total }`, rows with `RoomId`, `Name`, `ShopName`, `AnchorName`, `Status`,
//   `StatusDesc`, `StartTimeStr`, `EndTimeStr` (China time, `yyyy-MM-dd HH:mm`), `CoverImg`;
// - the grid drawn from it (columns 序号 · 直播标题 · 商家名称 · 主播昵称 · 状态 · 开播时间 · 加购人数 ·
//   加购次数 · 支付人数 · 支付订单 · 支付金额 · 操作), whose rows name the room in the 序号 input's
//   `roomId` attribute, in `SetBanner(7,'…')` / `DelLiveReplay(7)` calls, in `LiveProduct?roomId=7`
//   links, in a hidden input (older versions) or not at all (HiMall's own row `Id`, as in
//   `DelLiveRoom(Id)`, is not the room id);
// - the button 获取小程序数据 (`POST /admin/Live/Sync`, answered by a toast such as 获取成功！);
// - the 封面设置 dialog (设置封面图): its uploader is either HiMall's picture box (the picture a
//   CSS background of an element holding a hidden input with the path, a span that opens
//   `$.uploadImage`, an × that removes it; uploads go to `/common/publicOperation/UploadPic`,
//   which answers text/html: the stored path or a refusal) or, in older versions, a file input;
//   its caption asks 建议尺寸750*750 (platform) or 800*640 (seller);
// - 直播商品 (`/{Admin|SellerAdmin}/Live/LiveProduct?roomId=`), the room's goods from
//   `POST ./LiveProductList` (`ProductId`, `Name`, `Image`, `Url`, `Price`).
// Found by texts, labels and HiMall's own inputs, never by generated classes.
import { collapseSpace, withoutSpace } from "~core/text"
import { himallAreaOfPath, isHimallPage } from "~core/himall-area"
import type { RoomContentItem } from "~core/room-contents"
import { productIdFromLink } from "~core/link"
import { roomIdFromQuery } from "~core/rooms"
import { PLATFORM_COVER_SIZE, type CoverSize } from "~core/room-covers"
import { figuresOf, figureValue, FIGURE_TITLES, FIGURE_KEYS, type FigureKey, type RoomFigures } from "~core/room-figures"
import type { ShopRoomRow } from "~protocol/shop-rooms"
import { elementsWithText, isOurs, labelText } from "~lib/dom/text"

import { fetchProductPage, type EndpointPage } from "./product-endpoint"

const SYNC_BUTTON_TEXTS = ["获取小程序数据"] as const
const COVER_DIALOG_TITLES = ["封面设置"] as const
/** The uploader's caption: 建议尺寸750*750 or 800*640 (also ×, x), the size captured. */
const COVER_CAPTION = /建议(?:尺寸|大小)\s*[:：]?\s*(\d{2,4})\s*(?:px|像素)?\s*[*×xX]\s*(\d{2,4})/
/** HiMall's picture upload endpoint (`$.uploadImage`'s url on 小程序直播, and its default). */
const UPLOAD_PATH = "/common/publicOperation/UploadPic"
/** The multipart field HiMall's uploader posts (`$.uploadFile`'s default name). */
const UPLOAD_FIELD = "files"
export const SET_COVER_TEXTS = ["设置封面图", "设置封面"] as const

/** Header texts of the room grid's columns we read. */
const ROOM_COLUMNS = { title: "直播标题", anchor: "主播昵称", status: "状态", start: "开播时间", actions: "操作" } as const

/** Text of an element as the page wrote it, without what the extension added inside it. */
function pageText(el: Element): string {
  let out = ""
  const walk = (n: Node) => {
    for (const c of n.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) out += c.textContent ?? ""
      else if (c.nodeType === Node.ELEMENT_NODE && !isOurs(c as Element)) walk(c)
    }
  }
  walk(el)
  return collapseSpace(out)
}

// ---------------------------------------------------------------------------------------------
// The list endpoint

/** The list endpoint of the admin area the page is in, or null when not a HiMall admin page. */
export function liveListUrl(url: URL | Location): string | null {
  const area = himallAreaOfPath(url.pathname)
  return area ? `${url.origin}/${area}/Live/List` : null
}

const pick = (row: Record<string, unknown>, keys: readonly string[]): unknown => {
  for (const k of keys) if (row[k] !== undefined && row[k] !== null) return row[k]
  return undefined
}

const str = (v: unknown, max = 500): string => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : "").trim().slice(0, max)

function int(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : NaN
  return Number.isSafeInteger(n) ? n : null
}

const CHINA_OFFSET_MS = 8 * 60 * 60_000

/**
 * A time as HiMall's JSON gives it, ms since epoch: `yyyy-MM-dd HH:mm[:ss]` in China time
 * (UTC+8, how HiMall formats `StartTimeStr`), ASP.NET's `/Date(ms)/`, unix seconds or ms, or an
 * ISO string with its zone. Null when unreadable.
 */
export function parseHimallTime(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v > 0 ? (v < 1e12 ? v * 1000 : v) : null
  if (typeof v !== "string") return null
  const t = v.trim()
  if (!t) return null
  const asp = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(t)
  if (asp) return Number(asp[1])
  const local = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t)
  if (local) {
    const [, y, mo, d, h = "0", mi = "0", s = "0"] = local
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - CHINA_OFFSET_MS
    return Number.isFinite(ms) ? ms : null
  }
  if (/^\d+$/.test(t)) return parseHimallTime(Number(t))
  const parsed = Date.parse(t)
  return Number.isFinite(parsed) ? parsed : null
}

const ROOM_ID_KEYS = ["RoomId", "roomId", "RoomID", "roomid", "room_id"]
const COVER_KEYS = ["CoverImg", "coverImg", "CoverUrl", "coverUrl", "Banner", "banner"]

/** The endpoint's figure fields (the real HiMall's `Payment…`, older `Pay…`). */
const FIGURE_FIELDS: Record<FigureKey, string[]> = {
  cartMember: ["CartMember", "cartMember"],
  cartCount: ["CartCount", "cartCount"],
  payMember: ["PaymentMember", "PayMember", "paymentMember", "payMember"],
  payOrders: ["PaymentOrder", "PaymentOrders", "PayOrders", "paymentOrder", "payOrders"],
  payAmount: ["PaymentAmount", "PayAmount", "paymentAmount", "payAmount"]
}

/** Whether an endpoint row says the room has a replay (`RecordingUrlList`, `HasReplay`…); null when it does not say. */
function replayOf(row: Record<string, unknown>): boolean | null {
  const list = pick(row, ["RecordingUrlList", "recordingUrlList", "ReplayUrls", "replayUrls"])
  if (Array.isArray(list)) return list.some((u) => typeof u === "string" && u.trim() !== "")
  const flag = pick(row, ["HasReplay", "hasReplay", "HasRecording", "hasRecording"])
  if (typeof flag === "boolean") return flag
  const url = pick(row, ["RecordingUrl", "recordingUrl", "ReplayUrl", "replayUrl"])
  if (typeof url === "string") return url.trim() !== ""
  return null
}

/** One row of the endpoint as the extension's `ShopRoomRow`, or null without a room id. */
export function liveRowToShopRoom(row: Record<string, unknown>): ShopRoomRow | null {
  const roomId = validId(int(pick(row, ROOM_ID_KEYS)))
  if (roomId == null) return null
  // A cover field present but null or empty: no cover; no cover field at all: not known (null).
  const hasCoverField = COVER_KEYS.some((k) => k in row)
  const cover = str(pick(row, COVER_KEYS), 2000)
  const figures: Partial<Record<FigureKey, unknown>> = {}
  for (const k of FIGURE_KEYS) figures[k] = pick(row, FIGURE_FIELDS[k])
  return {
    roomId,
    name: str(pick(row, ["Name", "name", "RoomName", "roomName"])),
    anchorName: str(pick(row, ["AnchorName", "anchorName", "anchor_name"])),
    shopName: str(pick(row, ["ShopName", "shopName"])),
    status: int(pick(row, ["Status", "status", "LiveStatus", "liveStatus", "live_status"])),
    statusDesc: str(pick(row, ["StatusDesc", "statusDesc", "StatusText", "statusText"]), 100),
    start: parseHimallTime(pick(row, ["StartTimeStr", "StartTime", "startTime", "start_time", "start"])),
    end: parseHimallTime(pick(row, ["EndTimeStr", "EndTime", "endTime", "end_time", "end"])),
    coverUrl: hasCoverField ? cover : null,
    figures: figuresOf(figures),
    hasReplay: replayOf(row)
  }
}

const ROOM_PAGE_SIZE = 100
/** Pages walked at most (10 000 rooms); beyond, the read is incomplete. */
const ROOM_MAX_PAGES = 100

export interface RoomList {
  /** The endpoint's rows as it gave them (for matching grid rows without a room id). */
  raw: Record<string, unknown>[]
  rooms: ShopRoomRow[]
  total: number
  /** Every page was read. */
  complete: boolean
}

/** Every room of the list endpoint, page by page. Throws EndpointError (product-endpoint.ts). */
export async function fetchAllRooms(listUrl: string, fetchImpl: typeof fetch = fetch): Promise<RoomList> {
  const raw: Record<string, unknown>[] = []
  let total = 0
  let complete = false
  for (let page = 1; page <= ROOM_MAX_PAGES; page++) {
    const answer: EndpointPage = await fetchProductPage(listUrl, { page, rows: ROOM_PAGE_SIZE }, fetchImpl)
    total = answer.total
    raw.push(...(answer.rows as Record<string, unknown>[]))
    if (raw.length >= total || answer.rows.length === 0) {
      complete = raw.length >= total
      break
    }
  }
  const seen = new Set<number>()
  const rooms: ShopRoomRow[] = []
  for (const r of raw) {
    const room = liveRowToShopRoom(r)
    if (room && !seen.has(room.roomId)) {
      seen.add(room.roomId)
      rooms.push(room)
    }
  }
  return { raw, rooms, total, complete }
}

// ---------------------------------------------------------------------------------------------
// The page

/** HiMall's 获取小程序数据 button (a button, a link or an input button), or null. */
export function findSyncButton(doc: ParentNode): HTMLElement | null {
  const wanted = new Set(SYNC_BUTTON_TEXTS.map(labelText))
  for (const el of doc.querySelectorAll<HTMLElement>("button, a, input[type=button], input[type=submit], [role=button]")) {
    if (isOurs(el)) continue
    const t = el instanceof HTMLInputElement ? el.value : pageText(el)
    if (wanted.has(labelText(t))) return el
  }
  return null
}

export interface GridRow {
  tr: HTMLTableRowElement
  /** The 直播标题 cell. */
  titleCell: HTMLTableCellElement
  /** The 操作 cell (设置封面图 · 商品 · 分配商家): where the extension shows the row's flags; null when the grid has none. */
  actionsCell: HTMLTableCellElement | null
  /** From what the row shows (序号's roomId, SetBanner(…), LiveProduct?roomId=, a hidden input…); null when none or they disagree. */
  roomId: number | null
  title: string
  anchor: string
  start: string
  shopName: string
  statusText: string
  /** 加购人数 … 支付金额 from their columns (null: no column could be read). */
  figures: RoomFigures | null
  /** 删除回放 offered: HiMall holds a replay; null when the row does not say. */
  hasReplay: boolean | null
  /** The current cover as SetBanner's second argument (`""`: none), null when the row does not say. */
  coverUrl: string | null
}

/** The room grid: a table whose header names 直播标题 and 主播昵称 or 操作. */
export function findRoomGrid(doc: ParentNode): HTMLTableElement | null {
  for (const table of doc.querySelectorAll<HTMLTableElement>("table")) {
    if (isOurs(table)) continue
    const heads = headerTexts(table)
    if (heads.includes(ROOM_COLUMNS.title) && (heads.includes(ROOM_COLUMNS.anchor) || heads.includes(ROOM_COLUMNS.actions))) return table
  }
  return null
}

function headerRow(table: HTMLTableElement): HTMLTableRowElement | null {
  return table.tHead?.rows[0] ?? [...table.rows].find((r) => r.querySelector("th")) ?? null
}

function headerTexts(table: HTMLTableElement): string[] {
  const row = headerRow(table)
  return row ? [...row.cells].map((c) => labelText(pageText(c))) : []
}

/** Calls in HiMall's onclick handlers whose first argument is the WeChat room id (DelLiveRoom and ToAudit take HiMall's own row Id). */
const ROOM_ID_CALLS = /\b(?:SetBanner|DelLiveReplay|DistShop|SetShop|LiveProduct|SetSequence)\s*\(\s*['"]?(\d{1,10})\b/g
/** SetBanner(7,'/Storage/…'): the current cover. */
const SET_BANNER_CALL = /\bSetBanner\s*\(\s*['"]?\d{1,10}['"]?\s*,\s*(['"])(.*?)\1\s*\)/

const validId = (n: number | null) => (n != null && n > 0 && n <= 2 ** 31 - 1 ? n : null)

/** A hidden input HiMall keeps a room id in (its id, name or class says so: hidRoomId, roomId, thisRoomId). */
function isRoomIdInput(el: Element): el is HTMLInputElement {
  return el instanceof HTMLInputElement && el.type === "hidden" && /room_?id/i.test(`${el.className} ${el.name} ${el.id}`)
}

/**
 * Every room id an element (a grid row, a link, a dialog) names: attributes called roomId / data-room-id,
 * hidden inputs named for it, room-id calls in onclick handlers, roomId= in links. Read as text,
 * never evaluated.
 */
function roomIdSignals(root: Element): number[] {
  const ids: number[] = []
  const add = (v: unknown) => {
    const n = validId(int(v))
    if (n != null) ids.push(n)
  }
  for (const el of [root, ...root.querySelectorAll("*")]) {
    if (isOurs(el)) continue
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase()
      if (name === "roomid" || name === "data-roomid" || name === "data-room-id" || name === "room-id") add(attr.value)
      else if (/^on[a-z]+$/.test(name)) for (const m of attr.value.matchAll(ROOM_ID_CALLS)) add(m[1])
      else if (name === "href") add(roomIdFromQuery(attr.value))
    }
    if (isRoomIdInput(el)) add(el.value)
  }
  return ids
}

/** The one id the signals agree on, null when none or they disagree. */
function agreedId(ids: readonly number[]): number | null {
  const set = new Set(ids)
  return set.size === 1 ? [...set][0] : null
}

/** The one room id an element's signals agree on, null when none or they disagree: the reader of grid rows, actions and the 封面设置 dialog. */
export function roomIdOf(root: Element): number | null {
  return agreedId(roomIdSignals(root))
}

/** The current cover SetBanner(…) is called with in a row, null when no such call. */
function rowCoverUrl(tr: HTMLTableRowElement): string | null {
  for (const el of tr.querySelectorAll("[onclick]")) {
    if (isOurs(el)) continue
    const m = SET_BANNER_CALL.exec(el.getAttribute("onclick") ?? "")
    if (m) return m[2].trim() === "null" || m[2].trim() === "undefined" ? "" : m[2].trim()
  }
  return null
}

const REPLAY_ACTION = /删除回放|查看回放|回放/

/** 删除回放 (or 查看回放) among the row's actions: HiMall holds a replay. */
function rowHasReplay(tr: HTMLTableRowElement): boolean | null {
  for (const el of tr.querySelectorAll("a, button")) if (!isOurs(el) && REPLAY_ACTION.test(labelText(el.textContent))) return true
  return null
}

/** The grid's room rows, each with its room id where HiMall draws it. */
export function readGridRows(table: HTMLTableElement): GridRow[] {
  const heads = headerTexts(table)
  const col = (name: string) => heads.indexOf(name)
  const [iTitle, iAnchor, iStart, iActions] = [col(ROOM_COLUMNS.title), col(ROOM_COLUMNS.anchor), col(ROOM_COLUMNS.start), col(ROOM_COLUMNS.actions)]
  const [iStatus, iShop] = [col(ROOM_COLUMNS.status), col("商家名称")]
  const figureCols = FIGURE_KEYS.map((k) => [k, col(FIGURE_TITLES[k])] as const)
  const header = headerRow(table)
  const out: GridRow[] = []
  const bodies = table.tBodies.length ? [...table.tBodies] : [table]
  for (const body of bodies) {
    for (const tr of body.querySelectorAll<HTMLTableRowElement>(":scope > tr")) {
      if (tr === header || tr.cells.length < heads.length || iTitle < 0) continue
      const cell = (i: number) => (i >= 0 ? pageText(tr.cells[i]) : "")
      const figures: Partial<Record<FigureKey, unknown>> = {}
      for (const [k, i] of figureCols) if (i >= 0) figures[k] = cell(i)
      out.push({
        tr,
        titleCell: tr.cells[iTitle],
        actionsCell: iActions >= 0 ? tr.cells[iActions] : null,
        roomId: roomIdOf(tr),
        title: cell(iTitle),
        anchor: cell(iAnchor),
        start: cell(iStart),
        shopName: cell(iShop),
        statusText: cell(iStatus),
        figures: figuresOf(figures),
        hasReplay: rowHasReplay(tr),
        coverUrl: rowCoverUrl(tr)
      })
    }
  }
  return out
}

/**
 * The room id of each grid row: HiMall's hidden input where it draws one, else the one endpoint
 * row with the same 直播标题, 主播昵称 and 开播时间 (null when none or several match).
 */
export function resolveRoomIds(rows: readonly GridRow[], endpointRows: readonly Record<string, unknown>[]): (number | null)[] {
  const candidates = endpointRows
    .map((r) => ({ room: liveRowToShopRoom(r), start: str(pick(r, ["StartTimeStr", "StartTime", "startTime"])) }))
    .filter((c) => c.room)
  return rows.map((row) => {
    if (row.roomId != null) return row.roomId
    const matches = candidates.filter(
      (c) =>
        withoutSpace(c.room!.name) === withoutSpace(row.title) &&
        (!row.anchor || withoutSpace(c.room!.anchorName) === withoutSpace(row.anchor)) &&
        (!row.start || withoutSpace(c.start) === withoutSpace(row.start))
    )
    const ids = new Set(matches.map((m) => m.room!.roomId))
    return ids.size === 1 ? [...ids][0] : null
  })
}

/**
 * A grid row as a room, for when the list endpoint cannot be read: what the row shows, the rest
 * unknown (null). Null without a room id.
 */
export function gridRowToShopRoom(row: GridRow, roomId: number | null = row.roomId): ShopRoomRow | null {
  if (validId(roomId) == null) return null
  return {
    roomId: roomId!,
    name: row.title.slice(0, 500),
    anchorName: row.anchor.slice(0, 500),
    shopName: row.shopName.slice(0, 500),
    status: null,
    statusDesc: row.statusText.slice(0, 100),
    start: parseHimallTime(row.start),
    end: null,
    coverUrl: row.coverUrl,
    figures: row.figures,
    hasReplay: row.hasReplay
  }
}

/**
 * Fill what the endpoint's rows did not say (figures, replay) from the grid rows naming the same
 * room (`ids` from `resolveRoomIds`). The endpoint's own values win; returns new rows.
 */
export function withGridDetails(rooms: readonly ShopRoomRow[], rows: readonly GridRow[], ids: readonly (number | null)[]): ShopRoomRow[] {
  const byId = new Map<number, GridRow>()
  rows.forEach((r, i) => {
    const id = ids[i]
    if (id != null && !byId.has(id)) byId.set(id, r)
  })
  return rooms.map((room) => {
    const row = byId.get(room.roomId)
    if (!row) return room
    return { ...room, figures: room.figures ?? row.figures, hasReplay: room.hasReplay ?? row.hasReplay }
  })
}

/** What the grid shows, to notice a reload (rows redrawn from the endpoint) but not the extension's own marks. */
export function gridSignature(rows: readonly GridRow[]): string {
  return rows.map((r) => `${r.roomId ?? ""}|${r.title}|${r.anchor}|${r.start}|${pageText(r.tr)}`).join("\n")
}

// ---------------------------------------------------------------------------------------------
// Answers: HiMall answers its buttons with a short toast (`$.dialog.succeedTips`)

/** A loading indicator is not an answer. */
const LOADING = /^(正在)?(加载|处理|获取|提交)中|^请稍[候后]|^loading/i

/** Is this added element a toast: short text, laid over the page (fixed/absolute) or right under <body>, outside tables. */
function toastText(el: Element, doc: Document): string | null {
  if (isOurs(el) || el.closest("table")) return null
  const t = pageText(el)
  if (!t || t.length > 200 || LOADING.test(t)) return null
  if (el.parentElement === doc.body) return t
  const view = doc.defaultView
  for (let e: Element | null = el; e && e !== doc.body; e = e.parentElement) {
    const pos = view?.getComputedStyle(e).position
    if (pos === "fixed" || pos === "absolute") return t
  }
  return null
}

export interface AnswerWatch {
  /** The first toast's text, or null at the timeout (or when cancelled). */
  answer: Promise<string | null>
  cancel(): void
}

/** Wait for the page's next toast (e.g. 获取成功！) from now on. */
export function watchForToast(doc: Document, timeoutMs: number): AnswerWatch {
  let cancel = () => undefined as void
  const answer = new Promise<string | null>((resolve) => {
    const done = (v: string | null) => {
      observer.disconnect()
      clearTimeout(timer)
      resolve(v)
    }
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== Node.ELEMENT_NODE) continue
          const t = toastText(n as Element, doc)
          if (t) return done(t)
        }
      }
    })
    observer.observe(doc.body, { childList: true, subtree: true })
    const timer = setTimeout(() => done(null), timeoutMs)
    cancel = () => done(null)
  })
  return { answer, cancel: () => cancel() }
}

/** Does HiMall's answer say it worked? (获取成功！, 设置成功！, 上传成功) */
export function answerIsSuccess(text: string | null): boolean {
  return !!text && /成功/.test(text) && !/(失败|不成功|未成功)/.test(text)
}

// ---------------------------------------------------------------------------------------------
// 封面设置

/**
 * HiMall's picture box: the picture is the CSS background of `holder`, which holds a hidden
 * input with the picture's path; `trigger` opens HiMall's uploader ($.uploadImage), `remove`
 * (an ×) empties it.
 */
export interface PictureUploader {
  holder: HTMLElement
  input: HTMLInputElement
  trigger: HTMLElement | null
  remove: HTMLElement | null
}

export interface CoverDialog {
  root: HTMLElement
  /** The caption 建议尺寸750*750 / 800*640: the uploader is around it. */
  caption: HTMLElement | null
  /** The size the caption asks (750×750 when it does not say). */
  size: CoverSize
  /** The caption named a size. */
  sizeStated: boolean
  /** The uploader's file input, when shown (older versions; they show the current cover instead, with a remove control). */
  fileInput: HTMLInputElement | null
  /** HiMall's picture box (no file input in the dialog), when it has one. */
  picture: PictureUploader | null
  /** The control that removes the current cover (× / 删除), when there is one. */
  removeControl: HTMLElement | null
  /** HiMall's hidden room id input in the dialog, when it has one. */
  roomId: number | null
}

function captionIn(root: ParentNode): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    if (isOurs(el)) continue
    let own = ""
    for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) own += n.textContent
    if (COVER_CAPTION.test(own) || (el.children.length === 0 && COVER_CAPTION.test(el.textContent ?? ""))) return el
  }
  return null
}

/** The size a caption asks: 建议尺寸800*640 → 800×640. */
function captionSize(caption: HTMLElement | null): CoverSize | null {
  const m = caption ? COVER_CAPTION.exec(caption.textContent ?? "") : null
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null
}

const pageFileInput = (root: ParentNode) => [...root.querySelectorAll<HTMLInputElement>("input[type=file]")].find((i) => !isOurs(i)) ?? null

/** A CSS `url(…)` in a background declaration, "" for `url('')`, null when there is none. */
function backgroundUrl(el: HTMLElement): string | null {
  const m = /url\(\s*(['"]?)(.*?)\1\s*\)/.exec(el.style.backgroundImage || el.getAttribute("style") || "")
  return m ? m[2] : null
}

const isRemoveText = (t: string) => t === "×" || t === "x" || t === "X" || t === "删除" || t === "移除"

/**
 * HiMall's picture box in a dialog: a hidden input whose element shows a picture as its CSS
 * background (declared in its style, even empty, or an `imagesrc`), with the uploader's button
 * and the × beside it in the same box.
 */
function pictureUploaderIn(root: ParentNode): PictureUploader | null {
  for (const input of root.querySelectorAll<HTMLInputElement>("input[type=hidden]")) {
    if (isOurs(input)) continue
    const holder = input.parentElement
    if (!holder || holder === root) continue
    const declares = /background/i.test(holder.getAttribute("style") ?? "") || holder.hasAttribute("imagesrc")
    if (!declares) continue
    const box = holder.parentElement ?? holder
    const others = [...box.children].filter((c): c is HTMLElement => c !== holder && c instanceof HTMLElement && !isOurs(c))
    const remove = others.find((c) => isRemoveText(labelText(c.textContent)) || /删除|移除|remove|delete/i.test(c.getAttribute("title") ?? "")) ?? null
    const trigger =
      others.find(
        (c) => c !== remove && (/上传|upload/i.test(`${c.textContent} ${c.getAttribute("title") ?? ""} ${c.className}`) || c.getAttribute("role") === "button")
      ) ??
      others.find((c) => c !== remove && c.tagName !== "INPUT") ??
      null
    return { holder, input, trigger, remove }
  }
  return null
}

/** The dialog around a title element: the nearest ancestor holding the uploader (caption, file input or picture box), never <body>. */
function dialogAround(title: HTMLElement): HTMLElement | null {
  let el: HTMLElement | null = title.parentElement
  for (let depth = 0; el && depth < 8; depth++, el = el.parentElement) {
    if (el === el.ownerDocument.body || el === el.ownerDocument.documentElement) return null
    if (el.querySelector("table")) return null
    if (captionIn(el) || pageFileInput(el) || pictureUploaderIn(el)) return el
  }
  return null
}

function removeControlIn(root: HTMLElement, picture: PictureUploader | null): HTMLElement | null {
  if (picture?.remove) return picture.remove
  const controls = [...root.querySelectorAll<HTMLElement>("a, button, span, i, [role=button]")].filter((c) => !isOurs(c))
  const byTitle = controls.find((c) => /删除|移除|remove|delete/i.test(c.getAttribute("title") ?? c.getAttribute("aria-label") ?? ""))
  if (byTitle) return byTitle
  // A bare × on the current cover (not the dialog's own close, titled 关闭).
  return (
    controls.find((c) => {
      if (/关闭|close/i.test(c.getAttribute("title") ?? c.getAttribute("aria-label") ?? "")) return false
      return isRemoveText(labelText(c.textContent)) && !!c.parentElement?.querySelector("img")
    }) ?? null
  )
}

/** Open 封面设置 dialogs, found by their title and uploader (caption, file input or picture box). */
export function findCoverDialogs(doc: ParentNode): CoverDialog[] {
  const roots = new Set<HTMLElement>()
  for (const title of elementsWithText(doc, COVER_DIALOG_TITLES)) {
    if (isOurs(title)) continue
    const root = dialogAround(title)
    if (root) roots.add(root)
  }
  // A dialog drawn without that title: the caption inside an element announced as a dialog.
  const caption = captionIn(doc)
  const declared = caption?.closest<HTMLElement>("[role=dialog], dialog")
  if (declared && ![...roots].some((r) => r.contains(declared) || declared.contains(r))) roots.add(declared)
  return [...roots].map((root) => {
    const caption = captionIn(root)
    const stated = captionSize(caption)
    const picture = pictureUploaderIn(root)
    return {
      root,
      caption,
      size: stated ?? PLATFORM_COVER_SIZE,
      sizeStated: !!stated,
      fileInput: pageFileInput(root),
      picture,
      removeControl: removeControlIn(root, picture),
      roomId: roomIdOf(root)
    }
  })
}

/** The pictures a dialog shows (its current or uploaded cover), as absolute http(s) URLs. */
export function dialogImages(root: HTMLElement): string[] {
  const backgrounds = [...root.querySelectorAll<HTMLElement>("[style]")].filter((el) => !isOurs(el)).map((el) => backgroundUrl(el) ?? "")
  return [...[...root.querySelectorAll<HTMLImageElement>("img")].filter((img) => !isOurs(img)).map((img) => img.getAttribute("src") ?? ""), ...backgrounds]
    .filter((src) => src && !/^(data|blob):/i.test(src))
    .map((src) => {
      try {
        return new URL(src, root.ownerDocument.baseURI).toString()
      } catch {
        return src
      }
    })
}

/** Text in the dialog that reads as a refusal (文件大小不能超过2M, 格式不正确！…, 上传失败). */
const UPLOAD_ERROR = /失败|不能超过|格式不正确|错误|不支持|过大|请选择/

export function dialogErrorText(root: HTMLElement): string | null {
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    if (isOurs(el) || el.children.length) continue
    const t = labelText(el.textContent)
    if (t && t.length <= 200 && UPLOAD_ERROR.test(t)) return t
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// HiMall's uploader, driven the way its own script does

export type UploadAnswer = { ok: true; path: string } | { ok: false; reason: string }

const IMAGE_PATH = /^(\/|https?:\/\/)[^\s<>"']+\.(jpe?g|png|gif|bmp|webp)(\?[^\s<>"']*)?$/i

/**
 * What UploadPic answered: text/html with the stored path(s), comma-separated (`/temp/….jpg`),
 * or a refusal text (NoFile, 格式不正确！…); older versions answer JSON `{ success, src, msg }`.
 */
export function readUploadAnswer(body: string): UploadAnswer {
  const t = body.trim()
  if (t.startsWith("{")) {
    try {
      const j = JSON.parse(t) as Record<string, unknown>
      const src = typeof j.src === "string" ? j.src : typeof j.url === "string" ? j.url : typeof j.data === "string" ? j.data : ""
      if (j.success !== false && IMAGE_PATH.test(src.trim())) return { ok: true, path: src.trim() }
      return { ok: false, reason: typeof j.msg === "string" && j.msg ? j.msg.slice(0, 200) : t.slice(0, 200) }
    } catch {
      return { ok: false, reason: t.slice(0, 200) }
    }
  }
  const first = t.split(",")[0].trim()
  if (IMAGE_PATH.test(first)) return { ok: true, path: first }
  // A refusal is a short text; an HTML page (a login page, an error page) is said as such.
  const plain = /<[a-z!]/i.test(t) ? "" : t
  return { ok: false, reason: plain.slice(0, 200) }
}

/** Post a picture to the shop's upload endpoint as HiMall's uploader does (multipart, field `files`), with the page's session. */
export async function postToUploader(origin: string, file: File, fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<UploadAnswer> {
  const form = new FormData()
  form.append(UPLOAD_FIELD, file, file.name)
  let res: Response
  try {
    res = await fetchImpl(`${origin}${UPLOAD_PATH}`, { method: "POST", body: form, credentials: "same-origin", signal })
  } catch {
    return { ok: false, reason: "" }
  }
  if (!res.ok) return { ok: false, reason: `HTTP ${res.status}` }
  return readUploadAnswer(await res.text())
}

/**
 * Show an uploaded picture in HiMall's picture box as its uploader's success does: the path in
 * the hidden input (with a change event), the picture as the box's background (and `imagesrc`),
 * the upload button hidden and the × shown. Returns whether the hidden input now holds the path.
 */
export function showInPictureBox(p: PictureUploader, path: string): boolean {
  p.holder.style.backgroundImage = `url("${path.replace(/["\\\n\r]/g, "")}")`
  if (p.holder.hasAttribute("imagesrc")) p.holder.setAttribute("imagesrc", path)
  p.input.value = path
  p.input.dispatchEvent(new Event("input", { bubbles: true }))
  p.input.dispatchEvent(new Event("change", { bubbles: true }))
  p.trigger?.classList.add("hidden")
  p.remove?.classList.remove("hide")
  return p.input.value === path
}

// ---------------------------------------------------------------------------------------------
// 直播商品 (LiveProduct)

/** HiMall's 直播商品 page by its path (`/{Admin|SellerAdmin}/Live/LiveProduct`). */
export function isLiveProductPage(url: URL | Location): boolean {
  return isHimallPage(url.pathname, "Live/LiveProduct")
}

/** Is this HiMall's 直播商品 page of a room? (its path, or the breadcrumb 直播商品 with a room id) */
export function liveProductRoomId(url: URL | Location, doc: ParentNode): number | null {
  const isPage = isLiveProductPage(url) || elementsWithText(doc, "直播商品").some((el) => !isOurs(el))
  if (!isPage) return null
  const inputs = [...doc.querySelectorAll("input[type=hidden]")].filter((i) => isRoomIdInput(i) && !isOurs(i)) as HTMLInputElement[]
  const fromInputs = agreedId(inputs.map((i) => validId(int(i.value))).filter((n): n is number => n != null))
  if (fromInputs != null) return fromInputs
  return validId(roomIdFromQuery(url.search))
}

/** The goods list endpoint of the 直播商品 page (`./LiveProductList` beside it). */
export function liveProductListUrl(url: URL | Location): string | null {
  const area = himallAreaOfPath(url.pathname)
  return area ? `${url.origin}/${area}/Live/LiveProductList` : null
}

/** One row of LiveProductList as a room content item; null without a name or an id. */
export function liveProductRowToItem(row: Record<string, unknown>): RoomContentItem | null {
  const name = str(pick(row, ["Name", "name", "ProductName", "productName"]), 500)
  const link = str(pick(row, ["Url", "url", "Link", "link"]), 2000) || null
  const productId = validId(int(pick(row, ["ProductId", "productId", "Id", "id"]))) ?? productIdFromLink(link)
  const goodsId = validId(int(pick(row, ["GoodsId", "goodsId"])))
  if (!name && productId == null) return null
  const price = figureValue(pick(row, ["Price", "price", "SalePrice", "MinPrice"]))
  const image = str(pick(row, ["Image", "image", "ImageUrl", "imageUrl", "CoverImg", "coverImg"]), 2000) || null
  return { productId, goodsId, url: link, name, price, image }
}

/** Every product of a room from LiveProductList, page by page. Throws EndpointError. */
export async function fetchRoomContents(
  listUrl: string,
  roomId: number,
  fetchImpl: typeof fetch = fetch
): Promise<{ items: RoomContentItem[]; total: number; complete: boolean }> {
  const items: RoomContentItem[] = []
  let total = 0
  let read = 0
  let complete = false
  for (let page = 1; page <= 20; page++) {
    const answer = await fetchProductPage(listUrl, { page, rows: ROOM_PAGE_SIZE, filters: { RoomId: String(roomId), roomId: String(roomId) } }, fetchImpl)
    total = answer.total
    read += answer.rows.length
    for (const r of answer.rows) {
      const item = liveProductRowToItem(r as Record<string, unknown>)
      if (item) items.push(item)
    }
    if (read >= total || answer.rows.length === 0) {
      complete = read >= total
      break
    }
  }
  return { items, total, complete }
}
