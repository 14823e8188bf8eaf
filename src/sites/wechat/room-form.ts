// WeChat 直播 → 直播间管理 → 创建直播间 (screenshot 09): the form found by its title, its fields
// by their label texts — 直播标题 · 开播时间 (直播开始时间 至 直播结束时间) · 主播昵称 · 主播微信账号 ·
// 允许评论 是/否 · 分享卡片封面 · 直播间封面 — whatever the markup around them, and the fill
// script. Collect first: when a field is missing nothing is written and the report names it.
import type { RoomFormValues } from "~core/room-rules"
import { labelledInputs, radioForText, sectionFor } from "~lib/dom/form"
import { clickChoice, setFiles, setInputValue, waitFor } from "~lib/dom/set-value"
import { isShown } from "~lib/dom/visible"

import { clickableOf, textElements } from "./console"

const ROOM_FORM_TITLE = "创建直播间"
const ROOM_LABELS = {
  title: ["直播标题", "直播间标题", "直播间名称"],
  time: ["开播时间", "直播时间", "计划直播时间"],
  anchorName: ["主播昵称"],
  anchorWechat: ["主播微信账号", "主播微信号"],
  comment: ["允许评论", "评论"],
  shareImage: ["分享卡片封面", "分享卡片图"],
  roomCover: ["直播间封面", "直播间背景墙", "背景图"]
} as const
/** Other labels of the form (they bound the fields' sections too). */
const OTHER_LABELS = ["直播类型", "直播间类型", "主播副号", "官方收录", "商品货架"]

export type RoomFormField = keyof typeof ROOM_LABELS | "start" | "end"

/** The form's own wording of each field (reports speak the page's language). */
export const FIELD_TEXT: Record<RoomFormField, string> = {
  title: "直播标题",
  time: "开播时间",
  start: "直播开始时间",
  end: "直播结束时间",
  anchorName: "主播昵称",
  anchorWechat: "主播微信账号",
  comment: "允许评论",
  shareImage: "分享卡片封面",
  roomCover: "直播间封面"
}

const TEXT_INPUT = "input:not([type]), input[type=text], input[type=search], input[type=tel], input[type=datetime-local], textarea"
const LABEL_LIKE = "label, span, div, p, dt, th, td, b, strong, em, h4, h5, legend"

function labelsIn(scope: ParentNode, texts: readonly string[]): HTMLElement[] {
  return textElements(scope, texts, LABEL_LIKE).filter((el) => !clickableOf(el))
}

/** Open 创建直播间 forms: the smallest element around the title that holds the form's labels. */
export function findRoomForms(root: ParentNode): HTMLElement[] {
  const out: HTMLElement[] = []
  for (const title of textElements(root, [ROOM_FORM_TITLE])) {
    if (clickableOf(title) || !isShown(title)) continue
    let box: HTMLElement | null = title.parentElement
    while (box && !(labelsIn(box, ROOM_LABELS.title).length && labelsIn(box, ROOM_LABELS.anchorName).length)) box = box.parentElement
    if (box && box !== box.ownerDocument.body && box !== box.ownerDocument.documentElement && !out.includes(box)) out.push(box)
  }
  return out
}

/** The row a field's label heads, bounded by every other label of the form (not by one nesting it or nested in it). */
function sectionOfLabel(form: HTMLElement, label: HTMLElement): HTMLElement {
  const others = [...Object.values(ROOM_LABELS).flatMap((texts) => labelsIn(form, texts)), ...labelsIn(form, OTHER_LABELS)].filter(
    (l) => !l.contains(label) && !label.contains(l)
  )
  return sectionFor(form, label, others)
}

function sectionOf(form: HTMLElement, texts: readonly string[]): HTMLElement | null {
  const label = labelsIn(form, texts)[0]
  return label ? sectionOfLabel(form, label) : null
}

/** The text inputs of a field (for= first, else its row's, read-only ones included), in document order. */
function textInputs(form: HTMLElement, texts: readonly string[]): HTMLInputElement[] {
  return labelledInputs(labelsIn(form, texts), (label) => sectionOfLabel(form, label), { selector: TEXT_INPUT, readOnly: true, forMatches: true })
}

/** The radio of a choice (是 / 否): in its label, by for=, or alone next to its text. */
function choiceRadio(section: HTMLElement, text: string): HTMLInputElement | null {
  return radioForText(section, textElements(section, [text], LABEL_LIKE))
}

export interface RoomFormFields {
  title: HTMLInputElement | null
  start: HTMLInputElement | null
  end: HTMLInputElement | null
  /** The 开播时间 row has a single input (a range we cannot write). */
  timeSingle: boolean
  anchorName: HTMLInputElement | null
  anchorWechat: HTMLInputElement | null
  commentYes: HTMLInputElement | null
  commentNo: HTMLInputElement | null
  shareInput: HTMLInputElement | null
  shareSection: HTMLElement | null
  coverInput: HTMLInputElement | null
  coverSection: HTMLElement | null
}

