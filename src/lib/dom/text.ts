// Reading page text the way a person reads it.
import { collapseSpace } from "~core/text"
import { indexedElements, normalised } from "./text-index"

/** The extension's own elements on a page (panels, controls, anything marked `data-lh`): never the page's text or controls. */
export const OURS = "[data-lh], [data-lh-control], [data-lh-panel]"

/** Is this element (or one around it) the extension's own? */
export function isOurs(el: Element | null | undefined): boolean {
  return !!el?.closest(OURS)
}

/** Collapse white space and drop a trailing colon (labels are written "商品链接：" or "商品链接:"). */
export function labelText(s: string | null | undefined): string {
  return collapseSpace(s)
    .replace(/[：:]\s*$/, "")
    .trim()
}

/** Elements whose own visible text is exactly `text` (ignoring spaces and a trailing colon). */
export function elementsWithText(root: ParentNode, text: string | readonly string[], selector = "*"): HTMLElement[] {
  const wanted = new Set((typeof text === "string" ? [text] : text).map(labelText))
  // The document's text, read once per state of the page (lib/dom/text-index.ts).
  const indexed = indexedElements(root, selector, (entry) => {
    const form = normalised(entry, labelText)
    return wanted.has(form.own) || (form.leaf !== null && wanted.has(form.leaf))
  })
  if (indexed) return indexed
  const out: HTMLElement[] = []
  for (const el of root.querySelectorAll<HTMLElement>(selector)) {
    // Own text only: an element whose children carry the text is not the label itself.
    let own = ""
    for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) own += n.textContent
    if (wanted.has(labelText(own)) || (el.children.length === 0 && wanted.has(labelText(el.textContent)))) out.push(el)
  }
  return out
}
