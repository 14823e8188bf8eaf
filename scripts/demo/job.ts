// The merchant's whole job of HiMall's manual, driven in the sandbox with the extension as a
// merchant would do it: every click, typing, file choice and page opened goes through one helper
// (`Actions`) that counts it under the step it belongs to. `npm start` (scripts/start.ts) walks it
// with a pause or a screenshot after each step; `npm run bench` (scripts/bench/job.ts) counts
// its actions against the manual path (scripts/demo/manual.ts).
// Only the sandbox protocol is relied on: `data-lh` controls, `/__fixture/*`, labels and texts.
import type { Page } from "playwright-core"

import { GOODS_NAME_MAX_UNITS, GOODS_NAME_MIN_UNITS, textUnits } from "../../src/core/goods"
import { goodsRisks } from "../../src/core/goods-risk"
import type { Sandbox } from "../../test/sandbox/server"
import { pngFile } from "../../test/sandbox/wechat/harness"
import type { ExtensionBrowser } from "../../test/support/browser"
import { waitFor } from "../../test/support/wait"
import type { Action, ActionKind } from "../bench/stats"

const Q = "?token=1&lang=zh_CN"
export const PAGES = {
  mpLive: `https://mp.weixin.qq.com/wxamp/frame/live${Q}`,
  goods: `https://live.weixin.qq.com/livemp/goods/index${Q}`,
  rooms: `https://live.weixin.qq.com/livemp/broadcast/index${Q}`,
  products: (shop: string) => `${shop}/Admin/Product/Management`,
  liveRooms: (shop: string) => `${shop}/Admin/Live/Management`,
  homepage: (shop: string) => `${shop}/Admin/WXSmallProgram/HomePageSetting`
}

/** The steps of the job, in order; `demo` ones are walked by `npm start` only. */
export const STEPS = [
  { id: "qualification", manual: 1, title: "一、开通直播（资格）", demo: true },
  { id: "enable", manual: 2, title: "启用店铺", demo: false },
  { id: "capture", manual: 2, title: "二、商品：存入全店商品", demo: false },
  { id: "goods", manual: 2, title: "二、商品：逐个添加并保存并提审", demo: false },
  { id: "room", manual: 3, title: "三、直播间：从直播计划创建直播间", demo: false },
  { id: "sync", manual: 3, title: "三、直播间：HiMall 获取小程序数据", demo: false },
  { id: "cover", manual: 3, title: "三、直播间：设置封面图（750×750）", demo: false },
  { id: "entrance", manual: 4, title: "四、首页入口：图文导航 → 小程序直播", demo: false },
  { id: "reminder", manual: 5, title: "五、开播：开播前提醒", demo: true }
] as const
export type StepId = (typeof STEPS)[number]["id"]

export interface CountedAction extends Action {
  step: StepId
  /** false: an action the sandbox cannot drive (a browser prompt), counted as the merchant does it. */
  driven: boolean
}

/** Every user action of the job, each counted once under its step. */
export class Actions {
  readonly list: CountedAction[] = []
  step: StepId = "qualification"

  /** Perform one user action and count it. */
  async do<T>(kind: ActionKind, what: string, perform: () => Promise<T>): Promise<T> {
    this.list.push({ kind, what, step: this.step, driven: true })
    return perform()
  }

  /** A choice of file: the uploader's button (click) and the file dialog (file_choice). */
  async upload<T>(what: string, perform: () => Promise<T>): Promise<T> {
    this.list.push({ kind: "click", what: `${what}: 上传图片`, step: this.step, driven: true })
    return this.do("file_choice", `${what}: choose the file`, perform)
  }

  /** An action the sandbox build cannot perform (it grants the sandbox shops up front). */
  modelled(kind: ActionKind, what: string) {
    this.list.push({ kind, what, step: this.step, driven: false })
  }

  count(step?: StepId): number {
    return this.list.filter((a) => !step || a.step === step).length
  }
}

export interface StepDone {
  id: StepId
  title: string
  /** One line for the trainer: what the step showed (Chinese, as the pages are). */
  line: string
  /** The page to show (and screenshot) for this step. */
  page: Page
  ms: number
  actions: number
}

export interface JobOptions {
  sandbox: Sandbox
  ext: ExtensionBrowser
  /** Products in the shop, all captured and sent through the queue to 保存并提审. */
  goods: number
  /** Walk the demo-only steps too (qualification, reminder). */
  demo?: boolean
  /** Called after each step (a pause, a screenshot); not timed. */
  after?: (step: StepDone) => Promise<void>
  log?: (message: string) => void
}

