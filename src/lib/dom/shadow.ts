// Every piece of UI the extension puts into a host page lives in an open shadow root: the page's
// CSS (HiMall's bootstrap, WeChat's console styles, a hostile `* { … !important }`) cannot reach
// inside, and our styles cannot leak out. The host element stays in the page's DOM and carries
// the piece's `data-lh…` attributes (so the page root's cleanup finds and removes it, and tests
// find it); the shadow root is open so tests and Playwright's locators still reach the controls.
//
// Styles: one stylesheet per UI piece (a string module under ./sheets), plus the base sheet all
// pieces share, adopted by the shadow root (`adoptedStyleSheets`, Chrome 73+), with a `<style>`
// fallback. No inline styles: states are attributes (`data-tone`, `hidden`) the sheets style.
//
// The host itself is in the page's tree, so page rules can match it: the base sheet's `:host`
// rules are `!important`, and an important declaration of the inner (shadow) context wins over
// an important one of the page (CSS Cascade 4, "context"). `all: initial` stops the page's
// inherited properties (color, font, letter-spacing, …) from flowing in.

/** Shared by every piece: the host reset, buttons, bars, picker entries, reports, tones. */
const BASE_CSS = `
:host{all:initial!important;display:block!important;box-sizing:border-box!important;visibility:visible!important;opacity:1!important;
font:13px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif!important;color:#333!important;text-align:left!important}
:host([hidden]){display:none!important}
*,*::before,*::after{box-sizing:border-box}
.piece{display:contents}
[hidden]{display:none!important}
button{font:inherit;cursor:pointer;border-radius:3px;padding:2px 10px;font-size:13px;line-height:22px;border:1px solid #07c160;background:#fff;color:#06ae56;margin:0}
button.primary{background:#07c160;color:#fff}
button:disabled{cursor:default;opacity:.5}
input{font:inherit;color:#333}
input[type=text],input[type=search],input:not([type]){padding:3px 6px;border:1px solid #ccc;border-radius:3px;background:#fff}
p{margin:0}
.bar{display:flex;align-items:center;gap:8px;flex-wrap:wrap}
.entry{display:flex;align-items:center;gap:8px;padding:5px 4px;border-bottom:1px solid #f0f0f0}
.entry-text{flex:1;min-width:0}
.entry-name{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.entry-meta{color:#888;font-size:12px}
.empty{padding:8px 4px;color:#888}
.report-list{margin:0;padding-left:18px}
.report-title{margin:0 0 4px;font-weight:bold}
.muted{color:#888}
[data-tone=muted]{color:#888}
[data-tone=busy]{color:#555}
[data-tone=text]{color:#333}
[data-tone=ok]{color:#06ae56}
[data-tone=warn]{color:#fa9d3b}
[data-tone=error]{color:#fa5151}
`

/** How a status or a line is coloured: the base sheet maps each to a colour. */
export type Tone = "muted" | "busy" | "text" | "ok" | "warn" | "error"

export function tone<T extends Element>(e: T, value: Tone): T {
  e.setAttribute("data-tone", value)
  return e
}

const made = new WeakMap<Document, Map<string, CSSStyleSheet>>()

/** One constructed sheet per text and document (null where constructed sheets cannot be adopted). */
function sheetFor(doc: Document, css: string): CSSStyleSheet | null {
  let sheets = made.get(doc)
  if (!sheets) made.set(doc, (sheets = new Map()))
  const known = sheets.get(css)
  if (known) return known
  try {
    const View = doc.defaultView as (Window & typeof globalThis) | null
    if (!View || !("adoptedStyleSheets" in View.ShadowRoot.prototype)) return null
    const sheet = new View.CSSStyleSheet()
    sheet.replaceSync(css)
    sheets.set(css, sheet)
    return sheet
  } catch {
    return null
  }
}

/** Give `root` these sheets: adopted where the browser can, else as `<style>` elements. */
function adoptSheets(root: ShadowRoot, sheets: readonly string[]): void {
  const doc = root.ownerDocument
  const adopted = sheets.map((css) => sheetFor(doc, css))
  if (adopted.every((s): s is CSSStyleSheet => s !== null)) {
    try {
      root.adoptedStyleSheets = adopted
      return
    } catch {
      // A browser that refuses sheets made in the content script's world: fall back.
    }
  }
  root.prepend(
    ...sheets.map((css) => {
      const style = doc.createElement("style")
      style.textContent = css
      return style
    })
  )
}

export interface ShadowPiece<K extends "div" | "span"> {
  /** In the page's DOM: carries the piece's `data-lh…` attributes; insert and remove this. */
  host: HTMLElementTagNameMap[K]
  /** The open shadow root. */
  shadow: ShadowRoot
  /** The piece's top element inside the shadow root (class `piece`): append the UI here. */
  body: HTMLDivElement
}

/**
 * A UI piece: a `tag` host with `attrs` (at least one `data-lh…`) and an open shadow root styled by
 * the base sheet and `css`. Light-DOM children of the host show through `<slot>`s the caller adds.
 */
export function shadowPiece<K extends "div" | "span">(tag: K, attrs: Record<string, string>, css: string, doc: Document = document): ShadowPiece<K> {
  const host = doc.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) host.setAttribute(k, v)
  const shadow = host.attachShadow({ mode: "open" })
  adoptSheets(shadow, [BASE_CSS, css])
  const body = doc.createElement("div")
  body.className = "piece"
  shadow.append(body)
  return { host, shadow, body }
}
