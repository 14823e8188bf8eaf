// Content-script side of the protocol: one typed call per message.
//
// Chrome's own promise-returning runtime.sendMessage (MV3), not webextension-polyfill: this file
// is in every page the extension runs on, and the polyfill would add ~10 KB to each content
// script for nothing Chrome lacks. The polyfill's answers are kept: a listener that closed
// without answering is "no answer", and a handler that threw (the background's polyfill sends
// its marker) rejects with its message.
import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from "./messages"

const NO_RESPONSE = "The message port closed before a response was received."

interface PolyfillRejection {
  __mozWebExtensionPolyfillReject__: true
  message: string
}

function isPolyfillRejection(v: unknown): v is PolyfillRejection {
  return typeof v === "object" && v !== null && (v as PolyfillRejection).__mozWebExtensionPolyfillReject__ === true
}

/** What Chrome says to a script whose extension was updated, reloaded, disabled or removed. */
export const CONTEXT_GONE = "Extension context invalidated."

async function sendMessage(message: unknown): Promise<unknown> {
  // Checked on use: an orphaned script's page root stops at once (features/registry.ts); a call
  // still made meanwhile fails plainly, and sendWithRetry does not retry it.
  if (!globalThis.chrome?.runtime?.id) throw new Error(CONTEXT_GONE)
  try {
    return await chrome.runtime.sendMessage(message)
  } catch (e) {
    if (e instanceof Error && e.message === NO_RESPONSE) return undefined
    throw e
  }
}

export async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const envelope: Envelope<T> = { lh: 1, type, payload }
  const answer = await sendMessage(envelope)
  if (isPolyfillRejection(answer)) throw new Error(answer.message)
  const reply = answer as Reply<T> | undefined
  if (!reply) throw new Error("no answer from the extension")
  if (!reply.ok) throw new Error(reply.error)
  return reply.data
}
