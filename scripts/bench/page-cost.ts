// page_cost: the scripting time the content scripts add to loading HiMall 商品管理 and 小程序直播,
// WeChat 商品库 and 直播间管理. In the same run, Chromium with the sandbox build and Chromium without any extension
// (same kind of profile, same flags) load each page in turn, a fresh tab each time; the DevTools
// protocol's Performance.getMetrics ScriptDuration (all JavaScript run in the tab: the page's own
// and every content script's isolated world) is read once the page is ready plus a settle time.
// The figure is the difference (on − off) of runs paired one after the other. Also: when the page
// showed its grid or 添加商品 (its own clock), on and off, and what a trace attributes to the
// extension's scripts.
import type { BrowserContext, Page } from "playwright-core"

import { clearExtensionData, LIVE_GOODS } from "../../test/support/goods"
import { metrics, ownedScriptTime, traceDuring } from "./cdp"
import { sleep, type BenchContext } from "./context"
import { differences, summarise, withGoal } from "./stats"

export const PAGE_COST_GOAL_MS = 5
/** After the page is ready: the content scripts' work following the first render is included. */
const SETTLE_MS = 1000

interface Target {
  name: string
  url: (ctx: BenchContext) => string
  /** A JS expression, true once the page shows what the merchant came for (checked in the page). */
  ready: string
}

const TARGETS: Target[] = [
  {
    name: "himall_products",
    url: (ctx) => `${ctx.sandbox.shopOrigin}/Admin/Product/Management`,
    ready: `!!document.querySelector("#list input.thisId")`
  },
  {
    name: "wechat_goods",
    url: () => LIVE_GOODS,
    ready: `[...document.querySelectorAll("button")].some((b) => b.textContent.trim() === "添加商品") && !!document.querySelector("table")`
  },
  {
    name: "wechat_rooms",
    url: () => LIVE_ROOMS,
    ready: `[...document.querySelectorAll("button")].some((b) => b.textContent.trim() === "创建直播间") && [...document.querySelectorAll("td")].some((td) => td.textContent.includes("店庆特惠专场"))`
  },
  {
    name: "himall_live",
    url: (ctx) => `${ctx.sandbox.shopOrigin}/Admin/Live/Management`,
    ready: `[...document.querySelectorAll("#list a, table a")].some((a) => a.textContent.trim() === "设置封面图")`
  }
]

/** WeChat 直播间管理 on the live console (the seed's rooms: 1 ended, 2 店庆特惠专场 not started). */
const LIVE_ROOMS = "https://live.weixin.qq.com/livemp/broadcast/index?token=1&lang=zh_CN"

/**
 * Main-world script run before the page's own: records `__lhReadyAt`, the page's clock (ms from
 * navigation start) when `ready` first holds, checked on every DOM change.
 */
const readyMark = (ready: string) => `(() => {
  const check = () => {
    if (window.__lhReadyAt === undefined && (${ready})) {
      window.__lhReadyAt = performance.now()
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { subtree: true, childList: true })
})()`

async function untilReady(page: Page): Promise<number> {
  await page.waitForFunction(`window.__lhReadyAt !== undefined`, null, { timeout: 30_000 })
  return (await page.evaluate(`window.__lhReadyAt`)) as number
}

/**
 * Load `url` in a fresh tab of `context`: script and task time (thread time, ms) from navigation
 * to ready + settle, and when the page was ready (its own clock, ms from navigation start).
 */
async function load(context: BrowserContext, target: Target, ctx: BenchContext) {
  const page = await context.newPage()
  await page.addInitScript(readyMark(target.ready))
  const cdp = await context.newCDPSession(page)
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" })
  const before = await metrics(cdp)
  await page.goto(target.url(ctx), { waitUntil: "domcontentloaded" })
  const ready = await untilReady(page)
  await sleep(SETTLE_MS)
  const after = await metrics(cdp)
  await cdp.detach()
  await page.close()
  return {
    script: (after.ScriptDuration - before.ScriptDuration) * 1000,
    task: (after.TaskDuration - before.TaskDuration) * 1000,
    ready
  }
}

/** Load `url` with the extension under a trace: the content scripts' own script time (ms). */
async function traced(ctx: BenchContext, target: Target) {
  const page = await ctx.ext.context.newPage()
  await page.addInitScript(readyMark(target.ready))
  const cdp = await ctx.ext.context.newCDPSession(page)
  const events = await traceDuring(cdp, async () => {
    await page.goto(target.url(ctx), { waitUntil: "domcontentloaded" })
    await untilReady(page)
    await sleep(SETTLE_MS)
  })
  await cdp.detach()
  await page.close()
  return ownedScriptTime(events, (url) => url.startsWith(`chrome-extension://${ctx.ext.extensionId}/`))
}

