// Receives every runtime message, refuses what is not ours, not valid or not from a sender
// the message allows, and dispatches to the domain's handler (src/background/routes/).
import type { Runtime } from "webextension-polyfill"

import { isWechatOrigin } from "~core/origins"
import type { HelperDb } from "~db/schema"
import { parseEnvelope, ProtocolError, SENDERS, type ErrorCode, type MessageType, type Reply, type SenderKind } from "~protocol/messages"

import type { Handler, RouteContext } from "./routes/context"
import { extensionRoutes } from "./routes/extension"
import { goodsRoutes } from "./routes/goods"
import { productRoutes } from "./routes/products"
import { roomGoodsRoutes } from "./routes/room-goods"
import { roomsRoutes } from "./routes/rooms"
import { shopRoomsRoutes } from "./routes/shop-rooms"

/** The WeChat console's origins (the manifest's host permissions). */

export interface RouterDeps {
  db: HelperDb
  extensionId: string
  /** Is this origin a HiMall shop the merchant enabled? */
  isShopOrigin(origin: string): Promise<boolean>
  now?: () => number
  /** Called after a handler answered (background/after-handled.ts). */
  onHandled?: (type: MessageType, kind: SenderKind, ctx: RouteContext) => void
}

const ROUTES: { [T in MessageType]: Handler<T> } = {
  ...productRoutes,
  ...goodsRoutes,
  ...roomsRoutes,
  ...shopRoomsRoutes,
  ...extensionRoutes,
  ...roomGoodsRoutes
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

const REFUSAL = {
  shop: "sender_not_shop",
  wechat: "sender_not_wechat",
  extension: "sender_not_extension",
  any: "sender_not_ours"
} as const satisfies Record<SenderKind, ErrorCode>

export function createRouter(deps: RouterDeps) {
  const now = deps.now ?? Date.now
  const ownPages = `chrome-extension://${deps.extensionId}/`
  /** Returns undefined for messages that are not ours at all (so others may answer). */
  return async function route(message: unknown, sender: Runtime.MessageSender): Promise<Reply<MessageType> | undefined> {
    // Only this extension's own content scripts and pages: runtime.onMessage never hears web
    // pages, but a sender with another id, or neither in a tab nor one of our pages, is not ours.
    if (sender.id !== deps.extensionId) return undefined
    const fromOwnPage = !!sender.url?.startsWith(ownPages)
    if (!sender.tab && !fromOwnPage) return undefined
    const envelope = parseEnvelope(message)
    if (!envelope) return { ok: false, code: "invalid_message" }
    const origin = senderOrigin(sender)
    if (!origin || !sender.url) return { ok: false, code: "unknown_sender" }

    const kind = SENDERS[envelope.type]
    const isShop = async () => !fromOwnPage && (await deps.isShopOrigin(origin))
    const allowed =
      kind === "extension"
        ? fromOwnPage
        : kind === "wechat"
          ? isWechatOrigin(origin)
          : kind === "shop"
            ? await isShop()
            : fromOwnPage || isWechatOrigin(origin) || (await isShop())
    if (!allowed) return { ok: false, code: REFUSAL[kind] }

    const ctx: RouteContext = { db: deps.db, origin, url: sender.url, now: now() }
    const handler = ROUTES[envelope.type] as Handler<MessageType>
    try {
      const data = await handler(envelope.payload, ctx)
      // After a handled message (the worker: pages the popup links to, the toolbar badge); never delays the answer.
      deps.onHandled?.(envelope.type, kind, ctx)
      return { ok: true, data }
    } catch (e) {
      if (e instanceof ProtocolError) return { ok: false, code: e.code, ...(e.detail ? { detail: e.detail } : {}) }
      // Not a declared refusal: the handler failed. The sender hears that, with the reason for logs.
      console.error(`[himall-live-helper] ${envelope.type} failed`, e)
      return { ok: false, code: "handler_failed", detail: e instanceof Error ? e.message : String(e) }
    }
  }
}
