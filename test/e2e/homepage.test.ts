// 首页配置 end to end, with the production code (sandbox build) in real Chromium: the live
// entrance found in HiMall's DIY editor, whose saved page arrives by ajax (LModules, numeric
// link types, module 图文导航, each item's badge beside a 修改 dropdown listing every link
// type); its absence flagged; an entrance added in the editor shown as unsaved until 保存; a
// page recognised but unreadable told to the merchant; and the older 图片导航 editor.
// Written against the protocol (`data-lh`, `/__fixture/*`) and page meaning (texts, labels).
import type { Page } from "playwright-core"
import { beforeEach, describe, expect, it } from "vitest"

import type { Sandbox } from "../sandbox/server"
import { readTable, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData } from "../support/goods"
import { useExtensionSuite } from "../support/suite"

let sandbox: Sandbox
let browser: ExtensionBrowser

interface DiyItem {
  linkType: number
  link: string
  title: string
  showtitle: string
}
interface DiyModule {
  type: number
  content: { images?: DiyItem[] }
}
interface HimallState {
  homepage: { LModules?: DiyModule[]; modules?: { type: string; items?: { linkType: string }[] }[] }
}

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

beforeEach(async () => {
  // Pages first: an open editor would record its entrance again after the facts are cleared.
  for (const p of browser.context.pages()) await p.close()
  sandbox.shop().reset()
  await clearExtensionData(browser, ["facts"])
})

const shopState = () => sandbox.shop().getState() as unknown as HimallState
const origin = () => sandbox.shopOrigin

async function homepage(): Promise<Page> {
  const page = await browser.context.newPage()
  await page.goto(`${origin()}/Admin/WXSmallProgram/HomePageSetting`, { waitUntil: "domcontentloaded" })
  return page
}
const notice = (page: Page) => page.locator('[data-lh-notice="entrance"]')
const entranceFact = async () => (await readTable<{ key: string; value: unknown }>(browser, "facts")).find((f) => f.key === `entrance|${origin()}`)?.value

/** The saved DIY page with its modules changed. */
function savedWith(change: (modules: DiyModule[]) => DiyModule[]) {
  const page = shopState().homepage
  return { ...page, LModules: change(structuredClone(page.LModules!)) }
}
const isLive = (i: DiyItem) => i.linkType === 32
const withoutLiveItem = (modules: DiyModule[]) =>
  modules.map((m) => (m.content.images ? { ...m, content: { ...m.content, images: m.content.images.filter((i) => !isLive(i)) } } : m))

/** Show the 图文导航 module's items in the editor: click it in the phone preview. */
async function openNavModule(page: Page) {
  await page.getByText("积分商城", { exact: true }).first().click()
  await page.getByText("导航名称", { exact: false }).first().waitFor()
}

