// The WeChat side of the sandbox: a local copy of the MP console's live pages, served for
// mp.weixin.qq.com and live.weixin.qq.com (see ../../../shared/docs/sandbox-protocol.md).
//
// Pages (all accept ?token=<digits>&lang=zh_CN, which links keep):
//   mp.weixin.qq.com   /  and  /wxamp/index/index     MP home with the side menu
//                      /wxamp/frame/live[/<view>]      live console with the side menu
//   live.weixin.qq.com /livemp[/<view>]                live console alone (as inside a frame)
// where <view> is broadcast/index (rooms), broadcast/create, broadcast/edit?roomId=N,
// goods/index (商品库), help/index (使用说明) or apply (terms). The console is one Vue page that
// switches views with history.pushState; each of these paths also loads it directly.
// JSON endpoints used by the pages live under /wxamp/cgi/live/ on both hosts.
import { readFileSync } from "node:fs"
import type { IncomingMessage, ServerResponse } from "node:http"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

import { readBody, send, sendJson, type Site } from "../http"
import { GOODS_ERROR_CODE, UNVERIFIED_ANCHOR, validateGoods, validateRoom } from "./rules.js"

const here = dirname(fileURLToPath(import.meta.url))

export type GoodsStatus = "draft" | "reviewing" | "rejected" | "approved"

/** What the page learns of an uploaded image (the fixture's image shape). */
export interface ImageInfo {
  name: string
  type: string
  bytes: number
  width: number
  height: number
}

export interface Goods {
  goodsId: number
  name: string
  url: string
  priceType: 1 | 2 | 3
  /** Yuan. Type 3: the original price. */
  price: number
  /** Yuan; type 2 the high end, type 3 the current price; null for type 1. */
  price2: number | null
  /** Where the cover is served ("" when none). */
  coverUrl: string
  cover: ImageInfo | null
  status: GoodsStatus
  rejectReason: string
}

export interface Room {
  roomId: number
  name: string
  anchorName: string
  anchorWechat: string
  /** ISO date-time strings. */
  start: string
  end: string
  liveStatus: number
  allowComment: boolean
  /** Where the 直播间封面 and 分享卡片封面 are served ("" when none). */
  coverImg: string
  shareImg: string
  roomCover: ImageInfo | null
  shareCover: ImageInfo | null
  /** Goods imported into the room (goodsIds, in import order); absent means none. */
  goods?: number[]
}

/**
 * Which markup the 商品库 view and its 添加商品 dialog are drawn with: "weui" (weui-desktop, as
 * in the manual's screenshots) or "alt" (a TDesign/Element-like variant: same labels and
 * behaviour, different markup). Read at page load.
 */
export type GoodsMarkup = "weui" | "alt" | "third"
export const MARKUPS: GoodsMarkup[] = ["weui", "alt", "third"]

export interface WechatState {
  /** The mini program may use live streaming: the 直播 menu item exists. */
  qualified: boolean
  /** 直播 has been opened (申请开通 done). */
  liveOpened: boolean
  /** The next 提审 asks for the administrator's QR-code check first (cleared by 已完成验证). */
  adminCheck: boolean
  /** Anchor WeChat accounts that are not real-name verified (rooms using them fail, 300036). */
  unverifiedAnchors: string[]
  goods: Goods[]
  rooms: Room[]
  /** Markup of the goods pages (see GoodsMarkup). */
  markup: GoodsMarkup
  /**
   * Other mini programs logged in in the same browser, by MP session token (a compatible
   * extension of the protocol): a page or endpoint asked with `?token=<key>` shows that
   * account's name in the header and serves its own goods and rooms; every other token is the
   * main account (`HiMall商城`, the top-level goods and rooms).
   */
  accounts: Record<string, OtherAccount>
  /** How many goods one room may hold (WeChat answers 300033 past it; 200 is the reported figure). */
  roomGoodsCap: number
}

/** A second (third…) mini program: its name and its own 商品库 and 直播间管理. */
export interface OtherAccount {
  account: string
  goods: Goods[]
  rooms: Room[]
}

