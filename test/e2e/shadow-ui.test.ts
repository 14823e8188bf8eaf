// Issue 12, item 6: the extension's UI lives in shadow roots with its own stylesheets, so a
// page's CSS — even hostile `!important` rules on every element, every button and our hosts —
// cannot hide or restyle it. Each test first proves the hostile sheet is in force on the page's
// own elements, then that our controls are still shown, styled as ours and working.
import type { Locator, Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { type ExtensionBrowser } from "../support/browser"
import { useExtensionSuite } from "../support/suite"
import { captureFromGrid, clearExtensionData, openAddGoods, openGoodsLibrary, showOnlyProducts } from "../support/goods"

let sandbox: Sandbox
let browser: ExtensionBrowser

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

const HOSTILE = `
button { display: none !important }
* { color: rgb(255, 0, 0) !important; font-size: 31px !important; letter-spacing: 7px !important; background: rgb(0, 0, 0) !important }
[data-lh], [data-lh-panel], [data-lh-control], [data-lh-notice], [data-lh-summary], [data-lh-status] { display: none !important; visibility: hidden !important; opacity: 0 !important }
`

async function addHostileCss(page: Page) {
  await page.addStyleTag({ content: HOSTILE })
  // In force on the page's own elements.
  expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(255, 0, 0)")
}

function look(l: Locator) {
  return l.evaluate((e) => {
    const s = getComputedStyle(e)
    return {
      display: s.display,
      visibility: s.visibility,
      opacity: s.opacity,
      color: s.color,
      background: s.backgroundColor,
      fontSize: s.fontSize,
      letterSpacing: s.letterSpacing
    }
  })
}

describe("the page's CSS cannot reach our UI", () => {
  beforeAll(async () => {
    sandbox.shop().reset()
    await clearExtensionData(browser, ["products", "notices", "goods", "jobs"])
  })

  it("HiMall 商品管理: capture-product and the grid toolbar stay shown, styled and working under hostile rules", async () => {
    const page = await browser.context.newPage()
    await page.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
    const capture = page.locator('[data-lh="capture-product"]').first()
    await capture.waitFor()
    const captureAll = page.locator('[data-lh="capture-all"]')
    await captureAll.waitFor()
    await addHostileCss(page)
    // A button of the page's own is gone; ours are not. (Our buttons sit in flex rows: their display is blockified.)
    expect(await page.evaluate(() => getComputedStyle(document.body.appendChild(document.createElement("button"))).display)).toBe("none")
    expect(await capture.isVisible()).toBe(true)
    expect(await look(capture)).toMatchObject({
      display: "block",
      visibility: "visible",
      opacity: "1",
      color: "rgb(7, 165, 80)",
      background: "rgb(255, 255, 255)",
      fontSize: "12px",
      letterSpacing: "normal"
    })
    expect(await captureAll.isVisible()).toBe(true)
    expect(await look(captureAll)).toMatchObject({
      visibility: "visible",
      color: "rgb(255, 255, 255)",
      background: "rgb(7, 193, 96)",
      fontSize: "12px",
      letterSpacing: "normal"
    })
    const toolbar = page.locator('[data-lh-control="grid-toolbar"]')
    expect(await look(toolbar)).toMatchObject({ display: "block", visibility: "visible", background: "rgb(246, 255, 250)" })
    // Still works: the row's product is stored and the control says so, in our colours.
    await capture.click()
    await expect.poll(() => capture.getAttribute("data-lh-state"), { timeout: 15_000 }).toMatch(/saved|warning/)
    const status = page.locator('[data-lh-control="capture-product"] [data-lh-status]').first()
    expect(await status.isVisible()).toBe(true)
    expect((await look(status)).color).not.toBe("rgb(255, 0, 0)")
    await page.close()
  })

  it("WeChat 添加商品: the goods panel, fill-goods and the picker stay shown and styled under hostile rules", async () => {
    showOnlyProducts(sandbox, [130])
    await captureFromGrid(browser, sandbox, [130])
    sandbox.wechat.reset()
    const page = await openGoodsLibrary(browser)
    await openAddGoods(page)
    await addHostileCss(page)
    // The dialog's own buttons are hidden by the page's rule (it is in force on buttons).
    expect(await page.getByRole("button", { name: "关闭" }).first().isVisible()).toBe(false)
    const panel = page.locator('[data-lh-panel="goods"]')
    expect(await look(panel)).toMatchObject({
      display: "block",
      visibility: "visible",
      opacity: "1",
      color: "rgb(51, 51, 51)",
      background: "rgb(246, 252, 249)",
      fontSize: "13px"
    })
    const fill = page.locator('[data-lh="fill-goods"]')
    expect(await fill.isVisible()).toBe(true)
    expect(await look(fill)).toMatchObject({
      display: "block",
      color: "rgb(255, 255, 255)",
      background: "rgb(7, 193, 96)",
      fontSize: "13px",
      letterSpacing: "normal"
    })
    await fill.click()
    const pick = page.locator('[data-lh="pick-product"][data-lh-product-id="130"]')
    await pick.waitFor()
    expect(await pick.isVisible()).toBe(true)
    expect(await look(pick)).toMatchObject({ display: "block", color: "rgb(6, 174, 86)", background: "rgb(255, 255, 255)" })
    expect(await page.locator('[data-lh="picker-search"]').isVisible()).toBe(true)
    await page.close()
  })
})
