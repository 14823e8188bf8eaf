// The document's text read once per state of the page (lib/dom/text-index.ts): finding elements
// by their text gives exactly what walking the page each time gave — in document order, for
// any root and selector — however the page changed since, even within the same task.
import { beforeEach, describe, expect, it } from "vitest"

import { elementsWithText, labelText, OURS } from "~lib/dom/text"
import { readable, textElements } from "~sites/wechat/console"

/** The walk both finders did before the index: every element under root, its own text. */
function walkText(root: ParentNode, texts: readonly string[], selector = "*"): HTMLElement[] {
  const wanted = new Set(texts.map(labelText))
  const out: HTMLElement[] = []
  for (const el of root.querySelectorAll<HTMLElement>(selector)) {
    let own = ""
    for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) own += n.textContent
    if (wanted.has(labelText(own)) || (el.children.length === 0 && wanted.has(labelText(el.textContent)))) out.push(el)
  }
  return out
}

function walkConsole(root: ParentNode, texts: readonly string[], selector = "*"): HTMLElement[] {
  const wanted = new Set(texts.map(readable))
  const out: HTMLElement[] = []
  for (const el of root.querySelectorAll<HTMLElement>(selector)) {
    if (el.closest(OURS) || el.tagName === "SCRIPT" || el.tagName === "STYLE" || el.tagName === "TEMPLATE") continue
    let own = ""
    for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) own += n.textContent
    const r = readable(own)
    if (r) {
      if (wanted.has(r)) out.push(el)
    } else if (el.children.length === 0 && wanted.has(readable(el.textContent))) out.push(el)
  }
  return out
}

const TEXTS = [["商品库"], ["添加商品", "商品名称"], ["商品名称"], ["直播间管理", "商品库"], ["*商品名称："]]

function check() {
  const roots: ParentNode[] = [document, document.body, ...document.querySelectorAll<HTMLElement>("section, form, div")]
  for (const root of roots) {
    for (const texts of TEXTS) {
      for (const selector of ["*", "label, span", "button"]) {
        expect(elementsWithText(root, texts, selector)).toEqual(walkText(root, texts, selector))
        expect(textElements(root, texts, selector)).toEqual(walkConsole(root, texts, selector))
      }
    }
  }
}

beforeEach(() => {
  document.body.innerHTML = `
    <nav><a role="tab">直播间管理</a><a role="tab"> 商品库 </a></nav>
    <section>
      <button>添加商品</button>
      <form><label><em>*</em>商品名称：</label><input><span>商品库</span></form>
      <div data-lh-panel="goods"><span>商品库</span></div>
      <span data-lh-control="fix-price">商品库</span>
      <script>var x = "商品库"</script>
    </section>`
})

describe("finding by text through the index", () => {
  it("answers as walking the page does, for every root, text and selector", () => {
    check()
    expect(elementsWithText(document, "商品库").map((e) => e.tagName)).toEqual(["A", "SPAN", "SPAN", "SPAN"])
    expect(textElements(document, ["商品库"]).map((e) => e.tagName)).toEqual(["A", "SPAN"])
  })

  it("sees every change at once, in the same task: text, nodes added, moved and removed", () => {
    check()
    const label = document.querySelector("label")!
    label.lastChild!.textContent = "商品链接："
    check()
    expect(elementsWithText(document, "商品名称")).toEqual([])
    ;(label.lastChild as Text).data = "商品名称："
    check()
    const extra = document.createElement("span")
    extra.textContent = "添加商品"
    document.querySelector("form")!.prepend(extra)
    check()
    document.querySelector("nav")!.append(document.querySelector("button")!)
    check()
    document.querySelector("[data-lh-panel]")!.remove()
    check()
    document.body.insertAdjacentHTML("beforeend", "<div><p>商品<b></b>库</p></div>")
    check()
    document.querySelector("section")!.replaceChildren()
    check()
  })

  it("an element no longer in the page is walked itself", () => {
    const form = document.querySelector("form")!
    check()
    form.remove()
    expect(elementsWithText(form, "商品名称")).toEqual(walkText(form, ["商品名称"]))
    expect(elementsWithText(form, "商品名称")).toHaveLength(1)
    expect(textElements(form, ["商品库"])).toEqual(walkConsole(form, ["商品库"]))
  })

  it("a random series of changes never makes it wrong", () => {
    let seed = 7
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    const words = ["商品库", "添加商品", "商品名称：", " 直播间管理 ", "", "价格"]
    for (let step = 0; step < 60; step++) {
      const all = [...document.body.querySelectorAll<HTMLElement>("*")]
      const el = all[random(all.length)] ?? document.body
      switch (random(4)) {
        case 0:
          el.append(Object.assign(document.createElement(["span", "label", "div"][random(3)]), { textContent: words[random(words.length)] }))
          break
        case 1:
          if (el !== document.body) el.remove()
          break
        case 2:
          el.append(words[random(words.length)])
          break
        default:
          for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) (n as Text).data = words[random(words.length)]
      }
      check()
    }
  }, 30_000) // hundreds of page walks: slow machines here run it three times slower than others
})
