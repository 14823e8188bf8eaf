// HiMall 小程序直播 in the background: the shop's rooms (`shopRooms`) as its list endpoint
// shows them, their cover sizes, presses of 获取小程序数据 (`syncs`), freshness against WeChat's
// rooms (`wechatRooms`), 750×750 room covers (`roomCovers`) and the homepage entrance (`facts`).
//
// Nothing is kept in memory between messages: every answer is computed from the database, and
// every write is idempotent (a message resent after a stopped worker changes nothing more).
import { freshness, syncState } from "~core/freshness"
import { roomContentsKey } from "~core/room-contents"
import { coverNeedsCheck, coverSizeAccepted, coverSizeForList, ROOM_COVER_MAX_BYTES, roomCoverState, roomsReadFactKey } from "~core/room-covers"
import { sameFigures } from "~core/room-figures"
import { liveStatusFromText, roomKey } from "~core/rooms"
import type { FactRecord, HelperDb, RoomCoverRecord, ShopRoomRecord } from "~db/schema"
import { getSetting } from "~db/settings"
import { dataUrlBytes } from "~lib/data-url"
import { fetchImage, imageDimensions, makeImage, sniffImageType } from "~lib/image/cover"
import type {
  EntranceFact,
  MissingRoomView,
  RequestOf,
  ResponseOf,
  RoomCoverAnswer,
  RoomCoverProblem,
  ShopRoomsView,
  ShopRoomView
} from "~protocol/messages"

import { coverToDataUrl } from "./covers"

export const entranceFactKey = (origin: string) => `entrance|${origin}`
export { roomsReadFactKey } from "~core/room-covers"

/** The fact `shopRoomsRead|${origin}`: the latest read of the shop's room list. */
export interface RoomsReadFact {
  at: number
  listPath: string
  total: number
  complete: boolean
}

/** Syncs older than this are dropped (only today's count and the latest matter). */
export const SYNC_KEEP_MS = 30 * 24 * 60 * 60_000
/** How much of a cover is read to find its size in the header. */
const COVER_HEAD_BYTES = 256 * 1024
const COVER_CHECK_TIMEOUT_MS = 8000
/** Covers measured at once. */
const COVER_CHECK_PARALLEL = 4
/** HiMall's status when neither the code nor the wording could be read (never compared). */
export const UNKNOWN_STATUS = -1

export interface ShopRoomsOptions {
  fetchImpl?: typeof fetch
  timeoutMs?: number
  /** The cover maker (tests replace it: jsdom has no canvas). */
  make?: typeof makeImage
}

/** A cover URL as HiMall gives it, made absolute against the shop; null when none or not http(s). */
export function absoluteCoverUrl(raw: string | null, origin: string): string | null {
  const t = raw?.trim()
  if (!t) return null
  try {
    const u = new URL(t, `${origin}/`)
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null
  } catch {
    return null
  }
}

/** Only the platform backend lists every room; the seller backend lists one shop's. */
const isSellerList = (listPath: string) => /^\/selleradmin\//i.test(listPath)

// ---------------------------------------------------------------------------------------------
// Rooms

export async function recordShopRooms(
  db: HelperDb,
  origin: string,
  p: RequestOf<"shopRooms.seen">,
  now: number,
  opts: ShopRoomsOptions = {}
): Promise<ShopRoomsView> {
  const toMeasure: ShopRoomRecord[] = []
  await db.transaction("rw", [db.shopRooms, db.facts, db.roomFigures], async () => {
    const seen = new Set<number>()
    for (const row of p.rooms) {
      if (seen.has(row.roomId)) continue
      seen.add(row.roomId)
      const key = roomKey(origin, row.roomId)
      const stored = await db.shopRooms.get(key)
      // null: the reading did not say (the grid without its endpoint); "" : no cover.
      const coverUrl = row.coverUrl === null && stored ? stored.coverUrl : absoluteCoverUrl(row.coverUrl, origin)
      const sameCover = !!stored && stored.coverUrl === coverUrl
      const status = row.status ?? liveStatusFromText(row.statusDesc) ?? stored?.status ?? UNKNOWN_STATUS
      const record: ShopRoomRecord = {
        key,
        shopOrigin: origin,
        roomId: row.roomId,
        name: row.name,
        anchorName: row.anchorName,
        shopName: row.shopName,
        status,
        statusDesc: row.statusDesc,
        start: row.start,
        end: row.end,
        coverUrl,
        coverWidth: sameCover ? stored.coverWidth : null,
        coverHeight: sameCover ? stored.coverHeight : null,
        coverCheckedAt: sameCover ? stored.coverCheckedAt : null,
        firstSeenAt: stored?.firstSeenAt ?? now,
        seenAt: now,
        // A reading without figures keeps the last ones read (unknown now, not zero).
        figures: row.figures ?? stored?.figures ?? null,
        figuresAt: row.figures ? now : stored?.figuresAt ?? null,
        hasReplay: row.hasReplay ?? stored?.hasReplay ?? null
      }
      await db.shopRooms.put(record)
      if (row.figures) await recordFigures(db, origin, row.roomId, status, row.figures, now)
      if (coverNeedsCheck(sameCover ? stored : undefined, coverUrl, now)) toMeasure.push(record)
    }
    // A complete read of the platform's list is the whole truth: rooms it no longer has are gone.
    if (p.complete && !isSellerList(p.listPath)) {
      const gone = (await db.shopRooms.where("shopOrigin").equals(origin).toArray()).filter((r) => !seen.has(r.roomId))
      await db.shopRooms.bulkDelete(gone.map((r) => r.key))
    }
    const fact: RoomsReadFact = { at: now, listPath: p.listPath, total: p.total, complete: p.complete }
    await db.facts.put({ key: roomsReadFactKey(origin), value: fact, seenAt: now })
  })
  await measureCovers(db, toMeasure, now, opts)
  return shopRoomsView(db, origin, now)
}

