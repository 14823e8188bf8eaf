// A room plan's goods list (issue 11): products picked from the stored ones (search and the
// popup's state filters), in order; each shown as 已入库, in review, rejected, not added, or in
// the room already, and how many more the room can take (WeChat refuses past its cap, 300033).
// Saved at once through `plan.setGoods`; `fill-room-goods` ticks them in WeChat's import.
import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useRef, useState } from "react"

import { planGoodsCounts, ROOM_GOODS_CAP, type PlannedGoodsState } from "~core/room-goods"
import { ownGoodsOf } from "~db/goods"
import { plannedGoods } from "~db/room-goods"
import { getDb } from "~db/schema"
import { t } from "~lib/i18n"
import { send } from "~lib/send"

const FILTERS: ("all" | PlannedGoodsState)[] = ["all", "approved", "reviewing", "rejected", "draft", "none"]
const SEARCH_LIMIT = 20

export function PlanGoods({ planId, onClose }: { planId: number; onClose: () => void }) {
  const [query, setQuery] = useState("")
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("all")
  const [error, setError] = useState("")
  /** The list as last sent, until the database shows it (quick clicks build on it, not on a stale read). */
  const sentKeys = useRef<string[] | null>(null)
  const data = useLiveQuery(async () => {
    const db = getDb()
    const plan = await db.plans.get(planId)
    if (!plan) return null
    const goods = await plannedGoods(db, plan)
    const room = plan.roomId ? await db.roomGoods.get(plan.roomId) : undefined
    return { plan, goods, roomCount: room?.items.length ?? 0 }
  }, [planId])
  const matches = useLiveQuery(async () => {
    const q = query.trim().toLowerCase()
    const db = getDb()
    const products = (await db.products.toArray()).filter((p) => !q || p.name.toLowerCase().includes(q) || String(p.productId).startsWith(q))
    const goods = await ownGoodsOf(db, products)
    return products
      .map((p, i) => ({ p, state: (goods[i]?.status ?? "none") as PlannedGoodsState }))
      .filter((x) => filter === "all" || x.state === filter)
      .slice(0, SEARCH_LIMIT)
  }, [query, filter])
  const stored = data ? data.goods.map((g) => g.productKey) : null
  useEffect(() => {
    if (stored && sentKeys.current && stored.join("\n") === sentKeys.current.join("\n")) sentKeys.current = null
  })
  const storedRef = useRef<string[]>([])
  storedRef.current = stored ?? []
  if (!data) return null
  const keys = sentKeys.current ?? storedRef.current
  /** Change the list from what it is now (as last sent, else as stored), not from this render's copy. */
  const save = async (change: (current: string[]) => string[]) => {
    const next = change(sentKeys.current ?? storedRef.current)
    sentKeys.current = next
    setError("")
    try {
      await send("plan.setGoods", { planId, productKeys: next.slice(0, ROOM_GOODS_CAP) })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  const move = (key: string, d: -1 | 1) =>
    void save((current) => {
      const next = [...current]
      const i = next.indexOf(key)
      if (i < 0 || i + d < 0 || i + d >= next.length) return next
      ;[next[i], next[i + d]] = [next[i + d], next[i]]
      return next
    })
  const counts = planGoodsCounts(data.goods, data.roomCount, ROOM_GOODS_CAP)
  const stateText = (s: PlannedGoodsState, inRoom: boolean) => (inRoom ? t("plan_goods_in_room") : t(`goods_status_${s}`))
  return (
    <div className="lh-plan-goods" data-lh="plan-goods-editor" data-lh-plan-id={String(planId)} aria-label={t("plan_goods_title")}>
      <h3>{t("plan_goods_title")}</h3>
      <p className={counts.capacityLeft < 0 ? "lh-error" : "lh-muted"} data-lh="plan-goods-counts" data-lh-capacity={counts.capacityLeft}>
        {t("plan_goods_counts", [
          String(counts.approved),
          String(counts.reviewing),
          String(counts.rejected),
          String(counts.draft + counts.none),
          String(Math.max(0, counts.capacityLeft))
        ])}
        {counts.capacityLeft < 0 ? ` ${t("plan_goods_over_cap", String(ROOM_GOODS_CAP))}` : ""}
      </p>
      <ol className="lh-plan-goods-list">
        {data.goods.map((g, i) => (
          <li key={g.productKey} data-lh-plan-goods={g.productKey} data-lh-goods-state={g.inRoom ? "in_room" : g.state}>
            <span>{g.name}</span> <span className={g.state === "rejected" ? "lh-error" : "lh-muted"}>{stateText(g.state, g.inRoom)}</span>{" "}
            <button
              type="button"
              className="lh-btn-plain"
              data-lh="plan-goods-up"
              disabled={i === 0}
              onClick={() => move(g.productKey, -1)}
              aria-label={t("plan_goods_up")}>
              ↑
            </button>
            <button
              type="button"
              className="lh-btn-plain"
              data-lh="plan-goods-down"
              disabled={i === keys.length - 1}
              onClick={() => move(g.productKey, 1)}
              aria-label={t("plan_goods_down")}>
              ↓
            </button>
            <button
              type="button"
              className="lh-btn-plain"
              data-lh="plan-goods-remove"
              onClick={() => void save((current) => current.filter((k) => k !== g.productKey))}>
              {t("plan_goods_remove")}
            </button>
          </li>
        ))}
      </ol>
      <div className="lh-plan-goods-pick">
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t("plan_goods_search")}
          aria-label={t("plan_goods_search")}
          data-lh="plan-goods-search"
        />
        <select value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)} data-lh="plan-goods-filter" aria-label={t("plan_goods_filter")}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {f === "all" ? t("plan_goods_filter_all") : t(`goods_status_${f}`)}
            </option>
          ))}
        </select>
        <ul>
          {(matches ?? []).map(({ p, state }) => (
            <li key={p.key}>
              <span>{p.name}</span>{" "}
              <span className="lh-muted">
                ID {p.productId} · {t(`goods_status_${state}`)}
              </span>{" "}
              <button
                type="button"
                className="lh-btn-plain"
                data-lh="plan-goods-add"
                data-lh-product-id={String(p.productId)}
                disabled={keys.includes(p.key) || keys.length >= ROOM_GOODS_CAP}
                onClick={() => void save((current) => (current.includes(p.key) ? current : [...current, p.key]))}>
                {keys.includes(p.key) ? t("plan_goods_added") : t("plan_goods_add")}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {error && (
        <p className="lh-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="lh-btn-plain" data-lh="plan-goods-close" onClick={onClose}>
        {t("plan_goods_close")}
      </button>
    </div>
  )
}