/** An image as the page posts it: the info plus a data: URL of the file. */
interface PostedImage extends ImageInfo {
  dataUrl: string
}

const IMAGE_ORIGIN = "https://mp.weixin.qq.com"
/** WeChat's reported per-room goods cap (domain.md). */
const ROOM_GOODS_CAP = 200
const ACCOUNT = "HiMall商城"

/** A room as 直播间管理 lists it, anchored by 小美 unless told otherwise, comments on, no pictures. */
export function wechatRoom(r: Pick<Room, "roomId" | "name" | "start" | "end" | "liveStatus"> & Partial<Room>): Room {
  return { anchorName: "小美", anchorWechat: "himall_anchor", allowComment: true, coverImg: "", shareImg: "", roomCover: null, shareCover: null, ...r }
}

function seed(): WechatState {
  const room = (roomId: number, name: string, start: string, end: string, liveStatus: number) => wechatRoom({ roomId, name, start, end, liveStatus })
  return {
    qualified: true,
    liveOpened: true,
    adminCheck: false,
    unverifiedAnchors: [],
    markup: "weui",
    accounts: {},
    roomGoodsCap: ROOM_GOODS_CAP,
    goods: [],
    rooms: [
      room(1, "春季新品发布直播", "2020-03-01T12:00:00.000Z", "2020-03-01T14:00:00.000Z", 103),
      room(2, "店庆特惠专场", "2030-06-01T12:00:00.000Z", "2030-06-01T14:00:00.000Z", 102)
    ]
  }
}

const STATE_KEYS: (keyof WechatState)[] = ["qualified", "liveOpened", "adminCheck", "unverifiedAnchors", "goods", "rooms", "markup", "accounts", "roomGoodsCap"]

/** Which live-console views exist below a console base path. */
const VIEWS = new Set(["", "/broadcast/index", "/broadcast/create", "/broadcast/edit", "/broadcast/goods", "/goods/index", "/help/index", "/apply"])

