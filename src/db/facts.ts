// The `facts` table: what the extension saw about the setup, one record `{ key, value, seenAt }`
// per key. Every key pattern, its value's type, its key builder and its validator are declared
// here once (the shapes the checklist decides on live in core/checklist.ts, core being the leaf);
// every reader and writer of `db.facts` goes through getFact / putFact / factsUnder, the backup
// import through validFact.
//
// Reading is tolerant: a field that cannot be read is null when the shape allows it, and only a
// value whose required fields are unreadable reads as no fact at all.
import { type EntranceFact, type EntranceKind, type QualificationFact, type QualificationState, type Seen } from "~core/checklist"
import { REMINDED_PREFIX, remindedKey } from "~core/going-live"

import { bool, int, isPlainObject, nullable, num, oneOf, text, validRecord, type Field, type Fields } from "./fields"
import type { HelperDb } from "./schema"

export type { EntranceFact, Seen } from "~core/checklist"

/** The fact `shopRoomsRead|${origin}`: the latest read of the shop's room list (its path says which backend). */
interface RoomsReadFact {
  at: number
  listPath: string
  total: number
  complete: boolean
}

/** The fact `reminded|${roomId}|${start}`: the reminder of a room was shown (once per room and start). */
export interface RemindedFact {
  roomId: number
  start: number
  /** The notification's id (the alarm's name). */
  notificationId: string
  title: string
  message: string
  shownAt: number
  /** Why chrome.notifications refused it, when it did (the reminder still counts as given). */
  error: string | null
}

/** The facts `page|…`: the address of a page the popup links to, as last seen (never backed up: WeChat's carry the session). */
interface PageFact {
  url: string
}

/** Every key pattern and the type of its value. */
export interface FactValues {
  qualification: QualificationFact
  [key: `qualification|${string}`]: QualificationFact
  [key: `entrance|${string}`]: EntranceFact
  [key: `shopRoomsRead|${string}`]: RoomsReadFact
  [key: `reminded|${string}`]: RemindedFact
  "page|wechat-goods": PageFact
  "page|wechat-rooms": PageFact
  [key: `page|himall|${string}`]: PageFact
}
export type FactKey = keyof FactValues & string

// ---------------------------------------------------------------------------------------------
// Keys

export const QUALIFICATION_FACT = "qualification"
/** The qualification of one mini program, beside the latest reading's (`qualification`). */
export const qualificationKey = (account: string) => `${QUALIFICATION_FACT}|${account}` as const
export const ENTRANCE_PREFIX = "entrance|"
export const entranceFactKey = (origin: string) => `${ENTRANCE_PREFIX}${origin}` as const
export const ROOMS_READ_PREFIX = "shopRoomsRead|"
export const roomsReadFactKey = (origin: string) => `${ROOMS_READ_PREFIX}${origin}` as const
/** The reminder's key (core/going-live.ts builds it: its plan compares against these keys). */
export const remindedFactKey = (roomId: number, start: number) => remindedKey(roomId, start) as `reminded|${string}`
export { REMINDED_PREFIX }
export const PAGE_PREFIX = "page|"
const HIMALL_PAGE_PREFIX = "page|himall|"
/** Pages the popup links to (recorded after the router handled a message from them). */
export const PAGE_FACT = {
  wechatGoods: "page|wechat-goods",
  wechatRooms: "page|wechat-rooms",
  himall: (origin: string) => `${HIMALL_PAGE_PREFIX}${origin}` as const
} as const

// ---------------------------------------------------------------------------------------------
// Values

const QUALIFICATION_STATES: readonly QualificationState[] = ["unqualified", "not_opened", "opened"]
const ENTRANCE_KINDS: readonly EntranceKind[] = ["image_nav", "live_module"]

const qualificationFields: Fields<QualificationFact> = { state: oneOf(QUALIFICATION_STATES), url: nullable(text) }
const entranceFields: Fields<EntranceFact> = { found: bool, name: nullable(text), kind: nullable(oneOf(ENTRANCE_KINDS)) }
const roomsReadFields: Fields<RoomsReadFact> = { at: num, listPath: text, total: int, complete: bool }
const remindedFields: Fields<RemindedFact> = {
  roomId: int,
  start: num,
  notificationId: text,
  title: text,
  message: text,
  shownAt: num,
  error: nullable(text)
}
const pageFields: Fields<PageFact> = { url: text }

