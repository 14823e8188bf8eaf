// Issue 4, WeChat side, end to end on the sandbox build: step 一 (qualification) recorded in its
// three states without the extension ever ticking the consent box; a room plan made in the real
// options page, filled into 创建直播间 (checked against the form's own model,
// window.__fixture.roomForm()), created by the merchant and read back from 直播间管理 into
// wechatRooms; every broken WeChat rule refused before anything is written; and the same fill
// on the sandbox's other faithful markup (`alt`). Timings are printed, not asserted.
import type { Page } from "playwright-core"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"

import { pngFile } from "../sandbox/wechat/harness"
import { startSandbox, type Sandbox } from "../sandbox/server"
import { hearMessages, launchWithExtension, openPopup, readTable, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData } from "../support/goods"

const Q = "?token=1&lang=zh_CN"
const MP_HOME = `https://mp.weixin.qq.com/wxamp/index/index${Q}`
const MP_LIVE = `https://mp.weixin.qq.com/wxamp/frame/live${Q}`
const MP_ROOMS = `https://mp.weixin.qq.com/wxamp/frame/live/broadcast/index${Q}`
const LIVE_ROOMS = `https://live.weixin.qq.com/livemp/broadcast/index${Q}`
const LIVE_CREATE = `https://live.weixin.qq.com/livemp/broadcast/create${Q}`

const MINUTE = 60_000
const HOUR = 60 * MINUTE

let sandbox: Sandbox
let browser: ExtensionBrowser
let options: Page

interface RoomForm {
  name: string
  start: string
  end: string
  anchorName: string
  anchorWechat: string
  allowComment: boolean
  shareCover: { name: string; type: string; bytes: number; width: number; height: number } | null
  roomCover: { name: string; type: string; bytes: number; width: number; height: number } | null
}

const roomForm = (page: Page) => page.evaluate(() => (window as unknown as { __fixture: { roomForm(): RoomForm | null } }).__fixture.roomForm())

