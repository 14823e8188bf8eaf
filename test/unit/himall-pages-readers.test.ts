// The HiMall readers on HiMall's own front-end markup (hiMallDatagrid rows in the platform's
// and the seller's shapes, artDialog holding #storesLink-form, the DIY homepage editor with
// its 修改 dropdowns) and on faithful variants of it. Fixtures are written from HiMall's
// formatters and templates; selectors in the readers are by meaning, so every variant must
// read alike.
import { beforeEach, describe, expect, it } from "vitest"

import { decideEntrance, fetchSavedHomepage, parseSavedPage, readEditorNavItems, readHomepage, savedPageUrl } from "~sites/himall/homepage"
import { findLiveLinkDialogs, liveLinkControlPlace, readLiveLinkDialog } from "~sites/himall/live-link-dialog"
import { endpointRowToRaw, identifyByEndpoint, parseEndpointPage } from "~sites/himall/product-endpoint"
import { findProductGrid, findProductRows, readProductRow } from "~sites/himall/product-grid"
import { statusFromText, statusNumber } from "~sites/himall/product-status"

import { rawProduct } from "../support/factories"

beforeEach(() => {
  document.body.innerHTML = ""
})

const cell = (field: string, html: string, cls = "hiMallDatagrid-cell") => `<td field="${field}"><div class="${cls}">${html}</div></td>`
const hidden = (cls: string, v: string) => `<input class="${cls}" type="hidden" value="${v}"/>`

/** A platform row (productManagement.js, admin) for product 19 of shop 3. */
function adminRow(ops: string, i = 0) {
  return `<tr hiMallDatagrid-row-index="${i}"${i % 2 ? ' class="hiMallDatagrid-row-alt"' : ""}>
    ${cell("", '<input type="checkbox"/>', "hiMallDatagrid-cell-check")}
    ${cell("DisplaySequence", '<input class="text-order text-sort" type="text" value="0" productid="19"/>')}
    ${cell("name", '<img width="40" height="40" src="/Storage/Shop/3/Products/19/1_50.png"/><span class="overflow-ellipsis"><a title="天使旅行箱" href="/product/detail/19" target="_blank">天使旅行箱</a><p>￥399.00</p></span>')}
    ${cell("brandName", "天使")}${cell("state", "销售中")}${cell("categoryName", "箱包")}${cell("shopName", "官方自营店")}
    ${cell("s", `<span class="btn-a">${ops}</span>`)}</tr>`
}
const ADMIN_HEAD = `<thead><tr><th class="td-choose">选择</th><th data-sort="DisplaySequence">序号<i class="icon_sort"></i></th><th>商品</th><th>品牌</th><th>状态</th><th>商城分类</th><th>店铺名称</th><th class="td-operate">操作</th></tr></thead>`
const ALL_INPUTS = hidden("thisId", "19") + hidden("thisShopId", "3") + hidden("thisName", "天使旅行箱") + hidden("thisPrice", "399.00~488.00")

