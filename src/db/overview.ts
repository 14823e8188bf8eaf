// The setup at a glance, read side: what core/checklist.ts needs, read from the tables. Used by
// the background (the toolbar badge) and by the popup (inside live queries). Reads only.
import { coverSizeForList, type CoverSize } from "~core/room-covers"
import { pickOwnGoods, type AccountShops } from "~core/accounts"
import { goodsRow, goodsUrlOf, safeWechatUrl, sortGoodsRows, summariseGoods, type GoodsRow, type GoodsSummary, type SetupSnapshot } from "~core/checklist"
import { himallAreaOf, type HimallArea } from "~core/himall-area"
import { isWechatPattern, patternCoversOrigin } from "~core/origins"

import { ENTRANCE_PREFIX, factsUnder, getFact, PAGE_FACT, QUALIFICATION_FACT, ROOMS_READ_PREFIX } from "./facts"
import { groupByUrl, ownGoodsOf } from "./goods"
import { readLeadMinutes } from "./going-live"
import type { GoodsRecord, HelperDb, ProductRecord } from "./schema"
import { GOODS_WRITE_KEY } from "./write-stamp"

/** `facts` keys of the pages the extension last saw (db/facts.ts; recorded by background/after-handled.ts). */

export type ProductGoodsRow = GoodsRow<ProductRecord, GoodsRecord>

/** Each mini program's linked shop (schema v5): goods read under one belong to that shop's products. */
async function accountShops(db: HelperDb): Promise<AccountShops> {
  return new Map((await db.wechatAccounts.toArray()).map((a) => [a.name, a.shopOrigin]))
}

/** Every captured product with its WeChat goods (matched by link and, once known, by the mini program's shop), and every goods row. */
export async function readGoodsRows(db: HelperDb): Promise<{ rows: ProductGoodsRow[]; goods: GoodsRecord[] }> {
  const [products, goods, shops] = await Promise.all([db.products.toArray(), db.wechatGoods.toArray(), accountShops(db)])
  const byUrl = groupByUrl(goods)
  const rows = products.map((p) => goodsRow(p, pickOwnGoods(p.shopOrigin, byUrl.get(goodsUrlOf(p.link)), shops)))
  return { rows, goods }
}

// ---------------------------------------------------------------------------------------------
// The goods overview: counts and the list's first rows, kept by the background (`overview`
// table, key `goods`) so that the popup's first screen and the badge do not read 10,000 products.
// It is current only while nothing was written since: the write stamp (db/write-stamp.ts) is the
// one it was computed with, and the tables' own stamp (counts, newest times: writes from outside
// Dexie) is unchanged.

export const GOODS_OVERVIEW_KEY = "goods"
/** Rows of the list kept in the overview: more than a popup's first window shows. */
export const HEAD_SIZE = 40

/**
 * What the tables look like, from indexes only: a write from outside Dexie changes it. The counts
 * walk the whole table in Chromium's IndexedDB (100,000 products: 50–400 ms on two cores), so the
 * popup's first screen checks only the rest (`quick`): each table's last primary key and newest
 * time, a few seeks whatever the shop's size. Its live queries replace that screen at once, and
 * the background's check (the badge) compares the counts too.
 */
export interface GoodsStamp {
  products: number
  goods: number
  productsUpdatedAt: number | null
  goodsSeenAt: number | null
  productsLastKey: string | null
  goodsLastKey: string | null
}
type QuickStamp = Omit<GoodsStamp, "products" | "goods">

interface StoredGoodsOverview {
  /** The write stamp it was computed after (null: no write stamp yet). */
  write: string | null
  stamp: GoodsStamp
  summary: GoodsSummary
  /** Product keys of the list's first rows, in its order (sortGoodsRows). */
  head: string[]
}

// (`last()` / `first()` / `lastKey()` read one entry through the index; Dexie's `keys()` would walk it all.)
async function readQuickStamp(db: HelperDb): Promise<QuickStamp> {
  const [lastProduct, lastGoods, productsLastKey, goodsLastKey] = await Promise.all([
    db.products.orderBy("updatedAt").last(),
    db.wechatGoods.orderBy("seenAt").last(),
    db.products.toCollection().lastKey(),
    db.wechatGoods.toCollection().lastKey()
  ])
  return {
    productsUpdatedAt: lastProduct?.updatedAt ?? null,
    goodsSeenAt: lastGoods?.seenAt ?? null,
    productsLastKey: typeof productsLastKey === "string" ? productsLastKey : null,
    goodsLastKey: typeof goodsLastKey === "string" ? goodsLastKey : null
  }
}

