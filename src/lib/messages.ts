// The message protocol: every message a content script or an extension page may send to the
// background, its payload and its answer, in one typed map assembled from one file per domain
// (src/lib/protocol/). Payloads come from web pages' DOM and are untrusted: the background
// validates each one, and checks the sender is of the kind the message allows.
import { extensionSenders, extensionValidators, type ExtensionProtocol } from "./protocol/extension"
import { goodsSenders, goodsValidators, type GoodsProtocol } from "./protocol/goods"
import { productsSenders, productsValidators, type ProductsProtocol } from "./protocol/products"
import { roomGoodsSenders, roomGoodsValidators, type RoomGoodsProtocol } from "./protocol/room-goods"
import { roomsSenders, roomsValidators, type RoomsProtocol } from "./protocol/rooms"
import { shopRoomsSenders, shopRoomsValidators, type ShopRoomsProtocol } from "./protocol/shop-rooms"
import { isRecord, type SenderKind } from "./protocol/validate"

export * from "./protocol/extension"
export * from "./protocol/goods"
export * from "./protocol/products"
export * from "./protocol/room-goods"
export * from "./protocol/rooms"
export * from "./protocol/shop-rooms"
export type { SenderKind } from "./protocol/validate"

export interface Protocol extends ProductsProtocol, GoodsProtocol, RoomsProtocol, ShopRoomsProtocol, ExtensionProtocol, RoomGoodsProtocol {}

export type MessageType = keyof Protocol
export type RequestOf<T extends MessageType> = Protocol[T]["request"]
export type ResponseOf<T extends MessageType> = Protocol[T]["response"]

/** What travels over runtime.sendMessage. */
export interface Envelope<T extends MessageType = MessageType> {
  lh: 1
  type: T
  payload: RequestOf<T>
}

/** Every answer: the handler's response or a reason it was refused. */
export type Reply<T extends MessageType> = { ok: true; data: ResponseOf<T> } | { ok: false; error: string }

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
