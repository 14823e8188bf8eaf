// `tsx scripts/screens.ts [--no-build]`: screenshots of the popup and the options page, in
// Chinese and in English, with real data: products captured on the sandbox's HiMall grid, two
// of them filled into WeChat's 添加商品 and submitted (WeChat's review approves one and rejects
// the other), rooms read on WeChat's 直播间管理 and on HiMall's 小程序直播 after 获取小程序数据,
// the homepage's entrance and the live permission seen on their pages. Writes docs/screens/.
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import type { Page } from "playwright-core"

import { startSandbox, type Sandbox } from "../test/sandbox/server"
import { launchWithExtension, readTable, ROOT, waitForShopScript, type ExtensionBrowser } from "../test/support/browser"
import { captureFromGrid, openAddGoods, openGoodsLibrary, pickProduct, showOnlyProducts, waitForCover, waitForReport, wechatState } from "../test/support/goods"

const OUT = join(ROOT, "docs/screens")
const HOUR = 3600_000
const Q = "?token=1&lang=zh_CN"

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; ; ) {
    const v = await read()
    if (ok(v)) return v
    if (Date.now() > end) throw new Error(`screens: ${what} never happened`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function fillAndSubmit(page: Page, id: number) {
  await openAddGoods(page)
  await pickProduct(page, id)
  if ((await waitForReport(page, id)) !== "ok") throw new Error(`screens: filling ${id} failed`)
  await waitForCover(page)
  await page.getByRole("button", { name: "保存并提审", exact: true }).click()
  await page.waitForFunction(() => !(window as unknown as { __fixture: { goodsForm(): unknown } }).__fixture.goodsForm())
}

async function post(page: Page, path: string, body: unknown) {
  const status = await page.evaluate(
    async ({ path, body }) => (await fetch(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } })).status,
    { path, body }
  )
  if (status !== 200) throw new Error(`screens: ${path} answered ${status}`)
}

/** Real data, through the extension's own features on the sandbox's pages. */
async function collect(b: ExtensionBrowser, sandbox: Sandbox) {
  const ids = [130, 19, 127, 118, 110, 105, 100, 96]
  showOnlyProducts(sandbox, ids)
  await captureFromGrid(b, sandbox, ids)

  // 商品库: two filled and submitted through 添加商品, then reviewed by "WeChat".
  const goods = await openGoodsLibrary(b)
  await fillAndSubmit(goods, 19)
  await fillAndSubmit(goods, 130)
  const byUrl = Object.fromEntries((await wechatState(goods)).goods.map((g) => [g.url, g]))
  await post(goods, "/__fixture/review", { goodsId: byUrl["pages/productdetail/productdetail?id=19"].goodsId, result: "approve" })
  await post(goods, "/__fixture/review", { goodsId: byUrl["pages/productdetail/productdetail?id=130"].goodsId, result: "reject", reason: "商品图片与名称不符" })
  // The list refreshes by itself: the rejection shows on 未入库; the approved one on 已入库, where the merchant looks.
  await until("rejection read", () => readTable<{ status: string }>(b, "wechatGoods"), (g) => g.some((x) => x.status === "rejected"))
  await goods.getByText("已入库", { exact: true }).first().click()
  await until("approval read", () => readTable<{ status: string }>(b, "wechatGoods"), (g) => g.map((x) => x.status).sort().join() === "approved,rejected")
  await goods.close()

  // WeChat's rooms: the seed's two and two more, one live now.
  const iso = (ms: number) => new Date(ms).toISOString()
  const now = Date.now()
  const room = (roomId: number, name: string, start: number, liveStatus: number, anchorName = "小羽") => ({
    roomId, name, anchorName, anchorWechat: "xiaoyu_01", start: iso(start), end: iso(start + 2 * HOUR), liveStatus, allowComment: true, coverImg: "", shareImg: "", roomCover: null, shareCover: null
  })
  const rooms = (sandbox.wechat.getState() as { rooms: unknown[] }).rooms
  sandbox.wechat.setState({ rooms: [...rooms, room(3, "周五上新直播", now + 26 * HOUR, 102, "长生猫"), room(4, "春季新品直播", now - HOUR, 101)] })
  const wechatRooms = await b.context.newPage()
  await wechatRooms.goto(`https://live.weixin.qq.com/livemp/broadcast/index${Q}`, { waitUntil: "domcontentloaded" })
  await until("WeChat rooms read", () => readTable(b, "wechatRooms"), (r) => r.length >= 4)
  const mp = await b.context.newPage()
  await mp.goto(`https://mp.weixin.qq.com/wxamp/index/index${Q}`, { waitUntil: "domcontentloaded" })
  await until("qualification seen", () => readTable<{ key: string }>(b, "facts"), (f) => f.some((x) => x.key === "qualification"))

  // HiMall: 获取小程序数据 brings the rooms in; one gets a cover.
  const live = await b.context.newPage()
  await live.goto(`${sandbox.shopOrigin}/Admin/Live/Management`, { waitUntil: "domcontentloaded" })
  await live.getByText("获取小程序数据", { exact: true }).click()
  await until("HiMall synced", async () => (sandbox.shop().getState() as { rooms: unknown[] }).rooms.length, (n) => n >= 4)
  const shopRooms = (sandbox.shop().getState() as { rooms: { roomId: number; coverImg: string }[] }).rooms
  sandbox.shop().setState({ rooms: shopRooms.map((r) => (r.roomId === 4 ? { ...r, coverImg: "/Storage/Shop/1/Products/110/1.png" } : r)) })
  await live.reload({ waitUntil: "domcontentloaded" })
  await until("HiMall rooms read", () => readTable(b, "shopRooms"), (r) => r.length >= 4)
  const home = await b.context.newPage()
  await home.goto(`${sandbox.shopOrigin}/Admin/WXSmallProgram/HomePageSetting`, { waitUntil: "domcontentloaded" })
  await until("entrance seen", () => readTable<{ key: string }>(b, "facts"), (f) => f.some((x) => x.key.startsWith("entrance|")))
  for (const p of b.context.pages()) await p.close()
}

