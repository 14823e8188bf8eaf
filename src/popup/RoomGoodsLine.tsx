// The popup's room view (issue 11): "12 of 15 planned goods in the room" and which are missing,
// from the room's plan and the room's goods list as last read.
import { useLiveQuery } from "dexie-react-hooks"

import { readRoomCoverage } from "~db/room-goods"
import { getDb } from "~db/schema"
import { t } from "~lib/i18n"

export function RoomGoodsLine({ roomId }: { roomId: number }) {
  const coverage = useLiveQuery(() => readRoomCoverage(getDb(), roomId), [roomId])
  if (!coverage) return null
  if (!coverage.seen) {
    return (
      <div className="lh-muted" data-lh-room-goods={roomId} data-lh-planned={coverage.planned} data-lh-in-room="unknown">
        {t("room_goods_unknown")}
      </div>
    )
  }
  const all = coverage.inRoom === coverage.planned
  return (
    <div className={all ? "lh-muted" : "lh-drift"} data-lh-room-goods={roomId} data-lh-planned={coverage.planned} data-lh-in-room={coverage.inRoom}>
      {t("room_goods_coverage", [String(coverage.inRoom), String(coverage.planned)])}
      {coverage.missing.length > 0 && (
        <span data-lh-room-goods-missing="">
          {" · "}
          {t("room_goods_missing", coverage.missing.map((g) => g.name).join("、"))}
        </span>
      )}
    </div>
  )
}
