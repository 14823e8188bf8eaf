// The HiMall readers of 小程序直播 and 首页配置: endpoint rows, the room grid (with and without
// HiMall's hidden room id), 获取小程序数据 and its answer, the 封面设置 dialog, and the homepage's
// live entrance. The pages are the sandbox's own (its server-rendered HTML run with jQuery and
// its page scripts in jsdom, the list endpoint answered in-process), plus hand-written variants.
import { readFileSync } from "node:fs"
import { join } from "node:path"

// @ts-expect-error jquery ships no types here (the sandbox's page scripts use it untyped)
import jquery from "jquery"
import { beforeEach, describe, expect, it } from "vitest"

import { decideEntrance, homepageFromData, readHomepage } from "~sites/himall/homepage"
import {
  answerIsSuccess,
  dialogErrorText,
  dialogImages,
  fetchAllRooms,
  findCoverDialogs,
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
async function loadPage(html: string, pageScript: string, ready = pageScript === "live.js" ? "#list tbody tr" : "#diyEditor *") {
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
  new Function(script(pageScript))()
  // jQuery runs ready handlers asynchronously; the grid then loads from the (stubbed) endpoint.
  for (let i = 0; i < 100 && !document.querySelector(`${ready}:not(.empty-row)`); i++) await tick(10)
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms))

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
      coverUrl: "/Storage/Live/1.jpg"
    })
  })

  it("reads other spellings of the same fields, and refuses rows without a room id", () => {
    const row = liveRowToShopRoom({ roomId: "7", name: " 周三下午直播间 ", anchorName: "长生猫", status: "103", startTime: "/Date(1583395200000)/", coverImg: null })
    expect(row).toMatchObject({ roomId: 7, name: "周三下午直播间", anchorName: "长生猫", status: 103, start: 1583395200000, end: null, coverUrl: null })
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
    expect(liveListUrl(new URL("https://s.example.com/SellerAdmin/Live/Management"))).toBe("https://s.example.com/SellerAdmin/Live/Management".replace("Management", "List"))
    expect(liveListUrl(new URL("https://s.example.com/admin/live/management"))).toBe("https://s.example.com/Admin/Live/List")
    expect(liveListUrl(new URL("https://s.example.com/shop"))).toBeNull()
  })
})

describe("the 小程序直播 page (the sandbox's)", () => {
  it("finds 获取小程序数据 and the grid, and reads each row's room id from HiMall's hidden input", async () => {
    await loadPage(liveManagementPage("Admin", [{ id: 1, name: "羽逸ifc" }]), "live.js")
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
    await loadPage(liveManagementPage("Admin", [], false), "live.js")
    const rows = readGridRows(findRoomGrid(document)!)
    expect(rows.map((r) => r.roomId)).toEqual([null, null])
    expect(resolveRoomIds(rows, ROOMS)).toEqual([12, 11])
    const twins = [...ROOMS, endpointRow(13, "春季新品直播")]
    expect(resolveRoomIds(rows, twins)).toEqual([12, null])
  })

  it("HiMall answers 获取小程序数据 with a toast, which is the answer recorded", async () => {
    await loadPage(liveManagementPage("Admin", []), "live.js")
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
    await loadPage(liveManagementPage("Admin", []), "live.js")
    const watch = watchForToast(document, 2000)
    const overlay = document.createElement("div")
    overlay.textContent = "正在加载中..."
    document.body.append(overlay)
    findSyncButton(document)!.click()
    expect(await watch.answer).toBe("获取成功！")
  })

  it("no toast: no answer (a grid reload is not one)", async () => {
    await loadPage(liveManagementPage("Admin", []), "live.js")
    const watch = watchForToast(document, 150)
    document.getElementById("searchButton")!.click()
    expect(await watch.answer).toBeNull()
  })

  it("finds 封面设置 by its title, its uploader by the 750*750 caption, and its room", async () => {
    await loadPage(liveManagementPage("Admin", []), "live.js")
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
    await loadPage(liveManagementPage("Admin", []), "live.js")
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
    await loadPage(liveManagementPage("Admin", []), "live.js")
    ;[...document.querySelectorAll("a")].filter((a) => a.textContent === "设置封面图")[1].click()
    const [dialog] = findCoverDialogs(document)
    expect(dialogErrorText(dialog.root)).toBeNull()
    const input = dialog.fileInput!
    Object.defineProperty(input, "files", { value: [new File([new Uint8Array(10)], "x.jpg")] })
    input.dispatchEvent(new Event("change", { bubbles: true }))
    await tick(10)
    expect(dialogErrorText(dialog.root)).toBe("文件大小不能超过2M")
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
    expect(reading.editorItems?.find((i) => i.name === "小程序直播")).toEqual({ name: "小程序直播", linkText: "小程序直播 | 小程序直播", link: "/pages/livelist/livelist" })
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
