// `npm run store:assets [-- --no-build]`: every picture of the store listings, made, not drawn:
//   store/icons/icon-{16,32,48,128}.png   from assets/icon.svg (128: 96×96 art in 16 px of
//                                         transparent margin, as the Chrome Web Store asks)
//   store/<locale>/screenshot-{1..5}.png  1280×800, the extension at work on the sandbox with
//                                         real data (Chinese first, then English): HiMall's
//                                         grid, 添加商品 filled, the popup's goods and rooms,
//                                         创建直播间 filled from a plan made in options
//   store/<locale>/promo-440x280.png      the small promo tile, an HTML page of ours rendered
//                                         by Chromium
// Relies only on the sandbox protocol (data-lh controls, __fixture) and test/support.
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import sharp from "sharp"

import { startSandbox, type Sandbox } from "../../test/sandbox/server"
import { launchWithExtension, readTable, ROOT, waitForShopScript, type ExtensionBrowser } from "../../test/support/browser"
import { openAddGoods, openGoodsLibrary, pickProduct, waitForCover, waitForReport } from "../../test/support/goods"
import { collectGoods, collectWechatRooms, PICTURED_PRODUCTS } from "../../test/support/real-data"
import { pageSettled as settle } from "../../test/support/wait"
import type { Listing } from "./rules"

const STORE = join(ROOT, "store")
const ICON_SVG = readFileSync(join(ROOT, "assets/icon.svg"))
const HOUR = 3600_000
const IDS = PICTURED_PRODUCTS
const FILL_SHOWN = 118

type Locale = "zh_CN" | "en"

/** Captions of the composed screenshots, in the listing's language. */
const CAPTIONS: Record<Locale, { goods: [string, string]; rooms: [string, string]; promo: string }> = {
  zh_CN: {
    goods: ["每个商品的状态一目了然", "审核中、未通过（附驳回原因）、已入库，以及 HiMall 中已变动的价格。"],
    rooms: ["直播间准备进度", "开播时间、主播和需要您处理的提醒，都在工具栏图标里。"],
    promo: "HiMall 商品一键送进小程序直播"
  },
  en: {
    goods: ["Every product's state at a glance", "In review, rejected (with WeChat's reason) or approved, and prices changed in HiMall since."],
    rooms: ["Your live rooms, ready or not", "Start times, anchors and what needs you, right from the toolbar."],
    promo: "HiMall products into WeChat Live in one click"
  }
}

async function icons() {
  mkdirSync(join(STORE, "icons"), { recursive: true })
  for (const size of [16, 32, 48])
    await sharp(ICON_SVG, { density: 384 })
      .resize(size, size)
      .png()
      .toFile(join(STORE, `icons/icon-${size}.png`))
  const art = await sharp(ICON_SVG, { density: 384 }).resize(96, 96).png().toBuffer()
  await sharp({ create: { width: 128, height: 128, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: art, left: 16, top: 16 }])
    .png()
    .toFile(join(STORE, "icons/icon-128.png"))
}

