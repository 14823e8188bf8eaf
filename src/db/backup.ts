// Backup: everything the merchant built (products, goods states, covers, rooms, plans, room
// covers, preferences, facts) in one JSON file, each record checked against its type's validator
// (db/schema.ts, db/fields.ts): a field the type does not know makes a record invalid.
//, imported back on another browser after a
// preview of what will change. docs/data-model.md, "Backup", describes the format.
//
// The file is one JSON document laid out one record per line, so that a large backup (thousands
// of covers) is written and read as a stream, never as one string:
//
//   {"format":"himall-live-helper-backup","version":1,…,"tables":{
//   "products":[
//   {…},
//   {…}
//   ],
//   "wechatGoods":[
//   ]
//   }}
//
// Any other layout of the same JSON is read too (whole, with JSON.parse). Blobs travel as
// `{ "$blob": "data:<type>;base64,…" }`.
//
// The options page exports (reads are allowed there) and previews; the background writes the
// import, sent in batches (`backup.import`: runtime messages are JSON and size-limited).
import { goodsKey } from "~core/accounts"
import { isWechatPattern } from "~core/origins"
import { base64ToBytes, blobToDataUrl } from "~lib/data-url"

import { PAGE_PREFIX, validFact } from "./facts"
import { isBlobLike, isEncodedBlob, parseBase64DataUrl, validRecord, type Field, type Fields } from "./fields"
import {
  coverFields,
  factFields,
  goodsFields,
  planFields,
  productFields,
  roomCoverFields,
  roomFiguresRecordFields,
  settingFields,
  shopRoomFields,
  syncFields,
  wechatAccountFields,
  wechatRoomFields,
  type HelperDb
} from "./schema"
import { settingChange } from "./settings"

const BACKUP_FORMAT = "himall-live-helper-backup"
const BACKUP_VERSION = 1

/** What a backup holds, in the order written. (`shops` mirrors the browser's permissions, `jobs`
 * and `notices` are transient: they are not part of it; the shops' origins are listed so that
 * the merchant can enable them again.) */
export const BACKUP_TABLES = [
  "products",
  "wechatGoods",
  "covers",
  "settings",
  "facts",
  "wechatRooms",
  "shopRooms",
  "syncs",
  "plans",
  "roomCovers",
  "roomFigures",
  "wechatAccounts"
] as const
export type BackupTable = (typeof BACKUP_TABLES)[number]

/** Every other table of the schema, and why it is not in a backup (a test holds the two lists to
 * the schema: a new table must be put in one of them). */
export const NOT_BACKED_UP: Record<string, string> = {
  shops: "mirrors the browser's permissions; the header lists the origins to enable again",
  jobs: "progress of a run in this browser",
  notices: "transient messages to the merchant",
  overview: "derived from the other tables, rebuilt at will",
  roomContents: "read again from HiMall's 直播商品 and WeChat's room goods at the next visit",
  roomGoods: "read again from WeChat's room goods list at the next visit"
}

export function isBackupTable(v: unknown): v is BackupTable {
  return typeof v === "string" && (BACKUP_TABLES as readonly string[]).includes(v)
}

interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: number
  exportedAt: number
  /** The database's schema version it was written from. */
  schemaVersion: number
  /** The extension's version that wrote it. */
  extensionVersion: string
  /** Shop origins that were enabled (permissions are the browser's: enable them again). */
  shops: string[]
}

/** A JSON value with Blobs as `{ $blob: dataUrl }`. */
export type EncodedRow = Record<string, unknown>

// ---------------------------------------------------------------------------------------------
// Blobs

export type BlobReader = (blob: Blob) => Promise<string>

/** A Blob as a base64 data URL; no FileReader (works in the worker too). */
export { blobToDataUrl }

/** A base64 data URL back to a Blob; null when it is not one. */
export function dataUrlToBlob(url: string): Blob | null {
  const m = parseBase64DataUrl(url)
  if (!m) return null
  let bytes: Uint8Array
  try {
    bytes = base64ToBytes(m[2])
  } catch {
    return null
  }
  return new Blob([bytes], { type: m[1] ?? "" })
}

/** A record with every Blob (at any depth) replaced by `{ $blob: dataUrl }`. */
export async function encodeValue(v: unknown, read: BlobReader = blobToDataUrl): Promise<unknown> {
  if (isBlobLike(v)) return { $blob: await read(v) }
  if (Array.isArray(v)) return Promise.all(v.map((x) => encodeValue(x, read)))
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = await encodeValue(x, read)
    return out
  }
  return v
}

