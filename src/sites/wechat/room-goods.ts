// WeChat's goods in a live room (issue 11), found by meaning: the goods import for a room (a
// dialog or drawer titled 导入商品 / 选择商品 … that lists 已入库 goods with check boxes, its own
// search box and pages), and the room's goods list (a view with 导入商品, the room's id, and the
// goods as a table or a list). The markup is not public: nothing here relies on a class name.
import { collapseSpace, withoutSpace } from "~core/text"
import { capacityFromText, type ImportItemView, type RoomItem } from "~core/room-goods"
import { roomIdFromQuery } from "~core/rooms"
import { readTable, type TableSpec } from "~lib/dom/table"
import { elementsWithText, isOurs, OURS } from "~lib/dom/text"
import { isShown } from "~lib/dom/visible"

import { CONSOLE_TABLE_CELLS } from "./console"

const IMPORT_TITLES = ["导入商品", "选择商品", "添加直播商品", "商品导入", "关联商品", "导入直播商品", "添加商品"]
/** Titles that say "import" by themselves; the others (添加商品 is also the goods library's dialog) need check boxes. */
const PLAIN_IMPORT_TITLES = new Set(["导入商品", "商品导入", "导入直播商品", "添加直播商品"])
const CONFIRM = /^(确定|确认|导入|完成|确定导入|确认导入)$/
const CHECKS = "input[type=checkbox], [role=checkbox]"
const CLICKABLE = "button, a, [role=button], [role=tab], [role=link]"

function buttonsIn(scope: ParentNode): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>("button, a, [role=button]")].filter((b) => !isOurs(b) && isShown(b))
}

/** Open goods imports for a room: the box around a title that holds check boxes or a confirm button and a search box. */
export function findImportDialogs(root: ParentNode): HTMLElement[] {
  const out: HTMLElement[] = []
  for (const title of elementsWithText(root, IMPORT_TITLES)) {
    if (title.closest(CLICKABLE) || isOurs(title) || !isShown(title)) continue
    const plain = PLAIN_IMPORT_TITLES.has(collapseSpace(title.textContent))
    const checks = (b: HTMLElement) => [...b.querySelectorAll(CHECKS)].some((c) => !isOurs(c))
    const fits = (b: HTMLElement) => checks(b) || (plain && !!searchInput(b) && buttonsIn(b).some((x) => CONFIRM.test(withoutSpace(x.textContent))))
    let box: HTMLElement | null = title.closest<HTMLElement>("[role=dialog]")
    if (box && !plain && !checks(box)) continue
    if (!box) {
      box = title.parentElement
      while (box && box !== document.body && !fits(box)) box = box.parentElement
    }
    if (box && box !== document.body && !out.includes(box) && isShown(box)) out.push(box)
  }
  return out
}

export interface ImportItem extends ImportItemView {
  box: HTMLElement
  check: HTMLElement
}

function isChecked(check: HTMLElement): boolean {
  return check instanceof HTMLInputElement ? check.checked : check.getAttribute("aria-checked") === "true"
}

function isDisabled(check: HTMLElement): boolean {
  if (check instanceof HTMLInputElement && check.disabled) return true
  return !!check.closest("[aria-disabled=true]") || check.hasAttribute("disabled")
}

/** The goods items of the import shown now: each check box (not a select-all in a header) and the item around it. */
export function readImportItems(dialog: HTMLElement): ImportItem[] {
  const items: ImportItem[] = []
  const checks = [...dialog.querySelectorAll<HTMLElement>(CHECKS)].filter((c) => !isOurs(c) && !c.closest("thead, th, [role=columnheader]"))
  for (const check of checks) {
    // The item: its row, list item, or the largest ancestor holding this check box only.
    let box: HTMLElement | null = check.closest<HTMLElement>("tr, [role=listitem], li, [role=row]")
    if (!box) {
      box = check
      for (let up = check.parentElement; up && up !== dialog; up = up.parentElement) {
        if (up.querySelectorAll(CHECKS).length > 1) break
        box = up
      }
    }
    const text = collapseSpace(box.textContent)
    if (!text) continue
    items.push({ box, check, checked: isChecked(check), disabled: isDisabled(check), text })
  }
  return items
}

/** Tick an item as a click does; answers whether it holds. */
export function tick(item: ImportItem): boolean {
  item.check.click()
  return isChecked(item.check)
}

export function itemIsChecked(item: ImportItem): boolean {
  return isChecked(item.check)
}

