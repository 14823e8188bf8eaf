// WeChat 直播 → 直播间管理: the room list read by its column headers and by what each cell says.
// The console has drawn it in several ways (screenshot 10: 直播间信息 · 直播状态 · 操作, with
// name, anchor and times inside the info cell; the sandbox: 直播间信息 · 主播 · 开播时间 ·
// 直播状态 · 操作), with header and body in one <table> or in two. So a row is read by meaning:
// the room id after 房间号 / ID (or in an edit link's roomId=), times as "YYYY-MM-DD HH:mm",
// the status as one of WeChat's words, the anchor in its column or after 主播：.
import { collapseSpace } from "~core/text"
import { liveStatusFromText, LIVE_STATUS_TEXT, roomIdFromQuery } from "~core/rooms"
import { parseRoomTime } from "~core/room-rules"
import type { WechatRoomMessage } from "~protocol/messages"
import { findHeaderRow, readTable, type TableSpec } from "~lib/dom/table"
import { isShown } from "~lib/dom/visible"
import { isOurs } from "~lib/dom/text"

import { findButton, hasConsoleTabs, isDisabled, readable, shownText } from "./console"

const CREATE_ROOM_TEXT = "创建直播间"
const EMPTY_TEXTS = ["暂无直播房间", "暂无直播间", "暂无数据"]
const NEXT_PAGE = ["下一页", "next page", "Next"]

const ID = /(?:房间号|房间\s*ID|直播间\s*ID|(?<![A-Za-z])ID)\s*[：:]?\s*(\d{1,15})/i
const DATETIME = /(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]+(\d{1,2}:\d{2})(?::\d{2})?/g
const ANCHOR_LABEL = /^主播(?:昵称)?\s*[：:]\s*/
const WECHAT_LABEL = /^(?:主播)?微信(?:账号|号)\s*[：:]\s*/

function cellText(el: Element | undefined): string {
  return collapseSpace(el?.textContent)
}

const CELLS = ["td", "th", "[role=cell]", "[role=gridcell]", "[role=columnheader]"]

/** The room table: its header names the info column and the status column at least. */
const ROOM_TABLE: TableSpec<"info" | "anchor" | "time" | "status"> = {
  columns: {
    info: ["直播间信息", "直播间", "直播间名称", "直播标题", "房间信息"],
    anchor: ["主播", "主播信息", "主播昵称"],
    time: ["开播时间", "直播时间", "计划直播时间"],
    status: ["直播状态", "状态"]
  },
  required: ["info", "status"],
  minCells: 2,
  headerCells: CELLS,
  bodyCells: CELLS,
  text: (c) => readable(c.textContent)
}

/** Is the 直播间管理 view shown: its tab current-looking or its table, and 创建直播间? */
export function isRoomList(root: ParentNode): boolean {
  if (!findButton(root, CREATE_ROOM_TEXT)) return false
  return !!findHeaderRow(root, ROOM_TABLE) || (hasConsoleTabs(root) && shownText(root, EMPTY_TEXTS).length > 0)
}

/** The text pieces of an element, in order (each text node, trimmed). */
function pieces(el: Element): string[] {
  const out: string[] = []
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement
    if (isOurs(parent) || (parent && !isShown(parent))) continue
    const t = collapseSpace(n.textContent)
    if (t) out.push(t)
  }
  return out
}

function roomIdOf(row: HTMLElement, text: string): number | null {
  const m = ID.exec(text)
  if (m) return Number(m[1])
  for (const a of row.querySelectorAll("a[href]")) {
    const id = roomIdFromQuery(a.getAttribute("href"))
    if (id != null) return id
  }
  const data = row.querySelector("[data-room-id], [data-roomid]")
  const v = data?.getAttribute("data-room-id") ?? data?.getAttribute("data-roomid")
  return v && /^\d{1,15}$/.test(v) ? Number(v) : null
}

/** Start and end from texts like "2030-06-01 20:00 至 2030-06-01 22:00" (or "… 20:00 - 22:00"). */
export function timesOf(text: string): { start: number | null; end: number | null } {
  const found = [...text.matchAll(DATETIME)]
  const start = found[0] ? parseRoomTime(`${found[0][1]} ${found[0][2]}`) : null
  let end = found[1] ? parseRoomTime(`${found[1][1]} ${found[1][2]}`) : null
  if (found[0] && !found[1]) {
    // The end on the same day, written as a time only.
    const rest = text.slice(found[0].index! + found[0][0].length)
    const m = /^\s*(?:至|到|~|-|—|–)\s*(\d{1,2}:\d{2})/.exec(rest)
    if (m) end = parseRoomTime(`${found[0][1]} ${m[1]}`)
  }
  return { start, end }
}

const STATUS_WORDS = Object.entries(LIVE_STATUS_TEXT)
  .filter(([code]) => Number(code) >= 101)
  .sort((a, b) => b[1].length - a[1].length)

