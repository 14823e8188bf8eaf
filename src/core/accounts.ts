// Mini programs (WeChat accounts) and shops: which WeChat goods record is a product's. Pure.
//
// A goods row read on a mini program's 商品库 belongs to the HiMall shop that mini program
// sells for (`wechatAccounts`, schema v5). Records read before accounts were known, or under an
// account not linked yet, are nobody's in particular: they match by link alone, as before.

/** Each known account's linked shop (null: not linked yet). */
export type AccountShops = ReadonlyMap<string, string | null>

/** Is this goods record (read under `goodsAccount`) one of the product's shop's? */
export function goodsBelongsTo(goodsAccount: string | null | undefined, productShop: string, shops: AccountShops): boolean {
  if (!goodsAccount) return true
  const shop = shops.get(goodsAccount)
  return !shop || shop === productShop
}

/**
 * The primary key of a goods record (schema v8, `wechatGoods`): one record per mini program and
 * link, so two mini programs holding the same link (two shops' product 19) keep their own states.
 * An empty account part: read on a page that did not name its account while several were known.
 */
export function goodsKey(account: string | null | undefined, url: string): string {
  return `${account ?? ""}|${url}`
}

/**
 * A product's own goods record among those stored for its link (one per mini program): the ones
 * read under an account linked to the product's shop first, then those of no account or of an
 * account not linked yet (nobody's in particular); the newest reading among equals. Another
 * shop's mini program's record is never the product's.
 */
export function pickOwnGoods<G extends { account?: string | null; seenAt: number }>(
  productShop: string,
  records: readonly G[] | undefined,
  shops: AccountShops
): G | null {
  let best: G | null = null
  let bestRank = -1
  for (const g of records ?? []) {
    if (!goodsBelongsTo(g.account, productShop, shops)) continue
    const rank = g.account && shops.get(g.account) === productShop ? 1 : 0
    if (rank > bestRank || (rank === bestRank && best && g.seenAt > best.seenAt)) {
      best = g
      bestRank = rank
    }
  }
  return best
}