/** Seed products whose names and pictures WeChat takes as they are (no shortening to confirm). */
export function cleanProducts<T extends { id: number; name: string; imageKind?: string; saleStatus?: number; auditStatus?: number }>(
  products: T[],
  n: number
): T[] {
  const fine = products.filter((p) => {
    const units = textUnits(p.name.trim())
    return (
      p.name === p.name.trim() &&
      !/[<>&"]/.test(p.name) &&
      units >= GOODS_NAME_MIN_UNITS &&
      units <= GOODS_NAME_MAX_UNITS &&
      ["jpeg", "photo", "png", "alpha-2000"].includes(p.imageKind ?? "jpeg") &&
      // Nothing the extension stops before 添加商品 (core/goods-risk.ts): the queue would wait on it.
      goodsRisks({ name: p.name, saleStatus: p.saleStatus ?? null, auditStatus: p.auditStatus ?? null }).length === 0
    )
  })
  if (fine.length < n) throw new Error(`the sandbox shop has ${fine.length} products WeChat takes as they are, not ${n}`)
  return fine.slice(0, n)
}

/** A local date-time input value (the options page's datetime-local fields). */
export function dateTimeLocal(ms: number): string {
  const d = new Date(ms)
  const p2 = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}`
}

interface FixtureWindow {
  __fixture: { goodsForm(): { cover: unknown } | null; roomForm(): { roomCover: unknown; shareCover: unknown } | null }
}

const MIN = 60_000

/**
 * Run the job: returns every counted action and each step's figures. The sandbox is reset to a
 * shop of `goods` clean products, WeChat with no goods (and, for the demo, live not yet opened),
 * the extension's data as the caller left it (a fresh merchant: empty).
 */
export async function runJob(o: JobOptions): Promise<{ actions: Actions; steps: Omit<StepDone, "page">[] }> {
  const { sandbox, ext } = o
  const log = o.log ?? (() => undefined)
  const shop = sandbox.shopOrigin
  const a = new Actions()
  const done: Omit<StepDone, "page">[] = []
  const shopState = sandbox.shop()
  shopState.reset()
  const seed = (shopState.getState() as { products: { id: number; name: string; imageKind?: string }[] }).products
  // 设置封面图 in the platform backend, as the manual shows it (HiMall's 2021 snapshot comments it out).
  shopState.setState({ products: cleanProducts(seed, o.goods), rooms: [], liveAdminBanner: true })
  sandbox.wechat.reset()
  if (o.demo) sandbox.wechat.setState({ liveOpened: false })

  // The merchant's tabs: the WeChat console, the HiMall admin, the extension's options.
  const wechat = await ext.context.newPage()
  const himall = await ext.context.newPage()
  const options = await ext.context.newPage()
  let t0 = 0
  let shownMs = 0
  /** A view inside a step (the demo shows it too); its pause is not the step's time. */
  const show = async (title: string, line: string, page: Page) => {
    const s0 = performance.now()
    await page.bringToFront()
    await o.after?.({ id: a.step, title, line, page, ms: 0, actions: 0 })
    shownMs += performance.now() - s0
  }
  const start = (id: StepId) => {
    a.step = id
    log(`step ${id}`)
    t0 = performance.now()
    shownMs = 0
  }
  const finish = async (line: string, page: Page) => {
    const step = STEPS.find((s) => s.id === a.step)!
    const d = { id: step.id, title: step.title, line, ms: Math.round(performance.now() - t0 - shownMs), actions: a.count(step.id) }
    done.push(d)
    await page.bringToFront()
    await o.after?.({ ...d, page })
  }
  const navigate = (page: Page, url: string, what: string) => a.do("navigate", what, () => page.goto(url, { waitUntil: "domcontentloaded" }))

  // 一、Qualification: the extension tells where the merchant stands and points to the terms;
  // the consent box is the merchant's to tick.
  if (o.demo) {
    start("qualification")
    await navigate(wechat, PAGES.mpLive, "MP 功能 → 直播")
    await wechat.locator('[data-lh="qualification-status"][data-lh-state="not_opened"]').waitFor()
    await show("一、开通直播：尚未开通", "直播助手识别出小程序尚未开通直播，并指向开通条款（不会替商家勾选同意）", wechat)
    await a.do("click", "开通", () => wechat.getByRole("button", { name: "开通", exact: true }).click())
    await a.do("click", "我已阅读并同意遵守以上条款", () => wechat.getByText("我已阅读并同意遵守以上条款", { exact: true }).click())
    await a.do("click", "申请开通", () => wechat.getByRole("button", { name: "申请开通" }).click())
    await wechat.getByText("已开通微信小程序直播功能").waitFor()
    await finish("商家阅读条款、勾选同意并申请开通：已开通微信小程序直播功能", wechat)
  }

  // Enable the shop: the popup's 在此店铺启用直播助手 and the browser's permission prompt. The
  // sandbox build has the sandbox shops granted already (a browser prompt cannot be clicked).
  start("enable")
  await navigate(himall, PAGES.products(shop), "HiMall 商品 → 商品管理")
  await himall.locator('[data-lh="capture-all"]').waitFor()
  a.modelled("click", "toolbar icon: open the popup")
  a.modelled("click", "popup: 在此店铺启用直播助手 (enable-shop)")
  a.modelled("click", "browser prompt: 允许")
  await finish("在商品管理页打开直播助手，启用此店铺（浏览器只授予这一个网站的权限）", himall)

  // 二、Goods: capture the whole shop once, then the queue fills each one into 添加商品.
  start("capture")
  await a.do("click", "存入全店商品 (capture-all)", () => himall.locator('[data-lh="capture-all"]').click())
  // The control is in the extension's shadow root: a locator looks inside it, document.querySelector does not.
  await himall.locator('[data-lh-control="capture-all"][data-lh-state="done"]').waitFor({ timeout: 120_000 })
  const captured = (await himall.locator('[data-lh-control="capture-all"]').innerText()).replace(/\s+/g, " ").trim()
  await finish(`一次点击存入全店 ${o.goods} 件商品：${captured}`, himall)

  start("goods")
  await navigate(wechat, PAGES.goods, "直播 → 商品库")
  await wechat.getByRole("button", { name: "添加商品", exact: true }).first().waitFor()
  await a.do("click", "逐个添加未入库商品 (queue-start)", () => wechat.locator('[data-lh="queue-start"]').click())
  let shown = false
  for (let i = 0; i < o.goods; i++) {
    await wechat.locator('[data-lh="fill-report"][data-lh-outcome="ok"]').waitFor({ timeout: 60_000 })
    await wechat.waitForFunction(() => !!(window as unknown as FixtureWindow).__fixture.goodsForm()?.cover, null, { timeout: 30_000 })
    if (!shown && o.demo) {
      // The first filled dialog, as the trainer shows it.
      shown = true
      await show("二、商品：队列填好的添加商品", "队列打开添加商品并填好封面（200×200，≤50K）、名称、价格和链接", wechat)
    }
    await a.do("click", "保存并提审", () => wechat.getByRole("button", { name: "保存并提审", exact: true }).click())
    await wechat.waitForFunction(() => !(window as unknown as FixtureWindow).__fixture.goodsForm(), null, { timeout: 30_000 })
  }
  await wechat.locator('[data-lh="queue-progress"][data-lh-state="done"]').waitFor({ timeout: 30_000 })
  const wx = sandbox.wechat.getState() as { goods: { status: string }[] }
  const reviewing = wx.goods.filter((g) => g.status === "reviewing").length
  if (reviewing !== o.goods) throw new Error(`queue: ${reviewing} goods in review, not ${o.goods}`)
  await finish(`${o.goods} 件商品经队列逐个填好并保存并提审，全部审核中`, wechat)

  // 三、Rooms: a plan in the options page, filled into 创建直播间.
  start("room")
  const title = "店庆特惠专场直播"
  // The demo's room starts in about 16 minutes: its reminder (15 minutes before) comes within the demo.
  const startAt = o.demo ? Math.ceil((Date.now() + 16 * MIN) / MIN) * MIN : Math.ceil((Date.now() + 2 * 24 * 60 * MIN) / MIN) * MIN
  await navigate(options, ext.url("options.html"), "直播助手 设置 (options)")
  await a.do("click", "新建直播计划 (plan-add)", () => options.locator('[data-lh="plan-add"]').click())
  const editor = options.locator('[data-lh="plan-editor"]')
  await a.do("typing", "直播标题", () => editor.getByLabel("直播标题").fill(title))
  await a.do("typing", "开始时间", () => editor.getByLabel("开始时间").fill(dateTimeLocal(startAt)))
  await a.do("typing", "结束时间", () => editor.getByLabel("结束时间").fill(dateTimeLocal(startAt + 60 * MIN)))
  await a.do("typing", "主播昵称", () => editor.getByLabel("主播昵称").fill("小美"))
  await a.do("typing", "主播微信账号", () => editor.getByLabel("主播微信账号").fill("himall_anchor"))
  const share = await pngFile("share.png", 2000, 1600, "#3b7dd8")
  const cover = await pngFile("cover.png", 1080, 1920, "#8e44ad")
  await a.upload("分享卡片封面 (any picture)", () => editor.locator('[data-lh="plan-share-image"]').setInputFiles(share))
  await a.upload("直播间封面 (any picture)", () => editor.locator('[data-lh="plan-room-cover"]').setInputFiles(cover))
  await editor.locator('[data-lh="plan-problems"][data-lh-ok]').waitFor({ timeout: 30_000 })
  await a.do("click", "保存计划 (plan-save)", () => options.locator('[data-lh="plan-save"]').click())
  await options.locator('[data-lh="plan-message"]', { hasText: "已保存" }).waitFor({ timeout: 30_000 })
  const planId = await options.locator("[data-lh-plan]").first().getAttribute("data-lh-plan")
  if (o.demo) await show("三、直播间：直播计划", "在直播助手设置中保存直播计划：标题、时间、主播，图片自动做成 800×640 与 1080×1920", options)

  await navigate(wechat, PAGES.rooms, "直播 → 直播间管理")
  await a.do("click", "创建直播间", () => wechat.getByRole("button", { name: "创建直播间" }).click())
  await wechat.locator('[data-lh="fill-room"]').waitFor()
  await a.do("click", "从直播计划填入 (fill-room)", () => wechat.locator('[data-lh="fill-room"]').click())
  await a.do("click", `pick-plan ${title}`, () => wechat.locator(`[data-lh="pick-plan"][data-lh-plan-id="${planId}"]`).click())
  await wechat.locator(`[data-lh="room-report"][data-lh-plan-id="${planId}"][data-lh-outcome="ok"]`).waitFor({ timeout: 30_000 })
  await wechat.waitForFunction(
    () => {
      const f = (window as unknown as FixtureWindow).__fixture.roomForm()
      return !!(f?.roomCover && f?.shareCover)
    },
    null,
    { timeout: 30_000 }
  )
  if (o.demo) await show("三、直播间：填好的创建直播间", "从计划一键填好创建直播间的全部字段与两张图片", wechat)
  await a.do("click", "创建直播间 (submit)", () => wechat.getByRole("button", { name: "创建直播间" }).click())
  await wechat.getByText("成功创建直播间").first().waitFor({ timeout: 30_000 })
  const room = (sandbox.wechat.getState() as { rooms: { roomId: number; name: string }[] }).rooms.find((r) => r.name === title)
  if (!room) throw new Error("the room was not created on WeChat")
  if (o.demo) await show("三、直播间：成功创建直播间", "成功创建直播间：推流码与主播绑定说明（开播时主播扫码）", wechat)
  await a.do("click", "完成", () => wechat.getByRole("button", { name: "完成" }).click())
  await wechat.locator("tr", { hasText: title }).first().waitFor({ timeout: 30_000 })
  await finish(`直播间「${title}」已创建（房间号 ${room.roomId}），主播微信已绑定`, wechat)

  // HiMall's sync pulls the room in; then its cover.
  start("sync")
  await navigate(himall, PAGES.liveRooms(shop), "HiMall 营销 → 小程序直播")
  await himall.locator('[data-lh-summary="live-rooms"][data-lh-state="ready"]').waitFor({ timeout: 30_000 })
  await a.do("click", "获取小程序数据 (sync-now)", () => himall.locator('[data-lh="sync-now"]').click())
  if (await himall.locator('[data-lh-confirm="sync-now"]').isVisible())
    await a.do("click", "sync-confirm", () => himall.locator('[data-lh="sync-confirm"]').click())
  await himall.locator('[data-lh-status="sync-now"]', { hasText: "获取成功" }).waitFor({ timeout: 30_000 })
  await himall.locator("tr", { hasText: title }).first().waitFor({ timeout: 30_000 })
  await finish(`获取小程序数据：获取成功！直播间「${title}」已同步到 HiMall，标出无封面`, himall)

  start("cover")
  await a.do("click", "设置封面图", () => himall.locator("tr", { hasText: title }).getByText("设置封面图", { exact: true }).click())
  await himall.locator('[data-lh="make-cover"]').waitFor()
  const fromWechat = himall.locator('[data-lh="make-cover-wechat"]')
  // Once the worker answered, the control says whether it knows the room's WeChat cover (data-lh-available).
  const available = await himall
    .locator('[data-lh="make-cover-wechat"][data-lh-available]')
    .getAttribute("data-lh-available", { timeout: 10_000 })
    .catch(() => null)
  const enabled = available === "true" && (await fromWechat.isEnabled())
  if (enabled) {
    await a.do("click", "用微信直播间封面制作 (make-cover-wechat)", () => fromWechat.click())
  } else {
    const chooser = himall.waitForEvent("filechooser")
    await a.do("click", "制作封面 (make-cover)", () => himall.locator('[data-lh="make-cover"]').click())
    await a.do("file_choice", "make-cover: choose any picture", async () => (await chooser).setFiles(cover))
  }
  await himall.locator('[data-lh-status="make-cover"][data-lh-outcome="ok"]').waitFor({ timeout: 60_000 })
  if (o.demo) await show("三、直播间：封面设置", "直播助手做好 750×750 封面并交给 HiMall 的上传，商家只需保存", himall)
  // HiMall's artDialog has no dialog role: its 保存 is the visible button of that name.
  await a.do("click", "保存", () => himall.getByRole("button", { name: "保存", exact: true }).filter({ visible: true }).click())
  const coverSaved = async () => (shopState.getState() as { rooms: { name: string; coverImg: string }[] }).rooms.find((r) => r.name === title)?.coverImg
  await waitFor(coverSaved, { timeout: 10_000, message: "HiMall has no cover for the room" })
  // HiMall's grid reloads; the room's flags say its cover is right (an empty, hidden flag cell).
  await himall.locator("tr", { hasText: title }).locator("[data-lh-room-flags][data-lh-cover-state='ok']").waitFor({ state: "attached", timeout: 30_000 })
  await finish(`封面 750×750 已保存到 HiMall（${enabled ? "由微信直播间封面制作" : "由所选图片制作"}）`, himall)

  // 四、The homepage's live entrance, read and recorded.
  start("entrance")
  await navigate(himall, PAGES.homepage(shop), "HiMall 小程序 → 首页配置")
  const notice = himall.locator('[data-lh-notice="entrance"][data-lh-recorded="true"]')
  await notice.waitFor({ timeout: 30_000 })
  const entrance = await notice.getAttribute("data-lh-entrance")
  await finish(entrance === "found" ? "首页配置：图文导航中已有链接到小程序直播的入口，已记录" : "首页配置：没有小程序直播入口，直播助手提示添加", himall)

  // 五、Going live: the reminder before the start, from an alarm (demo only: it takes a minute or two).
  if (o.demo) {
    start("reminder")
    const sw = await ext.worker()
    const key = `reminder|${room.roomId}|${startAt}`
    log(`waiting for the reminder ${key} (15 minutes before the start, about ${Math.round((startAt - 15 * MIN - Date.now()) / 1000)} s from now)`)
    const deadline = startAt - 15 * MIN + 90_000
    await waitFor(async () => key in ((await sw.evaluate(() => chrome.notifications.getAll())) as Record<string, boolean>), {
      timeout: deadline - Date.now(),
      interval: 1000,
      message: `no reminder ${key} by ${new Date(deadline).toISOString()}`
    })
    const popup = await ext.context.newPage()
    await popup.setViewportSize({ width: 420, height: 760 })
    await popup.goto(ext.url("popup.html"))
    await popup.locator("[data-lh-step]").first().waitFor()
    const fact = (await sw.evaluate(
      (k) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("himall-live-helper")
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const req = open.result.transaction("facts").objectStore("facts").get(k)
            req.onsuccess = () => (open.result.close(), resolve(req.result?.value ?? null))
          }
        }),
      `reminded|${room.roomId}|${startAt}`
    )) as { title: string; message: string } | null
    await finish(`开播前 15 分钟的提醒已弹出：${fact ? `${fact.title} — ${fact.message}` : key}；弹窗里五个步骤一目了然`, popup)
  }
  return { actions: a, steps: done }
}
