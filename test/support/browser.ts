// Real Chromium (Debian's /usr/bin/chromium) with the built extension loaded, pointed at the
// sandbox under the real host names. Shared by the e2e tests, `npm start` and screenshots.
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { chromium, type Browser, type BrowserContext, type Page, type Worker } from "playwright-core"

import type { Sandbox } from "../sandbox/server"
import { waitFor } from "./wait"

export const ROOT = join(import.meta.dirname, "../..")
export const SANDBOX_BUILD = join(ROOT, "build/chrome-mv3-sandbox")

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: apt-get install chromium (or set CHROMIUM_PATH)`)
  return path
}

/**
 * Flags for Chromium on this kind of machine (root, no display, closed network) that reach
 * the sandbox under the real host names.
 */
export function chromiumArgs(hostRules: string): string[] {
  return [
    `--host-resolver-rules=${hostRules}`,
    "--ignore-certificate-errors",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync"
  ]
}

/** Chromium without the extension, for the sandbox's own checks and screenshots. */
export function launchChromium(hostRules: string): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(hostRules) })
}

export interface ExtensionBrowser {
  context: BrowserContext
  extensionId: string
  userDataDir: string
  worker(): Promise<Worker>
  /** chrome-extension://<id>/<path> */
  url(path: string): string
  close(opts?: { keepProfile?: boolean }): Promise<void>
}

export interface LaunchOptions {
  extensionDir?: string
  userDataDir?: string
  headless?: boolean
  lang?: string
}

export async function launchWithExtension(sandbox: Sandbox, opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = opts.extensionDir ?? SANDBOX_BUILD
  if (!existsSync(join(extensionDir, "manifest.json"))) {
    throw new Error(`No built extension in ${extensionDir}: run npm run build:sandbox first`)
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), "lh-profile-"))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    locale: opts.lang ?? "zh-CN",
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: true,
    // On Linux, Chromium takes its UI language (and so chrome.i18n's) from the environment.
    env: { ...process.env, LANGUAGE: (opts.lang ?? "zh-CN").replace("-", "_"), LANG: `${(opts.lang ?? "zh-CN").replace("-", "_")}.UTF-8` },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...chromiumArgs(sandbox.hostRules),
      `--lang=${opts.lang ?? "zh-CN"}`,
      "--disable-features=DisableLoadExtensionCommandLineSwitch"
    ]
  })
  const worker = async () =>
    context.serviceWorkers().find((w) => w.url().startsWith("chrome-extension://")) ?? (await context.waitForEvent("serviceworker", { timeout: 30_000 }))
  const sw = await worker()
  const extensionId = new URL(sw.url()).host
  return {
    context,
    extensionId,
    userDataDir,
    worker,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, "")}`,
    close: async ({ keepProfile = false } = {}) => {
      await context.close()
      if (!keepProfile && !opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true })
    }
  }
}

/** Wait until the HiMall content script is registered (the worker does it at start). */
export async function waitForShopScript(b: ExtensionBrowser): Promise<void> {
  const sw = await b.worker()
  await waitFor(() => sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length > 0), {
    timeout: 10_000,
    message: "HiMall content script was never registered"
  })
}

/** Read a table of the extension's database from the service worker. */
export async function readTable<T = unknown>(b: ExtensionBrowser, table: string): Promise<T[]> {
  const sw = await b.worker()
  return sw.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open("himall-live-helper")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const idb = open.result
          const req = idb.transaction(name, "readonly").objectStore(name).getAll()
          req.onsuccess = () => {
            idb.close()
            resolve(req.result as T[])
          }
          req.onerror = () => reject(req.error)
        }
      }),
    table
  )
}

/**
 * Hear the runtime messages of one type that reach the extension's worker (a listener beside the
 * router's, which was added first and so runs first). `handled(ok, tables)` waits until such a
 * message arrived and every write the router had started for it on those tables committed: a
 * read-write transaction over them is queued behind the router's (IndexedDB runs overlapping
 * read-write transactions in the order they were created). For asserting that a message changed
 * nothing. The listener lives as long as the worker does.
 */
export async function hearMessages<P = unknown>(b: ExtensionBrowser, type: string) {
  const sw = await b.worker()
  await sw.evaluate((t) => {
    const g = self as unknown as { __lhHeard?: Record<string, unknown[]> }
    g.__lhHeard ??= {}
    if (g.__lhHeard[t]) return
    const heard: unknown[] = (g.__lhHeard[t] = [])
    chrome.runtime.onMessage.addListener((m: { type?: unknown; payload?: unknown }) => {
      if (m?.type === t) heard.push(m.payload)
    })
  }, type)
  const heard = () => sw.evaluate((t) => ((self as unknown as { __lhHeard?: Record<string, unknown[]> }).__lhHeard?.[t] ?? []) as P[], type)
  return {
    heard,
    async handled(ok: (payload: P) => boolean, tables: string[], timeout = 15_000): Promise<void> {
      await waitFor(heard, (ps) => ps.some(ok), { timeout, message: `no ${type} message reached the worker` })
      await sw.evaluate(
        (names) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open("himall-live-helper")
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const tx = open.result.transaction(names, "readwrite")
              tx.oncomplete = () => {
                open.result.close()
                resolve()
              }
              tx.onerror = () => reject(tx.error)
            }
          }),
        tables
      )
    }
  }
}

