// Reading HiMall's 小程序直播链接 dialog (opened by 直播链接): 商品链接, 商品名称 (readonly
// inputs), 商品价格 (text), 商品图片 (img). HiMall's artDialog moves the page's hidden
// #storesLink-form (labels span.sign-t "  商品链接：") into its .aui_* markup and back out on
// close, so the same form serves every product. The dialog carries no shop id: it comes from
// the row that opened it, or from the picture's path /Storage/Shop/{shopId}/Products/{id}/.
import { productIdFromLink } from "~core/link"
import type { RawProduct } from "~core/product"
import { findLabel, readField } from "~lib/dom/find-by-label"
import { elementsWithText } from "~lib/dom/text"
import { isShown } from "~lib/dom/visible"

const LIVE_LINK_DIALOG_TITLE = "小程序直播链接"
export const LIVE_LINK_ACTION_TEXT = "直播链接"

const LABELS = {
  link: ["商品链接"],
  name: ["商品名称"],
  price: ["商品价格"],
  image: ["商品图片"]
} as const

/** Open 小程序直播链接 dialogs: the smallest element holding the title and the link field. */
export function findLiveLinkDialogs(root: ParentNode): HTMLElement[] {
  const out: HTMLElement[] = []
  for (const title of elementsWithText(root, LIVE_LINK_DIALOG_TITLE)) {
    let box: HTMLElement | null = title.parentElement
    while (box && !findLabel(box, LABELS.link)) box = box.parentElement
    if (box && !out.includes(box) && isShown(box)) out.push(box)
  }
  return out
}

/**
 * Where a control belongs in the dialog: the smallest element holding all its fields (HiMall's
 * form, which travels with the dialog), else the dialog box itself. Never a table section.
 */
export function liveLinkControlPlace(dialog: HTMLElement): HTMLElement {
  const labels = Object.values(LABELS)
    .map((texts) => findLabel(dialog, texts))
    .filter((l): l is HTMLElement => !!l)
  let box: HTMLElement | null = labels[0]?.parentElement ?? null
  while (box && box !== dialog && !labels.every((l) => box!.contains(l))) box = box.parentElement
  for (let el = box; el && dialog.contains(el); el = el.parentElement) {
    if (!/^(TABLE|TBODY|THEAD|TFOOT|TR)$/.test(el.tagName)) return el
  }
  return dialog
}

function dialogImage(dialog: HTMLElement): string | null {
  const label = findLabel(dialog, LABELS.image)
  let row: HTMLElement | null = label
  for (let i = 0; row && i < 4; i++, row = row.parentElement) {
    const img = row.querySelector("img")
    if (img) return img.getAttribute("src")
  }
  return dialog.querySelector("img")?.getAttribute("src") ?? null
}

export function shopIdFromImagePath(src: string | null): string | null {
  return src ? (/\/Shop\/(\d+)\//i.exec(src)?.[1] ?? null) : null
}

/** Which fields the dialog lacks, by their label (empty when all are there). */
export function missingDialogFields(dialog: HTMLElement): string[] {
  return Object.values(LABELS)
    .filter((texts) => !findLabel(dialog, texts))
    .map((texts) => texts[0])
}

export function readLiveLinkDialog(dialog: HTMLElement, fromRow: { shopId: string | null } | null): RawProduct {
  const link = readField(dialog, LABELS.link).value
  const image = dialogImage(dialog)
  const id = link ? productIdFromLink(link) : null
  return {
    productId: id == null ? null : String(id),
    shopId: fromRow?.shopId ?? shopIdFromImagePath(image),
    name: readField(dialog, LABELS.name).value,
    price: readField(dialog, LABELS.price).value,
    link,
    imageUrl: image,
    source: "dialog"
  }
}