describe("商品管理 rows as hiMallDatagrid draws them", () => {
  it("reads HiMall's hidden inputs, the picture and the 状态 column", () => {
    document.body.innerHTML = `<table id="list">${ADMIN_HEAD}<tbody>${adminRow(ALL_INPUTS + '<a class="good-break" onclick="infractionSaleOffDialog(19)">违规下架</a><a class="good-live">直播链接</a>')}</tbody></table>`
    const rows = findProductRows(document)
    expect(rows).toHaveLength(1)
    expect(readProductRow(rows[0])).toEqual(rawProduct({ shopId: "3", imageUrl: "/Storage/Shop/3/Products/19/1_50.png", saleStatus: 1, auditStatus: 2 }))
  })

  it("without the hidden inputs, the id comes from the product link, the shop from the picture, the price from ￥", () => {
    document.body.innerHTML = `<table id="list">${ADMIN_HEAD}<tbody>${adminRow('<a class="good-check" onclick="audit(19)">审核</a>')}</tbody></table>`
    const rows = findProductRows(document)
    expect(rows).toHaveLength(1)
    expect(readProductRow(rows[0])).toMatchObject({ productId: "19", shopId: "3", name: "天使旅行箱", price: "399.00" })
    expect(findProductGrid(document)?.id).toBe("list")
  })

  it("reads the id from onclick arguments or data attributes when nothing else carries it", () => {
    document.body.innerHTML = `<table><thead><tr><th>商品</th><th>操作</th></tr></thead><tbody>
      <tr><td><img src="/img/x.png"><span>无链接商品</span></td><td>${hidden("thisName", "无链接商品")}<a onclick="infractionSaleOffDialog(77)">违规下架</a></td></tr>
      <tr><td><span>另一个</span></td><td>${hidden("thisName", "另一个")}<a data-product-id="78">推荐商品</a></td></tr></tbody></table>`
    expect(findProductRows(document).map((r) => readProductRow(r).productId)).toEqual(["77", "78"])
  })

  it("a seller row (Id, Name, Image; no 状态 column) reads alike; its states stay unknown", () => {
    document.body.innerHTML = `<table id="list"><thead><tr><th>选择</th><th>商品</th><th>商品货号</th><th>操作</th></tr></thead><tbody>
      <tr hiMallDatagrid-row-index="0">${cell("", '<input type="checkbox"/>', "hiMallDatagrid-cell-check")}
      ${cell("Name", '<img class="ml15" width="40" height="40" src="/Storage/Shop/1/Products/130/1_50.png"/><a class="single-ellipsis" title="yuyisky虚拟商品" href="/product/detail/130">yuyisky虚拟商品</a><p class="lh20">￥100.00</p>')}
      ${cell("ProductCode", "83177006")}
      ${cell("s", `<span class="btn-a">${hidden("thisId", "130")}${hidden("thisShopId", "1")}${hidden("thisName", "yuyisky虚拟商品")}<a class="good-check" href="edit/130">编辑</a><a class="good-del">删除</a></span>`)}</tr></tbody></table>`
    expect(readProductRow(findProductRows(document)[0])).toEqual({
      productId: "130",
      shopId: "1",
      name: "yuyisky虚拟商品",
      price: "100.00",
      link: null,
      imageUrl: "/Storage/Shop/1/Products/130/1_50.png",
      source: "row",
      saleStatus: null,
      auditStatus: null
    })
  })

  it("tells HiMall's states from words and numbers", () => {
    expect(statusFromText(" 违规下架 ")).toEqual({ saleStatus: null, auditStatus: 4 })
    expect(statusFromText("待审核")).toEqual({ saleStatus: null, auditStatus: 1 })
    expect(statusFromText("仓库中")).toEqual({ saleStatus: 2, auditStatus: null })
    expect(statusFromText("不知道")).toEqual({ saleStatus: null, auditStatus: null })
    expect([statusNumber(1), statusNumber("4"), statusNumber("x"), statusNumber(-1), statusNumber(1.5), statusNumber(null)]).toEqual([
      1,
      4,
      null,
      null,
      null,
      null
    ])
  })
})

describe("the list endpoint's rows, platform and seller shapes", () => {
  it("reads the seller's capitalisation and states", () => {
    const seller = {
      Id: 19,
      Name: "天使旅行箱",
      Price: 399,
      MaxPrice: 488,
      ShopId: 1,
      Image: "/Storage/Shop/1/Products/19/1_50.png",
      SaleState: 1,
      AuditState: 2,
      CategoryId: 5,
      BrandId: 7
    }
    expect(endpointRowToRaw(seller)).toEqual({
      productId: "19",
      shopId: "1",
      name: "天使旅行箱",
      price: "399~488",
      link: null,
      imageUrl: "/Storage/Shop/1/Products/19/1_50.png",
      source: "endpoint",
      saleStatus: 1,
      auditStatus: 2
    })
    const admin = { id: 19, name: "天使旅行箱", price: 399, MaxPrice: 399, shopId: 3, imgUrl: "/x.png", saleStatus: 2, auditStatus: 4 }
    expect(endpointRowToRaw(admin)).toMatchObject({ productId: "19", shopId: "3", price: "399", saleStatus: 2, auditStatus: 4 })
    // A row without states: unknown, and the rest still read.
    expect(endpointRowToRaw({ id: 5, name: "A", price: "1" })).toMatchObject({ productId: "5", saleStatus: null, auditStatus: null, shopId: null })
  })

  it("takes HiMall's other page shapes (Models, Total)", () => {
    expect(parseEndpointPage({ Models: [{ Id: 1 }], Total: "1" })).toEqual({ rows: [{ Id: 1 }], total: 1 })
    expect(parseEndpointPage({ models: [], total: 0 })).toEqual({ rows: [], total: 0 })
    expect(() => parseEndpointPage({ Models: [1], Total: 1 })).toThrow()
  })
})

