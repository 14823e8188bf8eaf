// HiMall 营销 → 小程序直播 (`/Admin/Live/Management`, seller `/SellerAdmin/Live/Management`).
// Site knowledge only (no extension API):
// - the list endpoint `POST /{Admin|SellerAdmin}/Live/List` (form `page`, `rows`) answering
//   `{ rows, total }`, rows with `RoomId`, `Name`, `ShopName`, `AnchorName`, `Status`,
//   `StatusDesc`, `StartTimeStr`, `EndTimeStr` (China time, `yyyy-MM-dd HH:mm`), `CoverImg`;
// - the grid drawn from it (columns 序号 · 直播标题 · 商家名称 · 主播昵称 · 状态 · 开播时间 · … · 操作),
//   whose rows may carry the room id in a hidden input (`.thisRoomId`) or not at all;
// - the button 获取小程序数据 (`POST /admin/Live/Sync`, answered by a toast such as 获取成功！);
// - the 封面设置 dialog (设置封面图) with its uploader captioned 建议尺寸750*750.
// Found by texts, labels and HiMall's own inputs, never by generated classes.
import type { ShopRoomRow } from "~protocol/messages"
import { elementsWithText, labelText } from "~lib/dom/text"

import { fetchProductPage, type EndpointPage } from "./product-endpoint"

export const SYNC_BUTTON_TEXTS = ["获取小程序数据"] as const
export const COVER_DIALOG_TITLES = ["封面设置"] as const
/** The uploader's caption: 建议尺寸750*750 (also 750×750, 750x750). */
export const COVER_CAPTION = /建议尺寸\s*[:：]?\s*750\s*[*×xX]\s*750/
export const SET_COVER_TEXTS = ["设置封面图", "设置封面"] as const

/** Header texts of the room grid's columns we read. */
export const ROOM_COLUMNS = { title: "直播标题", anchor: "主播昵称", status: "状态", start: "开播时间", actions: "操作" } as const

/** Is this element (or one around it) one of the extension's own? */
export function isOurs(el: Element | null): boolean {
  return !!el?.closest("[data-lh], [data-lh-control], [data-lh-ext]")
}

/** Text of an element as the page wrote it, without what the extension added inside it. */
export function pageText(el: Element): string {
  let out = ""
  const walk = (n: Node) => {
    for (const c of n.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) out += c.textContent ?? ""
      else if (c.nodeType === Node.ELEMENT_NODE && !isOurs(c as Element)) walk(c)
    }
  }
  walk(el)
  return out.replace(/[\s\u00a0\u3000]+/g, " ").trim()
}

// ---------------------------------------------------------------------------------------------
// The list endpoint

/** The list endpoint of the admin area the page is in, or null when not a HiMall admin page. */
export function liveListUrl(url: URL | Location): string | null {
  const m = /^\/(admin|selleradmin)(?:\/|$)/i.exec(url.pathname)
  if (!m) return null
  const area = m[1].toLowerCase() === "selleradmin" ? "SellerAdmin" : "Admin"
  return `${url.origin}/${area}/Live/List`
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

/** One row of the endpoint as the extension's `ShopRoomRow`, or null without a room id. */
export function liveRowToShopRoom(row: Record<string, unknown>): ShopRoomRow | null {
  const roomId = int(pick(row, ROOM_ID_KEYS))
  if (roomId == null || roomId < 1 || roomId > 2 ** 31 - 1) return null
  const cover = str(pick(row, ["CoverImg", "coverImg", "CoverUrl", "coverUrl", "Banner", "banner"]), 2000)
  return {
    roomId,
    name: str(pick(row, ["Name", "name", "RoomName", "roomName"])),
    anchorName: str(pick(row, ["AnchorName", "anchorName", "anchor_name"])),
    shopName: str(pick(row, ["ShopName", "shopName"])),
    status: int(pick(row, ["Status", "status", "LiveStatus", "liveStatus", "live_status"])),
    statusDesc: str(pick(row, ["StatusDesc", "statusDesc", "StatusText", "statusText"]), 100),
    start: parseHimallTime(pick(row, ["StartTimeStr", "StartTime", "startTime", "start_time", "start"])),
    end: parseHimallTime(pick(row, ["EndTimeStr", "EndTime", "endTime", "end_time", "end"])),
    coverUrl: cover || null
  }
}

export const ROOM_PAGE_SIZE = 100
/** Pages walked at most (10 000 rooms); beyond, the read is incomplete. */
export const ROOM_MAX_PAGES = 100

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
  /** From HiMall's hidden input in the row, when it draws one. */
  roomId: number | null
  title: string
  anchor: string
  start: string
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

/** A room id from HiMall's hidden input in the row (`.thisRoomId`, or any hidden input named for it). */
function rowRoomId(tr: HTMLTableRowElement): number | null {
  for (const input of tr.querySelectorAll<HTMLInputElement>("input[type=hidden]")) {
    const names = `${input.className} ${input.name} ${input.id}`
    if (/room_?id/i.test(names)) {
      const n = int(input.value)
      if (n != null && n > 0) return n
    }
  }
  return null
}

/** The grid's room rows, each with its room id where HiMall draws it. */
export function readGridRows(table: HTMLTableElement): GridRow[] {
  const heads = headerTexts(table)
  const col = (name: string) => heads.indexOf(name)
  const [iTitle, iAnchor, iStart, iActions] = [col(ROOM_COLUMNS.title), col(ROOM_COLUMNS.anchor), col(ROOM_COLUMNS.start), col(ROOM_COLUMNS.actions)]
  const header = headerRow(table)
  const out: GridRow[] = []
  const bodies = table.tBodies.length ? [...table.tBodies] : [table]
  for (const body of bodies) {
    for (const tr of body.querySelectorAll<HTMLTableRowElement>(":scope > tr")) {
      if (tr === header || tr.cells.length < heads.length || iTitle < 0) continue
      const cell = (i: number) => (i >= 0 ? pageText(tr.cells[i]) : "")
      out.push({
        tr,
        titleCell: tr.cells[iTitle],
        actionsCell: iActions >= 0 ? tr.cells[iActions] : null,
        roomId: rowRoomId(tr),
        title: cell(iTitle),
        anchor: cell(iAnchor),
        start: cell(iStart)
      })
    }
  }
  return out
}

const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, "")

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
      (c) => squash(c.room!.name) === squash(row.title) && (!row.anchor || squash(c.room!.anchorName) === squash(row.anchor)) && (!row.start || squash(c.start) === squash(row.start))
    )
    const ids = new Set(matches.map((m) => m.room!.roomId))
    return ids.size === 1 ? [...ids][0] : null
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

