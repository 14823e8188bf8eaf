// The WeChat rooms side of the setup: step 一 (qualification) as a fact, the rooms 直播间管理
// shows (wechatRooms, with rooms deleted on WeChat marked gone), and the merchant's room plans
// (plans) with their two images made to WeChat's sizes here, in the worker.
import { floorToMinute, MINUTE_MS, planTime, ROOM_COVER, roomPlanProblems, SHARE_IMAGE } from "~core/room-rules"
import { deleteFacts, getFact, putFact, QUALIFICATION_FACT, qualificationKey } from "~db/facts"
import type { HelperDb, RoomPlanRecord, WechatRoomRecord } from "~db/schema"
import { dataUrlBytes } from "~lib/data-url"
import { makeImage, sniffImageType, type ImageFit, type MakeCoverResult } from "~lib/image/cover"
import type {
  PlanImageData,
  PlanImageFacts,
  PlanImageInput,
  PlanSaveRequest,
  QualificationSignal,
  QualificationState,
  RequestOf,
  ResponseOf,
  RoomPlanView
} from "~protocol/messages"

import { sameAccount } from "./accounts"
import { coverToDataUrl } from "./covers"
import { refreshReminders } from "./reminders"

// ---------------------------------------------------------------------------------------------
// Step 一: qualification

/**
 * Record what a console page showed. A state is stored as seen (with the time); `listed` (the
 * menu holds 直播, opening unknown) never overrides a state, but proves a stored `unqualified`
 * stale, which is then dropped. With the page's account, the same is kept for that mini
 * program (`qualification|${account}`); `qualification` stays the latest reading of any.
 */
export async function recordQualification(
  db: HelperDb,
  signal: QualificationSignal,
  url: string,
  now: number,
  account: string | null = null
): Promise<QualificationState | null> {
  const state = await recordQualificationAt(db, QUALIFICATION_FACT, signal, url, now)
  if (account) await recordQualificationAt(db, qualificationKey(account), signal, url, now)
  return state
}

async function recordQualificationAt(
  db: HelperDb,
  key: typeof QUALIFICATION_FACT | ReturnType<typeof qualificationKey>,
  signal: QualificationSignal,
  url: string,
  now: number
): Promise<QualificationState | null> {
  return db.transaction("rw", db.facts, async () => {
    const current = (await getFact(db, key))?.state ?? null
    if (signal === "listed") {
      if (current === "unqualified") {
        await deleteFacts(db, [key])
        return null
      }
      return current
    }
    await putFact(db, key, { state: signal, url: withoutQuery(url) }, now)
    return signal
  })
}

/** The page's address without query and fragment: MP URLs carry the login session's token. */
export function withoutQuery(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return ""
  }
}

// ---------------------------------------------------------------------------------------------
// 直播间管理

/** Rooms changed: bring what depends on them (reminders) in line. Replaceable in tests. */
export type RoomsChanged = (db: HelperDb, now: number) => Promise<void>

/**
 * Upsert the rooms the list showed. Every row is stored (tolerant reader): a time or status the
 * row did not show readably keeps what was stored before, else stays null (unknown, and shown
 * so); nothing is skipped for it. When the list is complete, stored rooms missing from it get
 * `goneAt` (deleted on WeChat); a room seen again loses it. Plans filled into 创建直播间 are
 * linked to the room they became (same title and start minute).
 */