/** The import's own search box. */
export function searchInput(dialog: HTMLElement): HTMLInputElement | null {
  const inputs = [...dialog.querySelectorAll<HTMLInputElement>("input:not([type]), input[type=text], input[type=search]")].filter(
    (i) => !isOurs(i) && !i.disabled
  )
  return inputs.find((i) => i.type === "search" || /搜索|名称|关键|商品/.test(i.placeholder + (i.getAttribute("aria-label") ?? ""))) ?? inputs[0] ?? null
}

/**
 * What a control is called: its text, aria-label and title, the title of the list item or
 * wrapper it sits in (a pager's li title=下一页), and the names of the icons it holds (an
 * icon-only button: role=img aria-label=search / right).
 */
function controlNames(b: HTMLElement): string[] {
  const names = [collapseSpace(b.textContent), b.getAttribute("aria-label") ?? "", b.title]
  const holder = b.parentElement?.closest<HTMLElement>("[title]")
  if (holder && holder.parentElement?.contains(b) && holder.querySelectorAll("button, a, [role=button]").length === 1) names.push(holder.title)
  if (!collapseSpace(b.textContent)) for (const icon of b.querySelectorAll("[aria-label]")) names.push(icon.getAttribute("aria-label") ?? "")
  return names.map((n) => n.trim()).filter(Boolean)
}

/** The button that runs the search, when the markup has one (else Enter, or typing searches). */
export function searchButton(dialog: HTMLElement): HTMLElement | null {
  return (
    buttonsIn(dialog).find((b) => {
      const [text, ...names] = controlNames(b)
      return /^(搜索|查询|搜 索)$/.test(text ?? "") || names.concat(text ?? "").some((n) => /搜索|^search$/i.test(n))
    }) ?? null
  )
}

function disabledControl(el: HTMLElement): boolean {
  return (el as HTMLButtonElement).disabled || el.getAttribute("aria-disabled") === "true" || /(^|[-_\s])disabled($|[-_\s])/i.test(el.className || "")
}

/** 下一页 (by text, aria-label or title); else, in a pager of numbers only, the number after the current one; null at the end. */
export function nextPage(dialog: HTMLElement): HTMLElement | null {
  const next = buttonsIn(dialog).find((b) => controlNames(b).some((n) => /^(下一页|下页|>|›|»|right|arrow-right)$/i.test(n) || /下一页|next/i.test(n)))
  if (next) return disabledControl(next) ? null : next
  return numberAfterCurrent(dialog)
}

/** A numbers-only pager: the page number after the current one (aria-current, or a current / active look). */
function numberAfterCurrent(scope: HTMLElement): HTMLElement | null {
  const numbers = [...scope.querySelectorAll<HTMLElement>("button, a, li, [role=button]")].filter(
    (e) => !isOurs(e) && /^\d{1,3}$/.test(collapseSpace(e.textContent)) && !e.querySelector("button, a, li, [role=button]") && isShown(e)
  )
  const isCurrent = (e: HTMLElement) =>
    e.getAttribute("aria-current") === "page" || /(^|[-_\s])(current|active|selected)($|[-_\s])/i.test(`${e.className} ${e.parentElement?.className ?? ""}`)
  const current = numbers.find(isCurrent)
  if (!current) return null
  const n = Number(collapseSpace(current.textContent))
  return numbers.find((e) => Number(collapseSpace(e.textContent)) === n + 1) ?? null
}

/** 上一页 / the first page: to go back before searching again. */
export function previousPage(dialog: HTMLElement): HTMLElement | null {
  const prev = buttonsIn(dialog).find((b) => controlNames(b).some((n) => /^(上一页|上页|<|‹|«|left|arrow-left)$/i.test(n) || /上一页|prev/i.test(n)))
  return prev && !disabledControl(prev) ? prev : null
}

/** How many more goods the import says it takes ("还可导入 N 个"), or null. */
export function importCapacity(dialog: HTMLElement): number | null {
  const clone = dialog.cloneNode(true) as HTMLElement
  clone.querySelectorAll(OURS).forEach((p) => p.remove())
  return capacityFromText(clone.textContent ?? "")
}

// ---- the room's goods list ----------------------------------------------------------------

const ROOM_GOODS_TABLE: TableSpec<"name" | "price" | "url"> = {
  columns: { name: ["商品信息", "商品", "商品名称", "基本信息"], price: ["价格", "售价"], url: ["链接", "商品链接", "页面路径", "商品路径", "小程序路径"] },
  required: ["name"],
  minCells: 2,
  ...CONSOLE_TABLE_CELLS
}

