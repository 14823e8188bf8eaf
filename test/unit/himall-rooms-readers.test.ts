// The HiMall readers of 小程序直播 and 首页配置: endpoint rows, the room grid (with and without
// HiMall's hidden room id), 获取小程序数据 and its answer, the 封面设置 dialog, and the homepage's
// live entrance. The pages are the sandbox's own (its server-rendered HTML run with jQuery and
// its page scripts in jsdom, the list endpoint answered in-process), plus hand-written variants.
import { readFileSync } from "node:fs"
import { join } from "node:path"

// @ts-expect-error jquery ships no types here (the sandbox's page scripts use it untyped)
import jquery from "jquery"
import { beforeEach, describe, expect, it, vi } from "vitest"

import { decideEntrance, homepageFromData, readHomepage } from "~sites/himall/homepage"
import {
  answerIsSuccess,
  dialogErrorText,
  dialogImages,
  fetchAllRooms,
  findCoverDialogs,
  gridRowToShopRoom,
  withGridDetails,
  liveProductListUrl,
  liveProductRoomId,
  liveProductRowToItem,
  readUploadAnswer,
  roomIdOf,
  showInPictureBox,
  findRoomGrid,
  findSyncButton,
  liveListUrl,
  liveRowToShopRoom,
  parseHimallTime,
  readGridRows,
  resolveRoomIds,
  watchForToast
} from "~sites/himall/live-rooms"
import { EndpointError } from "~sites/himall/product-endpoint"

import { homePageSettingPage, liveManagementPage } from "../sandbox/himall/pages"
import { seedHomepage, type Homepage } from "../sandbox/himall/seed"

const STATIC = join(import.meta.dirname, "../sandbox/himall/static")
const script = (name: string) => readFileSync(join(STATIC, name), "utf8")

type Answer = (url: string, data: Record<string, unknown>) => unknown
let answer: Answer = () => ({ rows: [], total: 0 })
const posted: string[] = []

/** Load a sandbox page: its HTML (scripts not run), window.pageData, then jQuery, common.js and the page script. */
async function loadPage(html: string, pageScript: string, ready = /^live/.test(pageScript) ? "#list tbody tr" : "#diyEditor *") {
  const parsed = new DOMParser().parseFromString(html, "text/html")
  document.head.innerHTML = parsed.head.innerHTML
  document.body.innerHTML = parsed.body.innerHTML
  const dataScript = [...document.scripts].find((s) => s.textContent?.includes("window.pageData"))
  const json = dataScript?.textContent?.replace(/^\s*window\.pageData = /, "").replace(/;\s*$/, "")
  const w = window as unknown as Record<string, unknown>
  w.pageData = json ? JSON.parse(json) : undefined
  const $ = jquery as { Deferred(): { resolve(v: unknown): void; promise(): unknown }; ajax: unknown }
  w.$ = w.jQuery = $
  $.ajax = (opts: { url: string; data?: Record<string, unknown>; success?: (r: unknown) => void }) => {
    const d = $.Deferred()
    posted.push(opts.url)
    setTimeout(() => {
      const r = answer(opts.url, opts.data ?? {})
      opts.success?.(r)
      d.resolve(r)
    }, 0)
    return d.promise()
  }
  new Function(script("common.js"))()
  // The real 小程序直播 page loads HiMall's uploader before its own script.
  if (pageScript === "live.js") new Function(script("uploader.js"))()
  new Function(script(pageScript))()
  // jQuery runs ready handlers asynchronously; the grid then loads from the (stubbed) endpoint.
  await vi.waitFor(() => expect(document.querySelector(`${ready}:not(.empty-row)`)).not.toBeNull())
}

/** Today's older 小程序直播 page (room id in a hidden input, a file input in 封面设置). */
const OLDER = { variant: "older", roomIdInput: true, adminBanner: false } as const

