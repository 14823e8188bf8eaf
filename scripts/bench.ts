// `npm run bench [-- --only fill] [-- --runs 15]`: figures a merchant feels, measured on the
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

const SECTIONS: Record<string, (s: Sandbox, b: ExtensionBrowser) => Promise<Record<string, unknown>>> = {
  fill: benchFill
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