function page(boot: Record<string, unknown>): string {
  const extra = boot.markup === "alt" || boot.markup === "third" ? String(boot.markup) : null
  const templates = ["templates.html", ...(extra ? [`templates-${extra}.html`] : [])].map((f) => readFileSync(join(here, f), "utf8")).join("\n")
  const altCss = extra ? `\n<link rel="stylesheet" href="/__sandbox/wechat/${extra}.css">` : ""
  const json = JSON.stringify(boot).replace(/</g, "\\u003c")
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>小程序</title>
<link rel="stylesheet" href="/__sandbox/wechat/weui-desktop.css">${altCss}
<script src="/__sandbox/vendor/vue.js"></script>
<script>window.__WX_BOOT__ = ${json}</script>
<script type="module" src="/__sandbox/wechat/app.js"></script>
</head>
<body>
<div id="app"></div>
${templates}
</body>
</html>`
}

export function createWechatSite(): Site {
  let state = seed()
  /** Uploaded images by id, served at /wxamp/cgi/live/image?id=N. */
  let images = new Map<number, { type: string; data: Buffer }>()

  const nextId = (ids: number[], first: number) => Math.max(first - 1, ...ids) + 1

  /** Keep a posted image; returns its info and URL, or nulls when none was posted. */
  function storeImage(img: PostedImage | null | undefined): { info: ImageInfo | null; url: string } {
    if (!img?.dataUrl) return { info: null, url: "" }
    const m = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(img.dataUrl)
    if (!m) return { info: null, url: "" }
    const data = m[2] ? Buffer.from(m[3], "base64") : Buffer.from(decodeURIComponent(m[3]))
    const id = nextId([...images.keys()], 1)
    images.set(id, { type: img.type || m[1] || "application/octet-stream", data })
    return {
      info: { name: String(img.name), type: String(img.type), bytes: data.length, width: Number(img.width), height: Number(img.height) },
      url: `${IMAGE_ORIGIN}/wxamp/cgi/live/image?id=${id}`
    }
  }

  const findGoods = (id: unknown) => state.goods.find((g) => String(g.goodsId) === String(id))
  const findRoom = (id: unknown) => state.rooms.find((r) => String(r.roomId) === String(id))

  /** Answer for a 提审 while the administrator check is pending. */
  const ADMIN_CHECK = { ret: 200040, errmsg: "请使用微信扫描二维码进行验证", needAdminCheck: true }

  function addGoods(body: { cover?: PostedImage | null; name?: string; priceType?: number; price?: string; price2?: string; url?: string; submit?: boolean }) {
    const form = {
      cover: body.cover ?? null,
      name: String(body.name ?? ""),
      priceType: Number(body.priceType),
      price: String(body.price ?? ""),
      price2: String(body.price2 ?? ""),
      url: String(body.url ?? "")
    }
    const errors: Record<string, string> = validateGoods(form)
    const first = Object.keys(errors)[0] as keyof typeof GOODS_ERROR_CODE | undefined
    if (first) return { ret: GOODS_ERROR_CODE[first], errmsg: errors[first], errors }
    if (body.submit && state.adminCheck) return ADMIN_CHECK
    const { info, url } = storeImage(body.cover)
    const goods: Goods = {
      goodsId: nextId(
        state.goods.map((g) => g.goodsId),
        1
      ),
      name: form.name.trim(),
      url: form.url.trim(),
      priceType: form.priceType as 1 | 2 | 3,
      price: Number(form.price),
      price2: form.priceType === 1 ? null : Number(form.price2),
      coverUrl: url,
      cover: info,
      status: body.submit ? "reviewing" : "draft",
      rejectReason: ""
    }
    state.goods.push(goods)
    return { ret: 0, goodsId: goods.goodsId }
  }

  function saveRoom(body: Record<string, unknown>, roomId?: unknown) {
    const existing = roomId === undefined ? undefined : findRoom(roomId)
    if (roomId !== undefined && !existing) return { ret: 300001, errmsg: "直播间不存在" }
    // A new room needs the image data; an edit may post only the info of an image it keeps.
    const posted = (img: unknown) => {
      const i = img as PostedImage | null | undefined
      return i && (i.dataUrl || existing) ? i : null
    }
    const share = posted(body.shareCover)
    const cover = posted(body.roomCover)
    const form = {
      name: String(body.name ?? ""),
      start: String(body.start ?? ""),
      end: String(body.end ?? ""),
      anchorName: String(body.anchorName ?? ""),
      anchorWechat: String(body.anchorWechat ?? ""),
      allowComment: body.allowComment !== false,
      shareCover: share,
      roomCover: cover
    }
    const errors: Record<string, string> = validateRoom(form)
    if (!errors.anchorWechat && state.unverifiedAnchors.includes(form.anchorWechat.trim())) errors.anchorWechat = UNVERIFIED_ANCHOR
    const first = Object.keys(errors)[0]
    if (first) return { ret: errors.anchorWechat === UNVERIFIED_ANCHOR ? 300036 : 300001, errmsg: errors[first], errors }
    const keep = (img: PostedImage | null, info: ImageInfo | null, url: string) => (img?.dataUrl ? storeImage(img) : { info, url })
    const shareImg = keep(share, existing?.shareCover ?? null, existing?.shareImg ?? "")
    const coverImg = keep(cover, existing?.roomCover ?? null, existing?.coverImg ?? "")
    const room: Room = {
      roomId:
        existing?.roomId ??
        nextId(
          state.rooms.map((r) => r.roomId),
          1
        ),
      name: form.name.trim(),
      anchorName: form.anchorName.trim(),
      anchorWechat: form.anchorWechat.trim(),
      start: new Date(form.start).toISOString(),
      end: new Date(form.end).toISOString(),
      liveStatus: existing?.liveStatus ?? 102,
      allowComment: form.allowComment,
      coverImg: coverImg.url,
      shareImg: shareImg.url,
      roomCover: coverImg.info,
      shareCover: shareImg.info,
      goods: existing?.goods ?? []
    }
    if (existing) state.rooms[state.rooms.indexOf(existing)] = room
    else state.rooms.push(room)
    return { ret: 0, roomId: room.roomId }
  }

  // --- goods in rooms and the 已入库 goods edit (issue 11) ---
  /** The goods a room holds, in import order (goods since deleted are left out). */
  const roomGoodsOf = (room: Room) => (room.goods ?? []).map((id) => findGoods(id)).filter((g): g is Goods => !!g)

  function roomGoodsApi(path: string, body: Record<string, unknown>): unknown {
    if (path === "/goods/update") {
      // Approved goods: only the price form and prices change (domain.md).
      const goods = findGoods(body.goodsId)
      if (!goods) return { ret: 300001, errmsg: "商品不存在" }
      if (goods.status !== "approved") return { ret: 300010, errmsg: "仅已入库商品可修改价格" }
      const form = {
        cover: goods.cover ?? { name: "", type: "image/jpeg", bytes: 1, width: 200, height: 200 },
        name: goods.name,
        url: goods.url,
        priceType: Number(body.priceType),
        price: String(body.price ?? ""),
        price2: String(body.price2 ?? "")
      }
      const errors: Record<string, string> = validateGoods(form)
      if (errors.price) return { ret: GOODS_ERROR_CODE.price, errmsg: errors.price, errors: { price: errors.price } }
      goods.priceType = form.priceType as 1 | 2 | 3
      goods.price = Number(form.price)
      goods.price2 = form.priceType === 1 ? null : Number(form.price2)
      return { ret: 0 }
    }
    const room = findRoom(body.roomId)
    if (!room) return { ret: 300001, errmsg: "直播间不存在" }
    if (path === "/room/goods") return { ret: 0, goods: roomGoodsOf(room), cap: state.roomGoodsCap }
    if (path === "/room/goods/remove") {
      room.goods = (room.goods ?? []).filter((id) => String(id) !== String(body.goodsId))
      return { ret: 0 }
    }
    const ids = Array.isArray(body.goodsIds) ? body.goodsIds.map(Number) : []
    const fresh = ids.filter((id) => !(room.goods ?? []).includes(id))
    if (fresh.some((id) => findGoods(id)?.status !== "approved")) return { ret: 300025, errmsg: "商品未入库，不能导入直播间" }
    if ((room.goods ?? []).length + fresh.length > state.roomGoodsCap) return { ret: 300033, errmsg: `直播间商品数量超过上限（最多${state.roomGoodsCap}个）` }
    room.goods = [...(room.goods ?? []), ...fresh]
    return { ret: 0, added: fresh.length }
  }
  // --- end goods in rooms ---

  /**
   * The JSON endpoints behind the pages; returns undefined for an unknown one. For another
   * account's token, its goods and rooms stand in for the main ones while the (synchronous)
   * handler runs, and are written back after.
   */
  async function api(req: IncomingMessage, path: string, token: string | null): Promise<unknown> {
    const body = req.method === "POST" ? JSON.parse((await readBody(req)) || "{}") : {}
    const other = token ? state.accounts[token] : undefined
    if (!other) return handleApi(req.method ?? "GET", path, body)
    const main = state
    state = { ...main, goods: other.goods, rooms: other.rooms }
    try {
      return handleApi(req.method ?? "GET", path, body)
    } finally {
      other.goods = state.goods
      other.rooms = state.rooms
      state = main
    }
  }

  function handleApi(method: string, path: string, body: any): unknown {
    switch (`${method} ${path}`) {
      case "POST /apply":
        if (!state.qualified) return { ret: 300021, errmsg: "你的小程序暂不满足直播功能开通条件" }
        if (body.agree !== true) return { ret: 300022, errmsg: "请阅读并同意服务条款" }
        state.liveOpened = true
        return { ret: 0 }
      case "POST /admincheck":
        state.adminCheck = false
        return { ret: 0 }
      case "GET /goods/list":
        return { ret: 0, goods: state.goods }
      case "POST /goods/add":
        return addGoods(body)
      case "POST /goods/submit": {
        const goods = findGoods(body.goodsId)
        if (!goods) return { ret: 300001, errmsg: "商品不存在" }
        if (goods.status !== "draft" && goods.status !== "rejected") return { ret: 300010, errmsg: "商品状态不允许提审" }
        if (state.adminCheck) return ADMIN_CHECK
        goods.status = "reviewing"
        goods.rejectReason = ""
        return { ret: 0 }
      }
      case "POST /goods/delete":
        state.goods = state.goods.filter((g) => String(g.goodsId) !== String(body.goodsId))
        return { ret: 0 }
      case "GET /room/list":
        return { ret: 0, rooms: state.rooms }
      case "POST /room/create":
        return saveRoom(body)
      case "POST /room/update":
        return saveRoom(body, body.roomId)
      case "POST /room/delete":
        state.rooms = state.rooms.filter((r) => String(r.roomId) !== String(body.roomId))
        return { ret: 0 }
      // --- goods in rooms and the 已入库 goods edit (issue 11) ---
      case "POST /room/goods":
      case "POST /room/goods/import":
      case "POST /room/goods/remove":
      case "POST /goods/update":
        return roomGoodsApi(path, body)
      // --- end goods in rooms ---
    }
    return undefined
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
      const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase()
      const path = url.pathname.replace(/\/+$/, "") || "/"
      if (path === "/wxamp/cgi/live/image") {
        const img = images.get(Number(url.searchParams.get("id")))
        if (!img) return false
        send(res, 200, img.type, img.data)
        return true
      }
      if (path.startsWith("/wxamp/cgi/live/")) {
        const answer = await api(req, path.slice("/wxamp/cgi/live".length), url.searchParams.get("token"))
        if (answer === undefined) return false
        sendJson(res, answer)
        return true
      }
      const token = url.searchParams.get("token")
      const account = (token && state.accounts[token]?.account) || ACCOUNT
      const boot = { qualified: state.qualified, liveOpened: state.liveOpened, account, markup: state.markup }
      if (host === "mp.weixin.qq.com") {
        if (path === "/" || path === "/wxamp/index/index") {
          send(res, 200, "text/html; charset=utf-8", page({ ...boot, site: "mp", page: "home" }))
          return true
        }
        const base = "/wxamp/frame/live"
        if (path === base || (path.startsWith(base + "/") && VIEWS.has(path.slice(base.length)))) {
          send(res, 200, "text/html; charset=utf-8", page({ ...boot, site: "mp", page: "live", base }))
          return true
        }
      }
      if (host === "live.weixin.qq.com") {
        const base = "/livemp"
        if (path === base || (path.startsWith(base + "/") && VIEWS.has(path.slice(base.length)))) {
          send(res, 200, "text/html; charset=utf-8", page({ ...boot, site: "live", page: "live", base }))
          return true
        }
      }
      return false
    },

    getState: () => state,

    setState(patch: Record<string, unknown>) {
      const unknown = Object.keys(patch).filter((k) => !STATE_KEYS.includes(k as keyof WechatState))
      if (unknown.length) throw new Error(`unknown WeChat state keys: ${unknown.join(", ")}`)
      if ("markup" in patch && !MARKUPS.includes(patch.markup as GoodsMarkup))
        throw new Error(`markup must be one of ${MARKUPS.map((m) => JSON.stringify(m)).join(", ")}, got ${JSON.stringify(patch.markup)}`)
      state = { ...state, ...(patch as Partial<WechatState>) }
    },

    reset() {
      state = seed()
      images = new Map()
    },

    review(body) {
      const goods =
        findGoods(body.goodsId) ??
        Object.values(state.accounts)
          .flatMap((a) => a.goods)
          .find((g) => String(g.goodsId) === String(body.goodsId))
      if (!goods) throw new Error(`no goods with goodsId ${String(body.goodsId)}`)
      if (goods.status !== "reviewing" && goods.status !== "draft") throw new Error(`goods ${goods.goodsId} is ${goods.status}, not waiting for review`)
      if (body.result === "approve") {
        goods.status = "approved"
        goods.rejectReason = ""
      } else if (body.result === "reject") {
        goods.status = "rejected"
        goods.rejectReason = typeof body.reason === "string" && body.reason ? body.reason : "商品信息不符合平台规范"
      } else throw new Error(`result must be "approve" or "reject", got ${String(body.result)}`)
      return goods
    }
  }
}
