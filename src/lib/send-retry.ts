// send() that survives a stopped service worker: Chrome wakes the worker for the next
// message, but a message in flight when it stopped fails ("message port closed", "receiving
// end does not exist"). Such failures are retried; a declared refusal is not (it would be
// refused again), nor a gone extension. Handlers used with this must be idempotent (capture-all's
// are). A feature passes its signal with reads and requests (once it aborts, no retry is waited
// for or sent), not with records of something the merchant already did (goods.filled,
// plan.filled, roomCover.uploaded, captureAll.stop): those stay true after the page went away.
import type { MessageType, RequestOf, ResponseOf } from "~protocol/messages"
import { isTransient } from "~protocol/errors"
import { send } from "./send"

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 3000]

export interface RetryOptions {
  /** Waits before each retry (their count is the number of retries). */
  delays?: readonly number[]
  /** The feature's signal: when it aborts, the wait ends and its reason is thrown. */
  signal?: AbortSignal
}

export async function sendWithRetry<T extends MessageType>(type: T, payload: RequestOf<T>, opts: RetryOptions = {}): Promise<ResponseOf<T>> {
  const { delays = RETRY_DELAYS_MS, signal } = opts
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted()
    try {
      return await send(type, payload)
    } catch (e) {
      if (!isTransient(e) || attempt >= delays.length) throw e
      await pause(delays[attempt], signal)
    }
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const done = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", done)
      resolve()
    }, ms)
    signal?.addEventListener("abort", done, { once: true })
  })
}
