// `npm start`: build, start the sandbox, open Chromium with the extension so a newcomer can
// practise the whole flow without real accounts. With a display the browser stays open
// until Ctrl-C; without one (or with --headless) it runs headless, walks through each step
// and writes a screenshot of each to artifacts/start/.
import { execFileSync } from "node:child_process"
import { mkdirSync } from "node:fs"
import { join } from "node:path"

import type { Page } from "playwright-core"

import { startSandbox } from "../test/sandbox/server"
import { launchWithExtension, openPopup, ROOT, waitForShopScript } from "../test/support/browser"

const args = new Set(process.argv.slice(2))
const headless = args.has("--headless") || !process.env.DISPLAY
const outDir = join(ROOT, "artifacts/start")

if (!args.has("--no-build")) execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "--sandbox"], { stdio: "inherit" })

const sandbox = await startSandbox()
console.log(`sandbox: ${sandbox.hostRules}`)
const browser = await launchWithExtension(sandbox, { headless })
await waitForShopScript(browser)

const productsUrl = `${sandbox.shopOrigin}/Admin/Product/Management`
const goodsUrl = `${sandbox.wechatOrigin}/wxamp/frame/live/goods/index?token=1&lang=zh_CN`

if (!headless) {
  const page = await browser.context.newPage()
  await page.goto(productsUrl, { waitUntil: "domcontentloaded" })
  const wechat = await browser.context.newPage()
  await wechat.goto(goodsUrl)
  await openPopup(browser)
  console.log("Chromium is open with HiMall 直播助手. Try 存入直播助手 / 存入本页 / 存入全店 on the product list,")
  console.log("then 添加商品 → 从 HiMall 商品填入 in WeChat's 商品库, and the extension popup.")
  console.log("Press Ctrl-C to stop.")
  const stop = async () => {
    await browser.close()
    await sandbox.close()
    process.exit(0)
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
  browser.context.on("close", () => void stop())
} else {
  mkdirSync(outDir, { recursive: true })
  let n = 0
  const shot = async (page: Page, name: string) => {
    const file = join(outDir, `${String(++n).padStart(2, "0")}-${name}.png`)
    await page.screenshot({ path: file })
    console.log(`  step ${n}: ${name} -> ${file}`)
  }
  try {
    const page = await browser.context.newPage()
    await page.goto(productsUrl, { waitUntil: "domcontentloaded" })
    await page.locator('[data-lh="capture-product"]').first().waitFor()
    await shot(page, "himall-product-list-with-controls")

    const first = page.locator('[data-lh="capture-product"]').first()
    await first.click()
    await page.waitForFunction(() => document.querySelector('[data-lh="capture-product"]')?.getAttribute("data-lh-state") !== "busy")
    await shot(page, "product-captured")

    const liveLink = page.getByText("直播链接", { exact: true }).nth(1)
    if (await liveLink.count()) {
      await liveLink.click()
      // The dialog's control: the visible one outside the product grid (HiMall's artDialog is a table too).
      const inDialog = page
        .locator('xpath=//*[@data-lh="capture-product"][not(ancestor::table[.//input[contains(concat(" ", @class, " "), " thisId ")]])]')
        .filter({ visible: true })
        .first()
      await inDialog.waitFor()
      await inDialog.click()
      await page.waitForTimeout(300)
      await shot(page, "live-link-dialog-captured")
    }

    await page.reload({ waitUntil: "domcontentloaded" })
    await page.locator('[data-lh="capture-all"]').click()
    await page.waitForFunction(() => /\d+ \/ \d+/.test(document.body.innerText), null, { timeout: 30_000 }).catch(() => undefined)
    await page.waitForTimeout(1500)
    await shot(page, "capture-all")

    const wechatGoods = await browser.context.newPage()
    await wechatGoods.goto(goodsUrl, { waitUntil: "domcontentloaded" })
    await wechatGoods.getByRole("button", { name: "添加商品", exact: true }).click()
    await wechatGoods.locator('[data-lh="fill-goods"]').click()
    await wechatGoods.locator('[data-lh="picker-search"]').fill("天使")
    const pick = wechatGoods.locator('[data-lh="pick-product"][data-lh-product-id="19"]')
    await pick.waitFor()
    await shot(wechatGoods, "wechat-add-goods-picker")
    await pick.click()
    await wechatGoods.locator('[data-lh="fill-report"][data-lh-outcome]').waitFor()
    await wechatGoods.waitForFunction(() => !!(window as any).__fixture.goodsForm()?.cover)
    await shot(wechatGoods, "wechat-add-goods-filled")
    await wechatGoods.getByRole("button", { name: "保存并提审", exact: true }).click()
    await wechatGoods.waitForFunction(() => !(window as any).__fixture.goodsForm())
    await wechatGoods.waitForTimeout(800)
    await shot(wechatGoods, "wechat-goods-library-reviewing")

    const popup = await openPopup(browser)
    await popup.setViewportSize({ width: 400, height: 600 })
    await popup.locator("[data-lh-popup-product]").first().waitFor()
    await shot(popup, "popup-with-products")

    const options = await browser.context.newPage()
    await options.goto(browser.url("options.html"))
    await options.locator("[data-lh-shop]").first().waitFor()
    await shot(options, "options-shops")

    console.log(`Screenshots in ${outDir}`)
  } finally {
    await browser.close()
    await sandbox.close()
  }
}
