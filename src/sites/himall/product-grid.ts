// Reading HiMall's 商品管理 grid (hiMallDatagrid). Each row's 操作 cell carries hidden inputs
// that HiMall itself uses for 直播链接: .thisId, .thisShopId, .thisName, .thisPrice ("68.00"
// or "399.00~488.00"). They stay even where the 直播链接 link is no longer drawn; some tabs
// (the seller's 销售中) draw no .thisPrice. Every other signal of the row is read too, so a
// row whose inputs are missing still tells what it can: the product link
// (/product/detail/{id}), ids in attributes (productid, data-product-id, a checkbox value) or
// in onclick arguments (audit(12), infractionSaleOffDialog(12)), the picture's path
// (/Storage/Shop/{shopId}/Products/{id}/…), the name link's title, the ￥ price under it and
// the 状态 column's words.
import { withoutSpace } from "~core/text"
import type { RawProduct } from "~core/product"

import { statusFromText } from "./product-status"

const ROW_INPUTS = {
  id: "input.thisId",
  shopId: "input.thisShopId",
  name: "input.thisName",
  price: "input.thisPrice"
} as const

/** The product page link HiMall draws around a product's name. */
const DETAIL_LINK = /\/product\/detail\/(\d{1,15})(?:[/?#]|$)/i
/** A product picture's path: /Storage/Shop/{shopId}/Products/{id}/… */
const PICTURE_PATH = /\/Storage\/Shop\/(\d{1,15})\/Products\/(\d{1,15})\//i

/** The grid rows that describe a product (a row is known by its hidden inputs, or by its product link in a product grid). */
export function findProductRows(root: ParentNode): HTMLTableRowElement[] {
  const rows = new Set<HTMLTableRowElement>()
  // A row with any of the hidden inputs, even without the id one: its data is then read from
  // its other signals, or the merchant is told what is missing rather than left guessing.
  for (const input of root.querySelectorAll<HTMLInputElement>(`${ROW_INPUTS.id}, ${ROW_INPUTS.name}, ${ROW_INPUTS.price}`)) {
    const tr = input.closest("tr")
    if (tr) rows.add(tr)
  }
  // A version without the inputs: rows of the product grid that link to a product page.
  for (const table of headerGrids(root)) {
    for (const tr of table.querySelectorAll<HTMLTableRowElement>("tbody tr")) {
      if (tr.closest("table") !== table || rows.has(tr)) continue
      if ([...tr.querySelectorAll("a[href]")].some((a) => DETAIL_LINK.test(a.getAttribute("href") ?? ""))) rows.add(tr)
    }
  }
  // Document order (a Set built from two passes may not be).
  return [...rows].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
}

function inputValue(row: ParentNode, selector: string): string | null {
  return row.querySelector<HTMLInputElement>(selector)?.value ?? null
}

/** The product picture of a row: the image in the 商品 cell (not icons elsewhere). */
function rowImage(row: HTMLTableRowElement): string | null {
  const imgs = [...row.querySelectorAll<HTMLImageElement>("img")]
  const product = imgs.find((i) => /\/Storage\/|Products?\//i.test(i.getAttribute("src") ?? "")) ?? imgs[0]
  return product?.getAttribute("src") ?? null
}

/** The link to the product's page (its name), if drawn. */
function detailLink(row: HTMLTableRowElement): HTMLAnchorElement | null {
  return [...row.querySelectorAll<HTMLAnchorElement>("a[href]")].find((a) => DETAIL_LINK.test(a.getAttribute("href") ?? "")) ?? null
}

const ID_TEXT = /^\s*(\d{1,15})\s*$/

/** The product id from every signal the row gives, the hidden input first. */
function rowProductId(row: HTMLTableRowElement): string | null {
  const input = inputValue(row, ROW_INPUTS.id)
  if (input != null && ID_TEXT.test(input)) return input
  const link = detailLink(row)
  const fromLink = link ? DETAIL_LINK.exec(link.getAttribute("href") ?? "")?.[1] : undefined
  if (fromLink) return fromLink
  for (const el of row.querySelectorAll("[productid], [data-product-id], [data-id]")) {
    const v = el.getAttribute("productid") ?? el.getAttribute("data-product-id") ?? el.getAttribute("data-id") ?? ""
    if (ID_TEXT.test(v)) return v.trim()
  }
  for (const el of row.querySelectorAll("[onclick]")) {
    const m = /\(\s*'?(\d{1,15})'?\s*[,)]/.exec(el.getAttribute("onclick") ?? "")
    if (m) return m[1]
  }
  const picture = PICTURE_PATH.exec(rowImage(row) ?? "")?.[2]
  if (picture) return picture
  const check = row.querySelector<HTMLInputElement>('input[type="checkbox"][value]')?.value
  if (check && ID_TEXT.test(check) && check.trim() !== "on") return check.trim()
  // What the input held, even if it is not an id: qualifying it tells the merchant.
  return input
}

function rowShopId(row: HTMLTableRowElement): string | null {
  const input = inputValue(row, ROW_INPUTS.shopId)
  if (input != null && ID_TEXT.test(input)) return input
  return PICTURE_PATH.exec(rowImage(row) ?? "")?.[1] ?? input
}

function rowName(row: HTMLTableRowElement): string | null {
  const input = inputValue(row, ROW_INPUTS.name)
  if (input != null) return input
  const link = detailLink(row)
  if (!link) return null
  return link.getAttribute("title") ?? link.textContent
}

/** The ￥ amount shown in the row (the 商品 cell's price: the lowest one of a range). */
function shownPrice(row: HTMLTableRowElement): string | null {
  for (const el of row.querySelectorAll<HTMLElement>("p, span, em, div, td")) {
    if (el.children.length) continue
    const m = /^\s*[￥¥]\s*([\d,]+(?:\.\d+)?(?:\s*[~～-]\s*[￥¥]?\s*[\d,]+(?:\.\d+)?)?)\s*$/.exec(el.textContent ?? "")
    if (m) return withoutSpace(m[1])
  }
  return null
}

/** The header texts of the row's table, by column. */
function headerTexts(row: HTMLTableRowElement): string[] {
  const table = row.closest("table")
  const head = table?.tHead?.rows[0] ?? [...(table?.rows ?? [])].find((r) => r.querySelector("th"))
  return head ? [...head.cells].map((c) => withoutSpace(c.textContent)) : []
}

/** The 状态 column's words, read as HiMall's sale and audit states. */
function rowStatus(row: HTMLTableRowElement): { saleStatus: number | null; auditStatus: number | null } {
  const col = headerTexts(row).indexOf("状态")
  const cell = col >= 0 ? row.cells[col] : null
  return statusFromText(cell?.textContent ?? null)
}

export function readProductRow(row: HTMLTableRowElement): RawProduct {
  return {
    productId: rowProductId(row),
    shopId: rowShopId(row),
    name: rowName(row),
    price: inputValue(row, ROW_INPUTS.price) ?? shownPrice(row),
    link: null,
    imageUrl: rowImage(row),
    source: "row",
    ...rowStatus(row)
  }
}

/** Where a row's controls belong: the 操作 cell (the one holding the hidden inputs, else the last). */
export function actionCell(row: HTMLTableRowElement): HTMLElement {
  const withInputs = row.querySelector(`${ROW_INPUTS.id}, ${ROW_INPUTS.name}`)?.closest("td")
  if (withInputs) return withInputs as HTMLElement
  const col = headerTexts(row).indexOf("操作")
  return (col >= 0 ? row.cells[col] : null) ?? (row.lastElementChild as HTMLElement) ?? row
}

/** Header texts of the grid's product and action columns (a fallback when it has no rows). */
const GRID_HEADERS = ["商品", "操作"] as const

function headerGrids(root: ParentNode): HTMLTableElement[] {
  return [...root.querySelectorAll<HTMLTableElement>("table")].filter((table) => {
    const heads = [...table.querySelectorAll("th")].map((th) => withoutSpace(th.textContent))
    return GRID_HEADERS.every((h) => heads.includes(h))
  })
}

/**
 * The product grid (`table#list` in HiMall, but found by meaning): the table holding the
 * product rows, or, while it has none (loading, empty search), the table whose header names
 * the 商品 and 操作 columns.
 */
export function findProductGrid(root: ParentNode): HTMLTableElement | null {
  const row = findProductRows(root)[0]
  const fromRow = row?.closest("table")
  if (fromRow) return fromRow
  return headerGrids(root)[0] ?? null
}