/** Figures at a reading: a new record when they changed since the room's latest, else the latest lasts until now. */
async function recordFigures(db: HelperDb, origin: string, roomId: number, status: number, figures: NonNullable<ShopRoomRecord["figures"]>, now: number) {
  const all = await db.roomFigures.where("[shopOrigin+roomId]").equals([origin, roomId]).toArray()
  const latest = all.reduce<(typeof all)[number] | null>((l, r) => (!l || r.at > l.at ? r : l), null)
  if (latest && sameFigures(latest.figures, figures) && latest.status === status) await db.roomFigures.put({ ...latest, lastAt: Math.max(latest.lastAt, now) })
  else await db.roomFigures.add({ shopOrigin: origin, roomId, at: now, lastAt: now, status, figures })
}

/** Measure covers a few at a time; each result is stored only if the room still has that cover. */
async function measureCovers(db: HelperDb, rooms: ShopRoomRecord[], now: number, opts: ShopRoomsOptions) {
  let next = 0
  const worker = async () => {
    while (next < rooms.length) {
      const room = rooms[next++]
      const size = await measureImage(room.coverUrl!, opts).catch(() => null)
      await db.transaction("rw", db.shopRooms, async () => {
        const current = await db.shopRooms.get(room.key)
        if (!current || current.coverUrl !== room.coverUrl) return
        await db.shopRooms.put({ ...current, coverWidth: size?.width ?? null, coverHeight: size?.height ?? null, coverCheckedAt: now })
      })
    }
  }
  await Promise.all(Array.from({ length: Math.min(COVER_CHECK_PARALLEL, rooms.length) }, worker))
}

/**
 * An image's pixel size from the first bytes of its file (the header), without decoding it.
 * Falls back to decoding the whole file where the header is further in (JPEG with large EXIF).
 */
export async function measureImage(url: string, opts: ShopRoomsOptions = {}): Promise<{ width: number; height: number } | null> {
  const fetchImpl = opts.fetchImpl ?? fetch
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? COVER_CHECK_TIMEOUT_MS)
  try {
    const res = await fetchImpl(url, { signal: controller.signal })
    if (!res.ok) {
      void res.body?.cancel().catch(() => undefined)
      return null
    }
    const { bytes, whole } = await readHead(res, COVER_HEAD_BYTES)
    if (!sniffImageType(bytes)) return null
    const dims = imageDimensions(bytes)
    if (dims || whole) return dims
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
  // The header was not in the first bytes: decode the picture (worker only).
  if (typeof createImageBitmap !== "function") return null
  const full = await fetchImage(url, { fetchImpl, timeoutMs: opts.timeoutMs ?? COVER_CHECK_TIMEOUT_MS })
  if (!full.ok) return null
  const bitmap = await createImageBitmap(full.blob)
  try {
    return { width: bitmap.width, height: bitmap.height }
  } finally {
    bitmap.close()
  }
}

