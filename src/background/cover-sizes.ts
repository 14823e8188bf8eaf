// The pixel size of each cover HiMall shows for a room (`shopRooms.coverWidth/coverHeight`), read
// from the first bytes of the picture with the shop's host permission.
//
// Slow work (a download each, up to 8 s), so it never holds a reply: the queue is the rooms
// themselves. A room whose cover is not measured yet has `coverCheckedAt` null (a new or changed
// cover, or one whose last read failed long enough ago: recordShopRooms clears it); a run measures
// every such room in batches of eight, four at a time, and stores each size only if the room
// still has that cover. A run is started after `shopRooms.seen` has answered, at every worker
// start and by the one-shot alarm `cover-sizes|measure`, set again before each batch and cleared
// when the queue is empty: a worker stopped mid-run is woken by it and the next run takes up what
// is left. Runs within a worker follow one
// another (a promise chain, not state: a stopped worker loses nothing by forgetting it).
import type { HelperDb, ShopRoomRecord } from "~db/schema"
import { fetchImage, imageDimensions, sniffImageType } from "~lib/image/cover"

/** How much of a cover is read to find its size in the header. */
const COVER_HEAD_BYTES = 256 * 1024
const COVER_CHECK_TIMEOUT_MS = 8000
/** Covers measured at once. */
const COVER_CHECK_PARALLEL = 4
/** Covers per batch: two rounds of downloads at most, so the alarm is set again well before it fires. */
const BATCH = 2 * COVER_CHECK_PARALLEL
/** Wakes a worker stopped in the middle of a run (Chrome's shortest delay is 30 s). */
export const COVER_SIZES_ALARM = "cover-sizes|measure"
const ALARM_DELAY_MINUTES = 1

export interface MeasureOptions {
  fetchImpl?: typeof fetch
  timeoutMs?: number
  /** The time recorded as `coverCheckedAt` (default: the clock when each cover was read). */
  now?: () => number
  /** Called after a run that stored at least one size (the toolbar badge counts covers). */
  onMeasured?: () => void
}

/** Is this room's cover waiting to be measured? (The queue: see the top of this file.) */
export function coverQueued(r: Pick<ShopRoomRecord, "coverUrl" | "coverCheckedAt">): boolean {
  return !!r.coverUrl && r.coverCheckedAt == null
}

/** Rooms whose cover waits to be measured. */
async function queuedRooms(db: HelperDb): Promise<ShopRoomRecord[]> {
  return (await db.shopRooms.toArray()).filter(coverQueued)
}

let tail: Promise<number> = Promise.resolve(0)

/**
 * Measure every queued cover; resolves with how many sizes were stored. Calls while a run goes on
 * are chained after it (the later run finds only what is still queued, often nothing).
 */
export function measureQueuedCovers(db: HelperDb, opts: MeasureOptions = {}): Promise<number> {
  const run = tail.then(
    () => runQueue(db, opts),
    () => runQueue(db, opts)
  )
  tail = run.catch(() => 0)
  return run
}

async function runQueue(db: HelperDb, opts: MeasureOptions): Promise<number> {
  const now = opts.now ?? Date.now
  // Each room and cover once per run, even if its result could not be stored.
  const tried = new Set<string>()
  let stored = 0
  let armed = false
  for (;;) {
    const rooms = (await queuedRooms(db)).filter((r) => !tried.has(`${r.key}\n${r.coverUrl}`)).slice(0, BATCH)
    if (!rooms.length) break
    // Before each batch (well within the alarm's minute): a worker stopped during it is woken to go on.
    await setAlarm(true)
    armed = true
    rooms.forEach((r) => tried.add(`${r.key}\n${r.coverUrl}`))
    stored += await measureRooms(db, rooms, now, opts)
  }
  if (armed) await setAlarm(false)
  if (stored) opts.onMeasured?.()
  return stored
}

async function setAlarm(on: boolean): Promise<void> {
  // Unit tests without chrome.alarms measure all the same.
  if (typeof chrome === "undefined" || !chrome.alarms) return
  try {
    if (on) await chrome.alarms.create(COVER_SIZES_ALARM, { delayInMinutes: ALARM_DELAY_MINUTES })
    else await chrome.alarms.clear(COVER_SIZES_ALARM)
  } catch (e) {
    console.warn("[cover-sizes] alarm", e)
  }
}

/** The alarm fired (the worker may just have been started for it): take up the queue. False for other alarms. */
export async function handleCoverSizesAlarm(db: HelperDb, alarm: { name: string }, opts: MeasureOptions = {}): Promise<boolean> {
  if (alarm.name !== COVER_SIZES_ALARM) return false
  await measureQueuedCovers(db, opts)
  return true
}

/** Measure covers a few at a time; each result is stored only if the room still has that cover. */
async function measureRooms(db: HelperDb, rooms: ShopRoomRecord[], now: () => number, opts: MeasureOptions): Promise<number> {
  let next = 0
  let stored = 0
  const worker = async () => {
    while (next < rooms.length) {
      const room = rooms[next++]
      const size = await measureImage(room.coverUrl!, opts).catch(() => null)
      const done = await db.transaction("rw", db.shopRooms, async () => {
        const current = await db.shopRooms.get(room.key)
        if (!current || current.coverUrl !== room.coverUrl) return false
        await db.shopRooms.put({ ...current, coverWidth: size?.width ?? null, coverHeight: size?.height ?? null, coverCheckedAt: now() })
        return true
      })
      if (done) stored++
    }
  }
  await Promise.all(Array.from({ length: Math.min(COVER_CHECK_PARALLEL, rooms.length) }, worker))
  return stored
}

/**
 * An image's pixel size from the first bytes of its file (the header), without decoding it.
 * Falls back to decoding the whole file where the header is further in (JPEG with large EXIF).
 */
export async function measureImage(url: string, opts: Pick<MeasureOptions, "fetchImpl" | "timeoutMs"> = {}): Promise<{ width: number; height: number } | null> {
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
