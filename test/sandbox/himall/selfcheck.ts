// Quick check of the HiMall sandbox against its own documentation:
//   npx tsx test/sandbox/himall/selfcheck.ts   (about 20 s; exit code 1 on any failure)
import { request } from "node:https"

import sharp from "sharp"

import { DEFAULT_SHOP_HOST, startSandbox } from "../server"
import { launchChromium } from "../../support/browser"
import { HEAVY_BYTES, HUGE_SIZE, imageSpec, SLOW_DELAY_MS } from "./images"
import { IMAGE_KINDS, type Product, type Room } from "./seed"

const sb = await startSandbox()
const browser = await launchChromium(sb.hostRules)
const shop = sb.shopOrigin
const failures: string[] = []

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg)
}

async function check(name: string, fn: () => Promise<void>) {
  try {
    await fn()
    console.log(`ok    ${name}`)
  } catch (e) {
    failures.push(name)
    console.log(`FAIL  ${name}: ${e instanceof Error ? e.message : e}`)
  }
}

/** A request straight to the shop's listener, with the shop's host name. */
function http(method: string, path: string, body?: string, type = "application/x-www-form-urlencoded") {
  return new Promise<{ status: number; type: string; body: Buffer; ms: number }>((resolve, reject) => {
    const t0 = Date.now()
    const req = request(
      {
        host: "127.0.0.1",
        port: sb.himallPort,
        servername: DEFAULT_SHOP_HOST,
        path,
        method,
        rejectUnauthorized: false,
        headers: { host: DEFAULT_SHOP_HOST, ...(body !== undefined ? { "content-type": type } : {}) }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks), ms: Date.now() - t0 })
        )
      }
    )
    req.on("error", reject)
    req.end(body)
  })
}

const state = () =>
  sb.shop().getState() as {
    products: (Product & { imgUrl: string })[]
    rooms: Room[]
    syncCalls: number
    homepage: { LModules: { type: number; content: { images?: Record<string, unknown>[] } }[]; modules: { type: string; items?: { linkName: string }[] }[] }
  }
