// Screenshots of the HiMall sandbox pages, to compare with the manual's screenshots:
//   npx tsx test/sandbox/himall/screenshots.ts  → docs/sandbox/himall-0{1..5}-*.png
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

import sharp from "sharp"

import { startSandbox } from "../server"
import { launchChromium } from "../../support/browser"
import { pageSettled } from "../../support/wait"

const out = join(dirname(fileURLToPath(import.meta.url)), "../../../docs/sandbox")
mkdirSync(out, { recursive: true })

const sb = await startSandbox()
const browser = await launchChromium(sb.hostRules)
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const shop = sb.shopOrigin
  const shot = (name: string) => page.screenshot({ path: join(out, `himall-${name}.png`) })

  // 1. Product list, first page.
  await page.goto(`${shop}/Admin/Product/Management`)
  await page.waitForSelector("table#list tbody tr[hiMallDatagrid-row-index='14']")
  await pageSettled(page)
  await shot("01-product-list")

  // 2. 直播链接 dialog of 天使旅行箱 (found by the search form).
  await page.fill("#keyWords", "天使旅行箱")
  await page.click("#searchButton")
  await page.waitForFunction(() => document.querySelectorAll("table#list tbody tr[hiMallDatagrid-row-index]").length === 1)
  await page.click("table#list a.good-live")
  await page.waitForFunction(() => (document.querySelector(".aui_content #imgsrc") as HTMLImageElement | null)?.complete)
  await shot("02-live-link-dialog")

  // 3. Live rooms, seeded like the manual's screenshot.
  const iso = (s: string) => new Date(`${s}:00+08:00`).toISOString()
  sb.shop().setState({
    rooms: [
      { roomId: 5, name: "周三下午直播间", anchorName: "羽逸", status: 101, start: iso("2020-03-11 15:00"), end: iso("2020-03-11 18:00"), sequence: 5 },
      {
        roomId: 4,
        name: "周三下午场2",
        shopId: 2,
        anchorName: "LLLiyouwei",
        status: 106,
        start: iso("2020-03-11 15:18"),
        end: iso("2020-03-11 17:00"),
        sequence: 4
      },
      { roomId: 1, name: "云店直播", anchorName: "长生猫", status: 102, start: iso("2020-03-05 16:00"), end: iso("2020-03-05 18:00"), sequence: 1 },
      {
        roomId: 2,
        name: "官方订阅组件不会自动发消息",
        shopId: 2,
        anchorName: "谢凌霄",
        status: 103,
        start: iso("2020-03-11 09:38"),
        end: iso("2020-03-11 11:00")
      }
    ]
  })
  await page.goto(`${shop}/Admin/Live/Management`)
  await page.waitForSelector("table#list tbody tr[datagrid-row-index='3']")
  await shot("03-live-rooms")

  // 4. 封面设置 with an uploaded 750×750 cover (设置封面图 as the manual shows it on the platform page).
  sb.shop().setState({ liveAdminBanner: true })
  await page.reload()
  await page.waitForSelector("table#list tbody tr[datagrid-row-index='3']")
  await page.click("table#list tbody tr[datagrid-row-index='0'] a:text-is('设置封面图')")
  const cover = await sharp({ create: { width: 750, height: 750, channels: 3, background: "#c9a36b" } })
    .composite([
      {
        input: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="750" height="750"><rect x="250" y="120" width="250" height="560" rx="60" fill="#7a5230"/><circle cx="375" cy="110" r="70" fill="#f1d2b4"/></svg>'
        )
      }
    ])
    .jpeg()
    .toBuffer()
  const chooser = page.waitForEvent("filechooser")
  await page.click(".aui_content .upload.pic")
  await (await chooser).setFiles({ name: "cover.jpg", mimeType: "image/jpeg", buffer: cover })
  await page.waitForFunction(() => /^\/temp\//.test((document.querySelector(".aui_content .upload_pic input") as HTMLInputElement | null)?.value ?? ""))
  await shot("04-cover-dialog")

  // 5. Homepage editor (HiMall's DIY editor), its 图文导航 module selected.
  await page.goto(`${shop}/Admin/WXSmallProgram/HomePageSetting`)
  await page.waitForSelector("#diy-contain .diy-conitem")
  await page.click("#diy-contain .diy-conitem:has-text('看直播')")
  await page.waitForSelector(".ctrl-item-list-li")
  await pageSettled(page)
  await shot("05-homepage")
  console.log(`screenshots written to ${out}`)
} finally {
  await browser.close()
  await sb.close()
}
