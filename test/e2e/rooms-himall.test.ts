// HiMall 小程序直播 and 首页配置 end to end, with the production code (sandbox build) in real
// Chromium: rooms read from the list endpoint and named by the grid's own signals (HiMall's real
// page: the 序号 input's roomId, SetBanner(…) calls, LiveProduct?roomId= links), covers measured
// and flagged, sync-now pressing 获取小程序数据 and recording HiMall's answer (with its warning
// before syncing again), a room created on WeChat flagged as missing until synced, make-cover
// posting a cover of the size the dialog asks through HiMall's own uploader (platform 750×750,
// seller 800×640, and the older page's file input) and HiMall's 保存 saving it for the right room,
// an ended room's figures and replay in the popup and in the CSV, 直播商品 read into the room's
// contents. The homepage's live entrance is tested in homepage.test.ts. Written against the protocol (`data-lh`,
// `/__fixture/*`) and page meaning (texts, labels), not the sandbox's classes.
import { readFile } from "node:fs/promises"

import type { Page } from "playwright-core"
import sharp from "sharp"
import { beforeEach, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { openPopup, readTable, type ExtensionBrowser } from "../support/browser"
import { useExtensionSuite } from "../support/suite"
import { clearExtensionData } from "../support/goods"

let sandbox: Sandbox
let browser: ExtensionBrowser

const MIN = 60_000
const TABLES = ["facts", "wechatRooms", "shopRooms", "syncs", "roomCovers", "roomFigures", "roomContents"]

interface HimallState {
  rooms: { roomId: number; id: number; name: string; coverImg: string; status: number }[]
  syncCalls: number
  homepage: { modules: { type: string; items?: { linkType: string }[] }[] }
}

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

beforeEach(async () => {
  sandbox.shop().reset()
  sandbox.wechat.reset()
  await clearExtensionData(browser, TABLES)
  for (const p of browser.context.pages()) await p.close()
})

const shopState = () => sandbox.shop().getState() as unknown as HimallState
const origin = () => sandbox.shopOrigin

/** A room as WeChat's 直播间管理 has it (the sandbox's WeChat state). */
function wechatRoom(roomId: number, name: string, liveStatus = 102) {
  const start = new Date(Date.now() + 60 * MIN).toISOString()
  const end = new Date(Date.now() + 180 * MIN).toISOString()
  return {
    roomId,
    name,
    anchorName: "小羽",
    anchorWechat: "xiaoyu",
    start,
    end,
    liveStatus,
    allowComment: true,
    coverImg: "",
    shareImg: "",
    roomCover: null,
    shareCover: null
  }
}

/** A room as HiMall keeps it (the sandbox's HiMall state). */
function himallRoom(roomId: number, name: string, over: Record<string, unknown> = {}) {
  return {
    roomId,
    name,
    anchorName: "小羽",
    anchorWechat: "xiaoyu",
    shopId: 1,
    status: 102,
    start: new Date(Date.now() + 60 * MIN).toISOString(),
    end: new Date(Date.now() + 180 * MIN).toISOString(),
    ...over
  }
}

/**
 * WeChat's rooms as the extension read them (`wechatRooms`), put through the service worker so
 * that this test does not depend on the WeChat reader.
 */
async function seedWechatRooms(
  rooms: { roomId: number; name: string; liveStatus?: number; coverUrl?: string | null; firstSeenAt?: number; seenAt?: number }[]
) {
  const sw = await browser.worker()
  const now = Date.now()
  const records = rooms.map((r) => ({
    roomId: r.roomId,
    name: r.name,
    anchorName: "小羽",
    anchorWechat: null,
    start: now + 60 * MIN,
    end: now + 180 * MIN,
    liveStatus: r.liveStatus ?? 102,
    coverUrl: r.coverUrl ?? null,
    firstSeenAt: r.firstSeenAt ?? r.seenAt ?? now,
    seenAt: r.seenAt ?? now,
    goneAt: null
  }))
  await sw.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("himall-live-helper")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const idb = open.result
          const tx = idb.transaction("wechatRooms", "readwrite")
          for (const r of rows) tx.objectStore("wechatRooms").put(r)
          tx.oncomplete = () => {
            idb.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    records
  )
}

async function livePage(path = "/Admin/Live/Management"): Promise<Page> {
  const page = await browser.context.newPage()
  await page.goto(`${origin()}${path}`, { waitUntil: "domcontentloaded" })
  await page.locator('[data-lh-summary="live-rooms"][data-lh-state="ready"]').waitFor({ timeout: 20_000 })
  return page
}

const flags = (page: Page, roomId: number) => page.locator(`[data-lh-room-flags][data-lh-room-id="${roomId}"]`)

/** Bytes of a file the shop serves, fetched by the page (same origin, the page's own session). */
async function served(page: Page, src: string): Promise<Buffer> {
  const b64 = await page.evaluate(async (url) => {
    const res = await fetch(url)
    const bytes = new Uint8Array(await res.arrayBuffer())
    let s = ""
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return btoa(s)
  }, src)
  return Buffer.from(b64, "base64")
}

/** Open the 封面设置 dialog of a room's row (the row found by its 直播标题). */
/** Covers are measured after the worker answered the list's read; the page shows their sizes from the views it asks for after (background/cover-sizes.ts). */
const MEASURED = { timeout: 20_000 }

async function openCoverDialog(page: Page, title: string) {
  const row = page.locator("tr").filter({ hasText: title })
  await row.getByText("设置封面图", { exact: true }).click()
  await page.locator('[data-lh="make-cover"]').waitFor()
}

async function saveCoverDialog(page: Page) {
  // HiMall's artDialog has no dialog role: its 保存 is the visible button of that name.
  await page.getByRole("button", { name: "保存", exact: true }).filter({ visible: true }).click()
}

describe("HiMall 小程序直播", () => {
  it("reads every room from the list endpoint and flags covers that are missing or not 750×750", async () => {
    sandbox.shop().setState({
      rooms: [
        himallRoom(11, "春季新品直播"),
        // A 2000×2000 picture as its cover (HiMall's product image serves as one here).
        himallRoom(12, "清仓特卖", { status: 101, coverImg: "/Storage/Shop/1/Products/19/1.png" })
      ]
    })
    const page = await livePage()
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state"), MEASURED).toBe("wrong_size")
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-flags")).toBe("cover_missing")
    expect(await flags(page, 12).getAttribute("data-lh-flags")).toBe("cover_wrong_size")
    expect(await flags(page, 12).innerText()).toContain("2000×2000")
    expect(await flags(page, 11).innerText()).toContain("无封面")
    // HiMall's own row Id (DelLiveRoom(1012)) is not taken for the room id.
    expect(
      shopState()
        .rooms.map((r) => r.id)
        .sort()
    ).toEqual([1011, 1012])
    expect(await page.locator("[data-lh-room-flags]").evaluateAll((els) => els.map((e) => e.getAttribute("data-lh-room-id")).sort())).toEqual(["11", "12"])

    const stored = await readTable<{
      key: string
      roomId: number
      name: string
      anchorName: string
      status: number
      coverUrl: string | null
      coverWidth: number | null
      coverHeight: number | null
      start: number
    }>(browser, "shopRooms")
    expect(stored.map((r) => [r.key, r.name, r.status, r.coverUrl, r.coverWidth, r.coverHeight]).sort()).toEqual([
      [`${origin()}|11`, "春季新品直播", 102, null, null, null],
      [`${origin()}|12`, "清仓特卖", 101, `${origin()}/Storage/Shop/1/Products/19/1.png`, 2000, 2000]
    ])
    // 开播时间 is shown in China time to the minute; the stored instant is the same minute.
    const himall = shopState().rooms.find((r) => r.roomId === 11) as unknown as { start: string }
    expect(stored.find((r) => r.roomId === 11)!.start).toBe(Math.floor(Date.parse(himall.start) / MIN) * MIN)
    // Without WeChat's list the summary says it cannot compare yet.
    expect(await page.locator('[data-lh-summary="live-rooms"]').getAttribute("data-lh-reason")).toBe("no_wechat_data")
  })

  it("flags a room created on WeChat and missing in HiMall until sync-now presses 获取小程序数据; records it and warns before syncing again", async () => {
    sandbox.shop().setState({ rooms: [himallRoom(11, "春季新品直播", { products: [19, 118] })] })
    sandbox.wechat.setState({ rooms: [wechatRoom(11, "春季新品直播"), wechatRoom(13, "周末秒杀专场")] })
    await seedWechatRooms([
      { roomId: 11, name: "春季新品直播" },
      { roomId: 13, name: "周末秒杀专场" }
    ])
    const page = await livePage()
    const summary = page.locator('[data-lh-summary="live-rooms"]')
    expect(await summary.getAttribute("data-lh-needs-sync")).toBe("true")
    expect(await summary.getAttribute("data-lh-missing")).toBe("13")
    expect(await summary.locator('[data-lh-missing-room="13"]').innerText()).toContain("周末秒杀专场")
    expect(await flags(page, 13).count()).toBe(0)

    // sync-now sits beside HiMall's own button and presses it.
    const syncNow = page.locator('[data-lh="sync-now"]')
    expect(await page.locator('[data-lh-control="live-rooms"]').evaluate((el) => el.previousElementSibling?.textContent?.trim())).toBe("获取小程序数据")
    const calls = shopState().syncCalls
    await syncNow.click()
    await expect.poll(() => summary.getAttribute("data-lh-missing"), { timeout: 20_000 }).toBe("")
    expect(shopState().syncCalls).toBe(calls + 1)
    expect(await summary.getAttribute("data-lh-needs-sync")).toBe("false")
    await expect.poll(() => page.locator('[data-lh-status="sync-now"]').innerText()).toContain("获取成功！")
    await expect.poll(() => flags(page, 13).getAttribute("data-lh-flags")).toBe("cover_missing")
    const syncs = await readTable<{ shopOrigin: string; at: number; ok: boolean; message: string }>(browser, "syncs")
    expect(syncs).toHaveLength(1)
    expect(syncs[0]).toMatchObject({ shopOrigin: origin(), ok: true, message: "获取成功！" })
    expect(Math.abs(syncs[0].at - Date.now())).toBeLessThan(60_000)
    // After the sync, what each room holds is read from HiMall's 直播商品 list.
    await expect.poll(() => summary.getAttribute("data-lh-contents-read"), { timeout: 20_000 }).toBe("2")
    const contents = await readTable<{ key: string; items: { productId: number }[] }>(browser, "roomContents")
    expect(contents.map((c) => [c.key, c.items.map((i) => i.productId)]).sort()).toEqual([
      [`himall|${origin()}|11`, [19, 118]],
      [`himall|${origin()}|13`, []]
    ])

    // Again within 5 minutes: a warning first; cancel leaves HiMall alone, confirm syncs.
    await syncNow.click()
    const confirm = page.locator('[data-lh-confirm="sync-now"]')
    await confirm.waitFor()
    expect(await confirm.getAttribute("data-lh-warning")).toBe("recent")
    expect(await confirm.innerText()).toContain("500")
    await page.locator('[data-lh="sync-cancel"]').click()
    await confirm.waitFor({ state: "hidden" })
    expect(shopState().syncCalls).toBe(calls + 1)
    await syncNow.click()
    await page.locator('[data-lh="sync-confirm"]').click()
    await expect.poll(async () => (await readTable(browser, "syncs")).length, { timeout: 20_000 }).toBe(2)
    expect(shopState().syncCalls).toBe(calls + 2)
  })

  it("flags a status HiMall shows more than 5 minutes behind WeChat's, and says HiMall's own sync seems off", async () => {
    sandbox.shop().setState({ rooms: [himallRoom(11, "春季新品直播", { status: 102 })] })
    sandbox.wechat.setState({ rooms: [wechatRoom(11, "春季新品直播", 101)] })
    // WeChat's list showed the room live 12 minutes ago.
    await seedWechatRooms([{ roomId: 11, name: "春季新品直播", liveStatus: 101, seenAt: Date.now() - 12 * MIN }])
    const page = await livePage()
    const summary = page.locator('[data-lh-summary="live-rooms"]')
    expect(await summary.getAttribute("data-lh-stale")).toBe("11")
    expect(await summary.getAttribute("data-lh-auto-sync-off")).toBe("true")
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-flags")).toBe("cover_missing stale")
    expect(await flags(page, 11).innerText()).toContain("直播中")
    await page.locator('[data-lh="sync-now"]').click()
    await expect.poll(() => summary.getAttribute("data-lh-stale"), { timeout: 20_000 }).toBe("")
    expect(await summary.getAttribute("data-lh-needs-sync")).toBe("false")
    expect(shopState().rooms[0].status).toBe(101)
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-flags")).toBe("cover_missing")
  })

  it("records the merchant's own press of 获取小程序数据 too", async () => {
    const page = await livePage()
    // HiMall's own 获取小程序数据 (a link calling SyncData()).
    await page.getByText("获取小程序数据", { exact: true }).click()
    await expect
      .poll(async () => (await readTable<{ ok: boolean; message: string }>(browser, "syncs")).map((s) => [s.ok, s.message]), { timeout: 20_000 })
      .toEqual([[true, "获取成功！"]])
    expect(shopState().syncCalls).toBe(1)
    // Then the list is read again and each room's 直播商品 (the page has settled: nothing left in flight).
    const rooms = shopState().rooms.length
    await expect.poll(() => page.locator('[data-lh-summary="live-rooms"]').getAttribute("data-lh-contents-read"), { timeout: 20_000 }).toBe(String(rooms))
    expect(await readTable(browser, "shopRooms")).toHaveLength(rooms)
  })

  it("when the list endpoint cannot be read, reads the rooms the grid shows; a grid that names no room is told", async () => {
    sandbox.shop().setState({ rooms: [himallRoom(11, "春季新品直播", { status: 103, payAmount: 66.5, payOrders: 2 })] })
    // The extension reads 100 rows a page, HiMall's grid 15: only the extension's reads get a login page.
    await browser.context.route("**/Live/List", async (route) => {
      if (/(^|&)rows=100(&|$)/.test(route.request().postData() ?? ""))
        await route.fulfill({ status: 200, contentType: "text/html", body: "<html><body>平台管理登录</body></html>" })
      else await route.continue()
    })
    try {
      const page = await livePage("/SellerAdmin/Live/Management")
      await expect.poll(() => flags(page, 11).getAttribute("data-lh-flags")).toBe("cover_missing")
      const stored = await readTable<{
        roomId: number
        status: number
        statusDesc: string
        figures: { payAmount: number; payOrders: number } | null
        hasReplay: boolean | null
      }>(browser, "shopRooms")
      expect(stored).toEqual([
        expect.objectContaining({
          roomId: 11,
          status: 103,
          statusDesc: "已结束",
          figures: expect.objectContaining({ payAmount: 66.5, payOrders: 2 }),
          hasReplay: true
        })
      ])

      sandbox.shop().setState({ liveVariant: "older", liveRoomIdInput: false })
      await page.reload({ waitUntil: "domcontentloaded" })
      const summary = page.locator('[data-lh-summary="live-rooms"]')
      // Once the grid has drawn its rows: they are there, and none says which room it is.
      await expect.poll(() => summary.innerText(), { timeout: 20_000 }).toContain("读不出")
      expect(await summary.getAttribute("data-lh-state")).toBe("unreadable")
      expect(await readTable(browser, "shopRooms")).toHaveLength(1)
    } finally {
      await browser.context.unroute("**/Live/List")
    }
  })

  it("answers the list's read before measuring covers, then shows their sizes from the views it asks for", async () => {
    sandbox.shop().setState({ rooms: [himallRoom(11, "春季新品直播"), himallRoom(12, "清仓特卖", { coverImg: "/Storage/Shop/1/Products/19/1.png" })] })
    const page = await browser.context.newPage()
    // Every cover state room 12's flags take, in order (the page's own world sees the attribute change).
    await page.addInitScript(() => {
      const states: string[] = []
      Object.assign(window, { __coverStates: states })
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as Element
          if (el.getAttribute("data-lh-room-id") !== "12") continue
          const state = el.getAttribute("data-lh-cover-state")
          if (state && states.at(-1) !== state) states.push(state)
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-lh-cover-state", "data-lh-room-id"] })
    })
    await page.goto(`${origin()}/Admin/Live/Management`, { waitUntil: "domcontentloaded" })
    const states = () => page.evaluate(() => (window as unknown as { __coverStates: string[] }).__coverStates)
    // The first answer did not wait for the picture: its size was not known yet. Then it was.
    await expect.poll(states, MEASURED).toEqual(["unchecked", "wrong_size"])
    expect(await flags(page, 12).innerText()).toContain("2000×2000")
    expect((await readTable<{ roomId: number; coverWidth: number | null }>(browser, "shopRooms")).find((r) => r.roomId === 12)?.coverWidth).toBe(2000)
  })

  it("on a HiMall version without the grid's room id input, rows are matched through the endpoint", async () => {
    sandbox.shop().setState({
      liveVariant: "older",
      liveRoomIdInput: false,
      rooms: [himallRoom(11, "春季新品直播"), himallRoom(12, "清仓特卖", { coverImg: "/Storage/Shop/1/Products/19/1_350.png" })]
    })
    const page = await livePage()
    expect(await page.locator("input.thisRoomId").count()).toBe(0)
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state"), MEASURED).toBe("wrong_size")
    expect(await flags(page, 12).innerText()).toContain("350×350")
    expect(await page.locator("tr", { has: flags(page, 11) }).innerText()).toContain("春季新品直播")
  })
})

describe("make-cover in 封面设置", () => {
  /** A photo the merchant picks, through the file chooser make-cover opens. */
  async function pickPhoto(page: Page) {
    const picture = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 200, g: 60, b: 40 } } })
      .jpeg({ quality: 95 })
      .toBuffer()
    const chooser = page.waitForEvent("filechooser")
    await page.locator('[data-lh="make-cover"]').click()
    await (await chooser).setFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: picture })
  }
  const coverOf = (roomId: number) => shopState().rooms.find((r) => r.roomId === roomId)!.coverImg

  it("platform backend (设置封面图 as older versions and the manual show it): posts a 750×750 cover through HiMall's uploader; HiMall's 保存 saves it for that room", async () => {
    sandbox.shop().setState({ liveAdminBanner: true, rooms: [himallRoom(11, "春季新品直播"), himallRoom(12, "清仓特卖")] })
    const page = await livePage()
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-flags")).toBe("cover_missing")
    await openCoverDialog(page, "清仓特卖")
    const panel = page.locator('[data-lh-control="make-cover"]')
    expect(await panel.getAttribute("data-lh-room-id")).toBe("12")
    expect(await panel.getAttribute("data-lh-size")).toBe("750x750")
    // The dialog (the nearest box around our panel that holds its title 封面设置; artDialog gives it
    // no role) has no file input of its own: HiMall's uploader makes one outside the page.
    const dialog = panel.locator("xpath=ancestor::*[contains(normalize-space(.), '封面设置')][1]")
    expect(await dialog.locator("text=建议尺寸").count()).toBeGreaterThan(0)
    expect(await dialog.locator("input[type=file]:not([data-lh])").count()).toBe(0)
    await pickPhoto(page)
    const status = page.locator('[data-lh-status="make-cover"]')
    await expect.poll(() => status.getAttribute("data-lh-outcome"), { timeout: 30_000 }).toBe("ok")
    expect(await status.innerText()).toContain("750×750")
    const uploaded = (await panel.getAttribute("data-lh-uploaded-url"))!
    expect(new URL(uploaded).pathname).toMatch(/^\/temp\/\d+\.jpg$/)
    // Shown in the dialog's picture box, not saved until 保存.
    expect(await dialog.locator("input[type=hidden]").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain(new URL(uploaded).pathname)
    expect(coverOf(12)).toBe("")

    await saveCoverDialog(page)
    await expect.poll(() => coverOf(12)).toBe(new URL(uploaded).pathname)
    expect(coverOf(11)).toBe("")
    const meta = await sharp(await served(page, coverOf(12))).metadata()
    expect([meta.width, meta.height, meta.format]).toEqual([750, 750, "jpeg"])
    const covers = await readTable<{ key: string; width: number; height: number; source: string; uploadedUrl: string | null }>(browser, "roomCovers")
    expect(covers).toEqual([expect.objectContaining({ key: `${origin()}|12`, width: 750, height: 750, source: "picked", uploadedUrl: uploaded })])
    // HiMall does not reload its grid after 保存: the page read again shows the cover measured.
    await page.reload({ waitUntil: "domcontentloaded" })
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state"), { timeout: 20_000 }).toBe("ok")
  })

  it("seller backend (建议尺寸800*640): makes 800×640 from the room's WeChat cover and saves it for the room SetBanner(…) names", async () => {
    sandbox.shop().setState({ rooms: [himallRoom(11, "春季新品直播"), himallRoom(12, "清仓特卖", { coverImg: "/Storage/Shop/1/Products/19/1_350.png" })] })
    await seedWechatRooms([{ roomId: 12, name: "清仓特卖", coverUrl: `${origin()}/Storage/Shop/1/Products/19/1.png` }])
    const page = await livePage("/SellerAdmin/Live/Management")
    // The seller backend has no 获取小程序数据: sync-now says why it cannot sync here.
    expect(await page.locator('[data-lh="sync-now"]').isDisabled()).toBe(true)
    expect(await page.locator('[data-lh-status="sync-now"]').innerText()).toContain("平台")
    // The seller list asks 800×640: a 350×350 cover is the wrong size.
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state"), MEASURED).toBe("wrong_size")
    await openCoverDialog(page, "清仓特卖")
    const panel = page.locator('[data-lh-control="make-cover"]')
    expect(await panel.getAttribute("data-lh-room-id")).toBe("12")
    expect(await panel.getAttribute("data-lh-size")).toBe("800x640")
    const fromWechat = page.locator('[data-lh="make-cover-wechat"]')
    await expect.poll(() => fromWechat.isEnabled()).toBe(true)
    await fromWechat.click()
    const status = page.locator('[data-lh-status="make-cover"]')
    await expect.poll(() => status.getAttribute("data-lh-outcome"), { timeout: 30_000 }).toBe("ok")
    expect(await status.innerText()).toContain("800×640")
    await saveCoverDialog(page)
    await expect.poll(() => coverOf(12)).toMatch(/^\/temp\//)
    expect(coverOf(11)).toBe("")
    const meta = await sharp(await served(page, coverOf(12))).metadata()
    expect([meta.width, meta.height, meta.format]).toEqual([800, 640, "jpeg"])
    expect((await readTable<{ source: string; width: number; height: number }>(browser, "roomCovers"))[0]).toMatchObject({
      source: "wechat",
      width: 800,
      height: 640
    })
    await page.reload({ waitUntil: "domcontentloaded" })
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state"), { timeout: 20_000 }).toBe("ok")
  })

  it("an uploader it cannot make sense of is said so, and nothing is changed", async () => {
    sandbox.shop().setState({ liveAdminBanner: true, rooms: [himallRoom(11, "春季新品直播")] })
    const page = await livePage()
    // A HiMall whose picture box is drawn differently: no hidden path input, no file input.
    await page.evaluate(() => document.querySelectorAll("#banner-form input[type=hidden]").forEach((i) => i.remove()))
    await page.locator("tr").filter({ hasText: "春季新品直播" }).getByText("设置封面图", { exact: true }).click()
    const status = page.locator('[data-lh-status="make-cover"]')
    await expect.poll(() => status.getAttribute("data-lh-problem")).toBe("uploader_unknown")
    expect(await status.getAttribute("data-lh-outcome")).toBe("failed")
    expect(await status.innerText()).toContain("未做任何改动")
    expect(await page.locator('[data-lh="make-cover"]').isDisabled()).toBe(true)
    expect(await page.locator('[data-lh-control="make-cover"]').count()).toBe(1)
  })

  it("the older page (a file input in 封面设置, JSON answers): the cover goes to that file input", async () => {
    sandbox.shop().setState({ liveVariant: "older", rooms: [himallRoom(11, "春季新品直播")] })
    const page = await livePage()
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-flags")).toBe("cover_missing")
    await openCoverDialog(page, "春季新品直播")
    expect(await page.locator('[data-lh-control="make-cover"]').getAttribute("data-lh-room-id")).toBe("11")
    await pickPhoto(page)
    const status = page.locator('[data-lh-status="make-cover"]')
    await expect.poll(() => status.getAttribute("data-lh-outcome"), { timeout: 30_000 }).toBe("ok")
    const uploaded = await page.locator('[data-lh-control="make-cover"]').getAttribute("data-lh-uploaded-url")
    expect(uploaded).toMatch(/\/Storage\/Live\//)
    expect(coverOf(11)).toBe("")
    await saveCoverDialog(page)
    await expect.poll(() => coverOf(11)).not.toBe("")
    expect(new URL(coverOf(11), origin()).toString()).toBe(uploaded)
    const meta = await sharp(await served(page, coverOf(11))).metadata()
    expect([meta.width, meta.height, meta.format]).toEqual([750, 750, "jpeg"])
    // This page reloads its grid after 保存: the flag goes.
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-cover-state"), { timeout: 20_000 }).toBe("ok")
  })
})

describe("results after the live", () => {
  const ended = (roomId: number, name: string, daysAgo: number, over: Record<string, unknown> = {}) =>
    himallRoom(roomId, name, {
      status: 103,
      start: new Date(Date.now() - daysAgo * 24 * 60 * MIN).toISOString(),
      end: new Date(Date.now() - daysAgo * 24 * 60 * MIN + 120 * MIN).toISOString(),
      ...over
    })

  it("records each room's figures and replay at each reading; the popup shows an ended room's figures with a chart, and the CSV holds every room's", async () => {
    sandbox.shop().setState({
      rooms: [
        ended(21, "上周新品直播", 7, {
          cartMember: 12,
          cartCount: 30,
          payMember: 5,
          payOrders: 6,
          payAmount: 1299.5,
          recordingUrls: ["https://live.example/replay/21.mp4"]
        }),
        ended(22, '上月清仓, "特卖"', 30, { cartMember: 3, cartCount: 4, payMember: 1, payOrders: 1, payAmount: 88 }),
        himallRoom(23, "下周直播")
      ]
    })
    const page = await livePage("/SellerAdmin/Live/Management")
    type Stored = { roomId: number; figures: Record<string, number | null> | null; figuresAt: number | null; hasReplay: boolean | null }
    const stored = await readTable<Stored>(browser, "shopRooms")
    const byId = new Map(stored.map((r) => [r.roomId, r]))
    expect(byId.get(21)).toMatchObject({ figures: { cartMember: 12, cartCount: 30, payMember: 5, payOrders: 6, payAmount: 1299.5 }, hasReplay: true })
    expect(byId.get(22)).toMatchObject({ figures: { payAmount: 88 }, hasReplay: false })
    expect(byId.get(21)!.figuresAt).toBeGreaterThan(Date.now() - 5 * MIN)
    const readings = await readTable<{ shopOrigin: string; roomId: number; at: number; figures: { payAmount: number } }>(browser, "roomFigures")
    expect(readings.filter((r) => r.roomId === 21).map((r) => [r.shopOrigin, r.figures.payAmount])).toEqual([[origin(), 1299.5]])

    // More sold since: the next reading is a new record, the earlier one kept.
    const rooms = shopState().rooms.map((r) => (r.roomId === 21 ? { ...r, payAmount: 1500, payOrders: 7 } : r))
    sandbox.shop().setState({ rooms })
    await page.reload({ waitUntil: "domcontentloaded" })
    await expect
      .poll(async () =>
        (await readTable<{ roomId: number; figures: { payAmount: number } }>(browser, "roomFigures"))
          .filter((r) => r.roomId === 21)
          .map((r) => r.figures.payAmount)
          .sort()
      )
      .toEqual([1299.5, 1500])

    // The live page is done (its reads recorded): closed before the popup opens.
    await page.close()
    const popup = await openPopup(browser)
    await popup.getByRole("tab", { name: /直播间/ }).click()
    const results = popup.locator('[data-lh-room-figures="21"]')
    await results.waitFor()
    expect(await results.locator('[data-lh-figure="payAmount"]').getAttribute("data-lh-value")).toBe("1500")
    expect(await results.locator('[data-lh-figure="cartMember"]').innerText()).toContain("12")
    expect(await results.locator("[data-lh-room-replay]").getAttribute("data-lh-room-replay")).toBe("yes")
    const bars = results.locator('[data-lh-chart="payAmount"] [data-lh-bar-room]')
    expect(await bars.evaluateAll((els) => els.map((e) => [e.getAttribute("data-lh-bar-room"), e.getAttribute("data-lh-bar-value")]))).toEqual(
      expect.arrayContaining([
        ["21", "1500"],
        ["22", "88"]
      ])
    )
    expect(await popup.locator('[data-lh-room-figures="22"] [data-lh-room-replay]').getAttribute("data-lh-room-replay")).toBe("no")
    // A room still to come shows no results.
    expect(await popup.locator('[data-lh-room-figures="23"]').count()).toBe(0)

    const download = popup.waitForEvent("download")
    await popup.locator('[data-lh="export-room-figures"]').click()
    const csv = await readFile((await (await download).path())!, "utf8")
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).trim().split("\r\n")
    expect(lines[0]).toBe("店铺,房间号,直播标题,主播昵称,状态,开播时间,结束时间,加购人数,加购次数,支付人数,支付订单,支付金额,回放,数据读取时间")
    expect(lines).toHaveLength(4)
    const line21 = lines.find((l) => l.split(",")[1] === "21")!
    expect(line21.split(",").slice(0, 5)).toEqual([new URL(origin()).host, "21", "上周新品直播", "小羽", "已结束"])
    expect(line21.split(",").slice(7, 13)).toEqual(["12", "30", "5", "7", "1500.00", "有"])
    // A title with a comma and quotes stays one field.
    expect(lines.find((l) => l.split(",")[1] === "22")).toContain('"上月清仓, ""特卖"""')
  })

  it("reads 直播商品 into the room's contents record", async () => {
    sandbox.shop().setState({ rooms: [ended(21, "上周新品直播", 7, { products: [19, 120, 118] })] })
    const page = await browser.context.newPage()
    await page.goto(`${origin()}/SellerAdmin/Live/LiveProduct?roomId=21`, { waitUntil: "domcontentloaded" })
    const note = page.locator('[data-lh-status="room-contents"]')
    await expect.poll(() => note.getAttribute("data-lh-state"), { timeout: 20_000 }).toBe("recorded")
    expect(await note.getAttribute("data-lh-count")).toBe("3")
    const contents = await readTable<{
      key: string
      roomId: number
      source: string
      shopOrigin: string
      complete: boolean
      items: { productId: number; name: string; url: string; price: number }[]
    }>(browser, "roomContents")
    expect(contents).toHaveLength(1)
    expect(contents[0]).toMatchObject({ key: `himall|${origin()}|21`, roomId: 21, source: "himall", shopOrigin: origin(), complete: true })
    expect(contents[0].items.map((i) => i.productId)).toEqual([19, 120, 118])
    expect(contents[0].items[0]).toMatchObject({ url: "pages/productdetail/productdetail?id=19", name: expect.stringContaining("旅行箱") })
    expect(contents[0].items[1].price).toBe(99999.99)
  })
})
