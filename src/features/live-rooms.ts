// HiMall 营销 → 小程序直播: the shop's rooms read from the grid's own list endpoint and stored
// (`shopRooms.seen`), a `sync-now` control beside 获取小程序数据 (warns before syncing often:
// WeChat allows 500 calls a day and HiMall already syncs every 5 minutes), every press of
// 获取小程序数据 recorded with HiMall's answer (`shopRooms.synced`), flags on each room row (no
// cover / not 750×750 / status behind WeChat) and a summary line (rooms WeChat has that HiMall
// lacks, HiMall's own sync seemingly not running).
//
// Collect (sites/himall/live-rooms.ts) → decide (core/freshness.ts, core/room-covers.ts, in the
// background's view) → act (press HiMall's own button) → store (messages). The page keeps only
// what it shows; the background keeps everything else.
import { shadowPiece, tone } from "~lib/dom/shadow"
import { LIVE_ROOMS_BOX_CSS, LIVE_ROOMS_CONTROL_CSS, ROOM_FLAGS_CSS } from "~lib/dom/sheets/live-rooms"
import type { PageState } from "~features/registry"
import { whenDomChanges } from "~lib/dom/observe"
import { errorText, t } from "~lib/i18n"
// From the domain's protocol file, not ~protocol/messages: that would bring every validator into the page.
import { MAX_SHOP_ROOMS_PER_MESSAGE, type ShopRoomsView, type ShopRoomView } from "~protocol/shop-rooms"
import { LIVE_STATUS_TEXT } from "~core/rooms"
import { isSellerPath } from "~core/himall-area"
import { shopRoomFlags, type ShopRoomFlag } from "~core/shop-room-flags"
import { send } from "~lib/send"
import { sendWithRetry } from "~lib/send-retry"
import {
  answerIsSuccess,
  fetchAllRooms,
  fetchRoomContents,
  findCoverDialogs,
  liveProductListUrl,
  liveProductRoomId,
  findRoomGrid,
  gridRowToShopRoom,
  withGridDetails,
  roomIdOf,
  findSyncButton,
  gridSignature,
  liveListUrl,
  readGridRows,
  resolveRoomIds,
  SET_COVER_TEXTS,
  watchForToast,
  type RoomList
} from "~sites/himall/live-rooms"
import { labelText } from "~lib/dom/text"
import { EndpointError } from "~sites/himall/product-endpoint"

import { fetchWith } from "./parts/page-fetch"

/** How long HiMall may take to answer 获取小程序数据 (it calls WeChat). */
const SYNC_ANSWER_TIMEOUT_MS = 30_000
/** Rooms whose 直播商品 are read after a sync (the latest first, as the list gives them). */
const MAX_CONTENT_ROOMS = 50
/** Re-read the list this often while the page is shown (statuses change with time). */
const REFRESH_EVERY_MS = 2 * 60_000

const statusName = (code: number | null) => (code == null ? "" : (LIVE_STATUS_TEXT[code] ?? String(code)))
const clock = (ms: number) => new Date(ms).toLocaleTimeString(chrome.i18n.getUILanguage?.() || "zh-CN", { hour: "2-digit", minute: "2-digit" })
const minutesAgo = (ms: number) => String(Math.max(0, Math.round((Date.now() - ms) / 60_000)))

function button(action: string, text: string, kind: "primary" | "link"): HTMLButtonElement {
  const b = document.createElement("button")
  b.type = "button"
  b.setAttribute("data-lh", action)
  b.textContent = text
  b.className = kind
  return b
}

/**
 * The summary above the grid, or the 直播商品 note: the host, and the element its text goes in —
 * the host itself: its lines are light-DOM children (the box's own text for readers) shown
 * through a slot and styled by the sheet's important `::slotted` rules.
 */
function makeBox(attrs: Record<string, string>) {
  const { host, body } = shadowPiece("div", { ...attrs, role: "status" }, LIVE_ROOMS_BOX_CSS)
  body.append(document.createElement("slot"))
  return { host, body: host }
}

/** A row's flags: badges as light-DOM children of the host (part of the row's own text), through a slot. */
function makeFlags(): HTMLElement {
  const { host, body } = shadowPiece("span", { "data-lh-room-flags": "" }, ROOM_FLAGS_CSS)
  body.append(document.createElement("slot"))
  return host
}

