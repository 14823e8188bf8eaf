// WeChat 商品库's edit of an 已入库 goods (issue 11), found by meaning: a dialog titled 编辑商品 /
// 修改商品 … holding 价格形式 (only the price form and prices can change once approved). Its
// price part is read and written like 添加商品's (goods-dialog.ts); nothing else is touched. Also
// the 商品库 rows with their own 编辑 control, for fix-price.
import { collapseSpace, withoutSpace } from "~core/text"
import type { PriceType } from "~core/goods"
import { readTable } from "~lib/dom/table"
import { elementsWithText, isOurs, OURS } from "~lib/dom/text"
import { isShown } from "~lib/dom/visible"

import { PRICE_TYPE_TEXT, choosePriceForm, collectGoodsDialog, priceInputs, writePrices, type PriceStep } from "./goods-dialog"
import { GOODS_TABLE } from "./goods-library"

const EDIT_TITLES = ["编辑商品", "修改商品", "商品编辑", "修改价格", "编辑商品价格", "修改商品价格"]
const LABEL_LIKE = "label, span, div, p, dt, th, td, b, strong, em, h4, h5"

/** Open edit dialogs of goods: the smallest box around the title holding 价格形式. */
export function findGoodsEditDialogs(root: ParentNode): HTMLElement[] {
  const out: HTMLElement[] = []
  for (const title of elementsWithText(root, EDIT_TITLES)) {
    if (title.closest("button, a, [role=button]") || isOurs(title) || !isShown(title)) continue
    let box: HTMLElement | null = title.parentElement
    const hasPriceForm = (b: HTMLElement) => elementsWithText(b, "价格形式", LABEL_LIKE).some((l) => !isOurs(l))
    while (box && box !== document.body && !hasPriceForm(box)) box = box.parentElement
    if (box && box !== document.body && !out.includes(box) && isShown(box)) out.push(box)
  }
  return out
}

/** The dialog's text as a person reads it, input values included (a disabled name or link input). */
export function editDialogText(dialog: HTMLElement): string {
  const values = [...dialog.querySelectorAll<HTMLInputElement>("input")].filter((i) => !isOurs(i)).map((i) => i.value)
  const clone = dialog.cloneNode(true) as HTMLElement
  clone.querySelectorAll(OURS).forEach((p) => p.remove())
  return collapseSpace(`${clone.textContent} ${values.join(" ")}`)
}

export interface EditPrices {
  priceType: PriceType | null
  /** 原价 when the chosen form is 显示折扣价. */
  original: string | null
}

export function readEditPrices(dialog: HTMLElement): EditPrices {
  const f = collectGoodsDialog(dialog)
  const type = ([1, 2, 3] as PriceType[]).find((t) => f.radios[t]?.checked) ?? null
  const original = type === 3 && f.priceSection ? (priceInputs(f.priceSection, 3)[0]?.value ?? null) : null
  return { priceType: type, original }
}

/** Choose the price form and write the prices; returns the steps, or the parts missing (nothing written). */
export async function fillEditPrices(
  dialog: HTMLElement,
  fix: { priceType: PriceType; price: string; price2: string }
): Promise<{ steps: PriceStep[]; missing: string[] }> {
  const f = collectGoodsDialog(dialog)
  if (!f.priceSection || !f.radios[fix.priceType]) return { steps: [], missing: [`价格形式 · ${PRICE_TYPE_TEXT[fix.priceType]}`] }
  const inputs = await choosePriceForm(f, fix.priceType)
  if (!inputs) return { steps: [], missing: [`${PRICE_TYPE_TEXT[fix.priceType]} · 价格`] }
  return { steps: writePrices(f, inputs, fix), missing: [] }
}

export interface GoodsTableRow {
  row: HTMLElement
  url: string
  /** Where a control for the row goes: its 操作 cell, else its last cell. */
  slot: HTMLElement
  /** The row's own 编辑 / 修改 control, when it has one. */
  edit: HTMLElement | null
}

/** The 商品库 table's rows with their elements (for fix-price). */
export function goodsTableRows(root: ParentNode): GoodsTableRow[] {
  const table = readTable(root, GOODS_TABLE)
  if (!table) return []
  const out: GoodsTableRow[] = []
  for (const { row, cells } of table.rows) {
    const urlCell = cells[table.header.col.url]
    const url = collapseSpace(urlCell?.textContent)
    if (!url) continue
    const slot = cells[table.header.col.opr >= 0 ? table.header.col.opr : cells.length - 1]
    const edit =
      [...row.querySelectorAll<HTMLElement>("button, a, [role=button]")].find(
        (b) => !isOurs(b) && /^(编辑|修改|修改价格|编辑价格)$/.test(withoutSpace(b.textContent))
      ) ?? null
    out.push({ row, url, slot, edit })
  }
  return out
}
