// Live views of the database for extension pages.
import { useLiveQuery } from "dexie-react-hooks"

import { normalizeLink } from "~core/link"
import { getDb, type GoodsRecord, type ProductRecord } from "~db/schema"

export interface ProductWithGoods {
  product: ProductRecord
  /** What WeChat's 商品库 showed for the product's link, when it was last seen there. */
  goods: GoodsRecord | null
}

function goodsKey(link: string): string {
  const n = normalizeLink(link)
  return n.ok ? n.link : link.trim()
}

/** Captured products, newest first, each with its WeChat goods state (matched by link). */
export function useProductsWithGoods(limit = 200) {
  return useLiveQuery(async (): Promise<ProductWithGoods[]> => {
    const db = getDb()
    const products = await db.products.orderBy("updatedAt").reverse().limit(limit).toArray()
    const goods = await db.goods.bulkGet(products.map((p) => goodsKey(p.link)))
    return products.map((product, i) => ({ product, goods: goods[i] ?? null }))
  }, [limit])
}

/** How many goods WeChat's library holds in each state. */
export function useGoodsCounts() {
  return useLiveQuery(async () => {
    const counts = { draft: 0, reviewing: 0, rejected: 0, approved: 0 }
    await getDb().goods.each((g) => void (counts[g.status] += 1))
    return counts
  }, [])
}

export function useProducts(limit = 200) {
  return useLiveQuery(() => getDb().products.orderBy("updatedAt").reverse().limit(limit).toArray(), [limit])
}

export function useProductCount() {
  return useLiveQuery(() => getDb().products.count(), [])
}

export function useShops() {
  return useLiveQuery(() => getDb().shops.orderBy("origin").toArray(), [])
}

export function useNotices(limit = 5) {
  return useLiveQuery(() => getDb().notices.orderBy("at").reverse().limit(limit).toArray(), [limit])
}
