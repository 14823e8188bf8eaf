// A HiMall shop (ASP.NET MVC admin + IIS static files), one instance per *.sandbox.test host.
//
// Routes (case-insensitive, as ASP.NET; every /Admin/… route also answers as /SellerAdmin/…,
// where lists only hold shop 1's products and rooms):
//   GET  /Admin/Product/Management            product list page (table#list datagrid)
//   POST /Admin/Product/List                  {rows, total} (platform rows id, name, …; seller rows Id, Name, …);
//                                             form: page, rows, keyWords, shopName,
//                                             productCode, brandName, categoryName, productType,
//                                             auditStatus, saleStatus, sort, order
//   POST /Admin/Product/BatchInfractionSaleOff  ids=1,2 → 违规下架 (auditStatus 4)
//   GET  /Admin/Live/Management               live rooms page (营销 → 小程序直播)
//   POST /Admin/Live/List                     {rows, total}; form: page, rows, name, anchorName, shopName, status
//   POST /Admin/Live/Sync                     copies the WeChat sandbox's rooms; counts syncCalls
//   POST /Admin/Live/SetBanner                {roomId, banner} → the room's cover
//   POST /Admin/Live/SetShop                  {roomId, shopId} → 分配商家
//   GET  /Admin/WXSmallProgram/HomePageSetting  homepage editor (首页配置): HiMall's DIY editor
//                                             (homepageEditor "diy") or the older 图片导航 editor
//   GET  /Admin/TemplateVisualizationAjax/Hi_Ajax_GetTemplateByID?client=smallprog&type=13
//                                             the saved DIY page (text/html, BOM + JSON {page, PModules, LModules})
//   POST /Admin/TemplateVisualizationAjax/Hi_Ajax_SaveTemplate  content=JSON → state.homepage
//   POST /Admin/WXSmallProgram/SaveHomePage   JSON {modules} → state.homepage (older editor)
//   POST /common/publicOperation/UploadPic    multipart upload (≤ 2 MB image) → {success, src}
//   GET  /Storage/Shop/{shopId}/Products/{id}/1.png, 1_{50,100,150,220,350}.png  (see images.ts)
//   GET  /Storage/Live/{name}                 uploaded covers
//   GET  /Storage/Plat/ImageNav/{key}.png     图片导航 icons
import type { IncomingMessage, ServerResponse } from "node:http"

import { readForm, readRawBody, send, sendJson, type Site } from "../http"
import { navIcon, productImage, SLOW_DELAY_MS, THUMB_SIZES } from "./images"
import { parseMultipart } from "./multipart"
import {
  homePageDiyPage,
  homePageSettingPage,
  IIS_404,
  liveManagementPage,
  liveProductPage,
  LOGIN_PAGE,
  productManagementPage,
  type Area,
  type LiveVariant
} from "./pages"
import {
  seedDiyHomepage,
  seedHomepage,
  seedProducts,
  seedRooms,
  SHOPS,
  STATUS_DESC,
  type DiyHomepage,
  type Homepage,
  type ImageKind,
  type Product,
  type Room
} from "./seed"

/** The seller backend (/SellerAdmin/…) is shop 1's. */
const SELLER_SHOP_ID = 1
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024

interface State {
  products: Product[]
  rooms: Room[]
  /** Count of POST /admin/Live/Sync. */
  syncCalls: number
  /**
   * The saved mini-program homepage, in the shape of the editor in use: for `homepageEditor`
   * "diy" HiMall's DIY page `{ page, PModules, LModules }` (what Hi_Ajax_GetTemplateByID
   * answers); for "imageNav" the older 图片导航 editor's `{ modules }`.
   */
  homepage: DiyHomepage | Homepage
  /** Which 首页配置 editor the shop runs: "diy" (HiMall's DIY editor, ajax-loaded) or "imageNav" (the older, inline 图片导航 editor). */
  homepageEditor: "diy" | "imageNav"
  /** Whether the product rows carry `.thisPrice` (false: HiMall's seller tabs that draw none; the price is then only in the 商品 cell or the endpoint). */
  rowPriceInput: boolean
  /** Whether the product list draws the 直播链接 link (older HiMall versions do). */
  liveLinkAction: boolean
  /** Whether the live room grid draws the room id as a hidden input (false: a version whose rows carry it only through the endpoint). */
  liveRoomIdInput: boolean
  /** The 商品链接 the 小程序直播链接 dialog shows, `{id}` standing for the product id. */
  liveLinkFormat: string
  /** Which 小程序直播 page: `himall` (the real one, Dec 2021) or `older` (room id in a hidden input, a file input in 封面设置, JSON uploads). */
  liveVariant: LiveVariant
  /** `himall` platform page: draw 设置封面图 (older versions and the manual do). */
  liveAdminBanner: boolean
}

