// Server-rendered HTML of the HiMall admin pages: the shared frame (top nav, left menu) and
// each page's static markup. Grids and dialogs are drawn by the page scripts under static/.
import { LINK_TARGETS, LINK_TYPES, NAV_PAGES, type Homepage } from "./seed"

const STATIC = "/__sandbox/himall/static"

export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** Prefix of the backend: /Admin (platform) or /SellerAdmin (a shop's own backend). */
export type Area = "Admin" | "SellerAdmin"

const PLATFORM_NAV = ["首页", "商品", "交易", "会员", "店铺", "统计", "网站", "分销", "系统", "营销", "微商城", "APP", "小程序"]
const SELLER_NAV = ["首页", "商品", "交易", "店铺", "营销", "统计", "微店", "消息"]

/** Where the top-nav entries lead (the others stay on the page, as they are out of scope). */
const NAV_LINKS: Record<string, string> = {
  商品: "/Product/Management",
  营销: "/Live/Management",
  小程序: "/WXSmallProgram/HomePageSetting"
}

interface Frame {
  area: Area
  title: string
  /** Active top-nav entry. */
  nav: string
  /** Left menu entries with the active one; none for full-width pages. */
  menu?: { items: string[]; active: string }
  body: string
  scripts: string[]
  /** JSON handed to the page script as window.pageData. */
  data?: unknown
  bodyClass?: string
}

function frame(f: Frame): string {
  const seller = f.area === "SellerAdmin"
  const nav = (seller ? SELLER_NAV : PLATFORM_NAV)
    .map((n) => {
      const href = NAV_LINKS[n] ? `/${f.area}${NAV_LINKS[n]}` : "javascript:;"
      return `<li${n === f.nav ? ' class="active"' : ""}><a href="${href}">${n}</a></li>`
    })
    .join("")
  const menu = f.menu
    ? `<div class="sidebar"><ul class="sub-menu">${f.menu.items
        .map((m) => `<li${m === f.menu!.active ? ' class="active"' : ""}><a href="javascript:;">${m}</a></li>`)
        .join("")}</ul></div>`
    : ""
  // The page data is JSON inside a script element; "<" is escaped so it cannot close it.
  const data = f.data === undefined ? "" : `<script>window.pageData = ${JSON.stringify(f.data).replace(/</g, "\\u003c")};</script>`
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${f.title} - Himall${seller ? "商家中心" : "平台中心"}</title>
<link rel="stylesheet" href="${STATIC}/himall.css">
</head>
<body class="${f.bodyClass ?? ""}">
<div class="navbar">
  <a class="logo" href="/${f.area}/Product/Management">Hi<em>m</em>all<span>.${seller ? "商家中心" : "平台中心"}</span></a>
  <ul class="nav">${nav}</ul>
  <ul class="nav nav-right"><li><a href="javascript:;">安全退出</a></li></ul>
</div>
<div class="container${f.menu ? "" : " container-full"}">
  ${menu}
  <div class="main">${f.body}</div>
</div>
<script src="/__sandbox/vendor/jquery.js"></script>
<script src="${STATIC}/common.js"></script>
${data}
${f.scripts.map((s) => `<script src="${STATIC}/${s}"></script>`).join("\n")}
</body>
</html>`
}

/** The footer pager bar shared by the grids (filled by the datagrid). */
const pagerBar = (left: string) => `
  <div class="tabel-operate">
    <div class="batch">${left}</div>
    <div class="pagination-wrap"></div>
  </div>`

/**
 * HiMall's 小程序直播链接 form: hidden in the page, moved into the dialog by 直播链接 and
 * back out when it closes; labels are span.sign-t texts led by two no-break spaces.
 */
const STORES_LINK_FORM = `
  <div class="dialog-form" id="storesLink-form" style="display:none">
    <div class="form-group" id="divlink"><span class="sign-t">&nbsp;&nbsp;商品链接：</span><input class="form-control input-ssm" readonly="readonly" type="text" id="link" style="width:300px"></div>
    <div class="form-group" id="divproductname"><span class="sign-t">&nbsp;&nbsp;商品名称：</span><input class="form-control input-ssm" readonly="readonly" type="text" id="pname" style="width:300px"></div>
    <div class="form-group" id="divprice"><span class="sign-t">&nbsp;&nbsp;商品价格：</span><span id="spanprice"></span></div>
    <div class="form-group" id="divimage"><span class="sign-t">&nbsp;&nbsp;商品图片：</span><div><img id="imgsrc" type="img" width="220" alt="">
      <p style="padding-left:8px;color:#999;margin-top:10px">请右键保存图片。如图片过大请先使用<a target="_blank" href="https://zhitu.isux.us/">压缩工具</a>进行处理</p></div></div>
  </div>`

export function productManagementPage(
  area: Area,
  shopNames: string[],
  liveLinkAction: boolean,
  liveLinkFormat = "pages/productdetail/productdetail?id={id}",
  rowPriceInput = true
): string {
  const seller = area === "SellerAdmin"
  const tabs = ["所有商品", "销售中", "待审核", "违规下架", "商品设置"]
    .map((t, i) => `<li${i === 0 ? ' class="active"' : ""}><a href="javascript:;" data-tab="${i}">${t}</a></li>`)
    .join("")
  const shopField = seller
    ? ""
    : `<div class="form-group"><label>所属店铺</label><input type="text" id="shopName" class="form-control" list="shopList"><datalist id="shopList">${shopNames
        .map((n) => `<option value="${esc(n)}">`)
        .join("")}</datalist></div>`
  const body = `
  <ul class="nav-tabs-custom">${tabs}</ul>
  <div class="tab-pane" id="productPane">
    <div class="search-box">
      <form class="custom-inline" onsubmit="return false">
        <div class="form-group"><label>商品名称</label><input type="text" id="keyWords" class="form-control"></div>
        ${shopField}
        <div class="form-group"><label>商品货号</label><input type="text" id="productCode" class="form-control"></div>
        <div class="form-group"><label>商品品牌</label><input type="text" id="brandName" class="form-control"></div>
        <div class="form-group"><label>商品分类</label><select id="category1" class="form-control"><option value="">全部</option></select></div>
        <div class="form-group"><label>二级分类</label><select class="form-control" disabled></select></div>
        <div class="form-group"><label>三级分类</label><select class="form-control" disabled></select></div>
        <div class="form-group"><label>商品类型</label><select id="productType" class="form-control"><option value="">请选择</option><option value="0">实物商品</option><option value="1">虚拟商品</option></select></div>
        <div class="form-group"><button type="button" class="btn btn-primary btn-sm" id="searchButton">搜 索</button></div>
      </form>
    </div>
    <table id="list" class="table"></table>
    <div id="saleOff">
      ${
        seller
          ? `<button type="button" class="btn btn-default btn-sm" id="batchSaleOff">下架</button>`
          : `<button type="button" class="btn btn-default btn-sm" id="batchSaleOff">违规下架</button>`
      }
      <button type="button" class="btn btn-default btn-sm" id="exportExcel">导出查询结果</button>
      <button type="button" class="btn btn-primary btn-sm" id="batchVirtual">批量设置虚拟销量</button>
    </div>
  </div>
  <div class="tab-pane" id="settingPane" style="display:none">
    <div class="setting-box">
      <div class="form-group"><label>商品审核</label><label class="radio"><input type="radio" name="audit" checked> 需要审核</label><label class="radio"><input type="radio" name="audit"> 无需审核</label></div>
      <div class="form-group"><label></label><button type="button" class="btn btn-primary btn-sm">保 存</button></div>
    </div>
  </div>
  ${STORES_LINK_FORM}`
  return frame({
    area,
    title: "商品管理",
    nav: "商品",
    menu: { items: ["商品管理", "分类管理", "品牌管理", "类型管理", "咨询管理", "评论管理"], active: "商品管理" },
    body,
    scripts: ["product.js"],
    data: { area, seller, liveLinkAction, liveLinkFormat, rowPriceInput }
  })
}

/** Which 小程序直播 page the shop serves (`liveVariant` in the state). */
export type LiveVariant = "himall" | "older"

export interface LivePageOptions {
  variant: LiveVariant
  /** The older page: the room id as a hidden input in each row. */
  roomIdInput: boolean
  /** The real page, platform backend: draw 设置封面图 (older versions and the manual do; the Dec 2021 snapshot comments it out). */
  adminBanner: boolean
}

export function liveManagementPage(area: Area, shops: { id: number; name: string }[], opts: LivePageOptions): string {
  return opts.variant === "older" ? olderLivePage(area, shops, opts.roomIdInput) : himallLivePage(area, opts.adminBanner)
}

/** 小程序直播 as HiMall's Views/Live/Management.cshtml draws it (Dec 2021), platform or seller. */
function himallLivePage(area: Area, adminBanner: boolean): string {
  const seller = area === "SellerAdmin"
  const statusOptions = [
    ["", "请选择"],
    ["0", "未提交审核"],
    ["1", "审核中"],
    ["101", "直播中"],
    ["102", "未开始"],
    ["103", "已结束"],
    ["104", "禁播"],
    ["105", "暂停"],
    ["106", "异常"],
    ["107", "已过期"]
  ]
    .map(([v, t]) => `<option value="${v}">${t}</option>`)
    .join("")
  const tabs = seller ? `<li class="active"><a>直播列表</a></li><li><a href="javascript:;">创建直播间</a></li>` : `<li class="active"><a>直播列表</a></li>`
  const shopFilter = seller
    ? ""
    : `<div class="form-group"><label class="label-inline w75">商家</label><input class="form-control input-ssm" type="text" id="txtShopName"><input name="ShopId" type="hidden" id="ShopId"></div>`
  const actions = seller
    ? ""
    : `<a class="btn btn-primary btn-sm" href="javascript:;" onclick="SyncData()">获取小程序数据</a>
       <a class="btn btn-default btn-sm" href="javascript:;" onclick="ToAudit()">批量提交</a>`
  const body = `
  <ul class="nav-tabs-custom clearfix">${tabs}
    <li class="query-help"><span class="query-icon">?</span>
      <div class="tip-box"><h5>温馨提示:</h5><ul>
        <li><span>直播操作手册，请 <a target="_blank" href="javascript:;">点击此处</a> 查看；</span></li>
        <li><span>因微信小程序后台接口调用次数每日上限为500次，系统每隔5分钟会自动将小程序直播的信息同步到平台；如您想及时拉取，建议在直播数据设置完成后再点击“获取小程序数据”按钮，避免过于频繁获取数据。</span></li>
      </ul></div>
    </li>
  </ul>
  <div class="search-box" id="search-box">
    <form id="search_form" class="form-inline custom-inline" method="post" onsubmit="return false">
      <div class="form-group"><label class="label-inline w75">直播标题</label><input class="form-control input-ssm" type="text" id="txtName" name="name"></div>
      <div class="form-group"><label class="label-inline w75">主播昵称</label><input class="form-control input-ssm" type="text" id="txtAnchorName" name="anchorName"></div>
      ${shopFilter}
      <div class="form-group"><label class="label-inline w75">状态</label><select id="ddlRoomStatus" class="form-control input-ssm" name="status">${statusOptions}</select></div>
      <div class="form-group form-group-wide"><label class="label-inline w75">开播时间</label><input id="inputStartDate" readonly class="form-control input-ssm date-range" placeholder="区间日期" type="text"><input type="hidden" class="start_datetime" name="startTime"><input type="hidden" class="end_datetime" name="endTime"></div>
      <div class="form-group"><button type="button" id="searchButton" class="btn btn-primary btn-sm">搜 索</button></div>
    </form>
  </div>
  <div class="table-act-row toolbar">
    ${actions}
    <a class="btn btn-default pull-right btn-sm" id="aExport" href="javascript:;" onclick="ExportExecl();">导出查询结果</a>
  </div>
  <table id="list" class="table"></table>
  ${pagerBar("")}
  <div class="dialog-form" id="banner-form" style="display:none;padding-top:20px;padding-bottom:20px;text-align:center;">
    <div class="product pic"><div class="upload_pic" imagesrc="" style="background-image:url('')"><input type="hidden" name="ShowImage" value="" /></div><span class="upload pic btn"></span><i class="del hide">x</i></div>
    <input name="picsValid" picrequired="true" style="width:0;border:0;padding:0" />
    <div style="margin-top:5px;">建议尺寸${seller ? "800*640" : "750*750"}</div>
  </div>`
  return frame({
    area,
    title: "直播列表",
    nav: "营销",
    menu: { items: [seller ? "直播列表" : "营销中心"], active: seller ? "直播列表" : "营销中心" },
    body,
    scripts: ["uploader.js", "live.js"],
    data: { area, seller, adminBanner }
  })
}

/** 直播商品 (Views/Live/LiveProduct.cshtml): the goods of one room, from POST ./LiveProductList. */
export function liveProductPage(area: Area, roomId: string): string {
  const body = `
  <ul class="breadcrumb clearfix">
    <li><a href="/${area}/Live/Management">直播列表</a></li>
    <li class="active"><a>直播商品</a></li>
  </ul>
  <div class="search-box" id="search-box">
    <form id="search_form" class="form-inline custom-inline" method="post" onsubmit="return false">
      <input type="hidden" id="hidRoomId" name="roomId" value="${esc(roomId)}" />
      <div class="form-group"><label class="label-inline w75">商品名称</label><input class="form-control input-ssm" type="text" id="txtProductName" name="productName"></div>
      <div class="form-group"><button type="button" id="searchButton" class="btn btn-primary btn-sm">搜 索</button></div>
    </form>
  </div>
  <div class="table-act-row toolbar">
    <a class="btn btn-default pull-right btn-sm" id="aExport" href="javascript:;">导出查询结果</a>
  </div>
  <table id="list" class="table"></table>
  ${pagerBar("")}`
  return frame({
    area,
    title: "直播商品",
    nav: "营销",
    menu: { items: ["直播列表"], active: "直播列表" },
    body,
    scripts: ["live-product.js"],
    data: { area }
  })
}

function olderLivePage(area: Area, shops: { id: number; name: string }[], roomIdInput: boolean): string {
  const statusOptions = [
    ["", "请选择"],
    ["101", "直播中"],
    ["102", "未开始"],
    ["103", "已结束"],
    ["104", "禁播"],
    ["105", "暂停"],
    ["106", "异常"],
    ["107", "已过期"]
  ]
    .map(([v, t]) => `<option value="${v}">${t}</option>`)
    .join("")
  const body = `
  <ul class="nav-tabs-custom">
    <li class="active"><a href="javascript:;">直播列表</a></li>
    <li class="query-help"><span class="query-icon">?</span>
      <div class="tip-box"><h5>温馨提示：</h5><ul>
        <li>1、直播间数据来自微信小程序直播，微信每天限制调用接口500次；</li>
        <li>2、系统每5分钟自动同步一次直播间数据，也可点击“获取小程序数据”立即获取；</li>
        <li>3、直播间封面图用于小程序直播列表展示，建议尺寸750*750。</li>
      </ul></div>
    </li>
  </ul>
  <div class="search-box">
    <form class="custom-inline" onsubmit="return false">
      <div class="form-group"><label>直播标题</label><input type="text" id="liveName" class="form-control"></div>
      <div class="form-group"><label>主播昵称</label><input type="text" id="anchorName" class="form-control"></div>
      <div class="form-group"><label>商家</label><input type="text" id="shopName" class="form-control"></div>
      <div class="form-group"><label>状态</label><select id="status" class="form-control">${statusOptions}</select></div>
      <div class="form-group form-group-wide"><label>开播时间</label><input type="text" id="timeRange" class="form-control date-range" placeholder="区间日期"></div>
      <div class="form-group"><button type="button" class="btn btn-primary btn-sm" id="searchButton">搜 索</button></div>
    </form>
  </div>
  <div class="toolbar">
    <button type="button" class="btn btn-primary btn-sm" id="syncButton">获取小程序数据</button>
    <button type="button" class="btn btn-default btn-sm pull-right" id="exportExcel">导出查询结果</button>
  </div>
  <table id="list" class="table"></table>
  ${pagerBar("")}`
  return frame({
    area,
    title: "小程序直播",
    nav: "营销",
    menu: { items: ["营销中心"], active: "营销中心" },
    body,
    scripts: ["live-older.js"],
    data: { area, shops, roomIdInput }
  })
}

export function homePageSettingPage(area: Area, homepage: Homepage, rooms: { roomId: number; name: string; coverImg: string; statusDesc: string }[]): string {
  const palette = [
    ["imageNav", "图片导航"],
    ["title", "标题"],
    ["liveRooms", "直播间"],
    ["blank", "辅助空白"]
  ]
    .map(([t, n]) => `<li><a href="javascript:;" class="palette-item" data-type="${t}"><span class="palette-thumb palette-${t}"></span>${n}</a></li>`)
    .join("")
  const body = `
  <div class="diy-wrap">
    <div class="diy-phone">
      <div class="phone-top"><i class="phone-camera"></i><i class="phone-speaker"></i></div>
      <div class="phone-screen">
        <div class="phone-status"><span>●●●●○ 4G</span><span>12:00</span><span>100%</span></div>
        <div class="phone-title">首页</div>
        <div id="diyPreview" class="diy-preview"></div>
      </div>
      <div class="phone-bottom"><i class="phone-home"></i></div>
    </div>
    <div class="diy-editor"><div id="diyEditor" class="diy-editor-inner"></div></div>
    <div class="diy-palette"><div class="palette-head">组件</div><ul>${palette}</ul></div>
  </div>
  <div class="diy-actions"><button type="button" class="btn btn-primary" id="saveHomePage">保存</button></div>`
  return frame({
    area,
    title: "首页配置",
    nav: "小程序",
    body,
    scripts: ["homepage-imagenav.js"],
    data: { area, homepage, rooms, navPages: NAV_PAGES },
    bodyClass: "page-diy"
  })
}

/**
 * 首页配置 as HiMall's DIY editor (TemplateVisualization): the page carries no saved data;
 * the script asks `/Admin/TemplateVisualizationAjax/Hi_Ajax_GetTemplateByID?client=…&type=…`
 * (client and type from the hidden #vtclient / #vttype) and draws the phone preview and, for
 * the selected module, its control panel. The hidden `content` input holds HiMall's DEFAULT
 * page (a header, no modules), not the saved one.
 */
export function homePageDiyPage(area: Area, rooms: { roomId: number; name: string; coverImg: string; statusDesc: string }[]): string {
  const palette = [
    [1, "图片广告"],
    [2, "图文导航"],
    [8, "商品"],
    [10, "优惠券"],
    [11, "直播间"],
    [3, "富文本"],
    [5, "文字链接"],
    [9, "搜索"],
    [6, "辅助线"]
  ]
    .map(([t, n]) => `<div class="tab"><a href="javascript:;" class="j-diy-addModule" data-type="${t}"><i class="iconfont"></i>${n}</a></div>`)
    .join("")
  const defaultContent = JSON.stringify({
    page: { title: "店铺首页" },
    PModules: [{ id: 1, type: "Header_style1", draggable: false, sort: 0, content: null }],
    LModules: []
  })
  const body = `
  <ul class="nav nav-tabs-custom clearfix"><li class="active"><a>编辑模板</a></li></ul>
  <input type="hidden" id="vtclient" value="smallprog">
  <input type="hidden" id="vttype" value="13">
  <div class="inner clearfix"><div class="content-right">
    <input type="hidden" name="content" value="${esc(defaultContent)}">
    <input type="hidden" name="template_id" value="default" id="j_pageID">
    <div class="diy clearfix">
      <div class="diy-phone-outbox">
        <div id="diy-phone">
          <div class="diy-phone-header"><i class="diy-phone-receiver"></i><div class="diy-phone-title j-pagetitle">首页</div></div>
          <div class="diy-phone-contain" id="diy-contain"><div class="diy-loading">正在加载...</div></div>
        </div>
      </div>
      <div class="diy-ctrl" id="diy-ctrl"></div>
      <div class="diy-actions"><div class="diy-actions-addModules clearfix">${palette}</div></div>
    </div>
    <div class="diy-footer"><a href="javascript:;" class="btn btn-primary" id="j-savePage">保存</a></div>
  </div></div>`
  return frame({
    area,
    title: "模板编辑",
    nav: "小程序",
    body,
    scripts: ["homepage.js"],
    data: { area, rooms, linkTypes: LINK_TYPES, linkTargets: LINK_TARGETS },
    bodyClass: "page-diy page-diy-minapp"
  })
}

/** The admin login page: what an expired session gets instead of the file it asked for. */
export const LOGIN_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Himall - 平台管理登录</title></head>
<body><form action="/Admin/Login" method="post"><h1>平台管理登录</h1>
<input name="username" placeholder="用户名"><input name="password" type="password" placeholder="密码">
<button type="submit">登 录</button></form></body></html>`

/** IIS's 404 page for a missing static file. */
export const IIS_404 = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>404 - 找不到文件或目录。</title></head>
<body><div id="header"><h1>服务器错误</h1></div><div id="content"><div class="content-container"><fieldset>
<h2>404 - 找不到文件或目录。</h2><h3>您要查找的资源可能已被删除，已更改名称或者暂时不可用。</h3></fieldset></div></div></body></html>`
