// capture: `capture-page` on a 商品管理 page showing 100 rows (the seed shop, the grid set to 100
// rows a page through its own datagrid options), from the click to the summary in the page; and
// `capture-all` of 5,000 products seeded through the shop's state, from the click to done, with
// the JS heap of the page and of the extension's service worker sampled during the run.
import type { Page } from "playwright-core"

import { manyProducts } from "../../test/sandbox/himall/seed"
import { clearExtensionData } from "../../test/support/goods"
import { waitFor } from "../../test/support/wait"
import { pageHeapMb, sampler, workerHeap } from "./cdp"
import type { BenchContext } from "./context"
import { summarise, withGoal } from "./stats"

export const CAPTURE_PAGE_GOAL_MS = 200
export const CAPTURE_ALL_GOAL_MS = 15_000
const CAPTURE_ALL_PRODUCTS = 5000

/**
 * `deep(selector)` in the page: the first match in the document or in any open shadow root in it
 * (the extension's controls live in shadow roots; document.querySelector does not look inside).
 */
const DEEP = `const shadowRoots = () => {
    const out = [document]
    for (let i = 0; i < out.length; i++) for (const el of out[i].querySelectorAll("*")) if (el.shadowRoot) out.push(el.shadowRoot)
    return out
  }
  const deep = (selector) => {
    for (const r of shadowRoots()) {
      const found = r.querySelector(selector)
      if (found) return found
    }
    return null
  }`

/**
 * Click a control and wait, in the page, until `done` (a JS expression, which may use `deep`)
 * holds; milliseconds from the click, measured with the page's clock, checked on every DOM change
 * in the document and its shadow roots (and every 50 ms).
 */
function timeClickUntil(page: Page, selector: string, done: string, timeoutMs: number): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    ${DEEP}
    const button = deep(${JSON.stringify(selector)})
    if (!button) return reject(new Error("no ${selector.replace(/"/g, "'")}"))
    let t0 = 0
    let timer = 0
    let poll = 0
    const observer = new MutationObserver(() => check())
    const check = () => {
      if (!(${done})) return
      const ms = performance.now() - t0
      observer.disconnect()
      clearTimeout(timer)
      clearInterval(poll)
      resolve(ms)
    }
    for (const r of shadowRoots()) observer.observe(r === document ? document.body : r, { subtree: true, childList: true, attributes: true, characterData: true })
    timer = setTimeout(() => { observer.disconnect(); clearInterval(poll); reject(new Error("timed out: ${selector.replace(/"/g, "'")}")) }, ${timeoutMs})
    poll = setInterval(check, 50)
    t0 = performance.now()
    button.click()
  })`) as Promise<number>
}

async function productPage(ctx: BenchContext): Promise<Page> {
  const page = await ctx.ext.context.newPage()
  await page.goto(`${ctx.sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  await page.locator('[data-lh="capture-all"]').waitFor()
  await page.locator('[data-lh="capture-product"]').first().waitFor()
  return page
}

async function benchCapturePage(ctx: BenchContext) {
  ctx.sandbox.shop().reset()
  const page = await productPage(ctx)
  // 100 in the grid's own 每页 N 条 selector.
  await page.locator("span", { hasText: "每页" }).locator("select").selectOption("100")
  await page.waitForFunction(() => document.querySelectorAll("#list input.thisId").length === 100)
  await waitFor(
    () => page.locator('[data-lh="capture-product"]').count(),
    (n) => n >= 100,
    { message: "capture-product on 100 rows" }
  )
  const rows = await page.locator("#list input.thisId").count()
  const button = '[data-lh="capture-page"]'
  const finished = `["done", "warning", "error"].includes(deep('${button}').getAttribute("data-lh-state"))`
  const samples: number[] = []
  let summary = ""
  for (let i = 0; i <= ctx.runs; i++) {
    await clearExtensionData(ctx.ext, ["products", "notices"])
    // Reset the state the last run left, so the next run's end is a change.
    await page.locator(button).evaluate((el) => el.removeAttribute("data-lh-state"))
    const ms = await timeClickUntil(page, button, finished, 30_000)
    summary = await page.locator('[data-lh-status="capture-page"]').innerText()
    if (i > 0) samples.push(ms) // the first run warms the worker up
  }
  await page.close()
  return { capture_page_rows: rows, capture_page_summary: summary, capture_page_100_ms: withGoal(summarise(samples), CAPTURE_PAGE_GOAL_MS) }
}

async function benchCaptureAll(ctx: BenchContext) {
  const runs = Math.max(1, Math.min(ctx.runs, 5))
  ctx.sandbox.shop().setState({ products: manyProducts(CAPTURE_ALL_PRODUCTS) })
  const times: number[] = []
  const pagePeaks: number[] = []
  const workerPeaks: number[] = []
  const pageBefore: number[] = []
  const workerBefore: number[] = []
  let count = ""
  let status = ""
  let samplesMin = Infinity
  for (let i = 0; i < runs; i++) {
    ctx.log(`capture: capture-all ${CAPTURE_ALL_PRODUCTS} (${i + 1}/${runs})`)
    await clearExtensionData(ctx.ext, ["products", "notices", "jobs"])
    const page = await productPage(ctx)
    const cdp = await ctx.ext.context.newCDPSession(page)
    const worker = await workerHeap(ctx.ext, page)
    await cdp.send("HeapProfiler.collectGarbage")
    await worker.collectGarbage()
    pageBefore.push(await pageHeapMb(cdp))
    workerBefore.push((await worker.usedMb()) ?? 0)
    const pageSampler = sampler(() => pageHeapMb(cdp))
    const workerSampler = sampler(() => worker.usedMb())
    const ms = await timeClickUntil(
      page,
      '[data-lh="capture-all"]',
      `deep('[data-lh-control="capture-all"]').getAttribute("data-lh-state") === "done"`,
      120_000
    )
    const [p, w] = await Promise.all([pageSampler.stop(), workerSampler.stop()])
    count = await page.locator('[data-lh-progress-text="capture-all"]').innerText()
    status = await page.locator('[data-lh-status="capture-all"]').innerText()
    if (count !== `${CAPTURE_ALL_PRODUCTS} / ${CAPTURE_ALL_PRODUCTS}`) throw new Error(`capture-all ended at ${count}: ${status}`)
    times.push(ms)
    samplesMin = Math.min(samplesMin, p.samples, w.samples)
    pagePeaks.push(p.peak)
    workerPeaks.push(w.peak)
    await worker.detach()
    await cdp.detach()
    await page.close()
  }
  return {
    capture_all_method:
      "click to data-lh-state=done timed in the page; JS heap in use (Runtime.getHeapUsage) of the tab and of the service worker sampled every 100 ms, after a forced GC",
    capture_all_products: CAPTURE_ALL_PRODUCTS,
    capture_all_heap_samples_min: samplesMin,
    capture_all_progress: count,
    capture_all_summary: status,
    capture_all_5000_ms: withGoal(summarise(times), CAPTURE_ALL_GOAL_MS),
    capture_all_5000_page_heap_peak_mb: summarise(pagePeaks),
    capture_all_5000_page_heap_before_mb: summarise(pageBefore),
    capture_all_5000_worker_heap_peak_mb: summarise(workerPeaks),
    capture_all_5000_worker_heap_before_mb: summarise(workerBefore)
  }
}

export async function benchCapture(ctx: BenchContext) {
  ctx.log("capture: capture-page, 100 rows")
  const page = await benchCapturePage(ctx)
  const all = await benchCaptureAll(ctx)
  return { ...page, ...all }
}
