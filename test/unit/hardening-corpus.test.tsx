// Hardening, at the level of the pure rules: the bad-input corpus of test/e2e/hardening-corpus
// (names, prices, links) as each collector hands it over — a grid row, HiMall's list endpoint,
// the 小程序直播链接 dialog — is stored or refused with the same reason whichever way it was
// read; what is stored plans into 添加商品 values that WeChat's own rules (the sandbox's
// rules.js) accept, once the merchant took the offered name where the name is too long; and a
// refused capture is listed in the popup by a name that says something.
import { render, screen } from "@testing-library/react"
import { describe, expect, it } from "vitest"

import { GOODS_NAME_MAX_UNITS, planGoods, planProblems, textUnits } from "~core/goods"
import { normalizeLink, productIdFromLink } from "~core/link"
import { qualifyProduct, type RawProduct } from "~core/product"
import { Notices } from "~popup/Notices"
import { endpointRowToRaw } from "~sites/himall/product-endpoint"

import { validateGoods } from "../sandbox/wechat/rules.js"

const PAGE = "https://shop.example.com/Admin/Product/Management"
const LONG_50 = Array.from("夏季新款纯棉短袖T恤男士宽松大码潮流半袖上衣打底衫".repeat(3)).slice(0, 50).join("")

type Expect = { lowFen: number; highFen?: number } | { problems: string[] }
const CASES: { name: string; price: string | number; maxPrice?: string | number; expect: Expect }[] = [
  { name: "🔥爆款 冰丝凉席三件套 ❄️", price: 159, expect: { lowFen: 15900 } },
  { name: "<b>加粗</b>商品", price: 19.9, expect: { lowFen: 1990 } },
  { name: LONG_50, price: 39, expect: { lowFen: 3900 } },
  { name: "   ", price: 10, expect: { problems: ["name_missing"] } },
  { name: "\u3000\u00a0\u3000", price: 10, expect: { problems: ["name_missing"] } },
  { name: "长".repeat(201), price: 10, expect: { problems: ["name_too_long"] } },
  { name: "进口红酒整箱装", price: "￥1,299.00", expect: { lowFen: 129900 } },
  { name: "全角价格的商品", price: "１２", expect: { lowFen: 1200 } },
  { name: "全角小数的商品", price: "１２．５０", expect: { lowFen: 1250 } },
  { name: "带单位的价格", price: "68.00元", expect: { lowFen: 6800 } },
  { name: "零元价格的商品", price: 0, expect: { problems: ["price_not_positive"] } },
  { name: "负数价格的商品", price: -5, expect: { problems: ["price_not_positive"] } },
  { name: "价格面议的商品", price: "面议", expect: { problems: ["price_not_number"] } },
  { name: "缺少最高价商品", price: "399.00~", expect: { problems: ["price_not_number"] } },
  { name: "缺少最低价商品", price: "~488.00", expect: { problems: ["price_not_number"] } },
  { name: "价格区间的商品", price: 399, maxPrice: 488, expect: { lowFen: 39900, highFen: 48800 } },
  { name: "", price: "", expect: { problems: ["name_missing", "price_empty"] } }
]

/** The price text a grid row carries for a product (HiMall's formatting: numbers with two decimals, other text as it is). */
function rowPrice(price: string | number, maxPrice: string | number = price): string {
  const plain = (v: string | number) => typeof v === "number" || /^\s*-?\d+(\.\d+)?\s*$/.test(v)
  if (!plain(price)) return String(price)
  const [lo, hi] = [Number(price).toFixed(2), Number(maxPrice).toFixed(2)]
  return lo === hi ? lo : `${lo}~${hi}`
}

function sources(c: (typeof CASES)[number], id: number): [string, RawProduct][] {
  const imageUrl = `/Storage/Shop/1/Products/${id}/1_220.png`
  return [
    ["row", { productId: String(id), shopId: "1", name: c.name, price: rowPrice(c.price, c.maxPrice), link: null, imageUrl, source: "row" }],
    ["endpoint", endpointRowToRaw({ id, shopId: 1, name: c.name, price: c.price, MaxPrice: c.maxPrice ?? c.price, imgUrl: imageUrl })],
    [
      "dialog",
      {
        productId: String(id),
        shopId: "1",
        name: c.name,
        price: rowPrice(c.price, c.maxPrice),
        link: `pages/productdetail/productdetail?id=${id}`,
        imageUrl,
        source: "dialog"
      }
    ]
  ]
}

