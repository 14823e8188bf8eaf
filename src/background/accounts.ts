// Mini programs (WeChat accounts) and the HiMall shop each sells for (schema version 5). An
// operator may run two shops and two mini programs in one browser: what the console shows
// belongs to the account its header names, and that account's goods rows are matched to its
// shop's products only. The shop is asked once on the console (`link-shop`) and remembered; with
// a single enabled shop it is linked by itself.
import { goodsKey } from "~core/accounts"
import type { HelperDb, WechatAccountRecord } from "~db/schema"
import type { AccountView, RequestOf } from "~protocol/messages"

/** Shops to choose from: enabled shops with a concrete origin, and the shops products were captured in. */
async function shopOrigins(db: HelperDb): Promise<string[]> {
  const enabled = (await db.shops.toArray()).map((s) => s.origin).filter((o) => !o.includes("*"))
  const captured = (await db.products.orderBy("shopOrigin").uniqueKeys()) as string[]
  return [...new Set([...enabled, ...captured])].sort()
}

function viewOf(a: WechatAccountRecord | undefined, name: string, shops: string[]): AccountView {
  return { name, shopOrigin: a?.shopOrigin ?? null, shops }
}

/**
 * The console showed this account. The first account ever seen takes over the goods and rooms
 * read before accounts were known (they were its). With one enabled shop and no link yet, the
 * account is linked to it; a link to a shop no longer enabled is dropped (asked again).
 */
export async function recordAccount(db: HelperDb, req: RequestOf<"account.seen">, now: number): Promise<AccountView> {
  const shops = await shopOrigins(db)
  return db.transaction("rw", [db.wechatAccounts, db.wechatGoods, db.wechatRooms], async () => {
    const old = await db.wechatAccounts.get(req.name)
    if (!old && (await db.wechatAccounts.count()) === 0) {
      // Goods are keyed by account and link: moved to the account's key (no record of it exists yet).
      const orphans = await db.wechatGoods.filter((g) => g.account == null).toArray()
      await db.wechatGoods.bulkDelete(orphans.map((g) => g.key))
      await db.wechatGoods.bulkPut(orphans.map((g) => ({ ...g, account: req.name, key: goodsKey(req.name, g.url) })))
      await db.wechatRooms.filter((r) => r.account == null).modify({ account: req.name })
    }
    let shopOrigin = old?.shopOrigin ?? null
    let linkedAt = old?.linkedAt ?? null
    if (shopOrigin && !shops.includes(shopOrigin)) shopOrigin = linkedAt = null
    if (!shopOrigin && shops.length === 1) {
      shopOrigin = shops[0]
      linkedAt = now
    }
    const record: WechatAccountRecord = { name: req.name, shopOrigin, firstSeenAt: old?.firstSeenAt ?? now, seenAt: now, linkedAt }
    await db.wechatAccounts.put(record)
    return viewOf(record, req.name, shops)
  })
}

/** The merchant chose the shop this mini program sells for. Null when that shop is not enabled. */
export async function linkAccount(db: HelperDb, req: RequestOf<"account.link">, now: number): Promise<AccountView | null> {
  const shops = await shopOrigins(db)
  if (!shops.includes(req.shopOrigin)) return null
  return db.transaction("rw", db.wechatAccounts, async () => {
    const old = await db.wechatAccounts.get(req.name)
    const record: WechatAccountRecord = { name: req.name, shopOrigin: req.shopOrigin, firstSeenAt: old?.firstSeenAt ?? now, seenAt: now, linkedAt: now }
    await db.wechatAccounts.put(record)
    return viewOf(record, req.name, shops)
  })
}

/**
 * The shop whose products a console page's goods belong to: the account's linked shop; for a
 * page that did not show its account, the only account's. Null: not known (every shop).
 */
export async function shopOfAccount(db: HelperDb, account: string | null | undefined): Promise<string | null> {
  if (account) return (await db.wechatAccounts.get(account))?.shopOrigin ?? null
  const all = await db.wechatAccounts.toArray()
  return all.length === 1 ? all[0].shopOrigin : null
}

/**
 * Do a stored record's account and the page's match? A record or page without an account
 * belongs to the only account (when at most one is known); otherwise names must be equal.
 */
export function sameAccount(recordAccount: string | null | undefined, pageAccount: string | null | undefined, accountsKnown: number): boolean {
  if ((recordAccount ?? null) === (pageAccount ?? null)) return true
  return accountsKnown <= 1 && (recordAccount == null || pageAccount == null)
}
