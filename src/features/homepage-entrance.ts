// HiMall 小程序 → 首页配置: is there a way for buyers to reach the live rooms? Reads the page
// (a 图文导航 / 图片导航 item linked to 小程序直播, or a 直播间 module; sites/himall/homepage.ts)
// with the saved page asked from the page's own endpoint (HiMall's DIY editor loads it by
// ajax), records the entrance as the fact `entrance|${shopOrigin}` (`entrance.seen`) whenever
// what the page shows changes, and shows a small notice — a warning when there is none, and
// a plain statement when the page is recognised but cannot be read.
import { whenDomChanges } from "~lib/dom/observe"
import { labelText } from "~lib/dom/text"
import { shadowPiece, tone } from "~lib/dom/shadow"
import { HOMEPAGE_ENTRANCE_CSS } from "~lib/dom/sheets/homepage-entrance"
import { t } from "~lib/i18n"
import { sendWithRetry } from "~lib/send-retry"
import { decideEntrance, fetchSavedHomepage, readHomepage, savedPageUrl, type EntranceReading, type SavedHomepage } from "~sites/himall/homepage"

/** The notice: a shadow host whose text is one light-DOM child (the notice's own text for readers). */
function makeNotice() {
  const { host, body } = shadowPiece("div", { "data-lh-notice": "entrance", role: "status" }, HOMEPAGE_ENTRANCE_CSS)
  body.append(document.createElement("slot"))
  host.append(document.createElement("span"))
  return host
}

function noticeText(r: EntranceReading, reading: boolean): string {
  if (r.state === "unknown") return t(reading ? "entrance_reading" : "entrance_unknown")
  if (r.state === "absent") return t("entrance_absent")
  const base = r.kind === "image_nav" ? t("entrance_found_nav", r.name ?? t("entrance_unnamed")) : t("entrance_found_module")
  return r.unsaved ? `${base} ${t("entrance_unsaved")}` : base
}

function render(box: HTMLElement, r: EntranceReading, recorded: boolean | null, reading = false) {
  box.setAttribute("data-lh-entrance", r.state)
  box.setAttribute("data-lh-entrance-kind", r.kind ?? "")
  box.setAttribute("data-lh-entrance-name", r.name ?? "")
  if (recorded != null) box.setAttribute("data-lh-recorded", String(recorded))
  const warn = r.state !== "found"
  tone(box, warn ? "warn" : "ok")
  box.firstElementChild!.textContent = noticeText(r, reading)
}

/** Texts of the editor's save buttons: after one, the saved page is asked for again. */
const SAVE_TEXTS = new Set(["保存", "保存并预览", "保 存"])

export function startHomepageEntrance(signal: AbortSignal) {
  const box = makeNotice()
  let lastKey = ""
  let sending: Promise<unknown> = Promise.resolve()
  /** The saved page from the endpoint (null: none or not read). */
  let saved: SavedHomepage | null = null
  let fetching = 0
  /** DOM changes after a save that still ask for the saved page again. */
  let refetchOnChange = 0
  const endpoint = savedPageUrl(document, location)

  const update = () => {
    if (signal.aborted) return
    if (!box.isConnected) document.body.append(box)
    const reading = decideEntrance(readHomepage(document, saved))
    const key = `${reading.state}|${reading.kind}|${reading.name}|${reading.unsaved}|${fetching > 0}`
    if (key === lastKey) return
    lastKey = key
    render(box, reading, null, fetching > 0)
    // What the page shows, recorded in order; an unreadable page records nothing.
    if (reading.state === "unknown") return
    sending = sending.then(async () => {
      try {
        const { recorded } = await sendWithRetry("entrance.seen", { found: reading.state === "found", name: reading.name, kind: reading.kind }, { signal })
        if (key === lastKey) render(box, reading, recorded)
      } catch (e) {
        if (signal.aborted) return
        console.warn("[HiMall 直播助手] entrance", e)
        if (key === lastKey) render(box, reading, false)
      }
    })
  }

  const refetch = () => {
    if (!endpoint || signal.aborted) return
    fetching++
    void fetchSavedHomepage(endpoint, fetch, signal).then((page) => {
      fetching--
      if (signal.aborted) return
      // A failed read keeps what was read before.
      if (page) saved = page
      update()
    })
  }

  // After 保存, the page's save answers asynchronously: ask again at the next page changes
  // (the editor's confirmation), so that a saved entrance stops showing as unsaved.
  const onClick = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.("button, a, input[type=button], input[type=submit]")
    const text = el instanceof HTMLInputElement ? el.value : el?.textContent
    if (el && !el.closest("[data-lh-notice]") && SAVE_TEXTS.has(labelText(text))) refetchOnChange = 2
  }
  document.addEventListener("click", onClick, { capture: true, signal })

  refetch()
  whenDomChanges(
    document.body,
    () => {
      if (refetchOnChange > 0) {
        refetchOnChange--
        refetch()
      }
      update()
    },
    signal
  )
}
