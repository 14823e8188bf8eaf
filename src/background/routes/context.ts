// What every message handler gets, and how it refuses.
import type { HelperDb } from "~db/schema"
import type { MessageType, RequestOf, ResponseOf } from "~protocol/messages"

export interface RouteContext {
  db: HelperDb
  /** The sender's origin, already checked against the message's allowed sender kind. */
  origin: string
  /** The sender's page URL. */
  url: string
  now: number
}

export type Handler<T extends MessageType> = (payload: RequestOf<T>, ctx: RouteContext) => Promise<ResponseOf<T>>

/** Handlers of one domain's messages. */
export type Routes<T extends MessageType> = { [K in T]: Handler<K> }

/** A handler refuses by throwing a ProtocolError with its declared code (protocol/errors.ts). */
export { ProtocolError } from "~protocol/errors"
