// The HiMall script is registered at run time; it must still run after the browser restarts,
// and the captured data must still be there.
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startSandbox, type Sandbox } from "../sandbox/server"
import { launchWithExtension, openPopup, readTable, waitForShopScript } from "../support/browser"

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(async () => {
  await sandbox?.close()
})

describe("after a browser restart", () => {
  it("the shop's controls come back and the products are kept", async () => {
    const first = await launchWithExtension(sandbox)
    await waitForShopScript(first)
    const page = await first.context.newPage()
    await page.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
    const button = page.locator('[data-lh="capture-product"]').first()
    await button.click()
    await expect.poll(() => button.getAttribute("data-lh-state")).toMatch(/saved|warning/)
    const id = await button.getAttribute("data-lh-product-id")
    await first.close({ keepProfile: true })

    const second = await launchWithExtension(sandbox, { userDataDir: first.userDataDir })
    try {
      const again = await second.context.newPage()
      await again.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
      await again.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"]`).waitFor({ timeout: 15_000 })
      const stored = await readTable<{ productId: number }>(second, "products")
      expect(stored.map((p) => String(p.productId))).toEqual([id])
      const popup = await openPopup(second)
      await popup.locator(`[data-lh-popup-product="${id}"]`).waitFor()
    } finally {
      await second.close()
    }
  })
})
