// One sandbox and one Chromium with the sandbox build per e2e test file: started before the
// file's tests, closed after them. The file keeps its own `sandbox` and `browser` variables.
import { afterAll, beforeAll } from "vitest"

import { startSandbox, type Sandbox } from "../sandbox/server"
import { launchWithExtension, waitForShopScript, type ExtensionBrowser, type LaunchOptions } from "./browser"

export function useExtensionSuite(ready: (sandbox: Sandbox, browser: ExtensionBrowser) => void, opts: LaunchOptions = {}) {
  let sandbox: Sandbox | undefined
  let browser: ExtensionBrowser | undefined
  beforeAll(async () => {
    sandbox = await startSandbox({ quiet: true })
    browser = await launchWithExtension(sandbox, opts)
    await waitForShopScript(browser)
    ready(sandbox, browser)
  })
  afterAll(async () => {
    await browser?.close()
    await sandbox?.close()
  })
}