export async function recordRooms(
  db: HelperDb,
  req: RequestOf<"rooms.seen">,
  now: number,
  changed: RoomsChanged = refreshReminders
): Promise<ResponseOf<"rooms.seen">> {
  const account = req.account ?? null
  const accountsKnown = await db.wechatAccounts.count()
  const result = await db.transaction("rw", db.wechatRooms, db.plans, async () => {
    let stored = 0
    let gone = 0
    let linked = 0
    let dirty = false
    const seen = new Set<number>()
    const existing = new Map((await db.wechatRooms.bulkGet(req.rooms.map((r) => r.roomId))).filter(Boolean).map((r) => [r!.roomId, r!]))
    for (const row of req.rooms) {
      if (seen.has(row.roomId)) continue
      seen.add(row.roomId)
      const old = existing.get(row.roomId)
      const start = row.start ?? old?.start ?? null
      const end = row.end ?? old?.end ?? null
      const liveStatus = row.liveStatus ?? old?.liveStatus ?? null
      const statusText = row.statusText.trim() || old?.statusText || ""
      const record: WechatRoomRecord = {
        roomId: row.roomId,
        ...((account ?? old?.account) ? { account: account ?? old?.account } : {}),
        name: row.name.trim() || old?.name || "",
        anchorName: row.anchorName.trim() || old?.anchorName || "",
        anchorWechat: row.anchorWechat?.trim() || old?.anchorWechat || null,
        start,
        end,
        liveStatus,
        statusText,
        coverUrl: row.coverUrl ?? old?.coverUrl ?? null,
        firstSeenAt: old?.firstSeenAt ?? now,
        seenAt: now,
        goneAt: null
      }
      if (!old || changedRoom(old, record)) dirty = true
      await db.wechatRooms.put(record)
      stored++
    }
    if (req.complete) {
      await db.wechatRooms
        // Only this mini program's rooms: another account's list says nothing about them.
        .filter((r) => r.goneAt == null && !seen.has(r.roomId) && sameAccount(r.account, account, accountsKnown))
        .modify((r) => {
          r.goneAt = now
          gone++
        })
      if (gone) dirty = true
    }
    // Plans filled into 创建直播间 become rooms: link each to its room once the list shows it.
    const open = await db.plans.filter((p) => p.usedAt != null && p.roomId == null).toArray()
    if (open.length) {
      const rooms = await db.wechatRooms.toArray()
      for (const plan of open) {
        const room = rooms.find((r) => r.goneAt == null && sameRoom(plan, r))
        if (!room) continue
        await db.plans.update(plan.id!, { roomId: room.roomId })
        linked++
      }
    }
    return { stored, gone, linked, dirty }
  })
  if (result.dirty) {
    try {
      await changed(db, now)
    } catch (e) {
      console.warn("[rooms] could not refresh reminders", e)
    }
  }
  return { stored: result.stored, gone: result.gone, linked: result.linked }
}

function changedRoom(a: WechatRoomRecord, b: WechatRoomRecord): boolean {
  return (
    a.name !== b.name ||
    a.anchorName !== b.anchorName ||
    a.anchorWechat !== b.anchorWechat ||
    a.start !== b.start ||
    a.end !== b.end ||
    a.liveStatus !== b.liveStatus ||
    a.goneAt !== b.goneAt
  )
}

/** A plan and the room it became: the same title and the same start minute. */
function sameRoom(plan: RoomPlanRecord, room: WechatRoomRecord): boolean {
  if (room.start == null) return false
  return plan.title.trim() === room.name.trim() && Math.abs(floorToMinute(plan.start) - floorToMinute(room.start)) < MINUTE_MS
}

// ---------------------------------------------------------------------------------------------
// Room plans

/** Plans keep 0 for a time not chosen yet (a draft). */

function imageFacts(blob: Blob | null, width: number, height: number): PlanImageFacts | null {
  return blob ? { width, height, bytes: blob.size } : null
}

function planView(p: RoomPlanRecord, now: number): RoomPlanView {
  const start = planTime(p.start)
  const end = planTime(p.end)
  return {
    id: p.id!,
    title: p.title,
    start,
    end,
    anchorName: p.anchorName,
    anchorWechat: p.anchorWechat,
    allowComment: p.allowComment,
    shareImage: imageFacts(p.shareImage, SHARE_IMAGE.width, SHARE_IMAGE.height),
    roomCover: imageFacts(p.roomCover, ROOM_COVER.width, ROOM_COVER.height),
    problems: roomPlanProblems(p, now),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    usedAt: p.usedAt,
    roomId: p.roomId
  }
}

/** Plans, those still to come first (soonest first), then past ones and drafts without a time. */
export async function listPlans(db: HelperDb, now: number): Promise<RoomPlanView[]> {
  const plans = await db.plans.toArray()
  const rank = (p: RoomPlanRecord) => (p.start > now ? 0 : 1)
  plans.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? a.start - b.start : b.updatedAt - a.updatedAt))
  return plans.map((p) => planView(p, now))
}

