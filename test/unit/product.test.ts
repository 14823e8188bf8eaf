import { describe, expect, it } from "vitest"

import { normalizeLink, productIdFromLink, productLink } from "~core/link"
import { qualifyProduct } from "~core/product"

import { PRODUCT_PAGE, rawProduct } from "../support/factories"

const page = PRODUCT_PAGE
const raw = rawProduct

describe("qualifyProduct", () => {
  it("accepts a row and derives the mini-program link", () => {
    const q = qualifyProduct(raw(), page)
    expect(q).toEqual({
      ok: true,
      warnings: [],
      product: {
        productId: 19,
        shopId: 1,
        name: "天使旅行箱",
        priceLowFen: 39900,
        priceHighFen: 48800,
        link: "pages/productdetail/productdetail?id=19",
        imageUrl: "https://shop.example.com/Storage/Shop/1/Products/19/1_220.png"
      }
    })
  })

  it("keeps a link given by the dialog, cleaned", () => {
    const q = qualifyProduct(raw({ link: " /pages/productdetail/productdetail?id=19 ", source: "dialog" }), page)
    expect(q.ok && q.product.link).toBe("pages/productdetail/productdetail?id=19")
  })

  it("collapses white space in names and keeps markup as plain text", () => {
    const q = qualifyProduct(raw({ name: "  <b>加粗</b>\u3000商品 " }), page)
    expect(q.ok && q.product.name).toBe("<b>加粗</b> 商品")
  })

  it("stores a product without picture but warns", () => {
    const q = qualifyProduct(raw({ imageUrl: null }), page)
    expect(q.ok).toBe(true)
    expect(q.ok && q.warnings).toEqual(["image_missing"])
    expect(q.ok && q.product.imageUrl).toBeNull()
  })

  it("refuses a javascript: picture", () => {
    const q = qualifyProduct(raw({ imageUrl: "javascript:alert(1)" }), page)
    expect(q.ok && q.warnings).toEqual(["image_invalid"])
    expect(q.ok && q.product.imageUrl).toBeNull()
  })

  it("lists every problem of a broken row and stores nothing", () => {
    expect(qualifyProduct(raw({ productId: null, shopId: "", name: "   ", price: "面议" }), page)).toEqual({
      ok: false,
      problems: ["id_missing", "shop_id_missing", "name_missing", "price_not_number"]
    })
  })

  it.each(["0", "-3", "abc", "1.5"])("refuses product id %s", (id) => {
    expect(qualifyProduct(raw({ productId: id }), page)).toEqual({ ok: false, problems: ["id_missing"] })
  })

  it("refuses a link that is no page path", () => {
    expect(qualifyProduct(raw({ link: "javascript:alert(1)" }), page)).toEqual({ ok: false, problems: ["link_invalid"] })
  })
})

describe("links", () => {
  it("builds and reads product links", () => {
    expect(productLink(7)).toBe("pages/productdetail/productdetail?id=7")
    expect(productIdFromLink("pages/productdetail/productdetail?id=1234&x=5")).toBe(1234)
    expect(productIdFromLink("pages/index/index")).toBeNull()
  })
  it("reads one product id from a link, for the live-link dialog and 直播商品 rows alike", () => {
    // id= wins over an earlier number of the query; without it, the query's first number.
    expect(productIdFromLink("pages/productdetail/productdetail?shopId=3&id=19")).toBe(19)
    expect(productIdFromLink("pages/productdetail/productdetail?pid=21")).toBe(21)
    // An encoded link is decoded first: its %2F holds no id.
    expect(productIdFromLink("%2Fpages%2Fproductdetail%2Fproductdetail%3Fid%3D334")).toBe(334)
    // Not a product id: none, zero, or past a safe integer.
    expect(productIdFromLink(null)).toBeNull()
    expect(productIdFromLink("")).toBeNull()
    expect(productIdFromLink("pages/productdetail/productdetail?id=0")).toBeNull()
    expect(productIdFromLink("pages/productdetail/productdetail?id=999999999999999")).toBe(999999999999999)
  })
  it("decodes a whole-path-encoded link and drops a leading slash", () => {
    expect(normalizeLink("pages%2Fproductdetail%2Fproductdetail%3Fid%3D19")).toEqual({
      ok: true,
      link: "pages/productdetail/productdetail?id=19"
    })
    expect(normalizeLink("/pages/a/b?id=1")).toEqual({ ok: true, link: "pages/a/b?id=1" })
    expect(normalizeLink("pages/productdetail/productdetail ?id=1")).toEqual({ ok: true, link: "pages/productdetail/productdetail?id=1" })
    expect(normalizeLink("   ")).toEqual({ ok: false, problem: "link_empty" })
    expect(normalizeLink("https://evil.example/x")).toEqual({ ok: false, problem: "link_invalid" })
  })
})
