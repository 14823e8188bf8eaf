// The HiMall script is registered at run time; it must still run after the browser restarts
// and after an extension update that renames its file, and the captured data must be kept.
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startSandbox, type Sandbox } from "../sandbox/server"
import { launchWithExtension, openPopup, readTable, SANDBOX_BUILD, waitForShopScript, type ExtensionBrowser } from "../support/browser"

let sandbox: Sandbox
let work: string
beforeAll(async () => {
  sandbox = await startSandbox()
  work = mkdtempSync(join(tmpdir(), "lh-persist-"))
})
afterAll(async () => {
  await sandbox?.close()
  rmSync(work, { recursive: true, force: true })
})

async function captureFirst(b: ExtensionBrowser): Promise<string> {
  await waitForShopScript(b)
  const page = await b.context.newPage()
  await page.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  const button = page.locator('[data-lh="capture-product"]').first()
  await button.click()
  await expect.poll(() => button.getAttribute("data-lh-state")).toMatch(/saved|warning/)
  return (await button.getAttribute("data-lh-product-id"))!
}

async function expectControlsAndProduct(b: ExtensionBrowser, id: string) {
  const page = await b.context.newPage()
  await page.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  await page.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"]`).waitFor({ timeout: 15_000 })
  const stored = await readTable<{ productId: number }>(b, "products")
  expect(stored.map((p) => String(p.productId))).toEqual([id])
  const popup = await openPopup(b)
  await popup.locator(`[data-lh-popup-product="${id}"]`).waitFor()
}

describe("the shop script and the data survive", () => {
  it("a browser restart", async () => {
    const profile = join(work, "restart-profile")
    const first = await launchWithExtension(sandbox, { userDataDir: profile })
    const id = await captureFirst(first)
    await first.close()
    const second = await launchWithExtension(sandbox, { userDataDir: profile })
    try {
      await expectControlsAndProduct(second, id)
    } finally {
      await second.close()
    }
  })

  it("an extension update that renames the HiMall script", async () => {
    const profile = join(work, "update-profile")
    const ext = join(work, "extension")
    cpSync(SANDBOX_BUILD, ext, { recursive: true })
    const first = await launchWithExtension(sandbox, { userDataDir: profile, extensionDir: ext })
    const id = await captureFirst(first)
    await first.close()

    // The next version: same code under a new hashed name, as a rebuild produces.
    const old = readdirSync(ext).find((f) => /^himall-admin\..+\.js$/.test(f))!
    renameSync(join(ext, old), join(ext, "himall-admin.0000beef.js"))
    const manifestFile = join(ext, "manifest.json")
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"))
    manifest.version = "0.1.1"
    manifest.content_scripts = manifest.content_scripts.map((cs: { js: string[] }) => ({
      ...cs,
      js: cs.js.map((f) => (f === old ? "himall-admin.0000beef.js" : f))
    }))
    writeFileSync(manifestFile, JSON.stringify(manifest))

    const second = await launchWithExtension(sandbox, { userDataDir: profile, extensionDir: ext })
    try {
      const sw = await second.worker()
      expect(await sw.evaluate(() => chrome.runtime.getManifest().version)).toBe("0.1.1")
      await expectControlsAndProduct(second, id)
      const registered = await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())
      expect(registered.map((r) => r.js)).toEqual([["himall-admin.0000beef.js"]])
    } finally {
      await second.close()
    }
  })
})