/** The inverse of encodeValue; throws on a `$blob` that is not a base64 data URL. */
export function decodeValue(v: unknown): unknown {
  if (isEncodedBlob(v)) {
    const blob = dataUrlToBlob(v.$blob)
    if (!blob) throw new Error("bad blob")
    return blob
  }
  if (Array.isArray(v)) return v.map(decodeValue)
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = decodeValue(x)
    return out
  }
  return v
}

/** JSON with object keys sorted, to compare records whatever order their fields were written in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`
  if (typeof v === "object" && v !== null) {
    const keys = Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(",")}}`
  }
  return JSON.stringify(v) ?? "null"
}

// ---------------------------------------------------------------------------------------------
// Each table's records: the validators beside their types (db/schema.ts), and how a record is
// recognised in the database

interface TableSpec {
  /** The primary key's field; for `++id` tables, how a record is recognised instead. */
  key: string
  auto?: (r: Record<string, unknown>) => string
  fields: Fields<never> | Record<string, Field>
  /** Records not to back up or restore (session-bound facts). */
  skip?: (r: Record<string, unknown>) => boolean
}

const TABLE_SPECS: Record<BackupTable, TableSpec> = {
  products: { key: "key", fields: productFields },
  wechatGoods: { key: "key", fields: goodsFields },
  covers: { key: "productKey", fields: coverFields },
  settings: { key: "key", fields: settingFields },
  facts: {
    key: "key",
    fields: factFields,
    // The addresses of pages last seen carry WeChat's session token: they stay on this browser.
    skip: (r) => typeof r.key === "string" && r.key.startsWith(PAGE_PREFIX)
  },
  wechatRooms: { key: "roomId", fields: wechatRoomFields },
  shopRooms: { key: "key", fields: shopRoomFields },
  syncs: { key: "id", auto: (r) => `${String(r.shopOrigin)}|${String(r.at)}`, fields: syncFields },
  plans: { key: "id", auto: (r) => `${String(r.createdAt)}|${String(r.title)}`, fields: planFields },
  roomCovers: { key: "key", fields: roomCoverFields },
  roomFigures: { key: "id", auto: (r) => `${String(r.shopOrigin)}|${String(r.roomId)}|${String(r.at)}`, fields: roomFiguresRecordFields },
  wechatAccounts: { key: "name", fields: wechatAccountFields }
}

/**
 * Is this (encoded, from a file) record one its table may hold: every field of its type, each
 * valid, and no field the type does not know? A setting's value must be one its key accepts, a
 * fact's value the type of its key (db/facts.ts: a key the extension does not store is refused).
 */
export function validRow(table: BackupTable, row: unknown, encoded = true): row is EncodedRow {
  if (!validRecord(TABLE_SPECS[table].fields as Record<string, Field>, row, encoded)) return false
  if (table === "settings" && !settingChange(row)) return false
  if (table === "facts" && !validFact(row.key, row.value)) return false
  // A goods record's key is derived from its account and link (schema v8): one that disagrees is not one of ours.
  if (table === "wechatGoods" && row.key !== goodsKey(row.account as string | null | undefined, row.url as string)) return false
  return true
}

/**
 * Tables of files written by older schemas, read into today's: `goods` (schema < 8, keyed by
 * link alone) is `wechatGoods`, each record given the key of its account (absent: none) and link.
 */
const LEGACY_TABLES: Record<string, { table: BackupTable; row: (r: unknown) => unknown }> = {
  goods: {
    table: "wechatGoods",
    row: (r) => {
      if (typeof r !== "object" || r === null || typeof (r as { url?: unknown }).url !== "string") return r
      const g = r as { account?: unknown; url: string }
      return { ...g, key: goodsKey(typeof g.account === "string" ? g.account : null, g.url) }
    }
  }
}

function backupTableOf(name: string): BackupTable | null {
  if (isBackupTable(name)) return name
  return Object.hasOwn(LEGACY_TABLES, name) ? LEGACY_TABLES[name].table : null
}

function rowOf(name: string, row: unknown): unknown {
  return Object.hasOwn(LEGACY_TABLES, name) ? LEGACY_TABLES[name].row(row) : row
}

// ---------------------------------------------------------------------------------------------
// Export