/** Rows as POST /Admin/Live/List gives them. */
function endpointRow(roomId: number, name: string, over: Record<string, unknown> = {}) {
  return {
    RoomId: roomId,
    Name: name,
    ShopId: 1,
    ShopName: "羽逸ifc",
    AnchorName: "小羽",
    Status: 102,
    StatusDesc: "未开始",
    StartTimeStr: "2030-03-01 14:00",
    EndTimeStr: "2030-03-01 16:00",
    CoverImg: "",
    Sequence: 0,
    CartMember: 0,
    CartCount: 0,
    PayMember: 0,
    PayOrders: 0,
    PayAmount: "0.00",
    ...over
  }
}

const ROOMS = [
  endpointRow(12, "清仓特卖", { Status: 101, StatusDesc: "直播中", AnchorName: "陈陈", StartTimeStr: "2030-01-01 08:00", CoverImg: "/Storage/Live/1.jpg" }),
  endpointRow(11, "春季新品直播")
]

beforeEach(() => {
  posted.length = 0
  answer = (url) => (/live\/list/i.test(url) ? { rows: ROOMS, total: ROOMS.length } : /live\/sync/i.test(url) ? { success: true, msg: "获取成功！" } : {})
})

describe("the list endpoint", () => {
  it("maps a row to a ShopRoomRow, HiMall's China-time strings to instants", () => {
    expect(liveRowToShopRoom(ROOMS[0])).toEqual({
      roomId: 12,
      name: "清仓特卖",
      anchorName: "陈陈",
      shopName: "羽逸ifc",
      status: 101,
      statusDesc: "直播中",
      start: Date.UTC(2030, 0, 1, 0, 0),
      end: Date.UTC(2030, 2, 1, 8, 0),
      coverUrl: "/Storage/Live/1.jpg",
      figures: { cartMember: 0, cartCount: 0, payMember: 0, payOrders: 0, payAmount: 0 },
      hasReplay: null
    })
  })

  it("reads other spellings of the same fields, and refuses rows without a room id", () => {
    const row = liveRowToShopRoom({
      roomId: "7",
      name: " 周三下午直播间 ",
      anchorName: "长生猫",
      status: "103",
      startTime: "/Date(1583395200000)/",
      coverImg: null
    })
    expect(row).toMatchObject({
      roomId: 7,
      name: "周三下午直播间",
      anchorName: "长生猫",
      status: 103,
      start: 1583395200000,
      end: null,
      coverUrl: "",
      figures: null,
      hasReplay: null
    })
    // No cover field at all: the cover is not known (null), not absent ("").
    expect(liveRowToShopRoom({ RoomId: 7 })?.coverUrl).toBeNull()
    expect(liveRowToShopRoom({ Name: "x" })).toBeNull()
    expect(liveRowToShopRoom({ RoomId: "abc" })).toBeNull()
    expect(liveRowToShopRoom({ RoomId: 0 })).toBeNull()
  })

  it("parses HiMall's time formats", () => {
    expect(parseHimallTime("2020-03-05 16:00")).toBe(Date.UTC(2020, 2, 5, 8, 0))
    expect(parseHimallTime("2020/3/5 16:00:30")).toBe(Date.UTC(2020, 2, 5, 8, 0, 30))
    expect(parseHimallTime("2020-03-05")).toBe(Date.UTC(2020, 2, 4, 16, 0))
    expect(parseHimallTime(1583395200)).toBe(1583395200000)
    expect(parseHimallTime("2020-03-05T08:00:00Z")).toBe(Date.UTC(2020, 2, 5, 8, 0))
    expect(parseHimallTime("")).toBeNull()
    expect(parseHimallTime("soon")).toBeNull()
  })

  it("walks every page and says whether the read is complete", async () => {
    const all = Array.from({ length: 230 }, (_, i) => endpointRow(i + 1, `直播${i + 1}`))
    const bodies: string[] = []
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      const form = new URLSearchParams(String(init.body))
      bodies.push(String(init.body))
      const page = Number(form.get("page"))
      const rows = Number(form.get("rows"))
      return new Response(JSON.stringify({ rows: all.slice((page - 1) * rows, page * rows), total: all.length }))
    }) as typeof fetch
    const list = await fetchAllRooms("https://shop.example.com/Admin/Live/List", fetchImpl)
    expect(list).toMatchObject({ total: 230, complete: true })
    expect(list.rooms.map((r) => r.roomId)).toEqual(all.map((r) => r.RoomId))
    expect(bodies).toEqual(["page=1&rows=100", "page=2&rows=100", "page=3&rows=100"])
  })

  it("an answer that is not the list (expired login) is an EndpointError", async () => {
    const fetchImpl = (async () => new Response("<html>登录</html>")) as unknown as typeof fetch
    await expect(fetchAllRooms("https://shop.example.com/Admin/Live/List", fetchImpl)).rejects.toBeInstanceOf(EndpointError)
  })

  it("the endpoint of the page's admin area", () => {
    expect(liveListUrl(new URL("https://s.example.com/SellerAdmin/Live/Management"))).toBe(
      "https://s.example.com/SellerAdmin/Live/Management".replace("Management", "List")
    )
    expect(liveListUrl(new URL("https://s.example.com/admin/live/management"))).toBe("https://s.example.com/Admin/Live/List")
    expect(liveListUrl(new URL("https://s.example.com/shop"))).toBeNull()
  })
})