function makeUi() {
  const { host: control, body: controlBody } = shadowPiece("span", { "data-lh-control": "live-rooms" }, LIVE_ROOMS_CONTROL_CSS)
  const syncNow = button("sync-now", t("sync_now"), "primary")
  syncNow.title = t("sync_now_hint")
  const confirm = document.createElement("span")
  confirm.setAttribute("data-lh-confirm", "sync-now")
  confirm.setAttribute("role", "alert")
  confirm.hidden = true
  const confirmText = document.createElement("span")
  const go = button("sync-confirm", t("sync_confirm"), "link")
  const cancel = button("sync-cancel", t("sync_cancel"), "link")
  confirm.append(confirmText, go, cancel)
  const status = document.createElement("span")
  status.setAttribute("role", "status")
  status.setAttribute("data-lh-status", "sync-now")
  tone(status, "busy")
  controlBody.append(syncNow, confirm, status)

  const { host: summary, body: summaryBody } = makeBox({ "data-lh-summary": "live-rooms" })
  summaryBody.textContent = t("live_rooms_reading")
  return { control, syncNow, confirm, confirmText, go, cancel, status, summary, summaryBody }
}

type Ui = ReturnType<typeof makeUi>

// ---------------------------------------------------------------------------------------------
// Flags on the rows

function flagText(flag: ShopRoomFlag, room: ShopRoomView): string {
  switch (flag) {
    case "cover_missing":
      return t("live_flag_cover_missing")
    case "cover_wrong_size":
      return t("live_flag_cover_wrong_size", [
        String(room.coverWidth),
        String(room.coverHeight),
        String(room.coverWanted.width),
        String(room.coverWanted.height)
      ])
    case "cover_unchecked":
      return t("live_flag_cover_unchecked")
    case "stale":
      return t("live_flag_stale", statusName(room.wechatStatus))
  }
}

function renderFlags(cell: HTMLElement, roomId: number | null, room: ShopRoomView | undefined) {
  let box = cell.querySelector<HTMLElement>("[data-lh-room-flags]")
  if (!box) {
    box = makeFlags()
    cell.append(box)
  }
  const inside = box
  const flags = room ? shopRoomFlags(room) : []
  const key = `${roomId ?? ""}|${room?.coverState ?? ""}|${flags.join(" ")}|${room?.coverWidth}x${room?.coverHeight}|${room?.wechatStatus}`
  if (box.getAttribute("data-lh-key") === key) return
  box.setAttribute("data-lh-key", key)
  box.setAttribute("data-lh-room-id", roomId == null ? "" : String(roomId))
  box.setAttribute("data-lh-flags", flags.join(" "))
  box.setAttribute("data-lh-cover-state", room?.coverState ?? "")
  inside.replaceChildren()
  for (const flag of flags) {
    const badge = document.createElement("span")
    badge.setAttribute("data-lh-flag", flag)
    badge.textContent = flagText(flag, room!)
    inside.append(badge)
  }
}

// ---------------------------------------------------------------------------------------------
// The summary

function summaryLines(view: ShopRoomsView): string[] {
  const lines: string[] = []
  const count = (f: (r: ShopRoomView) => boolean) => view.rooms.filter(f).length
  lines.push(
    t("live_rooms_summary", [
      String(view.rooms.length),
      String(count((r) => r.coverState === "missing")),
      String(count((r) => r.coverState === "wrong_size")),
      String(count((r) => r.stale))
    ])
  )
  const f = view.freshness
  if (f.reason === "no_wechat_data") lines.push(t("live_rooms_no_wechat"))
  else if (f.needsSync) lines.push(t("live_rooms_needs_sync"))
  else lines.push(t("live_rooms_in_sync", view.wechatSeenAt ? clock(view.wechatSeenAt) : "—"))
  if (f.staleStatus.length) lines.push(t("live_rooms_stale", String(f.staleStatus.length)))
  if (f.autoSyncSeemsOff) lines.push(t("live_rooms_auto_sync_off"))
  if (f.notBroughtBySync.length) lines.push(t("live_rooms_not_brought", String(f.notBroughtBySync.length)))
  return lines
}