export async function openPopup(b: ExtensionBrowser): Promise<Page> {
  const page = await b.context.newPage()
  await page.goto(b.url("popup.html"))
  return page
}

/**
 * Stop the extension's service worker, as Chrome does when it is idle, through the DevTools
 * protocol's ServiceWorker domain on a page's session (it reaches the extension's worker too).
 * The next event or message starts it again; the same Playwright Worker then evaluates in it.
 */
export async function stopServiceWorker(b: ExtensionBrowser, page: Page): Promise<void> {
  const cdp = await b.context.newCDPSession(page)
  const versions = new Map<string, { versionId: string; scriptURL: string; runningStatus: string }>()
  // A page that keeps messaging wakes the worker again at once: remember that it did stop.
  let stopSent = false
  let sawStopped = false
  cdp.on("ServiceWorker.workerVersionUpdated", (e) =>
    e.versions.forEach((v) => {
      versions.set(v.versionId, v)
      if (stopSent && v.runningStatus === "stopped" && v.scriptURL.startsWith(`chrome-extension://${b.extensionId}/`)) sawStopped = true
    })
  )
  await cdp.send("ServiceWorker.enable")
  const ours = () => [...versions.values()].filter((v) => v.scriptURL.startsWith(`chrome-extension://${b.extensionId}/`))
  const until = (ok: () => boolean, what: string) => waitFor(ok, { timeout: 10_000, interval: 20, message: `service worker: ${what}` })
  await until(() => ours().some((v) => v.runningStatus === "running"), "never seen running")
  stopSent = true
  for (const v of ours().filter((v) => v.runningStatus === "running")) {
    await cdp.send("ServiceWorker.stopWorker", { versionId: v.versionId })
  }
  await until(() => sawStopped || ours().every((v) => v.runningStatus === "stopped"), "did not stop")
  await cdp.detach()
}

/**
 * Start the extension's service worker (stopped by stopServiceWorker or by Chrome), through the
 * DevTools protocol on a page's session, as an event would; its top-level code runs again.
 */
export async function startServiceWorker(b: ExtensionBrowser, page: Page): Promise<void> {
  const cdp = await b.context.newCDPSession(page)
  await cdp.send("ServiceWorker.enable")
  await cdp.send("ServiceWorker.startWorker", { scopeURL: `chrome-extension://${b.extensionId}/` })
  await cdp.detach()
  await b.worker()
}

/**
 * Follow the running status of the extension's service worker (`running`, `stopped`, …) as
 * the DevTools protocol reports it, with the time of each change, without starting it.
 */
export async function watchServiceWorker(b: ExtensionBrowser, page: Page) {
  const cdp = await b.context.newCDPSession(page)
  const changes: { at: number; status: string }[] = []
  const status = new Map<string, string>()
  const current = () => ([...status.values()].includes("running") ? "running" : [...status.values()].includes("starting") ? "starting" : "stopped")
  cdp.on("ServiceWorker.workerVersionUpdated", (e) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${b.extensionId}/`)) status.set(v.versionId, v.runningStatus)
    const now = current()
    if (changes.at(-1)?.status !== now) changes.push({ at: Date.now(), status: now })
  })
  await cdp.send("ServiceWorker.enable")
  return {
    changes,
    current,
    /** The status at a past moment (as last reported before it). */
    statusAt: (at: number) => changes.filter((c) => c.at <= at).at(-1)?.status ?? null,
    stop: () => cdp.detach()
  }
}

/** Put records into a table of the extension's database, from the service worker. */
export async function putRecords(b: ExtensionBrowser, table: string, records: unknown[]): Promise<void> {
  const sw = await b.worker()
  await sw.evaluate(
    ({ name, rows }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("himall-live-helper")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const idb = open.result
          const tx = idb.transaction(name, "readwrite")
          for (const r of rows) tx.objectStore(name).put(r)
          tx.oncomplete = () => {
            idb.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    { name: table, rows: records }
  )
}

/**
 * Chromium without any extension, with the same kind of profile (persistent, headless, same
 * flags, locale and viewport) as launchWithExtension: the baseline for measuring what the
 * extension adds. close() also removes its profile.
 */
export async function launchWithoutExtension(
  sandbox: Sandbox,
  opts: Pick<LaunchOptions, "headless" | "lang"> = {}
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const lang = opts.lang ?? "zh-CN"
  const userDataDir = mkdtempSync(join(tmpdir(), "lh-plain-"))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    locale: lang,
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: true,
    env: { ...process.env, LANGUAGE: lang.replace("-", "_"), LANG: `${lang.replace("-", "_")}.UTF-8` },
    args: [...chromiumArgs(sandbox.hostRules), `--lang=${lang}`]
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
    }
  }
}