describe("the corpus through the collectors' raw products", () => {
  it.each(
    CASES.map((c, i) => [c.name.length > 30 ? `${c.name.slice(0, 12)}…(${c.name.length})` : JSON.stringify(c.name), String(c.price), c, 500 + i] as const)
  )("%s at %s: the same outcome from a row, the endpoint and the dialog", (_n, _p, c, id) => {
    for (const [source, raw] of sources(c, id)) {
      const q = qualifyProduct(raw, PAGE)
      if ("problems" in c.expect) {
        expect(q, source).toEqual({ ok: false, problems: c.expect.problems })
        continue
      }
      expect(q.ok, source).toBe(true)
      if (!q.ok) continue
      expect(q.product, source).toMatchObject({
        productId: id,
        name: c.name.replace(/[\s\u00a0\u3000]+/g, " ").trim(),
        priceLowFen: c.expect.lowFen,
        priceHighFen: c.expect.highFen ?? c.expect.lowFen,
        link: `pages/productdetail/productdetail?id=${id}`
      })
      expect(q.warnings, source).toEqual([])
    }
  })

  it("every stored product plans into values WeChat's rules accept (a name too long only once the merchant took the offered one)", () => {
    for (const [i, c] of CASES.entries()) {
      const q = qualifyProduct(sources(c, 500 + i)[0][1], PAGE)
      if (!q.ok) continue
      const p = q.product
      let plan = planGoods({ name: p.name, priceLowFen: p.priceLowFen, priceHighFen: p.priceHighFen, link: p.link })
      if (plan.nameProblem) {
        expect(plan.nameProblem, p.name).toBe("goods_name_too_long")
        expect(textUnits(plan.suggestedName!)).toBeLessThanOrEqual(GOODS_NAME_MAX_UNITS)
        plan = planGoods({ name: plan.suggestedName!, priceLowFen: p.priceLowFen, priceHighFen: p.priceHighFen, link: p.link })
      }
      expect(planProblems(plan), p.name).toEqual([])
      const form = {
        cover: { name: "c.jpg", type: "image/jpeg", bytes: 20_000, width: 200, height: 200 },
        name: plan.name,
        priceType: plan.priceType,
        price: plan.price,
        price2: plan.price2,
        url: plan.url
      }
      expect(validateGoods(form), p.name).toEqual({})
    }
  })
})

describe("商品链接 shapes from the 小程序直播链接 dialog", () => {
  it.each([
    ["/pages/productdetail/productdetail?id=331", 331],
    [" pages/productdetail/productdetail ?id=332 ", 332],
    ["pages%2Fproductdetail%2Fproductdetail%3Fid%3D333", 333],
    ["%2Fpages%2Fproductdetail%2Fproductdetail%3Fid%3D334", 334],
    ["PAGES%2fproductdetail%2fproductdetail%3fid%3d336", 336]
  ])("%s is the product page of product %i", (link, id) => {
    expect(productIdFromLink(link)).toBe(id)
    const n = normalizeLink(link)
    expect(n.ok).toBe(true)
    const q = qualifyProduct(
      { productId: String(productIdFromLink(link)), shopId: "1", name: "链接测试商品", price: "41.00", link, imageUrl: null, source: "dialog" },
      PAGE
    )
    expect(q.ok && q.product.link).toMatch(new RegExp(`^(pages|PAGES)/productdetail/productdetail\\?id=${id}$`))
    // And WeChat takes it.
    expect(validateGoods({ cover: null, name: "链接测试商品", priceType: 1, price: "41.00", price2: "", url: n.ok ? n.link : link }).url).toBeUndefined()
  })

  it.each([
    ["https://shop.example.com/product/detail/335", "link_invalid"],
    ["javascript:alert(1)", "link_invalid"],
    ["pages/productdetail/productdetail?id=1#x", "link_invalid"],
    ["%E0%A4%A", "link_invalid"]
  ])("%s is refused (%s)", (link, problem) => {
    expect(normalizeLink(link)).toEqual({ ok: false, problem })
    const q = qualifyProduct({ productId: "335", shopId: "1", name: "链接测试商品", price: "45.00", link, imageUrl: null, source: "dialog" }, PAGE)
    expect(q).toEqual({ ok: false, problems: [problem] })
  })
})

describe("the popup's refused captures", () => {
  it("name a product by its id when its name is only spaces, and show markup as text", () => {
    const notice = (id: number, productId: string, productName: string | null, problems: string[]) => ({
      id,
      at: 1,
      level: "error" as const,
      shopOrigin: "https://shop.example.com",
      productId,
      productName,
      problems: problems as never
    })
    const { container } = render(
      <Notices
        notices={[
          notice(1, "124", "   ", ["name_missing"]),
          notice(2, "305", "\u3000\u00a0\u3000", ["name_missing"]),
          notice(3, "404", "<img src=y onerror=alert(4)>", ["price_not_number"]),
          notice(4, "9", null, ["id_missing"])
        ]}
      />
    )
    // Each line after its time.
    const lines = screen.getAllByRole("listitem").map((li) => li.textContent!.slice(li.querySelector(".lh-muted")!.textContent!.length))
    expect(lines).toEqual([
      "商品 124：商品名称为空",
      "商品 305：商品名称为空",
      "商品 <img src=y onerror=alert(4)>：无法识别商品价格",
      "商品 9：找不到商品编号（页面缺少隐藏字段 thisId）"
    ])
    expect(container.querySelectorAll("img")).toHaveLength(0)
    expect(normalizeLink("   ")).toEqual({ ok: false, problem: "link_empty" })
  })
})