function renderSummary(ui: Ui, view: ShopRoomsView) {
  const s = ui.summary
  const inside = ui.summaryBody
  const f = view.freshness
  s.setAttribute("data-lh-state", "ready")
  s.setAttribute("data-lh-needs-sync", String(f.needsSync))
  s.setAttribute("data-lh-missing", f.missingInShop.join(" "))
  s.setAttribute("data-lh-stale", f.staleStatus.join(" "))
  s.setAttribute("data-lh-auto-sync-off", String(f.autoSyncSeemsOff))
  s.setAttribute("data-lh-reason", f.reason)
  tone(s, f.needsSync ? "warn" : "ok")
  inside.replaceChildren()
  for (const line of summaryLines(view)) {
    const p = document.createElement("div")
    p.textContent = line
    inside.append(p)
  }
  if (view.missing.length) {
    const head = document.createElement("div")
    head.textContent = t("live_rooms_missing", String(view.missing.length))
    inside.append(head)
    for (const m of view.missing) {
      const item = document.createElement("div")
      item.setAttribute("data-lh-missing-room", String(m.roomId))
      item.textContent = t("live_rooms_missing_item", [m.name, String(m.roomId), statusName(m.liveStatus)])
      inside.append(item)
    }
  }
}

function renderSyncStatus(ui: Ui, view: ShopRoomsView) {
  // No 获取小程序数据 on the page: sync-now says why, whatever was synced before.
  if (ui.syncNow.disabled && ui.syncNow.getAttribute("data-lh-state") === "unavailable") return
  const last = view.sync.last
  ui.status.textContent = last
    ? t(last.ok ? "sync_last_ok" : "sync_last_failed", [clock(last.at), view.sync.lastMessage || t("sync_no_answer"), String(view.sync.today)])
    : t("sync_never")
}

// ---------------------------------------------------------------------------------------------
// The page