/** A time `ms` from now, on a whole minute (the form takes minutes). */
function fromNow(ms: number): number {
  const d = new Date(Date.now() + ms)
  d.setSeconds(0, 0)
  return d.getTime()
}
const p2 = (n: number) => String(n).padStart(2, "0")
const dateTimeLocal = (ms: number) => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}`
}

async function dataUrl(width: number, height: number, color?: string) {
  const f = await pngFile("x.png", width, height, color)
  return `data:image/png;base64,${f.buffer.toString("base64")}`
}

async function fact(key: string): Promise<{ value: { state: string; url: string }; seenAt: number } | null> {
  return ((await readTable<{ key: string; value: { state: string; url: string }; seenAt: number }>(browser, "facts")).find((f) => f.key === key) ??
    null) as never
}

/** Plans with their images' sizes and types (Blobs do not cross to the test by themselves). */
async function plans(): Promise<
  { id: number; title: string; usedAt: number | null; roomId: number | null; share: [number, string] | null; cover: [number, string] | null }[]
> {
  const sw = await browser.worker()
  return sw.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("himall-live-helper")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const req = open.result.transaction("plans").objectStore("plans").getAll()
          req.onsuccess = () => {
            open.result.close()
            resolve(
              (
                req.result as { id: number; title: string; usedAt: number | null; roomId: number | null; shareImage: Blob | null; roomCover: Blob | null }[]
              ).map((p) => ({
                id: p.id,
                title: p.title,
                usedAt: p.usedAt,
                roomId: p.roomId,
                share: p.shareImage ? [p.shareImage.size, p.shareImage.type] : null,
                cover: p.roomCover ? [p.roomCover.size, p.roomCover.type] : null
              }))
            )
          }
        }
      })
  )
}

/** A plan saved through the options page's own message (sender kind "extension"). */
async function seedPlan(over: Record<string, unknown>): Promise<number> {
  const payload = {
    id: null,
    title: "周末直播专场",
    start: fromNow(2 * 24 * HOUR),
    end: fromNow(2 * 24 * HOUR + 2 * HOUR),
    anchorName: "小美",
    anchorWechat: "himall_anchor",
    allowComment: true,
    fit: "crop",
    shareImage: { dataUrl: await dataUrl(400, 320) },
    roomCover: { dataUrl: await dataUrl(270, 480) },
    ...over
  }
  const reply = await options.evaluate((p) => chrome.runtime.sendMessage({ lh: 1, type: "plan.save", payload: p }), payload)
  if (!reply?.ok) throw new Error(`plan.save refused: ${JSON.stringify(reply)}`)
  return reply.data.plan.id
}

async function openCreateForm(url = LIVE_CREATE): Promise<Page> {
  const page = await browser.context.newPage()
  await page.goto(url, { waitUntil: "domcontentloaded" })
  await page.getByText("分享卡片展示样式").waitFor()
  await page.locator('[data-lh="fill-room"]').waitFor()
  return page
}

/** fill-room → pick-plan; the report's outcome. */
async function fillFromPlan(page: Page, planId: number): Promise<string> {
  const picker = page.locator("[data-lh-plan-picker]")
  if (!(await picker.isVisible())) await page.locator('[data-lh="fill-room"]').click()
  await page.locator(`[data-lh="pick-plan"][data-lh-plan-id="${planId}"]`).click()
  const report = page.locator(`[data-lh="room-report"][data-lh-plan-id="${planId}"][data-lh-outcome]`)
  await report.waitFor({ timeout: 30_000 })
  return (await report.getAttribute("data-lh-outcome"))!
}

beforeAll(async () => {
  sandbox = await startSandbox()
  browser = await launchWithExtension(sandbox)
  options = await browser.context.newPage()
  await options.goto(browser.url("options.html"))
})

afterAll(async () => {
  await browser?.close()
  await sandbox?.close()
})

beforeEach(async () => {
  sandbox.wechat.reset()
  await clearExtensionData(browser, ["facts", "wechatRooms", "plans"])
})

describe("step 一: qualification", () => {
  it("no 直播 under 功能: unqualified, from the MP home page and from the live page", async () => {
    sandbox.wechat.setState({ qualified: false, liveOpened: false })
    const page = await browser.context.newPage()
    await page.goto(MP_HOME)
    await expect.poll(async () => (await fact("qualification"))?.value.state, { timeout: 10_000 }).toBe("unqualified")
    expect((await fact("qualification"))!.value.url).toBe("https://mp.weixin.qq.com/wxamp/index/index")
    await page.goto(MP_LIVE)
    await expect(page.locator('[data-lh="qualification-status"]').getAttribute("data-lh-state")).resolves.toBe("unqualified")
    await page.close()
  })

  it("直播 listed but not opened: not_opened, pointed to the terms; the consent box is never ticked", async () => {
    const page = await browser.context.newPage()
    // Seen without 直播 first; once the menu shows 直播 that 无资格 is stale and dropped.
    sandbox.wechat.setState({ qualified: false, liveOpened: false })
    await page.goto(MP_HOME)
    await expect.poll(async () => (await fact("qualification"))?.value.state, { timeout: 10_000 }).toBe("unqualified")
    sandbox.wechat.setState({ qualified: true, liveOpened: false })
    await page.reload()
    await expect.poll(async () => await fact("qualification"), { timeout: 10_000 }).toBeNull()
    await page.goto(MP_LIVE)
    await expect.poll(async () => (await fact("qualification"))?.value.state, { timeout: 10_000 }).toBe("not_opened")
    const status = page.locator('[data-lh="qualification-status"]')
    expect(await status.getAttribute("data-lh-state")).toBe("not_opened")
    await page.locator('[data-lh="show-terms"]').click()
    // The merchant opens the terms; the extension only points to them.
    await page.getByRole("button", { name: "开通", exact: true }).click()
    const consent = page.getByText("我已阅读并同意遵守以上条款", { exact: true })
    await consent.waitFor()
    await page.locator('[data-lh="show-terms"]').click()
    expect(await status.textContent()).toContain("我已阅读并同意遵守以上条款")
    // show-terms has done all it does once the consent box is outlined (its last step): only then is it unticked for sure.
    await page.waitForFunction(() => {
      const box = document.querySelector<HTMLInputElement>("input[type=checkbox]")?.closest<HTMLElement>("label, div")
      return !!box && box.style.outline.includes("dashed")
    })
    expect(await page.getByRole("checkbox").isChecked()).toBe(false)
    expect(await page.getByRole("button", { name: "申请开通" }).isDisabled()).toBe(true)
    expect((sandbox.wechat.getState() as { liveOpened: boolean }).liveOpened).toBe(false)
    expect((await fact("qualification"))!.value.state).toBe("not_opened")

    // The merchant agrees and applies: 申请通过 is seen as opened.
    const before = (await fact("qualification"))!.seenAt
    await consent.click()
    await page.getByRole("button", { name: "申请开通" }).click()
    await page.getByText("已开通微信小程序直播功能").waitFor()
    await expect.poll(async () => (await fact("qualification"))?.value.state, { timeout: 10_000 }).toBe("opened")
    expect((await fact("qualification"))!.seenAt).toBeGreaterThanOrEqual(before)
    expect(await page.locator('[data-lh="qualification-status"]').count()).toBe(0)
    await page.close()
  })

  it("opened: the console's tabs on live.weixin.qq.com say so; the menu alone never downgrades it", async () => {
    const page = await browser.context.newPage()
    await page.goto(LIVE_ROOMS)
    await expect
      .poll(async () => (await fact("qualification"))?.value, { timeout: 10_000 })
      .toEqual({ state: "opened", url: "https://live.weixin.qq.com/livemp/broadcast/index" })
    const qualification = await hearMessages<{ signal: string }>(browser, "qualification.seen")
    await page.goto(MP_HOME)
    // The menu's "listed" reached the worker and was handled: the fact it could have changed is read after.
    await qualification.handled((p) => p.signal === "listed", ["facts"])
    expect((await fact("qualification"))!.value.state).toBe("opened")
    await page.close()
  })
})

describe("step 三: room plans and fill-room", () => {
  it("a plan made in the options page fills 创建直播间, is created, and comes back from 直播间管理", async () => {
    const start = fromNow(3 * 24 * HOUR)
    const end = start + 90 * MINUTE
    // The plan, through the options page's own form.
    await options.reload()
    await options.locator('[data-lh="plan-add"]').click()
    const editor = options.locator('[data-lh="plan-editor"]')
    await editor.getByLabel("直播标题").fill("店庆特惠专场直播")
    await editor.getByLabel("开始时间").fill(dateTimeLocal(start))
    await editor.getByLabel("结束时间").fill(dateTimeLocal(end))
    await editor.getByLabel("主播昵称").fill("小美")
    await editor.getByLabel("主播微信账号").fill("himall_anchor")
    await editor.getByRole("radio", { name: "否" }).check()
    const bigShare = await pngFile("share-source.png", 2000, 1600, "#3b7dd8")
    const smallCover = await pngFile("cover-source.png", 540, 960, "#8e44ad")
    await editor.locator('[data-lh="plan-share-image"]').setInputFiles(bigShare)
    await editor.locator('[data-lh="plan-room-cover"]').setInputFiles(smallCover)
    await editor.locator('[data-lh="plan-problems"][data-lh-ok]').waitFor()
    let t0 = Date.now()
    await options.locator('[data-lh="plan-save"]').click()
    await options.locator('[data-lh="plan-message"]', { hasText: "已保存" }).waitFor()
    console.log(`[rooms] plan saved with both images made: ${Date.now() - t0} ms`)
    const [plan] = await plans()
    expect(plan).toMatchObject({ title: "店庆特惠专场直播", usedAt: null, roomId: null })
    expect(plan.share![1]).toBe("image/jpeg")
    expect(plan.share![0]).toBeLessThanOrEqual(1024 * 1024)
    expect(plan.cover![1]).toBe("image/jpeg")
    expect(plan.cover![0]).toBeLessThanOrEqual(2 * 1024 * 1024)
    expect(await options.locator(`[data-lh-plan="${plan.id}"]`).getAttribute("data-lh-plan-problems")).toBe("")

    // 直播间管理 is read as soon as it shows; then 创建直播间.
    const page = await browser.context.newPage()
    await page.goto(MP_ROOMS)
    await expect
      .poll(async () => (await readTable<{ roomId: number }>(browser, "wechatRooms")).map((r) => r.roomId).sort(), { timeout: 10_000 })
      .toEqual([1, 2])
    await page.getByRole("button", { name: "创建直播间" }).click()
    await page.locator('[data-lh="fill-room"]').waitFor()
    const fresh = await roomForm(page)
    expect(await page.locator("[data-lh-anchor-binding]").textContent()).toContain("主播微信账号会与直播间绑定")
    t0 = Date.now()
    expect(await fillFromPlan(page, plan.id)).toBe("ok")
    await page.waitForFunction(() => !!(window as any).__fixture.roomForm()?.roomCover)
    console.log(`[rooms] pick-plan to a complete 创建直播间 model: ${Date.now() - t0} ms`)
    const form = (await roomForm(page))!
    expect(form).not.toEqual(fresh)
    expect(form).toMatchObject({
      name: "店庆特惠专场直播",
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      anchorName: "小美",
      anchorWechat: "himall_anchor",
      allowComment: false
    })
    expect(form.shareCover).toMatchObject({ type: "image/jpeg", width: 800, height: 640, bytes: plan.share![0] })
    expect(form.roomCover).toMatchObject({ type: "image/jpeg", width: 1080, height: 1920, bytes: plan.cover![0] })
    const states = await page
      .locator('[data-lh="room-report"] [data-lh-field]')
      .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute("data-lh-field"), e.getAttribute("data-lh-field-state")])))
    expect(states).toEqual({
      title: "filled",
      start: "filled",
      end: "filled",
      anchorName: "filled",
      anchorWechat: "filled",
      comment: "filled",
      shareImage: "filled",
      roomCover: "filled"
    })
    expect(await page.locator("[data-lh-anchor-bound]").getAttribute("data-lh-anchor-bound")).toBe("himall_anchor")
    await expect.poll(async () => (await plans())[0].usedAt, { timeout: 10_000 }).not.toBeNull()

    // The merchant presses 创建直播间; WeChat accepts it, and the list is read again.
    await page.getByRole("button", { name: "创建直播间" }).click()
    await page.getByText("成功创建直播间").waitFor()
    const created = (
      sandbox.wechat.getState() as { rooms: { roomId: number; name: string; start: string; allowComment: boolean; shareCover: { width: number } }[] }
    ).rooms.find((r) => r.name === "店庆特惠专场直播")!
    expect(created).toMatchObject({ roomId: 3, start: new Date(start).toISOString(), allowComment: false, shareCover: { width: 800 } })
    await expect
      .poll(async () => (await readTable<Record<string, unknown>>(browser, "wechatRooms")).find((r) => r.roomId === 3), { timeout: 10_000 })
      .toMatchObject({ name: "店庆特惠专场直播", anchorName: "小美", anchorWechat: "himall_anchor", start, end, liveStatus: 102, goneAt: null })
    await expect.poll(async () => (await plans())[0].roomId, { timeout: 10_000 }).toBe(3)

    // A room deleted on WeChat is marked gone (the list is complete).
    await page.getByRole("button", { name: "完成" }).click()
    await page.locator("tr", { hasText: "房间号：1" }).getByText("删除").click()
    await page.getByRole("button", { name: "确定" }).click()
    await expect
      .poll(async () => (await readTable<{ roomId: number; goneAt: number | null }>(browser, "wechatRooms")).find((r) => r.roomId === 1)?.goneAt ?? null, {
        timeout: 10_000
      })
      .not.toBeNull()
    expect(
      (await readTable<{ roomId: number; goneAt: number | null }>(browser, "wechatRooms"))
        .filter((r) => r.goneAt === null)
        .map((r) => r.roomId)
        .sort()
    ).toEqual([2, 3])
    await page.close()
  }, 120_000)

  it("a plan that breaks any of WeChat's rules is refused with its reason, and nothing is filled", async () => {
    const soon = fromNow(5 * MINUTE)
    const far = new Date(fromNow(0))
    far.setMonth(far.getMonth() + 7)
    const day = fromNow(2 * 24 * HOUR)
    const cases: [string, Record<string, unknown>][] = [
      ["title_too_short", { title: "直播" }],
      ["title_too_long", { title: "一二三四五六七八九十一二三四五六七八" }],
      ["time_missing", { start: null, end: null }],
      ["end_before_start", { end: day - HOUR }],
      ["start_too_soon", { start: soon, end: soon + HOUR }],
      ["start_too_far", { start: far.getTime(), end: far.getTime() + HOUR }],
      ["too_short", { start: day, end: day + 20 * MINUTE }],
      ["too_long", { start: day, end: day + 25 * HOUR }],
      ["anchor_too_short", { anchorName: "美" }],
      ["anchor_too_long", { anchorName: "一二三四五六七八九十一二三四五六" }],
      ["wechat_empty", { anchorWechat: "" }],
      ["wechat_invalid", { anchorWechat: "小美的微信" }],
      ["share_image_missing", { shareImage: null }],
      ["room_cover_missing", { roomCover: null }]
    ]
    const ids: Record<string, number> = {}
    for (const [code, over] of cases) ids[code] = await seedPlan({ ...over, title: (over.title as string) ?? `规则检查${code.length}号直播` })
    const page = await openCreateForm()
    const fresh = await roomForm(page)
    for (const [code] of cases) {
      expect(await fillFromPlan(page, ids[code]), code).toBe("failed")
      const report = page.locator('[data-lh="room-report"]')
      expect((await report.getAttribute("data-lh-refused"))!.split(" "), code).toEqual([code])
      expect(await report.locator(`[data-lh-problem="${code}"]`).textContent(), code).not.toBe("")
      expect(await roomForm(page), code).toEqual(fresh)
    }
    // Each refusal is decided before anything is written, and its report is the pick's last step (checked above).
    expect((await plans()).every((p) => p.usedAt === null)).toBe(true)
    await page.close()
  }, 120_000)

  // alt: split list with one info cell, breadcrumb title, two time inputs, hidden uploaders.
  // third: a role-based grid whose rows show only a start time and give the id only in the 编辑
  // link, a page-header title, a range picker told apart by aria-label, picture-card uploaders.
  const OTHER_MARKUPS = [
    { markup: "alt", showsEnd: true },
    { markup: "third", showsEnd: false }
  ] as const
  it.each(OTHER_MARKUPS)(
    "the same fill on the $markup markup, read back from its list",
    async ({ markup, showsEnd }) => {
      sandbox.wechat.setState({ markup })
      const start = fromNow(4 * 24 * HOUR)
      const id = await seedPlan({ title: "另一种页面的直播", start, end: start + 3 * HOUR, allowComment: false, anchorWechat: "lily_88", anchorName: "Lily" })
      const page = await browser.context.newPage()
      await page.goto(LIVE_ROOMS)
      await expect
        .poll(async () => (await readTable<{ roomId: number }>(browser, "wechatRooms")).map((r) => r.roomId).sort(), { timeout: 10_000 })
        .toEqual([1, 2])
      expect((await readTable<Record<string, unknown>>(browser, "wechatRooms")).find((r) => r.roomId === 2)).toMatchObject({
        name: "店庆特惠专场",
        anchorName: "小美",
        anchorWechat: null,
        start: Date.parse("2030-06-01T12:00:00.000Z"),
        // A row with only a start time is stored, its end unknown.
        end: showsEnd ? Date.parse("2030-06-01T14:00:00.000Z") : null,
        liveStatus: 102
      })
      await page.getByRole("button", { name: "创建直播间" }).click()
      await page.locator('[data-lh="fill-room"]').waitFor()
      expect(await fillFromPlan(page, id)).toBe("ok")
      await page.waitForFunction(() => !!(window as any).__fixture.roomForm()?.roomCover && !!(window as any).__fixture.roomForm()?.shareCover)
      expect(await roomForm(page)).toMatchObject({
        name: "另一种页面的直播",
        start: new Date(start).toISOString(),
        end: new Date(start + 3 * HOUR).toISOString(),
        anchorName: "Lily",
        anchorWechat: "lily_88",
        allowComment: false,
        shareCover: { type: "image/jpeg", width: 800, height: 640 },
        roomCover: { type: "image/jpeg", width: 1080, height: 1920 }
      })
      await page.getByRole("button", { name: "创建直播间" }).click()
      await page.getByRole("dialog", { name: "成功创建直播间" }).waitFor()
      await expect
        .poll(async () => (await readTable<Record<string, unknown>>(browser, "wechatRooms")).find((r) => r.roomId === 3), { timeout: 10_000 })
        .toMatchObject({ name: "另一种页面的直播", anchorName: "Lily", start, end: showsEnd ? start + 3 * HOUR : null, liveStatus: 102, goneAt: null })
      await expect.poll(async () => (await plans()).find((p) => p.id === id)?.roomId, { timeout: 10_000 }).toBe(3)
      await page.close()
      // The popup lists the room with what is known, its end unknown or not.
      const popup = await openPopup(browser)
      await popup.locator('[data-lh="tab-rooms"]').click()
      const row = popup.locator('[data-lh-popup-room="3"]')
      await row.waitFor()
      expect(await row.getAttribute("data-lh-room-status")).toBe("102")
      expect(await row.locator("[data-lh-room-start]").getAttribute("data-lh-room-start")).toBe(String(start))
      await popup.close()
    },
    120_000
  )
})
