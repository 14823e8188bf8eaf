// Content-script side of the protocol: one typed call per message.
import browser from "webextension-polyfill"

import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from "./messages"

export async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const envelope: Envelope<T> = { lh: 1, type, payload }
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<T> | undefined
  if (!reply) throw new Error("no answer from the extension")
  if (!reply.ok) throw new Error(reply.error)
  return reply.data
}