class LiveRoomsPage {
  view: ShopRoomsView | null = null
  list: RoomList | null = null
  private reading: Promise<void> | null = null
  private again = false
  private syncing: Promise<void> | null = null
  private seenRows = new WeakSet<HTMLTableRowElement>()
  private signature = ""
  refreshTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    readonly ui: Ui,
    readonly listUrl: string,
    readonly signal: AbortSignal
  ) {
    signal.addEventListener("abort", () => this.refreshTimer && clearTimeout(this.refreshTimer), { once: true })
    signal.addEventListener("abort", () => this.measuringTimer && clearTimeout(this.measuringTimer), { once: true })
  }

  private measuringTimer: ReturnType<typeof setTimeout> | null = null

  /** Rows no room could be found for, counted below the summary. */
  /** Rows the last read could not name (told under the summary, drawn again with it). */
  private unnamed = 0

  private showUnnamed(unnamed: number) {
    this.unnamed = unnamed
    if (unnamed) this.ui.summaryBody.append(Object.assign(document.createElement("div"), { textContent: t("live_rooms_rows_unnamed", String(unnamed)) }))
    this.ui.summary.setAttribute("data-lh-unnamed", String(unnamed))
  }

  /** The worker measures new covers after answering: ask the view again (1 s, 2 s, 4 s … 30 s) until none is left, for the rows' flags. */
  private followMeasuring(attempt = 0) {
    if (this.measuringTimer) clearTimeout(this.measuringTimer)
    this.measuringTimer = null
    if (this.signal.aborted || !this.view?.coversMeasuring || attempt >= 12) return
    this.measuringTimer = setTimeout(
      async () => {
        try {
          this.view = await send("shopRooms.view", {})
        } catch (e) {
          return console.warn("[HiMall 直播助手] live rooms view", e)
        }
        if (this.signal.aborted || !this.view) return
        // The summary's counts and the rows' flags; the sync status is left as it is (a sync may be under way).
        renderSummary(this.ui, this.view)
        this.showUnnamed(this.unnamed)
        this.decorate()
        this.followMeasuring(attempt + 1)
      },
      Math.min(1000 * 2 ** attempt, 30_000)
    )
  }

  /** Read the rooms again after `ms` (a later call replaces an earlier one). */
  refreshSoon(ms: number) {
    if (this.signal.aborted) return
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    this.refreshTimer = setTimeout(() => void this.refresh(), ms)
  }

  get listPath() {
    return new URL(this.listUrl).pathname
  }

  /** Read the whole list from the endpoint and store it; one read at a time, one more if asked meanwhile. */
  refresh(): Promise<void> {
    if (this.signal.aborted) return Promise.resolve()
    if (this.reading) {
      this.again = true
      return this.reading
    }
    this.reading = (async () => {
      do {
        this.again = false
        await this.readOnce()
      } while (this.again)
    })().finally(() => (this.reading = null))
    return this.reading
  }

  private async readOnce() {
    let list: RoomList
    try {
      list = await fetchAllRooms(this.listUrl, fetchWith(this.signal))
      if (this.signal.aborted) return
    } catch (e) {
      if (this.signal.aborted) return
      console.warn("[HiMall 直播助手] live rooms list", e)
      if (!(e instanceof EndpointError)) return this.fail(errorText(e), "error")
      // The endpoint cannot be read: what the grid shows is what there is (an incomplete read).
      list = this.gridList()
      if (!list.rooms.length) return this.fail(this.gridRowCount() ? t("live_rooms_rows_unreadable") : t("live_rooms_list_error"), "unreadable")
    }
    // Rows the grid shows that neither the endpoint nor the grid names a room for: told, not dropped silently.
    const unnamed = this.unnamedRows(list)
    // What the endpoint's rows leave unsaid (figures, replay) and the grid shows.
    const grid = findRoomGrid(document)
    if (grid && list.raw.length) {
      const rows = readGridRows(grid)
      list = { ...list, rooms: withGridDetails(list.rooms, rows, resolveRoomIds(rows, list.raw)) }
    }
    try {
      this.list = list
      const rooms = list.rooms.slice(0, MAX_SHOP_ROOMS_PER_MESSAGE)
      this.view = await sendWithRetry("shopRooms.seen", {
        listPath: this.listPath,
        complete: list.complete && rooms.length === list.rooms.length,
        total: list.total,
        rooms
      })
      if (this.signal.aborted) return
      this.render()
      this.showUnnamed(unnamed)
      this.followMeasuring()
    } catch (e) {
      console.warn("[HiMall 直播助手] live rooms", e)
      this.fail(e instanceof EndpointError ? t("live_rooms_list_error") : errorText(e), "error")
    }
  }

  private fail(text: string, state: "error" | "unreadable") {
    this.ui.summary.setAttribute("data-lh-state", state)
    this.ui.summaryBody.textContent = text
  }

  private gridRowCount() {
    const grid = findRoomGrid(document)
    return grid ? readGridRows(grid).length : 0
  }

  /** The rooms as the grid shows them (ids from the rows' own signals), when the endpoint cannot be read. */
  private gridList(): RoomList {
    const grid = findRoomGrid(document)
    const rows = grid ? readGridRows(grid) : []
    const rooms = rows.map((r) => gridRowToShopRoom(r)).filter((r): r is NonNullable<typeof r> => !!r)
    const unique = [...new Map(rooms.map((r) => [r.roomId, r])).values()]
    return { raw: [], rooms: unique, total: unique.length, complete: false }
  }

  private unnamedRows(list: RoomList): number {
    const grid = findRoomGrid(document)
    if (!grid) return 0
    const rows = readGridRows(grid)
    return resolveRoomIds(rows, list.raw).filter((id) => id == null).length
  }

  render() {
    // Nothing is drawn on the page once the feature stopped (an answer arriving late).
    if (this.signal.aborted) return
    if (this.view) {
      renderSummary(this.ui, this.view)
      renderSyncStatus(this.ui, this.view)
    }
    this.decorate()
  }

  /** Room id of each grid row: HiMall's hidden input, else matched against the endpoint's rows. */
  private rowIds() {
    const grid = findRoomGrid(document)
    if (!grid) return []
    const rows = readGridRows(grid)
    const ids = resolveRoomIds(rows, this.list?.raw ?? [])
    return rows.map((row, i) => ({ row, id: ids[i] }))
  }

  decorate() {
    if (!this.view) return
    const byId = new Map(this.view.rooms.map((r) => [r.roomId, r]))
    // Beside 设置封面图 in the 操作 cell (the title cell keeps HiMall's own text).
    for (const { row, id } of this.rowIds()) renderFlags(row.actionsCell ?? row.titleCell, id, id == null ? undefined : byId.get(id))
  }

  /** After a DOM change: a redrawn grid (new rows, other texts) is read again; otherwise only the flags are kept. */
  onDomChange() {
    const grid = findRoomGrid(document)
    if (!grid) return
    const rows = readGridRows(grid)
    const fresh = rows.some((r) => !this.seenRows.has(r.tr))
    rows.forEach((r) => this.seenRows.add(r.tr))
    const sig = gridSignature(rows)
    if (fresh || sig !== this.signature) {
      this.signature = sig
      this.refreshSoon(300)
    }
    this.decorate()
  }

  /** Read every room's 直播商品 list (LiveProductList) and record it, one room after another. */
  async readContents() {
    const listUrl = liveProductListUrl(location)
    const rooms = (this.list?.rooms ?? []).slice(0, MAX_CONTENT_ROOMS)
    if (!listUrl || !rooms.length) return
    let read = 0
    for (const room of rooms) {
      if (this.signal.aborted) return
      try {
        const { items, total, complete } = await fetchRoomContents(listUrl, room.roomId, fetchWith(this.signal))
        if (this.signal.aborted) return
        await sendWithRetry("roomContents.seen", { roomId: room.roomId, complete, total, items: items.slice(0, 2000) }, { signal: this.signal })
        read++
      } catch (e) {
        if (this.signal.aborted) return
        console.warn("[HiMall 直播助手] room contents", room.roomId, e)
      }
    }
    this.ui.summary.setAttribute("data-lh-contents-read", String(read))
  }

  roomIdOfRow(tr: HTMLTableRowElement): number | null {
    return this.rowIds().find((r) => r.row.tr === tr)?.id ?? null
  }

  // -- syncing ---------------------------------------------------------------------------------

  /** 获取小程序数据 was pressed (by sync-now or by the merchant): wait for HiMall's answer, record it, read again. */
  watchSync(): Promise<void> {
    if (this.syncing) return this.syncing
    const ui = this.ui
    ui.syncNow.disabled = true
    ui.syncNow.setAttribute("data-lh-state", "busy")
    ui.status.textContent = t("sync_busy")
    const watch = watchForToast(document, SYNC_ANSWER_TIMEOUT_MS)
    const cancel = () => watch.cancel()
    this.signal.addEventListener("abort", cancel, { once: true })
    this.syncing = (async () => {
      const answer = await watch.answer
      this.signal.removeEventListener("abort", cancel)
      // Stopped while waiting (the page went away, the extension was updated): no answer was seen, none is recorded.
      if (this.signal.aborted) return
      const ok = answerIsSuccess(answer)
      try {
        this.view = await sendWithRetry("shopRooms.synced", { ok, message: answer })
        ui.syncNow.setAttribute("data-lh-state", ok ? "done" : "failed")
        // HiMall has (or has not) copied WeChat's rooms: read its list again.
        await this.refresh()
        this.render()
        // What each room holds, as HiMall's 直播商品 lists it after the sync.
        if (ok) await this.readContents()
      } catch (e) {
        console.warn("[HiMall 直播助手] sync", e)
        ui.syncNow.setAttribute("data-lh-state", "failed")
        ui.status.textContent = errorText(e)
      }
    })().finally(() => {
      this.syncing = null
      ui.syncNow.disabled = false
    })
    return this.syncing
  }

  /** sync-now: warn when syncing often, then press HiMall's own button. */
  async syncNow() {
    const ui = this.ui
    if (this.syncing) return
    const pageButton = findSyncButton(document)
    if (!pageButton) {
      ui.syncNow.setAttribute("data-lh-state", "failed")
      ui.status.textContent = t("sync_button_missing")
      return
    }
    let view: ShopRoomsView | null = null
    try {
      view = await send("shopRooms.view", {})
      this.view = view
    } catch (e) {
      console.warn("[HiMall 直播助手] sync view", e)
    }
    const warning = view?.sync.warning ?? null
    if (warning && view?.sync.last) {
      ui.confirmText.textContent = warning === "recent" ? t("sync_warn_recent", minutesAgo(view.sync.last.at)) : t("sync_warn_many", String(view.sync.today))
      ui.confirm.hidden = false
      ui.confirm.setAttribute("data-lh-warning", warning)
      ui.syncNow.setAttribute("data-lh-state", "confirm")
      return
    }
    this.press(pageButton)
  }

  press(pageButton = findSyncButton(document)) {
    this.ui.confirm.hidden = true
    if (!pageButton || (pageButton as HTMLButtonElement).disabled) {
      this.ui.status.textContent = t(pageButton ? "sync_button_busy" : "sync_button_missing")
      return
    }
    // HiMall's own click handler posts the sync; the click listener below records its answer.
    pageButton.click()
  }
}