describe("the 小程序直播 page (the sandbox's)", () => {
  it("finds 获取小程序数据 and the grid, and reads each row's room id from HiMall's hidden input", async () => {
    await loadPage(liveManagementPage("Admin", [{ id: 1, name: "羽逸ifc" }], OLDER), "live-older.js")
    expect(findSyncButton(document)?.textContent).toBe("获取小程序数据")
    const grid = findRoomGrid(document)!
    expect(grid).not.toBeNull()
    const rows = readGridRows(grid)
    expect(rows.map((r) => [r.roomId, r.title, r.anchor, r.start])).toEqual([
      [12, "清仓特卖", "陈陈", "2030-01-01 08:00"],
      [11, "春季新品直播", "小羽", "2030-03-01 14:00"]
    ])
    expect(rows[0].titleCell.textContent).toBe("清仓特卖")
    expect(rows[0].actionsCell?.textContent).toBe("设置封面图商品分配商家")
  })

  it("without the hidden input, matches rows to the endpoint's by title, anchor and start; ambiguous rows stay unknown", async () => {
    await loadPage(liveManagementPage("Admin", [], { ...OLDER, roomIdInput: false }), "live-older.js")
    const rows = readGridRows(findRoomGrid(document)!)
    expect(rows.map((r) => r.roomId)).toEqual([null, null])
    expect(resolveRoomIds(rows, ROOMS)).toEqual([12, 11])
    const twins = [...ROOMS, endpointRow(13, "春季新品直播")]
    expect(resolveRoomIds(rows, twins)).toEqual([12, null])
  })

  it("HiMall answers 获取小程序数据 with a toast, which is the answer recorded", async () => {
    await loadPage(liveManagementPage("Admin", [], OLDER), "live-older.js")
    const watch = watchForToast(document, 2000)
    findSyncButton(document)!.click()
    const text = await watch.answer
    expect(text).toBe("获取成功！")
    expect(answerIsSuccess(text)).toBe(true)
    expect(posted).toContain("/admin/Live/Sync")
    expect(answerIsSuccess("获取失败：调用接口次数超过限制")).toBe(false)
    expect(answerIsSuccess(null)).toBe(false)
  })

  it("a loading overlay is not the answer; the toast after it is", async () => {
    await loadPage(liveManagementPage("Admin", [], OLDER), "live-older.js")
    const watch = watchForToast(document, 2000)
    const overlay = document.createElement("div")
    overlay.textContent = "正在加载中..."
    document.body.append(overlay)
    findSyncButton(document)!.click()
    expect(await watch.answer).toBe("获取成功！")
  })

  it("no toast: no answer (a grid reload is not one)", async () => {
    await loadPage(liveManagementPage("Admin", [], OLDER), "live-older.js")
    const watch = watchForToast(document, 150)
    document.getElementById("searchButton")!.click()
    expect(await watch.answer).toBeNull()
  })

  it("finds 封面设置 by its title, its uploader by the 750*750 caption, and its room", async () => {
    await loadPage(liveManagementPage("Admin", [], OLDER), "live-older.js")
    const setCover = [...document.querySelectorAll("a")].filter((a) => a.textContent === "设置封面图")
    setCover[1].click() // 春季新品直播: no cover yet
    const [dialog] = findCoverDialogs(document)
    expect(dialog.roomId).toBe(11)
    expect(dialog.caption?.textContent).toBe("建议尺寸750*750")
    expect(dialog.fileInput?.type).toBe("file")
    expect(dialog.removeControl).toBeNull()
    expect(dialog.root.textContent).toContain("保存")
    expect(findCoverDialogs(document)).toHaveLength(1)
  })

  it("a room with a cover: the dialog shows it with a remove control instead of the uploader", async () => {
    await loadPage(liveManagementPage("Admin", [], OLDER), "live-older.js")
    ;[...document.querySelectorAll("a")].find((a) => a.textContent === "设置封面图")!.click()
    const [dialog] = findCoverDialogs(document)
    expect(dialog.roomId).toBe(12)
    expect(dialog.fileInput).toBeNull()
    expect(dialog.removeControl?.getAttribute("title")).toBe("删除")
    expect(dialogImages(dialog.root)).toEqual([`${location.origin}/Storage/Live/1.jpg`])
    dialog.removeControl!.click()
    expect(findCoverDialogs(document)[0].fileInput).not.toBeNull()
  })

  it("reads an upload refusal in the dialog", async () => {
    answer = (url) => (/uploadpic/i.test(url) ? { success: false, msg: "文件大小不能超过2M" } : { rows: ROOMS, total: 2 })
    await loadPage(liveManagementPage("Admin", [], OLDER), "live-older.js")
    ;[...document.querySelectorAll("a")].filter((a) => a.textContent === "设置封面图")[1].click()
    const [dialog] = findCoverDialogs(document)
    expect(dialogErrorText(dialog.root)).toBeNull()
    const input = dialog.fileInput!
    Object.defineProperty(input, "files", { value: [new File([new Uint8Array(10)], "x.jpg")] })
    input.dispatchEvent(new Event("change", { bubbles: true }))
    await vi.waitFor(() => expect(dialogErrorText(dialog.root)).toBe("文件大小不能超过2M"))
  })
})