/** HiMall's own 商品链接: the mini-program product page. */
export const LIVE_LINK_FORMAT = "pages/productdetail/productdetail?id={id}"

function seedState(): State {
  return {
    products: seedProducts(),
    rooms: seedRooms(),
    syncCalls: 0,
    homepage: seedDiyHomepage(),
    homepageEditor: "diy",
    rowPriceInput: true,
    liveLinkAction: true,
    liveRoomIdInput: true,
    liveLinkFormat: LIVE_LINK_FORMAT,
    liveVariant: "himall",
    liveAdminBanner: false
  }
}

const num = (v: unknown, fallback = 0) => {
  const n = Number(v)
  return Number.isFinite(n) ? n : fallback
}

/** Fill the fields a test may leave out when it seeds products through /__fixture/state. */
function normalizeProduct(p: Partial<Product>, i: number): Product {
  const shopId = num(p.shopId, 1)
  const price = p.price ?? 0
  return {
    id: num(p.id, i + 1),
    name: String(p.name ?? ""),
    price,
    maxPrice: p.maxPrice ?? price,
    shopId,
    shopName: p.shopName ?? SHOPS[shopId] ?? `店铺${shopId}`,
    brandName: p.brandName ?? "",
    categoryName: p.categoryName ?? "",
    productCode: p.productCode ?? "",
    saleStatus: num(p.saleStatus, 1),
    auditStatus: num(p.auditStatus, 2),
    productType: num(p.productType, 0),
    saleCounts: num(p.saleCounts),
    virtualSaleCounts: num(p.virtualSaleCounts),
    displaySequence: num(p.displaySequence),
    addedDate: p.addedDate ?? "2020-02-14 12:00:00",
    imageKind: (p.imageKind ?? "jpeg") as ImageKind
  }
}

function normalizeRoom(r: Partial<Room>): Room {
  const status = num(r.status, 102)
  const shopId = num(r.shopId, SELLER_SHOP_ID)
  return {
    roomId: num(r.roomId),
    name: String(r.name ?? ""),
    anchorName: String(r.anchorName ?? ""),
    anchorWechat: String(r.anchorWechat ?? ""),
    shopId,
    shopName: r.shopName ?? SHOPS[shopId] ?? "",
    status,
    statusDesc: r.statusDesc ?? STATUS_DESC[status] ?? "",
    start: r.start ?? "",
    end: r.end ?? "",
    coverImg: r.coverImg ?? "",
    sequence: num(r.sequence),
    cartMember: num(r.cartMember),
    cartCount: num(r.cartCount),
    payMember: num(r.payMember),
    payOrders: num(r.payOrders),
    payAmount: num(r.payAmount),
    id: num(r.id, num(r.roomId) + 1000),
    recordingUrls: Array.isArray(r.recordingUrls) ? r.recordingUrls.map(String) : [],
    products: Array.isArray(r.products) ? r.products.map((p) => num(p)) : []
  }
}

/** WeChat times may be unix seconds, milliseconds or date strings; answer ISO or "". */
function toIso(v: unknown): string {
  if (v === undefined || v === null || v === "") return ""
  const n = Number(v)
  const d = Number.isFinite(n) ? new Date(n < 1e12 ? n * 1000 : n) : new Date(String(v))
  return Number.isNaN(d.getTime()) ? "" : d.toISOString()
}

/** "yyyy-MM-dd HH:mm" in China time (UTC+8), as HiMall shows times. */
function chinaTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ""
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ")
}

const imageUrl = (p: Product, size: number) => `/Storage/Shop/${p.shopId}/Products/${p.id}/1_${size}.png`

/** The list picture: HiMall's lists show the 50×50 thumbnail. */
const LIST_IMAGE_SIZE = 50

