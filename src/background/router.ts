// Receives every runtime message, refuses what is not ours or not valid, and dispatches.
import type { Runtime } from "webextension-polyfill"

import type { HelperDb } from "~db/schema"
import { parseEnvelope, type MessageType, type Reply } from "~lib/messages"

import { handleCapture } from "./capture"

export interface RouterDeps {
  db: HelperDb
  extensionId: string
  /** Is this origin a HiMall shop the merchant enabled? */
  isShopOrigin(origin: string): Promise<boolean>
  now?: () => number
}

function senderOrigin(sender: Runtime.MessageSender): string | null {
  const fromField = (sender as { origin?: string }).origin
  if (fromField && fromField !== "null") return fromField
  try {
    return sender.url ? new URL(sender.url).origin : null
  } catch {
    return null
  }
}

export function createRouter(deps: RouterDeps) {
  const now = deps.now ?? Date.now
  /** Returns undefined for messages that are not ours at all (so others may answer). */
  return async function route(message: unknown, sender: Runtime.MessageSender): Promise<Reply<MessageType> | undefined> {
    // Only this extension's own content scripts: runtime.onMessage never hears web pages,
    // but a sender with another id, or without a tab, is not a content script of ours.
    if (sender.id !== deps.extensionId || !sender.tab) return undefined
    const envelope = parseEnvelope(message)
    if (!envelope) return { ok: false, error: "invalid message" }
    const origin = senderOrigin(sender)
    if (!origin || !sender.url) return { ok: false, error: "unknown sender" }

    switch (envelope.type) {
      case "product.capture": {
        if (!(await deps.isShopOrigin(origin))) return { ok: false, error: "not an enabled HiMall shop" }
        const data = await handleCapture(deps.db, origin, sender.url, envelope.payload, now())
        return { ok: true, data }
      }
    }
  }
}
