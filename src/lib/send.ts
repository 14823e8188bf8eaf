// Content-script side of the protocol: one typed call per message.
//
// Chrome's own promise-returning runtime.sendMessage (MV3), not webextension-polyfill: this file
// is in every page the extension runs on, and the polyfill would add ~10 KB to each content
// script for nothing Chrome lacks. The polyfill's answers are kept: a listener that closed
// without answering is "no answer", and a handler that threw (the background's polyfill sends
// its marker) is a failed handler. Every failure rejects with a ProtocolError and its declared
// code (protocol/errors.ts).
import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from "~protocol/messages"
import { isErrorCode, ProtocolError } from "~protocol/errors"

const NO_RESPONSE = "The message port closed before a response was received."

interface PolyfillRejection {
  __mozWebExtensionPolyfillReject__: true
  message: string
}

function isPolyfillRejection(v: unknown): v is PolyfillRejection {
  return typeof v === "object" && v !== null && (v as PolyfillRejection).__mozWebExtensionPolyfillReject__ === true
}

/** What Chrome says to a script whose extension was updated, reloaded, disabled or removed. */
const CONTEXT_GONE = /context invalidated/i

async function sendMessage(message: unknown): Promise<unknown> {
  // Checked on use: an orphaned script's page root stops at once (features/registry.ts); a call
  // still made meanwhile fails as extension_gone, and sendWithRetry does not retry it.
  if (!globalThis.chrome?.runtime?.id) throw new ProtocolError("extension_gone")
  try {
    return await chrome.runtime.sendMessage(message)
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e)
    if (text === NO_RESPONSE) return undefined
    if (CONTEXT_GONE.test(text)) throw new ProtocolError("extension_gone", text)
    // "Could not establish connection. Receiving end does not exist.", and the like.
    throw new ProtocolError("unreachable", text)
  }
}

export async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const envelope: Envelope<T> = { lh: 1, type, payload }
  const answer = await sendMessage(envelope)
  if (isPolyfillRejection(answer)) throw new ProtocolError("handler_failed", answer.message)
  const reply = answer as Reply<T> | undefined
  if (!reply) throw new ProtocolError("no_answer")
  if (!reply.ok) throw new ProtocolError(isErrorCode(reply.code) ? reply.code : "handler_failed", reply.detail)
  return reply.data
}
