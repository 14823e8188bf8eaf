// Test data factories: one well-formed object each, with the fields a test cares about overridden.
import { goodsKey } from "~core/accounts"
import type { RawProduct } from "~core/product"
import type { GoodsRecord, ProductRecord } from "~db/schema"

export const SHOP = "https://shop.example.com"
export const PRODUCT_PAGE = `${SHOP}/Admin/Product/Management`

/** A grid row of HiMall's 商品管理 as the collector reads it: 天使旅行箱, 399.00~488.00. */
export function rawProduct(over: Partial<RawProduct> = {}): RawProduct {
  return {
    productId: "19",
    shopId: "1",
    name: "天使旅行箱",
    price: "399.00~488.00",
    link: null,
    imageUrl: "/Storage/Shop/1/Products/19/1_220.png",
    source: "row",
    ...over
  }
}

/** The same product as the database keeps it. */
export function productRecord(over: Partial<ProductRecord> = {}): ProductRecord {
  return {
    key: `${SHOP}|19`,
    shopOrigin: SHOP,
    shopId: 1,
    productId: 19,
    name: "天使旅行箱",
    priceLowFen: 39900,
    priceHighFen: 48800,
    link: "pages/productdetail/productdetail?id=19",
    imageUrl: `${SHOP}/Storage/Shop/1/Products/19/1_220.png`,
    source: "row",
    capturedAt: 1,
    updatedAt: 1,
    priceHistory: [{ lowFen: 39900, highFen: 48800, at: 1 }],
    ...over
  }
}

/** A product's mini program link (`pages/productdetail/productdetail?id=…`). */
export const productLink = (id: number) => `pages/productdetail/productdetail?id=${id}`

/** WeChat's 商品库 record of product `id`: 已入库 at ¥10, keyed by its account (none) and link. */
export function goodsRecord(id: number, over: Partial<GoodsRecord> = {}): GoodsRecord {
  return {
    key: goodsKey(over.account, productLink(id)),
    url: productLink(id),
    name: `商品${id}号`,
    status: "approved",
    statusText: "已入库",
    rejectReason: null,
    priceLowFen: 1000,
    priceHighFen: 1000,
    firstSeenAt: 1,
    seenAt: 1,
    statusSince: 1,
    discount: false,
    ...over
  }
}
