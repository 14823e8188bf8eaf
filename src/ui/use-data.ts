// Live views of the database for extension pages (Dexie live queries: they update as soon as
// the background writes). The popup's first screen is read once, as its page starts drawing
// (`Seed`, popup/first-screen.ts); its live queries start once that screen is drawn.
import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useMemo, useState } from "react"

import { buildChecklist, sortGoodsRows, summariseGoods, type Checklist, type GoodsSummary } from "~core/checklist"
import { readGoodsHead, readGoodsRows, readSetupBase, type ProductGoodsRow } from "~db/overview"
import { isWechatOrigin } from "~core/origins"
import { getDb, type HelperDb, type NoticeRecord } from "~db/schema"
import { settingsFrom, type SettingValues } from "~db/settings"

export type { ProductGoodsRow } from "~db/overview"

/** A read begun early, and its answer once there (`failed` when it threw: then the live query answers). */
export interface Seed<T> {
  promise: Promise<T>
  value: T | undefined
  failed: boolean
}

export function seed<T>(promise: Promise<T>): Seed<T> {
  const s: Seed<T> = { promise, value: undefined, failed: false }
  promise.then(
    (v) => void (s.value = v),
    (e) => {
      s.failed = true
      console.warn("[himall-live-helper] first read failed", e)
    }
  )
  return s
}

/** How long a first read may take before the live query is asked as well (a stalled read never leaves the popup blank). */
const SEED_PATIENCE_MS = 2000

/**
 * A live query that answers with the seed's value until it is `live` and has answered itself.
 * Without a seed (or with one that failed, or has not answered within SEED_PATIENCE_MS) it is live at once.
 */
function useSeededLiveQuery<T>(querier: () => Promise<T>, start: Seed<T> | undefined, live: boolean): T | undefined {
  const [seeded, setSeeded] = useState<T | undefined>(start?.value)
  const [failed, setFailed] = useState(!!start?.failed)
  useEffect(() => {
    if (!start || start.value !== undefined || start.failed) return
    let mounted = true
    start.promise.then(
      (v) => mounted && setSeeded(v),
      () => mounted && setFailed(true)
    )
    const patience = setTimeout(() => {
      if (start.value !== undefined) return
      console.warn("[himall-live-helper] first read still pending: reading live")
      setFailed(true)
    }, SEED_PATIENCE_MS)
    return () => {
      mounted = false
      clearTimeout(patience)
    }
  }, [start])
  const on = live || !start || failed
  const fresh = useLiveQuery(async () => (on ? querier() : undefined), [on])
  return fresh ?? seeded
}

export interface GoodsOverview {
  /** Captured products with their WeChat goods, what needs the merchant first: all of them when `complete`, else the list's first rows. */
  rows: ProductGoodsRow[]
  summary: GoodsSummary
  /** `rows` holds every product (else the first rows of the stored overview: the rest is being read). */
  complete: boolean
}

/** Every product, sorted, and the counts (the popup's list once drawn: search, filters, scrolling). */
async function readAllGoods(db: HelperDb): Promise<GoodsOverview> {
  const { rows, goods } = await readGoodsRows(db)
  return { rows: sortGoodsRows(rows), summary: summariseGoods(rows, goods), complete: true }
}

/** The popup's first screen: the stored overview's counts and first rows when current, else every product. */
export async function readFirstGoods(db: HelperDb): Promise<GoodsOverview> {
  const head = await readGoodsHead(db)
  return head ? { rows: head.rows, summary: head.summary, complete: false } : readAllGoods(db)
}

/** The products with their goods state and drift, and the counts: the seed's, then every product once `live`. */
export function useGoodsOverview(start?: Seed<GoodsOverview>, live = true): GoodsOverview | undefined {
  return useSeededLiveQuery(() => readAllGoods(getDb()), start, live)
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

export function readBase(db: HelperDb): Promise<SetupBase> {
  return readSetupBase(db, Date.now())
}

/** The five steps and the rooms, from the tables and the goods overview; and what they were read from. */
export function useChecklist(
  goods: GoodsSummary | undefined,
  now: number,
  start?: Seed<SetupBase>,
  live = true
): { checklist: Checklist; base: SetupBase } | undefined {
  const base = useSeededLiveQuery(() => readBase(getDb()), start, live)
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

/** The merchant's preferences, defaults filled in (undefined while loading). */
export function useSettings(): SettingValues | undefined {
  const rows = useLiveQuery(() => getDb().settings.toArray(), [])
  return useMemo(() => (rows ? settingsFrom(rows) : undefined), [rows])
}

/** The enabled HiMall shops. */
export function useShops() {
  return useLiveQuery(async () => (await getDb().shops.orderBy("origin").toArray()).filter((s) => !isWechatOrigin(s.origin)), [])
}

const NOTICES_SHOWN = 5

export function readNotices(db: HelperDb, limit = NOTICES_SHOWN): Promise<NoticeRecord[]> {
  return db.notices.orderBy("at").reverse().limit(limit).toArray()
}

export function useNotices(start?: Seed<NoticeRecord[]>, live = true) {
  return useSeededLiveQuery(() => readNotices(getDb()), start, live)
}
