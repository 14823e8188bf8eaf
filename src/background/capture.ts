// product.capture: qualify each product again (the message is untrusted), store the good
// ones, keep a notice for the rest so the popup can say what went wrong.
import { patternCoversOrigin } from "~core/origins"
import { qualifyProduct, type QualifiedProduct, type CaptureSource } from "~core/product"
import { addNotices, saveProducts } from "~db/products"
import type { HelperDb, NoticeRecord } from "~db/schema"
import type { CaptureResult, RequestOf, ResponseOf } from "~protocol/messages"

export async function handleCapture(
  db: HelperDb,
  shopOrigin: string,
  pageUrl: string,
  request: RequestOf<"product.capture">,
  now = Date.now()
): Promise<ResponseOf<"product.capture">> {
  const results: CaptureResult[] = []
  const good: { product: QualifiedProduct; source: CaptureSource; status: { saleStatus: number | null; auditStatus: number | null }; index: number }[] = []
  const notices: Omit<NoticeRecord, "id">[] = []

  request.products.forEach((raw, index) => {
    const q = qualifyProduct(raw, pageUrl)
    if (q.ok) {
      good.push({ product: q.product, source: raw.source, status: { saleStatus: raw.saleStatus ?? null, auditStatus: raw.auditStatus ?? null }, index })
      results.push({ productId: String(q.product.productId), outcome: "created", problems: [], warnings: q.warnings })
    } else {
      results.push({ productId: raw.productId, outcome: "rejected", problems: q.problems, warnings: [] })
      notices.push({
        at: now,
        level: "error",
        shopOrigin,
        productId: raw.productId?.slice(0, 40) ?? null,
        productName: raw.name?.slice(0, 80) ?? null,
        problems: q.problems
      })
    }
  })

  const outcomes = await saveProducts(db, shopOrigin, good, now)
  good.forEach((g, i) => (results[g.index].outcome = outcomes[i]))
  await addNotices(db, notices)
  await db.shops.filter((s) => patternCoversOrigin(s.pattern, shopOrigin)).modify({ lastSeenAt: now })
  return { results }
}