/** Each key pattern's fields, in the order keys are matched. */
const PATTERNS: { matches: (key: string) => boolean; fields: Record<string, Field> }[] = [
  { matches: (k) => k === QUALIFICATION_FACT || k.startsWith(`${QUALIFICATION_FACT}|`), fields: qualificationFields },
  { matches: (k) => k.startsWith(ENTRANCE_PREFIX), fields: entranceFields },
  { matches: (k) => k.startsWith(ROOMS_READ_PREFIX), fields: roomsReadFields },
  { matches: (k) => k.startsWith(REMINDED_PREFIX), fields: remindedFields },
  { matches: (k) => k === PAGE_FACT.wechatGoods || k === PAGE_FACT.wechatRooms || k.startsWith(HIMALL_PAGE_PREFIX), fields: pageFields }
]

function fieldsOf(key: string): Record<string, Field> | null {
  return PATTERNS.find((p) => p.matches(key))?.fields ?? null
}

/** Is this a key the extension stores facts under? */
export function isFactKey(key: unknown): key is FactKey {
  return typeof key === "string" && fieldsOf(key) !== null
}

/** Is this exactly a value of its key's type (every field valid, none unknown)? The backup import's check. */
export function validFact(key: unknown, value: unknown): boolean {
  const fields = typeof key === "string" ? fieldsOf(key) : null
  return !!fields && validRecord(fields, value)
}

/** A stored value read tolerantly: unreadable fields that may be null are null; null when a required one is unreadable. */
function readValue<K extends FactKey>(key: K, value: unknown): FactValues[K] | null {
  const fields = fieldsOf(key)
  if (!fields || !isPlainObject(value)) return null
  const out: Record<string, unknown> = {}
  for (const [name, valid] of Object.entries(fields)) {
    if (valid(value[name], false)) out[name] = value[name] ?? null
    else if (valid(null, false)) out[name] = null
    else return null
  }
  return out as unknown as FactValues[K]
}

function seen<K extends FactKey>(key: K, record: { value: unknown; seenAt: number } | undefined): Seen<FactValues[K]> | null {
  const value = record ? readValue(key, record.value) : null
  return value ? { ...value, seenAt: record!.seenAt } : null
}

// ---------------------------------------------------------------------------------------------
// Access

/** The fact under `key` with the time it was seen; null when none is stored (or it cannot be read). */
export async function getFact<K extends FactKey>(db: HelperDb, key: K): Promise<Seen<FactValues[K]> | null> {
  return seen(key, await db.facts.get(key))
}

/** Is anything stored under `key` (whatever its value)? */
export async function hasFact(db: HelperDb, key: FactKey): Promise<boolean> {
  return (await db.facts.where("key").equals(key).count()) > 0
}

export async function putFact<K extends FactKey>(db: HelperDb, key: K, value: FactValues[K], seenAt: number): Promise<void> {
  await db.facts.put({ key, value, seenAt })
}

export async function deleteFacts(db: HelperDb, keys: readonly FactKey[]): Promise<void> {
  if (keys.length) await db.facts.bulkDelete([...keys])
}

/** Keys of the facts under a prefix (`reminded|`). */
export async function factKeysUnder(db: HelperDb, prefix: typeof REMINDED_PREFIX): Promise<FactKey[]> {
  return (await db.facts.where("key").startsWith(prefix).primaryKeys()) as FactKey[]
}

type Under = {
  [ENTRANCE_PREFIX]: EntranceFact
  [ROOMS_READ_PREFIX]: RoomsReadFact
  [HIMALL_PAGE_PREFIX]: PageFact
}

/** Every readable fact under a prefix, by what follows it in the key (a shop's origin). */
export async function factsUnder<P extends keyof Under>(db: HelperDb, prefix: P): Promise<Map<string, Seen<Under[P]>>> {
  const out = new Map<string, Seen<Under[P]>>()
  for (const r of await db.facts.where("key").startsWith(prefix).toArray()) {
    const fact = seen(r.key as FactKey, r)
    if (fact) out.set(r.key.slice(prefix.length), fact as unknown as Seen<Under[P]>)
  }
  return out
}
