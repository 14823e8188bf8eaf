// `npx tsx scripts/profile-popup.ts [--runs 5] [--top 40] [--products 10000] [--rooms 1000] [--no-profile] [--dir build/…]`: where
// the popup's first data render goes, by default on 10,000 products and 1,000 rooms. A developer's tool next to
// `npm run bench -- --only popup` (which gives the figures): it CPU-profiles the popup's load
// (DevTools protocol Profiler, from navigation to the `lh-popup-first-data` mark) and prints the
// functions that took the time, grouped by bundle and by function, plus the page's timeline
// (script fetched, evaluated, first data). Needs the sandbox build (`npm run build:sandbox`).
import type { Page } from "playwright-core"
import sharp from "sharp"

import { startSandbox } from "../test/sandbox/server"
import { launchWithExtension, waitForShopScript } from "../test/support/browser"
import { clearExtensionData, MERCHANT_TABLES } from "../test/support/goods"
import { seedLargeSetup } from "../test/support/seed"

const argv = process.argv.slice(2)
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}
const RUNS = Number(flag("runs") ?? 5)
const TOP = Number(flag("top") ?? 40)
const PRODUCTS = Number(flag("products") ?? 10_000)
const ROOMS = Number(flag("rooms") ?? 1_000)
/** Another build of the extension to load (default: build/chrome-mv3-sandbox). */
const dir = flag("dir")
/** Without the profiler (its sampling slows the page): only the timeline and the page's own marks. */
const PROFILE = !argv.includes("--no-profile")

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  hitCount?: number
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples?: number[]
  timeDeltas?: number[]
}

function selfTimes(profile: Profile): Map<number, number> {
  const self = new Map<number, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  for (let i = 0; i < samples.length; i++) {
    // The delta after a sample is the time it stood for.
    const dt = (deltas[i + 1] ?? 0) / 1000
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt)
  }
  return self
}

async function profileOnce(page: Page, url: string) {
  const cdp = await page.context().newCDPSession(page)
  if (PROFILE) {
    await cdp.send("Profiler.enable")
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 })
    await cdp.send("Profiler.start")
  }
  await page.goto(url)
  await page.waitForFunction(() => performance.getEntriesByName("lh-popup-first-data").length > 0, null, { timeout: 30_000 })
  const { profile } = PROFILE ? ((await cdp.send("Profiler.stop")) as { profile: Profile }) : { profile: { nodes: [], startTime: 0, endTime: 0 } as Profile }
  const timeline = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming
    const res = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((r) => ({
      name: r.name.split("/").pop(),
      start: Math.round(r.startTime),
      end: Math.round(r.responseEnd)
    }))
    const marks = performance.getEntriesByType("mark").map((m) => ({ name: m.name, at: Math.round(m.startTime) }))
    const measures = performance
      .getEntriesByType("measure")
      .map((m) => ({ name: m.name, at: Math.round(m.startTime), ms: Math.round(m.duration * 10) / 10, end: Math.round(m.startTime + m.duration) }))
    return {
      fetchStart: Math.round(nav.fetchStart),
      responseEnd: Math.round(nav.responseEnd),
      domInteractive: Math.round(nav.domInteractive),
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
      res,
      marks,
      measures
    }
  })
  await cdp.detach()
  // As the bench does: the worker's badge run (asked by the popup once drawn) is over before the next load.
  await page.evaluate(`chrome.runtime.sendMessage({ lh: 1, type: "badge.refresh", payload: {} })`)
  return { profile, timeline }
}

const sandbox = await startSandbox({ quiet: true })
const b = await launchWithExtension(sandbox, dir ? { extensionDir: dir } : {})
try {
  await waitForShopScript(b)
  const jpeg = (
    await sharp({ create: { width: 200, height: 200, channels: 3, background: "#c8a27a" } })
      .jpeg({ quality: 80 })
      .toBuffer()
  ).toString("base64")
  await clearExtensionData(b, MERCHANT_TABLES)
  await seedLargeSetup(b, { shop: sandbox.shopOrigin, products: PRODUCTS, rooms: ROOMS, coverJpeg: jpeg })
  const byFn = new Map<string, number>()
  const byUrl = new Map<string, number>()
  let total = 0
  for (let run = 0; run <= RUNS; run++) {
    const page = await b.context.newPage()
    const { profile, timeline } = await profileOnce(page, b.url("popup.html"))
    await page.close()
    if (run === 0) continue // warm-up
    console.log(JSON.stringify(timeline))
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
    for (const [id, ms] of selfTimes(profile)) {
      const n = nodes.get(id)!
      const f = n.callFrame
      const file = f.url.split("/").pop() || "(native)"
      if (f.functionName === "(idle)" || f.functionName === "(program)") continue
      total += ms
      const fn = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber}:${f.columnNumber}`
      byFn.set(fn, (byFn.get(fn) ?? 0) + ms)
      byUrl.set(file, (byUrl.get(file) ?? 0) + ms)
    }
  }
  const sw = await b.worker()
  {
    const page = await b.context.newPage()
    await page.goto(b.url("options.html"))
    await new Promise((r) => setTimeout(r, 2000))
    const times: number[] = []
    for (let i = 0; i < 8; i++) {
      times.push(
        (await page.evaluate(
          `(async () => { const t0 = performance.now(); await chrome.runtime.sendMessage({ lh: 1, type: "badge.refresh", payload: {} }); return performance.now() - t0 })()`
        )) as number
      )
      await new Promise((r) => setTimeout(r, 200))
    }
    console.log("badge.refresh alone (ms):", times.map((t) => Math.round(t)).join(" "))
    await page.close()
  }
  console.log(JSON.stringify(await sw.evaluate(() => performance.getEntriesByType("measure").map((m) => [m.name, Math.round(m.duration * 10) / 10]))))
  const per = (ms: number) => Math.round((ms / RUNS) * 10) / 10
  console.log(`\nbusy ms per load (self time, excluding idle/program): ${per(total)}`)
  console.log("\nby file:")
  for (const [k, v] of [...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${per(v).toString().padStart(7)}  ${k}`)
  console.log("\nby function:")
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${per(v).toString().padStart(7)}  ${k}`)
} finally {
  await b.close()
  await sandbox.close()
}