export function collectRoomForm(form: HTMLElement): RoomFormFields {
  const times = textInputs(form, ROOM_LABELS.time)
  let start: HTMLInputElement | null = null
  let end: HTMLInputElement | null = null
  if (times.length >= 2) {
    const ph = (el: HTMLInputElement) => `${el.placeholder} ${el.getAttribute("aria-label") ?? ""}`
    start = times.find((el) => /开始|起始|start/i.test(ph(el))) ?? times[0]
    end = times.find((el) => el !== start && /结束|end/i.test(ph(el))) ?? times.find((el) => el !== start) ?? null
  }
  const commentSection = sectionOf(form, ROOM_LABELS.comment)
  const shareSection = sectionOf(form, ROOM_LABELS.shareImage)
  const coverSection = sectionOf(form, ROOM_LABELS.roomCover)
  return {
    title: textInputs(form, ROOM_LABELS.title)[0] ?? null,
    start,
    end,
    timeSingle: times.length === 1,
    anchorName: textInputs(form, ROOM_LABELS.anchorName)[0] ?? null,
    anchorWechat: textInputs(form, ROOM_LABELS.anchorWechat)[0] ?? null,
    commentYes: commentSection ? choiceRadio(commentSection, "是") : null,
    commentNo: commentSection ? choiceRadio(commentSection, "否") : null,
    shareInput: shareSection?.querySelector<HTMLInputElement>("input[type=file]") ?? null,
    shareSection,
    coverInput: coverSection?.querySelector<HTMLInputElement>("input[type=file]") ?? null,
    coverSection
  }
}

/** The form's wording of every field this fill needs and the form lacks (before anything is written). */
export function missingRoomFields(f: RoomFormFields, needs: { shareImage: boolean; roomCover: boolean }): string[] {
  const missing: string[] = []
  if (!f.title) missing.push(FIELD_TEXT.title)
  if (!f.start || !f.end) missing.push(f.timeSingle ? `${FIELD_TEXT.time}（${FIELD_TEXT.start} 至 ${FIELD_TEXT.end}）` : FIELD_TEXT.time)
  if (!f.anchorName) missing.push(FIELD_TEXT.anchorName)
  if (!f.anchorWechat) missing.push(FIELD_TEXT.anchorWechat)
  if (!f.commentYes || !f.commentNo) missing.push(`${FIELD_TEXT.comment} 是/否`)
  if (needs.shareImage && !f.shareInput) missing.push(FIELD_TEXT.shareImage)
  if (needs.roomCover && !f.coverInput) missing.push(FIELD_TEXT.roomCover)
  return missing
}

export interface RoomFillPlan extends RoomFormValues {
  shareImage: File | null
  roomCover: File | null
}

type RoomStepState = "filled" | "failed" | "skipped"

interface RoomFillStep {
  field: RoomFormField
  state: RoomStepState
  /** The value written (or why not). */
  detail: string
}

export interface RoomFillResult {
  outcome: "ok" | "partial" | "failed"
  steps: RoomFillStep[]
  missing: string[]
}

function imageSources(section: HTMLElement | null): Set<string> {
  return new Set([...(section?.querySelectorAll<HTMLImageElement>("img") ?? [])].map((i) => i.currentSrc || i.src || "").filter(Boolean))
}

/** Hand a file to an uploader and wait for its preview (a new image in its row). */
async function upload(input: HTMLInputElement, section: HTMLElement | null, file: File, timeoutMs: number): Promise<boolean> {
  const before = imageSources(section)
  if (!setFiles(input, [file])) return false
  const shown = await waitFor(() => {
    for (const src of imageSources(section)) if (!before.has(src)) return true
    // Some uploaders show the picture as a background.
    return [...(section?.querySelectorAll<HTMLElement>("[style*='background-image']") ?? [])].some((e) => /url\(/.test(e.style.backgroundImage))
  }, timeoutMs)
  return !!shown
}

/**
 * Write a plan into the form: every field is checked to be there first; then text fields,
 * 允许评论, and the two images (waiting for each uploader's preview); finally each value is
 * read back, since a framework that did not take a value writes its own back at the next render.
 */
export async function fillRoomForm(form: HTMLElement, plan: RoomFillPlan, opts: { uploadTimeoutMs?: number } = {}): Promise<RoomFillResult> {
  const f = collectRoomForm(form)
  const missing = missingRoomFields(f, { shareImage: !!plan.shareImage, roomCover: !!plan.roomCover })
  if (missing.length) return { outcome: "failed", steps: [], missing }

  const steps: RoomFillStep[] = []
  const texts: [RoomFormField, HTMLInputElement, string][] = [
    ["title", f.title!, plan.title],
    ["start", f.start!, plan.startText],
    ["end", f.end!, plan.endText],
    ["anchorName", f.anchorName!, plan.anchorName],
    ["anchorWechat", f.anchorWechat!, plan.anchorWechat]
  ]
  for (const [field, el, value] of texts) steps.push({ field, state: setInputValue(el, value) ? "filled" : "failed", detail: value })
  const radio = plan.allowComment ? f.commentYes! : f.commentNo!
  steps.push({ field: "comment", state: clickChoice(radio) ? "filled" : "failed", detail: plan.allowComment ? "是" : "否" })

  const timeout = opts.uploadTimeoutMs ?? 8000
  for (const [field, input, section, file] of [
    ["shareImage", f.shareInput, f.shareSection, plan.shareImage],
    ["roomCover", f.coverInput, f.coverSection, plan.roomCover]
  ] as const) {
    if (!file) steps.push({ field, state: "skipped", detail: "" })
    else steps.push({ field, state: (await upload(input!, section, file, timeout)) ? "filled" : "failed", detail: file.name })
  }

  // Read back after the framework rendered again (a value it did not take is gone by then).
  await new Promise((r) => setTimeout(r, 50))
  await new Promise((r) => requestAnimationFrame(() => r(null)))
  for (const [field, el, value] of texts) {
    const step = steps.find((s) => s.field === field)!
    if (step.state === "filled" && el.value !== value) step.state = "failed"
  }
  const commentStep = steps.find((s) => s.field === "comment")!
  if (commentStep.state === "filled" && !radio.checked) commentStep.state = "failed"

  const bad = steps.filter((s) => s.state === "failed").length
  const skipped = steps.filter((s) => s.state === "skipped").length
  return { outcome: bad === 0 && skipped === 0 ? "ok" : "partial", steps, missing: [] }
}
