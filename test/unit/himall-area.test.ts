import { describe, expect, it } from "vitest"

import { himallAreaOf, himallAreaOfPath, isHimallAdminPath, isHimallPage, isSellerPath } from "~core/himall-area"

describe("HiMall admin areas", () => {
  it("tells the two backends apart by the first path segment, whatever its case", () => {
    expect(himallAreaOfPath("/Admin/Product/Management")).toBe("Admin")
    expect(himallAreaOfPath("/admin")).toBe("Admin")
    expect(himallAreaOfPath("/SELLERADMIN/Live/List")).toBe("SellerAdmin")
    expect(himallAreaOfPath("/Administrator/x")).toBeNull()
    expect(himallAreaOfPath("/product/detail/5")).toBeNull()
    expect(himallAreaOfPath("/shop/admin/x")).toBeNull()
    expect(himallAreaOf("https://s.cn/selleradmin/product/list?page=2")).toBe("SellerAdmin")
    expect(himallAreaOf("not a url")).toBeNull()
  })

  it("answers the admin-path and seller-path questions from the same rule", () => {
    expect(isHimallAdminPath("/selleradmin/live/management")).toBe(true)
    expect(isHimallAdminPath("/m-wap/")).toBe(false)
    expect(isSellerPath("/SellerAdmin/Live/List")).toBe(true)
    expect(isSellerPath("/Admin/Live/List")).toBe(false)
    expect(isSellerPath(null)).toBe(false)
    expect(isSellerPath("")).toBe(false)
  })

  it("recognises one page in either backend, case-insensitively, with an optional trailing slash", () => {
    expect(isHimallPage("/admin/product/management", "Product/Management")).toBe(true)
    expect(isHimallPage("/SellerAdmin/Product/Management/", "Product/Management")).toBe(true)
    expect(isHimallPage("/Admin/Live/LiveProduct", "Live/LiveProduct")).toBe(true)
    expect(isHimallPage("/Admin/Product/List", "Product/Management")).toBe(false)
    expect(isHimallPage("/Admin/Product/Management/Edit", "Product/Management")).toBe(false)
    expect(isHimallPage("/Product/Management", "Product/Management")).toBe(false)
    expect(isHimallPage("/x/Admin/Live/LiveProduct", "Live/LiveProduct")).toBe(false)
  })
})