/** Real data through the extension's own features: captured, filled, submitted, reviewed; rooms read. */
async function collect(b: ExtensionBrowser, sandbox: Sandbox) {
  await collectGoods(b, sandbox, IDS)
  const now = Date.now()
  await (await collectWechatRooms(b, sandbox, now)).close()

  // A room plan through the options page's own form, its pictures from the shop's products.
  const options = await b.context.newPage()
  await options.goto(b.url("options.html"))
  await options.locator('[data-lh="plan-add"]').click()
  const editor = options.locator('[data-lh="plan-editor"]')
  const start = new Date(now + 3 * 24 * HOUR)
  start.setMinutes(0, 0, 0)
  await editor.getByLabel("直播标题").fill("店庆特惠专场直播")
  await editor.getByLabel("开始时间").fill(localTime(start.getTime()))
  await editor.getByLabel("结束时间").fill(localTime(start.getTime() + 2 * HOUR))
  await editor.getByLabel("主播昵称").fill("小美")
  await editor.getByLabel("主播微信账号").fill("himall_anchor")
  // Fetched by the options page (the sandbox build holds the shop's grant), as the browser resolves the shop.
  const picture = async (id: number) => {
    const bytes = await options.evaluate(async (url) => {
      const res = await fetch(url)
      if (!res.ok) throw new Error(`${url} answered ${res.status}`)
      return Array.from(new Uint8Array(await res.arrayBuffer()))
    }, `${sandbox.shopOrigin}/Storage/Shop/1/Products/${id}/1.png`)
    return { name: `${id}.png`, mimeType: "image/png", buffer: Buffer.from(bytes) }
  }
  await editor.locator('[data-lh="plan-share-image"]').setInputFiles(await picture(110))
  await editor.locator('[data-lh="plan-room-cover"]').setInputFiles(await picture(19))
  await editor.locator('[data-lh="plan-problems"][data-lh-ok]').waitFor()
  await options.locator('[data-lh="plan-save"]').click()
  await options.locator('[data-lh="plan-message"]', { hasText: "已保存" }).waitFor()
  await options.close()
}

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input takes it. */
function localTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** A popup screenshot set in a 1280×800 frame of ours with a caption. */
async function framed(b: ExtensionBrowser, locale: Locale, popupPng: Buffer, [title, text]: [string, string], path: string) {
  const { name } = JSON.parse(readFileSync(join(STORE, `listing/${locale}.json`), "utf8")) as Listing
  const page = await b.context.newPage()
  await page.setViewportSize({ width: 1280, height: 800 })
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  await page.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0;width:1280px;height:800px;display:flex;align-items:center;gap:72px;padding:0 96px;box-sizing:border-box;background:linear-gradient(135deg,#e9f9f0,#f7f7f7);font-family:system-ui,'Noto Sans CJK SC',sans-serif">
<div style="flex:1"><div style="display:flex;align-items:center;gap:14px;margin-bottom:28px">${ICON_SVG.toString().replace("<svg ", '<svg style="width:44px;height:44px" ')}<span style="font-size:22px;color:#333">${esc(name)}</span></div>
<h1 style="font-size:44px;line-height:1.25;margin:0 0 20px;color:#111">${esc(title)}</h1><p style="font-size:24px;line-height:1.6;color:#555;margin:0">${esc(text)}</p></div>
<img src="data:image/png;base64,${popupPng.toString("base64")}" style="max-height:700px;border-radius:10px;box-shadow:0 12px 40px rgba(0,0,0,.18);background:#fff"></body>`)
  await settle(page)
  await page.screenshot({ path })
  await page.close()
}

async function popupShot(b: ExtensionBrowser, tab: number): Promise<Buffer> {
  const popup = await b.context.newPage()
  await popup.setViewportSize({ width: 400, height: 600 })
  await popup.goto(b.url("popup.html"))
  if (tab > 0) await popup.getByRole("tab").nth(tab).click()
  await popup
    .locator(`[data-lh-popup="${tab > 0 ? "rooms-list" : "goods-list"}"] [role="listitem"]`)
    .first()
    .waitFor()
  // Scrolled to the tabs, as the merchant does to see the list under the checklist.
  await popup.getByRole("tablist").evaluate((e) => e.scrollIntoView({ block: "start" }))
  await settle(popup)
  const png = await popup.screenshot()
  await popup.close()
  return png
}

async function shoot(b: ExtensionBrowser, sandbox: Sandbox, locale: Locale) {
  const dir = join(STORE, locale)
  mkdirSync(dir, { recursive: true })
  // 1. HiMall 商品管理 with the extension's controls on every row and above the grid.
  const grid = await b.context.newPage()
  await grid.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  await grid.locator(`[data-lh="capture-product"][data-lh-product-id="${IDS[0]}"]`).first().waitFor()
  await grid.locator('[data-lh="capture-page"]').first().waitFor()
  await settle(grid)
  await grid.screenshot({ path: join(dir, "screenshot-1.png") })
  await grid.close()
  // 2. WeChat 添加商品 filled from a stored product, with the report of what was filled.
  const goods = await openGoodsLibrary(b)
  await openAddGoods(goods)
  await pickProduct(goods, FILL_SHOWN)
  if ((await waitForReport(goods, FILL_SHOWN)) !== "ok") throw new Error(`store:assets: filling ${FILL_SHOWN} failed`)
  await waitForCover(goods)
  await settle(goods)
  await goods.screenshot({ path: join(dir, "screenshot-2.png") })
  await goods.close()
  // 3, 4. The popup: products and their states; rooms.
  await framed(b, locale, await popupShot(b, 0), CAPTIONS[locale].goods, join(dir, "screenshot-3.png"))
  await framed(b, locale, await popupShot(b, 1), CAPTIONS[locale].rooms, join(dir, "screenshot-4.png"))
  // 5. WeChat 创建直播间 filled from the room plan, with the report of what was filled.
  const [plan] = await readTable<{ id: number }>(b, "plans")
  if (!plan) throw new Error("store:assets: no room plan")
  const create = await b.context.newPage()
  await create.goto("https://live.weixin.qq.com/livemp/broadcast/create?token=1&lang=zh_CN", { waitUntil: "domcontentloaded" })
  await create.locator('[data-lh="fill-room"]').waitFor()
  if (!(await create.locator("[data-lh-plan-picker]").isVisible())) await create.locator('[data-lh="fill-room"]').click()
  await create.locator(`[data-lh="pick-plan"][data-lh-plan-id="${plan.id}"]`).click()
  const report = create.locator(`[data-lh="room-report"][data-lh-plan-id="${plan.id}"][data-lh-outcome]`)
  await report.waitFor({ timeout: 30_000 })
  if ((await report.getAttribute("data-lh-outcome")) !== "ok") throw new Error("store:assets: filling the room plan failed")
  await create.waitForFunction(() => !!(window as unknown as { __fixture: { roomForm(): { roomCover?: unknown } | null } }).__fixture.roomForm()?.roomCover)
  await settle(create)
  await create.screenshot({ path: join(dir, "screenshot-5.png") })
  await create.close()
  await promo(b, locale)
}

async function promo(b: ExtensionBrowser, locale: Locale) {
  const listing = JSON.parse(readFileSync(join(STORE, `listing/${locale}.json`), "utf8")) as Listing
  const page = await b.context.newPage()
  await page.setViewportSize({ width: 440, height: 280 })
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  await page.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0;width:440px;height:280px;box-sizing:border-box;padding:36px;background:#07c160;color:#fff;font-family:system-ui,'Noto Sans CJK SC',sans-serif;display:flex;flex-direction:column;justify-content:center;gap:18px">
<div style="display:flex;align-items:center;gap:16px">${ICON_SVG.toString().replace("<svg ", '<svg style="width:72px;height:72px;border-radius:16px;box-shadow:0 0 0 3px rgba(255,255,255,.6)" ')}<div style="font-size:30px;font-weight:700;line-height:1.2">${esc(listing.name)}</div></div>
<div style="font-size:20px;line-height:1.45;opacity:.95">${esc(CAPTIONS[locale].promo)}</div></body>`)
  await settle(page)
  await page.screenshot({ path: join(STORE, locale, "promo-440x280.png") })
  await page.close()
}