export interface CoverDialog {
  root: HTMLElement
  /** The caption 建议尺寸750*750: the uploader is around it. */
  caption: HTMLElement | null
  /** The uploader's file input, when shown (HiMall shows the current cover instead, with a remove control). */
  fileInput: HTMLInputElement | null
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

const pageFileInput = (root: ParentNode) => [...root.querySelectorAll<HTMLInputElement>("input[type=file]")].find((i) => !isOurs(i)) ?? null

/** The dialog around a title element: the nearest ancestor holding the uploader (caption or file input), never <body>. */
function dialogAround(title: HTMLElement): HTMLElement | null {
  let el: HTMLElement | null = title.parentElement
  for (let depth = 0; el && depth < 8; depth++, el = el.parentElement) {
    if (el === el.ownerDocument.body || el === el.ownerDocument.documentElement) return null
    if (el.querySelector("table")) return null
    if (captionIn(el) || pageFileInput(el)) return el
  }
  return null
}

function removeControlIn(root: HTMLElement): HTMLElement | null {
  const controls = [...root.querySelectorAll<HTMLElement>("a, button, span, i, [role=button]")].filter((c) => !isOurs(c))
  const byTitle = controls.find((c) => /删除|移除|remove|delete/i.test(c.getAttribute("title") ?? c.getAttribute("aria-label") ?? ""))
  if (byTitle) return byTitle
  // A bare × on the current cover (not the dialog's own close, titled 关闭).
  return (
    controls.find((c) => {
      if (/关闭|close/i.test(c.getAttribute("title") ?? c.getAttribute("aria-label") ?? "")) return false
      const t = labelText(c.textContent)
      return (t === "×" || t === "x" || t === "X" || t === "删除") && !!c.parentElement?.querySelector("img")
    }) ?? null
  )
}

function dialogRoomId(root: HTMLElement): number | null {
  for (const input of root.querySelectorAll<HTMLInputElement>("input[type=hidden]")) {
    if (/room_?id/i.test(`${input.name} ${input.id} ${input.className}`)) {
      const n = int(input.value)
      if (n != null && n > 0) return n
    }
  }
  return null
}

/** Open 封面设置 dialogs, found by their title and uploader caption. */
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
  return [...roots].map((root) => ({
    root,
    caption: captionIn(root),
    fileInput: pageFileInput(root),
    removeControl: removeControlIn(root),
    roomId: dialogRoomId(root)
  }))
}

/** The pictures a dialog shows (its current or uploaded cover), as absolute http(s) URLs. */
export function dialogImages(root: HTMLElement): string[] {
  return [...root.querySelectorAll<HTMLImageElement>("img")]
    .filter((img) => !isOurs(img))
    .map((img) => img.getAttribute("src") ?? "")
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
export const UPLOAD_ERROR = /失败|不能超过|格式不正确|错误|不支持|过大|请选择/

export function dialogErrorText(root: HTMLElement): string | null {
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    if (isOurs(el) || el.children.length) continue
    const t = labelText(el.textContent)
    if (t && t.length <= 200 && UPLOAD_ERROR.test(t)) return t
  }
  return null
}