/** Rows as the real HiMall's List answers them (LiveViewModel: Id apart from RoomId, Payment…, RecordingUrlList). */
function realRow(roomId: number, name: string, over: Record<string, unknown> = {}) {
  return {
    Id: roomId + 1000,
    RoomId: roomId,
    Name: name,
    ShopName: "羽逸ifc",
    AnchorName: "小羽",
    Status: 103,
    StatusDesc: "已结束",
    StartTimeStr: "2020-03-01 14:00",
    EndTimeStr: "2020-03-01 16:00",
    CoverImg: "",
    Sequence: 0,
    CartMember: 12,
    CartCount: 30,
    PaymentMember: 5,
    PaymentOrder: 6,
    PaymentAmount: 1299.5,
    RecordingUrlList: [],
    ...over
  }
}

const REAL = (adminBanner = false) => ({ variant: "himall", roomIdInput: true, adminBanner }) as const

describe("the real 小程序直播 page (HiMall's LiveManagement.js, the sandbox's copy)", () => {
  beforeEach(() => {
    // The real grid posts to './list', relative to the page.
    answer = (url) =>
      /(^|\/)list$/i.test(url)
        ? {
            rows: [realRow(31, "真实页直播", { CoverImg: "/Storage/Live/31.jpg" }), realRow(32, "草稿直播", { Status: 0, StatusDesc: "未提交审核" })],
            total: 2
          }
        : /uploadpic/i.test(url)
          ? "/temp/202003011200000010.jpg"
          : { success: true }
  })

  it("seller grid: the room id from 序号's roomId, SetBanner(…) and LiveProduct?roomId=, never HiMall's own Id; figures, replay action and cover from the row", async () => {
    await loadPage(liveManagementPage("SellerAdmin", [], REAL()), "live.js")
    const rows = readGridRows(findRoomGrid(document)!)
    expect(rows.map((r) => r.roomId)).toEqual([31, 32])
    expect(rows[0].tr.innerHTML).toContain("DelLiveRoom(1031)")
    expect(rows[0]).toMatchObject({
      title: "真实页直播",
      statusText: "已结束",
      figures: { cartMember: 12, cartCount: 30, payMember: 5, payOrders: 6, payAmount: 1299.5 },
      hasReplay: true,
      coverUrl: "/Storage/Live/31.jpg"
    })
    // A draft (Status 0): no 删除回放, so the grid does not say.
    expect(rows[1].hasReplay).toBeNull()
    expect(gridRowToShopRoom(rows[0])).toMatchObject({
      roomId: 31,
      name: "真实页直播",
      status: null,
      statusDesc: "已结束",
      start: Date.UTC(2020, 2, 1, 6, 0),
      end: null,
      coverUrl: "/Storage/Live/31.jpg",
      hasReplay: true
    })
  })

  it("figures and replay the endpoint does not give are taken from the grid row of the same room; the endpoint's own win", async () => {
    await loadPage(liveManagementPage("SellerAdmin", [], REAL()), "live.js")
    const rows = readGridRows(findRoomGrid(document)!)
    const bare = { ...liveRowToShopRoom({ RoomId: 31, Name: "真实页直播" })!, figures: null, hasReplay: null }
    const told = { ...liveRowToShopRoom({ RoomId: 32, Name: "草稿直播", RecordingUrlList: [], PaymentAmount: 1 })! }
    const merged = withGridDetails(
      [bare, told],
      rows,
      rows.map((r) => r.roomId)
    )
    expect(merged[0]).toMatchObject({ figures: { payAmount: 1299.5, cartMember: 12 }, hasReplay: true })
    expect(merged[1]).toMatchObject({ figures: { payAmount: 1, cartMember: null }, hasReplay: false })
  })

  it("platform grid: 序号 and the 商品 link name the room; no SetBanner means the cover is not known from the row", async () => {
    await loadPage(liveManagementPage("Admin", [], REAL()), "live.js")
    const rows = readGridRows(findRoomGrid(document)!)
    expect(rows.map((r) => r.roomId)).toEqual([31, 32])
    expect(rows[0].coverUrl).toBeNull()
    // HiMall's platform grid tests a field its rows never carry: it never offers 删除回放.
    expect(rows[0].hasReplay).toBeNull()
    expect(findSyncButton(document)?.textContent).toBe("获取小程序数据")
  })

  it("signals that disagree name no room; DelLiveRoom(Id) alone names none", () => {
    const tr = document.createElement("tr")
    tr.innerHTML = `<td><input class="text-order" roomId="7"></td><td><a onclick="SetBanner(8,'')">设置封面图</a></td>`
    expect(roomIdOf(tr)).toBeNull()
    tr.innerHTML = `<td><a onclick="DelLiveRoom(1031)">删除直播</a><a onclick="ToAudit(1031)">审核</a></td>`
    expect(roomIdOf(tr)).toBeNull()
    tr.innerHTML = `<td><span data-room-id="9"></span><a href="/admin/Live/LiveProduct?roomId=9">商品</a><a onclick="DelLiveReplay(9)">删除回放</a></td>`
    expect(roomIdOf(tr)).toBe(9)
  })

  it("封面设置: found by its title with HiMall's picture box (no file input), the size its caption asks; the box shows a path as HiMall's uploader does", async () => {
    await loadPage(liveManagementPage("SellerAdmin", [], REAL()), "live.js")
    ;(window as unknown as { SetBanner(id: number, url: string): void }).SetBanner(32, "")
    const [dialog] = findCoverDialogs(document)
    expect(dialog.size).toEqual({ width: 800, height: 640 })
    expect(dialog.sizeStated).toBe(true)
    expect(dialog.fileInput).toBeNull()
    expect(dialog.picture?.input.name).toBe("ShowImage")
    expect(dialog.picture?.trigger?.className).toContain("upload")
    expect(dialog.picture?.remove?.textContent).toBe("x")
    expect(showInPictureBox(dialog.picture!, "/temp/1.jpg")).toBe(true)
    expect(dialog.picture!.holder.style.backgroundImage).toContain("/temp/1.jpg")
    expect(dialogImages(dialog.root)).toEqual([`${location.origin}/temp/1.jpg`])
    expect(dialog.picture!.trigger!.classList.contains("hidden")).toBe(true)
    // HiMall's own 保存 then posts that path for the room SetBanner was called with.
    ;(document.querySelector(".aui_buttons button") as HTMLButtonElement).click()
    expect(posted).toContain("/SellerAdmin/Live/SetBanner")
  })

  it("the platform's caption asks 750*750; a caption without a size means 750×750", async () => {
    await loadPage(liveManagementPage("Admin", [], REAL(true)), "live.js")
    ;(window as unknown as { SetBanner(id: number, url: string): void }).SetBanner(31, "/Storage/Live/31.jpg")
    let [dialog] = findCoverDialogs(document)
    expect(dialog.size).toEqual({ width: 750, height: 750 })
    expect(dialogImages(dialog.root)).toEqual([`${location.origin}/Storage/Live/31.jpg`])
    for (const el of dialog.root.querySelectorAll("div")) if (/建议尺寸/.test(el.textContent ?? "") && !el.children.length) el.textContent = "请上传封面"
    ;[dialog] = findCoverDialogs(document)
    expect(dialog).toMatchObject({ size: { width: 750, height: 750 }, sizeStated: false })
    expect(dialog.picture).not.toBeNull()
  })
})

