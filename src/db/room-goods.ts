// Reads for goods in rooms (issue 11), shared by the worker and the extension's pages: a plan's
// goods with their WeChat states, and how many of them a room holds as last read.
import { linkKey, roomCoverage, itemMatches, type PlannedGoods, type RoomCoverage, type RoomItem } from "~core/room-goods"

import { ownGoodsOf } from "./goods"
import type { HelperDb, RoomPlanRecord } from "./schema"

/**
 * What a room holds, from the newest reading of either side: WeChat's room goods list
 * (`roomGoods`) or HiMall's 直播商品 after a sync (`roomContents`, HiMall's room id being WeChat's).
 */
async function readRoomItems(db: HelperDb, roomId: number): Promise<{ items: RoomItem[]; seenAt: number } | null> {
  const [wechat, himall] = await Promise.all([db.roomGoods.get(roomId), db.roomContents.where("roomId").equals(roomId).toArray()])
  const readings = [
    ...(wechat ? [{ items: wechat.items, seenAt: wechat.seenAt }] : []),
    ...himall.map((c) => ({ items: c.items.map((i) => ({ name: i.name, url: i.url })), seenAt: c.seenAt }))
  ]
  return readings.sort((a, b) => b.seenAt - a.seenAt)[0] ?? null
}

/** A plan's goods in order, each with its WeChat state and whether the room is known to hold it. */
export async function plannedGoods(db: HelperDb, plan: Pick<RoomPlanRecord, "goods" | "roomId">, roomItems?: RoomItem[] | null): Promise<PlannedGoods[]> {
  const keys = plan.goods ?? []
  if (!keys.length) return []
  const products = await db.products.bulkGet(keys)
  const urls = products.map((p) => (p ? linkKey(p.link) : null))
  const goods = await ownGoodsOf(db, products)
  const items = roomItems !== undefined ? roomItems : plan.roomId ? ((await readRoomItems(db, plan.roomId))?.items ?? null) : null
  return keys.map((key, i) => {
    const p = products[i]
    const g = goods[i]
    const planned: PlannedGoods = {
      productKey: key,
      productId: p?.productId ?? null,
      name: p?.name ?? key,
      url: urls[i],
      wechatName: g?.name ?? null,
      state: g?.status ?? "none",
      inRoom: false
    }
    planned.inRoom = !!items?.some((it) => itemMatches(it, planned))
    return planned
  })
}

/** The room's plan goods against what it holds: null when no plan of the room lists goods; `seen` false when its goods were never read. */
export async function readRoomCoverage(db: HelperDb, roomId: number): Promise<(RoomCoverage & { seen: boolean; seenAt: number | null }) | null> {
  const plans = (await db.plans.toArray()).filter((p) => p.roomId === roomId && (p.goods?.length ?? 0) > 0)
  if (!plans.length) return null
  const record = await readRoomItems(db, roomId)
  const goods = (await Promise.all(plans.map((p) => plannedGoods(db, p, record?.items ?? null)))).flat()
  const unique = [...new Map(goods.map((g) => [g.productKey, g])).values()]
  return { ...roomCoverage(unique, record?.items ?? []), seen: !!record, seenAt: record?.seenAt ?? null }
}
