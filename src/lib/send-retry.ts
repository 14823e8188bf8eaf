// send() that survives a stopped service worker: Chrome wakes the worker for the next
// message, but a message in flight when it stopped fails ("message port closed", "receiving
// end does not exist"). Such failures are retried; a declared refusal is not (it would be
// refused again), nor a gone extension. Handlers used with this must be idempotent (capture-all's
// are).
import type { MessageType, RequestOf, ResponseOf } from "~protocol/messages"
import { isTransient } from "~protocol/errors"
import { send } from "./send"

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 3000]

export async function sendWithRetry<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
  delays: readonly number[] = RETRY_DELAYS_MS
): Promise<ResponseOf<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(type, payload)
    } catch (e) {
      if (!isTransient(e) || attempt >= delays.length) throw e
      await new Promise((r) => setTimeout(r, delays[attempt]))
    }
  }
}
