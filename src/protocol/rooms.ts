// Messages of the WeChat console: qualification, 直播间管理 rooms, room plans and fill-room;
// and the options page's room-plan editor (sender "extension").
import type { QualificationState } from "~core/checklist"
import type { RoomPlanFields, RoomProblem } from "~core/room-rules"
import type { WechatRoomRecord } from "~db/schema"

import { accountName } from "./goods"
import { intIn, isRecord, listOf, text, type ReadOnly, type Senders, type Validator, type Validators } from "./validate"

export type { QualificationState } from "~core/checklist"

/**
 * What a console page shows about it: one of the states, or `listed` — the side menu's 功能
 * group holds 直播 (qualified) on a page that does not show whether it is opened.
 */
export type QualificationSignal = QualificationState | "listed"

/**
 * A room of 直播间管理 as the page shows it (untrusted text): the fields of a stored room
 * (db/schema.ts `WechatRoomRecord`, where each is described) that the list shows; times are the
 * list's local times, and the status's wording is always sent.
 */
export type WechatRoomMessage = Pick<WechatRoomRecord, "roomId" | "name" | "anchorName" | "anchorWechat" | "start" | "end" | "liveStatus" | "coverUrl"> &
  Required<Pick<WechatRoomRecord, "statusText">>

/** The pixel size and bytes of a plan image as made for WeChat. */
export interface PlanImageFacts {
  width: number
  height: number
  bytes: number
}

/** A room plan without its images' bytes (docs/data-model.md, `plans`). */
export interface RoomPlanView extends RoomPlanFields {
  id: number
  shareImage: PlanImageFacts | null
  roomCover: PlanImageFacts | null
  /** Rules the plan breaks now (core/room-rules.ts). */
  problems: RoomProblem[]
  createdAt: number
  updatedAt: number
  usedAt: number | null
  roomId: number | null
}

/** A plan image for the form's file input (JSON messages carry bytes as data URLs). */
export interface PlanImageData extends PlanImageFacts {
  dataUrl: string
  name: string
}

/** In plan.save: keep the stored image, replace it with a picked file, or remove it. */
export type PlanImageInput = { keep: true } | { dataUrl: string } | null

type PlanFit = "contain" | "crop"

export interface PlanSaveRequest extends RoomPlanFields {
  /** null: a new plan. */
  id: number | null
  /** How picked pictures are fitted into WeChat's sizes. */
  fit: PlanFit
  shareImage: PlanImageInput
  roomCover: PlanImageInput
}

export interface RoomsProtocol {
  /** WeChat: what a console page shows about step 一 (qualification); answers the stored state. */
  "qualification.seen": {
    /** `account`: the mini program the header shows, when it does (kept per account too). */
    request: { signal: QualificationSignal; account?: string | null }
    response: { state: QualificationState | null }
  }
  /** WeChat: the rooms 直播间管理 shows; `complete` when the list is whole (no further pages). */
  "rooms.seen": {
    /** `account`: the mini program whose 直播间管理 this is, when the page shows it. */
    request: { rooms: WechatRoomMessage[]; complete: boolean; account?: string | null }
    response: { stored: number; gone: number; linked: number }
  }
  /** WeChat (创建直播间 picker): the saved plans, soonest first, with the rules each breaks now. */
  "plans.list": {
    request: Record<string, never>
    response: { plans: RoomPlanView[] }
  }
  /** WeChat (`pick-plan`): one plan with its images, to fill 创建直播间. */
  "plan.prepare": {
    request: { planId: number }
    response: { plan: RoomPlanView; shareImage: PlanImageData | null; roomCover: PlanImageData | null }
  }
  /** WeChat: a plan was written into 创建直播间 (kept as the plan's `usedAt`). */
  "plan.filled": {
    request: { planId: number; outcome: "ok" | "partial" | "failed" }
    response: { recorded: boolean }
  }
  /** Options: create or update a plan; picked pictures are made to WeChat's sizes here. */
  "plan.save": {
    request: PlanSaveRequest
    response: { plan: RoomPlanView; imageProblems: { shareImage: string | null; roomCover: string | null } }
  }
  /** Options: delete a plan. */
  "plan.delete": {
    request: { id: number }
    response: { deleted: boolean }
  }
}

const MAX_ROOMS_PER_MESSAGE = 500
/** A picked picture as a data URL: 20 MB of bytes is ~27 M characters of base64. */
const MAX_IMAGE_DATA_URL = 28_000_000
const SIGNALS: readonly QualificationSignal[] = ["unqualified", "not_opened", "opened", "listed"]
/** Times: 2000-01-01 … 2100-01-01. */
const MIN_TIME = 946_684_800_000
const MAX_TIME = 4_102_444_800_000

