// WeChat 直播 → 商品库: recognising the view (tabs 未入库 · 已入库 and the 添加商品 button)
// and reading its goods table by its column headers (基本信息 · 价格 · 链接 · 状态 · 操作),
// whether header and body share one <table> or not.
import { collapseSpace } from "~core/text"
import { goodsStatusFromText, rejectReasonFrom, statusWithoutReason, type GoodsRow } from "~core/goods"
import { readTable, type TableSpec } from "~lib/dom/table"
import { elementsWithText, isOurs } from "~lib/dom/text"
import { isShown } from "~lib/dom/visible"

import { CONSOLE_TABLE_CELLS } from "./console"

export const SHELF_TEXT = { pending: "未入库", approved: "已入库" } as const
const ADD_GOODS_TEXT = "添加商品"

export type Shelf = "pending" | "approved"
export type { GoodsRow }

function shown(el: Element): boolean {
  return isShown(el)
}

/** Is this the 商品库 view? Both shelves' tabs and the 添加商品 button are shown. */
export function isGoodsLibrary(root: ParentNode): boolean {
  const tabs = (text: string) => elementsWithText(root, text).some((el) => shown(el) && !isOurs(el))
  return tabs(SHELF_TEXT.pending) && tabs(SHELF_TEXT.approved) && !!findAddGoodsButton(root)
}

/** The console's own 添加商品 button (not the dialog's title). */
export function findAddGoodsButton(root: ParentNode): HTMLElement | null {
  for (const el of elementsWithText(root, ADD_GOODS_TEXT)) {
    const button = el.closest<HTMLElement>("button, a, [role=button]")
    if (button && shown(button) && !isOurs(button)) return button
  }
  return null
}

/** Which shelf is shown: the selected tab (aria-selected / aria-current, else a "current" look). */
export function currentShelf(root: ParentNode): Shelf | null {
  const selected = (el: HTMLElement): boolean => {
    for (let e: HTMLElement | null = el, d = 0; e && d < 3; e = e.parentElement, d++) {
      if (e.getAttribute("aria-selected") === "true" || (e.getAttribute("aria-current") ?? "false") !== "false") return true
      if (/(^|[-_\s])(current|active|selected|checked)($|[-_\s])/i.test(e.className || "")) return true
    }
    return false
  }
  for (const shelf of ["pending", "approved"] as Shelf[]) {
    if (elementsWithText(root, SHELF_TEXT[shelf]).some((el) => shown(el) && selected(el))) return shelf
  }
  return null
}

function cellText(el: Element): string {
  return collapseSpace(el.textContent)
}

/** The goods table: its header names at least 基本信息 and 链接 (操作 holds each row's 编辑, read by goods-edit.ts). */
export const GOODS_TABLE: TableSpec<"info" | "price" | "url" | "status" | "opr"> = {
  columns: { info: ["基本信息", "商品信息", "商品"], price: ["价格"], url: ["链接", "商品链接"], status: ["状态", "审核状态"], opr: ["操作"] },
  required: ["info", "url"],
  minCells: 3,
  ...CONSOLE_TABLE_CELLS
}

/** The rows of the goods table shown, or null when there is no goods table on the page. */
export function readGoodsTable(root: ParentNode): GoodsRow[] | null {
  return readGoodsLibrary(root)?.rows ?? null
}

export interface GoodsReading {
  rows: GoodsRow[]
  /** Rows shown but not understood (no link: a goods row is known by its link alone). */
  skipped: number
}

/**
 * The goods table as read: each row with what could be read (a status that is not one of
 * WeChat's words is null, the rest kept), and how many rows had no readable link.
 */
export function readGoodsLibrary(root: ParentNode): GoodsReading | null {
  const table = readTable(root, GOODS_TABLE)
  if (!table) return null
  const { header } = table
  const out: GoodsRow[] = []
  let skipped = 0
  for (const { row, cells } of table.rows) {
    const url = cellText(cells[header.col.url] ?? row)
    if (!url || cells.length < 2) {
      // An empty-text row (暂无数据) is no goods; any other row without a link is one we cannot read.
      if (cellText(row) && !/^(暂无数据|暂无商品|加载中)/.test(cellText(row))) skipped++
      continue
    }
    const statusCell = header.col.status >= 0 ? cells[header.col.status] : null
    const full = statusCell ? cellText(statusCell) : ""
    // A reason may be written after the status, or kept in a tooltip's title.
    const titled = statusCell ? [...statusCell.querySelectorAll("[title]")].map((e) => e.getAttribute("title") ?? "").join(" ") : ""
    const statusText = statusWithoutReason(full)
    const status = statusCell ? goodsStatusFromText(statusText || full) : null
    const infoCell = cells[header.col.info]
    out.push({
      name: cellText(infoCell),
      priceText: header.col.price >= 0 ? cellText(cells[header.col.price]) : "",
      url,
      status,
      statusText,
      rejectReason: status === "rejected" ? (rejectReasonFrom(full) ?? (titled.trim() || null)) : null
    })
  }
  return { rows: out, skipped }
}
