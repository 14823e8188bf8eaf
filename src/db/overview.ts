// The setup at a glance, read side: what core/checklist.ts needs, read from the tables. Used by
// the background (the toolbar badge) and by the popup (inside live queries). Reads only.
import {
  goodsRow,
  goodsUrlOf,
  himallAreaOf,
  safeWechatUrl,
  summariseGoods,
  type EntranceFact,
  type GoodsRow,
  type GoodsSummary,
  type HimallArea,
  type QualificationFact,
  type SetupSnapshot
} from "~core/checklist"
import { patternCoversOrigin } from "~core/origins"

import { readLeadMinutes } from "./going-live"
import type { GoodsRecord, HelperDb, ProductRecord } from "./schema"

/** `facts` keys of the pages the extension last saw (recorded by the background's router). */
export const PAGE_FACT = {
  wechatGoods: "page|wechat-goods",
  wechatRooms: "page|wechat-rooms",
  himall: (origin: string) => `page|himall|${origin}`
} as const
export const QUALIFICATION_FACT = "qualification"
export const ENTRANCE_PREFIX = "entrance|"

export type ProductGoodsRow = GoodsRow<ProductRecord, GoodsRecord>

/** Every captured product with its WeChat goods (matched by link), and every goods row. */
export async function readGoodsRows(db: HelperDb): Promise<{ rows: ProductGoodsRow[]; goods: GoodsRecord[] }> {
  const [products, goods] = await Promise.all([db.products.toArray(), db.goods.toArray()])
  const byUrl = new Map<string, GoodsRecord>()
  for (const g of goods) byUrl.set(g.url, g)
  const rows = products.map((p) => goodsRow(p, byUrl.get(goodsUrlOf(p.link)) ?? null))
  return { rows, goods }
}

export async function readGoodsSummary(db: HelperDb): Promise<GoodsSummary> {
  const { rows, goods } = await readGoodsRows(db)
  return summariseGoods(rows, goods)
}

function qualificationOf(value: unknown, seenAt: number): QualificationFact | null {
  if (typeof value !== "object" || value === null) return null
  const v = value as { state?: unknown; url?: unknown }
  if (v.state !== "unqualified" && v.state !== "not_opened" && v.state !== "opened") return null
  return { state: v.state, url: safeWechatUrl(v.url), seenAt }
}

function entranceOf(value: unknown, seenAt: number): EntranceFact | null {
  if (typeof value !== "object" || value === null) return null
  const v = value as { found?: unknown; name?: unknown }
  if (typeof v.found !== "boolean") return null
  return { found: v.found, name: typeof v.name === "string" ? v.name : null, seenAt }
}

function urlOf(value: unknown): string | null {
  return typeof value === "object" && value !== null && typeof (value as { url?: unknown }).url === "string" ? (value as { url: string }).url : null
}

function isWechatHost(origin: string): boolean {
  const m = /^https?:\/\/([^/:]+)/.exec(origin)
  return !m || m[1] === "mp.weixin.qq.com" || m[1] === "live.weixin.qq.com"
}

/** Everything but the goods: facts, rooms, syncs, shops, the reminder lead. */
export async function readSetupBase(db: HelperDb, now: number): Promise<Omit<SetupSnapshot, "goods"> & { hasShopGrant: boolean }> {
  const [shops, qualification, entranceFacts, pageFacts, wechatRooms, shopRooms, syncs, leadMinutes, productOrigins] = await Promise.all([
    db.shops.toArray(),
    db.facts.get(QUALIFICATION_FACT),
    db.facts.where("key").startsWith(ENTRANCE_PREFIX).toArray(),
    db.facts.where("key").startsWith("page|").toArray(),
    db.wechatRooms.toArray(),
    db.shopRooms.toArray(),
    db.syncs.orderBy("at").reverse().limit(200).toArray(),
    readLeadMinutes(db),
    db.products.orderBy("shopOrigin").uniqueKeys()
  ])
  const pages = new Map(pageFacts.map((f) => [f.key, f]))

  // Shops are granted host patterns; a wildcard grant (the sandbox build's *.sandbox.test)
  // stands for every shop under it that the extension has seen.
  const concrete = new Set<string>()
  const seenOrigins = new Set<string>([
    ...productOrigins.map(String),
    ...shopRooms.map((r) => r.shopOrigin),
    ...entranceFacts.map((f) => f.key.slice(ENTRANCE_PREFIX.length)),
    ...pageFacts.filter((f) => f.key.startsWith("page|himall|")).map((f) => f.key.slice("page|himall|".length))
  ])
  for (const s of shops) {
    // Not a shop: WeChat's own hosts (the HiMall script's inert manifest entry shows up as a grant).
    if (isWechatHost(s.origin)) continue
    if (!s.origin.includes("*")) concrete.add(s.origin)
    else for (const o of seenOrigins) if (patternCoversOrigin(s.pattern, o)) concrete.add(o)
  }
  const shopList = [...concrete].sort().map((origin) => {
    const url = urlOf(pages.get(PAGE_FACT.himall(origin))?.value)
    const area: HimallArea = (url && himallAreaOf(url)) || "Admin"
    return { origin, area }
  })

  const entrances: Record<string, EntranceFact> = {}
  for (const f of entranceFacts) {
    const e = entranceOf(f.value, f.seenAt)
    if (e) entrances[f.key.slice(ENTRANCE_PREFIX.length)] = e
  }
  const lastSync: Record<string, { at: number; ok: boolean }> = {}
  for (const s of syncs) if (!lastSync[s.shopOrigin]) lastSync[s.shopOrigin] = { at: s.at, ok: s.ok }

  return {
    now,
    leadMinutes,
    shops: shopList,
    hasShopGrant: shops.some((s) => !isWechatHost(s.origin)),
    qualification: qualification ? qualificationOf(qualification.value, qualification.seenAt) : null,
    wechatRooms,
    shopRooms,
    lastSync,
    entrances,
    pages: {
      wechatGoods: safeWechatUrl(urlOf(pages.get(PAGE_FACT.wechatGoods)?.value)),
      wechatRooms: safeWechatUrl(urlOf(pages.get(PAGE_FACT.wechatRooms)?.value))
    }
  }
}

/** The whole snapshot (the badge). */
export async function readSetup(db: HelperDb, now: number): Promise<SetupSnapshot> {
  const [base, goods] = await Promise.all([readSetupBase(db, now), readGoodsSummary(db)])
  return { ...base, goods }
}