function statusOf(cell: HTMLElement | undefined, rowText: string): { code: number | null; text: string } {
  for (const p of cell ? pieces(cell) : []) {
    const code = liveStatusFromText(p)
    if (code !== null && code >= 101) return { code, text: p }
  }
  const hay = cell ? cellText(cell) : rowText
  for (const [code, word] of STATUS_WORDS) if (hay.includes(word)) return { code: Number(code), text: word }
  return { code: null, text: cell ? cellText(cell).slice(0, 100) : "" }
}

const isIdPiece = (p: string, id: number) => ID.test(p) || p === String(id) || /^(房间号|ID|房间ID)\s*[：:]?$/i.test(p)
const isTimePiece = (p: string) => /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(p) || /^(至|到|开播时间|直播时间)\s*[：:]?/.test(p)
const isLabelled = (p: string) => /^(主播|主播昵称|主播微信|主播微信号|主播微信账号|微信号)\s*[：:]/.test(p)

export interface RoomListReading {
  rooms: WechatRoomMessage[]
  /** Rows shown but not understood (no room id). */
  skipped: number
  /** The list is whole: no further page to show. */
  complete: boolean
}

/** The rooms 直播间管理 shows now, or null when this is not that view (or it has not loaded). */
export function readRoomList(root: ParentNode): RoomListReading | null {
  if (!findButton(root, CREATE_ROOM_TEXT)) return null
  const table = readTable(root, ROOM_TABLE)
  if (!table) {
    // The empty list: its text and the 创建直播间 button, in the console with its tabs.
    if (hasConsoleTabs(root) && shownText(root, EMPTY_TEXTS).length) return { rooms: [], skipped: 0, complete: true }
    return null
  }
  const { header } = table
  const rooms: WechatRoomMessage[] = []
  let skipped = 0
  for (const { row, cells } of table.rows) {
    const rowPieces = pieces(row)
    // Pieces joined with spaces: cells and spans glued by textContent would run into each other.
    const text = rowPieces.join(" ")
    if (!text || shownText(row, EMPTY_TEXTS).length) continue
    const roomId = roomIdOf(row, text)
    if (roomId === null) {
      skipped++
      continue
    }
    const info = cells[header.col.info]
    const infoPieces = pieces(info)
    const name = infoPieces.find((p) => !isIdPiece(p, roomId) && !isTimePiece(p) && !isLabelled(p)) ?? ""

    let anchorName = ""
    let anchorWechat: string | null = null
    if (header.col.anchor >= 0) {
      const [first, second] = pieces(cells[header.col.anchor])
      anchorName = (first ?? "").replace(/^(主播|主播昵称)\s*[：:]\s*/, "")
      if (second) anchorWechat = second.replace(/^(主播)?微信(账号|号)\s*[：:]\s*/, "")
    }
    if (!anchorName) anchorName = labelledValue(rowPieces, ANCHOR_LABEL) ?? ""
    anchorWechat ??= labelledValue(rowPieces, WECHAT_LABEL)
    if (anchorWechat !== null && !/^[\x21-\x7e]{1,100}$/.test(anchorWechat)) anchorWechat = null

    const { start, end } = timesOf(header.col.time >= 0 ? pieces(cells[header.col.time]).join(" ") : text)
    const status = statusOf(cells[header.col.status], text)
    const img = info?.querySelector<HTMLImageElement>("img[src]")
    const coverUrl = img && /^https?:\/\//i.test(img.src) ? img.src : null
    rooms.push({
      roomId,
      name: name.slice(0, 200),
      anchorName: anchorName.slice(0, 200),
      anchorWechat,
      start,
      end,
      liveStatus: status.code,
      statusText: status.text.slice(0, 100),
      coverUrl
    })
  }
  // Nothing understood and no empty text: still loading (an empty list must say so).
  if (!rooms.length && !skipped && !shownText(root, EMPTY_TEXTS).length) return null
  return { rooms, skipped, complete: !hasMorePages(root, rooms.length) }
}

/** The value after a label piece ("主播：小美"), or the next piece when the label stands alone. */
function labelledValue(list: string[], label: RegExp): string | null {
  for (let i = 0; i < list.length; i++) {
    if (!label.test(list[i])) continue
    const rest = list[i].replace(label, "").trim()
    return rest || list[i + 1] || null
  }
  return null
}

/** A pager offers a next page, or says there are more rooms than shown. */
function hasMorePages(root: ParentNode, shown: number): boolean {
  for (const el of root.querySelectorAll<HTMLElement>("button, a, li, [role=button]")) {
    if (isOurs(el) || !isShown(el)) continue
    const label = readable(el.getAttribute("aria-label") ?? el.getAttribute("title") ?? el.textContent)
    if (NEXT_PAGE.includes(label) && !isDisabled(el)) return true
  }
  const total = /共\s*(\d+)\s*(?:条|个|场)/.exec(cellText(root instanceof Document ? root.body : (root as Element)))
  return !!total && Number(total[1]) > shown
}