const ROW = "table#list tbody tr[hiMallDatagrid-row-index]"
const PAGER = ".table-bt .active-page"

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })

  await check("product list: 15 rows drawn like hiMallDatagrid, with the hidden inputs and 直播链接", async () => {
    await page.goto(`${shop}/Admin/Product/Management`)
    await page.waitForSelector(`${ROW}:nth-child(15)`)
    const rows = await page.$$eval(ROW, (trs) =>
      trs.map((tr) => ({
        id: tr.querySelector<HTMLInputElement>("input.thisId")?.value,
        shopId: tr.querySelector<HTMLInputElement>("input.thisShopId")?.value,
        name: tr.querySelector<HTMLInputElement>("input.thisName")?.value,
        price: tr.querySelector<HTMLInputElement>("input.thisPrice")?.value,
        link: tr.querySelector("a.good-live")?.textContent,
        cells: tr.querySelectorAll("td > div.hiMallDatagrid-cell, td > div.hiMallDatagrid-cell-check").length === tr.querySelectorAll("td").length,
        alt: tr.classList.contains("hiMallDatagrid-row-alt")
      }))
    )
    assert(rows.length === 15, `${rows.length} rows`)
    assert(
      rows.every((r) => r.cells),
      "cells in div.hiMallDatagrid-cell"
    )
    assert(
      rows.every((r, i) => r.alt === (i % 2 === 1)),
      "alternate rows"
    )
    assert(
      rows.every((r) => r.id && r.shopId && r.name !== undefined && /^\d+\.\d\d(~\d+\.\d\d)?$/.test(r.price ?? "")),
      "hidden inputs"
    )
    assert(
      rows.every((r) => r.link === "直播链接"),
      "直播链接 links"
    )
    assert(rows[0].id === "130" && rows[0].name === "yuyisky虚拟商品" && rows[0].price === "100.00", JSON.stringify(rows[0]))
    const info = (await page.textContent(PAGER))?.trim()
    assert(info === "1/9 页，共123条记录", `pager says ${info}`)
    const bar = await page.textContent(".table-bt")
    assert(!!bar && ["全选", "违规下架", "指定跳转", "每页"].every((t) => bar.includes(t)), `pager bar ${bar}`)
  })

  await check("paging re-posts and redraws the rows", async () => {
    const first = await page.$(ROW)
    await page.click(".table-bt .afterPageBtn")
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === "2/9 页，共123条记录", PAGER)
    assert(!(await first!.evaluate((el) => el.isConnected)), "old row still in the DOM")
    const firstId = await page.$eval(`${ROW} input.thisId`, (el) => (el as HTMLInputElement).value)
    assert(firstId !== "130", "page 2 shows page 1")
    assert((await page.$$(ROW)).length === 15, "page 2 row count")
    // 指定跳转 → 跳转到第 N 页.
    await page.click(".table-bt .jump-to")
    await page.fill(".table-bt .pageNumberTxt", "9")
    await page.click(".table-bt .pageJumpBtn")
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === "9/9 页，共123条记录", PAGER)
  })

  await check("直播链接 moves #storesLink-form into an artDialog, and back out on close", async () => {
    await page.fill("#keyWords", "天使旅行箱")
    await page.click("#searchButton")
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === "1/1 页，共1条记录", PAGER)
    await page.click("table#list a.good-live")
    const d = await page.$eval(".aui_outer", (el) => ({
      title: el.querySelector(".aui_title")?.textContent,
      form: !!el.querySelector(".aui_content > #storesLink-form"),
      labels: [...el.querySelectorAll("span.sign-t")].map((s) => s.textContent?.trim()),
      inputs: [...el.querySelectorAll("input")].map((i) => ({ value: i.value, readOnly: i.readOnly })),
      price: el.querySelector("#spanprice")?.textContent,
      img: el.querySelector("img")?.getAttribute("src"),
      text: el.textContent
    }))
    assert(d.title === "小程序直播链接", `title ${d.title}`)
    assert(d.form, "form moved into .aui_content")
    assert(JSON.stringify(d.labels) === JSON.stringify(["商品链接：", "商品名称：", "商品价格：", "商品图片："]), JSON.stringify(d.labels))
    assert(d.inputs[0].value === "pages/productdetail/productdetail?id=19" && d.inputs[0].readOnly, "商品链接")
    assert(d.inputs[1].value === "天使旅行箱" && d.inputs[1].readOnly, "商品名称")
    assert(d.price === "399.00~488.00", `price ${d.price}`)
    assert(d.img === "/Storage/Shop/1/Products/19/1_220.png", `img ${d.img}`)
    assert(d.text?.includes("请右键保存图片。如图片过大请先使用压缩工具进行处理"), "hint")
    await page.click(".aui_close")
    const after = await page.evaluate(() => ({
      back: !!document.querySelector("#storesLink-form")?.closest(".aui_outer"),
      hidden: (document.querySelector("#storesLink-form") as HTMLElement).style.display,
      shown: [...document.querySelectorAll(".aui_outer")].filter((o) => (o as HTMLElement).offsetParent !== null).length
    }))
    assert(!after.back && after.hidden === "none" && after.shown === 0, JSON.stringify(after))
  })

  await check("liveLinkAction false hides 直播链接, keeps the hidden inputs; rowPriceInput false drops .thisPrice", async () => {
    sb.shop().setState({ liveLinkAction: false, rowPriceInput: false })
    await page.goto(`${shop}/admin/product/management`)
    await page.waitForSelector(ROW)
    assert((await page.$$("table#list a.good-live")).length === 0, "直播链接 drawn")
    assert((await page.$$("table#list input.thisId")).length === 15, "hidden inputs gone")
    assert((await page.$$("table#list input.thisPrice")).length === 0, ".thisPrice drawn")
    sb.shop().setState({ liveLinkAction: true, rowPriceInput: true })
  })

  await check("liveLinkFormat shapes the dialog's 商品链接; a text price that is no plain number reaches .thisPrice as it is", async () => {
    sb.shop().setState({
      liveLinkFormat: "/pages/productdetail/productdetail?id={id}",
      products: [
        { id: 5, name: "文本价格", price: "￥1,299.00", shopId: 1 },
        { id: 4, name: "数字价格", price: "59.9", maxPrice: "68", shopId: 1 }
      ]
    })
    await page.goto(`${shop}/Admin/Product/Management`)
    await page.waitForSelector(`${ROW}:nth-child(2)`)
    const prices = await page.$$eval(`${ROW} input.thisPrice`, (els) => els.map((e) => (e as HTMLInputElement).value))
    assert(JSON.stringify(prices) === JSON.stringify(["￥1,299.00", "59.90~68.00"]), JSON.stringify(prices))
    await page.click(`${ROW} a.good-live`)
    const link = await page.$eval(".aui_outer input", (el) => (el as HTMLInputElement).value)
    assert(link === "/pages/productdetail/productdetail?id=5", `link ${link}`)
    sb.shop().reset()
    assert((sb.shop().getState() as { liveLinkFormat: string }).liveLinkFormat === "pages/productdetail/productdetail?id={id}", "reset format")
  })

  await check("admin rows in the platform's shape; the seller backend lists shop 1 only, in its own shape; routes are case-insensitive", async () => {
    const admin = JSON.parse((await http("POST", "/Admin/Product/List", "page=1&rows=200")).body.toString())
    const a19 = admin.rows.find((p: { id: number }) => p.id === 19)
    assert(
      a19.price === 399 &&
        a19.MaxPrice === 488 &&
        a19.shopId === 1 &&
        a19.imgUrl === "/Storage/Shop/1/Products/19/1_50.png" &&
        a19.saleStatus === 1 &&
        a19.auditStatus === 2,
      JSON.stringify(a19)
    )
    const r = JSON.parse((await http("POST", "/sellerADMIN/product/LIST", "page=1&rows=100")).body.toString())
    const own = state().products.filter((p) => p.shopId === 1).length
    assert(r.total === own && r.rows.every((p: { ShopId: number }) => p.ShopId === 1), `total ${r.total}, own ${own}`)
    const row = r.rows.find((p: { Id: number }) => p.Id === 19)
    assert(
      row.Price === 399 &&
        row.MaxPrice === 488 &&
        row.Image === "/Storage/Shop/1/Products/19/1_50.png" &&
        row.SaleState === 1 &&
        row.AuditState === 2 &&
        !("id" in row),
      JSON.stringify(row)
    )
    assert((await http("GET", "/SellerAdmin/Live/Management")).status === 200, "seller live page")
  })

  await check("every image kind answers as documented", async () => {
    const products = state().products
    const slowProduct = products.find((p) => p.imageKind === "slow")!
    const slow = http("GET", `/Storage/Shop/${slowProduct.shopId}/Products/${slowProduct.id}/1_220.png`)
    for (const kind of IMAGE_KINDS) {
      const p = products.find((x) => x.imageKind === kind)
      assert(p, `no product with ${kind}`)
      if (kind === "slow") continue
      const dir = `/Storage/Shop/${p.shopId}/Products/${p.id}`
      const [orig, thumb] = await Promise.all([http("GET", `${dir}/1.png`), http("GET", `${dir}/1_220.png`)])
      const spec = imageSpec(kind)
      if (spec) {
        const m = await sharp(orig.body).metadata()
        const t = await sharp(thumb.body).metadata()
        assert(orig.status === 200 && orig.type === "image/png", `${kind}: ${orig.status} ${orig.type}`)
        assert(m.format === spec.format && m.width === spec.width && m.height === spec.height, `${kind}: ${m.format} ${m.width}×${m.height}`)
        assert(t.format === spec.format && t.width === 220 && t.height === 220, `${kind} thumb: ${t.format} ${t.width}×${t.height}`)
        assert(Boolean(m.hasAlpha) === spec.alpha, `${kind}: alpha ${m.hasAlpha}`)
      } else if (kind === "missing") {
        assert(orig.status === 404 && thumb.status === 404, `missing: ${orig.status}`)
      } else if (kind === "html") {
        assert(orig.status === 200 && orig.type.startsWith("text/html") && orig.body.toString().includes("<html"), `html: ${orig.type}`)
      } else if (kind === "empty") {
        assert(orig.status === 200 && orig.type === "image/png" && orig.body.length === 0, `empty: ${orig.body.length} bytes`)
      }
    }
    // The kinds no seed product has: a huge picture, a heavy file.
    sb.shop().setState({
      products: [
        ...products,
        { id: 201, name: "巨幅图片", price: 1, shopId: 1, imageKind: "huge" },
        { id: 202, name: "超大文件", price: 1, shopId: 1, imageKind: "heavy" }
      ]
    })
    for (const [id, kind] of [
      [201, "huge"],
      [202, "heavy"]
    ] as const) {
      const [orig, thumb] = await Promise.all([http("GET", `/Storage/Shop/1/Products/${id}/1.png`), http("GET", `/Storage/Shop/1/Products/${id}/1_220.png`)])
      const m = await sharp(orig.body, { limitInputPixels: false }).metadata()
      const t = await sharp(thumb.body).metadata()
      assert(orig.status === 200 && orig.type === "image/png" && m.format === "png", `${kind}: ${orig.status} ${orig.type} ${m.format}`)
      if (kind === "huge") assert(m.width === HUGE_SIZE.width && m.height === HUGE_SIZE.height, `huge: ${m.width}×${m.height}`)
      else assert(orig.body.length >= HEAVY_BYTES && m.width === 800 && m.height === 800, `heavy: ${orig.body.length} bytes, ${m.width}×${m.height}`)
      assert(t.format === "png" && t.width === 220 && t.height === 220, `${kind} thumb: ${t.format} ${t.width}×${t.height}`)
    }
    sb.shop().reset()
    const big = products.find((p) => p.imageKind === "photo")!
    const photo = await http("GET", `/Storage/Shop/${big.shopId}/Products/${big.id}/1.png`)
    assert(photo.body.length > 2 * 1024 * 1024, `photo only ${photo.body.length} bytes`)
    assert((await http("GET", `/Storage/Shop/9/Products/19/1.png`)).status === 404, "wrong shop id should 404")
    const s = await slow
    assert(s.status === 200 && s.ms >= SLOW_DELAY_MS - 100 && (await sharp(s.body).metadata()).width === 220, `slow: ${s.ms} ms`)
  })

  await check("the real 小程序直播 page: 序号 carries roomId, HiMall's Id is apart, SyncData via a link, seller SetBanner(…) and 直播商品", async () => {
    sb.shop().setState({
      rooms: [
        {
          roomId: 31,
          name: "真实页直播",
          anchorName: "小羽",
          shopId: 1,
          status: 103,
          start: "2030-03-01T06:00:00.000Z",
          end: "2030-03-01T08:00:00.000Z",
          payAmount: 12.5,
          recordingUrls: ["https://x/r.mp4"],
          products: [19, 118]
        }
      ]
    })
    await page.goto(`${shop}/Admin/Live/Management`)
    await page.waitForSelector("table#list input.text-order[roomId='31']")
    const ops = await page.textContent(`${ROW}:has-text('真实页直播') td:last-child`)
    assert(ops === "商品删除直播", `platform 操作 ${ops}`)
    assert((await page.getAttribute(`${ROW} a:has-text('删除直播')`, "onclick"))?.includes("DelLiveRoom(1031)") === true, "DelLiveRoom takes HiMall's Id")
    const listed = JSON.parse((await http("POST", "/Admin/Live/List", "page=1&rows=15")).body.toString())
    const row = listed.rows[0]
    assert(
      row.Id === 1031 && row.RoomId === 31 && row.PaymentAmount === 12.5 && row.RecordingUrlList.length === 1 && !("PayAmount" in row),
      JSON.stringify(row)
    )
    await page.goto(`${shop}/SellerAdmin/Live/Management`)
    await page.waitForSelector(`${ROW}:has-text('真实页直播')`)
    assert((await page.$$("a:text-is('获取小程序数据')")).length === 0, "seller has no sync button")
    assert((await page.getAttribute(`${ROW} a:has-text('设置封面图')`, "onclick")) === "SetBanner(31,'')", "seller SetBanner")
    assert((await page.getAttribute(`${ROW} a:has-text('直播商品')`, "href")) === "/SellerAdmin/Live/LiveProduct?roomId=31", "直播商品 link")
    // 封面设置: no file input in the dialog; HiMall's uploader posts a detached input; 保存 posts SetBanner.
    await page.click(`${ROW} a:has-text('设置封面图')`)
    assert((await page.textContent(".aui_content"))?.includes("建议尺寸800*640"), "seller caption")
    assert((await page.$$(".aui_content input[type=file]")).length === 0, "file input in the dialog")
    const cover = await sharp({ create: { width: 800, height: 640, channels: 3, background: "#37a" } })
      .jpeg()
      .toBuffer()
    const chooser = page.waitForEvent("filechooser")
    await page.click(".aui_content .upload.pic")
    await (await chooser).setFiles({ name: "c.jpg", mimeType: "image/jpeg", buffer: cover })
    await page.waitForFunction(() => /^\/temp\//.test((document.querySelector(".aui_content .upload_pic input") as HTMLInputElement).value))
    const path = await page.inputValue(".aui_content .upload_pic input")
    assert((await page.getAttribute(".aui_content .upload_pic", "style"))?.includes(path) === true, "background")
    await page.click(".aui_buttons button:has-text('保存')")
    await page.waitForSelector(".aui_tips:has-text('设置成功！')")
    assert(state().rooms[0].coverImg === path, `coverImg ${state().rooms[0].coverImg}`)
    assert((await http("GET", path)).body.equals(cover), "served")
    const refused = await http(
      "POST",
      "/common/publicOperation/UploadPic",
      '--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nhello\r\n--b--\r\n',
      "multipart/form-data; boundary=b"
    )
    assert(refused.body.toString() === "上传的图片格式不正确" && refused.type.startsWith("text/html"), refused.body.toString())
    const goods = JSON.parse((await http("POST", "/SellerAdmin/Live/LiveProductList", "RoomId=31&page=1&rows=15")).body.toString())
    assert(goods.total === 2 && goods.rows[0].ProductId === 19 && goods.rows[0].Url === "pages/productdetail/productdetail?id=19", JSON.stringify(goods))
    await page.goto(`${shop}/SellerAdmin/Live/LiveProduct?roomId=31`)
    await page.waitForSelector(`${ROW}:has-text('天使旅行箱')`)
    sb.shop().setState({ rooms: [] })
  })

  // The older page (liveVariant "older"): the checks below.
  sb.shop().setState({ liveVariant: "older" })

  await check("获取小程序数据 counts syncCalls and copies the WeChat rooms", async () => {
    sb.wechat.setState({
      rooms: [
        {
          roomId: 11,
          name: "春季新品直播",
          anchorName: "小羽",
          anchorWechat: "xiaoyu",
          start: "2030-03-01T06:00:00.000Z",
          end: "2030-03-01T08:00:00.000Z",
          liveStatus: 102
        },
        { roomId: 12, name: "清仓特卖", anchorName: "陈陈", anchorWechat: "chenchen", start: 1893456000, end: 1893463200, liveStatus: 101 }
      ]
    })
    const before = state().syncCalls
    await page.goto(`${shop}/Admin/Live/Management`)
    await page.waitForSelector("table#list tbody tr")
    await page.click("#syncButton")
    await page.waitForSelector(".aui_tips:has-text('获取成功！')")
    await page.waitForSelector(`${ROW}:nth-child(2)`)
    assert(state().syncCalls === before + 1, `syncCalls ${state().syncCalls}`)
    const room = state().rooms.find((r) => r.roomId === 11)
    assert(room && room.name === "春季新品直播" && room.status === 102 && room.statusDesc === "未开始" && room.coverImg === "", JSON.stringify(room))
    const texts = await page.$$eval(ROW, (trs) => trs.map((tr) => tr.textContent ?? ""))
    assert(
      texts.some((t) => t.includes("清仓特卖") && t.includes("直播中") && t.includes("2030-01-01")),
      "grid rows"
    )
  })

  await check("封面设置: upload + SetBanner round-trip shows the cover, a later sync keeps it", async () => {
    await page.click(`${ROW}:has-text('春季新品直播') a.set-banner`)
    assert((await page.textContent(".aui_title")) === "封面设置", "dialog title")
    assert((await page.textContent(".cover-upload"))?.includes("建议尺寸750*750"), "caption")
    // Too big first: a 2.5 MB file is refused with a message.
    await page.setInputFiles(".cover-upload input[type=file]", {
      name: "big.jpg",
      mimeType: "image/jpeg",
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(2_500_000)])
    })
    await page.waitForSelector(".upload-error:has-text('文件大小不能超过2M')")
    const cover = await sharp({ create: { width: 750, height: 750, channels: 3, background: "#3a7" } })
      .jpeg()
      .toBuffer()
    await page.setInputFiles(".cover-upload input[type=file]", { name: "cover.jpg", mimeType: "image/jpeg", buffer: cover })
    await page.waitForSelector(".cover-upload .img-item img")
    await page.click(".aui_buttons button:has-text('保存')")
    await page.waitForSelector(".aui_tips:has-text('设置成功！')")
    const src = state().rooms.find((r) => r.roomId === 11)!.coverImg
    assert(/^\/Storage\/Live\/\d+\.jpg$/.test(src), `coverImg ${src}`)
    const served = await http("GET", src)
    assert(served.status === 200 && served.body.equals(cover), "cover not served")
    // Reopening the dialog shows the current cover.
    await page.waitForSelector(".aui_outer", { state: "hidden" })
    await page.click(`${ROW}:has-text('春季新品直播') a.set-banner`)
    assert((await page.getAttribute(".cover-upload .img-item img", "src")) === src, "preview of the current cover")
    await page.click(".aui_close")
    // WeChat changes the room; the next sync updates its status and keeps the cover.
    const wx = sb.wechat.getState() as { rooms: Record<string, unknown>[] }
    sb.wechat.setState({ rooms: wx.rooms.map((r) => (r.roomId === 11 ? { ...r, liveStatus: 103 } : r)) })
    assert((await http("POST", "/admin/Live/Sync", "")).status === 200, "sync")
    const room = state().rooms.find((r) => r.roomId === 11)!
    assert(room.coverImg === src && room.status === 103 && room.statusDesc === "已结束", JSON.stringify(room))
    const listed = JSON.parse((await http("POST", "/Admin/Live/List", "page=1&rows=15")).body.toString())
    assert(listed.rows.find((r: { RoomId: number }) => r.RoomId === 11).CoverImg === src, "CoverImg in List")
  })

  await check("liveRoomIdInput false draws no room id in the grid; 设置封面图 still opens the row's room", async () => {
    sb.shop().setState({ liveRoomIdInput: false })
    await page.goto(`${shop}/Admin/Live/Management`)
    await page.waitForSelector(`${ROW}:has-text('清仓特卖')`)
    assert((await page.$$("table#list input.thisRoomId")).length === 0, "thisRoomId drawn")
    await page.click(`${ROW}:has-text('清仓特卖') a.set-banner`)
    assert((await page.inputValue(".cover-upload input[name=roomId]")) === "12", "dialog of another room")
    await page.click(".aui_close")
    sb.shop().setState({ liveRoomIdInput: true })
  })

  sb.shop().setState({ liveVariant: "himall" })

  await check(
    "homepage (DIY): saved page by ajax, 图文导航 item {linkType:32}, badge beside a 修改 dropdown of every link type; 保存 writes it back",
    async () => {
      const ajax = await http("GET", "/Admin/TemplateVisualizationAjax/Hi_Ajax_GetTemplateByID?client=smallprog&type=13")
      const text = ajax.body.toString("utf8").replace(/^\uFEFF/, "")
      const saved = JSON.parse(text)
      const live = saved.LModules.flatMap((m: { type: number; content: { images?: { linkType: number }[] } }) => (m.type === 2 ? m.content.images! : [])).find(
        (i: { linkType: number }) => i.linkType === 32
      )
      assert(live?.link === "../livelist/livelist" && live.title === "小程序直播" && live.showtitle === "看直播", JSON.stringify(live))
      const html = (await http("GET", "/Admin/WXSmallProgram/HomePageSetting")).body.toString()
      assert(!html.includes("看直播"), "the page carries the saved page inline")
      await page.goto(`${shop}/Admin/WXSmallProgram/HomePageSetting`)
      await page.waitForSelector("#diy-contain .diy-conitem")
      assert((await page.textContent("#diy-contain"))?.includes("看直播"), "live entrance in the preview")
      await page.click("#diy-contain .diy-conitem:has-text('看直播')")
      await page.waitForSelector(".ctrl-item-list-li")
      assert((await page.textContent(".modul-hd")) === "图文导航", "module name")
      const index = saved.LModules.find((m: { type: number }) => m.type === 2).content.images.indexOf(live)
      const item = page.locator(".ctrl-item-list-li").nth(index)
      assert((await item.locator("input[name=title]").inputValue()) === "看直播", "导航名称")
      const badge = await item.locator("a.badge").textContent()
      assert(badge === "小程序直播小程序直播", `badge ${badge}`)
      assert((await item.locator("a.badge").getAttribute("href")) === "../livelist/livelist", "badge link")
      const menu = await item.locator(".droplist-menu li").allTextContents()
      assert(menu.length >= 18 && menu.includes("小程序直播") && menu.includes("选择商品"), `menu ${menu.join(",")}`)
      // Edit the first item into a live entrance and save.
      const first = page.locator(".ctrl-item-list-li").first()
      await first.locator("input[name=title]").fill("直播")
      await first.locator(".j-droplist-toggle").click()
      await first.locator(".droplist-menu li[data-val='32']").click()
      await page.click("#j-savePage")
      await page.waitForSelector(".aui_tips:has-text('保存成功！')")
      const images = state().homepage.LModules.find((m) => m.type === 2)!.content.images!
      assert(images[0].linkType === 32 && images[0].showtitle === "直播" && images[0].link === "../livelist/livelist", JSON.stringify(images[0]))
    }
  )

  await check("homepage (older 图片导航 editor): inline, removable through /__fixture/state", async () => {
    sb.shop().setState({ homepageEditor: "imageNav" })
    assert(
      (await http("GET", "/Admin/TemplateVisualizationAjax/Hi_Ajax_GetTemplateByID?client=smallprog&type=13")).body.length === 0,
      "endpoint answers a page"
    )
    await page.goto(`${shop}/Admin/WXSmallProgram/HomePageSetting`)
    await page.waitForSelector(".nav-edit-item")
    assert((await page.textContent("#diyEditor"))?.includes("小程序直播 | 小程序直播"), "live entrance badge")
    assert((await page.textContent("#diyPreview"))?.includes("小程序直播"), "live entrance in the preview")
    const nav = state().homepage.modules.find((m) => m.type === "imageNav")!
    await http(
      "POST",
      "/__fixture/state",
      JSON.stringify({ homepage: { modules: [{ ...nav, items: nav.items!.filter((i) => i.linkName !== "小程序直播") }] } }),
      "application/json"
    )
    await page.reload()
    await page.waitForSelector(".nav-edit-item")
    assert(!(await page.textContent("#diyPreview"))?.includes("小程序直播"), "entrance still shown")
    // Editing in the page and 保存 writes the state back.
    await page.fill(".nav-edit-item >> nth=0 >> input.nav-name", "直播")
    await page.click(".nav-edit-item >> nth=0 >> .link-modify")
    await page.click(".nav-edit-item >> nth=0 >> .link-menu a[data-type='小程序直播']")
    await page.click("#saveHomePage")
    await page.waitForSelector(".aui_tips:has-text('保存成功！')")
    const first = (state().homepage.modules[0].items ?? [])[0] as unknown as Record<string, string>
    assert(first.name === "直播" && first.link === "/pages/livelist/livelist" && first.linkName === "小程序直播", JSON.stringify(first))
  })

  await check("reset restores the seed", async () => {
    const s = JSON.parse((await http("POST", "/__fixture/reset", "")).body.toString())
    assert(
      s.products.length === 123 &&
        s.rooms.length === 0 &&
        s.syncCalls === 0 &&
        s.liveLinkAction === true &&
        s.rowPriceInput === true &&
        s.homepageEditor === "diy" &&
        Array.isArray(s.homepage.LModules),
      "seed"
    )
  })
} finally {
  await browser.close()
  await sb.close()
}

console.log(failures.length ? `\n${failures.length} check(s) failed` : "\nall checks passed")
process.exit(failures.length ? 1 : 0)
