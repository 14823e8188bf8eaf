// HiMall 小程序直播 in the background, the shop's rooms (`shopRooms`) as its list endpoint shows
// them, with their figures (`roomFigures`), and the view the page shows: cover states, freshness
// against WeChat's rooms (`wechatRooms`) and the syncs. The other HiMall domains have their own
// modules: syncs.ts (获取小程序数据), cover-sizes.ts (measuring the covers, queued), room-covers.ts
// (make-cover), room-contents.ts (直播商品), entrance.ts (首页配置).
//
// Nothing is kept in memory between messages: every answer is computed from the database, and
// every write is idempotent (a message resent after a stopped worker changes nothing more).
import { freshness, syncState } from "~core/freshness"
import { isSellerPath } from "~core/himall-area"
import { coverNeedsCheck, coverSizeForList, roomCoverState } from "~core/room-covers"
import { sameFigures } from "~core/room-figures"
import { liveStatusFromText, roomKey } from "~core/rooms"
import { getFact, putFact, roomsReadFactKey } from "~db/facts"
import type { HelperDb, ShopRoomRecord } from "~db/schema"
import type { MissingRoomView, RequestOf, ShopRoomsView, ShopRoomView } from "~protocol/messages"

import { coverQueued } from "./cover-sizes"

/** HiMall's status when neither the code nor the wording could be read (never compared). */
const UNKNOWN_STATUS = -1

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

/**
 * Store a read of the shop's room list and answer the view at once; covers new or changed since
 * are left queued (`coverCheckedAt` null) for background/cover-sizes.ts.
 */
export async function recordShopRooms(db: HelperDb, origin: string, p: RequestOf<"shopRooms.seen">, now: number): Promise<ShopRoomsView> {
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
        // null queues the cover to be measured (background/cover-sizes.ts): a new or changed one, or a failed read long enough ago.
        coverCheckedAt: sameCover && !coverNeedsCheck(stored, coverUrl, now) ? stored.coverCheckedAt : null,
        firstSeenAt: stored?.firstSeenAt ?? now,
        seenAt: now,
        // A reading without figures keeps the last ones read (unknown now, not zero).
        figures: row.figures ?? stored?.figures ?? null,
        figuresAt: row.figures ? now : (stored?.figuresAt ?? null),
        hasReplay: row.hasReplay ?? stored?.hasReplay ?? null
      }
      await db.shopRooms.put(record)
      if (row.figures) await recordFigures(db, origin, row.roomId, status, row.figures, now)
    }
    // A complete read of the platform's list is the whole truth: rooms it no longer has are gone
    // (the seller backend lists one shop's rooms only).
    if (p.complete && !isSellerPath(p.listPath)) {
      const gone = (await db.shopRooms.where("shopOrigin").equals(origin).toArray()).filter((r) => !seen.has(r.roomId))
      await db.shopRooms.bulkDelete(gone.map((r) => r.key))
    }
    await putFact(db, roomsReadFactKey(origin), { at: now, listPath: p.listPath, total: p.total, complete: p.complete }, now)
  })
  // The covers queued are measured after the answer (routes/shop-rooms.ts starts the run).
  return shopRoomsView(db, origin, now)
}

/** Figures at a reading: a new record when they changed since the room's latest, else the latest lasts until now. */
async function recordFigures(db: HelperDb, origin: string, roomId: number, status: number, figures: NonNullable<ShopRoomRecord["figures"]>, now: number) {
  const all = await db.roomFigures.where("[shopOrigin+roomId]").equals([origin, roomId]).toArray()
  const latest = all.reduce<(typeof all)[number] | null>((l, r) => (!l || r.at > l.at ? r : l), null)
  if (latest && sameFigures(latest.figures, figures) && latest.status === status) await db.roomFigures.put({ ...latest, lastAt: Math.max(latest.lastAt, now) })
  else await db.roomFigures.add({ shopOrigin: origin, roomId, at: now, lastAt: now, status, figures })
}

export async function shopRoomsView(db: HelperDb, origin: string, now: number): Promise<ShopRoomsView> {
  const [shopRooms, wechatRooms, syncs, readFact] = await Promise.all([
    db.shopRooms.where("shopOrigin").equals(origin).toArray(),
    db.wechatRooms.toArray(),
    db.syncs.where("shopOrigin").equals(origin).toArray(),
    getFact(db, roomsReadFactKey(origin))
  ])
  const fresh = freshness({
    wechatRooms: wechatRooms.map((w) => ({
      roomId: w.roomId,
      liveStatus: w.liveStatus,
      end: w.end,
      firstSeenAt: w.firstSeenAt,
      seenAt: w.seenAt,
      goneAt: w.goneAt ?? null
    })),
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
    coversMeasuring: shopRooms.filter(coverQueued).length,
    wechatSeenAt: wechatRooms.length ? Math.max(...wechatRooms.map((w) => w.seenAt)) : null,
    shopReadAt: readFact?.at ?? null
  }
}
