// Building blocks of the message validators: page data is untrusted, so every payload is
// checked field by field before a handler sees it.
export type Validator<T> = (v: unknown) => T | null

export const MAX_TEXT = 2000

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v)
}

/** A string up to `max` characters, or null when it is not one. */
export function text(v: unknown, max = MAX_TEXT): string | null {
  return typeof v === "string" && v.length <= max ? v : null
}

/** null, a string up to MAX_TEXT, or undefined when neither. */
export function optText(v: unknown): string | null | undefined {
  if (v === null) return null
  if (typeof v === "string" && v.length <= MAX_TEXT) return v
  return undefined
}

/** An array of `min` to `max` items, each valid for `item` (as it returns them); null when it is not one. */
export function listOf<T>(v: unknown, max: number, item: Validator<T>, min = 0): T[] | null {
  if (!Array.isArray(v) || v.length < min || v.length > max) return null
  const out: T[] = []
  for (const x of v) {
    const valid = item(x)
    if (valid === null) return null
    out.push(valid)
  }
  return out
}

export function intIn(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max
}

/**
 * Where a message may come from: an enabled HiMall shop, the WeChat console, or the extension's
 * own pages; `any` is any of the three (what every page of the extension needs, e.g. its language).
 */
export type SenderKind = "shop" | "wechat" | "extension" | "any"

/** One domain's messages: validators and allowed senders, keyed by message type. */
export type Validators<P> = { [T in keyof P]: Validator<P[T] extends { request: infer R } ? R : never> }
export type Senders<P> = { [T in keyof P]: SenderKind }
/** Declared beside the senders: the messages of a domain that write nothing. */
export type ReadOnly<P> = { [T in keyof P]?: true }