export async function readGoodsStamp(db: HelperDb): Promise<GoodsStamp> {
  const [products, goods, quick] = await Promise.all([db.products.count(), db.wechatGoods.count(), readQuickStamp(db)])
  return { products, goods, ...quick }
}

function sameStamp(a: QuickStamp & Partial<GoodsStamp>, b: QuickStamp & Partial<GoodsStamp>, counts: boolean): boolean {
  if (counts && (a.products !== b.products || a.goods !== b.goods)) return false
  return (
    a.productsUpdatedAt === b.productsUpdatedAt &&
    a.goodsSeenAt === b.goodsSeenAt &&
    a.productsLastKey === b.productsLastKey &&
    a.goodsLastKey === b.goodsLastKey
  )
}

function writeStampOf(record: { value: unknown } | undefined): string | null {
  return typeof record?.value === "string" ? record.value : null
}

const SUMMARY_FIELDS: readonly (keyof GoodsSummary)[] = [
  "products",
  "none",
  "draft",
  "reviewing",
  "rejected",
  "approved",
  "notInLibrary",
  "drift",
  "libraryRejected"
]

function storedOverview(value: unknown): StoredGoodsOverview | null {
  if (typeof value !== "object" || value === null) return null
  const v = value as Partial<StoredGoodsOverview>
  const s = v.summary as GoodsSummary | undefined
  if (!s || typeof s !== "object" || !SUMMARY_FIELDS.every((f) => typeof s[f] === "number")) return null
  if (!v.stamp || typeof v.stamp !== "object" || !Array.isArray(v.head) || !v.head.every((k) => typeof k === "string")) return null
  if (v.write !== null && typeof v.write !== "string") return null
  return v as StoredGoodsOverview
}

/**
 * The stored overview when it is current; null when missing or stale. Reads only indexes and two
 * records; with `counts` (the background) it also counts both tables.
 */
async function currentOverview(db: HelperDb, counts: boolean): Promise<StoredGoodsOverview | null> {
  const [record, write, stamp] = await Promise.all([
    db.overview.get(GOODS_OVERVIEW_KEY),
    db.overview.get(GOODS_WRITE_KEY),
    counts ? readGoodsStamp(db) : readQuickStamp(db)
  ])
  const stored = storedOverview(record?.value)
  if (!stored || stored.write !== writeStampOf(write) || !sameStamp(stored.stamp, stamp, counts)) return null
  return stored
}

export interface GoodsHead {
  summary: GoodsSummary
  /** The list's first rows (at most HEAD_SIZE), in its order; the rest is read later. */
  rows: ProductGoodsRow[]
}

/**
 * The popup's first screen: the counts and the list's first rows from the stored overview,
 * reading a few dozen records and index ends instead of every product (no count: the time does
 * not grow with the shop); null when the overview is not current
 * (then the whole list is read, readGoodsRows). Reads only.
 */
export async function readGoodsHead(db: HelperDb): Promise<GoodsHead | null> {
  return db.transaction("r", [db.products, db.wechatGoods, db.overview, db.wechatAccounts], async () => {
    const stored = await currentOverview(db, false)
    if (!stored) return null
    const products = await db.products.bulkGet(stored.head)
    if (products.some((p) => !p)) return null
    const goods = await ownGoodsOf(db, products, await accountShops(db))
    return { summary: stored.summary, rows: products.map((p, i) => goodsRow(p!, goods[i] ?? null)) }
  })
}

/**
 * The goods counts for the badge (the background): the stored overview when current, else
 * computed from every product and goods row and stored for the next reader (the popup). The
 * store is skipped when something was written meanwhile (the write stamp moved on).
 */
export async function refreshGoodsOverview(db: HelperDb, now = Date.now()): Promise<GoodsSummary> {
  const current = await db.transaction("r", [db.products, db.wechatGoods, db.overview], () => currentOverview(db, true))
  if (current) return current.summary
  // One snapshot: the rows and the stamps they go with.
  const snap = await db.transaction("r", [db.products, db.wechatGoods, db.overview, db.wechatAccounts], async () => {
    const [read, write, stamp] = await Promise.all([readGoodsRows(db), db.overview.get(GOODS_WRITE_KEY), readGoodsStamp(db)])
    return { ...read, write: writeStampOf(write), stamp }
  })
  const summary = summariseGoods(snap.rows, snap.goods)
  const head = sortGoodsRows(snap.rows)
    .slice(0, HEAD_SIZE)
    .map((r) => r.product.key)
  const value: StoredGoodsOverview = { write: snap.write, stamp: snap.stamp, summary, head }
  await db.transaction("rw", db.overview, async () => {
    if (writeStampOf(await db.overview.get(GOODS_WRITE_KEY)) === snap.write) await db.overview.put({ key: GOODS_OVERVIEW_KEY, value, at: now })
  })
  return summary
}