/** 状态 as the platform list shows it (HiMall's ShowProductState). */
function stateText(p: Product): string {
  if (p.auditStatus === 4) return "违规下架"
  if (p.auditStatus === 1) return "待审核"
  if (p.auditStatus === 3) return "未通过"
  return ({ 1: "销售中", 2: "仓库中", 3: "草稿箱" } as Record<number, string>)[p.saleStatus] ?? ""
}

/** A row of POST /Admin/Product/List (the platform's ProductModel, its capitalisation). */
function adminProductRow(p: Product) {
  return {
    id: p.id,
    name: p.name,
    brandName: p.brandName,
    categoryName: p.categoryName,
    imgUrl: imageUrl(p, LIST_IMAGE_SIZE),
    price: p.price,
    MaxPrice: p.maxPrice,
    state: stateText(p),
    auditStatus: p.auditStatus,
    url: "",
    auditReason: p.auditStatus === 4 ? "违规" : "",
    shopId: p.shopId,
    shopName: p.shopName,
    saleStatus: p.saleStatus,
    productCode: p.productCode,
    saleCounts: p.saleCounts,
    CheckDate: p.addedDate.slice(0, 16),
    DisplaySequence: p.displaySequence,
    VirtualSaleCounts: p.virtualSaleCounts,
    ProductType: p.productType,
    stock: 100
  }
}

/** A row of POST /SellerAdmin/Product/List (the seller's ProductModel: other capitalisation, other names). */
function sellerProductRow(p: Product) {
  return {
    Name: p.name,
    Id: p.id,
    Image: imageUrl(p, LIST_IMAGE_SIZE),
    Price: p.price,
    MaxPrice: p.maxPrice,
    Url: "",
    PublishTime: p.addedDate.slice(0, 16),
    SaleState: p.saleStatus,
    AuditState: p.auditStatus,
    AuditReason: "",
    ProductCode: p.productCode,
    SaleCount: p.saleCounts,
    CategoryName: p.categoryName,
    BrandName: p.brandName,
    Stock: 100,
    ShopDisplaySequence: p.displaySequence,
    VirtualSaleCounts: p.virtualSaleCounts,
    ProductType: p.productType,
    ShopId: p.shopId
  }
}

/** What both pages' rows of POST /Admin/Live/List hold, under the same names. */
function roomFields(r: Room) {
  return {
    RoomId: r.roomId,
    Name: r.name,
    ShopId: r.shopId,
    ShopName: r.shopName,
    AnchorName: r.anchorName,
    Status: r.status,
    StatusDesc: r.statusDesc,
    StartTimeStr: chinaTime(r.start),
    EndTimeStr: chinaTime(r.end),
    CoverImg: r.coverImg,
    Sequence: r.sequence,
    CartMember: r.cartMember,
    CartCount: r.cartCount
  }
}

/** The row of POST /Admin/Live/List on the real page (HiMall's LiveViewModel). */
function himallRoomRow(r: Room) {
  return {
    Id: r.id,
    ...roomFields(r),
    PaymentMember: r.payMember,
    PaymentOrder: r.payOrders,
    PaymentAmount: r.payAmount,
    ProductCount: r.products.length,
    RecordingUrlList: r.recordingUrls
  }
}

/** The row of POST /Admin/Live/List on the older page. */
function roomRow(r: Room) {
  return { ...roomFields(r), PayMember: r.payMember, PayOrders: r.payOrders, PayAmount: r.payAmount.toFixed(2) }
}

function page<T>(items: T[], form: Record<string, string>) {
  const rows = Math.max(1, num(form.rows, 15))
  const pageNo = Math.max(1, num(form.page, 1))
  return { rows: items.slice((pageNo - 1) * rows, pageNo * rows), total: items.length }
}

