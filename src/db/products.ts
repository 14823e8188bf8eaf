// Writing products: the background's only way to store what content scripts captured.
import type { QualifiedProduct, CaptureSource } from "~core/product"

import type { HelperDb, NoticeRecord, ProductRecord } from "./schema"

export const MAX_NOTICES = 200

function productKey(shopOrigin: string, productId: number): string {
  return `${shopOrigin}|${productId}`
}

export type SaveOutcome = "created" | "updated" | "unchanged"

/**
 * Store captured products in one transaction. Re-capturing keeps the first capture time and
 * appends to the price history when the price changed, so drift can be shown later.
 */
export async function saveProducts(
  db: HelperDb,
  shopOrigin: string,
  items: { product: QualifiedProduct; source: CaptureSource; status?: { saleStatus?: number | null; auditStatus?: number | null } }[],
  now = Date.now()
): Promise<SaveOutcome[]> {
  return db.transaction("rw", db.products, async () => {
    const keys = items.map((i) => productKey(shopOrigin, i.product.productId))
    const existing = await db.products.bulkGet(keys)
    const byKey = new Map<string, ProductRecord>()
    existing.forEach((r) => r && byKey.set(r.key, r))
    const outcomes: SaveOutcome[] = []
    const writes = new Map<string, ProductRecord>()
    items.forEach(({ product: p, source, status }, i) => {
      const key = keys[i]
      const old = writes.get(key) ?? byKey.get(key)
      const history = old?.priceHistory ?? []
      const last = history[history.length - 1]
      const priceChanged = !last || last.lowFen !== p.priceLowFen || last.highFen !== p.priceHighFen
      const next: ProductRecord = {
        key,
        shopOrigin,
        shopId: p.shopId,
        productId: p.productId,
        name: p.name,
        priceLowFen: p.priceLowFen,
        priceHighFen: p.priceHighFen,
        link: p.link,
        // A capture without a picture (a grid row whose image failed) keeps the one we had.
        imageUrl: p.imageUrl ?? old?.imageUrl ?? null,
        source,
        capturedAt: old?.capturedAt ?? now,
        updatedAt: now,
        priceHistory: priceChanged ? [...history, { lowFen: p.priceLowFen, highFen: p.priceHighFen, at: now }] : history,
        lastFill: old?.lastFill ?? null,
        saleStatus: status?.saleStatus ?? old?.saleStatus ?? null,
        auditStatus: status?.auditStatus ?? old?.auditStatus ?? null
      }
      const same =
        old &&
        old.name === next.name &&
        old.link === next.link &&
        old.imageUrl === next.imageUrl &&
        old.shopId === next.shopId &&
        // States read for the first time are no change; a known state that changed is.
        (old.saleStatus == null || old.saleStatus === next.saleStatus) &&
        (old.auditStatus == null || old.auditStatus === next.auditStatus) &&
        !priceChanged
      outcomes.push(!old ? "created" : same ? "unchanged" : "updated")
      writes.set(key, same ? { ...old, source, updatedAt: now, saleStatus: next.saleStatus, auditStatus: next.auditStatus } : next)
    })
    await db.products.bulkPut([...writes.values()])
    return outcomes
  })
}

/** Record why a capture failed; keeps the newest MAX_NOTICES. */
export async function addNotices(db: HelperDb, notices: Omit<NoticeRecord, "id">[]): Promise<void> {
  if (notices.length === 0) return
  await db.transaction("rw", db.notices, async () => {
    await db.notices.bulkAdd(notices)
    const count = await db.notices.count()
    if (count > MAX_NOTICES) {
      const old = await db.notices
        .orderBy("at")
        .limit(count - MAX_NOTICES)
        .primaryKeys()
      await db.notices.bulkDelete(old)
    }
  })
}
