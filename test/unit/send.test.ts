// send() (lib/send.ts) speaks Chrome's own runtime.sendMessage and answers as it did through
// webextension-polyfill: the handler's data, the router's refusal, a handler's error, and "no
// answer" when the worker closed the channel without answering (sendWithRetry retries that).
import { afterEach, describe, expect, it, vi } from "vitest"

import { send } from "~lib/send"
import { sendWithRetry } from "~lib/send-retry"

type Answer = () => Promise<unknown>

function answer(...answers: Answer[]) {
  const sendMessage = vi.fn(async () => (answers.length > 1 ? answers.shift()! : answers[0])())
  ;(globalThis.chrome.runtime as unknown as { sendMessage: unknown }).sendMessage = sendMessage
  return sendMessage
}

afterEach(() => vi.restoreAllMocks())

describe("send", () => {
  it("sends the envelope and answers the handler's data", async () => {
    const sendMessage = answer(async () => ({ ok: true, data: { queue: null } }))
    expect(await send("queue.get", {})).toEqual({ queue: null })
    expect(sendMessage).toHaveBeenCalledWith({ lh: 1, type: "queue.get", payload: {} })
  })

  it("the extension gone (updated, disabled): fails at once as extension_gone, and sendWithRetry does not retry", async () => {
    const sendMessage = answer(async () => ({ ok: true, data: { queue: null } }))
    delete (chrome.runtime as { id?: string }).id
    await expect(send("queue.get", {})).rejects.toMatchObject({ code: "extension_gone" })
    await expect(sendWithRetry("queue.get", {}, { delays: [5, 5, 5] })).rejects.toMatchObject({ code: "extension_gone" })
    expect(sendMessage).not.toHaveBeenCalled()
  })

  it("rejects with the router's refusal, by its declared code", async () => {
    answer(async () => ({ ok: false, code: "sender_not_wechat" }))
    await expect(send("queue.get", {})).rejects.toMatchObject({ name: "ProtocolError", code: "sender_not_wechat" })
    answer(async () => ({ ok: false, code: "no_such_plan", detail: "plan 5" }))
    await expect(send("queue.get", {})).rejects.toMatchObject({ code: "no_such_plan", detail: "plan 5" })
  })

  it("a handler's error sent by the background's polyfill, or a code it does not know, is a failed handler", async () => {
    answer(async () => ({ __mozWebExtensionPolyfillReject__: true, message: "QuotaExceededError" }))
    await expect(send("queue.get", {})).rejects.toMatchObject({ code: "handler_failed", detail: "QuotaExceededError" })
    answer(async () => ({ ok: false, code: "<script>" }))
    await expect(send("queue.get", {})).rejects.toMatchObject({ code: "handler_failed" })
  })

  it("an extension updated or disabled under the page is extension_gone, and is not retried", async () => {
    const sendMessage = answer(async () => {
      throw new Error("Extension context invalidated.")
    })
    await expect(sendWithRetry("queue.get", {}, { delays: [1, 1, 1] })).rejects.toMatchObject({ code: "extension_gone" })
    expect(sendMessage).toHaveBeenCalledTimes(1)
  })

  it("a declared refusal is not retried; a failed handler is", async () => {
    let sendMessage = answer(async () => ({ ok: false, code: "no_such_product" }))
    await expect(sendWithRetry("queue.get", {}, { delays: [1, 1] })).rejects.toMatchObject({ code: "no_such_product" })
    expect(sendMessage).toHaveBeenCalledTimes(1)
    sendMessage = answer(
      async () => ({ ok: false, code: "handler_failed", detail: "busy" }),
      async () => ({ ok: true, data: { queue: null } })
    )
    expect(await sendWithRetry("queue.get", {}, { delays: [1] })).toEqual({ queue: null })
    expect(sendMessage).toHaveBeenCalledTimes(2)
  })

  it("no answer: a channel closed without a response, or an empty one", async () => {
    answer(async () => {
      throw new Error("The message port closed before a response was received.")
    })
    await expect(send("queue.get", {})).rejects.toMatchObject({ code: "no_answer" })
    answer(async () => undefined)
    await expect(send("queue.get", {})).rejects.toMatchObject({ code: "no_answer" })
  })

  it("other failures as Chrome gives them; a stopped worker's are retried", async () => {
    answer(async () => {
      throw new Error("Could not establish connection. Receiving end does not exist.")
    })
    await expect(send("queue.get", {})).rejects.toMatchObject({ code: "unreachable", detail: expect.stringContaining("Receiving end does not exist") })
    const sendMessage = answer(
      async () => {
        throw new Error("Could not establish connection. Receiving end does not exist.")
      },
      async () => ({ ok: true, data: { queue: null } })
    )
    expect(await sendWithRetry("queue.get", {}, { delays: [1] })).toEqual({ queue: null })
    expect(sendMessage).toHaveBeenCalledTimes(2)
  })

  it("a feature's signal ends the retries: aborted while waiting, nothing more is sent", async () => {
    const controller = new AbortController()
    const sendMessage = answer(async () => {
      throw new Error("Could not establish connection. Receiving end does not exist.")
    })
    // The first attempt fails; the retry waits an hour, unless the signal ends the wait.
    const pending = sendWithRetry("queue.get", {}, { delays: [3_600_000], signal: controller.signal })
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1))
    controller.abort(new Error("page gone"))
    await expect(pending).rejects.toThrow("page gone")
    expect(sendMessage).toHaveBeenCalledTimes(1)
    // Already aborted: nothing is sent at all.
    await expect(sendWithRetry("queue.get", {}, { signal: controller.signal })).rejects.toThrow("page gone")
    expect(sendMessage).toHaveBeenCalledTimes(1)
  })
})

describe("failures the merchant is told of", () => {
  it("every declared error code has its message in both locales", async () => {
    const { readFileSync } = await import("node:fs")
    const { join } = await import("node:path")
    const { ERROR_CODES } = await import("~protocol/errors")
    for (const lang of ["zh_CN", "en"]) {
      const messages = JSON.parse(readFileSync(join(import.meta.dirname, "../../locales", lang, "messages.json"), "utf8")) as Record<
        string,
        { message: string }
      >
      for (const code of ERROR_CODES) expect(messages[`error_${code}`]?.message, `${lang} error_${code}`).toMatch(/\S/)
    }
  })

  it("a failure is told by its code, whatever else was thrown", async () => {
    const { ProtocolError } = await import("~protocol/errors")
    const { errorText } = await import("~lib/i18n")
    expect(errorText(new ProtocolError("extension_gone"))).toMatch(/\S/)
    expect(errorText(new ProtocolError("extension_gone"))).toBe(chrome.i18n.getMessage("error_extension_gone"))
    expect(errorText(new ProtocolError("extension_gone"))).not.toBe(errorText(new ProtocolError("unreachable")))
    expect(errorText(new TypeError("x is undefined"))).toBe(chrome.i18n.getMessage("error_handler_failed"))
  })
})
