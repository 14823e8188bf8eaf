// HiMall room covers made by make-cover (封面设置): a JPEG of the size the dialog asks, cached in
// `roomCovers` per room with its source and fit, and the URL HiMall's uploader answered for it.
// (The sizes of the covers HiMall already shows are measured by background/cover-sizes.ts.)
import { coverSizeAccepted, ROOM_COVER_MAX_BYTES } from "~core/room-covers"
import { roomKey } from "~core/rooms"
import type { HelperDb, RoomCoverRecord } from "~db/schema"
import { getSetting } from "~db/settings"
import { dataUrlBytes } from "~lib/data-url"
import { fetchImage, makeImage, sniffImageType } from "~lib/image/cover"
import type { RequestOf, ResponseOf, RoomCoverAnswer, RoomCoverProblem } from "~protocol/messages"

import { coverToDataUrl } from "./covers"
import { absoluteCoverUrl } from "./shop-rooms"

export interface RoomCoverOptions {
  fetchImpl?: typeof fetch
  timeoutMs?: number
  /** The cover maker (tests replace it: jsdom has no canvas). */
  make?: typeof makeImage
}

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
  opts: RoomCoverOptions = {}
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
    console.warn("[room-covers] could not store the room cover", key, e)
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
