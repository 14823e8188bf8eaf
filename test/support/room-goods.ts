// Seeding for the goods-in-rooms and price-fix e2e tests: WeChat goods in the sandbox, and the
// extension's products, goods states and room plans written from its service worker.
import type { Sandbox } from "../sandbox/server"
import type { ExtensionBrowser } from "./browser"
import { putRecords } from "./browser"

type WxStatus = "draft" | "reviewing" | "rejected" | "approved"

export interface SeedGoods {
  id: number
  name: string
  status: WxStatus
  /** Yuan. */
  price: number
  price2?: number | null
  priceType?: 1 | 2 | 3
}

const linkOf = (id: number) => `pages/productdetail/productdetail?id=${id}`

/** WeChat's goods library as the sandbox holds it (goodsId = product id). */
export function wechatGoods(goods: SeedGoods[]) {
  return goods.map((g) => ({
    goodsId: g.id,
    name: g.name,
    url: linkOf(g.id),
    priceType: g.priceType ?? 1,
    price: g.price,
    price2: g.price2 ?? null,
    coverUrl: "",
    cover: { name: "c.jpg", type: "image/jpeg", bytes: 9000, width: 200, height: 200 },
    status: g.status,
    rejectReason: g.status === "rejected" ? "商品信息不符合平台规范" : ""
  }))
}

/** The extension's products and the goods states it read, for these goods (HiMall price in yuan). */
export async function seedExtension(
  b: ExtensionBrowser,
  sandbox: Sandbox,
  goods: (SeedGoods & { himallPrice?: number; himallPrice2?: number; saleStatus?: number })[]
) {
  const shop = sandbox.shopOrigin
  const now = Date.now()
  await putRecords(
    b,
    "products",
    goods.map((g) => {
      const fen = Math.round((g.himallPrice ?? g.price) * 100)
      const high = Math.round((g.himallPrice2 ?? g.himallPrice ?? g.price2 ?? g.price) * 100)
      return {
        key: `${shop}|${g.id}`,
        shopOrigin: shop,
        shopId: 1,
        productId: g.id,
        name: g.name,
        priceLowFen: fen,
        priceHighFen: high,
        link: linkOf(g.id),
        imageUrl: `${shop}/Storage/Shop/1/Products/${g.id}/1_220.png`,
        source: "endpoint",
        capturedAt: now,
        updatedAt: now,
        priceHistory: [{ lowFen: fen, highFen: high, at: now }],
        ...(g.saleStatus !== undefined ? { saleStatus: g.saleStatus, auditStatus: 2 } : {})
      }
    })
  )
  await putRecords(
    b,
    "wechatGoods",
    goods.map((g) => ({
      key: `|${linkOf(g.id)}`,
      url: linkOf(g.id),
      name: g.name,
      status: g.status,
      statusText: { approved: "已入库", reviewing: "审核中", rejected: "审核未通过", draft: "未审核" }[g.status],
      rejectReason: null,
      priceLowFen: Math.round(g.price * 100),
      priceHighFen: Math.round((g.price2 ?? g.price) * 100),
      discount: false,
      firstSeenAt: now,
      seenAt: now,
      statusSince: now
    }))
  )
}

/** A room plan for a WeChat room with these goods (no pictures needed here). */
export async function seedPlan(b: ExtensionBrowser, sandbox: Sandbox, id: number, roomId: number, productIds: number[]) {
  const now = Date.now()
  await putRecords(b, "plans", [
    {
      id,
      title: "店庆特惠专场",
      start: Date.parse("2030-06-01T12:00:00.000Z"),
      end: Date.parse("2030-06-01T14:00:00.000Z"),
      anchorName: "小美",
      anchorWechat: "himall_anchor",
      allowComment: true,
      shareImage: null,
      roomCover: null,
      createdAt: now,
      updatedAt: now,
      usedAt: now,
      roomId,
      goods: productIds.map((p) => `${sandbox.shopOrigin}|${p}`)
    }
  ])
}
