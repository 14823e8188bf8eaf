// Every way a message can fail, as a declared code: the router's refusals, the handlers' own
// refusals, and what the sending side sees of the transport. A reply carries `{ ok: false, code,
// detail? }`; `send()` throws a ProtocolError with the same code. Callers decide by code (never
// by matching a message's text) and show the merchant `errorText(e)`, the code's own translated
// message (locale keys `error_<code>`).

export const ERROR_CODES = [
  // The router: the message is not one of ours, or not from a page it allows.
  "invalid_message",
  "unknown_sender",
  "sender_not_shop",
  "sender_not_wechat",
  "sender_not_extension",
  "sender_not_ours",
  // Handlers: the thing asked about is not there, or the handler failed.
  "no_such_product",
  "no_such_plan",
  "no_such_shop",
  "badge_not_computed",
  "handler_failed",
  // The sending side: no answer (a worker stopped mid-message), nobody listening, or the
  // extension was updated, reloaded or disabled under this page.
  "no_answer",
  "unreachable",
  "extension_gone"
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === "string" && (ERROR_CODES as readonly string[]).includes(v)
}

/** What a failed message answers. `detail` is for logs and tests, never shown as the reason. */
export interface Failure {
  ok: false
  code: ErrorCode
  detail?: string
}

/** A failed message, on either side: a handler throws it to refuse; send() throws it to its caller. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string
  ) {
    super(detail ? `${code}: ${detail}` : code)
    this.name = "ProtocolError"
  }
}

/** Codes that a retry may cure: the worker was stopping, or the handler failed this once. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["no_answer", "unreachable", "handler_failed"])

export function isTransient(e: unknown): boolean {
  return !(e instanceof ProtocolError) || TRANSIENT.has(e.code)
}

/** The code of a caught failure (anything not a ProtocolError is the handler's or the transport's). */
function errorCode(e: unknown): ErrorCode {
  return e instanceof ProtocolError ? e.code : "handler_failed"
}

/** The locale key of a failure's message for the merchant. */
export function errorMessageKey(e: unknown): `error_${ErrorCode}` {
  return `error_${errorCode(e)}`
}