export async function benchPageCost(ctx: BenchContext) {
  const { sandbox, ext } = ctx
  const shop = sandbox.shop()
  shop.reset()
  // The seed shop, but product 119's picture answers at once: its 10 s delay (a slow server, for
  // the cover tests) would keep a request of the page open through every measurement.
  const seed = (shop.getState() as { products: { imageKind?: string }[] }).products
  // 小程序直播 lists WeChat's two seed rooms, as after a sync (one with its cover, one without).
  const HOUR = 3600_000
  const room = (roomId: number, name: string, status: number, start: number, coverImg = "") => ({
    roomId,
    name,
    anchorName: "小美",
    anchorWechat: "himall_anchor",
    shopId: 1,
    status,
    start: new Date(start).toISOString(),
    end: new Date(start + 2 * HOUR).toISOString(),
    coverImg
  })
  shop.setState({
    products: seed.map((p) => (p.imageKind === "slow" ? { ...p, imageKind: "jpeg" } : p)),
    rooms: [
      room(1, "新品首发直播", 103, Date.parse("2020-03-01T12:00:00Z")),
      room(2, "店庆特惠专场", 102, Date.parse("2030-06-01T12:00:00Z"), "/Storage/Shop/1/Products/19/1_220.png")
    ],
    // 设置封面图 in the platform backend, as the manual shows it (the page is ready when it shows).
    liveAdminBanner: true
  })
  sandbox.wechat.reset()
  // A merchant who uses the extension: the shop's products are stored.
  await clearExtensionData(ext)
  const page = await ext.context.newPage()
  await page.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  await page.locator('[data-lh="capture-all"]').click()
  await page.locator('[data-lh-control="capture-all"][data-lh-state="done"]').waitFor({ timeout: 60_000 })
  // … and WeChat's rooms read once, as 直播间管理 does (小程序直播 compares HiMall's rooms with them).
  await page.goto(LIVE_ROOMS, { waitUntil: "domcontentloaded" })
  await page.getByRole("button", { name: "创建直播间" }).waitFor()
  await page.waitForTimeout(2000)
  await page.close()

  const plain = await ctx.plain()
  const out: Record<string, unknown> = {
    page_cost_method: `Performance.getMetrics ScriptDuration (thread time) from navigation to ready + ${SETTLE_MS} ms, extension on − off, runs paired`
  }
  for (const target of TARGETS) {
    ctx.log(`page_cost: ${target.name}`)
    // Warm-up: the HTTP caches and the extension's worker.
    await load(ext.context, target, ctx)
    await load(plain, target, ctx)
    const on: number[] = []
    const off: number[] = []
    const onTask: number[] = []
    const offTask: number[] = []
    const onReady: number[] = []
    const offReady: number[] = []
    for (let i = 0; i < ctx.runs; i++) {
      // Alternate which goes first so drift in the machine's load falls on both.
      const order = i % 2 === 0 ? ([ext.context, plain] as const) : ([plain, ext.context] as const)
      for (const context of order) {
        const r = await load(context, target, ctx)
        ;(context === plain ? off : on).push(r.script)
        ;(context === plain ? offTask : onTask).push(r.task)
        ;(context === plain ? offReady : onReady).push(r.ready)
      }
    }
    out[`page_cost_${target.name}_ms`] = withGoal(summarise(differences(on, off)), PAGE_COST_GOAL_MS)
    out[`page_cost_${target.name}_script_on_ms`] = summarise(on)
    out[`page_cost_${target.name}_script_off_ms`] = summarise(off)
    out[`page_cost_${target.name}_task_added_ms`] = summarise(differences(onTask, offTask))
    out[`page_cost_${target.name}_ready_on_ms`] = summarise(onReady)
    out[`page_cost_${target.name}_ready_off_ms`] = summarise(offReady)
    // The same from the other side: what a trace attributes to the extension's own scripts.
    const traces: Awaited<ReturnType<typeof traced>>[] = []
    for (let i = 0; i < Math.min(ctx.runs, 5); i++) traces.push(await traced(ctx, target))
    out[`page_cost_${target.name}_traced_ms`] = summarise(traces.map((t) => t.ms))
    // Median per kind of event, and how many there were (the same in every run, or the range).
    const kinds = [...new Set(traces.flatMap((t) => Object.keys(t.byEvent)))]
    out[`page_cost_${target.name}_traced_by_event`] = Object.fromEntries(
      kinds.map((k) => {
        const ms = traces.map((t) => t.byEvent[k]?.ms ?? 0)
        const counts = traces.map((t) => t.byEvent[k]?.count ?? 0)
        const [lo, hi] = [Math.min(...counts), Math.max(...counts)]
        return [k, { median_ms: summarise(ms).median, count: lo === hi ? lo : `${lo}–${hi}` }]
      })
    )
  }
  return out
}