async function readHead(res: Response, max: number): Promise<{ bytes: Uint8Array; whole: boolean }> {
  const reader = res.body?.getReader()
  if (!reader) {
    const all = new Uint8Array(await res.arrayBuffer())
    return { bytes: all.subarray(0, max), whole: all.length <= max }
  }
  const chunks: Uint8Array[] = []
  let total = 0
  let whole = false
  for (;;) {
    const { done, value } = await reader.read()
    if (done) {
      whole = true
      break
    }
    chunks.push(value)
    total += value.length
    if (total >= max) break
  }
  if (!whole) void reader.cancel().catch(() => undefined)
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return { bytes: out, whole }
}

export async function shopRoomsView(db: HelperDb, origin: string, now: number): Promise<ShopRoomsView> {
  const [shopRooms, wechatRooms, syncs, read] = await Promise.all([
    db.shopRooms.where("shopOrigin").equals(origin).toArray(),
    db.wechatRooms.toArray(),
    db.syncs.where("shopOrigin").equals(origin).toArray(),
    db.facts.get(roomsReadFactKey(origin))
  ])
  const readFact = (read?.value ?? null) as RoomsReadFact | null
  const fresh = freshness({
    wechatRooms: wechatRooms.map((w) => ({ roomId: w.roomId, liveStatus: w.liveStatus, end: w.end, firstSeenAt: w.firstSeenAt, seenAt: w.seenAt, goneAt: w.goneAt ?? null })),
    shopRooms: shopRooms.map((s) => ({ roomId: s.roomId, status: s.status, seenAt: s.seenAt })),
    syncs: syncs.map((s) => ({ at: s.at, ok: s.ok })),
    shopReadAt: readFact?.at ?? null,
    now
  })
  const wechatById = new Map(wechatRooms.map((w) => [w.roomId, w]))
  const stale = new Set(fresh.staleStatus)
  const wanted = coverSizeForList(readFact?.listPath)
  const rooms: ShopRoomView[] = shopRooms
    .sort((a, b) => b.roomId - a.roomId)
    .map((s) => ({
      roomId: s.roomId,
      name: s.name,
      status: s.status,
      coverUrl: s.coverUrl,
      coverState: roomCoverState(s, wanted),
      coverWidth: s.coverWidth,
      coverHeight: s.coverHeight,
      stale: stale.has(s.roomId),
      wechatStatus: wechatById.get(s.roomId)?.liveStatus ?? null,
      coverWanted: wanted,
      figures: s.figures ?? null,
      hasReplay: s.hasReplay ?? null
    }))
  const missing: MissingRoomView[] = fresh.missingInShop.map((id) => {
    const w = wechatById.get(id)!
    return { roomId: id, name: w.name, liveStatus: w.liveStatus, start: w.start }
  })
  const sync = syncState(syncs, now)
  const lastRecord = syncs.reduce<(typeof syncs)[number] | null>((l, s) => (!l || s.at > l.at ? s : l), null)
  return {
    rooms,
    missing,
    freshness: fresh,
    sync: { ...sync, lastMessage: lastRecord?.message ?? null },
    wechatSeenAt: wechatRooms.length ? Math.max(...wechatRooms.map((w) => w.seenAt)) : null,
    shopReadAt: readFact?.at ?? null
  }
}

// ---------------------------------------------------------------------------------------------
// Syncs

export async function recordSync(db: HelperDb, origin: string, p: RequestOf<"shopRooms.synced">, now: number): Promise<ShopRoomsView> {
  await db.transaction("rw", db.syncs, async () => {
    await db.syncs.add({ shopOrigin: origin, at: now, ok: p.ok, message: p.message ?? "" })
    const old = await db.syncs.where("at").below(now - SYNC_KEEP_MS).primaryKeys()
    if (old.length) await db.syncs.bulkDelete(old)
  })
  return shopRoomsView(db, origin, now)
}

// ---------------------------------------------------------------------------------------------
// Room covers (make-cover)

