// HiMall 封面设置 (设置封面图 on 小程序直播): a `make-cover` control that makes a cover of the size
// the dialog asks (建议尺寸750*750 on the platform, 800*640 in the seller backend; 750×750 when
// it says none) as a JPEG ≤ 2 MB (HiMall's upload limit) from an image the merchant picks, or
// from the room's WeChat cover (`make-cover-wechat`), in the background (cached in `roomCovers`),
// and hands it to HiMall the way its own uploader would:
// - HiMall's picture box (no file input in the dialog; its button opens `$.uploadImage`, a file
//   input outside the page): the cover is posted to the shop's upload endpoint as that uploader
//   posts it, and the answered path goes into the box's hidden input and background, so that
//   HiMall's own 保存 (SetBanner) saves it for the room it opened the dialog for;
// - older versions' file input: the file is handed to it as a person choosing it would.
// An uploader it cannot make sense of is said so, and nothing is changed. The merchant presses 保存.
import { shadowPiece, tone } from "~lib/dom/shadow"
import { MAKE_COVER_CSS } from "~lib/dom/sheets/make-cover"
import { coverSizeAccepted, type CoverSize } from "~core/room-covers"
import { readAsDataUrl } from "~lib/data-url"
import { whenDomChanges } from "~lib/dom/observe"
import { dataUrlToFile, setFiles, waitFor } from "~lib/dom/set-value"
import { errorText, t } from "~lib/i18n"
// From the domain's protocol file, not ~protocol/messages: that would bring every validator into the page.
import { MAX_PICKED_IMAGE_BYTES, type RoomCoverAnswer, type RoomCoverProblem, type RoomCoverSource } from "~protocol/shop-rooms"
import { sendWithRetry } from "~lib/send-retry"
import {
  answerIsSuccess,
  dialogErrorText,
  dialogImages,
  findCoverDialogs,
  postToUploader,
  showInPictureBox,
  watchForToast,
  type CoverDialog
} from "~sites/himall/live-rooms"

import type { PageState } from "./registry"

/** How long HiMall's uploader may take to answer. */
const UPLOAD_TIMEOUT_MS = 20_000

type MakeCoverOutcome = "ok" | "failed"

function problemText(problem: RoomCoverProblem): string {
  return t(`make_cover_problem_${problem}`) || t("make_cover_problem_decode_failed")
}

const sizeArgs = (size: CoverSize) => [String(size.width), String(size.height)]

function makePanel(roomId: number | null, size: CoverSize) {
  const { host: root, body } = shadowPiece("div", { "data-lh-control": "make-cover", "data-lh-size": `${size.width}x${size.height}` }, MAKE_COVER_CSS)
  if (roomId != null) root.setAttribute("data-lh-room-id", String(roomId))
  const row = document.createElement("div")
  row.className = "row"
  const make = document.createElement("button")
  make.type = "button"
  make.setAttribute("data-lh", "make-cover")
  make.textContent = t("make_cover", sizeArgs(size))
  make.title = t("make_cover_hint", sizeArgs(size))
  make.className = "primary"
  const file = document.createElement("input")
  file.type = "file"
  file.accept = "image/jpeg,image/png,image/gif,image/webp,image/bmp"
  file.setAttribute("data-lh", "make-cover-file")
  file.setAttribute("aria-label", t("make_cover", sizeArgs(size)))
  file.hidden = true
  const wechat = document.createElement("button")
  wechat.type = "button"
  wechat.setAttribute("data-lh", "make-cover-wechat")
  wechat.textContent = t("make_cover_wechat")
  wechat.disabled = true
  wechat.title = t("make_cover_wechat_unknown")
  const cropLabel = document.createElement("label")
  const crop = document.createElement("input")
  crop.type = "checkbox"
  crop.setAttribute("data-lh", "make-cover-crop")
  cropLabel.append(crop, document.createTextNode(t("make_cover_crop")))
  row.append(make, file, wechat, cropLabel)
  const status = document.createElement("div")
  status.setAttribute("role", "status")
  status.setAttribute("data-lh-status", "make-cover")
  tone(status, "busy")
  body.append(row, status)
  return { root, make, file, wechat, crop, status, size }
}

type Panel = ReturnType<typeof makePanel>

function show(panel: Panel, state: "busy" | MakeCoverOutcome | "idle", text: string) {
  panel.root.setAttribute("data-lh-state", state)
  if (state === "ok" || state === "failed") panel.status.setAttribute("data-lh-outcome", state)
  else panel.status.removeAttribute("data-lh-outcome")
  panel.status.textContent = text
  tone(panel.status, state === "failed" ? "error" : state === "ok" ? "ok" : "busy")
  const busy = state === "busy"
  panel.make.disabled = busy
  panel.wechat.disabled = busy || panel.wechat.getAttribute("data-lh-available") !== "true"
}