describe("HiMall's upload answer", () => {
  it("text/html with the stored path, or a refusal; older JSON too", () => {
    expect(readUploadAnswer("/temp/202003011200000010.jpg")).toEqual({ ok: true, path: "/temp/202003011200000010.jpg" })
    expect(readUploadAnswer(" /temp/a.png,/temp/b.png ")).toEqual({ ok: true, path: "/temp/a.png" })
    expect(readUploadAnswer("https://cdn.example.com/temp/a.jpg")).toEqual({ ok: true, path: "https://cdn.example.com/temp/a.jpg" })
    expect(readUploadAnswer("上传的图片格式不正确")).toEqual({ ok: false, reason: "上传的图片格式不正确" })
    expect(readUploadAnswer("NoFile")).toEqual({ ok: false, reason: "NoFile" })
    expect(readUploadAnswer("<html><body>登录</body></html>")).toEqual({ ok: false, reason: "" })
    expect(readUploadAnswer('{"success":true,"src":"/Storage/Live/1.jpg"}')).toEqual({ ok: true, path: "/Storage/Live/1.jpg" })
    expect(readUploadAnswer('{"success":false,"msg":"文件大小不能超过2M"}')).toEqual({ ok: false, reason: "文件大小不能超过2M" })
    expect(readUploadAnswer("/temp/a.exe")).toMatchObject({ ok: false })
  })
})

