// `npm run bench [-- --only fill|popup] [-- --runs 15]`: figures a merchant feels, measured on the
// production-built extension (sandbox build) in real Chromium against the sandbox. Prints one
// JSON object: for each figure the median and p95 over repeated runs, in milliseconds.
import { execFileSync } from "node:child_process"
import { join } from "node:path"

import type { Page } from "playwright-core"

import { startSandbox, type Sandbox } from "../test/sandbox/server"
import { launchWithExtension, ROOT, waitForShopScript, type ExtensionBrowser } from "../test/support/browser"
import { captureFromGrid, clearExtensionData, openAddGoods, openGoodsLibrary, showOnlyProducts } from "../test/support/goods"

const argv = process.argv.slice(2)
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}
const RUNS = Number(flag("runs") ?? 15)
const only = flag("only")

export interface Figure {
  runs: number
  median: number
  p95: number
  min: number
  max: number
}

export function summarise(samples: number[]): Figure {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]
  const round = (n: number) => Math.round(n * 10) / 10
  return { runs: s.length, median: round(at(0.5)), p95: round(at(0.95)), min: round(s[0]), max: round(s[s.length - 1]) }
}

/** Remove every cached cover and the browser's HTTP cache (so the next pick downloads and makes it). */
async function dropCovers(b: ExtensionBrowser, page: Page) {
  await clearExtensionData(b, ["covers"])
  const cdp = await b.context.newCDPSession(page)
  await cdp.send("Network.clearBrowserCache")
  await cdp.detach()
}

/** pick-product to a complete 添加商品 model (cover, name, prices, link), timed in the page. */
async function timePick(page: Page, id: number): Promise<number> {
  await openAddGoods(page)
  await page.locator('[data-lh="fill-goods"]').click()
  const pick = page.locator(`[data-lh="pick-product"][data-lh-product-id="${id}"]`)
  await pick.waitFor()
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  const ms = (await page.evaluate(`(async () => {
    const form = () => window.__fixture.goodsForm()
    const button = document.querySelector('[data-lh="pick-product"][data-lh-product-id="${id}"]')
    const t0 = performance.now()
    button.click()
    await new Promise((resolve, reject) => {
      const tick = () => {
        const f = form()
        if (f && f.cover && f.name && f.price && f.url) return resolve()
        if (performance.now() > t0 + 30000) return reject(new Error("form never complete"))
        setTimeout(tick, 1)
      }
      tick()
    })
    return performance.now() - t0
  })()`)) as number
  await page.getByRole("button", { name: "关闭" }).first().click()
  await page.waitForFunction(() => !(window as any).__fixture.goodsForm())
  return ms
}

async function benchFill(sandbox: Sandbox, b: ExtensionBrowser) {
  // 19: a 2000×2000 transparent PNG, range price; 129: a 4000×3000 photo, one price.
  const products = { png: 19, photo: 129 }
  showOnlyProducts(sandbox, Object.values(products))
  await captureFromGrid(b, sandbox, Object.values(products))
  const page = await openGoodsLibrary(b)
  // One warm-up pick: the first message wakes the worker and loads its code.
  await timePick(page, products.png)
  const out: Record<string, Figure> = {}
  for (const [kind, id] of Object.entries(products)) {
    const uncached: number[] = []
    for (let i = 0; i < RUNS; i++) {
      await dropCovers(b, page)
      uncached.push(await timePick(page, id))
    }
    const cached: number[] = []
    for (let i = 0; i < RUNS; i++) cached.push(await timePick(page, id))
    out[`fill_${kind}_uncached_ms`] = summarise(uncached)
    out[`fill_${kind}_cached_ms`] = summarise(cached)
  }
  await page.close()
  return out
}

/**
 * The popup's first data render (`performance.mark("lh-popup-first-data")`: the checklist and the
 * goods list's first row in the DOM, from the page's navigation start) on 10,000 products (with
 * goods states, drift, covers for a fifth) and 1,000 rooms seeded through the worker; and the
 * badge's recomputation over the same tables (a `badge.refresh` from the popup, answered).
 */
async function benchPopup(sandbox: Sandbox, b: ExtensionBrowser) {
  const { seedLargeSetup } = await import("../test/support/seed")
  const sharp = (await import("sharp")).default
  const jpeg = (await sharp({ create: { width: 200, height: 200, channels: 3, background: "#c8a27a" } }).jpeg({ quality: 80 }).toBuffer()).toString("base64")
  await clearExtensionData(b, ["products", "notices", "goods", "covers", "jobs", "settings", "facts", "wechatRooms", "shopRooms", "syncs", "plans", "roomCovers"])
  const seeded = await seedLargeSetup(b, { shop: sandbox.shopOrigin, products: 10_000, rooms: 1_000, coverJpeg: jpeg })
  const open = async () => {
    const page = await b.context.newPage()
    await page.goto(b.url("popup.html"))
    await page.waitForFunction(() => performance.getEntriesByName("lh-popup-first-data").length > 0, null, { timeout: 30_000 })
    const first = (await page.evaluate(() => performance.getEntriesByName("lh-popup-first-data")[0].startTime)) as number
    const rows = await page.locator('[data-lh-popup="goods-list"] [role="listitem"]').count()
    // The popup asks the worker for the badge once drawn; this answer waits for that run too.
    const badge = (await page.evaluate(`(async () => {
      const t0 = performance.now()
      const reply = await chrome.runtime.sendMessage({ lh: 1, type: "badge.refresh", payload: {} })
      if (!reply || !reply.ok) throw new Error("badge.refresh: " + JSON.stringify(reply))
      return performance.now() - t0
    })()`)) as number
    await page.close()
    return { first, rows, badge }
  }
  await open() // warm-up: the worker and the browser's caches
  const first: number[] = []
  const badge: number[] = []
  let rows = 0
  for (let i = 0; i < RUNS; i++) {
    const r = await open()
    first.push(r.first)
    badge.push(r.badge)
    rows = Math.max(rows, r.rows)
  }
  return {
    popup_seed: { products: seeded.products, rooms: seeded.rooms, covers: seeded.covers, goods: seeded.approved + seeded.reviewing + seeded.rejected + seeded.draft, drift: seeded.drift },
    popup_first_data_10k_ms: summarise(first),
    popup_rows_in_dom_max: rows,
    badge_refresh_10k_ms: summarise(badge)
  }
}

const SECTIONS: Record<string, (s: Sandbox, b: ExtensionBrowser) => Promise<Record<string, unknown>>> = {
  fill: benchFill,
  popup: benchPopup
}

if (!argv.includes("--no-build")) execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "--sandbox"], { stdio: ["ignore", "ignore", "inherit"] })
const sandbox = await startSandbox()
const browser = await launchWithExtension(sandbox)
const figures: Record<string, unknown> = {
  machine: { cpus: (await import("node:os")).cpus().length, chromium: browser.context.browser()?.version() ?? null, runs: RUNS }
}
try {
  await waitForShopScript(browser)
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (only && only !== name) continue
    sandbox.wechat.reset()
    await clearExtensionData(browser)
    Object.assign(figures, await run(sandbox, browser))
  }
} finally {
  await browser.close()
  await sandbox.close()
}
console.log(JSON.stringify(figures, null, 2))