const has = (field: string, q: string | undefined) => !q || field.toLowerCase().includes(q.trim().toLowerCase())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function createHimallSite(host: string, deps: { wechat: Site }): Site {
  let state = seedState()
  /** Uploaded files by stored path (/Storage/Live/…). */
  let uploads = new Map<string, { type: string; bytes: Buffer }>()
  let uploadSeq = 0

  const products = (seller: boolean) => (seller ? state.products.filter((p) => p.shopId === SELLER_SHOP_ID) : state.products)
  const rooms = (seller: boolean) => (seller ? state.rooms.filter((r) => r.shopId === SELLER_SHOP_ID) : state.rooms)
  const shopList = () => Object.entries(SHOPS).map(([id, name]) => ({ id: Number(id), name }))

  function listProducts(form: Record<string, string>, seller: boolean) {
    const sortable: Record<string, (p: Product) => number | string> = {
      displaySequence: (p) => p.displaySequence,
      saleCounts: (p) => p.saleCounts,
      addedDate: (p) => p.addedDate
    }
    // The grid sends the header's field (HiMall's names: DisplaySequence, saleCounts, CheckDate).
    const sortKey = (form.sort ?? form.Sort ?? "").toLowerCase()
    const key = sortKey.includes("sequence") ? sortable.displaySequence : sortKey === "salecounts" ? sortable.saleCounts : sortable.addedDate
    const dir = form.order === "asc" || form.IsAsc === "true" ? 1 : -1
    const items = products(seller)
      .filter(
        (p) =>
          has(p.name, form.keyWords) &&
          has(p.shopName, form.shopName) &&
          has(p.productCode, form.productCode) &&
          has(p.brandName, form.brandName) &&
          has(p.categoryName, form.categoryName) &&
          (!form.productType || p.productType === num(form.productType)) &&
          (!form.auditStatus || p.auditStatus === num(form.auditStatus)) &&
          (!form.saleStatus || p.saleStatus === num(form.saleStatus))
      )
      .sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : b.id - a.id))
    const result = page(items, form)
    const rows: Record<string, unknown>[] = result.rows.map((p) => (seller ? sellerProductRow(p) : adminProductRow(p)))
    return { rows, total: result.total }
  }

  function listRooms(form: Record<string, string>, seller: boolean) {
    const q = (k: string) => form[k] ?? form[k[0].toUpperCase() + k.slice(1)]
    const rowOf: (r: Room) => Record<string, unknown> = state.liveVariant === "older" ? roomRow : himallRoomRow
    const items: Record<string, unknown>[] = rooms(seller)
      .filter(
        (r) => has(r.name, q("name")) && has(r.anchorName, q("anchorName")) && has(r.shopName, q("shopName")) && (!q("status") || r.status === num(q("status")))
      )
      .map(rowOf)
    // Default order: 序号 descending, newest room first; the grid may sort by a numeric column.
    const key = (r: Record<string, unknown>) => num(r[form.sort in r ? form.sort : "Sequence"])
    const dir = form.order === "asc" ? 1 : -1
    items.sort((a, b) => dir * (key(a) - key(b)) || num(b.RoomId) - num(a.RoomId))
    return page(items, form)
  }

  /** POST …/Live/LiveProductList { RoomId, ProductName, page, rows }: the room's goods. */
  function listRoomProducts(form: Record<string, string>, seller: boolean) {
    const room = rooms(seller).find((r) => r.roomId === num(form.RoomId ?? form.roomId, NaN))
    const items = (room?.products ?? [])
      .map((id) => state.products.find((p) => p.id === id))
      .filter((p): p is Product => !!p && has(p.name, form.ProductName ?? form.productName))
      .map((p) => ({
        ProductId: p.id,
        Name: p.name,
        Image: imageUrl(p, 220),
        Url: `pages/productdetail/productdetail?id=${p.id}`,
        Price: typeof p.price === "number" ? p.price : num(p.price),
        SaleCount: 0,
        SaleAmount: 0
      }))
    return page(items, form)
  }

  /** 获取小程序数据: add new WeChat rooms, update name/anchor/status/times of known ones, keep covers. */
  function sync() {
    state.syncCalls++
    const wx = deps.wechat.getState() as { rooms?: unknown }
    const wxRooms = Array.isArray(wx?.rooms) ? (wx.rooms as Record<string, unknown>[]) : []
    for (const w of wxRooms) {
      const roomId = num(w.roomId ?? w.roomid, NaN)
      if (!Number.isFinite(roomId)) continue
      const status = num(w.liveStatus ?? w.live_status, 102)
      const fresh = {
        name: String(w.name ?? ""),
        anchorName: String(w.anchorName ?? w.anchor_name ?? ""),
        anchorWechat: String(w.anchorWechat ?? ""),
        status,
        statusDesc: STATUS_DESC[status] ?? String(status),
        start: toIso(w.start ?? w.start_time),
        end: toIso(w.end ?? w.end_time)
      }
      const known = state.rooms.find((r) => r.roomId === roomId)
      if (known) Object.assign(known, fresh)
      else state.rooms.push(normalizeRoom({ roomId, ...fresh, coverImg: "" }))
    }
  }

  /**
   * HiMall's UploadPic (Controllers/PublicOperationController.cs): answers text/html, the stored
   * path `/temp/<time><i>.<ext>` or a refusal text (NoFile, 格式不正确！, 上传的图片格式不正确).
   * It checks the file name's extension only; the sandbox also refuses bytes that are no image
   * and files over 2 MB (文件大小不能超过2M！), which the real client checks before posting.
   */
  async function uploadText(req: IncomingMessage): Promise<string> {
    const parts = parseMultipart(req.headers["content-type"] ?? "", await readRawBody(req))
    const file = parts.find((p) => p.filename !== undefined)
    if (!file) return "NoFile"
    if (file.data.length === 0) return "格式不正确！"
    if (!/\.(jpe?g|png|gif|bmp)$/i.test(file.filename ?? "")) return "上传的图片格式不正确"
    if (file.data.length > MAX_UPLOAD_BYTES) return "文件大小不能超过2M！"
    const type = sniffImage(file.data)
    if (!type) return "上传的图片格式不正确"
    uploadSeq++
    const ext = (/\.([a-z]+)$/i.exec(file.filename ?? "")?.[1] ?? "jpg").toLowerCase()
    const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\D/g, "").slice(0, 17)
    const src = `/temp/${stamp}${String(uploadSeq).padStart(3, "0")}0.${ext}`
    uploads.set(src.toLowerCase(), { type, bytes: file.data })
    return src
  }

  async function upload(req: IncomingMessage) {
    const parts = parseMultipart(req.headers["content-type"] ?? "", await readRawBody(req))
    const file = parts.find((p) => p.filename !== undefined)
    if (!file || file.data.length === 0) return { success: false, msg: "请选择要上传的文件" }
    if (file.data.length > MAX_UPLOAD_BYTES) return { success: false, msg: "文件大小不能超过2M" }
    const type = sniffImage(file.data)
    if (!type) return { success: false, msg: "格式不正确！请上传jpg、png、gif格式的图片" }
    uploadSeq++
    const ext = type === "image/jpeg" ? "jpg" : type.slice("image/".length)
    const src = `/Storage/Live/${Date.now()}${String(uploadSeq).padStart(3, "0")}.${ext}`
    uploads.set(src.toLowerCase(), { type, bytes: file.data })
    return { success: true, msg: "上传成功", src }
  }

  async function serveProductImage(res: ServerResponse, shopId: number, id: number, size: number) {
    const product = state.products.find((p) => p.id === id && p.shopId === shopId)
    if (!product || product.imageKind === "missing") return send(res, 404, "text/html; charset=utf-8", IIS_404)
    if (product.imageKind === "html") return send(res, 200, "text/html; charset=utf-8", LOGIN_PAGE)
    if (product.imageKind === "empty") return send(res, 200, "image/png", Buffer.alloc(0))
    if (product.imageKind === "slow") await sleep(SLOW_DELAY_MS)
    const bytes = productImage(id, product.imageKind, size)
    if (!bytes) return send(res, 404, "text/html; charset=utf-8", IIS_404)
    send(res, 200, "image/png", await bytes)
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname.replace(/\/+$/, "").toLowerCase()
    const method = req.method ?? "GET"

    // Static files under /Storage (IIS).
    let m = path.match(/^\/storage\/shop\/(\d+)\/products\/(\d+)\/1(?:_(\d+))?\.png$/)
    if (m && method === "GET") {
      const size = m[3] ? Number(m[3]) : 0
      if (size && !THUMB_SIZES.includes(size)) send(res, 404, "text/html; charset=utf-8", IIS_404)
      else await serveProductImage(res, Number(m[1]), Number(m[2]), size)
      return true
    }
    if ((path.startsWith("/storage/live/") || path.startsWith("/temp/")) && method === "GET") {
      const file = uploads.get(path)
      if (file) send(res, 200, file.type, file.bytes)
      else send(res, 404, "text/html; charset=utf-8", IIS_404)
      return true
    }
    m = path.match(/^\/storage\/plat\/imagenav\/([a-z0-9-]+)\.png$/)
    if (m && method === "GET") {
      send(res, 200, "image/png", await navIcon(m[1]))
      return true
    }
    if (path === "/common/publicoperation/uploadpic" && method === "POST") {
      if (state.liveVariant === "older") sendJson(res, await upload(req))
      else send(res, 200, "text/html; charset=utf-8", await uploadText(req))
      return true
    }

    if (path === "" || path === "/admin" || path === "/selleradmin") {
      res.writeHead(302, { location: `${path === "/selleradmin" ? "/SellerAdmin" : "/Admin"}/Product/Management` })
      res.end()
      return true
    }

    // Controller actions: /{Admin|SellerAdmin}/{Controller}/{Action}.
    m = path.match(/^\/(admin|selleradmin)\/([a-z]+)\/([a-z_]+)$/)
    if (!m) return false
    const area: Area = m[1] === "admin" ? "Admin" : "SellerAdmin"
    const seller = area === "SellerAdmin"
    const route = `${method} ${m[2]}/${m[3]}`
    const html = (body: string) => send(res, 200, "text/html; charset=utf-8", body)

    switch (route) {
      case "GET product/management":
        html(productManagementPage(area, Object.values(SHOPS), state.liveLinkAction, state.liveLinkFormat, state.rowPriceInput))
        return true
      case "POST product/list":
        sendJson(res, listProducts(await readForm(req), seller))
        return true
      case "POST product/batchinfractionsaleoff": {
        const ids = new Set((await readForm(req)).ids?.split(",").map(Number) ?? [])
        for (const p of products(seller)) if (ids.has(p.id)) p.auditStatus = 4
        sendJson(res, { success: true, msg: "操作成功！" })
        return true
      }
      case "GET live/management":
        html(liveManagementPage(area, shopList(), { variant: state.liveVariant, roomIdInput: state.liveRoomIdInput, adminBanner: state.liveAdminBanner }))
        return true
      case "GET live/liveproduct":
        html(liveProductPage(area, url.searchParams.get("roomId") ?? url.searchParams.get("roomid") ?? ""))
        return true
      case "POST live/liveproductlist":
        sendJson(res, listRoomProducts(await readForm(req), seller))
        return true
      case "POST live/setsequence": {
        const form = await readForm(req)
        const room = rooms(seller).find((r) => r.roomId === num(form.roomId, NaN))
        if (!room) sendJson(res, { success: false, msg: "直播间不存在" })
        else {
          room.sequence = num(form.sequence)
          sendJson(res, { success: true })
        }
        return true
      }
      case "POST live/delivereplay": {
        const form = await readForm(req)
        const room = rooms(seller).find((r) => r.roomId === num(form.RoomId ?? form.roomId, NaN))
        if (room) room.recordingUrls = []
        sendJson(res, room ? { success: true } : { success: false, msg: "直播间不存在" })
        return true
      }
      case "POST live/delliveroom": {
        const form = await readForm(req)
        const before = state.rooms.length
        state.rooms = state.rooms.filter((r) => !(r.id === num(form.Id ?? form.id, NaN) && (!seller || r.shopId === SELLER_SHOP_ID)))
        sendJson(res, state.rooms.length < before ? { success: true } : { success: false, msg: "直播间不存在" })
        return true
      }
      case "POST live/list":
        sendJson(res, listRooms(await readForm(req), seller))
        return true
      case "POST live/sync":
        sync()
        sendJson(res, { success: true, msg: "获取成功！" })
        return true
      case "POST live/setbanner": {
        const form = await readForm(req)
        const room = rooms(seller).find((r) => r.roomId === num(form.roomId, NaN))
        if (!room) sendJson(res, { success: false, msg: "直播间不存在" })
        else if (!form.banner) sendJson(res, { success: false, msg: "请上传封面图" })
        else {
          room.coverImg = form.banner
          sendJson(res, { success: true, msg: "设置成功！" })
        }
        return true
      }
      case "POST live/setshop": {
        const form = await readForm(req)
        const room = state.rooms.find((r) => r.roomId === num(form.roomId, NaN))
        const shopId = num(form.shopId, NaN)
        if (!room || !SHOPS[shopId]) sendJson(res, { success: false, msg: "参数错误" })
        else {
          room.shopId = shopId
          room.shopName = SHOPS[shopId]
          sendJson(res, { success: true, msg: "分配成功！" })
        }
        return true
      }
      case "GET wxsmallprogram/homepagesetting": {
        const roomCards = state.rooms.map((r) => ({ roomId: r.roomId, name: r.name, coverImg: r.coverImg, statusDesc: r.statusDesc }))
        html(state.homepageEditor === "diy" ? homePageDiyPage(area, roomCards) : homePageSettingPage(area, state.homepage as Homepage, roomCards))
        return true
      }
      case "GET templatevisualizationajax/hi_ajax_gettemplatebyid":
      case "POST templatevisualizationajax/hi_ajax_gettemplatebyid": {
        // HiMall answers the template file's text (UTF-8 with a BOM, as text/html), or nothing
        // when the shop has none (here: when the older editor is in use).
        const diy = state.homepageEditor === "diy" && url.searchParams.get("client")?.toLowerCase() === "smallprog"
        send(res, 200, "text/html; charset=utf-8", diy ? "\uFEFF" + JSON.stringify(state.homepage) : "")
        return true
      }
      case "POST templatevisualizationajax/hi_ajax_savetemplate": {
        const form = await readForm(req)
        try {
          const page = JSON.parse(form.content ?? "")
          if (!Array.isArray(page?.LModules)) throw new Error("LModules")
          state.homepage = page
          sendJson(res, { success: true, status: 1, msg: "保存成功！" })
        } catch {
          sendJson(res, { success: false, status: 0, msg: "数据格式错误" })
        }
        return true
      }
      case "POST wxsmallprogram/savehomepage": {
        const form = await readForm(req)
        try {
          const homepage = JSON.parse(form.homepage ?? "")
          if (!Array.isArray(homepage?.modules)) throw new Error("modules")
          state.homepage = homepage
          sendJson(res, { success: true, msg: "保存成功！" })
        } catch {
          sendJson(res, { success: false, msg: "数据格式错误" })
        }
        return true
      }
    }
    return false
  }

  return {
    handle,
    getState: () => ({ host, ...state, products: state.products.map((p) => ({ ...p, imgUrl: imageUrl(p, LIST_IMAGE_SIZE) })) }),
    setState(patch) {
      if (Array.isArray(patch.products)) state.products = (patch.products as Partial<Product>[]).map(normalizeProduct)
      if (Array.isArray(patch.rooms)) state.rooms = (patch.rooms as Partial<Room>[]).map(normalizeRoom)
      if (patch.syncCalls !== undefined) state.syncCalls = num(patch.syncCalls)
      if (patch.homepageEditor === "diy" || patch.homepageEditor === "imageNav") {
        // Another editor: its own seed page unless the same patch brings one.
        if (patch.homepageEditor !== state.homepageEditor && patch.homepage === undefined)
          state.homepage = patch.homepageEditor === "diy" ? seedDiyHomepage() : seedHomepage()
        state.homepageEditor = patch.homepageEditor
      }
      if (patch.homepage !== undefined) state.homepage = patch.homepage as DiyHomepage | Homepage
      if (patch.rowPriceInput !== undefined) state.rowPriceInput = Boolean(patch.rowPriceInput)
      if (patch.liveLinkAction !== undefined) state.liveLinkAction = Boolean(patch.liveLinkAction)
      if (patch.liveRoomIdInput !== undefined) state.liveRoomIdInput = Boolean(patch.liveRoomIdInput)
      if (patch.liveLinkFormat !== undefined) state.liveLinkFormat = String(patch.liveLinkFormat)
      if (patch.liveVariant !== undefined) state.liveVariant = patch.liveVariant === "older" ? "older" : "himall"
      if (patch.liveAdminBanner !== undefined) state.liveAdminBanner = Boolean(patch.liveAdminBanner)
    },
    reset() {
      state = seedState()
      uploads = new Map()
    }
  }
}

/** Content type of image bytes by their magic number, or undefined when not an image. */
function sniffImage(b: Buffer): string | undefined {
  if (b[0] === 0xff && b[1] === 0xd8) return "image/jpeg"
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png"
  if (b.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif"
  if (b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp"
  return undefined
}
