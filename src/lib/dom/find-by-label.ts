// Find a form control by the text of its label, whatever the markup around it.
import { elementsWithText } from "./text"

const CONTROL = "input:not([type=hidden]), textarea, select"

/** The control a label element names: for=, nesting, or the first one after it in its row. */
export function controlForLabel(label: HTMLElement, scope: ParentNode): HTMLElement | null {
  const forId = label.getAttribute("for")
  if (forId) {
    const byId = label.ownerDocument.getElementById(forId)
    if (byId) return byId
  }
  const nested = label.querySelector<HTMLElement>(CONTROL)
  if (nested) return nested
  // Widen to the label's row, never beyond: an ancestor that also holds a control before
  // the label spans earlier fields, so what follows there belongs to other labels.
  let row: HTMLElement | null = label.parentElement
  for (let depth = 0; row && depth < 4; depth++, row = row.parentElement) {
    const controls = [...row.querySelectorAll<HTMLElement>(CONTROL)]
    if (controls.some((c) => label.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_PRECEDING)) break
    const after = controls.find((c) => label.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING)
    if (after) return nextLabelBefore(label, after, scope) ? null : after
    if (row === scope) break
  }
  return null
}

/** Is there another field's label between this label and that control? */
function nextLabelBefore(label: HTMLElement, control: HTMLElement, scope: ParentNode): boolean {
  for (const other of scope.querySelectorAll<HTMLElement>("label, th, dt")) {
    if (other === label || !other.textContent?.trim()) continue
    const afterLabel = label.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING
    const beforeControl = control.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_PRECEDING
    if (afterLabel && beforeControl && !other.contains(control)) return true
  }
  return false
}

/** The row that holds a label and its value (for values shown as plain text). */
function valueTextAfterLabel(label: HTMLElement): string | null {
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
