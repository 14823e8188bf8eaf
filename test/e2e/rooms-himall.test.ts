// HiMall 小程序直播 and 首页配置 end to end, with the production code (sandbox build) in real
// Chromium: rooms read from the list endpoint, covers measured and flagged, sync-now pressing
// 获取小程序数据 and recording HiMall's answer (with its warning before syncing again), a room
// created on WeChat flagged as missing until synced, make-cover uploading a 750×750 cover that
// HiMall then shows (from a picked image, and from the room's WeChat cover). The homepage's
// live entrance is tested in homepage.test.ts. Written against the protocol (`data-lh`,
// `/__fixture/*`) and page meaning (texts, labels), not the sandbox's classes.
import type { Page } from "playwright-core"
import sharp from "sharp"
import { beforeEach, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { readTable, type ExtensionBrowser } from "../support/browser"
import { useExtensionSuite } from "../support/suite"
import { clearExtensionData } from "../support/goods"

let sandbox: Sandbox
let browser: ExtensionBrowser

const MIN = 60_000
const TABLES = ["facts", "wechatRooms", "shopRooms", "syncs", "roomCovers"]

interface HimallState {
  rooms: { roomId: number; name: string; coverImg: string; status: number }[]
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
  return { roomId, name, anchorName: "小羽", anchorWechat: "xiaoyu", start, end, liveStatus, allowComment: true, coverImg: "", shareImg: "", roomCover: null, shareCover: null }
}

/** A room as HiMall keeps it (the sandbox's HiMall state). */
function himallRoom(roomId: number, name: string, over: Record<string, unknown> = {}) {
  return { roomId, name, anchorName: "小羽", anchorWechat: "xiaoyu", shopId: 1, status: 102, start: new Date(Date.now() + 60 * MIN).toISOString(), end: new Date(Date.now() + 180 * MIN).toISOString(), ...over }
}

/**
 * WeChat's rooms as the extension read them (`wechatRooms`), put through the service worker so
 * that this test does not depend on the WeChat reader.
 */
async function seedWechatRooms(rooms: { roomId: number; name: string; liveStatus?: number; coverUrl?: string | null; firstSeenAt?: number; seenAt?: number }[]) {
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
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state")).toBe("wrong_size")
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-flags")).toBe("cover_missing")
    expect(await flags(page, 12).getAttribute("data-lh-flags")).toBe("cover_wrong_size")
    expect(await flags(page, 12).innerText()).toContain("2000×2000")
    expect(await flags(page, 11).innerText()).toContain("无封面")

    const stored = await readTable<{ key: string; roomId: number; name: string; anchorName: string; status: number; coverUrl: string | null; coverWidth: number | null; coverHeight: number | null; start: number }>(browser, "shopRooms")
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
    sandbox.shop().setState({ rooms: [himallRoom(11, "春季新品直播")] })
    sandbox.wechat.setState({ rooms: [wechatRoom(11, "春季新品直播"), wechatRoom(13, "周末秒杀专场")] })
    await seedWechatRooms([{ roomId: 11, name: "春季新品直播" }, { roomId: 13, name: "周末秒杀专场" }])
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
    await page.getByRole("button", { name: "获取小程序数据", exact: true }).click()
    await expect.poll(async () => (await readTable<{ ok: boolean; message: string }>(browser, "syncs")).map((s) => [s.ok, s.message]), { timeout: 20_000 }).toEqual([[true, "获取成功！"]])
    expect(shopState().syncCalls).toBe(1)
  })

  it("on a HiMall version without the grid's room id input, rows are matched through the endpoint", async () => {
    sandbox.shop().setState({ liveRoomIdInput: false, rooms: [himallRoom(11, "春季新品直播"), himallRoom(12, "清仓特卖", { coverImg: "/Storage/Shop/1/Products/19/1_350.png" })] })
    const page = await livePage()
    expect(await page.locator("input.thisRoomId").count()).toBe(0)
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state")).toBe("wrong_size")
    expect(await flags(page, 12).innerText()).toContain("350×350")
    expect(await page.locator("tr", { has: flags(page, 11) }).innerText()).toContain("春季新品直播")
  })
})

