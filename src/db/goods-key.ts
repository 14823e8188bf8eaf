// The primary key of `wechatGoods` (schema v8) is derived, never chosen: `${account ?? ""}|${url}`
// (`goodsKey`, core/accounts.ts). A DBCore middleware sets it on every record written through
// Dexie (put, add, a modify's put, a backup import), so no write path can store a record under a
// key that disagrees with its account and link.
import type { DBCore, DBCoreMutateRequest, Middleware } from "dexie"

import { goodsKey } from "~core/accounts"

const GOODS_TABLE = "wechatGoods"

function withKey(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v
  const r = v as { account?: unknown; url?: unknown }
  if (typeof r.url !== "string") return v
  return { ...r, key: goodsKey(typeof r.account === "string" ? r.account : null, r.url) }
}

export const goodsKeys: Middleware<DBCore> = {
  stack: "dbcore",
  name: "goods-keys",
  create(down) {
    return {
      table(name) {
        const table = down.table(name)
        if (name !== GOODS_TABLE) return table
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (req.type !== "add" && req.type !== "put") return table.mutate(req)
            const values = req.values.map(withKey)
            // Keys passed along (a modify's put) follow the records' own.
            const keys = req.keys && req.keys.length === values.length ? values.map((v, i) => (v as { key?: unknown }).key ?? req.keys![i]) : req.keys
            return table.mutate({ ...req, values, keys } as DBCoreMutateRequest)
          }
        }
      }
    }
  }
}
