// Live views of the database for extension pages.
import { useLiveQuery } from "dexie-react-hooks"

import { getDb } from "~db/schema"

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