function header(db: HelperDb, shops: string[], now: number, extensionVersion: string): BackupHeader {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, schemaVersion: db.verno, extensionVersion, shops }
}

export interface ExportOptions {
  now?: number
  read?: BlobReader
  extensionVersion?: string
  onProgress?: (table: BackupTable, done: number) => void
}

/** The backup, as the parts of one file (new Blob(parts) keeps a large backup out of one string). */
export async function exportBackup(db: HelperDb, opts: ExportOptions = {}): Promise<{ parts: string[]; counts: Record<BackupTable, number> }> {
  const read = opts.read ?? blobToDataUrl
  const shops = (await db.shops.toArray()).filter((s) => !isWechatPattern(s.pattern)).map((s) => s.origin)
  const head = header(db, shops, opts.now ?? Date.now(), opts.extensionVersion ?? "")
  const json = JSON.stringify(head)
  const parts: string[] = [`${json.slice(0, -1)},"tables":{`]
  const counts = {} as Record<BackupTable, number>
  for (const [i, table] of BACKUP_TABLES.entries()) {
    parts.push(`${i ? "," : ""}\n${JSON.stringify(table)}:[`)
    const spec = TABLE_SPECS[table]
    let n = 0
    // Page through the primary key: the table's Blobs are read one record at a time.
    const keys = await db.table(table).toCollection().primaryKeys()
    for (let at = 0; at < keys.length; at += 200) {
      const rows = await db.table(table).bulkGet(keys.slice(at, at + 200))
      for (const row of rows) {
        if (!row || spec.skip?.(row)) continue
        parts.push(`${n ? "," : ""}\n${JSON.stringify(await encodeValue(row, read))}`)
        n += 1
      }
      opts.onProgress?.(table, n)
    }
    parts.push("\n]")
    counts[table] = n
  }
  parts.push("\n}}\n")
  return { parts, counts }
}

export function backupFileName(now: number): string {
  const d = new Date(now)
  const p = (n: number) => String(n).padStart(2, "0")
  return `himall-live-helper-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}.json`
}

// ---------------------------------------------------------------------------------------------
// Reading a backup file

export type BackupEvent = { kind: "header"; header: BackupHeader } | { kind: "row"; table: BackupTable; row: unknown } | { kind: "unknownTable"; name: string }

export class BackupFormatError extends Error {
  constructor(readonly code: "not_json" | "not_backup" | "newer_version" | "truncated") {
    super(code)
  }
}

function checkHeader(v: unknown): BackupHeader {
  if (typeof v !== "object" || v === null) throw new BackupFormatError("not_backup")
  const h = v as Partial<BackupHeader>
  if (h.format !== BACKUP_FORMAT) throw new BackupFormatError("not_backup")
  if (typeof h.version !== "number" || h.version > BACKUP_VERSION) throw new BackupFormatError("newer_version")
  return {
    format: BACKUP_FORMAT,
    version: h.version,
    exportedAt: typeof h.exportedAt === "number" ? h.exportedAt : 0,
    schemaVersion: typeof h.schemaVersion === "number" ? h.schemaVersion : 0,
    extensionVersion: typeof h.extensionVersion === "string" ? h.extensionVersion : "",
    shops: Array.isArray(h.shops) ? h.shops.filter((s): s is string => typeof s === "string" && s.length < 300) : []
  }
}

/** Lines of a text stream (a File's, or any async source of chunks). */
async function* linesOf(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = ""
  for await (const chunk of chunks) {
    rest += chunk
    let nl: number
    while ((nl = rest.indexOf("\n")) >= 0) {
      yield rest.slice(0, nl).replace(/\r$/, "")
      rest = rest.slice(nl + 1)
    }
  }
  if (rest) yield rest
}

/** A File (or Blob) as text chunks, streamed when the browser can. */
export async function* fileChunks(file: Blob): AsyncGenerator<string> {
  if (typeof file.stream === "function" && typeof TextDecoder !== "undefined") {
    const reader = file.stream().getReader()
    const decoder = new TextDecoder()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      yield decoder.decode(value, { stream: true })
    }
    const tail = decoder.decode()
    if (tail) yield tail
    return
  }
  yield await file.text()
}

const TABLE_OPEN = /^"([A-Za-z]+)":\[(\],?)?$/

/**
 * The events of a backup: its header, then every record with its table. Reads the line layout
 * this module writes as a stream; any other layout is parsed whole.
 */
