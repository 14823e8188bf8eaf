// Receives every runtime message, refuses what is not ours or not valid, and dispatches.
import type { Runtime } from "webextension-polyfill"

import type { HelperDb } from "~db/schema"
import { parseEnvelope, WECHAT_MESSAGES, type MessageType, type Reply, type RequestOf } from "~lib/messages"

import { handleCapture } from "./capture"
import { captureAllPage, captureAllStatus, startCaptureAll, stopCaptureAll } from "./capture-all"
import { candidates, prepare, recordFilled, recordSeen, warmCovers } from "./goods"
import { getQueue, queueAfterSeen, queueCommand } from "./queue"

/** The WeChat console's origins (the manifest's host permissions). */
export const WECHAT_ORIGINS: readonly string[] = ["https://mp.weixin.qq.com", "https://live.weixin.qq.com"]

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

    if (WECHAT_MESSAGES.includes(envelope.type) && !WECHAT_ORIGINS.includes(origin)) {
      return { ok: false, error: "not a WeChat console page" }
    }

    switch (envelope.type) {
      // WeChat console: goods, covers and the goods queue.
      case "goods.candidates":
        return { ok: true, data: await candidates(deps.db, envelope.payload as RequestOf<"goods.candidates">) }
      case "goods.prepare": {
        const data = await prepare(deps.db, envelope.payload as RequestOf<"goods.prepare">, now())
        return data ? { ok: true, data } : { ok: false, error: "no such product" }
      }
      case "cover.warm": {
        const keys = (envelope.payload as RequestOf<"cover.warm">).productKeys
        // Answer at once; the covers are made after (a stopped worker only loses a warm-up).
        void warmCovers(deps.db, keys, now())
        return { ok: true, data: { queued: keys.length } }
      }
      case "goods.seen": {
        const matched = await recordSeen(deps.db, envelope.payload as RequestOf<"goods.seen">, now())
        return { ok: true, data: { matched, queue: await queueAfterSeen(deps.db, now()) } }
      }
      case "goods.filled":
        return { ok: true, data: { recorded: await recordFilled(deps.db, envelope.payload as RequestOf<"goods.filled">, now()) } }
      case "queue.get":
        return { ok: true, data: { queue: await getQueue(deps.db) } }
      case "queue.command":
        return { ok: true, data: { queue: await queueCommand(deps.db, (envelope.payload as RequestOf<"queue.command">).action, now()) } }
      // capture-all: from enabled shops only, like product.capture; the job is the sender's shop's.
      case "captureAll.start":
      case "captureAll.page":
      case "captureAll.stop":
      case "captureAll.status": {
        if (!(await deps.isShopOrigin(origin))) return { ok: false, error: "not an enabled HiMall shop" }
        const at = now()
        if (envelope.type === "captureAll.start") {
          return { ok: true, data: await startCaptureAll(deps.db, origin, envelope.payload as RequestOf<"captureAll.start">, at) }
        }
        if (envelope.type === "captureAll.page") {
          return { ok: true, data: await captureAllPage(deps.db, origin, sender.url, envelope.payload as RequestOf<"captureAll.page">, at) }
        }
        if (envelope.type === "captureAll.stop") {
          return { ok: true, data: await stopCaptureAll(deps.db, origin, envelope.payload as RequestOf<"captureAll.stop">, at) }
        }
        return { ok: true, data: await captureAllStatus(deps.db, origin) }
      }
      case "product.capture": {
        if (!(await deps.isShopOrigin(origin))) return { ok: false, error: "not an enabled HiMall shop" }
        const data = await handleCapture(deps.db, origin, sender.url, envelope.payload as RequestOf<"product.capture">, now())
        return { ok: true, data }
      }
    }
  }
}