const time = (v: unknown): v is number => intIn(v, MIN_TIME, MAX_TIME)
const optTime = (v: unknown): number | null | undefined => (v === null ? null : time(v) ? v : undefined)
const planId = (v: unknown): v is number => intIn(v, 1, Number.MAX_SAFE_INTEGER)

const roomMessage: Validator<WechatRoomMessage> = (v) => {
  if (!isRecord(v) || !intIn(v.roomId, 1, Number.MAX_SAFE_INTEGER)) return null
  const name = text(v.name, 200)
  const anchorName = text(v.anchorName, 200)
  const statusText = text(v.statusText, 100)
  const anchorWechat = v.anchorWechat === null ? null : text(v.anchorWechat, 200)
  const coverUrl = v.coverUrl === null ? null : text(v.coverUrl)
  const start = optTime(v.start)
  const end = optTime(v.end)
  if (name === null || anchorName === null || statusText === null || start === undefined || end === undefined) return null
  if ((v.anchorWechat !== null && anchorWechat === null) || (v.coverUrl !== null && coverUrl === null)) return null
  if (coverUrl !== null && !/^https?:\/\//i.test(coverUrl)) return null
  if (v.liveStatus !== null && !intIn(v.liveStatus, 101, 107)) return null
  return { roomId: v.roomId, name, anchorName, anchorWechat, start, end, liveStatus: v.liveStatus as number | null, statusText, coverUrl }
}

const imageInput = (v: unknown): PlanImageInput | undefined => {
  if (v === null) return null
  if (!isRecord(v)) return undefined
  if (v.keep === true && Object.keys(v).length === 1) return { keep: true }
  if (
    Object.keys(v).length === 1 &&
    typeof v.dataUrl === "string" &&
    v.dataUrl.length <= MAX_IMAGE_DATA_URL &&
    /^data:[\w.+/-]*(;[\w=.+-]+)*;base64,/.test(v.dataUrl)
  ) {
    return { dataUrl: v.dataUrl }
  }
  return undefined
}

export const roomsValidators: Validators<RoomsProtocol> = {
  "qualification.seen": (v) => {
    if (!isRecord(v) || !SIGNALS.includes(v.signal as QualificationSignal)) return null
    const account = v.account === undefined || v.account === null ? null : accountName(v.account)
    if (v.account != null && account === null) return null
    return { signal: v.signal as QualificationSignal, ...(account ? { account } : {}) }
  },
  "rooms.seen": (v) => {
    if (!isRecord(v) || typeof v.complete !== "boolean") return null
    const rooms = listOf(v.rooms, MAX_ROOMS_PER_MESSAGE, roomMessage)
    if (!rooms) return null
    const account = v.account === undefined || v.account === null ? null : accountName(v.account)
    if (v.account != null && account === null) return null
    return { rooms, complete: v.complete, ...(account ? { account } : {}) }
  },
  "plans.list": (v) => (isRecord(v) ? {} : null),
  "plan.prepare": (v) => (isRecord(v) && planId(v.planId) ? { planId: v.planId } : null),
  "plan.filled": (v) => {
    if (!isRecord(v) || !planId(v.planId)) return null
    if (v.outcome !== "ok" && v.outcome !== "partial" && v.outcome !== "failed") return null
    return { planId: v.planId, outcome: v.outcome }
  },
  "plan.save": (v) => {
    if (!isRecord(v)) return null
    if (v.id !== null && !planId(v.id)) return null
    const title = text(v.title, 200)
    const anchorName = text(v.anchorName, 200)
    const anchorWechat = text(v.anchorWechat, 200)
    const start = optTime(v.start)
    const end = optTime(v.end)
    const shareImage = imageInput(v.shareImage)
    const roomCover = imageInput(v.roomCover)
    if (title === null || anchorName === null || anchorWechat === null || start === undefined || end === undefined) return null
    if (typeof v.allowComment !== "boolean" || (v.fit !== "contain" && v.fit !== "crop")) return null
    if (shareImage === undefined || roomCover === undefined) return null
    return { id: v.id as number | null, title, start, end, anchorName, anchorWechat, allowComment: v.allowComment, fit: v.fit, shareImage, roomCover }
  },
  "plan.delete": (v) => (isRecord(v) && planId(v.id) ? { id: v.id } : null)
}

export const roomsSenders: Senders<RoomsProtocol> = {
  "qualification.seen": "wechat",
  "rooms.seen": "wechat",
  "plans.list": "wechat",
  "plan.prepare": "wechat",
  "plan.filled": "wechat",
  "plan.save": "extension",
  "plan.delete": "extension"
}

/** Messages that change nothing (no badge run after them). */
export const roomsReadOnly: ReadOnly<RoomsProtocol> = { "plans.list": true }
