// `tsx scripts/screens.ts [--no-build]`: screenshots of the popup and the options page, in
// Chinese and in English, with real data: products captured on the sandbox's HiMall grid, two
// of them filled into WeChat's 添加商品 and submitted (WeChat's review approves one and rejects
// the other), rooms read on WeChat's 直播间管理 and on HiMall's 小程序直播 after 获取小程序数据,
// the homepage's entrance and the live permission seen on their pages. Writes docs/screens/.
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { startSandbox, type Sandbox } from "../test/sandbox/server"
import { launchWithExtension, readTable, ROOT, waitForShopScript, type ExtensionBrowser } from "../test/support/browser"
import { collectGoods, collectWechatRooms } from "../test/support/real-data"
import { pageSettled, waitFor } from "../test/support/wait"

const OUT = join(ROOT, "docs/screens")
const Q = "?token=1&lang=zh_CN"

/** Real data, through the extension's own features on the sandbox's pages. */
async function collect(b: ExtensionBrowser, sandbox: Sandbox) {
  await collectGoods(b, sandbox)
  await collectWechatRooms(b, sandbox)
  const mp = await b.context.newPage()
  await mp.goto(`https://mp.weixin.qq.com/wxamp/index/index${Q}`, { waitUntil: "domcontentloaded" })
  await waitFor(
    () => readTable<{ key: string }>(b, "facts"),
    (f) => f.some((x) => x.key === "qualification"),
    { message: "qualification seen" }
  )

  // HiMall: 获取小程序数据 brings the rooms in; one gets a cover.
  const live = await b.context.newPage()
  await live.goto(`${sandbox.shopOrigin}/Admin/Live/Management`, { waitUntil: "domcontentloaded" })
  await live.getByText("获取小程序数据", { exact: true }).click()
  await waitFor(
    () => (sandbox.shop().getState() as { rooms: unknown[] }).rooms.length,
    (n) => n >= 4,
    { message: "HiMall synced" }
  )
  const shopRooms = (sandbox.shop().getState() as { rooms: { roomId: number; coverImg: string }[] }).rooms
  sandbox.shop().setState({ rooms: shopRooms.map((r) => (r.roomId === 4 ? { ...r, coverImg: "/Storage/Shop/1/Products/110/1.png" } : r)) })
  await live.reload({ waitUntil: "domcontentloaded" })
  await waitFor(
    () => readTable(b, "shopRooms"),
    (r) => r.length >= 4,
    { message: "HiMall rooms read" }
  )
  const home = await b.context.newPage()
  await home.goto(`${sandbox.shopOrigin}/Admin/WXSmallProgram/HomePageSetting`, { waitUntil: "domcontentloaded" })
  await waitFor(
    () => readTable<{ key: string }>(b, "facts"),
    (f) => f.some((x) => x.key.startsWith("entrance|")),
    { message: "entrance seen" }
  )
  for (const p of b.context.pages()) await p.close()
}

async function shoot(b: ExtensionBrowser, lang: "zh" | "en") {
  const popup = await b.context.newPage()
  await popup.setViewportSize({ width: 400, height: 600 })
  await popup.goto(b.url("popup.html"))
  await popup.locator('[data-lh-popup="goods-list"] [role="listitem"]').first().waitFor()
  // Thumbnails (the covers the background made, HiMall's pictures) before the picture is taken.
  await pageSettled(popup)
  await popup.screenshot({ path: join(OUT, `popup-${lang}.png`), fullPage: true })
  await popup.getByRole("tab").nth(1).click()
  await popup.locator('[data-lh-popup="rooms-list"] [role="listitem"]').first().waitFor()
  await pageSettled(popup)
  await popup.screenshot({ path: join(OUT, `popup-rooms-${lang}.png`), fullPage: true })
  const options = await b.context.newPage()
  await options.setViewportSize({ width: 900, height: 900 })
  await options.goto(b.url("options.html"))
  await options.locator('[data-lh-section="backup"]').waitFor()
  await options.screenshot({ path: join(OUT, `options-${lang}.png`), fullPage: true })
  await popup.close()
  await options.close()
}

if (!process.argv.includes("--no-build"))
  execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "--sandbox"], { stdio: ["ignore", "ignore", "inherit"] })
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