/** artDialog 4's markup around content moved in from the page. */
const artDialog = (content: string, title = "小程序直播链接") => `
  <div style="position:absolute;left:0;top:0"><div class="aui_outer"><table class="aui_border"><tbody>
  <tr><td class="aui_nw"></td><td class="aui_n"></td><td class="aui_ne"></td></tr>
  <tr><td class="aui_w"></td><td class="aui_c"><div class="aui_inner"><table class="aui_dialog"><tbody>
  <tr><td colspan="2" class="aui_header"><div class="aui_titleBar"><div class="aui_title">${title}</div><a class="aui_close" href="javascript:;">×</a></div></td></tr>
  <tr><td class="aui_icon" style="display:none"></td><td class="aui_main"><div class="aui_content">${content}</div></td></tr>
  <tr><td colspan="2" class="aui_footer"><div class="aui_buttons"></div></td></tr></tbody></table></div></td><td class="aui_e"></td></tr>
  </tbody></table></div></div>`
const STORES_LINK = (id: string, display = "block") => `
  <div class="dialog-form" id="storesLink-form" style="display:${display}">
    <div class="form-group"><span class="sign-t">&nbsp;&nbsp;商品链接：</span><input class="form-control" readonly type="text" id="link" value="pages/productdetail/productdetail?id=${id}"></div>
    <div class="form-group"><span class="sign-t">&nbsp;&nbsp;商品名称：</span><input class="form-control" readonly type="text" id="pname" value="天使旅行箱"></div>
    <div class="form-group"><span class="sign-t">&nbsp;&nbsp;商品价格：</span><span id="spanprice">399.00~488.00</span></div>
    <div class="form-group"><span class="sign-t">&nbsp;&nbsp;商品图片：</span><img id="imgsrc" src="/Storage/Shop/1/Products/${id}/1_220.png" width="220">
      <p>请右键保存图片。如图片过大请先使用<a>压缩工具</a>进行处理</p></div></div>`