export async function* readBackup(source: () => AsyncIterable<string>): AsyncGenerator<BackupEvent> {
  const lines = linesOf(source())[Symbol.asyncIterator]()
  const first = await lines.next()
  const head = first.done ? "" : first.value
  if (head.startsWith("{") && head.endsWith(`"tables":{`)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(`${head}}}`)
    } catch {
      parsed = undefined
    }
    if (parsed !== undefined) {
      yield { kind: "header", header: checkHeader(parsed) }
      let table: string | null = null
      let ended = false
      for (;;) {
        const next = await lines.next()
        if (next.done) break
        const line = next.value.trim()
        if (line === "") continue
        if (ended) throw new BackupFormatError("not_json")
        const open = TABLE_OPEN.exec(line)
        if (table === null && open) {
          if (!backupTableOf(open[1])) yield { kind: "unknownTable", name: open[1] }
          table = open[2] ? null : open[1]
          continue
        }
        if (table !== null && (line === "]" || line === "],")) {
          table = null
          continue
        }
        if (table === null && line === "}}") {
          ended = true
          continue
        }
        if (table === null) throw new BackupFormatError("not_json")
        let row: unknown
        try {
          row = JSON.parse(line.endsWith(",") ? line.slice(0, -1) : line)
        } catch {
          throw new BackupFormatError("not_json")
        }
        const into = backupTableOf(table)
        if (into) yield { kind: "row", table: into, row: rowOf(table, row) }
      }
      if (!ended) throw new BackupFormatError("truncated")
      return
    }
  }
  // Another layout: the whole document at once.
  let text = head
  for (;;) {
    const next = await lines.next()
    if (next.done) break
    text += `\n${next.value}`
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new BackupFormatError("not_json")
  }
  yield { kind: "header", header: checkHeader(doc) }
  const tables = (doc as { tables?: unknown }).tables
  if (typeof tables !== "object" || tables === null) throw new BackupFormatError("not_backup")
  for (const [name, rows] of Object.entries(tables)) {
    const into = backupTableOf(name)
    if (!into) {
      yield { kind: "unknownTable", name }
      continue
    }
    if (!Array.isArray(rows)) throw new BackupFormatError("not_backup")
    for (const row of rows) yield { kind: "row", table: into, row: rowOf(name, row) }
  }
}

// ---------------------------------------------------------------------------------------------
// Preview and import

interface TableChanges {
  /** Records the database does not have. */
  added: number
  /** Records it has, different. */
  changed: number
  unchanged: number
  /** Records of the file that are not valid (left out). */
  invalid: number
}

export interface ImportPreview {
  header: BackupHeader
  tables: Record<BackupTable, TableChanges>
  unknownTables: string[]
  /** Shops of the backup not enabled in this browser. */
  shopsToEnable: string[]
}

function emptyChanges(): Record<BackupTable, TableChanges> {
  const out = {} as Record<BackupTable, TableChanges>
  for (const t of BACKUP_TABLES) out[t] = { added: 0, changed: 0, unchanged: 0, invalid: 0 }
  return out
}

/** The database's records of a `++id` table by identity (plans, syncs: few records). */
async function byIdentity(db: HelperDb, table: BackupTable): Promise<Map<string, Record<string, unknown>>> {
  const spec = TABLE_SPECS[table]
  const map = new Map<string, Record<string, unknown>>()
  if (!spec.auto) return map
  for (const r of (await db.table(table).toArray()) as Record<string, unknown>[]) map.set(spec.auto(r), r)
  return map
}

/** Compare a batch of valid file records with the database. */
async function compareBatch(
  db: HelperDb,
  table: BackupTable,
  rows: EncodedRow[],
  auto: Map<string, Record<string, unknown>>,
  read: BlobReader,
  into: TableChanges
): Promise<void> {
  const spec = TABLE_SPECS[table]
  const existing: (Record<string, unknown> | undefined)[] = spec.auto
    ? rows.map((r) => auto.get(spec.auto!(r)))
    : await db.table(table).bulkGet(rows.map((r) => r[spec.key] as string | number))
  for (const [i, row] of rows.entries()) {
    const had = existing[i]
    if (!had) {
      into.added += 1
      continue
    }
    const mine = (await encodeValue(had, read)) as Record<string, unknown>
    const theirs = { ...row }
    if (spec.auto) {
      // The id is this database's own; only the content is compared.
      delete mine.id
      delete theirs.id
    }
    if (canonicalJson(mine) === canonicalJson(theirs)) into.unchanged += 1
    else into.changed += 1
  }
}

