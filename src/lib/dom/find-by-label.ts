// Find a form control by the text of its label, whatever the markup around it.
import { elementsWithText } from "./text"

const CONTROL = "input:not([type=hidden]), textarea, select"

/** The control a label element names: for=, nesting, aria, or the nearest one after it. */
export function controlForLabel(label: HTMLElement, scope: ParentNode): HTMLElement | null {
  const forId = label.getAttribute("for")
  if (forId) {
    const byId = label.ownerDocument.getElementById(forId)
    if (byId) return byId
  }
  const nested = label.querySelector<HTMLElement>(CONTROL)
  if (nested) return nested
  // Walk up a few levels: the first control after the label inside a common row.
  let row: HTMLElement | null = label
  for (let depth = 0; row && depth < 4; depth++, row = row.parentElement) {
    for (const c of row.querySelectorAll<HTMLElement>(CONTROL)) {
      if (label.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) return c
    }
    if (row === scope) break
  }
  return null
}

/** The row that holds a label and its value (for values shown as plain text). */
export function valueTextAfterLabel(label: HTMLElement): string | null {
  let sib = label.nextElementSibling
  while (sib && !sib.textContent?.trim()) sib = sib.nextElementSibling
  if (sib) return sib.textContent?.trim() ?? null
  // Label and value in one text node's parent: "商品价格：399.00~488.00"
  const whole = label.parentElement?.textContent ?? ""
  const own = label.textContent ?? ""
  const rest = whole.slice(whole.indexOf(own) + own.length).trim()
  return rest || null
}

export function findLabel(scope: ParentNode, texts: readonly string[]): HTMLElement | null {
  return elementsWithText(scope, texts, "label, th, td, dt, span, div, p, b, strong")[0] ?? null
}

/** Value of the field labelled by one of `texts`: an input's value, an image's src, or text. */
export function readField(scope: ParentNode, texts: readonly string[]): { found: boolean; value: string | null; control: HTMLElement | null } {
  const label = findLabel(scope, texts)
  if (!label) return { found: false, value: null, control: null }
  const control = controlForLabel(label, scope)
  if (control && (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement)) {
    return { found: true, value: control.value, control }
  }
  return { found: true, value: valueTextAfterLabel(label), control: null }
}
