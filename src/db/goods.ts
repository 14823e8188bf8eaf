// WeChat goods as stored per mini program (`wechatGoods`, schema v8): every record of a link (one
// per account that read it) and a product's own one among them, for the worker and the
// extension's pages alike. Reads only.
import { pickOwnGoods, type AccountShops } from "~core/accounts"
import { goodsUrlOf } from "~core/checklist"

import type { GoodsRecord, HelperDb, ProductRecord } from "./schema"

/** Each mini program's linked shop (null: not linked yet). */
export async function readAccountShops(db: HelperDb): Promise<AccountShops> {
  return new Map((await db.wechatAccounts.toArray()).map((a) => [a.name, a.shopOrigin]))
}

/** Every stored record of these links, by link (one per mini program that read it). */
export async function goodsOfUrls(db: HelperDb, urls: readonly string[]): Promise<Map<string, GoodsRecord[]>> {
  const wanted = [...new Set(urls.filter((u) => u))]
  const map = new Map<string, GoodsRecord[]>()
  if (!wanted.length) return map
  for (const g of await db.wechatGoods.where("url").anyOf(wanted).toArray()) {
    const list = map.get(g.url)
    if (list) list.push(g)
    else map.set(g.url, [g])
  }
  return map
}

/** All records by link. */
export function groupByUrl(goods: readonly GoodsRecord[]): Map<string, GoodsRecord[]> {
  const map = new Map<string, GoodsRecord[]>()
  for (const g of goods) {
    const list = map.get(g.url)
    if (list) list.push(g)
    else map.set(g.url, [g])
  }
  return map
}

/** The link a product's goods are stored under (invalid links as typed). */
export function productGoodsUrl(p: Pick<ProductRecord, "link">): string {
  return goodsUrlOf(p.link)
}

/** Each product's own goods record (`pickOwnGoods`): its shop's mini program's, never another shop's. */
export async function ownGoodsOf(db: HelperDb, products: readonly (ProductRecord | undefined)[], shops?: AccountShops): Promise<(GoodsRecord | undefined)[]> {
  const [byUrl, owners] = await Promise.all([
    goodsOfUrls(
      db,
      products.flatMap((p) => (p ? [productGoodsUrl(p)] : []))
    ),
    shops ?? readAccountShops(db)
  ])
  return products.map((p) => (p ? (pickOwnGoods(p.shopOrigin, byUrl.get(productGoodsUrl(p)), owners) ?? undefined) : undefined))
}