/** What importing this backup would change, per table (reads the file and the database). */
export async function previewImport(db: HelperDb, source: () => AsyncIterable<string>, opts: { read?: BlobReader } = {}): Promise<ImportPreview> {
  const read = opts.read ?? blobToDataUrl
  const tables = emptyChanges()
  const unknownTables: string[] = []
  let head: BackupHeader | null = null
  const autos = new Map<BackupTable, Map<string, Record<string, unknown>>>()
  let batch: EncodedRow[] = []
  let batchTable: BackupTable | null = null
  // Within one file, a record repeated under the same key counts once (the last one wins on import).
  const flush = async () => {
    if (!batchTable || !batch.length) return
    if (!autos.has(batchTable)) autos.set(batchTable, await byIdentity(db, batchTable))
    await compareBatch(db, batchTable, batch, autos.get(batchTable)!, read, tables[batchTable])
    batch = []
  }
  for await (const ev of readBackup(source)) {
    if (ev.kind === "header") head = ev.header
    else if (ev.kind === "unknownTable") unknownTables.push(ev.name)
    else {
      if (ev.table !== batchTable) {
        await flush()
        batchTable = ev.table
      }
      if (!validRow(ev.table, ev.row) || TABLE_SPECS[ev.table].skip?.(ev.row as Record<string, unknown>)) {
        tables[ev.table].invalid += 1
        continue
      }
      batch.push(ev.row)
      if (batch.length >= 200) await flush()
    }
  }
  await flush()
  if (!head) throw new BackupFormatError("not_backup")
  const enabled = new Set((await db.shops.toArray()).map((s) => s.origin))
  return { header: head, tables, unknownTables, shopsToEnable: head.shops.filter((s) => !enabled.has(s)) }
}

/** File records in batches for `backup.import`: at most `maxRows` and about `maxChars` of JSON each. */
export async function* importBatches(
  source: () => AsyncIterable<string>,
  opts: { maxRows?: number; maxChars?: number } = {}
): AsyncGenerator<{ table: BackupTable; rows: EncodedRow[] }> {
  const maxRows = opts.maxRows ?? 200
  const maxChars = opts.maxChars ?? 8_000_000
  let table: BackupTable | null = null
  let rows: EncodedRow[] = []
  let chars = 0
  for await (const ev of readBackup(source)) {
    if (ev.kind !== "row") continue
    if (!validRow(ev.table, ev.row) || TABLE_SPECS[ev.table].skip?.(ev.row as Record<string, unknown>)) continue
    const size = JSON.stringify(ev.row).length
    if (rows.length && (ev.table !== table || rows.length >= maxRows || chars + size > maxChars)) {
      yield { table: table!, rows }
      rows = []
      chars = 0
    }
    table = ev.table
    rows.push(ev.row)
    chars += size
  }
  if (rows.length) yield { table: table!, rows }
}

/**
 * Write one batch (the background's side of `backup.import`): valid records only, Blobs decoded;
 * a record replaces the one with the same key, `++id` records are matched by identity. Idempotent:
 * a batch sent again (its answer lost to a stopped worker) writes the same records again.
 */
export async function importRows(db: HelperDb, table: BackupTable, rows: readonly unknown[]): Promise<{ written: number; refused: number }> {
  const spec = TABLE_SPECS[table]
  const valid: Record<string, unknown>[] = []
  let refused = 0
  for (const row of rows) {
    if (!validRow(table, row) || spec.skip?.(row)) {
      refused += 1
      continue
    }
    try {
      valid.push(decodeValue(row) as Record<string, unknown>)
    } catch {
      refused += 1
    }
  }
  if (!valid.length) return { written: 0, refused }
  const t = db.table(table)
  await db.transaction("rw", t, async () => {
    if (!spec.auto) {
      await t.bulkPut(valid)
      return
    }
    const mine = await byIdentity(db, table)
    for (const r of valid) {
      const had = mine.get(spec.auto(r))
      const { id: _ignored, ...content } = r
      if (had) await t.put({ ...content, id: had.id })
      else {
        const id = await t.add(content)
        mine.set(spec.auto(r), { ...content, id })
      }
    }
  })
  return { written: valid.length, refused }
}
