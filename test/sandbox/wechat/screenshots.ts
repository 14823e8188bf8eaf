// Screenshots of the WeChat sandbox pages, to hold next to ../../../shared/reference/manual/.
// Run: npx tsx test/sandbox/wechat/screenshots.ts [01 08 …]  → docs/sandbox/wechat-*.png
// (with numbers, only those screenshots are written; the steps before them still run).
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

import { pageSettled } from "../../support/wait"
import { MP, Q, openHarness, pngFile } from "./harness"

const out = join(dirname(fileURLToPath(import.meta.url)), "../../../docs/sandbox")
mkdirSync(out, { recursive: true })

/** Which screenshots to write: all, or those whose number is given on the command line. */
const only = process.argv.slice(2)

const h = await openHarness()
try {
  const page = await h.newPage()
  const shot = async (name: string, fullPage = false) => {
    if (only.length && !only.some((n) => name.startsWith(n))) return
    await pageSettled(page)
    await page.screenshot({ path: join(out, `wechat-${name}.png`), fullPage })
    console.log(`wrote docs/sandbox/wechat-${name}.png`)
  }

  // 01: the MP side menu with 直播 under 功能, next to the 开通 intro (live not opened yet).
  h.sb.wechat.setState({ liveOpened: false })
  await page.goto(`${MP}/wxamp/frame/live${Q}`)
  await page.getByRole("button", { name: "开通" }).waitFor()
  await shot("01-menu")

  // 02: the terms.
  await page.getByRole("button", { name: "开通" }).click()
  await page.getByText("我已阅读并同意遵守以上条款").waitFor()
  await shot("02-terms")
  h.sb.wechat.reset()

  // 03: 商品库 with goods in each 未入库 state (未审核, 审核中, 审核未通过).
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)
  const cover = await pngFile("cover.png", 200, 200)
  const dataUrl = `data:image/png;base64,${cover.buffer.toString("base64")}`
  const goods = [
    { name: "春季纯棉T恤", priceType: 1, price: "68.00", price2: "", submit: false },
    { name: "复古真皮手提包", priceType: 2, price: "399.00", price2: "488.00", submit: true },
    { name: "无线蓝牙降噪耳机", priceType: 3, price: "299", price2: "199", submit: true }
  ]
  for (const [i, g] of goods.entries()) {
    const image = { name: "cover.png", type: "image/png", bytes: cover.buffer.length, width: 200, height: 200, dataUrl }
    await h.call(page, "/wxamp/cgi/live/goods/add", { ...g, cover: image, url: `pages/productdetail/productdetail?id=${19 + i}` })
  }
  await h.call(page, "/__fixture/review", { goodsId: 3, result: "reject", reason: "商品图片与名称不符" })
  await page.reload()
  await page.getByText("春季纯棉T恤").waitFor()
  await shot("03-goods-library")
  h.sb.wechat.reset()

  // 04: the 添加商品 dialog, empty as in the manual.
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)
  await page.getByRole("button", { name: "添加商品" }).click()
  await page.locator(".weui-desktop-dialog__title", { hasText: "添加商品" }).waitFor()
  await shot("04-add-goods-dialog")

  // 05: the room list (seeded rooms).
  await page.goto(`${MP}/wxamp/frame/live/broadcast/index${Q}`)
  await page.getByText("房间号：1").waitFor()
  await shot("05-rooms")

  // 06: the 创建直播间 form, partly filled (whole page, down to its 创建直播间 button).
  await page.getByRole("button", { name: "创建直播间" }).click()
  await page.getByText("分享卡片展示样式").waitFor()
  const inputs = page.locator(".room-form input[type=text]")
  await inputs.nth(0).fill("店庆特惠专场直播")
  await page
    .locator(".room-form input[type=file]")
    .nth(0)
    .setInputFiles(await pngFile("share.png", 800, 640, "#4e8cee"))
  await page.getByText("重新上传").waitFor()
  await shot("06-create-room", true)

  // 07: the push-code dialog of a room.
  await page.goto(`${MP}/wxamp/frame/live/broadcast/index${Q}`)
  await page.getByText("推流").first().click()
  await page.getByText("小程序推流入口").waitFor()
  await shot("07-push-code")

  // 08: the 添加商品 dialog in the alt markup (state markup: "alt"), filled through the UI, over
  // a library with goods in it.
  h.sb.wechat.reset()
  h.sb.wechat.setState({ markup: "alt" })
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)
  for (const [i, g] of goods.slice(0, 2).entries()) {
    const image = { name: "cover.png", type: "image/png", bytes: cover.buffer.length, width: 200, height: 200, dataUrl }
    await h.call(page, "/wxamp/cgi/live/goods/add", { ...g, cover: image, url: `pages/productdetail/productdetail?id=${19 + i}` })
  }
  await page.reload()
  await page.getByText("春季纯棉T恤").waitFor()
  await page.getByRole("button", { name: "添加商品" }).click()
  const dialog = page.getByRole("dialog", { name: "添加商品" })
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), dialog.getByRole("button", { name: "上传图片" }).click()])
  await chooser.setFiles(await pngFile("bag.png", 200, 200, "#8a5a3c"))
  await dialog.getByText("删除", { exact: true }).waitFor()
  await page.getByLabel("商品名称").fill("复古真皮手提包")
  await dialog.getByText("价格区间", { exact: true }).click()
  await dialog.getByPlaceholder("最低价").fill("399.00")
  await dialog.getByPlaceholder("最高价").fill("488.00")
  await page.getByLabel("商品链接").fill("pages/productdetail/productdetail?id=21")
  await shot("08-goods-alt")
  h.sb.wechat.reset()
} finally {
  await h.close()
}