export interface RoomGoodsPage {
  roomId: number
  items: RoomItem[]
  complete: boolean
}

/** The console's own 导入商品 button (outside any import dialog). */
function findImportButton(root: ParentNode): HTMLElement | null {
  for (const el of elementsWithText(root, ["导入商品", "添加商品到直播间", "导入"])) {
    const b = el.closest<HTMLElement>("button, a, [role=button]")
    if (b && isShown(b) && !isOurs(b) && !b.closest("[role=dialog]")) return b
  }
  return null
}

const ROOM_ID_LABELS = ["房间号", "房间ID", "直播间ID", "房间 ID", "ID"]

/** A room id shown as a label and its value in separate elements, the colon drawn by CSS (房间ID | 2). */
function labelledRoomId(view: HTMLElement): number | null {
  for (const label of elementsWithText(view, ROOM_ID_LABELS)) {
    if (isOurs(label) || label.closest("[role=dialog]")) continue
    const value = collapseSpace(label.nextElementSibling?.textContent)
    if (/^\d{1,12}$/.test(value)) return Number(value)
  }
  return null
}

const PRICE_ONLY = /^[¥￥]?\s*\d[\d,.]*(\s*[-~至]\s*[¥￥]?\s*\d[\d,.]*)?(（原价.*）)?$/

/** The room's goods as its list shows them, or null when this is not a room's goods list (or it is still loading). */
export function readRoomGoodsPage(root: Document): RoomGoodsPage | null {
  const button = findImportButton(root)
  if (!button) return null
  // The view: the smallest ancestor of 导入商品 that names the room (房间号 / ID) and holds the list or its empty text.
  let view: HTMLElement | null = button.parentElement
  let roomId: number | null = null
  const fromUrl = roomIdFromQuery(root.location?.search)
  while (view && view !== root.body) {
    const text = collapseSpace(view.textContent)
    const m = /(?:房间号|房间ID|ID)\s*[：:]\s*(\d{1,12})/.exec(text)
    const id = m ? Number(m[1]) : labelledRoomId(view)
    if (id !== null) {
      roomId = id
      break
    }
    view = view.parentElement
  }
  if (!view || view === root.body) {
    if (fromUrl == null) return null
    roomId = fromUrl
    view = button.closest<HTMLElement>("main, section, article") ?? (button.parentElement?.parentElement as HTMLElement | null)
    if (!view) return null
  }
  // The list is beside the view's header: widen to the ancestor holding a goods table, list or empty text.
  let scope: HTMLElement | null = view
  const hasList = (s: HTMLElement) => !!(readTable(s, ROOM_GOODS_TABLE) || s.querySelector("[role=list]") || /暂无(商品|数据)/.test(s.textContent ?? ""))
  while (scope && scope !== root.body && !hasList(scope)) scope = scope.parentElement
  if (!scope || scope === root.body) return null
  const text = collapseSpace(scope.textContent)
  if (/加载中/.test(text)) return null
  const items: RoomItem[] = []
  const table = readTable(scope, ROOM_GOODS_TABLE)
  if (table && !table.header.row.closest("[role=dialog]")) {
    for (const { cells } of table.rows) {
      const name = collapseSpace(cells[table.header.col.name]?.textContent)
      if (!name || /暂无/.test(name)) continue
      const url = table.header.col.url >= 0 ? collapseSpace(cells[table.header.col.url]?.textContent) || null : null
      items.push({ name, url })
    }
  } else {
    const list = [...scope.querySelectorAll<HTMLElement>("[role=list]")].find((l) => !l.closest("[role=dialog]") && !isOurs(l))
    for (const li of list ? list.querySelectorAll<HTMLElement>(":scope > [role=listitem]") : []) {
      // The name: the first leaf text that is neither a price nor a control.
      const leaves = [...li.querySelectorAll<HTMLElement>("*")].filter((e) => e.children.length === 0 && !e.closest(CLICKABLE) && collapseSpace(e.textContent))
      const name = leaves.map((e) => collapseSpace(e.textContent)).find((t) => !PRICE_ONLY.test(t))
      const url = leaves.map((e) => collapseSpace(e.textContent)).find((t) => /^[A-Za-z0-9_-]+\/[^\s]*\?/.test(t)) ?? null
      if (name) items.push({ name, url })
    }
  }
  // A further page means this is not the whole list.
  const next = nextPage(scope)
  const complete = !next || findImportDialogs(root).some((d) => d.contains(next))
  return { roomId: roomId!, items, complete }
}
