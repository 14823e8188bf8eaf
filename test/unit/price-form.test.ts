// The merchant's preferred price form (`defaultPriceForm`) in the 添加商品 plan.
import { describe, expect, it } from "vitest"

import { planGoods } from "~core/goods"

const base = { name: "天使旅行箱", link: "pages/productdetail/productdetail?id=19" }

describe("defaultPriceForm", () => {
  it("auto: 一口价 for one price, 价格区间 for a range", () => {
    expect(planGoods({ ...base, priceLowFen: 6800, priceHighFen: 6800, priceForm: "auto" })).toMatchObject({ priceType: 1, price: "68.00", price2: "" })
    expect(planGoods({ ...base, priceLowFen: 39900, priceHighFen: 48800 })).toMatchObject({ priceType: 2, price: "399.00", price2: "488.00" })
  })

  it("1: 一口价 always, a range at its lowest price", () => {
    expect(planGoods({ ...base, priceLowFen: 39900, priceHighFen: 48800, priceForm: "1" })).toMatchObject({ priceType: 1, price: "399.00", price2: "" })
  })

  it("3: a range as 显示折扣价, original the highest, current the lowest; one price stays 一口价", () => {
    expect(planGoods({ ...base, priceLowFen: 39900, priceHighFen: 48800, priceForm: "3" })).toMatchObject({
      priceType: 3,
      price: "488.00",
      price2: "399.00",
      priceProblem: null
    })
    expect(planGoods({ ...base, priceLowFen: 6800, priceHighFen: 6800, priceForm: "3" })).toMatchObject({ priceType: 1, price: "68.00" })
  })

  it("an original price the merchant typed wins over the preference", () => {
    expect(planGoods({ ...base, priceLowFen: 39900, priceHighFen: 48800, priceForm: "1", originalPrice: "599" })).toMatchObject({
      priceType: 3,
      price: "599.00",
      price2: "399.00"
    })
  })
})
