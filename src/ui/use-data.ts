// Live views of the database for extension pages (Dexie live queries: they update as soon as
// the background writes).
import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useMemo, useState } from "react"

import { buildChecklist, sortGoodsRows, summariseGoods, type Checklist, type GoodsSummary } from "~core/checklist"
import { readGoodsRows, readSetupBase, type ProductGoodsRow } from "~db/overview"
import { getDb, type SettingRecord } from "~db/schema"

export type { ProductGoodsRow } from "~db/overview"

export interface GoodsOverview {
  /** Every captured product with its WeChat goods, what needs the merchant first. */
  rows: ProductGoodsRow[]
  summary: GoodsSummary
}

/** Every captured product with its goods state and drift, and the counts. */
export function useGoodsOverview(): GoodsOverview | undefined {
  const data = useLiveQuery(() => readGoodsRows(getDb()), [])
  return useMemo(() => (data ? { rows: sortGoodsRows(data.rows), summary: summariseGoods(data.rows, data.goods) } : undefined), [data])
}

/** The current time, moving every `everyMs` (relative times, rooms that start). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(id)
  }, [everyMs])
  return now
}

export type SetupBase = Awaited<ReturnType<typeof readSetupBase>>

/** The five steps and the rooms, from the tables and the goods overview; and what they were read from. */
export function useChecklist(goods: GoodsSummary | undefined, now: number): { checklist: Checklist; base: SetupBase } | undefined {
  const base = useLiveQuery(() => readSetupBase(getDb(), Date.now()), [])
  return useMemo(() => (base && goods ? { checklist: buildChecklist({ ...base, now, goods }), base } : undefined), [base, goods, now])
}

/** A stored Blob as an object URL for an <img>, revoked when it changes or the view goes. */
export function useBlobUrl(blob: Blob | null | undefined): string | null {
  const url = useMemo(() => (blob && blob.size > 0 ? URL.createObjectURL(blob) : null), [blob])
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url])
  return url
}

/** A product's WeChat cover as made by the background (null: none made, or it failed). */
export function useCover(productKey: string) {
  return useLiveQuery(() => getDb().covers.get(productKey), [productKey])
}

export function useRoomCover(key: string | null) {
  return useLiveQuery(() => (key ? getDb().roomCovers.get(key) : undefined), [key])
}

/** The merchant's preferences by key (undefined while loading). */
export function useSettings(): Record<string, unknown> | undefined {
  const rows = useLiveQuery(() => getDb().settings.toArray(), [])
  return useMemo(() => (rows ? Object.fromEntries(rows.map((r: SettingRecord) => [r.key, r.value])) : undefined), [rows])
}

export function useProductCount() {
  return useLiveQuery(() => getDb().products.count(), [])
}

/** WeChat's own hosts are never shops (Chrome lists the HiMall script's inert manifest match among the grants). */
const isWechatOrigin = (origin: string) => /^https:\/\/(mp|live)\.weixin\.qq\.com(\/|$)/.test(origin)

/** The enabled HiMall shops. */
export function useShops() {
  return useLiveQuery(async () => (await getDb().shops.orderBy("origin").toArray()).filter((s) => !isWechatOrigin(s.origin)), [])
}

export function useNotices(limit = 5) {
  return useLiveQuery(() => getDb().notices.orderBy("at").reverse().limit(limit).toArray(), [limit])
}
