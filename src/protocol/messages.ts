// The message protocol: every message a content script or an extension page may send to the
// background, its payload and its answer, in one typed map assembled from one file per domain
// (src/protocol/). Payloads come from web pages' DOM and are untrusted: the background
// validates each one, and checks the sender is of the kind the message allows.
import { extensionReadOnly, extensionSenders, extensionValidators, type ExtensionProtocol } from "./extension"
import { goodsReadOnly, goodsSenders, goodsValidators, type GoodsProtocol } from "./goods"
import { productsReadOnly, productsSenders, productsValidators, type ProductsProtocol } from "./products"
import { roomGoodsReadOnly, roomGoodsSenders, roomGoodsValidators, type RoomGoodsProtocol } from "./room-goods"
import { roomsReadOnly, roomsSenders, roomsValidators, type RoomsProtocol } from "./rooms"
import { shopRoomsReadOnly, shopRoomsSenders, shopRoomsValidators, type ShopRoomsProtocol } from "./shop-rooms"
import type { Failure } from "./errors"
import { isRecord, type SenderKind } from "./validate"

export * from "./errors"
export * from "./extension"
export * from "./goods"
export * from "./products"
export * from "./room-goods"
export * from "./rooms"
export * from "./shop-rooms"
export type { SenderKind } from "./validate"

interface Protocol extends ProductsProtocol, GoodsProtocol, RoomsProtocol, ShopRoomsProtocol, ExtensionProtocol, RoomGoodsProtocol {}

export type MessageType = keyof Protocol
export type RequestOf<T extends MessageType> = Protocol[T]["request"]
export type ResponseOf<T extends MessageType> = Protocol[T]["response"]

/** What travels over runtime.sendMessage. */
export interface Envelope<T extends MessageType = MessageType> {
  lh: 1
  type: T
  payload: RequestOf<T>
}

/** Every answer: the handler's response, or the declared code of why it failed (protocol/errors.ts). */
export type Reply<T extends MessageType> = { ok: true; data: ResponseOf<T> } | Failure

const validators: { [T in MessageType]: (v: unknown) => RequestOf<T> | null } = {
  ...productsValidators,
  ...goodsValidators,
  ...roomsValidators,
  ...shopRoomsValidators,
  ...extensionValidators,
  ...roomGoodsValidators
}

/** Who may send each message. */
export const SENDERS: { [T in MessageType]: SenderKind } = {
  ...productsSenders,
  ...goodsSenders,
  ...roomsSenders,
  ...shopRoomsSenders,
  ...extensionSenders,
  ...roomGoodsSenders
}

/** Messages that write nothing (declared beside each domain's senders). */
export const READ_ONLY: ReadonlySet<MessageType> = new Set(
  Object.keys({ ...productsReadOnly, ...goodsReadOnly, ...roomsReadOnly, ...shopRoomsReadOnly, ...extensionReadOnly, ...roomGoodsReadOnly }) as MessageType[]
)

/** Messages WeChat pages may send. */
export const WECHAT_MESSAGES: readonly MessageType[] = (Object.keys(SENDERS) as MessageType[]).filter((t) => SENDERS[t] === "wechat")

/** An envelope of a known type with a valid payload, or null. */
export function parseEnvelope(v: unknown): Envelope | null {
  if (!isRecord(v) || v.lh !== 1 || typeof v.type !== "string") return null
  if (!Object.prototype.hasOwnProperty.call(validators, v.type)) return null
  const type = v.type as MessageType
  const payload = validators[type](v.payload)
  return payload ? { lh: 1, type, payload } : null
}
