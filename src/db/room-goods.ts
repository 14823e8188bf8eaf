// Reads for goods in rooms (issue 11), shared by the worker and the extension's pages: a plan's
// goods with their WeChat states, and how many of them a room holds as last read.
import { linkKey, roomCoverage, itemMatches, type PlannedGoods, type RoomCoverage, type RoomItem } from "~core/room-goods"

import type { HelperDb, RoomPlanRecord } from "./schema"

/** A plan's goods in order, each with its WeChat state and whether the room is known to hold it. */
export async function plannedGoods(db: HelperDb, plan: Pick<RoomPlanRecord, "goods" | "roomId">, roomItems?: RoomItem[] | null): Promise<PlannedGoods[]> {
  const keys = plan.goods ?? []
  if (!keys.length) return []
  const products = await db.products.bulkGet(keys)
  const urls = products.map((p) => (p ? linkKey(p.link) : null))
  const goods = await db.goods.bulkGet(urls.map((u) => u ?? ""))
  const items = roomItems !== undefined ? roomItems : plan.roomId ? ((await db.roomGoods.get(plan.roomId))?.items ?? null) : null
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
  const record = await db.roomGoods.get(roomId)
  const goods = (await Promise.all(plans.map((p) => plannedGoods(db, p, record?.items ?? null)))).flat()
  const unique = [...new Map(goods.map((g) => [g.productKey, g])).values()]
  return { ...roomCoverage(unique, record?.items ?? []), seen: !!record, seenAt: record?.seenAt ?? null }
}