describe("直播商品", () => {
  it("knows the page and its room, and reads LiveProductList rows", () => {
    document.body.innerHTML = `<ul><li>直播列表</li><li>直播商品</li></ul><input type="hidden" id="hidRoomId" name="roomId" value="21"><table></table>`
    expect(liveProductRoomId(new URL("https://s.example.com/SellerAdmin/Live/LiveProduct?roomId=21"), document)).toBe(21)
    document.body.innerHTML = `<table></table>`
    expect(liveProductRoomId(new URL("https://s.example.com/admin/live/liveproduct?roomId=5"), document)).toBe(5)
    expect(liveProductRoomId(new URL("https://s.example.com/admin/live/management"), document)).toBeNull()
    expect(liveProductListUrl(new URL("https://s.example.com/admin/live/liveproduct?roomId=5"))).toBe("https://s.example.com/Admin/Live/LiveProductList")
    expect(
      liveProductRowToItem({
        ProductId: 19,
        Name: "天使旅行箱",
        Image: "/Storage/x.png",
        Url: "pages/productdetail/productdetail?id=19",
        Price: 399,
        SaleCount: 0
      })
    ).toEqual({
      productId: 19,
      goodsId: null,
      url: "pages/productdetail/productdetail?id=19",
      name: "天使旅行箱",
      price: 399,
      image: "/Storage/x.png"
    })
    // Without ProductId: the id from the link; an unreadable price is unknown, the rest kept.
    expect(liveProductRowToItem({ Name: "茶", Url: "pages/productdetail/productdetail?id=122", Price: "面议" })).toMatchObject({
      productId: 122,
      price: null,
      name: "茶"
    })
    expect(liveProductRowToItem({})).toBeNull()
  })
})

