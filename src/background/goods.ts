// WeChat goods: offering captured products to 添加商品, preparing one (with its cover),
// recording what the 商品库 table shows (state, time, rejection reason) matched to products
// by link, and what was filled (for price drift).
import { parseWechatPrice, priceDrift } from "~core/goods"
import { normalizeLink } from "~core/link"
import { parseAmount } from "~core/price"
import type { GoodsRecord, HelperDb, ProductRecord } from "~db/schema"
import { getSetting } from "~db/settings"
import type { CoverAnswer, GoodsCandidate, GoodsRowMessage, RequestOf, ResponseOf } from "~protocol/messages"

import { goodsKey } from "~core/accounts"
import { goodsOfUrls, ownGoodsOf } from "~db/goods"

import { shopOfAccount } from "./accounts"
import { coverToDataUrl, getCover } from "./covers"

/** The link as WeChat's goods hold it, for matching (invalid links kept as typed). */
export function goodsUrl(link: string): string {
  const n = normalizeLink(link)
  return n.ok ? n.link : link.trim()
}

export function toCandidate(p: ProductRecord, goods: GoodsRecord | undefined): GoodsCandidate {
  const wechat =
    goods ?? (p.lastFill ? { priceLowFen: p.lastFill.priceLowFen, priceHighFen: p.lastFill.priceHighFen, discount: p.lastFill.priceType === 3 } : null)
  return {
    key: p.key,
    shopOrigin: p.shopOrigin,
    productId: p.productId,
    name: p.name,
    priceLowFen: p.priceLowFen,
    priceHighFen: p.priceHighFen,
    link: p.link,
    imageUrl: p.imageUrl,
    ...(p.saleStatus != null ? { saleStatus: p.saleStatus } : {}),
    ...(p.auditStatus != null ? { auditStatus: p.auditStatus } : {}),
    goodsStatus: goods?.status ?? null,
    rejectReason: goods?.rejectReason ?? null,
    drift: priceDrift(p, wechat)
  }
}

const STATUS_ORDER = { none: 0, rejected: 1, draft: 2, reviewing: 3, approved: 4 } as const

export async function candidates(db: HelperDb, req: RequestOf<"goods.candidates">): Promise<ResponseOf<"goods.candidates">> {
  const q = req.query.trim().toLowerCase()
  // The console's mini program sells for one shop: only that shop's products are offered.
  const shop = await shopOfAccount(db, req.account)
  const all = shop ? await db.products.where("shopOrigin").equals(shop).toArray() : await db.products.toArray()
  const matching = q ? all.filter((p) => p.name.toLowerCase().includes(q) || String(p.productId) === q || String(p.productId).startsWith(q)) : all
  const goods = await ownGoodsOf(db, matching)
  const items = matching.map((p, i) => toCandidate(p, goods[i]))
  items.sort(
    (a, b) =>
      STATUS_ORDER[a.goodsStatus ?? "none"] - STATUS_ORDER[b.goodsStatus ?? "none"] ||
      (String(a.productId) === q ? -1 : 0) - (String(b.productId) === q ? -1 : 0) ||
      b.productId - a.productId
  )
  return { total: items.length, items: items.slice(0, req.limit) }
}

export async function prepare(db: HelperDb, req: RequestOf<"goods.prepare">, now = Date.now()): Promise<ResponseOf<"goods.prepare"> | null> {
  const product = await db.products.get(req.productKey)
  if (!product) return null
  const [goods] = await ownGoodsOf(db, [product])
  let cover: CoverAnswer
  if (!product.imageUrl) cover = { ok: false, problem: "image_missing" }
  else {
    const { record, cached } = await getCover(db, product, req.fit ?? (await getSetting(db, "coverFit")), { now })
    cover =
      record.blob && !record.problem
        ? {
            ok: true,
            dataUrl: await coverToDataUrl(record.blob),
            name: `cover-${product.productId}.jpg`,
            width: record.width,
            height: record.height,
            bytes: record.bytes,
            cached
          }
        : { ok: false, problem: record.problem ?? "decode_failed" }
  }
  return { product: toCandidate(product, goods), cover }
}

