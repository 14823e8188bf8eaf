// fix-price (issue 11): WeChat lets 已入库 goods change only their price form and prices. When
// HiMall's price has drifted from WeChat's, decide the prices to write with the same price-form
// rules as 添加商品 (core/goods.ts planGoods): a 显示折扣价 keeps WeChat's original price when
// it is still above HiMall's new lowest price. Pure.
import { planGoods, type PriceType } from "./goods"
import { parseAmount } from "./price"

export interface PriceFixInput {
  priceLowFen: number
  priceHighFen: number
  /** What WeChat's edit dialog holds now (its chosen form and its 原价 when 显示折扣价). */
  current: { priceType: PriceType | null; original: string | null }
  priceForm?: "auto" | "1" | "3"
}

export interface PriceFix {
  priceType: PriceType
  price: string
  price2: string
  problem: "original_not_number" | "original_not_above_current" | null
}

export function planPriceFix(input: PriceFixInput): PriceFix {
  let originalPrice: string | null = null
  if (input.current.priceType === 3 && input.current.original) {
    const o = parseAmount(input.current.original)
    if (o.ok && o.fen > input.priceLowFen) originalPrice = input.current.original
  }
  const plan = planGoods({
    name: "x",
    priceLowFen: input.priceLowFen,
    priceHighFen: input.priceHighFen,
    link: "pages/x/x",
    originalPrice,
    priceForm: input.priceForm
  })
  return { priceType: plan.priceType, price: plan.price, price2: plan.price2, problem: plan.priceProblem }
}