/** The shops products were captured from: one step of the index per shop, not one per product. */
export async function productOriginsOf(db: HelperDb): Promise<string[]> {
  const origins: string[] = []
  let next = await db.products.orderBy("shopOrigin").first()
  while (next) {
    origins.push(next.shopOrigin)
    next = await db.products.where("shopOrigin").above(next.shopOrigin).first()
  }
  return origins
}

/**
 * Everything but the goods: facts, rooms, syncs, shops, the reminder lead; and the shops the
 * captured products come from (`productOrigins`, from the index: the popup names the shop on
 * each row when there are several).
 */
export async function readSetupBase(db: HelperDb, now: number): Promise<Omit<SetupSnapshot, "goods"> & { hasShopGrant: boolean; productOrigins: string[] }> {
  const [
    shops,
    qualification,
    entrances,
    himallPages,
    wechatGoodsPage,
    wechatRoomsPage,
    wechatRooms,
    shopRooms,
    syncs,
    leadMinutes,
    productOrigins,
    roomsRead
  ] = await Promise.all([
    db.shops.toArray(),
    getFact(db, QUALIFICATION_FACT),
    factsUnder(db, ENTRANCE_PREFIX),
    factsUnder(db, "page|himall|"),
    getFact(db, PAGE_FACT.wechatGoods),
    getFact(db, PAGE_FACT.wechatRooms),
    db.wechatRooms.toArray(),
    db.shopRooms.toArray(),
    db.syncs.orderBy("at").reverse().limit(200).toArray(),
    readLeadMinutes(db),
    productOriginsOf(db),
    factsUnder(db, ROOMS_READ_PREFIX)
  ])

  // Shops are granted host patterns; a wildcard grant (the sandbox build's *.sandbox.test)
  // stands for every shop under it that the extension has seen.
  const concrete = new Set<string>()
  const seenOrigins = new Set<string>([...productOrigins.map(String), ...shopRooms.map((r) => r.shopOrigin), ...entrances.keys(), ...himallPages.keys()])
  for (const s of shops) {
    // Not a shop: WeChat's own hosts (the HiMall script's inert manifest entry shows up as a grant).
    if (isWechatPattern(s.pattern)) continue
    if (!s.origin.includes("*")) concrete.add(s.origin)
    else for (const o of seenOrigins) if (patternCoversOrigin(s.pattern, o)) concrete.add(o)
  }
  const shopList = [...concrete].sort().map((origin) => {
    const url = himallPages.get(origin)?.url
    const area: HimallArea = (url && himallAreaOf(url)) || "Admin"
    return { origin, area }
  })

  const coverWanted: Record<string, CoverSize> = {}
  for (const [origin, read] of roomsRead) coverWanted[origin] = coverSizeForList(read.listPath)
  const lastSync: Record<string, { at: number; ok: boolean }> = {}
  for (const s of syncs) if (!lastSync[s.shopOrigin]) lastSync[s.shopOrigin] = { at: s.at, ok: s.ok }

  return {
    now,
    leadMinutes,
    shops: shopList,
    hasShopGrant: shops.some((s) => !isWechatPattern(s.pattern)),
    productOrigins: productOrigins.map(String),
    qualification: qualification && { ...qualification, url: safeWechatUrl(qualification.url) },
    wechatRooms,
    shopRooms,
    lastSync,
    entrances: Object.fromEntries(entrances),
    coverWanted,
    pages: {
      wechatGoods: safeWechatUrl(wechatGoodsPage?.url),
      wechatRooms: safeWechatUrl(wechatRoomsPage?.url)
    }
  }
}

/** The tables the checklist is read from (one read transaction over them all is faster than one per read). */
export function setupTables(db: HelperDb) {
  return [db.products, db.wechatGoods, db.overview, db.shops, db.facts, db.settings, db.wechatRooms, db.shopRooms, db.syncs, db.wechatAccounts]
}

/**
 * The whole snapshot (the badge, in the background): one read of the tables, with the goods
 * counts from the stored overview; when that is not current, they are computed from every
 * product and stored for the next reader (refreshGoodsOverview).
 */
export async function readSetup(db: HelperDb, now: number): Promise<SetupSnapshot> {
  const [base, current] = await db.transaction("r", setupTables(db), () => Promise.all([readSetupBase(db, now), currentOverview(db, true)]))
  const goods = current?.summary ?? (await refreshGoodsOverview(db, now))
  return { ...base, goods }
}
