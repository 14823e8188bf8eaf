// The privacy policy a store reviewer asks for is reachable from the options page: the link
// opens the extension's own page with docs/privacy.md, in full, as text.
import { readFileSync } from "node:fs"
import { join } from "node:path"

import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startSandbox, type Sandbox } from "../sandbox/server"
import { launchWithExtension, ROOT, type ExtensionBrowser } from "../support/browser"

let sandbox: Sandbox
let b: ExtensionBrowser

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true })
  b = await launchWithExtension(sandbox)
})

afterAll(async () => {
  await b?.close()
  await sandbox?.close()
})

describe("privacy policy", () => {
  it("options links to the bundled policy, which shows docs/privacy.md as text", async () => {
    const options = await b.context.newPage()
    await options.goto(b.url("options.html"))
    const section = options.locator('[data-lh-section="privacy"]')
    await expect(section.getByRole("heading").textContent()).resolves.toBe("隐私")
    const [policy] = await Promise.all([b.context.waitForEvent("page"), section.locator('[data-lh="privacy-policy"]').click()])
    await policy.waitForLoadState("domcontentloaded")
    expect(policy.url()).toBe(b.url("tabs/privacy.html"))
    const shown = await policy.locator('[data-lh-section="privacy"]').textContent()
    expect(shown?.trim()).toBe(readFileSync(join(ROOT, "docs/privacy.md"), "utf8").trim())
    await policy.close()
    await options.close()
  })
})