/** The dialog as it is now (uploaders redraw themselves). */
const again = (root: HTMLElement): CoverDialog | null => findCoverDialogs(document).find((d) => d.root === root) ?? null

/**
 * Hand the cover to the dialog's own file input. Where the dialog shows the current cover
 * instead of its uploader, its remove control is pressed first (nothing is saved before 保存).
 * Resolves with the URL HiMall answered (the picture the dialog now shows), or why not.
 */
async function upload(root: HTMLElement, file: File, signal: AbortSignal): Promise<{ ok: true; url: string } | { ok: false; reason: string }> {
  let dialog = signal.aborted ? null : again(root)
  if (!dialog) return { ok: false, reason: t("make_cover_dialog_gone") }
  if (!dialog.fileInput && dialog.picture) return uploadToPictureBox(root, file, signal)
  if (!dialog.fileInput && dialog.removeControl) {
    dialog.removeControl.click()
    dialog = await waitFor(
      () => {
        const d = again(root)
        return d?.fileInput ? d : null
      },
      3000,
      { signal }
    )
    if (!dialog) return { ok: false, reason: t("make_cover_no_uploader_after_remove") }
  }
  const input = dialog.fileInput
  if (!input) return { ok: false, reason: t("make_cover_no_uploader") }

  const before = new Set(dialogImages(root))
  const errorBefore = dialogErrorText(root)
  const toast = watchForToast(document, UPLOAD_TIMEOUT_MS)
  const stopWatching = () => toast.cancel()
  signal.addEventListener("abort", stopWatching, { once: true })
  let toastText: string | null | undefined
  void toast.answer.then((v) => (toastText = v))
  if (!setFiles(input, [file])) {
    toast.cancel()
    signal.removeEventListener("abort", stopWatching)
    return { ok: false, reason: t("make_cover_no_uploader") }
  }
  const result = await waitFor<{ ok: true; url: string } | { ok: false; reason: string }>(
    () => {
      const shown = dialogImages(root).find((src) => !before.has(src))
      if (shown) return { ok: true, url: shown }
      const error = dialogErrorText(root)
      if (error && error !== errorBefore) return { ok: false, reason: t("make_cover_upload_refused", error) }
      if (toastText && !answerIsSuccess(toastText)) return { ok: false, reason: t("make_cover_upload_refused", toastText) }
      return null
    },
    UPLOAD_TIMEOUT_MS,
    { interval: 100, signal }
  )
  toast.cancel()
  signal.removeEventListener("abort", stopWatching)
  return result ?? { ok: false, reason: t("make_cover_upload_timeout") }
}

/**
 * HiMall's picture box: post the cover to the shop's upload endpoint as its uploader does, then
 * show the answered path in the box. Nothing in the dialog changes unless HiMall answered a path.
 */
async function uploadToPictureBox(root: HTMLElement, file: File, signal: AbortSignal): Promise<{ ok: true; url: string } | { ok: false; reason: string }> {
  const answer = await postToUploader(location.origin, file, fetch, signal)
  // Stopped meanwhile: the dialog is left as it is.
  if (signal.aborted) return { ok: false, reason: t("make_cover_dialog_gone") }
  if (!answer.ok) return { ok: false, reason: answer.reason ? t("make_cover_upload_refused", answer.reason) : t("make_cover_upload_no_answer") }
  const dialog = again(root)
  if (!dialog) return { ok: false, reason: t("make_cover_dialog_gone") }
  if (!dialog.picture || !showInPictureBox(dialog.picture, answer.path)) return { ok: false, reason: t("make_cover_uploader_unknown") }
  try {
    return { ok: true, url: new URL(answer.path, location.href).toString() }
  } catch {
    return { ok: true, url: answer.path }
  }
}

