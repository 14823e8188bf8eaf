// Install, update and removal with tabs already open (issues 10 and 12): Chromium starts without
// the extension, the sandbox's HiMall 商品管理 and WeChat 商品库 are opened, and only then is
// the extension installed — through the DevTools protocol's Extensions.loadUnpacked, which needs
// --enable-unsafe-extension-debugging and the pipe Playwright talks over. Loading the same folder
// again, with a new version in it, is an update (onInstalled "update"; the old content scripts
// lose their runtime context); Extensions.uninstall removes it.
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { OWN_MARKS } from "~features/registry"

import { startSandbox, type Sandbox } from "../sandbox/server"
import { chromiumArgs, chromiumPath, SANDBOX_BUILD } from "../support/browser"
import { LIVE_GOODS } from "../support/goods"

let sandbox: Sandbox
let work: string
beforeAll(async () => {
  sandbox = await startSandbox()
  work = mkdtempSync(join(tmpdir(), "lh-lifecycle-"))
})
afterAll(async () => {
  await sandbox?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

interface Run {
  context: BrowserContext
  cdp: CDPSession
  ext: string
  close(): Promise<void>
}

/** Chromium with no extension yet, able to install one through the DevTools protocol. */
async function launchBare(): Promise<Run> {
  const ext = mkdtempSync(join(work, "ext-"))
  cpSync(SANDBOX_BUILD, ext, { recursive: true })
  const profile = mkdtempSync(join(work, "profile-"))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    locale: "zh-CN",
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: true,
    env: { ...process.env, LANGUAGE: "zh_CN", LANG: "zh_CN.UTF-8" },
    // Playwright turns extensions off unless asked not to.
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [...chromiumArgs(sandbox.hostRules), "--lang=zh-CN", "--enable-unsafe-extension-debugging"]
  })
  const cdp = await context.browser()!.newBrowserCDPSession()
  return { context, cdp, ext, close: () => context.close() }
}

async function install(run: Run): Promise<string> {
  const { id } = (await run.cdp.send("Extensions.loadUnpacked" as never, { path: run.ext } as never)) as { id: string }
  return id
}

/** The worker of this version (an update starts a new one). */
async function workerOf(run: Run, id: string, version: string): Promise<Worker> {
  for (const end = Date.now() + 30_000; Date.now() < end;) {
    for (const w of run.context.serviceWorkers()) {
      if (!w.url().startsWith(`chrome-extension://${id}/`)) continue
      const v = await w.evaluate(() => chrome.runtime.getManifest().version).catch(() => null)
      if (v === version) return w
    }
    await run.context.waitForEvent("serviceworker", { timeout: 1000 }).catch(() => null)
  }
  throw new Error(`no service worker of version ${version}`)
}

/** The next version in the same folder: a new version number and a renamed HiMall script, as a rebuild gives. */
function writeNextVersion(ext: string, version: string) {
  const old = readdirSync(ext).find((f) => /^himall-admin\..+\.js$/.test(f))!
  const renamed = `himall-admin.${version.replace(/\./g, "")}beef.js`
  renameSync(join(ext, old), join(ext, renamed))
  const file = join(ext, "manifest.json")
  const manifest = JSON.parse(readFileSync(file, "utf8"))
  manifest.version = version
  manifest.content_scripts = manifest.content_scripts.map((cs: { js: string[] }) => ({ ...cs, js: cs.js.map((f) => (f === old ? renamed : f)) }))
  writeFileSync(file, JSON.stringify(manifest))
}

async function openTabs(run: Run): Promise<{ shop: Page; wechat: Page }> {
  const shop = await run.context.newPage()
  await shop.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  await shop.locator("input.thisId").first().waitFor({ state: "attached" })
  const wechat = await run.context.newPage()
  await wechat.goto(LIVE_GOODS, { waitUntil: "domcontentloaded" })
  await wechat.getByRole("button", { name: "添加商品", exact: true }).first().waitFor()
  return { shop, wechat }
}

/** Per product row, how many capture-product controls it has, and the row's product id. */
function controlsPerRow(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>("input.thisId")].map((input) => ({
      id: input.value,
      controls: input.closest("tr")!.querySelectorAll('[data-lh="capture-product"]').length
    }))
  )
}

/** Exactly one working set of controls: one per row, one capture-page, one queue-start. */
async function expectOneSet(shop: Page, wechat: Page) {
  await expect.poll(async () => (await controlsPerRow(shop)).every((r) => r.controls === 1), { timeout: 30_000 }).toBe(true)
  await expect.poll(() => shop.locator('[data-lh="capture-page"]').count(), { timeout: 30_000 }).toBe(1)
  await expect.poll(() => wechat.locator('[data-lh="queue-start"]').count(), { timeout: 30_000 }).toBe(1)
  // Still one each once the pages change again (the grid redrawn, the table re-rendered).
  expect((await controlsPerRow(shop)).every((r) => r.controls === 1)).toBe(true)
}

/** Store the product of row `index` with its control, and see it in the extension's database. */
async function captureRow(shop: Page, worker: Worker, index: number): Promise<string> {
  const rows = await controlsPerRow(shop)
  const id = rows[index].id
  const button = shop.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"]`)
  await button.click()
  await expect.poll(() => button.getAttribute("data-lh-state"), { timeout: 30_000 }).toMatch(/saved|warning/)
  const stored = await worker.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open("himall-live-helper")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const req = open.result.transaction("products", "readonly").objectStore("products").getAll()
          req.onsuccess = () => resolve((req.result as { productId: number }[]).map((p) => p.productId))
          req.onerror = () => reject(req.error)
        }
      })
  )
  expect(stored.map(String)).toContain(id)
  return id
}