describe("小程序直播链接 in artDialog (#storesLink-form moved in)", () => {
  it("is found and read through its span.sign-t labels; the control goes into HiMall's form", () => {
    document.body.innerHTML = artDialog(STORES_LINK("19"))
    const [dialog] = findLiveLinkDialogs(document)
    expect(readLiveLinkDialog(dialog, null)).toMatchObject({ productId: "19", shopId: "1", name: "天使旅行箱", price: "399.00~488.00" })
    expect(liveLinkControlPlace(dialog).id).toBe("storesLink-form")
  })

  it("the form back in the page, hidden, and artDialog's emptied spare wrapper are no dialog", () => {
    document.body.innerHTML = `<div style="display:none">${artDialog("", "")}</div><div id="page">${STORES_LINK("19", "none")}</div>`
    expect(findLiveLinkDialogs(document)).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// 首页配置: HiMall's DIY editor

const MENU = [1, 2, 5, 6, 17, 23, 15, 3, 4, 8, 9, 24, 26, 30, 29, 31, 32, 40, 41, 42]
const TYPES: Record<number, string> = {
  1: "选择商品",
  2: "优惠劵",
  3: "专题页面",
  4: "现金红包",
  5: "限时购",
  6: "限时购列表",
  8: "自定义链接",
  9: "拼团列表",
  15: "商家入驻",
  17: "小程序",
  23: "电话",
  24: "积分商城",
  26: "分类列表",
  29: "微店",
  30: "选择分类",
  31: "选择店铺",
  32: "小程序直播",
  40: "品牌专题",
  41: "文章列表",
  42: "选择文章"
}

/** One 图文导航 item of the control panel (tpl_diy_ctrl_type2). */
function ctrlItem(it: { linkType: number; link: string; title: string; showtitle: string }) {
  const badge =
    it.linkType && ![8, 17, 23].includes(it.linkType)
      ? `<a href="${it.link}" target="_blank" class="badge badge-success" title="${it.title}"><span>${TYPES[it.linkType]}</span><em class="badge-link ovfEps">${it.title}</em></a>`
      : ""
  const custom = [8, 17, 23].includes(it.linkType) ? `<input type="text" name="customlink" class="input" value="${it.link}">` : ""
  const menu = MENU.map((v) => `<li data-val="${v}"><a href="javascript:;">${TYPES[v]}</a></li>`).join("")
  return `<li class="ctrl-item-list-li clearfix">
    <div class="fl imgnav-box"><div class="imgnav j-selectimg"><img src="/x.png"><span class="imgnav-reselect">重新选择</span></div></div>
    <div class="fl imgnav-info">
      <div class="formitems"><label class="fi-name">链接到：</label><div class="form-controls">${badge}${custom}
        <div class="droplist"><a href="javascript:;" class="droplist-title j-droplist-toggle"><span>${it.linkType ? "修改" : "请选择"}</span><i class="gicon-chevron-down"></i></a>
        <ul class="droplist-menu">${menu}</ul></div>
        <input type="hidden" class="j-verify" name="item_id" value=""><span class="fi-help-text j-verify-linkType"></span></div></div>
      <div class="formitems"><label class="fi-name">导航名称：</label><div class="form-controls"><input type="text" name="title" class="input xlarge" value="${it.showtitle}"><span class="fi-help-text"></span></div></div>
    </div>
    <div class="ctrl-item-list-actions"><a title="上移" class="j-moveup"></a><a title="下移" class="j-movedown"></a><a title="删除" class="j-del"></a></div></li>`
}
const ctrl = (items: Parameters<typeof ctrlItem>[0][]) =>
  `<div id="diy-ctrl"><div class="modul-hd">图文导航</div><ul class="ctrl-item-list">${items.map(ctrlItem).join("")}<li class="ctrl-item-list-add">+添加一个图文导航</li></ul></div>`

const LIVE = { linkType: 32, link: "../livelist/livelist", title: "小程序直播", showtitle: "看直播" }
const OTHERS = [
  { linkType: 6, link: "/pages/countdownlist/countdownlist", title: "限时购列表", showtitle: "限时购" },
  { linkType: 31, link: "/pages/vShopHome/vShopHome?id=3", title: "官方自营店", showtitle: "官方自营店" },
  { linkType: 8, link: "https://example.com/a", title: "", showtitle: "活动" },
  { linkType: 0, link: "", title: "", showtitle: "" }
]

describe("首页配置 (DIY): the editor's 图文导航 items", () => {
  it("reads each item's badge and link, never the 修改 dropdown listing every link type", () => {
    document.body.innerHTML = ctrl([...OTHERS, LIVE])
    const items = readEditorNavItems(document)!
    expect(items).toHaveLength(5)
    expect(items[0]).toMatchObject({ name: "限时购", linkText: "限时购列表 | 限时购列表", link: "/pages/countdownlist/countdownlist" })
    expect(items[2]).toMatchObject({ name: "活动", link: "https://example.com/a" })
    expect(items[3]).toMatchObject({ name: "", linkText: "" })
    expect(items[4]).toMatchObject({ name: "看直播", linkText: "小程序直播 | 小程序直播", link: "../livelist/livelist" })
    expect(decideEntrance(readHomepage(document))).toEqual({ state: "found", name: "看直播", kind: "image_nav", unsaved: false })
  })

  it("items whose dropdowns list 小程序直播 but that link elsewhere are no entrance", () => {
    document.body.innerHTML = ctrl(OTHERS)
    expect(decideEntrance(readHomepage(document))).toEqual({ state: "absent", name: null, kind: null, unsaved: false })
  })

  it("an open dropdown changes nothing", () => {
    document.body.innerHTML = ctrl(OTHERS).replace(/class="droplist-menu"/g, 'class="droplist-menu open" style="display:flex"')
    expect(decideEntrance(readHomepage(document)).state).toBe("absent")
  })
})

/** What Hi_Ajax_GetTemplateByID answers: the template file, with a BOM. */
const savedPage = (images: object[], extra: object[] = []) =>
  "\uFEFF" +
  JSON.stringify({
    page: { title: "首页" },
    PModules: [],
    LModules: [
      { id: "1", type: 9, draggable: true, sort: 0, content: { text: "搜索" } },
      { id: "2", type: 2, draggable: true, sort: 1, content: { showType: 1, images } },
      { id: "3", type: 8, draggable: true, sort: 2, content: { goodslist: [{ item_id: 1, title: "商品", link: "../livelist/livelist" }] } },
      ...extra
    ]
  })

describe("首页配置 (DIY): the saved page from the page's endpoint", () => {
  it("reads LModules with numeric link types; the 直播间 module (type 11) counts as an entrance", () => {
    expect(parseSavedPage(savedPage([...OTHERS, LIVE]))?.navItems.find((i) => i.linkType === 32)).toMatchObject({
      name: "看直播",
      link: "../livelist/livelist"
    })
    const withModule = parseSavedPage(savedPage(OTHERS, [{ id: "4", type: 11, content: {} }]))!
    expect(decideEntrance({ editorItems: null, data: withModule, editorLiveModule: false })).toMatchObject({ state: "found", kind: "live_module" })
    // A 商品 module's goods are not navigation.
    expect(decideEntrance({ editorItems: null, data: parseSavedPage(savedPage(OTHERS)), editorLiveModule: false }).state).toBe("absent")
  })

  it("the editor's unsaved entrance against the saved page: found, unsaved", () => {
    document.body.innerHTML = ctrl([...OTHERS, LIVE])
    expect(decideEntrance(readHomepage(document, parseSavedPage(savedPage(OTHERS))))).toEqual({
      state: "found",
      name: "看直播",
      kind: "image_nav",
      unsaved: true
    })
  })

  it("nothing, not JSON, or no modules: no saved page", () => {
    expect(parseSavedPage("")).toBeNull()
    expect(parseSavedPage("\uFEFF")).toBeNull()
    expect(parseSavedPage("<html>登录</html>")).toBeNull()
    expect(parseSavedPage('"text"')).toBeNull()
  })

  it("asks the page's own endpoint, with the page's client and type", async () => {
    document.body.innerHTML = `<input type="hidden" id="vtclient" value="smallprog"><input type="hidden" id="vttype" value="13">`
    const url = savedPageUrl(document, new URL("https://shop.example.com/Admin/WXSmallProgram/HomePageSetting"))!
    expect(url).toBe("https://shop.example.com/Admin/TemplateVisualizationAjax/Hi_Ajax_GetTemplateByID?client=smallprog&type=13")
    document.body.innerHTML = ""
    expect(savedPageUrl(document, new URL("https://s.cn/selleradmin/wxsmallprogram/homepagesetting"))).toContain(
      "/SellerAdmin/TemplateVisualizationAjax/Hi_Ajax_GetTemplateByID?client=smallprog&type=13"
    )
    expect(savedPageUrl(document, new URL("https://s.cn/"))).toBeNull()

    const asked: string[] = []
    const answer = (body: string, status = 200) => (async (u: string) => (asked.push(u), new Response(body, { status }))) as unknown as typeof fetch
    expect((await fetchSavedHomepage(url, answer(savedPage([LIVE]))))?.navItems[0]).toMatchObject({ linkType: 32 })
    expect(asked).toEqual([url])
    expect(await fetchSavedHomepage(url, answer("", 500))).toBeNull()
    expect(await fetchSavedHomepage(url, (async () => Promise.reject(new Error("offline"))) as unknown as typeof fetch)).toBeNull()
  })
})

describe("a row without any id, identified through the list endpoint", () => {
  const LIST = "https://shop.example.com/Admin/Product/List"
  const row = { productId: null, shopId: null, name: " 天使旅行箱 ", price: "399.00~488.00", link: null, imageUrl: null, source: "row" as const }
  const answer = (rows: object[]) => {
    const asked: URLSearchParams[] = []
    const impl = (async (_u: string, init: RequestInit) => (
      asked.push(new URLSearchParams(init.body as URLSearchParams)),
      new Response(JSON.stringify({ rows, total: rows.length }))
    )) as unknown as typeof fetch
    return { impl, asked }
  }
  const endpointRow = {
    id: 19,
    name: "天使旅行箱",
    price: 399,
    MaxPrice: 488,
    shopId: 1,
    imgUrl: "/Storage/Shop/1/Products/19/1_50.png",
    saleStatus: 1,
    auditStatus: 2
  }

  it("takes the one row of that name (and price), filling only what the row lacked", async () => {
    const { impl, asked } = answer([{ ...endpointRow, id: 20, name: "天使旅行箱 2020新款" }, endpointRow])
    expect(await identifyByEndpoint(row, LIST, impl)).toEqual({
      ...row,
      productId: "19",
      shopId: "1",
      imageUrl: "/Storage/Shop/1/Products/19/1_50.png",
      saleStatus: 1,
      auditStatus: 2
    })
    expect(asked[0].get("keyWords")).toBe("天使旅行箱")
  })

  it("two of that name, another price, no answer, or an id already read: the row as it was", async () => {
    expect(await identifyByEndpoint(row, LIST, answer([endpointRow, { ...endpointRow, id: 21 }]).impl)).toBe(row)
    expect(await identifyByEndpoint(row, LIST, answer([{ ...endpointRow, price: 10, MaxPrice: 10 }]).impl)).toBe(row)
    expect(await identifyByEndpoint(row, LIST, (async () => new Response("<html>login</html>")) as unknown as typeof fetch)).toBe(row)
    const { impl, asked } = answer([endpointRow])
    const withId = { ...row, productId: "19" }
    expect(await identifyByEndpoint(withId, LIST, impl)).toBe(withId)
    expect(asked).toEqual([])
  })
})
