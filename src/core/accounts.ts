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

/** The goods record of a product: the one stored for its link, unless another shop's mini program read it. */
export function ownGoods<G extends { account?: string | null }>(productShop: string, goods: G | null | undefined, shops: AccountShops): G | null {
  return goods && goodsBelongsTo(goods.account, productShop, shops) ? goods : null
}
