// `npx tsx scripts/profile-page.ts [--runs 5] [--top 30] [--page himall|wechat]`: where the content
// scripts' time goes while HiMall 商品管理 or WeChat 商品库 loads. A developer's tool next to
// `npm run bench -- --only page_cost` (which gives the figures): it loads the page with the
// extension under a trace (as the bench's traced figure) and prints the extension's own script
// time per load, and by event: its script's top-level run, each callback by function. Needs the
// sandbox build (`npm run build:sandbox`); the shop's products are captured first, as a merchant's.
import { startSandbox } from "../test/sandbox/server"
import { launchWithExtension, waitForShopScript } from "../test/support/browser"
import { clearExtensionData, LIVE_GOODS } from "../test/support/goods"
import { ownedScriptTime, traceDuring } from "./bench/cdp"

const argv = process.argv.slice(2)
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}
const RUNS = Number(flag("runs") ?? 5)
const TOP = Number(flag("top") ?? 30)
const which = flag("page") ?? "wechat"
/** Another build of the extension to load (default: build/chrome-mv3-sandbox). */
const dir = flag("dir")

const sandbox = await startSandbox({ quiet: true })
const b = await launchWithExtension(sandbox, dir ? { extensionDir: dir } : {})
try {
  await waitForShopScript(b)
  await clearExtensionData(b)
  const setup = await b.context.newPage()
  await setup.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  await setup.locator('[data-lh="capture-all"]').click()
  await setup.locator('[data-lh-control="capture-all"][data-lh-state="done"]').waitFor({ timeout: 60_000 })
  await setup.close()
  const url = which === "himall" ? `${sandbox.shopOrigin}/Admin/Product/Management` : LIVE_GOODS
  const byFn = new Map<string, number[]>()
  const totals: number[] = []
  for (let run = 0; run <= RUNS; run++) {
    const page = await b.context.newPage()
    const cdp = await b.context.newCDPSession(page)
    const events = await traceDuring(cdp, async () => {
      await page.goto(url, { waitUntil: "load" })
      await new Promise((r) => setTimeout(r, 1500))
    })
    await cdp.detach()
    await page.close()
    if (run === 0) continue
    const owned = (u: string) => u.startsWith(`chrome-extension://${b.extensionId}/`)
    totals.push(ownedScriptTime(events as never, owned).ms)
    for (const e of events as {
      name: string
      ph: string
      dur?: number
      tdur?: number
      args?: { data?: { url?: string; functionName?: string; columnNumber?: number; lineNumber?: number } }
    }[]) {
      if (e.ph !== "X" || !["EvaluateScript", "FunctionCall", "v8.compile"].includes(e.name) || !owned(String(e.args?.data?.url ?? ""))) continue
      const d = e.args!.data!
      const key = `${e.name} ${d.functionName ?? ""}@${d.lineNumber ?? ""}:${d.columnNumber ?? ""}`
      const list = byFn.get(key) ?? []
      list.push((e.tdur ?? e.dur ?? 0) / 1000)
      byFn.set(key, list)
    }
  }
  const sorted = [...totals].sort((x, y) => x - y)
  console.log(
    `${which}: extension script time per load (traced, ms): median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)}  all ${sorted.map((x) => x.toFixed(1)).join(" ")}`
  )
  const rows = [...byFn].map(([k, v]) => [k, v.reduce((x, y) => x + y, 0) / RUNS, v.length / RUNS] as const).sort((x, y) => y[1] - x[1])
  for (const [k, ms, n] of rows.slice(0, TOP)) console.log(`  ${ms.toFixed(2).padStart(7)} ms  ×${n.toFixed(1).padStart(4)}  ${k}`)
} finally {
  await b.close()
  await sandbox.close()
}
