// Small DOM builders for the panels the extension adds to WeChat's pages (添加商品, 商品库,
// 创建直播间): elements with attributes and text, WeChat-green buttons, and the styles those
// panels share. Text goes in as `textContent`, never as HTML.

/** WeChat's green. */
export const WECHAT_GREEN = "#07c160"

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
  b.style.cssText = `cursor:pointer;border-radius:3px;padding:2px 10px;font-size:13px;line-height:22px;border:1px solid ${WECHAT_GREEN};${
    primary ? `background:${WECHAT_GREEN};color:#fff` : "background:#fff;color:#06ae56"
  }`
  return b
}

/** Styles shared by the panels' parts. */
export const PANEL_CSS = {
  /** A row of controls that wraps. */
  bar: "display:flex;align-items:center;gap:8px;flex-wrap:wrap",
  /** One entry of a picker list: its text, then badges and buttons. */
  entry: "display:flex;align-items:center;gap:8px;padding:5px 4px;border-bottom:1px solid #f0f0f0",
  entryText: "flex:1;min-width:0",
  entryName: "white-space:nowrap;overflow:hidden;text-overflow:ellipsis",
  entryMeta: "color:#888;font-size:12px",
  /** The line a picker shows when it has nothing to list. */
  empty: "padding:8px 4px;color:#888",
  /** The list of a report. */
  reportList: "margin:0;padding-left:18px"
} as const

/** A panel's first row: its primary `data-lh` button (with a hint) and a status line after it. */
export function panelBar(lh: string, text: string, hint: string, onClick: () => void): { bar: HTMLDivElement; status: HTMLSpanElement } {
  const bar = el("div")
  bar.style.cssText = PANEL_CSS.bar
  const open = button(lh, text, true)
  open.title = hint
  open.addEventListener("click", onClick)
  const status = el("span", { role: "status", "data-lh-status": "" })
  status.style.color = "#888"
  bar.append(open, status)
  return { bar, status }
}

/** Say something on a panel's status line, grey unless told otherwise. */
export function say(status: HTMLElement, text: string, color = "#888") {
  status.textContent = text
  status.style.color = color
}

/** The text block of a picker entry: the name on one line (cut with an ellipsis), a grey line under it. */
export function entryText(name: string, nameTitle: string, meta: string): HTMLDivElement {
  const text = el("div")
  text.style.cssText = PANEL_CSS.entryText
  const line = el("div", { title: nameTitle }, name)
  line.style.cssText = PANEL_CSS.entryName
  const sub = el("div", {}, meta)
  sub.style.cssText = PANEL_CSS.entryMeta
  text.append(line, sub)
  return text
}

/** A fill report's title, coloured by its outcome. */
export function reportTitle(outcome: "ok" | "partial" | "failed", text: string): HTMLParagraphElement {
  const title = el("p", {}, text)
  title.style.cssText = `margin:0 0 4px;font-weight:bold;color:${outcome === "ok" ? "#06ae56" : outcome === "partial" ? "#fa9d3b" : "#fa5151"}`
  return title
}

/** One step of a fill report: `label：state（detail）`, red unless the field was filled. */
export function reportStep(field: string, state: string, label: string, stateText: string, detail: string | null | undefined): HTMLLIElement {
  const li = el("li", { "data-lh-field": field, "data-lh-field-state": state }, `${label}：${stateText}${detail ? `（${detail}）` : ""}`)
  li.style.color = state === "filled" ? "#333" : "#fa5151"
  return li
}
