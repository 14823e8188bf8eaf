// Reading HiMall's 商品管理 grid. Each row's 操作 cell carries hidden inputs that HiMall
// itself uses for 直播链接: .thisId, .thisShopId, .thisName, .thisPrice ("68.00" or
// "399.00~488.00"). They stay even where the 直播链接 link is no longer drawn.
import type { RawProduct } from "~core/product"

export const ROW_INPUTS = {
  id: "input.thisId",
  shopId: "input.thisShopId",
  name: "input.thisName",
  price: "input.thisPrice"
} as const

/** The grid rows that describe a product (a row is known by its hidden id input). */
export function findProductRows(root: ParentNode): HTMLTableRowElement[] {
  const rows = new Set<HTMLTableRowElement>()
  for (const input of root.querySelectorAll<HTMLInputElement>(ROW_INPUTS.id)) {
    const tr = input.closest("tr")
    if (tr) rows.add(tr)
  }
  // A row without the id input but with the other hidden inputs is still a product row
  // whose data is broken: find it too, so the merchant is told rather than left guessing.
  for (const input of root.querySelectorAll<HTMLInputElement>(`${ROW_INPUTS.name}, ${ROW_INPUTS.price}`)) {
    const tr = input.closest("tr")
    if (tr) rows.add(tr)
  }
  return [...rows]
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

export function readProductRow(row: HTMLTableRowElement): RawProduct {
  return {
    productId: inputValue(row, ROW_INPUTS.id),
    shopId: inputValue(row, ROW_INPUTS.shopId),
    name: inputValue(row, ROW_INPUTS.name),
    price: inputValue(row, ROW_INPUTS.price),
    link: null,
    imageUrl: rowImage(row),
    source: "row"
  }
}

/** Where a row's controls belong: the 操作 cell (the one holding the hidden inputs). */
export function actionCell(row: HTMLTableRowElement): HTMLElement {
  return (row.querySelector(ROW_INPUTS.id)?.closest("td") as HTMLElement | null) ?? (row.lastElementChild as HTMLElement) ?? row
}

/** Header texts of the grid's product and action columns (a fallback when it has no rows). */
const GRID_HEADERS = ["商品", "操作"] as const

/**
 * The product grid (`table#list` in HiMall, but found by meaning): the table holding the
 * product rows, or, while it has none (loading, empty search), the table whose header names
 * the 商品 and 操作 columns.
 */
export function findProductGrid(root: ParentNode): HTMLTableElement | null {
  const row = findProductRows(root)[0]
  const fromRow = row?.closest("table")
  if (fromRow) return fromRow
  for (const table of root.querySelectorAll<HTMLTableElement>("table")) {
    const heads = [...table.querySelectorAll("th")].map((th) => th.textContent?.replace(/\s+/g, "") ?? "")
    if (GRID_HEADERS.every((h) => heads.includes(h))) return table
  }
  return null
}
