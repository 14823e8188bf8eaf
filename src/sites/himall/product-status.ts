// HiMall's product states, as its lists give them: numbers in the list endpoint's rows
// (admin `saleStatus`/`auditStatus`, seller `SaleState`/`AuditState`) and words in the
// platform grid's 状态 column (HiMall's ShowProductState). Site knowledge only.
//   saleStatus  1 销售中 · 2 仓库中 · 3 草稿箱
//   auditStatus 1 待审核 · 2 审核通过 · 3 未通过 · 4 违规下架
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

const WORDS: [RegExp, ProductStatus][] = [
  [/违规下架/, { saleStatus: null, auditStatus: 4 }],
  [/未通过|审核失败/, { saleStatus: null, auditStatus: 3 }],
  [/待审核|审核中/, { saleStatus: null, auditStatus: 1 }],
  [/销售中|出售中|已上架/, { saleStatus: 1, auditStatus: 2 }],
  [/仓库中|已下架/, { saleStatus: 2, auditStatus: null }],
  [/草稿/, { saleStatus: 3, auditStatus: null }]
]

/** The states a 状态 text tells; unknown words tell nothing. */
export function statusFromText(text: string | null): ProductStatus {
  const t = withoutSpace(text)
  for (const [re, status] of WORDS) if (re.test(t)) return { ...status }
  return { saleStatus: null, auditStatus: null }
}
