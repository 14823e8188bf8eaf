// What a live room holds: one product per item, as HiMall's 直播商品 page lists it (or WeChat's
// room goods). Pure rules, no browser API.

/** One product in a live room; a field the source did not give is null. */
export interface RoomContentItem {
  /** HiMall's product id, when known. */
  productId: number | null
  /** WeChat's goods id, when known. */
  goodsId: number | null
  /** The mini-program page of the product (`pages/productdetail/productdetail?id=…`). */
  url: string | null
  name: string
  price: number | null
  image: string | null
}

/** The key of a room's contents record: one per source and room. */
export const roomContentsKey = (source: "himall" | "wechat", shopOrigin: string | null, roomId: number) => `${source}|${shopOrigin ?? ""}|${roomId}`
