// What a stored record's fields may hold: one small validator per field, composed into one per
// record type beside that type (db/schema.ts). The backup import, the protocol and the tests use
// the same validators, so a field added to a record type cannot be forgotten by any of them:
// `Fields<T>` must name every field of `T`, optional ones included.
//
// A record may hold Blobs; in a backup file they travel encoded as `{ $blob: dataUrl }`
// (db/backup.ts). `encoded` says which form is being checked.

export type Field = (v: unknown, encoded: boolean) => boolean

/** Every field of `T`, each with its validator. */
export type Fields<T> = { [K in keyof Required<T>]: Field }

/** Longest text kept in any field (a product name is far shorter; this bounds hostile input). */
const MAX_TEXT = 100_000

const DATA_URL = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)?;base64,([A-Za-z0-9+/]*={0,2})$/i

export const parseBase64DataUrl = (s: string) => DATA_URL.exec(s)

export function isBlobLike(v: unknown): v is Blob {
  return typeof Blob !== "undefined" && v instanceof Blob
}

export function isEncodedBlob(v: unknown): v is { $blob: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $blob?: unknown }).$blob === "string"
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

export const text: Field = (v) => typeof v === "string" && v.length <= MAX_TEXT
export const int: Field = (v) => typeof v === "number" && Number.isSafeInteger(v)
export const num: Field = (v) => typeof v === "number" && Number.isFinite(v)
export const bool: Field = (v) => typeof v === "boolean"
/** Any JSON value (a setting's or a fact's value: checked by their own rules). */
export const json: Field = (v) => v !== undefined
export const blob: Field = (v, encoded) => (encoded ? isEncodedBlob(v) && DATA_URL.test(v.$blob) : isBlobLike(v))

/** One of the given strings. */
export const oneOf =
  (values: readonly string[]): Field =>
  (v) =>
    typeof v === "string" && values.includes(v)

/** The field may be null (stored as null) or absent. */
export const nullable =
  (f: Field): Field =>
  (v, encoded) =>
    v == null || f(v, encoded)

/** A list of values each valid for `f`. */
export const listOf =
  (f: Field): Field =>
  (v, encoded) =>
    Array.isArray(v) && v.every((x) => f(x, encoded))

/** A nested object with exactly these fields. */
export const shape =
  <T>(fields: Fields<T>): Field =>
  (v, encoded) =>
    validRecord(fields, v, encoded)

/**
 * Does `v` have every field of the record type, each valid, and no other field? Absent and
 * undefined are the same (JSON drops undefined); a field the type does not know makes it invalid.
 */
export function validRecord<T>(fields: Fields<T>, v: unknown, encoded = false): v is T {
  if (!isPlainObject(v)) return false
  const spec = fields as Record<string, Field>
  for (const [k, x] of Object.entries(v)) if (x !== undefined && !(k in spec)) return false
  for (const [k, f] of Object.entries(spec)) if (!f(v[k], encoded)) return false
  return true
}
