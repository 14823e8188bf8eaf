// Results after the live (issue 11, HiMall side): an ended room's figures as HiMall's 小程序直播
// grid last showed them (加购人数 · 加购次数 · 支付人数 · 支付订单 · 支付金额), a small bar chart
// of 支付金额 across the shop's recent rooms, whether the room has a replay; and the CSV export
// of every room's figures (UTF-8 with BOM, so that Excel opens the Chinese text).
import type { RoomRow } from "~core/checklist"
import { FIGURE_KEYS, figureBars, figuresCsv, roomEnded, type FigureCsvRow, type FigureKey, type RoomFigures } from "~core/room-figures"
import { t } from "~lib/i18n"
import { downloadFile } from "~ui/download"
import { formatTime, hostOf } from "~ui/format"

/** What the popup reads of a HiMall room beyond the checklist's fields (stored since version 7). */
interface ShopRoomResults {
  shopOrigin: string
  roomId: number
  name: string
  anchorName?: string
  status: number
  start: number | null
  end: number | null
  figures?: RoomFigures | null
  figuresAt?: number | null
  hasReplay?: boolean | null
}

const resultsOf = (row: RoomRow): ShopRoomResults | null => (row.shop ? (row.shop as unknown as ShopRoomResults) : null)

function figureText(key: FigureKey, v: number | null | undefined): string {
  if (v == null) return t("room_figures_unknown")
  return key === "payAmount" ? `￥${v.toFixed(2)}` : String(v)
}

function replayState(v: boolean | null | undefined): "yes" | "no" | "unknown" {
  return v === true ? "yes" : v === false ? "no" : "unknown"
}

/** The figures and replay of an ended room, with its place among the shop's recent rooms. */
export function RoomResults({ row, rows }: { row: RoomRow; rows: readonly RoomRow[] }) {
  const shop = resultsOf(row)
  if (!shop || row.status == null || !roomEnded(row.status)) return null
  const figures = shop.figures ?? null
  const peers = rows
    .map(resultsOf)
    .filter((s): s is ShopRoomResults => !!s && s.shopOrigin === shop.shopOrigin)
    .map((s) => ({ roomId: s.roomId, name: s.name, start: s.start, figures: s.figures }))
  const bars = figures ? figureBars(peers, shop.roomId, "payAmount") : []
  const replay = replayState(shop.hasReplay)
  return (
    <div className="lh-room-results" data-lh-room-figures={shop.roomId} data-lh-figures-known={figures ? "true" : "false"}>
      {figures ? (
        <>
          <div className="lh-figures" style={{ display: "flex", flexWrap: "wrap", gap: "2px 10px" }}>
            {FIGURE_KEYS.map((k) => (
              <span key={k} className="lh-figure" data-lh-figure={k} data-lh-value={figures[k] == null ? "unknown" : String(figures[k])}>
                <span className="lh-muted">{t(`room_figure_${k}`)}</span> <strong>{figureText(k, figures[k])}</strong>
              </span>
            ))}
          </div>
          {shop.figuresAt ? <div className="lh-muted">{t("room_figures_read_at", formatTime(shop.figuresAt))}</div> : null}
          {bars.length > 1 && (
            <div className="lh-bars" data-lh-chart="payAmount" role="img" aria-label={t("room_figures_chart", t("room_figure_payAmount"))}>
              <div className="lh-muted">{t("room_figures_chart", t("room_figure_payAmount"))}</div>
              {bars.map((b) => (
                <div
                  key={b.roomId}
                  className={`lh-bar-row${b.current ? " lh-bar-current" : ""}`}
                  data-lh-bar-room={b.roomId}
                  data-lh-bar-value={b.value ?? "unknown"}
                  style={{ display: "flex", alignItems: "center", gap: 6, fontSize: 11, fontWeight: b.current ? 600 : 400 }}>
                  <span className="lh-bar-name" title={b.name} style={{ width: 90, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                    {b.name}
                  </span>
                  <span className="lh-bar-track" style={{ flex: 1, height: 8, background: "#eef0f3", borderRadius: 2 }}>
                    <span
                      className="lh-bar-fill"
                      style={{
                        display: "block",
                        height: "100%",
                        width: `${Math.round(b.share * 100)}%`,
                        background: b.current ? "#07c160" : "#9fb3c8",
                        borderRadius: 2
                      }}
                    />
                  </span>
                  <span className="lh-bar-value" style={{ width: 70, textAlign: "right" }}>
                    {figureText("payAmount", b.value)}
                  </span>
                </div>
              ))}
            </div>
          )}
        </>
      ) : (
        <div className="lh-muted">{t("room_figures_none")}</div>
      )}
      <div className="lh-muted" data-lh-room-replay={replay}>
        {t(`room_replay_${replay}`)}
      </div>
    </div>
  )
}

/** `YYYY-MM-DD HH:mm`, local time (what a spreadsheet reads as a date). */
function csvTime(ms: number | null | undefined): string {
  if (!ms) return ""
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** Every HiMall room's latest figures as CSV. */
export function roomFiguresCsv(rows: readonly RoomRow[]): string {
  const lines: FigureCsvRow[] = []
  for (const row of rows) {
    const s = resultsOf(row)
    if (!s) continue
    const status = t(`popup_room_status_${s.status}`)
    lines.push({
      shop: hostOf(s.shopOrigin),
      roomId: s.roomId,
      name: s.name,
      anchorName: s.anchorName ?? "",
      status: status.startsWith("popup_room_status_") ? String(s.status) : status,
      start: csvTime(s.start),
      end: csvTime(s.end),
      figures: s.figures ?? null,
      replay: t(`room_replay_csv_${replayState(s.hasReplay)}`),
      readAt: csvTime(s.figuresAt)
    })
  }
  return figuresCsv(t("room_figures_csv_header").split("|"), lines)
}

/** The CSV export button (when any HiMall room is known). */
export function ExportRoomFigures({ rows }: { rows: readonly RoomRow[] }) {
  if (!rows.some((r) => r.shop)) return null
  const stamp = new Date().toISOString().slice(0, 10)
  return (
    <button
      type="button"
      className="lh-link"
      data-lh="export-room-figures"
      onClick={() => downloadFile([roomFiguresCsv(rows)], "text/csv;charset=utf-8", `himall-live-rooms-${stamp}.csv`)}>
      {t("room_figures_export")}
    </button>
  )
}