describe("a hand-written variant of the page", () => {
  it("reads a Vue/Element-like grid and a role=dialog 封面设置 with a 750×750 caption", () => {
    document.body.innerHTML = `
      <div class="toolbar"><a class="el-button" role="button"><span>获取小程序数据</span></a></div>
      <table><tr><th>序号</th><th>直播标题</th><th>主播昵称</th><th>状态</th><th>开播时间</th><th>操作</th></tr>
        <tr><td>1</td><td><span>云店直播</span></td><td>长生猫</td><td>未开始</td><td><div>2020-03-05<br>16:00</div></td>
            <td><input type="hidden" name="roomId" value="5"><a>设置封面图</a></td></tr></table>
      <div role="dialog"><header>设置封面</header><div><img src="/Storage/Live/9.png"><i title="移除">×</i></div>
        <p>建议尺寸：750×750</p><input type="file" hidden><button>保存</button></div>`
    expect(findSyncButton(document)?.textContent).toBe("获取小程序数据")
    const rows = readGridRows(findRoomGrid(document)!)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ roomId: 5, title: "云店直播", anchor: "长生猫" })
    const [dialog] = findCoverDialogs(document)
    expect(dialog.root.getAttribute("role")).toBe("dialog")
    expect(dialog.fileInput).not.toBeNull()
    expect(dialog.removeControl?.getAttribute("title")).toBe("移除")
  })

  it("no grid, no button: nothing is made up", () => {
    document.body.innerHTML = `<table><tr><th>商品</th><th>操作</th></tr></table><button>获取数据</button>`
    expect(findRoomGrid(document)).toBeNull()
    expect(findSyncButton(document)).toBeNull()
    expect(findCoverDialogs(document)).toEqual([])
  })
})

