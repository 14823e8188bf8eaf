// Reading a table by its header texts, never by classes or column positions: the header row is
// the first shown row whose cells name the columns wanted, the body rows are the rows after it
// as wide as it — whether header and body share one <table> (or role=grid) or sit in two, as
// split-header tables draw them. Which texts name which column is each site's knowledge.
import { isOurs } from "./text"
import { isShown } from "./visible"

const ROWS = "tr, [role=row]"

export interface TableSpec<K extends string> {
  /** Each column's possible header texts (compared with `text` of the header cell). */
  columns: Record<K, readonly string[]>
  /** The columns a row must name to be this table's header. */
  required: readonly K[]
  /** Fewest cells a header row has. */
  minCells: number
  /** The kinds of a header row's cells (its children matching one of these selectors). */
  headerCells: readonly string[]
  /** The kinds of a body row's cells. */
  bodyCells: readonly string[]
  /** A header cell's text as compared with `columns`. */
  text: (cell: HTMLElement) => string
}

export interface TableHeader<K extends string> {
  row: HTMLElement
  cells: HTMLElement[]
  /** Each column's index among the cells, -1 where the table lacks it. */
  col: Record<K, number>
}

export interface TableRow {
  row: HTMLElement
  cells: HTMLElement[]
}

/** A row's own cells of these kinds (`td`, `[role=cell]`…), in order. */
function cellsOf(row: HTMLElement, kinds: readonly string[]): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(kinds.map((k) => `:scope > ${k}`).join(", "))]
}

/** The first shown row (our own panels' excluded) whose cells name every required column. */
export function findHeaderRow<K extends string>(root: ParentNode, spec: TableSpec<K>): TableHeader<K> | null {
  const keys = Object.keys(spec.columns) as K[]
  for (const row of root.querySelectorAll<HTMLElement>(ROWS)) {
    if (isOurs(row)) continue
    const cells = cellsOf(row, spec.headerCells)
    if (cells.length < spec.minCells) continue
    const texts = cells.map(spec.text)
    const col = {} as Record<K, number>
    for (const key of keys) col[key] = texts.findIndex((t) => spec.columns[key].includes(t))
    if (spec.required.every((key) => col[key] >= 0) && isShown(row)) return { row, cells, col }
  }
  return null
}

/**
 * The body rows of a header: the rows after it, as wide as it, in the nearest container around
 * the header that holds rows other than the header (so a body in a second <table> is found).
 */
function bodyRows(header: TableHeader<string>, kinds: readonly string[]): TableRow[] {
  const width = header.cells.length
  for (let box = header.row.parentElement; box; box = box.parentElement) {
    const all = [...box.querySelectorAll<HTMLElement>(ROWS)].filter((r) => r !== header.row && !isOurs(r))
    const rows: TableRow[] = []
    for (const row of all) {
      if (!(header.row.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING)) continue
      const cells = cellsOf(row, kinds)
      if (cells.length === width) rows.push({ row, cells })
    }
    if (rows.length || all.length > rows.length) return rows
  }
  return []
}

/** A table found by its header texts: the header and its body rows, or null when no row names the columns. */
export function readTable<K extends string>(root: ParentNode, spec: TableSpec<K>): { header: TableHeader<K>; rows: TableRow[] } | null {
  const header = findHeaderRow(root, spec)
  return header ? { header, rows: bodyRows(header, spec.bodyCells) } : null
}