describe("首页配置 (HiMall's DIY editor): the live entrance", () => {
  it("finds the 图文导航 item of the saved page, loaded by ajax, and records its 导航名称", async () => {
    const saved = shopState()
      .homepage.LModules!.flatMap((m) => m.content.images ?? [])
      .find(isLive)!
    expect(saved).toMatchObject({ linkType: 32, title: "小程序直播" })
    const page = await homepage()
    await expect.poll(() => notice(page).getAttribute("data-lh-recorded")).toBe("true")
    expect(await notice(page).getAttribute("data-lh-entrance")).toBe("found")
    expect(await notice(page).innerText()).toContain(saved.showtitle)
    expect(await entranceFact()).toEqual({ found: true, name: saved.showtitle, kind: "image_nav" })

    // With the items shown, every item's 修改 dropdown lists 小程序直播: still one entrance, saved.
    await openNavModule(page)
    const items = await page.getByText("链接到", { exact: false }).count()
    expect(await page.getByText("小程序直播", { exact: true }).count()).toBeGreaterThan(items)
    await expect.poll(() => notice(page).getAttribute("data-lh-entrance-name")).toBe(saved.showtitle)
    expect(await notice(page).innerText()).not.toContain("尚未保存")
  })

  it("a saved page without the item but with a 直播间 module still has an entrance; without both it is flagged, dropdowns or not", async () => {
    sandbox.shop().setState({ homepage: savedWith(withoutLiveItem) })
    const page = await homepage()
    await expect.poll(() => entranceFact()).toEqual({ found: true, name: null, kind: "live_module" })

    sandbox.shop().setState({ homepage: savedWith((m) => withoutLiveItem(m).filter((x) => x.type !== 11)) })
    await page.reload({ waitUntil: "domcontentloaded" })
    await expect.poll(() => notice(page).getAttribute("data-lh-entrance")).toBe("absent")
    await expect.poll(() => entranceFact()).toEqual({ found: false, name: null, kind: null })
    expect(await notice(page).innerText()).toContain("没有小程序直播入口")

    // The items' 修改 dropdowns list 小程序直播, but no item links to it: still absent.
    await openNavModule(page)
    await expect.poll(() => notice(page).getAttribute("data-lh-recorded")).toBe("true")
    expect(await notice(page).getAttribute("data-lh-entrance")).toBe("absent")
  })

  it("an entrance added in the editor is found as unsaved, and as saved after 保存", async () => {
    sandbox.shop().setState({ homepage: savedWith((m) => withoutLiveItem(m).filter((x) => x.type !== 11)) })
    const page = await homepage()
    await expect.poll(() => notice(page).getAttribute("data-lh-entrance")).toBe("absent")
    await openNavModule(page)
    // The last item: its 导航名称 and, from its 修改 dropdown, 小程序直播.
    const item = page
      .locator("li")
      .filter({ has: page.getByText("链接到") })
      .filter({ has: page.getByText("导航名称") })
      .last()
    await item.getByRole("textbox").last().fill("直播入口")
    await item.getByText("修改", { exact: true }).dispatchEvent("click")
    await item.getByText("小程序直播", { exact: true }).dispatchEvent("click")
    await expect.poll(() => notice(page).getAttribute("data-lh-entrance-name")).toBe("直播入口")
    expect(await notice(page).innerText()).toContain("尚未保存")
    await expect.poll(() => entranceFact()).toEqual({ found: true, name: "直播入口", kind: "image_nav" })

    await page.getByText("保存", { exact: true }).dispatchEvent("click")
    await expect
      .poll(() =>
        shopState()
          .homepage.LModules!.flatMap((m) => m.content.images ?? [])
          .find(isLive)
      )
      .toMatchObject({ linkType: 32, link: "../livelist/livelist", showtitle: "直播入口" })
    await expect.poll(() => notice(page).innerText()).not.toContain("尚未保存")
    await expect.poll(() => notice(page).getAttribute("data-lh-recorded")).toBe("true")
  })

  it("a homepage editor whose saved page cannot be read is told to the merchant, and nothing is recorded", async () => {
    sandbox.shop().setState({ homepage: "<html>登录超时</html>" })
    const page = await homepage()
    await expect.poll(() => notice(page).getAttribute("data-lh-entrance")).toBe("unknown")
    await expect.poll(() => notice(page).innerText()).toContain("无法读取")
    expect(await entranceFact()).toBeUndefined()
  })
})

describe("首页配置 (the older 图片导航 editor): the live entrance", () => {
  beforeEach(() => sandbox.shop().setState({ homepageEditor: "imageNav" }))

  it("finds the 图片导航 item linked to 小程序直播 and records its name; flags a homepage without an entrance", async () => {
    const page = await homepage()
    await expect.poll(() => notice(page).getAttribute("data-lh-recorded")).toBe("true")
    expect(await notice(page).getAttribute("data-lh-entrance")).toBe("found")
    expect(await entranceFact()).toEqual({ found: true, name: "小程序直播", kind: "image_nav" })

    // Only the 直播间 module left: still an entrance.
    const seed = shopState().homepage.modules!
    const withoutNavItem = seed.map((m) => (m.type === "imageNav" ? { ...m, items: m.items!.filter((i) => i.linkType !== "小程序直播") } : m))
    sandbox.shop().setState({ homepage: { modules: withoutNavItem } })
    await page.reload({ waitUntil: "domcontentloaded" })
    await expect.poll(() => entranceFact()).toEqual({ found: true, name: null, kind: "live_module" })

    // Neither: flagged on the page and recorded as absent.
    sandbox.shop().setState({ homepage: { modules: withoutNavItem.filter((m) => m.type !== "liveRooms") } })
    await page.reload({ waitUntil: "domcontentloaded" })
    await expect.poll(() => notice(page).getAttribute("data-lh-entrance")).toBe("absent")
    await expect.poll(() => entranceFact()).toEqual({ found: false, name: null, kind: null })

    // The merchant adds it back in the editor: found (unsaved), under the name typed.
    const item = page
      .locator("div")
      .filter({ has: page.getByText("链接到") })
      .filter({ has: page.locator("input") })
      .last()
    await item.locator("input").fill("看直播")
    await item.getByText("修改", { exact: false }).dispatchEvent("click")
    await item.getByText("小程序直播", { exact: true }).dispatchEvent("click")
    await expect.poll(() => entranceFact()).toEqual({ found: true, name: "看直播", kind: "image_nav" })
  })
})