describe("首页配置: the live entrance", () => {
  const withoutLive = (h: Homepage, keepModule: boolean): Homepage => ({
    modules: h.modules
      .filter((m) => keepModule || m.type !== "liveRooms")
      .map((m) => (m.type === "imageNav" ? { ...m, items: m.items.filter((i) => i.linkType !== "小程序直播") } : m))
  })

  it("finds the 图片导航 item linked to 小程序直播 and its name, in the editor and in the page's data", async () => {
    await loadPage(homePageSettingPage("Admin", seedHomepage(), []), "homepage-imagenav.js")
    const reading = readHomepage(document)
    expect(reading.editorItems?.length).toBe(10)
    expect(reading.editorItems?.find((i) => i.name === "小程序直播")).toEqual({
      name: "小程序直播",
      linkText: "小程序直播 | 小程序直播",
      link: "/pages/livelist/livelist"
    })
    expect(reading.data?.liveModule).toBe(true)
    expect(decideEntrance(reading)).toEqual({ state: "found", name: "小程序直播", kind: "image_nav", unsaved: false })
  })

  it("the name the merchant types in 导航名称 is the one recorded (unsaved until 保存)", async () => {
    await loadPage(homePageSettingPage("Admin", seedHomepage(), []), "homepage-imagenav.js")
    const input = [...document.querySelectorAll<HTMLInputElement>("input.nav-name")].find((i) => i.value === "小程序直播")!
    input.value = "看直播"
    input.dispatchEvent(new Event("input", { bubbles: true }))
    expect(decideEntrance(readHomepage(document))).toMatchObject({ state: "found", name: "看直播", kind: "image_nav" })
  })

  it("only a 直播间 module: found, as a module", async () => {
    await loadPage(homePageSettingPage("Admin", withoutLive(seedHomepage(), true), []), "homepage-imagenav.js")
    expect(decideEntrance(readHomepage(document))).toEqual({ state: "found", name: null, kind: "live_module", unsaved: false })
  })

  it("neither: absent", async () => {
    await loadPage(homePageSettingPage("Admin", withoutLive(seedHomepage(), false), []), "homepage-imagenav.js")
    expect(decideEntrance(readHomepage(document))).toEqual({ state: "absent", name: null, kind: null, unsaved: false })
  })

  it("without the page's data, the editor alone decides; with neither it is unknown, not absent", async () => {
    await loadPage(homePageSettingPage("Admin", seedHomepage(), []), "homepage-imagenav.js")
    document.querySelectorAll("script").forEach((s) => s.remove())
    expect(decideEntrance(readHomepage(document))).toMatchObject({ state: "found", name: "小程序直播" })
    document.body.innerHTML = `<div><h3>标题设置</h3><label>标题名称：</label><input value="直播推荐"></div>`
    expect(decideEntrance(readHomepage(document)).state).toBe("unknown")
  })

  it("reads another editor markup: table rows, the link in a hidden input", () => {
    document.body.innerHTML = `
      <div class="editor"><h3>图片导航设置</h3>
        <table class="item"><tr><th>链接到</th><td><em>限时购列表</em></td></tr><tr><th>导航名称</th><td><input value="限时购"></td></tr></table>
        <table class="item"><tr><th>链接到</th><td><em>自定义</em><input type="hidden" value="pages/livelist/livelist"></td></tr>
          <tr><th>导航名称</th><td><input value="直播"></td></tr></table></div>`
    // The hidden input sits in the badge's cell: found through the row.
    const reading = readHomepage(document)
    expect(reading.editorItems?.map((i) => i.name)).toEqual(["限时购", "直播"])
    expect(decideEntrance(reading)).toMatchObject({ state: "found", name: "直播", kind: "image_nav" })
  })

  it("finds modules in page data of other shapes", () => {
    expect(homepageFromData([{ page: { modules: [{ type: "nav", list: [{ title: "直播", url: "/pages/livelist/livelist?x=1" }] }] } }])).toEqual({
      navItems: [{ name: "直播", linkText: "", link: "/pages/livelist/livelist?x=1", linkType: null }],
      liveModule: false
    })
    expect(homepageFromData([{ modules: [{ type: "LiveList" }] }])).toEqual({ navItems: [], liveModule: true })
    expect(homepageFromData([{ rooms: [{ name: "x" }] }])).toBeNull()
  })
})
