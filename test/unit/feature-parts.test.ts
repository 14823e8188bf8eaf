// Pieces the features share (features/parts/): how a reader tells the worker what the page shows
// (SeenSender: one reading at a time, the latest sent again once the one on its way is answered,
// nothing after the page stopped), and what a panel says after a fill was recorded or lost.
import { describe, expect, it, vi } from "vitest"

import { recordFill } from "~features/parts/fill-record"
import { SeenSender } from "~features/parts/seen-sender"

/** A send the test answers when it likes. */
function deferredSends() {
  const sent: { reading: string; answer: () => void; fail: () => void }[] = []
  const send = (reading: string) => () =>
    new Promise<void>((resolve, reject) => sent.push({ reading, answer: resolve, fail: () => reject(new Error("unreachable")) }))
  return { sent, send }
}

describe("SeenSender", () => {
  it("sends a reading once; one that changes while it is on its way is read again and sent once it is answered", async () => {
    const { sent, send } = deferredSends()
    let page = "a"
    const controller = new AbortController()
    const seen: SeenSender = new SeenSender(controller.signal, () => seen.offer(page, send(page)))
    seen.offer("a", send("a"))
    seen.offer("a", send("a"))
    expect(sent.map((s) => s.reading)).toEqual(["a"])
    // The page changes twice while "a" is on its way: not sent yet.
    page = "b"
    seen.offer("b", send("b"))
    page = "c"
    seen.offer("c", send("c"))
    expect(sent.map((s) => s.reading)).toEqual(["a"])
    // Answered: the page is read again and what it shows now is sent, once.
    sent[0].answer()
    await vi.waitFor(() => expect(sent.map((s) => s.reading)).toEqual(["a", "c"]))
    sent[1].answer()
    // The same reading is never sent twice; the next change is sent once, whenever it comes.
    seen.offer("c", send("c"))
    page = "d"
    seen.offer("d", send("d"))
    await vi.waitFor(() => expect(sent.map((s) => s.reading)).toEqual(["a", "c", "d"]))
  })

  it("a reading whose send failed is sent again; nothing is sent once the signal aborted", async () => {
    const { sent, send } = deferredSends()
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    try {
      const controller = new AbortController()
      const seen = new SeenSender(controller.signal, () => undefined)
      seen.offer("a", send("a"))
      sent[0].fail()
      await vi.waitFor(() => expect(warn).toHaveBeenCalled())
      seen.offer("a", send("a"))
      expect(sent).toHaveLength(2)
      sent[1].answer()
      controller.abort()
      seen.offer("b", send("b"))
      expect(sent).toHaveLength(2)
    } finally {
      warn.mockRestore()
    }
  })
})

describe("recordFill", () => {
  const texts = { notRecorded: (reason: string) => `未记录：${reason}`, done: "请按保存" }

  it("after a whole fill the record is made and the status says what to press", async () => {
    const status = document.createElement("span")
    const record = vi.fn(() => Promise.resolve())
    await recordFill(status, "ok", "goods.filled", record, texts)
    expect(record).toHaveBeenCalledTimes(1)
    expect(status.textContent).toBe("请按保存")
    expect(status.getAttribute("data-tone")).toBe("ok")
  })

  it("a lost record is said on the status line; a failed fill records nothing", async () => {
    const status = document.createElement("span")
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    try {
      await recordFill(status, "partial", "plan.filled", () => Promise.reject(new Error("gone")), texts)
      expect(status.textContent).toMatch(/^未记录：/)
      expect(status.getAttribute("data-tone")).toBe("error")
      const record = vi.fn(() => Promise.resolve())
      await recordFill(status, "failed", "plan.filled", record, texts)
      expect(record).not.toHaveBeenCalled()
      expect(status.textContent).toBe("")
    } finally {
      warn.mockRestore()
    }
  })
})
