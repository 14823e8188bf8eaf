// `npm start`: build, start the sandbox, open Chromium with the extension and walk the whole
// manual on the sandbox — qualification, goods (capture all, a queue of five to 保存并提审), a
// room from a plan to 创建直播间, HiMall's sync, its cover, the homepage entrance, the reminder
// before the start — with the same driver as the bench's whole-job count (scripts/demo/job.ts).
// Headed (a display, no --headless): pauses after each step until Enter (or --pause-ms N), then
// leaves the browser open until Ctrl-C. Headless (no display, or --headless): one screenshot
// per step and an index.html laying them out in order, in artifacts/start/. docs/demo.md.
import { execFileSync } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { createInterface } from "node:readline"

import { startSandbox } from "../test/sandbox/server"
import { launchWithExtension, ROOT, waitForShopScript } from "../test/support/browser"
import { demoPage, type Shot } from "./demo/page"
import { runJob, type StepDone } from "./demo/job"

const argv = process.argv.slice(2)
const args = new Set(argv)
const value = (name: string) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}
const headless = args.has("--headless") || !process.env.DISPLAY
const pauseMs = value("pause-ms") === undefined ? null : Number(value("pause-ms"))
const goods = Number(value("goods") ?? 5)
const outDir = join(ROOT, value("out") ?? "artifacts/start")

if (!args.has("--no-build")) execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "--sandbox"], { stdio: "inherit" })

const sandbox = await startSandbox()
console.log(`sandbox: ${sandbox.hostRules}`)
const browser = await launchWithExtension(sandbox, { headless })
await waitForShopScript(browser)

const input = !headless && pauseMs === null ? createInterface({ input: process.stdin, output: process.stdout }) : null
const waitForEnter = (prompt: string) => new Promise<void>((resolve) => input!.question(prompt, () => resolve()))

const shots: Shot[] = []
if (headless) {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  let cjk = ""
  try {
    cjk = execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" })
  } catch {
    // No fontconfig: nothing to tell.
  }
  if (!cjk.trim()) console.log("note: no Chinese font installed (Debian: fonts-noto-cjk): the screenshots will show boxes instead of Chinese text")
}

/** After each step (and each view inside one): a screenshot headless, a pause headed. */
async function after(step: StepDone) {
  const n = shots.length + 1
  const file = `${String(n).padStart(2, "0")}-${step.id}.png`
  shots.push({ file, title: step.title, line: step.line, actions: step.actions, ms: step.ms })
  console.log(`${String(n).padStart(2)}. ${step.title} — ${step.line}${step.actions ? ` (${step.actions} actions)` : ""}`)
  if (headless) {
    await step.page.screenshot({ path: join(outDir, file) })
  } else if (pauseMs !== null) {
    await step.page.waitForTimeout(pauseMs)
  } else {
    await waitForEnter("    Enter: next step ")
  }
}

let failed = false
try {
  const { actions } = await runJob({ sandbox, ext: browser, goods, demo: true, after, log: (m) => console.log(`    · ${m}`) })
  console.log(`The whole manual in ${actions.count()} merchant actions (docs/performance.md compares it with the manual path).`)
  if (headless) {
    writeFileSync(join(outDir, "index.html"), demoPage(shots, { date: new Date().toISOString(), actions: actions.count(), goods }))
    console.log(`Screenshots and ${join(outDir, "index.html")}`)
  }
} catch (e) {
  failed = true
  console.error(e)
}

if (!headless && !failed) {
  console.log("Done. The browser stays open for questions; Ctrl-C stops it.")
  input?.close()
  const stop = async () => {
    await browser.close()
    await sandbox.close()
    process.exit(0)
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
  browser.context.on("close", () => void stop())
} else {
  input?.close()
  await browser.close()
  await sandbox.close()
  process.exit(failed ? 1 : 0)
}
