// Steps shared by the goods e2e tests: products captured through the real HiMall page,
// WeChat's 商品库 opened, 添加商品 filled through the extension's controls, and the
// sandbox's window.__fixture read back.
import type { Page } from "playwright-core"

import type { Sandbox } from "../sandbox/server"
import type { ExtensionBrowser } from "./browser"

export interface GoodsForm {
  cover: { name: string; type: string; bytes: number; width: number; height: number } | null
  name: string
  priceType: 1 | 2 | 3
  price: string
  price2: string
  url: string
}

/** The sandbox's markups of the WeChat console (test/sandbox/wechat/README.md): every WeChat flow runs on each. */
export const WECHAT_MARKUPS = ["weui", "alt", "third"] as const

/** Close the open 添加商品 dialog the way a merchant would, whatever the markup: its close control. */
export async function closeGoodsDialog(page: Page) {
  const named = page.getByRole("button", { name: /^(关闭|Close)$/ })
  if (await named.count()) await named.first().click()
  else await page.locator('[role=dialog] [class*="close"]').first().click()
  await page.waitForFunction(() => !(window as any).__fixture.goodsForm())
}

/** Show one shelf of 商品库 (未入库 / 已入库): its tab, segment or radio, by its text. */
export async function showShelf(page: Page, text: "未入库" | "已入库") {
  // The page's own control (not a note of the extension's that names the shelf), shown.
  await page.locator(`:not([data-lh-panel]) > :text-is("${text}")`).locator("visible=true").first().click()
}

export const LIVE_GOODS = "https://live.weixin.qq.com/livemp/goods/index?token=1&lang=zh_CN"

/** Every table a merchant's work fills (not the shops the extension is enabled on): cleared, the extension is as on a first day. */
export const MERCHANT_TABLES = [
  "products",
  "notices",
  "wechatGoods",
  "covers",
  "jobs",
  "settings",
  "facts",
  "wechatRooms",
  "shopRooms",
  "syncs",
  "plans",
  "roomCovers",
  "overview"
]

/** Empty the extension's tables (a fresh merchant), from its service worker. */
export async function clearExtensionData(b: ExtensionBrowser, tables = ["products", "notices", "wechatGoods", "covers", "jobs", "settings"]) {
  const sw = await b.worker()
  await sw.evaluate(
    (names) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("himall-live-helper")
        open.onsuccess = () => {
          const idb = open.result
          const present = names.filter((n) => idb.objectStoreNames.contains(n))
          if (!present.length) return resolve(idb.close())
          const tx = idb.transaction(present, "readwrite")
          present.forEach((n) => tx.objectStore(n).clear())
          tx.oncomplete = () => {
            idb.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
        open.onerror = () => reject(open.error)
      }),
    tables
  )
}

/** Show only these seed products in the shop (all on the grid's first page), in this order. */
export function showOnlyProducts(sandbox: Sandbox, ids: number[]) {
  const shop = sandbox.shop()
  shop.reset()
  const all = (shop.getState() as { products: { id: number }[] }).products
  shop.setState({ products: ids.map((id) => all.find((p) => p.id === id)).filter(Boolean) })
}

/** Capture products through the HiMall grid's capture-product controls. */
export async function captureFromGrid(b: ExtensionBrowser, sandbox: Sandbox, ids: number[]) {
  const page = await b.context.newPage()
  await page.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  for (const id of ids) {
    const button = page.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"]`).first()
    await button.click()
    await page.waitForFunction((pid) => {
      const s = document.querySelector(`[data-lh="capture-product"][data-lh-product-id="${pid}"]`)?.getAttribute("data-lh-state")
      return s && s !== "busy" && s !== "idle"
    }, String(id))
  }
  await page.close()
}

export async function openGoodsLibrary(b: ExtensionBrowser, url = LIVE_GOODS): Promise<Page> {
  const page = await b.context.newPage()
  await page.goto(url, { waitUntil: "domcontentloaded" })
  await page.getByRole("button", { name: "添加商品", exact: true }).first().waitFor()
  return page
}

export async function openAddGoods(page: Page) {
  await page.getByRole("button", { name: "添加商品", exact: true }).first().click()
  await page.locator('[data-lh="fill-goods"]').waitFor()
}

export function goodsForm(page: Page): Promise<GoodsForm | null> {
  return page.evaluate(() => (window as unknown as { __fixture: { goodsForm(): GoodsForm | null } }).__fixture.goodsForm())
}

/** Open the picker and press pick-product for one product id. */
export async function pickProduct(page: Page, id: number) {
  const picker = page.locator("[data-lh-picker]")
  if (!(await picker.isVisible())) await page.locator('[data-lh="fill-goods"]').click()
  const pick = page.locator(`[data-lh="pick-product"][data-lh-product-id="${id}"]`)
  await pick.waitFor()
  await pick.click()
}

/** Wait for the fill report of a product; returns its outcome. */
export async function waitForReport(page: Page, id: number): Promise<string> {
  const report = page.locator(`[data-lh="fill-report"][data-lh-product-id="${id}"][data-lh-outcome]`)
  await report.waitFor({ timeout: 30_000 })
  return (await report.getAttribute("data-lh-outcome"))!
}

/** Wait until the dialog's model holds the cover (uploads decode asynchronously). */
export async function waitForCover(page: Page) {
  await page.waitForFunction(() => !!(window as unknown as { __fixture: { goodsForm(): GoodsForm | null } }).__fixture.goodsForm()?.cover, null, {
    timeout: 10_000
  })
}

export async function wechatState(
  page: Page
): Promise<{ goods: { goodsId: number; name: string; url: string; status: string; priceType: number; price: string; price2: string }[] }> {
  return page.evaluate(async () => (await fetch("/__fixture/state")).json())
}