describe("make-cover in 封面设置", () => {
  it("makes a 750×750 cover from a picked image, hands it to HiMall's uploader, and HiMall shows it after 保存", async () => {
    sandbox.shop().setState({ rooms: [himallRoom(11, "春季新品直播")] })
    const page = await livePage()
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-flags")).toBe("cover_missing")
    await openCoverDialog(page, "春季新品直播")
    expect(await page.locator('[data-lh-control="make-cover"]').getAttribute("data-lh-room-id")).toBe("11")

    // The merchant picks a 1600×1000 photo through the file chooser make-cover opens.
    const picture = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 200, g: 60, b: 40 } } }).jpeg({ quality: 95 }).toBuffer()
    const chooser = page.waitForEvent("filechooser")
    await page.locator('[data-lh="make-cover"]').click()
    await (await chooser).setFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: picture })
    const status = page.locator('[data-lh-status="make-cover"]')
    await expect.poll(() => status.getAttribute("data-lh-outcome"), { timeout: 30_000 }).toBe("ok")
    expect(await status.innerText()).toContain("750×750")
    // Uploaded, shown in the dialog, not saved until 保存.
    const uploaded = await page.locator('[data-lh-control="make-cover"]').getAttribute("data-lh-uploaded-url")
    expect(uploaded).toMatch(/\/Storage\/Live\//)
    expect(shopState().rooms[0].coverImg).toBe("")

    await saveCoverDialog(page)
    await expect.poll(() => shopState().rooms.find((r) => r.roomId === 11)!.coverImg).not.toBe("")
    const src = shopState().rooms.find((r) => r.roomId === 11)!.coverImg
    expect(new URL(src, origin()).toString()).toBe(uploaded)
    const bytes = await served(page, src)
    const meta = await sharp(bytes).metadata()
    expect([meta.width, meta.height, meta.format]).toEqual([750, 750, "jpeg"])
    expect(bytes.length).toBeLessThanOrEqual(2 * 1024 * 1024)
    // HiMall's grid reloads; the room is no longer flagged.
    await expect.poll(() => flags(page, 11).getAttribute("data-lh-cover-state"), { timeout: 20_000 }).toBe("ok")
    expect(await flags(page, 11).getAttribute("data-lh-flags")).toBe("")
    const covers = await readTable<{ key: string; width: number; height: number; source: string; uploadedUrl: string | null; bytes: number }>(browser, "roomCovers")
    expect(covers).toEqual([expect.objectContaining({ key: `${origin()}|11`, width: 750, height: 750, source: "picked", uploadedUrl: uploaded })])
  })

  it("replaces a wrong-size cover with one made from the room's WeChat cover", async () => {
    sandbox.shop().setState({ rooms: [himallRoom(12, "清仓特卖", { coverImg: "/Storage/Shop/1/Products/19/1_350.png" })] })
    // The room's cover on WeChat, as the WeChat reader stores it (here a 2000×2000 PNG the shop serves).
    await seedWechatRooms([{ roomId: 12, name: "清仓特卖", coverUrl: `${origin()}/Storage/Shop/1/Products/19/1.png` }])
    const page = await livePage()
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state")).toBe("wrong_size")
    await openCoverDialog(page, "清仓特卖")
    const fromWechat = page.locator('[data-lh="make-cover-wechat"]')
    await expect.poll(() => fromWechat.isEnabled()).toBe(true)
    await fromWechat.click()
    const status = page.locator('[data-lh-status="make-cover"]')
    await expect.poll(() => status.getAttribute("data-lh-outcome"), { timeout: 30_000 }).toBe("ok")
    await saveCoverDialog(page)
    await expect.poll(() => shopState().rooms[0].coverImg).toMatch(/^\/Storage\/Live\//)
    const meta = await sharp(await served(page, shopState().rooms[0].coverImg)).metadata()
    expect([meta.width, meta.height]).toEqual([750, 750])
    await expect.poll(() => flags(page, 12).getAttribute("data-lh-cover-state"), { timeout: 20_000 }).toBe("ok")
    expect((await readTable<{ source: string }>(browser, "roomCovers"))[0].source).toBe("wechat")
  })
})
