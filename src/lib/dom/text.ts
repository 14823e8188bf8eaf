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

export interface TextQuery {
  /** The elements looked at (default every element). */
  selector?: string
  /** How the wanted texts and the page's are both read before they are compared (default `labelText`). */
  normalise?: (s: string) => string
  /** Elements never counted, whatever their text. */
  skip?: (el: HTMLElement) => boolean
}

/**
 * Elements whose own text reads as one of `texts`: their text nodes (an element whose children
 * carry the text is not the label itself), or their whole text when they have no child elements.
 * The one reader of "the element that says X"; sites choose how text is normalised.
 */
export function elementsReading(root: ParentNode, texts: readonly string[], query: TextQuery = {}): HTMLElement[] {
  const { selector = "*", normalise = labelText, skip } = query
  const wanted = new Set(texts.map(normalise))
  // The document's text, read once per state of the page (lib/dom/text-index.ts).
  const indexed = indexedElements(root, selector, (entry) => {
    const form = normalised(entry, normalise)
    return (wanted.has(form.own) || (form.leaf !== null && wanted.has(form.leaf))) && !skip?.(entry.el)
  })
  if (indexed) return indexed
  const out: HTMLElement[] = []
  for (const el of root.querySelectorAll<HTMLElement>(selector)) {
    let own = ""
    for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) own += n.textContent
    const says = wanted.has(normalise(own)) || (el.children.length === 0 && wanted.has(normalise(el.textContent ?? "")))
    if (says && !skip?.(el)) out.push(el)
  }
  return out
}

/** Elements whose own visible text is exactly `text` (ignoring spaces and a trailing colon). */
export function elementsWithText(root: ParentNode, text: string | readonly string[], selector = "*"): HTMLElement[] {
  return elementsReading(root, typeof text === "string" ? [text] : text, { selector })
}
