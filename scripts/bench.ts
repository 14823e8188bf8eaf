// `npm run bench [-- --only fill,popup] [-- --runs 15] [-- --no-build]`: figures a merchant feels,
// measured on the production-built extension (sandbox build) in real Chromium against the
// sandbox. Prints one JSON object on stdout (progress goes to stderr): each timed figure as
// { runs, median, p95, min, max } in milliseconds (MB for memory), with `goal` and `met` where the
// issue sets a goal, and its baseline measured in the same run where one is named.
// Sections (scripts/bench/*.ts): size, cover, fill, capture, popup, page_cost, job.
// What each figure measures and how: docs/performance.md.
import { execFileSync } from "node:child_process"
import { cpus, totalmem } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"

import { startSandbox } from "../test/sandbox/server"
import { launchWithExtension, launchWithoutExtension, ROOT, waitForShopScript } from "../test/support/browser"
import { clearExtensionData } from "../test/support/goods"
import { benchCapture } from "./bench/capture"
import type { BenchContext, Section } from "./bench/context"
import { benchCover } from "./bench/cover"
import { benchFill } from "./bench/fill"
import { benchJob } from "./bench/job"
import { benchPageCost } from "./bench/page-cost"
import { benchPopup } from "./bench/popup"
import { benchSize, type SizeEntry } from "./bench/size"
import { goalRows } from "./bench/stats"

const argv = process.argv.slice(2)
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}
const RUNS = Number(flag("runs") ?? 9)
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive whole number, not ${flag("runs")}`)

/** In the order they run; `size` needs no browser. */
const SECTIONS: Record<string, Section> = {
  size: benchSize,
  cover: benchCover,
  fill: benchFill,
  capture: benchCapture,
  popup: benchPopup,
  page_cost: benchPageCost,
  job: benchJob
}
const only = flag("only")
  ?.split(",")
  .map((s) => s.trim())
const unknown = only?.filter((s) => !(s in SECTIONS)) ?? []
if (unknown.length) throw new Error(`--only: no section ${unknown.join(", ")} (sections: ${Object.keys(SECTIONS).join(", ")})`)
const chosen = Object.keys(SECTIONS).filter((name) => !only || only.includes(name))

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`)
const started = performance.now()

if (!argv.includes("--no-build")) {
  // The production build (its files are what `size` measures) and the sandbox build (the same
  // code with the sandbox shops granted up front: what runs in the browser).
  log("building build/chrome-mv3-prod and build/chrome-mv3-sandbox")
  const quiet = { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] as ("ignore" | "inherit")[] }
  execFileSync(join(ROOT, "node_modules/.bin/plasmo"), ["build"], quiet)
  execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "--sandbox"], quiet)
}

const sandbox = await startSandbox()
const ext = await launchWithExtension(sandbox)
let plain: ReturnType<typeof launchWithoutExtension> | undefined
const ctx: BenchContext = {
  sandbox,
  ext,
  plain: async () => (await (plain ??= launchWithoutExtension(sandbox))).context,
  runs: RUNS,
  log
}
const figures: Record<string, unknown> = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? null,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium:
      ext.context.browser()?.version() ?? (await ext.worker().then((w) => w.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? null))),
    runs: RUNS
  }
}
try {
  await waitForShopScript(ext)
  for (const name of chosen) {
    log(`section ${name}`)
    const t0 = performance.now()
    sandbox.wechat.reset()
    sandbox.shop().reset()
    await clearExtensionData(ext)
    try {
      Object.assign(figures, await SECTIONS[name](ctx))
      log(`section ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    } catch (e) {
      // One section failing (a page changed) leaves the others' figures; the error is in the JSON.
      figures[`${name}_error`] = String((e as Error)?.stack ?? e)
      log(`section ${name} FAILED: ${(e as Error)?.message ?? e}`)
      for (const page of ext.context.pages()) await page.close().catch(() => undefined)
    }
  }
} finally {
  await (await plain?.catch(() => undefined))?.close()
  await ext.close()
  await sandbox.close()
}

const sizeGoals = ((figures.size_bytes as SizeEntry[] | undefined) ?? [])
  .filter((e) => e.goal_gzip !== undefined)
  .map((e) => ({ figure: `size ${e.file} (gzip bytes)`, median: e.gzip, p95: e.gzip, goal: `≤ ${e.goal_gzip!}`, met: e.met! }))
const goals = [...goalRows(figures), ...sizeGoals]
const failed = Object.keys(figures).filter((k) => k.endsWith("_error"))
figures.goals = { met: goals.filter((g) => g.met).length, missed: goals.filter((g) => !g.met).map((g) => g.figure), failed_sections: failed, all: goals }
figures.elapsed_s = Math.round((performance.now() - started) / 1000)
console.log(JSON.stringify(figures, null, 2))
if (failed.length) process.exitCode = 1