async function shoot(b: ExtensionBrowser, lang: "zh" | "en") {
  const popup = await b.context.newPage()
  await popup.setViewportSize({ width: 400, height: 600 })
  await popup.goto(b.url("popup.html"))
  await popup.locator('[data-lh-popup="goods-list"] [role="listitem"]').first().waitFor()
  // Thumbnails (the covers the background made, HiMall's pictures) before the picture is taken.
  await popup.waitForFunction(() => [...document.images].every((i) => i.complete))
  await popup.screenshot({ path: join(OUT, `popup-${lang}.png`), fullPage: true })
  await popup.getByRole("tab").nth(1).click()
  await popup.locator('[data-lh-popup="rooms-list"] [role="listitem"]').first().waitFor()
  await popup.waitForFunction(() => [...document.images].every((i) => i.complete))
  await popup.screenshot({ path: join(OUT, `popup-rooms-${lang}.png`), fullPage: true })
  const options = await b.context.newPage()
  await options.setViewportSize({ width: 900, height: 900 })
  await options.goto(b.url("options.html"))
  await options.locator('[data-lh-section="backup"]').waitFor()
  await options.screenshot({ path: join(OUT, `options-${lang}.png`), fullPage: true })
  await popup.close()
  await options.close()
}

if (!process.argv.includes("--no-build")) execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "--sandbox"], { stdio: ["ignore", "ignore", "inherit"] })
mkdirSync(OUT, { recursive: true })
const sandbox = await startSandbox({ quiet: true })
const profile = mkdtempSync(join(tmpdir(), "lh-screens-"))
try {
  const zh = await launchWithExtension(sandbox, { userDataDir: profile, lang: "zh-CN" })
  try {
    await waitForShopScript(zh)
    await collect(zh, sandbox)
    await shoot(zh, "zh")
  } finally {
    await zh.close({ keepProfile: true })
  }
  // The same profile, the browser in English.
  const en = await launchWithExtension(sandbox, { userDataDir: profile, lang: "en" })
  try {
    await shoot(en, "en")
  } finally {
    await en.close({ keepProfile: true })
  }
  console.log(`wrote ${OUT}/popup-{zh,en}.png, popup-rooms-{zh,en}.png, options-{zh,en}.png`)
} finally {
  await sandbox.close()
  rmSync(profile, { recursive: true, force: true })
}
