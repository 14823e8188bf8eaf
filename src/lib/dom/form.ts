// Reading a form by its labels, whatever the markup around them: the section (row) a field's
// label heads, the inputs in it the merchant could type into, the radio of a choice. Which
// texts are labels, and which elements carry them, is each site's knowledge: callers find the
// label elements and pass them in.
import { isOurs } from "./text"
import { isShown } from "./visible"

/**
 * The section of a form a field's label heads: the largest ancestor of `label` below `form`
 * that holds none of `others` (the other fields' labels; `label` itself among them is
 * ignored) — so the field's row, however it is nested.
 */
export function sectionFor(form: HTMLElement, label: HTMLElement, others: readonly HTMLElement[]): HTMLElement {
  const bounds = others.filter((l) => l !== label)
  let section: HTMLElement = label
  for (let up = label.parentElement; up && up !== form; up = up.parentElement) {
    if (bounds.some((o) => up.contains(o))) break
    section = up
  }
  return section
}

export interface InputRules {
  /** The inputs wanted (e.g. the text inputs). */
  selector: string
  /** Read-only inputs count too (date pickers are read-only to typing, not to scripts). */
  readOnly?: boolean
  /** An input a label's `for=` names must match `selector` too (else any input or textarea will do). */
  forMatches?: boolean
}

/**
 * The inputs in `scope` matching `selector` that can take a value: not in our own panels, not
 * disabled, not read-only unless allowed, and shown (or in a shown wrapper: custom controls
 * hide the input itself). In document order.
 */
export function usableInputs(scope: ParentNode, selector: string, readOnly = false): HTMLInputElement[] {
  return [...scope.querySelectorAll<HTMLInputElement>(selector)].filter(
    (el) => !isOurs(el) && !el.disabled && (readOnly || !el.readOnly) && (isShown(el) || isShown(el.parentElement ?? el))
  )
}

/**
 * The inputs of the field that one of `labels` heads, from the first label that has any: the
 * control its `for=` names, else the usable inputs of its section (`sectionOf(label)`).
 */
export function labelledInputs(labels: readonly HTMLElement[], sectionOf: (label: HTMLElement) => HTMLElement, rules: InputRules): HTMLInputElement[] {
  for (const label of labels) {
    const id = label.getAttribute("for")
    const byId = id ? label.ownerDocument.getElementById(id) : null
    if ((byId instanceof HTMLInputElement && (!rules.forMatches || byId.matches(rules.selector))) || byId instanceof HTMLTextAreaElement) {
      return [byId as HTMLInputElement]
    }
    const inputs = usableInputs(sectionOf(label), rules.selector, rules.readOnly)
    if (inputs.length) return inputs
  }
  return []
}

/**
 * The radio of one choice (一口价, 是…) in a section, given the elements reading the choice's
 * text: the radio inside the text's `<label>`, the one its `for=` names, or the only radio of
 * a small container around the text (the radio right before its text).
 */
export function radioForText(section: HTMLElement, texts: readonly HTMLElement[]): HTMLInputElement | null {
  for (const el of texts) {
    const label = el.closest("label")
    const inLabel = label?.querySelector<HTMLInputElement>("input[type=radio]")
    if (inLabel) return inLabel
    const forId = label?.getAttribute("for")
    const byFor = forId ? section.ownerDocument.getElementById(forId) : null
    if (byFor instanceof HTMLInputElement && byFor.type === "radio") return byFor
    for (let up: HTMLElement | null = el.parentElement, d = 0; up && up !== section && d < 3; up = up.parentElement, d++) {
      const radios = up.querySelectorAll<HTMLInputElement>("input[type=radio]")
      if (radios.length === 1) return radios[0]
      if (radios.length > 1) break
    }
  }
  return null
}