export async function preparePlan(db: HelperDb, planId: number, now: number): Promise<ResponseOf<"plan.prepare"> | null> {
  const p = await db.plans.get(planId)
  if (!p) return null
  const data = async (blob: Blob | null, name: string, width: number, height: number): Promise<PlanImageData | null> =>
    blob ? { dataUrl: await coverToDataUrl(blob), name, width, height, bytes: blob.size } : null
  return {
    plan: planView(p, now),
    shareImage: await data(p.shareImage, `share-${planId}.jpg`, SHARE_IMAGE.width, SHARE_IMAGE.height),
    roomCover: await data(p.roomCover, `cover-${planId}.jpg`, ROOM_COVER.width, ROOM_COVER.height)
  }
}

export async function recordPlanFilled(db: HelperDb, req: RequestOf<"plan.filled">, now: number): Promise<boolean> {
  if (req.outcome === "failed") return false
  // A plan filled again may become another room: it is linked afresh.
  return (await db.plans.update(req.planId, { usedAt: now, roomId: null })) === 1
}

/** Makes a picked picture into a plan image (the worker's OffscreenCanvas; replaceable in tests). */
export type ImageMaker = (source: Blob, opts: { width: number; height: number; maxBytes: number; fit: ImageFit }) => Promise<MakeCoverResult>

/** The bytes of a base64 data URL (worker-safe: no fetch, no FileReader). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const bytes = dataUrlBytes(dataUrl)
  return new Blob([bytes], { type: sniffImageType(bytes) ?? "application/octet-stream" })
}

async function makePlanImage(
  input: PlanImageInput,
  previous: Blob | null,
  size: { width: number; height: number; maxBytes: number },
  fit: ImageFit,
  make: ImageMaker
): Promise<{ blob: Blob | null; problem: string | null }> {
  if (input === null) return { blob: null, problem: null }
  if ("keep" in input) return { blob: previous, problem: null }
  let source: Blob
  try {
    source = dataUrlToBlob(input.dataUrl)
  } catch {
    return { blob: previous, problem: "image_not_image" }
  }
  const made = await make(source, { ...size, fit })
  return made.ok ? { blob: made.blob, problem: null } : { blob: previous, problem: made.problem }
}

/**
 * Create or update a plan. Broken rules do not stop a save (a draft); they are answered in the
 * plan's `problems`. A picture that cannot be made keeps the plan's previous image and is
 * answered in `imageProblems`. Null when the plan to update does not exist.
 */
export async function savePlan(db: HelperDb, req: PlanSaveRequest, now: number, make: ImageMaker = makeImage): Promise<ResponseOf<"plan.save"> | null> {
  const old = req.id === null ? undefined : await db.plans.get(req.id)
  if (req.id !== null && !old) return null
  // Images first, outside the transaction (decoding and encoding are asynchronous work).
  const share = await makePlanImage(req.shareImage, old?.shareImage ?? null, SHARE_IMAGE, req.fit, make)
  const cover = await makePlanImage(req.roomCover, old?.roomCover ?? null, ROOM_COVER, req.fit, make)
  const record: RoomPlanRecord = {
    ...(old ?? { createdAt: now, usedAt: null, roomId: null }),
    title: req.title.trim(),
    start: req.start ?? 0,
    end: req.end ?? 0,
    anchorName: req.anchorName.trim(),
    anchorWechat: req.anchorWechat.trim(),
    allowComment: req.allowComment,
    shareImage: share.blob,
    roomCover: cover.blob,
    updatedAt: now
  }
  const id = await db.transaction("rw", db.plans, async () => {
    // Deleted meanwhile (the images took a while): not brought back.
    if (req.id !== null && !(await db.plans.get(req.id))) return null
    return (await db.plans.put(record)) as number
  })
  if (id === null) return null
  return { plan: planView({ ...record, id }, now), imageProblems: { shareImage: share.problem, roomCover: cover.problem } }
}

export async function deletePlan(db: HelperDb, id: number): Promise<boolean> {
  return db.transaction("rw", db.plans, async () => {
    if (!(await db.plans.get(id))) return false
    await db.plans.delete(id)
    return true
  })
}