export function startLiveRooms(signal: AbortSignal, shared: PageState) {
  const listUrl = liveListUrl(location)
  if (!listUrl) return
  const ui = makeUi()
  const page = new LiveRoomsPage(ui, listUrl, signal)
  ui.syncNow.addEventListener("click", () => void page.syncNow())
  ui.go.addEventListener("click", () => page.press())
  ui.cancel.addEventListener("click", () => {
    ui.confirm.hidden = true
    ui.syncNow.setAttribute("data-lh-state", "idle")
  })

  // Every press of 获取小程序数据 costs WeChat calls: record each one, whoever pressed it.
  document.addEventListener(
    "click",
    (e) => {
      const target = e.target instanceof Element ? e.target : null
      if (!target) return
      const pageButton = findSyncButton(document)
      if (pageButton && pageButton.contains(target) && !(pageButton as HTMLButtonElement).disabled) {
        void page.watchSync()
        return
      }
      const action = target.closest("a, button, [role=button]")
      if (action && SET_COVER_TEXTS.some((s) => labelText(action.textContent) === s)) {
        // The room the action itself names (SetBanner(7,'…')), else its row's.
        const tr = action.closest("tr")
        // The 封面设置 dialog may not say which room it is: make-cover reads it from the page state.
        shared.lastCoverRoomId = roomIdOf(action) ?? (tr ? page.roomIdOfRow(tr) : null)
        return
      }
      // 封面设置's 保存 posts SetBanner and closes the dialog; HiMall does not redraw its grid, so
      // the room's cover flag would wait for the next reading: read the list again once it is saved.
      if (action && findCoverDialogs(document).some((d) => d.root.contains(action))) page.refreshSoon(1500)
    },
    { capture: true, signal }
  )

  whenDomChanges(
    document.body,
    () => {
      if (!ui.control.isConnected) {
        const pageButton = findSyncButton(document)
        const grid = findRoomGrid(document)
        if (pageButton) pageButton.insertAdjacentElement("afterend", ui.control)
        else if (grid) {
          grid.insertAdjacentElement("beforebegin", ui.control)
          ui.syncNow.disabled = true
          ui.syncNow.setAttribute("data-lh-state", "unavailable")
          // HiMall's seller backend draws no 获取小程序数据 (the platform syncs); elsewhere the page changed.
          ui.status.textContent = t(isSellerPath(location.pathname) ? "sync_seller_no_button" : "sync_button_missing")
        }
      }
      if (!ui.summary.isConnected) {
        const grid = findRoomGrid(document)
        if (grid) grid.insertAdjacentElement("beforebegin", ui.summary)
      }
      page.onDomChange()
    },
    signal
  )
  void page.refresh()
  const timer = setInterval(() => {
    if (document.visibilityState === "visible") void page.refresh()
  }, REFRESH_EVERY_MS)
  signal.addEventListener(
    "abort",
    () => {
      clearInterval(timer)
      if (page.refreshTimer) clearTimeout(page.refreshTimer)
      // Everything the feature drew goes with it.
      ui.control.remove()
      ui.summary.remove()
      document.querySelectorAll("[data-lh-room-flags]").forEach((el) => el.remove())
    },
    { once: true }
  )
}

