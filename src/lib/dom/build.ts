// Small DOM builders for the panels the extension adds to host pages: elements with attributes
// and text, WeChat-green buttons, picker entries and fill reports. Text goes in as
// `textContent`, never as HTML. No inline styles: these elements go into a UI piece's shadow
// root (./shadow.ts), whose base sheet styles the classes and `data-tone`s used here.
import { tone, type Tone } from "./shadow"

/** A `tag` element with these attributes and, when given, this text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  if (text != null) e.textContent = text
  return e
}

/** A `data-lh` button in WeChat's style: green filled when `primary`, else green on white. */
export function button(lh: string, text: string, primary = false): HTMLButtonElement {
  const b = el("button", { type: "button", "data-lh": lh }, text)
  if (primary) b.className = "primary"
  return b
}

/** A panel's first row: its primary `data-lh` button (with a hint) and a status line after it. */
export function panelBar(lh: string, text: string, hint: string, onClick: () => void): { bar: HTMLDivElement; status: HTMLSpanElement } {
  const bar = el("div", { class: "bar" })
  const open = button(lh, text, true)
  open.title = hint
  open.addEventListener("click", onClick)
  const status = el("span", { role: "status", "data-lh-status": "", "data-tone": "muted" })
  bar.append(open, status)
  return { bar, status }
}

/** Say something on a panel's status line, grey unless told otherwise. */
export function say(status: HTMLElement, text: string, how: Tone = "muted") {
  status.textContent = text
  tone(status, how)
}

/** The text block of a picker entry: the name on one line (cut with an ellipsis), a grey line under it. */
export function entryText(name: string, nameTitle: string, meta: string): HTMLDivElement {
  const text = el("div", { class: "entry-text" })
  text.append(el("div", { class: "entry-name", title: nameTitle }, name), el("div", { class: "entry-meta" }, meta))
  return text
}

/** A fill report's title, coloured by its outcome. */
export function reportTitle(outcome: "ok" | "partial" | "failed", text: string): HTMLParagraphElement {
  return tone(el("p", { class: "report-title" }, text), outcome === "ok" ? "ok" : outcome === "partial" ? "warn" : "error")
}

/** One step of a fill report: `label：state（detail）`, red unless the field was filled. */
export function reportStep(field: string, state: string, label: string, stateText: string, detail: string | null | undefined): HTMLLIElement {
  const li = el("li", { "data-lh-field": field, "data-lh-field-state": state }, `${label}：${stateText}${detail ? `（${detail}）` : ""}`)
  return tone(li, state === "filled" ? "text" : "error")
}
