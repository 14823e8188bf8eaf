// What makes a product "at risk" before it goes to WeChat's 添加商品 (issue 11): words the goods
// review rejects (core/forbidden-words.ts), a HiMall product that is not on sale or not approved
// in HiMall (its link would lead buyers to an unavailable product), and the rules already kept
// in core/goods.ts (name length, prices, link). Each with a suggested fix the merchant edits.
import { findForbiddenWords, withoutForbiddenWords } from "./forbidden-words"
import { planGoods, planProblems } from "./goods"

/**
 * HiMall's ProductInfo.ProductSaleStatus (Himall.Entities): 0 原始状态 · 1 出售中 · 2 仓库中 ·
 * 3 草稿箱. ProductAuditStatus: 1 待审核 · 2 销售中 (audited) · 3 未通过 · 4 违规下架 · 5 未审核.
 */
export const HIMALL_SALE_STATUS = { raw: 0, onSale: 1, inStock: 2, inDraft: 3 } as const
export const HIMALL_AUDIT_STATUS = { waiting: 1, audited: 2, failed: 3, infractionSaleOff: 4, unAudit: 5 } as const

export type GoodsRisk =
  | { code: "forbidden_words"; words: string[]; suggestedName: string }
  | { code: "himall_not_on_sale"; saleStatus: number }
  | { code: "himall_not_approved"; auditStatus: number }

export interface RiskInput {
  name: string
  /** HiMall's saleStatus / auditStatus as stored (null or absent: not known, no risk claimed). */
  saleStatus?: number | null
  auditStatus?: number | null
}

/** The risks WeChat's review or a buyer would meet, in the order to show them. */
export function goodsRisks(p: RiskInput): GoodsRisk[] {
  const risks: GoodsRisk[] = []
  const hits = findForbiddenWords(p.name)
  if (hits.length) risks.push({ code: "forbidden_words", words: [...new Set(hits.map((h) => h.word))], suggestedName: withoutForbiddenWords(p.name) })
  // 0 原始状态 is a transient import state, not a sale state: not claimed as a risk.
  if (p.saleStatus != null && p.saleStatus !== HIMALL_SALE_STATUS.onSale && p.saleStatus !== HIMALL_SALE_STATUS.raw)
    risks.push({ code: "himall_not_on_sale", saleStatus: p.saleStatus })
  if (p.auditStatus != null && p.auditStatus !== HIMALL_AUDIT_STATUS.audited) risks.push({ code: "himall_not_approved", auditStatus: p.auditStatus })
  return risks
}

/** The risks of a product about to be filled into 添加商品 under `name` (the merchant's edited name, or the stored one). */
export function risksOf(p: Pick<RiskInput, "saleStatus" | "auditStatus">, name: string): GoodsRisk[] {
  return goodsRisks({ name, saleStatus: p.saleStatus, auditStatus: p.auditStatus })
}

/** Does a stored product break any rule (the risks above, or core/goods.ts's name, price and link rules)? */
export function productAtRisk(p: RiskInput & { priceLowFen: number; priceHighFen: number; link: string }): boolean {
  if (goodsRisks(p).length) return true
  const plan = planGoods({ name: p.name, priceLowFen: p.priceLowFen, priceHighFen: p.priceHighFen, link: p.link })
  return planProblems(plan).length > 0
}