/** Mark every control now in the page (from the page itself): the marks say whose controls are left later. */
function markControls(page: Page, mark: string) {
  return page.evaluate(
    ([m, marks]) => {
      // The extension's elements, not the page's own ones it marked (e.g. data-lh-seen).
      const all = [...document.body.querySelectorAll("*")].filter((el) => el.getAttributeNames().some((n) => n.startsWith("data-lh") && !marks.includes(n)))
      all.forEach((el) => el.setAttribute(m, ""))
      return all.length
    },
    [mark, [...OWN_MARKS]] as const
  )
}

/** Elements of the page carrying any of the extension's `data-lh…` attributes. */
function extensionTraces(page: Page) {
  return page.evaluate(() => [...document.body.querySelectorAll("*")].filter((el) => el.getAttributeNames().some((n) => n.startsWith("data-lh"))).length)
}

describe("install, update and removal with tabs already open", () => {
  it("install and update give open tabs exactly one working set of controls; the old script removes its own", async () => {
    const run = await launchBare()
    try {
      const { shop, wechat } = await openTabs(run)
      expect(await shop.locator("[data-lh]").count()).toBe(0)

      // Install: the open tabs get the scripts without a reload.
      const id = await install(run)
      const v1 = await workerOf(run, id, JSON.parse(readFileSync(join(run.ext, "manifest.json"), "utf8")).version)
      await expectOneSet(shop, wechat)
      await captureRow(shop, v1, 0)
      const firstInstance = await shop.evaluate(() => document.documentElement.getAttribute("data-lh-instance-himall"))
      expect(firstInstance).toBeTruthy()
      expect(await markControls(shop, "data-test-v1")).toBeGreaterThan(0)
      expect(await markControls(wechat, "data-test-v1")).toBeGreaterThan(0)

      // Update: a new version with a renamed HiMall script, loaded over the old one.
      writeNextVersion(run.ext, "9.9.1")
      expect(await install(run)).toBe(id)
      const v2 = await workerOf(run, id, "9.9.1")
      // The old script saw its context go and removed every control it had drawn.
      await expect.poll(() => shop.locator("[data-test-v1]").count(), { timeout: 30_000 }).toBe(0)
      await expect.poll(() => wechat.locator("[data-test-v1]").count(), { timeout: 30_000 }).toBe(0)
      // The new one took over: one set again, and it works (an orphan could not store anything).
      await expectOneSet(shop, wechat)
      expect(await shop.evaluate(() => document.documentElement.getAttribute("data-lh-instance-himall"))).not.toBe(firstInstance)
      await captureRow(shop, v2, 1)
      // The new version's HiMall file is the one registered (found, not hard-coded).
      const registered = await v2.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.js ?? []))
      expect(registered).toEqual(["himall-admin.991beef.js"])

      // Injected again by the same version (as a grant does): the page keeps its one instance and
      // one set. (In this build the bundle's module cache in the shared world already keeps the
      // entry from running twice; the root's probe, unit-tested in test/unit/lifecycle.test.ts,
      // stops a second copy that does run, before it claims the page.)
      const running = await shop.evaluate(() => document.documentElement.getAttribute("data-lh-instance-himall"))
      await v2.evaluate(async (files) => {
        const [tab] = await chrome.tabs.query({ url: "https://*.sandbox.test/*" })
        await chrome.scripting.executeScript({ target: { tabId: tab.id!, allFrames: true }, files })
      }, registered)
      expect(await shop.evaluate(() => document.documentElement.getAttribute("data-lh-instance-himall"))).toBe(running)
      await expectOneSet(shop, wechat)
      await captureRow(shop, v2, 2)
    } finally {
      await run.close()
    }
  })

  it("disabling the extension takes every control away from open tabs; enabling it again gives one set back", async () => {
    const run = await launchBare()
    try {
      const { shop, wechat } = await openTabs(run)
      const id = await install(run)
      await expectOneSet(shop, wechat)
      // The switch on chrome://extensions (that page may use chrome.management on any extension).
      const extensions = await run.context.newPage()
      await extensions.goto("chrome://extensions/")
      await extensions.evaluate((extId) => chrome.management.setEnabled(extId, false), id)
      await expect.poll(() => extensionTraces(shop), { timeout: 30_000 }).toBe(0)
      await expect.poll(() => extensionTraces(wechat), { timeout: 30_000 }).toBe(0)
      await extensions.evaluate((extId) => chrome.management.setEnabled(extId, true), id)
      const worker = await workerOf(run, id, JSON.parse(readFileSync(join(run.ext, "manifest.json"), "utf8")).version)
      await expectOneSet(shop, wechat)
      await captureRow(shop, worker, 0)
    } finally {
      await run.close()
    }
  })

  it("removing the extension takes every control away from open tabs", async () => {
    const run = await launchBare()
    try {
      const { shop, wechat } = await openTabs(run)
      const id = await install(run)
      await expectOneSet(shop, wechat)
      await run.cdp.send("Extensions.uninstall" as never, { id } as never)
      await expect.poll(() => extensionTraces(shop), { timeout: 30_000 }).toBe(0)
      await expect.poll(() => extensionTraces(wechat), { timeout: 30_000 }).toBe(0)
      expect(await shop.evaluate(() => document.documentElement.hasAttribute("data-lh-instance-himall"))).toBe(false)
    } finally {
      await run.close()
    }
  })
})