// ---------------------------------------------------------------------------------------------
// 直播商品 (`/{Admin|SellerAdmin}/Live/LiveProduct?roomId=`): what the room holds

/**
 * Read the room's goods from the page's own list endpoint (every page) and record them
 * (`roomContents.seen`); a note above the grid says what was recorded, or why not.
 */
export function startRoomContents(signal: AbortSignal) {
  const listUrl = liveProductListUrl(location)
  if (!listUrl) return
  const { host: note, body: noteBody } = makeBox({ "data-lh-status": "room-contents" })
  noteBody.textContent = t("room_contents_reading")
  let started = false
  const read = async (roomId: number) => {
    try {
      const { items, total, complete } = await fetchRoomContents(listUrl, roomId, fetchWith(signal))
      if (signal.aborted) return
      await sendWithRetry("roomContents.seen", { roomId, complete, total, items: items.slice(0, 2000) }, { signal })
      note.setAttribute("data-lh-state", "recorded")
      note.setAttribute("data-lh-room-id", String(roomId))
      note.setAttribute("data-lh-count", String(items.length))
      noteBody.textContent = t(complete ? "room_contents_recorded" : "room_contents_partial", [String(items.length), String(roomId)])
    } catch (e) {
      if (signal.aborted) return
      console.warn("[HiMall 直播助手] room contents", e)
      note.setAttribute("data-lh-state", "error")
      noteBody.textContent = e instanceof EndpointError ? t("room_contents_error") : errorText(e)
    }
  }
  whenDomChanges(
    document.body,
    () => {
      if (started) return
      const roomId = liveProductRoomId(location, document)
      const grid = document.querySelector("table")
      if (roomId == null || !grid) return
      started = true
      grid.insertAdjacentElement("beforebegin", note)
      void read(roomId)
    },
    signal
  )
  signal.addEventListener("abort", () => note.remove(), { once: true })
}
