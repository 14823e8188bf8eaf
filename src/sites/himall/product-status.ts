// HiMall's product states, as its lists give them: numbers in the list endpoint's rows
// (admin `saleStatus`/`auditStatus`, seller `SaleState`/`AuditState`) and words in the
// platform grid's 状态 column (HiMall's ShowProductState). Site knowledge only.
//   saleStatus  1 销售中 · 2 仓库中 · 3 草稿箱
//   auditStatus 1 待审核 · 2 审核通过 · 3 未通过 · 4 违规下架
import { HIMALL_AUDIT_STATUS, HIMALL_SALE_STATUS } from "~core/goods-risk"
import { withoutSpace } from "~core/text"

export interface ProductStatus {
  /** null: not read (unknown). */
  saleStatus: number | null
  auditStatus: number | null
}

/** A state number as the endpoint gives it (number or digits), else null. */
export function statusNumber(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : NaN
  return Number.isInteger(n) && n >= 0 && n <= 99 ? n : null
}

const SALE = HIMALL_SALE_STATUS
const AUDIT = HIMALL_AUDIT_STATUS

/** The grid's words for the states (core/goods-risk.ts holds the codes). */
const WORDS: [RegExp, ProductStatus][] = [
  [/违规下架/, { saleStatus: null, auditStatus: AUDIT.infractionSaleOff }],
  [/未通过|审核失败/, { saleStatus: null, auditStatus: AUDIT.failed }],
  [/待审核|审核中/, { saleStatus: null, auditStatus: AUDIT.waiting }],
  [/销售中|出售中|已上架/, { saleStatus: SALE.onSale, auditStatus: AUDIT.audited }],
  [/仓库中|已下架/, { saleStatus: SALE.inStock, auditStatus: null }],
  [/草稿/, { saleStatus: SALE.inDraft, auditStatus: null }]
]

/** The states a 状态 text tells; unknown words tell nothing. */
export function statusFromText(text: string | null): ProductStatus {
  const t = withoutSpace(text)
  for (const [re, status] of WORDS) if (re.test(t)) return { ...status }
  return { saleStatus: null, auditStatus: null }
}
