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

  it("the extension gone (updated, disabled): fails at once, and sendWithRetry does not retry", async () => {
    const sendMessage = answer(async () => ({ ok: true, data: { queue: null } }))
    delete (chrome.runtime as { id?: string }).id
    await expect(send("queue.get", {})).rejects.toThrow("Extension context invalidated.")
    await expect(sendWithRetry("queue.get", {}, [5, 5, 5])).rejects.toThrow("Extension context invalidated.")
    expect(sendMessage).not.toHaveBeenCalled()
  })

  it("rejects with the router's refusal", async () => {
    answer(async () => ({ ok: false, error: "not a WeChat console page" }))
    await expect(send("queue.get", {})).rejects.toThrow("not a WeChat console page")
  })

  it("rejects with a handler's error sent by the background's polyfill", async () => {
    answer(async () => ({ __mozWebExtensionPolyfillReject__: true, message: "QuotaExceededError" }))
    await expect(send("queue.get", {})).rejects.toThrow("QuotaExceededError")
  })

  it("no answer: a channel closed without a response, or an empty one", async () => {
    answer(async () => {
      throw new Error("The message port closed before a response was received.")
    })
    await expect(send("queue.get", {})).rejects.toThrow("no answer from the extension")
    answer(async () => undefined)
    await expect(send("queue.get", {})).rejects.toThrow("no answer from the extension")
  })

  it("other failures as Chrome gives them; a stopped worker's are retried", async () => {
    answer(async () => {
      throw new Error("Could not establish connection. Receiving end does not exist.")
    })
    await expect(send("queue.get", {})).rejects.toThrow("Receiving end does not exist")
    const sendMessage = answer(
      async () => {
        throw new Error("Could not establish connection. Receiving end does not exist.")
      },
      async () => ({ ok: true, data: { queue: null } })
    )
    expect(await sendWithRetry("queue.get", {}, [1])).toEqual({ queue: null })
    expect(sendMessage).toHaveBeenCalledTimes(2)
  })
})