async function run(panel: Panel, dialogRoot: HTMLElement, roomId: number, source: RoomCoverSource, picked: File | null, signal: AbortSignal) {
  show(panel, "busy", t("make_cover_busy", sizeArgs(panel.size)))
  try {
    let dataUrl: string | null = null
    if (picked) {
      if (picked.size > MAX_PICKED_IMAGE_BYTES) return show(panel, "failed", problemText("image_too_large"))
      if (picked.size === 0) return show(panel, "failed", problemText("image_empty"))
      dataUrl = await readAsDataUrl(picked)
      // Browsers label some files oddly (or not at all): the background sniffs the bytes anyway.
      if (!/^data:image\/(jpeg|jpg|png|gif|webp|bmp);base64,/.test(dataUrl)) dataUrl = dataUrl.replace(/^data:[^,]*,/, "data:image/jpeg;base64,")
    }
    const answer: RoomCoverAnswer = await sendWithRetry("roomCover.make", {
      roomId,
      source,
      dataUrl,
      fit: panel.crop.checked ? "crop" : null,
      width: panel.size.width,
      height: panel.size.height
    })
    if (!answer.ok) return show(panel, "failed", problemText(answer.problem))
    const file = dataUrlToFile(answer.dataUrl, answer.name)
    show(panel, "busy", t("make_cover_uploading", [String(answer.width), String(answer.height), String(Math.round(answer.bytes / 1024))]))
    if (signal.aborted) return
    const uploaded = await upload(dialogRoot, file, signal)
    if (!uploaded.ok) return show(panel, "failed", uploaded.reason)
    const lost = await sendWithRetry("roomCover.uploaded", { roomId, url: uploaded.url }).then(
      () => null,
      (e: unknown) => e
    )
    panel.root.setAttribute("data-lh-uploaded-url", uploaded.url)
    const done = t("make_cover_done", [String(answer.width), String(answer.height), String(Math.round(answer.bytes / 1024))])
    if (lost) console.warn("[HiMall 直播助手] roomCover.uploaded", lost)
    show(panel, "ok", lost ? `${done} ${t("make_cover_not_recorded", errorText(lost))}` : done)
  } catch (e) {
    console.warn("[HiMall 直播助手] make-cover", e)
    show(panel, "failed", errorText(e))
  }
}

async function offerWechat(panel: Panel, roomId: number) {
  try {
    const info = await sendWithRetry("roomCover.info", { roomId }, { delays: [200, 500] })
    panel.wechat.setAttribute("data-lh-available", String(info.wechatCover))
    panel.wechat.disabled = !info.wechatCover || panel.root.getAttribute("data-lh-state") === "busy"
    panel.wechat.title = info.wechatCover ? t("make_cover_wechat_hint", sizeArgs(panel.size)) : t("make_cover_wechat_unknown")
  } catch {
    // Without the extension nothing works anyway; the make button says so when pressed.
  }
}

/** Can make-cover hand a cover to this dialog? A file input, HiMall's picture box, or a remove control that brings a file input back. */
const uploaderUnderstood = (d: CoverDialog) => !!(d.fileInput || d.picture || d.removeControl)

function attach(dialog: CoverDialog, panels: WeakMap<HTMLElement, Panel>, shared: PageState, signal: AbortSignal) {
  let panel = panels.get(dialog.root)
  // HiMall moves its dialog content in and out of the page: a panel left from an earlier opening goes.
  for (const old of dialog.root.querySelectorAll<HTMLElement>('[data-lh-control="make-cover"]')) if (old !== panel?.root) old.remove()
  if (panel?.root.isConnected && dialog.root.contains(panel.root)) return
  if (!panel) {
    const roomId = dialog.roomId ?? shared.lastCoverRoomId
    const size = coverSizeAccepted(dialog.size)
    const made = makePanel(roomId, size)
    panel = made
    panels.set(dialog.root, made)
    const sizeNote = dialog.sizeStated ? t("make_cover_size_asked", sizeArgs(size)) : t("make_cover_size_default")
    if (!uploaderUnderstood(dialog)) {
      made.make.disabled = true
      made.root.setAttribute("data-lh-state", "failed")
      made.status.setAttribute("data-lh-outcome", "failed")
      made.status.setAttribute("data-lh-problem", "uploader_unknown")
      made.status.textContent = t("make_cover_uploader_unknown")
    } else if (roomId == null) {
      made.make.disabled = true
      made.status.textContent = t("make_cover_room_unknown")
    } else {
      show(made, "idle", `${sizeNote} ${t("make_cover_idle")}`)
      void offerWechat(made, roomId)
      made.make.addEventListener("click", () => made.file.click())
      made.file.addEventListener("change", () => {
        const picked = made.file.files?.[0] ?? null
        made.file.value = ""
        if (picked) void run(made, dialog.root, roomId, "picked", picked, signal)
      })
      made.wechat.addEventListener("click", () => void run(made, dialog.root, roomId, "wechat", null, signal))
    }
  }
  // Beside the uploader's caption (建议尺寸…), else after the picture box or the file input, else at the end of the dialog's content.
  if (dialog.caption?.parentElement) dialog.caption.insertAdjacentElement("afterend", panel.root)
  else if (dialog.picture) (dialog.picture.holder.parentElement ?? dialog.picture.holder).insertAdjacentElement("afterend", panel.root)
  else (dialog.fileInput?.parentElement ?? dialog.root).append(panel.root)
}

export function startMakeCover(signal: AbortSignal, shared: PageState) {
  const panels = new WeakMap<HTMLElement, Panel>()
  whenDomChanges(
    document.body,
    () => {
      for (const dialog of findCoverDialogs(document)) attach(dialog, panels, shared, signal)
    },
    signal
  )
  signal.addEventListener("abort", () => document.querySelectorAll('[data-lh-control="make-cover"]').forEach((el) => el.remove()), { once: true })
}
