// Live rooms, live and upcoming first: status, start, anchor, how fresh HiMall's copy is, the
// HiMall cover (thumbnail and state) and what needs doing, with the page that does it.
import { himallUrl, type RoomRow } from "~core/checklist"
import type { HimallArea } from "~core/himall-area"
import { roomKey } from "~core/rooms"
import { t } from "~lib/i18n"
import { formatAgo, formatTime, hostOf } from "~ui/format"
import { useBlobUrl, useRoomCover } from "~ui/use-data"
import { VirtualList } from "~ui/VirtualList"

import { PageLink } from "./Checklist"
import { EmptyCard } from "./EmptyCard"
import { ExportRoomFigures, RoomResults } from "./RoomResults"
import { RoomGoodsLine } from "./RoomGoodsLine"

/** The status in words; an unknown one says so (with the page's own wording when there was one). */
function statusText(code: number | null, pageWording?: string): string {
  if (code === null) return pageWording?.trim() ? t("popup_room_status_unknown_as", pageWording.trim().slice(0, 40)) : t("popup_room_status_unknown")
  // HiMall's status could be read neither as a code nor as words (background/shop-rooms.ts UNKNOWN_STATUS).
  if (code === -1) return t("room_figures_unknown")
  const text = t(`popup_room_status_${code}`)
  return text === `popup_room_status_${code}` ? String(code) : text
}

function safeImageUrl(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    const u = new URL(url)
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null
  } catch {
    return null
  }
}

/** HiMall's cover when it has one; else the 750×750 cover the extension made, not uploaded yet. */
function CoverThumb({ row }: { row: RoomRow }) {
  const made = useRoomCover(row.shop ? row.shop.key : null)
  const madeUrl = useBlobUrl(made?.blob)
  const himall = safeImageUrl(row.shop?.coverUrl)
  if (himall) return <img className="lh-thumb" src={himall} alt="" loading="lazy" referrerPolicy="no-referrer" data-lh-thumb="himall" />
  if (madeUrl) return <img className="lh-thumb" src={madeUrl} alt="" data-lh-thumb="made" />
  return (
    <span className="lh-thumb lh-thumb-none" data-lh-thumb="none">
      {t("popup_room_no_cover")}
    </span>
  )
}

function coverText(row: RoomRow): string {
  const s = row.shop
  if (row.cover === "ok") return s?.coverWidth ? t("popup_room_cover_size", [String(s.coverWidth), String(s.coverHeight)]) : t("popup_room_cover_ok")
  if (row.cover === "size") return t("popup_room_cover_bad_size", [String(s?.coverWidth), String(s?.coverHeight)])
  if (row.cover === "missing") return t("popup_room_cover_missing")
  return t("popup_room_cover_not_synced")
}

function RoomRowView({
  row,
  rows,
  now,
  roomsPage,
  areas
}: {
  row: RoomRow
  rows: readonly RoomRow[]
  now: number
  roomsPage: string
  areas: Record<string, HimallArea>
}) {
  const origin = row.shop?.shopOrigin ?? Object.keys(areas)[0]
  const himall = origin ? himallUrl(origin, "live", areas[origin] ?? "Admin") : null
  const live = row.group === "live"
  return (
    <div
      className={`lh-room lh-room-${row.group}`}
      data-lh-popup-room={row.roomId}
      data-lh-room-group={row.group}
      data-lh-room-status={row.status ?? "unknown"}>
      <CoverThumb row={row} />
      <div className="lh-product-text">
        <div className="lh-room-head">
          <span className={`lh-badge lh-room-status${live ? " lh-status-live" : ""}`}>{statusText(row.status, row.wechat?.statusText)}</span>{" "}
          <span className="lh-product-name" title={row.name}>
            {row.name}
          </span>
        </div>
        <div className="lh-muted">
          <span data-lh-room-start={row.start == null ? "unknown" : String(row.start)}>
            {t("popup_room_start", row.start == null ? t("popup_room_time_unknown") : formatTime(row.start))}
          </span>
          {" · "}
          {t("popup_room_anchor", row.anchorName || "—")}
        </div>
        <div className="lh-muted" data-lh-room-sync={row.syncedAt ? "seen" : "none"}>
          {row.syncedAt ? t("popup_room_synced", [hostOf(row.shop!.shopOrigin), formatAgo(row.syncedAt, now)]) : t("popup_room_not_in_himall")}
          {" · "}
          <span data-lh-room-cover={row.cover}>{coverText(row)}</span>
        </div>
        {row.todo.map((todo) => (
          <div key={todo} className={todo === "starting_soon" || todo === "sync" || todo === "cover" ? "lh-drift" : "lh-reject"} data-lh-room-todo={todo}>
            {t(`popup_room_todo_${todo}`)}
          </div>
        ))}
        <RoomResults row={row} rows={rows} />
        <RoomGoodsLine roomId={row.roomId} />
        <div className="lh-actions">
          {himall && (row.todo.includes("sync") || row.todo.includes("cover") || row.shop) && (
            <PageLink url={himall} label={t("popup_open_himall_live")} className="lh-link" lh="open-himall-live" />
          )}
          <PageLink url={roomsPage} label={t("popup_open_wechat_rooms")} className="lh-link" lh="open-wechat-rooms" />
        </div>
      </div>
    </div>
  )
}

export function RoomsPanel({ rows, now, roomsPage, areas }: { rows: RoomRow[]; now: number; roomsPage: string; areas: Record<string, HimallArea> }) {
  if (rows.length === 0) {
    return (
      <EmptyCard lh="rooms-empty" title={t("popup_rooms_empty_title")} body={t("popup_rooms_empty_body")}>
        <PageLink url={roomsPage} label={t("popup_open_wechat_rooms")} lh="open-wechat-rooms" />
      </EmptyCard>
    )
  }
  return (
    <>
      <ExportRoomFigures rows={rows} />
      <VirtualList
        items={rows}
        getKey={(r) => (r.shop ? r.shop.key : roomKey("wechat", r.roomId))}
        label={t("popup_rooms")}
        height={300}
        estimate={100}
        name="rooms-list"
        renderItem={(r) => <RoomRowView row={r} rows={rows} now={now} roomsPage={roomsPage} areas={areas} />}
      />
    </>
  )
}
