// The HiMall readers on several faithful variants of the same pages: different markup, the
// same labels, hidden inputs and behaviour. Selectors are by meaning, so all must read alike.
import { beforeEach, describe, expect, it } from "vitest"

import { readField } from "~lib/dom/find-by-label"
import { findLiveLinkDialogs, missingDialogFields, readLiveLinkDialog, shopIdFromImagePath } from "~sites/himall/live-link-dialog"
import { isHimallAdminPath, isProductManagementPage } from "~sites/himall/pages"
import { actionCell, findProductRows, readProductRow } from "~sites/himall/product-grid"

import { rawProduct } from "../support/factories"

const link = "pages/productdetail/productdetail?id=19"
const img = "/Storage/Shop/3/Products/19/1_220.png"

/** The 小程序直播链接 dialog as three different front ends could draw it. */
const DIALOGS: Record<string, string> = {
  "div rows (jQuery dialog)": `
    <div class="aui_outer"><div class="aui_title">小程序直播链接</div><div class="aui_content">
      <div class="form-row"><label>商品链接：</label><input readonly value="${link}"></div>
      <div class="form-row"><label>商品名称：</label><input readonly value="天使旅行箱"></div>
      <div class="form-row"><label>商品价格：</label><span>399.00~488.00</span></div>
      <div class="form-row"><label>商品图片：</label><img src="${img}"></div>
      <p>请右键保存图片。如图片过大请先使用<a>压缩工具</a>进行处理</p></div></div>`,
  "table (layer)": `
    <div class="layui-layer"><div class="layui-layer-title">小程序直播链接</div><table>
      <tr><th>商品链接:</th><td><input readonly value="${link}"></td></tr>
      <tr><th>商品价格:</th><td>399.00~488.00</td></tr>
      <tr><th>商品名称:</th><td><input readonly value="天使旅行箱"></td></tr>
      <tr><th>商品图片:</th><td><img src="${img}"></td></tr></table></div>`,
  "label for= (bootstrap modal)": `
    <div class="modal" role="dialog"><h4 class="modal-title">小程序直播链接</h4><form>
      <label for="l">商品链接</label><input id="l" readonly value="${link}">
      <label for="n">商品名称</label><input id="n" readonly value="天使旅行箱">
      <p><b>商品价格：</b>399.00~488.00</p>
      <div><span>商品图片</span><div><img src="${img}"></div></div></form></div>`
}

beforeEach(() => {
  document.body.innerHTML = ""
})

describe.each(Object.entries(DIALOGS))("小程序直播链接 dialog, %s", (_, html) => {
  it("is found by its title and read by its labels", () => {
    document.body.innerHTML = `<div>unrelated <input value="x"></div>${html}`
    const dialogs = findLiveLinkDialogs(document)
    expect(dialogs).toHaveLength(1)
    expect(missingDialogFields(dialogs[0])).toEqual([])
    expect(readLiveLinkDialog(dialogs[0], null)).toEqual({
      productId: "19",
      shopId: "3",
      name: "天使旅行箱",
      price: "399.00~488.00",
      link,
      imageUrl: img,
      source: "dialog"
    })
  })
})

describe("小程序直播链接 dialog, odd cases", () => {
  it("prefers the shop id of the row that opened it", () => {
    document.body.innerHTML = DIALOGS["div rows (jQuery dialog)"]
    expect(readLiveLinkDialog(findLiveLinkDialogs(document)[0], { shopId: "7" }).shopId).toBe("7")
  })

  it("names the fields a dialog lacks", () => {
    document.body.innerHTML = `<div><b>小程序直播链接</b><div><label>商品链接：</label><input value="${link}"></div>
      <div><label>商品名称：</label><input value="A"></div></div>`
    expect(missingDialogFields(findLiveLinkDialogs(document)[0])).toEqual(["商品价格", "商品图片"])
  })

  it("a text value does not borrow the next row's input", () => {
    document.body.innerHTML = `<div><div><label>商品价格：</label><span></span></div><div><label>商品名称：</label><input value="天使"></div></div>`
    expect(readField(document.body, ["商品价格"]).value).toBeNull()
    expect(readField(document.body, ["商品名称"]).value).toBe("天使")
  })

  it("ignores a hidden copy of the dialog", () => {
    document.body.innerHTML = `<div style="display:none">${DIALOGS["table (layer)"]}</div>`
    expect(findLiveLinkDialogs(document)).toEqual([])
  })

  it("reads the shop id from a picture path", () => {
    expect(shopIdFromImagePath("https://x.cn/Storage/Shop/12/Products/5/1.png")).toBe("12")
    expect(shopIdFromImagePath("/img/5.png")).toBeNull()
  })
})

describe("商品管理 grid rows", () => {
  const row = (hidden: string, extra = "") => `
    <tr><td><input type="checkbox"></td><td><img src="/Storage/Shop/1/Products/5/1_50.png"><a>商品</a></td>
      <td class="op">${hidden}<a>预览</a> <a>违规下架</a> ${extra}</td></tr>`
  const inputs = (id: string, price = "68.00") =>
    `<input type="hidden" class="thisId" value="${id}"><input type="hidden" class="thisShopId" value="1">` +
    `<input type="hidden" class="thisName" value=" 韩国VVC 防晒口罩 "><input type="hidden" class="thisPrice" value="${price}">`

  it("finds product rows by HiMall's hidden inputs, with or without 直播链接", () => {
    document.body.innerHTML = `<table id="list"><tbody>${row(inputs("5"), "<a>直播链接</a>")}${row(inputs("6", "399.00~488.00"))}
      <tr><td>合计</td></tr></tbody></table>`
    const rows = findProductRows(document)
    expect(rows).toHaveLength(2)
    expect(readProductRow(rows[1])).toEqual(
      rawProduct({ productId: "6", name: " 韩国VVC 防晒口罩 ", imageUrl: "/Storage/Shop/1/Products/5/1_50.png", saleStatus: null, auditStatus: null })
    )
    expect(actionCell(rows[0]).className).toBe("op")
  })

  it("still finds a row that lost its id input: the id comes from the picture's path, else it is told missing", () => {
    document.body.innerHTML = `<table><tbody>${row('<input type="hidden" class="thisName" value="A"><input type="hidden" class="thisPrice" value="1">')}</tbody></table>`
    const rows = findProductRows(document)
    expect(rows).toHaveLength(1)
    expect(readProductRow(rows[0]).productId).toBe("5")
    rows[0].querySelector("img")!.remove()
    expect(readProductRow(rows[0])).toMatchObject({ productId: null, shopId: null, name: "A", price: "1" })
  })
})

describe("HiMall page predicates", () => {
  it("recognise admin routes case-insensitively, in both backends", () => {
    expect(isHimallAdminPath("/Admin/Product/Management")).toBe(true)
    expect(isHimallAdminPath("/selleradmin/live/management")).toBe(true)
    expect(isHimallAdminPath("/product/detail/5")).toBe(false)
    expect(isProductManagementPage(new URL("https://s.cn/admin/product/management"))).toBe(true)
    expect(isProductManagementPage(new URL("https://s.cn/SellerAdmin/Product/Management/"))).toBe(true)
    expect(isProductManagementPage(new URL("https://s.cn/Admin/Product/List"))).toBe(false)
  })
})
