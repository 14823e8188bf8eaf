// whenDomChanges (lib/dom/observe.ts): features run again when the page changes, not when the
// extension changes its own panels and controls — which would only run every scan again for
// nothing on every page load.
import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { pageChanged, whenDomChanges } from "~lib/dom/observe"

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)))
const settle = async () => {
  await Promise.resolve()
  await frame()
  await frame()
}

let controller: AbortController
beforeEach(() => {
  document.body.innerHTML = `<div id="toolbar"><button>添加商品</button></div><table id="grid"><tbody><tr><td>天使旅行箱</td></tr></tbody></table>`
  controller = new AbortController()
})
afterEach(() => controller.abort())

/** The records a change makes, as an observer of the body sees them. */
function recordsOf(change: () => void): MutationRecord[] {
  const observer = new MutationObserver(() => undefined)
  observer.observe(document.body, { childList: true, subtree: true })
  change()
  const records = observer.takeRecords()
  observer.disconnect()
  return records
}

describe("what counts as the page changing", () => {
  it("not the extension adding its panel, nor changing what is inside it", () => {
    const panel = document.createElement("div")
    panel.setAttribute("data-lh-panel", "queue")
    expect(pageChanged(recordsOf(() => document.getElementById("toolbar")!.after(panel)))).toBe(false)
    expect(pageChanged(recordsOf(() => panel.replaceChildren(document.createElement("button"), "队列")))).toBe(false)
    const control = document.createElement("span")
    control.setAttribute("data-lh-control", "capture-product")
    expect(pageChanged(recordsOf(() => document.querySelector("td")!.append(control)))).toBe(false)
    expect(pageChanged(recordsOf(() => (control.textContent = "已存入")))).toBe(false)
  })

  it("the page adding or removing its own elements, or text", () => {
    expect(pageChanged(recordsOf(() => document.querySelector("tbody")!.append(document.createElement("tr"))))).toBe(true)
    expect(pageChanged(recordsOf(() => document.querySelector("tr")!.remove()))).toBe(true)
    expect(pageChanged(recordsOf(() => (document.querySelector("button")!.textContent = "保存")))).toBe(true)
  })

  it("the page taking the extension's panel away (it must be put back), or adding something beside it", () => {
    const panel = document.createElement("div")
    panel.setAttribute("data-lh-panel", "queue")
    document.body.append(panel)
    expect(pageChanged(recordsOf(() => panel.remove()))).toBe(true)
    expect(pageChanged(recordsOf(() => document.body.append(panel, document.createElement("p"))))).toBe(true)
    expect(pageChanged(recordsOf(() => document.body.replaceChildren(panel)))).toBe(true)
  })
})

describe("whenDomChanges", () => {
  it("runs at once, once per frame while the page changes, and not for the extension's own changes", async () => {
    let runs = 0
    const panel = document.createElement("div")
    panel.setAttribute("data-lh-panel", "queue")
    whenDomChanges(
      document.body,
      () => {
        runs += 1
        // A feature drawing its own panel on every run: that alone never asks for another run.
        if (!panel.isConnected) document.getElementById("toolbar")!.after(panel)
        panel.textContent = `run ${runs}`
      },
      controller.signal
    )
    expect(runs).toBe(1)
    await settle()
    expect(runs).toBe(1)
    // The page changes twice in one frame: one run.
    document.querySelector("tbody")!.append(document.createElement("tr"))
    document.querySelector("tbody")!.append(document.createElement("tr"))
    await settle()
    expect(runs).toBe(2)
    // The page takes the panel away: a run puts it back.
    panel.remove()
    await settle()
    expect(runs).toBe(3)
    expect(panel.isConnected).toBe(true)
    controller.abort()
    document.querySelector("tbody")!.append(document.createElement("tr"))
    await settle()
    expect(runs).toBe(3)
  })
})