// Without a CJK font Chromium draws every Chinese character as a box.
const cjk = (() => {
  try {
    return execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" }).trim()
  } catch {
    return ""
  }
})()
if (!cjk) throw new Error("store:assets: no Chinese font; install one (apt-get install fonts-noto-cjk, as npm run setup does)")
if (!process.argv.includes("--no-build"))
  execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "--sandbox"], { stdio: ["ignore", "ignore", "inherit"] })
await icons()
const sandbox = await startSandbox({ quiet: true })
const profile = mkdtempSync(join(tmpdir(), "lh-store-"))
try {
  const zh = await launchWithExtension(sandbox, { userDataDir: profile, lang: "zh-CN" })
  try {
    await waitForShopScript(zh)
    await collect(zh, sandbox)
    await shoot(zh, sandbox, "zh_CN")
  } finally {
    await zh.close({ keepProfile: true })
  }
  const en = await launchWithExtension(sandbox, { userDataDir: profile, lang: "en" })
  try {
    await waitForShopScript(en)
    await shoot(en, sandbox, "en")
  } finally {
    await en.close({ keepProfile: true })
  }
  writeFileSync(join(STORE, "README.md"), readme())
  console.log("store:assets: wrote store/icons, store/zh_CN and store/en")
} finally {
  await sandbox.close()
  rmSync(profile, { recursive: true, force: true })
}

function readme(): string {
  return `# Store listing

Made by \`npm run store:assets\` (pictures) and kept by hand (\`listing/*.json\`: texts);
checked by \`npm run store:check\`. Upload the zip from \`npm run build\`
(\`build/chrome-mv3-prod.zip\` to the Chrome Web Store, \`build/edge-mv3-prod.zip\` to Edge Add-ons).

| file | what |
| --- | --- |
| \`listing/zh_CN.json\`, \`listing/en.json\` | name, summary (= the manifest's description), detailed description, single purpose, category, a justification per permission and host, the privacy policy (\`docs/privacy.md\`) |
| \`icons/icon-{16,32,48,128}.png\` | the icon at the stores' sizes (128: 96 px art, 16 px margin) |
| \`<locale>/screenshot-{1..5}.png\` | 1280×800: HiMall 商品管理 with the helper's controls; WeChat 添加商品 filled; the popup's products; the popup's rooms; the options page |
| \`<locale>/promo-440x280.png\` | the small promo tile |
`
}