/** Make covers in the background so that the merchant's pick finds them cached. */
export async function warmCovers(db: HelperDb, keys: string[], now = Date.now()): Promise<number> {
  const products = (await db.products.bulkGet(keys)).filter((p): p is ProductRecord => !!p && !!p.imageUrl)
  const fit = await getSetting(db, "coverFit")
  for (const p of products) {
    try {
      await getCover(db, p, fit, { now })
    } catch (e) {
      console.warn("[himall-live-helper] cover warm-up failed", p.key, e)
    }
  }
  return products.length
}

/** Record the 商品库 rows shown; returns how many match a captured product. */
export async function recordSeen(db: HelperDb, req: RequestOf<"goods.seen">, now = Date.now()): Promise<number> {
  const rows = req.rows
    .map((r) => ({ row: r, url: goodsUrl(r.url), status: r.status ?? (req.shelf === "approved" ? "approved" : null) }))
    .filter((r): r is { row: GoodsRowMessage; url: string; status: NonNullable<GoodsRowMessage["status"]> } => !!r.url && r.status !== null)
  if (rows.length === 0) return 0
  const shop = await shopOfAccount(db, req.account ?? null)
  return db.transaction("rw", [db.wechatGoods, db.products, db.wechatAccounts], async () => {
    // Each mini program keeps its own record of a link. A page that did not name its account
    // writes to the only account's (when one is known), else to the link's one record if there
    // is a single one, else to a record of no account.
    const accounts = await db.wechatAccounts.toArray()
    const account = req.account ?? (accounts.length === 1 ? accounts[0].name : null)
    const known = await goodsOfUrls(
      db,
      rows.map((r) => r.url)
    )
    const writes: GoodsRecord[] = []
    for (const { row, url, status } of rows) {
      const held = known.get(url) ?? []
      const owner = account ?? (held.length === 1 ? (held[0].account ?? null) : null)
      const old = held.find((g) => (g.account ?? null) === owner)
      const price = parseWechatPrice(row.priceText)
      writes.push({
        key: goodsKey(owner, url),
        url,
        ...(owner ? { account: owner } : {}),
        name: row.name.slice(0, 200),
        status,
        statusText: row.statusText.slice(0, 40) || (status === "approved" ? "已入库" : ""),
        rejectReason: status === "rejected" ? (row.rejectReason?.slice(0, 500) ?? old?.rejectReason ?? null) : null,
        priceLowFen: price?.lowFen ?? old?.priceLowFen ?? null,
        priceHighFen: price?.highFen ?? old?.priceHighFen ?? null,
        discount: price?.discount ?? old?.discount ?? false,
        firstSeenAt: old?.firstSeenAt ?? now,
        seenAt: now,
        statusSince: old && old.status === status ? old.statusSince : now
      })
    }
    await db.wechatGoods.bulkPut(writes)
    // Matched to products of the account's shop only (every shop while that is not known).
    const linked = db.products.where("link").anyOf(rows.map((r) => r.url))
    return shop ? linked.filter((p) => p.shopOrigin === shop).count() : linked.count()
  })
}

/** What was written into 添加商品, kept on the product for drift until WeChat's table shows it. */
export async function recordFilled(db: HelperDb, req: RequestOf<"goods.filled">, now = Date.now()): Promise<boolean> {
  const low = parseAmount(req.priceType === 3 ? req.price2 : req.price)
  const high = req.priceType === 2 ? parseAmount(req.price2) : low
  if (!low.ok || !high.ok) return false
  const changed = await db.products.update(req.productKey, {
    lastFill: { at: now, outcome: req.outcome, priceType: req.priceType, priceLowFen: low.fen, priceHighFen: high.fen }
  })
  return changed === 1
}