export async function roomCoverInfo(db: HelperDb, origin: string, roomId: number): Promise<ResponseOf<"roomCover.info">> {
  const [wechat, cached] = await Promise.all([db.wechatRooms.get(roomId), db.roomCovers.get(roomKey(origin, roomId))])
  return {
    wechatCover: !!wechat?.coverUrl && wechat.goneAt == null,
    cached: cached ? { source: cached.source, bytes: cached.bytes, madeAt: cached.madeAt, uploadedUrl: cached.uploadedUrl } : null
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")
}

async function answer(record: RoomCoverRecord, cached: boolean, roomId: number): Promise<RoomCoverAnswer> {
  return {
    ok: true,
    dataUrl: await coverToDataUrl(record.blob),
    name: `room-${roomId}-cover-${record.width}x${record.height}.jpg`,
    width: record.width,
    height: record.height,
    bytes: record.bytes,
    cached,
    source: record.source
  }
}

/** A JPEG (≤ 2 MB) of the asked size for a room, made or taken from `roomCovers` when made from the same source, fit and size. */
export async function makeRoomCover(
  db: HelperDb,
  origin: string,
  p: RequestOf<"roomCover.make">,
  now: number,
  opts: ShopRoomsOptions = {}
): Promise<RoomCoverAnswer> {
  const key = roomKey(origin, p.roomId)
  const fit = p.fit ?? (await getSetting(db, "coverFit"))
  const size = coverSizeAccepted({ width: p.width, height: p.height })
  let sourceKey: string
  let load: () => Promise<{ ok: true; blob: Blob } | { ok: false; problem: RoomCoverProblem }>
  if (p.source === "wechat") {
    const room = await db.wechatRooms.get(p.roomId)
    const url = room?.goneAt == null ? room?.coverUrl : null
    if (!url) return { ok: false, problem: "no_wechat_cover" }
    sourceKey = `wechat:${url}`
    load = async () => {
      const fetched = await fetchImage(url, { fetchImpl: opts.fetchImpl, timeoutMs: opts.timeoutMs })
      return fetched.ok ? { ok: true, blob: fetched.blob } : { ok: false, problem: fetched.problem }
    }
  } else {
    let bytes: Uint8Array
    try {
      bytes = dataUrlBytes(p.dataUrl ?? "")
    } catch {
      return { ok: false, problem: "picked_invalid" }
    }
    if (bytes.length === 0) return { ok: false, problem: "image_empty" }
    const type = sniffImageType(bytes.subarray(0, 64))
    if (!type) return { ok: false, problem: "image_not_image" }
    sourceKey = `picked:${await sha256Hex(bytes)}`
    load = async () => ({ ok: true, blob: new Blob([bytes as BlobPart], { type }) })
  }

  const stored = await db.roomCovers.get(key)
  if (
    stored &&
    stored.sourceKey === sourceKey &&
    stored.fit === fit &&
    stored.width === size.width &&
    stored.height === size.height &&
    stored.blob instanceof Blob &&
    stored.blob.size > 0
  )
    return answer(stored, true, p.roomId)

  const loaded = await load()
  if (!loaded.ok) return { ok: false, problem: loaded.problem }
  const made = await (opts.make ?? makeImage)(loaded.blob, { fit, width: size.width, height: size.height, maxBytes: ROOM_COVER_MAX_BYTES })
  if (!made.ok) return { ok: false, problem: made.problem }
  const record: RoomCoverRecord = {
    key,
    blob: made.blob,
    width: made.width,
    height: made.height,
    bytes: made.bytes,
    source: p.source,
    madeAt: now,
    uploadedUrl: null,
    sourceKey,
    fit
  }
  try {
    await db.roomCovers.put(record)
  } catch (e) {
    console.warn("[shop-rooms] could not store the room cover", key, e)
  }
  return answer(record, false, p.roomId)
}

export async function recordCoverUploaded(db: HelperDb, origin: string, p: RequestOf<"roomCover.uploaded">): Promise<boolean> {
  const key = roomKey(origin, p.roomId)
  const url = absoluteCoverUrl(p.url, origin) ?? p.url
  return db.transaction("rw", db.roomCovers, async () => {
    const stored = await db.roomCovers.get(key)
    if (!stored) return false
    await db.roomCovers.put({ ...stored, uploadedUrl: url })
    return true
  })
}

// ---------------------------------------------------------------------------------------------
// What a room holds (直播商品)

/** HiMall's 直播商品 list of a room: the `himall` contents record of the room, replaced. */
export async function recordRoomContents(db: HelperDb, origin: string, p: RequestOf<"roomContents.seen">, now: number): Promise<boolean> {
  await db.roomContents.put({
    key: roomContentsKey("himall", origin, p.roomId),
    roomId: p.roomId,
    source: "himall",
    shopOrigin: origin,
    items: p.items,
    complete: p.complete,
    total: p.total,
    seenAt: now
  })
  return true
}

// ---------------------------------------------------------------------------------------------
// The homepage entrance

export async function recordEntrance(db: HelperDb, origin: string, p: EntranceFact, now: number): Promise<boolean> {
  const fact: FactRecord = { key: entranceFactKey(origin), value: { found: p.found, name: p.name, kind: p.kind }, seenAt: now }
  await db.facts.put(fact)
  return true
}
