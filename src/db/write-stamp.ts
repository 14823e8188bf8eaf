// Every write through Dexie to a table a summary is derived from leaves a new stamp in the
// `overview` table, in the same transaction: `products` or `wechatGoods` (schema v8; `goods` before) → `goods-write`. The goods
// overview (db/overview.ts) carries the stamp it was computed from, so it is never taken for
// current once anything was written since — whichever code path wrote (capture, capture-all,
// 商品库 readings, fills, backup import, clearing), now or added later. A DBCore middleware, so
// that no write path has to remember it. Writes from outside Dexie (a test's raw IndexedDB) are
// caught by the overview's table stamp instead (counts and newest times, db/overview.ts).
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from "dexie"

/** The table of summaries the background derives from other tables (schema version 4). */
const OVERVIEW_TABLE = "overview"
/** The `overview` record holding the stamp of the latest write to products or goods. */
export const GOODS_WRITE_KEY = "goods-write"
/** Watched tables and the stamp a write to each moves on (one map, should another summary come). */
const WATCHED: ReadonlyMap<string, string> = new Map([
  ["products", GOODS_WRITE_KEY],
  ["wechatGoods", GOODS_WRITE_KEY]
])

/** A stamp no other write has: only equality matters. */
function newWriteStamp(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

function holdsOverview(trans: DBCoreTransaction): boolean {
  const names = (trans as unknown as { objectStoreNames?: DOMStringList | string[] }).objectStoreNames
  if (!names) return false
  return typeof (names as DOMStringList).contains === "function"
    ? (names as DOMStringList).contains(OVERVIEW_TABLE)
    : (names as string[]).includes(OVERVIEW_TABLE)
}

export const goodsWriteStamp: Middleware<DBCore> = {
  stack: "dbcore",
  name: "goods-write-stamp",
  create(down) {
    const hasOverview = down.schema.tables.some((t) => t.name === OVERVIEW_TABLE)
    if (!hasOverview) return {}
    // Once per transaction and stamp is enough: it says "written since".
    const stamped = new WeakMap<object, Set<string>>()
    return {
      transaction(stores, mode, options) {
        const widen = mode === "readwrite" && stores.some((s) => WATCHED.has(s)) && !stores.includes(OVERVIEW_TABLE)
        return down.transaction(widen ? [...stores, OVERVIEW_TABLE] : stores, mode, options)
      },
      table(name) {
        const table = down.table(name)
        const key = WATCHED.get(name)
        if (!key) return table
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            const trans = req.trans as unknown as object
            const done = stamped.get(trans) ?? new Set<string>()
            if (!done.has(key) && holdsOverview(req.trans)) {
              done.add(key)
              stamped.set(trans, done)
              // Queued on the same transaction before the write itself: both commit or neither.
              void down
                .table(OVERVIEW_TABLE)
                .mutate({ type: "put", trans: req.trans, values: [{ key, value: newWriteStamp(), at: Date.now() }] })
                .catch(() => undefined)
            }
            return table.mutate(req)
          }
        }
      }
    }
  }
}
