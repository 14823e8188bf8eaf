// Self-check of the WeChat sandbox against the sandbox protocol: window.__fixture everywhere,
// controlled inputs, the forms' validation, saving, review, the admin check and rooms; then the
// same goods flows in the "alt" markup of 商品库 and 添加商品 (state markup: "alt"), the "third"
// markup, and goods in rooms with the 已入库 edit on each markup (issue 11).
// Run: npx tsx test/sandbox/wechat/selfcheck.ts  (exit code 1 when a check fails)
import { deepStrictEqual } from "node:assert"
import { isDeepStrictEqual } from "node:util"
import type { Page } from "playwright-core"

import { waitFor } from "../../support/wait"

import { LIVE, MP, Q, noisyPng, openHarness, pngFile } from "./harness"

let failures = 0
function check(what: string, ok: boolean, detail?: unknown) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${ok || detail === undefined ? "" : ` — ${JSON.stringify(detail)}`}`)
  if (!ok) failures++
}
function same(what: string, actual: unknown, expected: unknown) {
  try {
    deepStrictEqual(actual, expected)
    check(what, true)
  } catch {
    check(what, false, { actual, expected })
  }
}

const h = await openHarness()
const wechat = h.sb.wechat
const state = () => wechat.getState() as { goods: any[]; rooms: any[]; liveOpened: boolean; adminCheck: boolean }
const goodsForm = (page: Page) => page.evaluate(() => (window as any).__fixture.goodsForm())
const roomForm = (page: Page) => page.evaluate(() => (window as any).__fixture.roomForm())
/** The control in the form row whose label cell reads `label`. */
const field = (page: Page, label: string, nth = 0) =>
  page
    .locator(".weui-desktop-form__control-group", { has: page.locator(".weui-desktop-form__label", { hasText: label }) })
    .locator("input")
    .nth(nth)
const visible = (page: Page, text: string) => page.getByText(text, { exact: true }).first().isVisible()
/**
 * The page's periodic re-render writes the model back into its controls: wait (up to 5 s) for
 * `read` to show `expected`; what it shows then (put back or not) is for the check to judge.
 */
async function rerendered<T>(read: () => Promise<T>, expected: T): Promise<T> {
  return waitFor(read, (v) => isDeepStrictEqual(v, expected), { timeout: 5000 }).catch(read)
}

try {
  const page = await h.newPage()

  // window.__fixture on every page, null where no form is shown.
  for (const url of [
    `${MP}/`,
    `${MP}/wxamp/index/index${Q}`,
    `${MP}/wxamp/frame/live${Q}`,
    `${MP}/wxamp/frame/live/goods/index${Q}`,
    `${LIVE}/livemp/broadcast/index${Q}`
  ]) {
    await page.goto(url)
    const v = await page.evaluate(() => [(window as any).__fixture?.goodsForm(), (window as any).__fixture?.roomForm()])
    same(`__fixture on ${url}: both forms null`, v, [null, null])
  }
  await page.goto(`${LIVE}/livemp/broadcast/index${Q}`)
  await page.getByText("房间号：2").waitFor()
  check("live.weixin.qq.com lists the rooms", await visible(page, "店庆特惠专场"))

  // The 直播 menu item exists only for a qualified account.
  await page.goto(`${MP}/wxamp/index/index${Q}`)
  check("qualified: menu has 直播", (await page.locator(".weui-desktop-menu a", { hasText: /^直播$/ }).count()) === 1)
  wechat.setState({ qualified: false })
  await page.reload()
  check("not qualified: no 直播 menu item", (await page.locator(".weui-desktop-menu a", { hasText: /^直播$/ }).count()) === 0)
  wechat.reset()

  // Opening live: 开通 → terms → consent → 申请开通 → 申请通过.
  wechat.setState({ liveOpened: false })
  await page.goto(`${MP}/wxamp/frame/live${Q}`)
  await page.getByRole("button", { name: "开通" }).click()
  const applyBtn = page.getByRole("button", { name: "申请开通" })
  check("申请开通 disabled before consent", await applyBtn.isDisabled())
  await page.getByText("我已阅读并同意遵守以上条款").click()
  check("申请开通 enabled after consent", await applyBtn.isEnabled())
  await applyBtn.click()
  await page.getByText("已开通微信小程序直播功能").waitFor()
  check("live opened in state", state().liveOpened === true)
  await page.getByRole("button", { name: "查看功能使用说明" }).click()
  check("使用说明 tab shown", await page.locator(".weui-desktop-tab__nav_current", { hasText: "使用说明" }).isVisible())

  // 添加商品: controlled inputs.
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)
  check("empty 未入库 text", await visible(page, "暂无未入库商品"))
  await page.getByRole("button", { name: "添加商品" }).click()
  same("goodsForm() of the fresh dialog", await goodsForm(page), {
    cover: null,
    name: "",
    priceType: 1,
    price: "",
    price2: "",
    url: ""
  })
  const name = field(page, "商品名称")
  await name.evaluate((el: HTMLInputElement) => (el.value = "不经事件写入"))
  same("bare el.value is not in the model", (await goodsForm(page)).name, "")
  same("bare el.value is reverted by the next render", await rerendered(async () => await name.inputValue(), ""), "")
  await field(page, "价格形式", 2).evaluate((el: HTMLInputElement) => (el.checked = true))
  same(
    "bare radio.checked is reverted",
    await rerendered(async () => [(await goodsForm(page)).priceType, await field(page, "价格形式", 2).isChecked()], [1, false]),
    [1, false]
  )

  // Validation: nothing saved while invalid.
  await page.getByRole("button", { name: "保存", exact: true }).click()
  for (const text of ["请上传商品封面", "请输入商品名称", "请输入价格", "请输入商品链接"]) check(`error shown: ${text}`, await visible(page, text))
  const upload = page.locator(".goods-dialog input[type=file]")
  await upload.setInputFiles(await noisyPng("big.png", 60 * 1024))
  await page.getByText("重新上传").waitFor()
  await name.fill("短")
  await page.getByRole("button", { name: "保存", exact: true }).click()
  check("cover over 50K rejected", await visible(page, "图片大小不得超过50K，请压缩后重新上传"))
  check("name under 3 Chinese characters rejected", await visible(page, "商品名称不得少于3个汉字（6个字符）"))
  await upload.setInputFiles(await pngFile("wide.png", 400, 200))
  await page.waitForFunction(() => (window as any).__fixture.goodsForm().cover?.width === 400)
  await name.fill("超过十四个汉字的商品名称一定会被拒绝的")
  await page.getByText("显示折扣价").click()
  await field(page, "价格形式", 6).fill("199")
  await field(page, "价格形式", 7).fill("299.5")
  await field(page, "商品链接").fill("/pages/productdetail/productdetail?id=19")
  await page.getByRole("button", { name: "保存并提审" }).click()
  check("cover wider than 300 px rejected", await visible(page, "图片尺寸不得超过300像素 * 300像素，建议尺寸200像素 * 200像素"))
  check("name over 14 Chinese characters rejected", await visible(page, "商品名称不得超过14个汉字（28个字符）"))
  check("counter shows 19/14", await visible(page, "19/14"))
  check("现价 ≥ 原价 rejected", await visible(page, "现价必须小于原价"))
  check("leading slash rejected", await visible(page, "商品链接不能以“/”开头"))
  await field(page, "商品链接").fill("pages%2Fproductdetail%2Fproductdetail%3Fid%3D19")
  await field(page, "价格形式", 6).fill("19.999")
  await page.getByRole("button", { name: "保存并提审" }).click()
  check("encoded path rejected", await visible(page, "商品链接格式错误，请勿对整个页面路径进行URL编码"))
  check("3 decimals rejected", await visible(page, "原价必须大于0，且最多保留两位小数"))
  same("nothing saved while invalid", state().goods.length, 0)

  // A valid fill through events.
  const cover = await pngFile("cover.png", 200, 200)
  await upload.setInputFiles(cover)
  await page.waitForFunction(() => (window as any).__fixture.goodsForm().cover?.width === 200)
  await name.fill("复古真皮手提包")
  await field(page, "价格形式", 6).fill("488")
  await field(page, "价格形式", 7).fill("399.00")
  await field(page, "商品链接").fill("pages/productdetail/productdetail?id=19")
  same("goodsForm() after a fill", await goodsForm(page), {
    cover: { name: "cover.png", type: "image/png", bytes: cover.buffer.length, width: 200, height: 200 },
    name: "复古真皮手提包",
    priceType: 3,
    price: "488",
    price2: "399.00",
    url: "pages/productdetail/productdetail?id=19"
  })
  check("counter shows 7/14", await visible(page, "7/14"))
  await page.getByRole("button", { name: "保存并提审" }).click()
  await page.waitForFunction(() => (window as any).__fixture.goodsForm() === null)
  const saved = state().goods[0]
  same(
    "saved goods in state",
    { ...saved, coverUrl: saved?.coverUrl.startsWith("https://mp.weixin.qq.com/") },
    {
      goodsId: 1,
      name: "复古真皮手提包",
      url: "pages/productdetail/productdetail?id=19",
      priceType: 3,
      price: 488,
      price2: 399,
      coverUrl: true,
      cover: { name: "cover.png", type: "image/png", bytes: cover.buffer.length, width: 200, height: 200 },
      status: "reviewing",
      rejectReason: ""
    }
  )
  const fetched = await h.call(page, "/__fixture/state")
  same(
    "GET /__fixture/state shows it",
    fetched.goods.map((g: any) => [g.goodsId, g.status]),
    [[1, "reviewing"]]
  )
  check("row shows 审核中", await visible(page, "审核中"))

  // Review through the fixture route; the page picks it up by polling.
  const bad = await page.evaluate(async () => {
    const res = await fetch("/__fixture/review", { method: "POST", body: JSON.stringify({ goodsId: 99, result: "approve" }) })
    return [res.status, Object.keys(await res.json())]
  })
  same("review of an unknown goodsId is a 400 error", bad, [400, ["error"]])
  await h.call(page, "/__fixture/review", { goodsId: 1, result: "approve" })
  await page.getByText("暂无未入库商品").waitFor({ timeout: 5000 })
  await page.getByText("已入库", { exact: true }).click()
  check("approved goods on 已入库", await visible(page, "复古真皮手提包"))

  // 保存 keeps a draft; 提交审核 and rejection show on 未入库.
  await page.getByRole("button", { name: "添加商品" }).click()
  await upload.setInputFiles(cover)
  await page.waitForFunction(() => (window as any).__fixture.goodsForm().cover !== null)
  await name.fill("春季纯棉T恤衫")
  await field(page, "价格形式", 1).fill("68.00")
  await field(page, "商品链接").fill("pages/productdetail/productdetail?id=20")
  await page.getByRole("button", { name: "保存", exact: true }).click()
  await page.waitForFunction(() => (window as any).__fixture.goodsForm() === null)
  await page.getByText("未入库", { exact: true }).click()
  check("draft shows 未审核", await visible(page, "未审核"))
  same("draft price2 is null", [state().goods[1].status, state().goods[1].price, state().goods[1].price2], ["draft", 68, null])
  await h.call(page, "/__fixture/review", { goodsId: 2, result: "reject", reason: "商品图片与名称不符" })
  await page.getByText("原因：商品图片与名称不符").waitFor({ timeout: 5000 })
  check("filter counts", await visible(page, "审核未通过 1"))

  // The administrator check before a 提审.
  wechat.setState({ adminCheck: true })
  await page.getByText("提交审核").click()
  await page.getByText("请使用微信扫描二维码进行验证").waitFor()
  same("still rejected while the check is open", state().goods[1].status, "rejected")
  await page.getByRole("button", { name: "已完成验证" }).click()
  await page.getByText("已提交审核").waitFor()
  same("submitted after the check", [state().goods[1].status, state().adminCheck], ["reviewing", false])

  // 创建直播间.
  wechat.setState({ rooms: [], unverifiedAnchors: ["unverified_wx"] })
  await page.goto(`${MP}/wxamp/frame/live${Q}`)
  // (The list loads after the page: wait for its text rather than look once.)
  check(
    "empty room list text",
    await page
      .getByText("暂无直播房间", { exact: true })
      .first()
      .waitFor({ timeout: 10_000 })
      .then(
        () => true,
        () => false
      )
  )
  await page.getByRole("button", { name: "创建直播间" }).click()
  await page.getByText("分享卡片展示样式").waitFor()
  same("roomForm() of the fresh form", await roomForm(page), {
    name: "",
    start: "",
    end: "",
    anchorName: "",
    anchorWechat: "",
    allowComment: true,
    shareCover: null,
    roomCover: null
  })
  await page.getByRole("button", { name: "创建直播间" }).click()
  for (const text of ["请输入直播标题", "请选择开播时间", "请输入主播昵称", "请输入主播微信账号", "请上传分享卡片封面", "请上传直播间封面"])
    check(`room error shown: ${text}`, await visible(page, text))
  const title = field(page, "直播标题")
  await title.evaluate((el: HTMLInputElement) => (el.value = "不经事件写入"))
  same("room title: bare el.value reverted", await rerendered(async () => [await title.inputValue(), (await roomForm(page)).name], ["", ""]), ["", ""])

  const p = (n: number) => String(n).padStart(2, "0")
  const local = (d: Date) => `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
  const start = new Date(Date.now() + 24 * 3600e3)
  start.setSeconds(0, 0)
  const end = new Date(start.getTime() + 2 * 3600e3)
  await title.fill("店庆特惠专场直播")
  await field(page, "开播时间", 0).fill(local(start))
  await field(page, "开播时间", 1).fill(local(new Date(start.getTime() + 10 * 60e3)))
  await field(page, "主播昵称").fill("小美")
  await field(page, "主播微信账号").fill("unverified_wx")
  await page.getByText("否", { exact: true }).click()
  const share = await pngFile("share.png", 800, 640)
  await page.locator(".room-form input[type=file]").nth(0).setInputFiles(share)
  await page
    .locator(".room-form input[type=file]")
    .nth(1)
    .setInputFiles(await pngFile("room.png", 1080, 1920))
  await page.waitForFunction(() => (window as any).__fixture.roomForm().roomCover !== null)
  await page.getByRole("button", { name: "创建直播间" }).click()
  check("length under 30 minutes rejected", await visible(page, "开播时间段不得短于30分钟"))
  await field(page, "开播时间", 1).fill(local(end))
  await page.getByRole("button", { name: "创建直播间" }).click()
  await page.getByText("主播微信号未实名认证", { exact: false }).waitFor()
  check("unverified anchor rejected (300036)", state().rooms.length === 0)
  await field(page, "主播微信账号").fill("himall_anchor")
  const model = await roomForm(page)
  same(
    "roomForm() after a fill",
    { ...model, roomCover: model.roomCover?.height },
    {
      name: "店庆特惠专场直播",
      start: start.toISOString(),
      end: end.toISOString(),
      anchorName: "小美",
      anchorWechat: "himall_anchor",
      allowComment: false,
      shareCover: { name: "share.png", type: "image/png", bytes: share.buffer.length, width: 800, height: 640 },
      roomCover: 1920
    }
  )
  await page.getByRole("button", { name: "创建直播间" }).click()
  await page.getByText("成功创建直播间").waitFor()
  const room = state().rooms[0]
  same(
    "room in state",
    [room?.roomId, room?.name, room?.liveStatus, room?.start, room?.allowComment, !!room?.coverImg],
    [1, "店庆特惠专场直播", 102, start.toISOString(), false, true]
  )
  await page.getByText("查看推流小程序码").click()
  check("push code dialog", await visible(page, "小程序推流入口"))

  // The alt markup of 商品库 and 添加商品: switched through the state endpoint, read at page load.
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)
  await h.call(page, "/__fixture/reset", {})
  const setBad = await page.evaluate(async () => {
    const res = await fetch("/__fixture/state", { method: "POST", body: JSON.stringify({ markup: "fancy" }) })
    return [res.status, Object.keys(await res.json())]
  })
  same("alt: an unknown markup is a 400 error", setBad, [400, ["error"]])
  same("alt: markup defaults to weui", (await h.call(page, "/__fixture/state")).markup, "weui")
  same("alt: POST /__fixture/state sets markup", (await h.call(page, "/__fixture/state", { markup: "alt" })).markup, "alt")
  await page.reload()
  same("alt: the page is told (__WX_BOOT__.markup)", await page.evaluate(() => (window as any).__WX_BOOT__.markup), "alt")
  await page.getByText("暂无数据", { exact: true }).waitFor()
  same(
    "alt: no weui goods markup, no data-lh",
    await page.evaluate(() => [
      document.querySelectorAll(".weui-desktop-sub-tab, .goods-table, .weui-desktop-tag").length,
      document.querySelectorAll("[data-lh]").length
    ]),
    [0, 0]
  )
  same(
    "alt: 未入库 / 已入库 are role=tab in a tablist",
    await page
      .getByRole("tablist")
      .getByRole("tab")
      .evaluateAll((tabs) => tabs.map((t) => [t.textContent!.trim(), t.getAttribute("aria-selected")])),
    [
      ["未入库", "true"],
      ["已入库", "false"]
    ]
  )
  /** The header cells' texts, and whether any of them shares a table with a body row. */
  const tableShape = () =>
    page.evaluate(() => {
      const ths = [...document.querySelectorAll(".t-goods th")]
      return {
        headers: ths.map((th) => th.textContent!.trim()),
        shared: ths.some((th) => th.closest("table")!.querySelector("td")),
        cols: [...document.querySelectorAll(".t-goods table")].map((t) => t.querySelectorAll("colgroup > col").length),
        rows: document.querySelectorAll(".t-goods tbody tr").length
      }
    })
  same("alt: header table alone while empty", await tableShape(), {
    headers: ["基本信息", "价格", "链接", "状态", "操作"],
    shared: false,
    cols: [5],
    rows: 0
  })
  same(
    "alt: filter counts",
    await page
      .getByRole("radiogroup", { name: "状态" })
      .getByRole("radio")
      .evaluateAll((items) => items.map((i) => i.textContent!.replace(/\s+/g, " ").trim())),
    ["全部 0", "审核中 0", "审核未通过 0"]
  )

  await page.getByRole("button", { name: "添加商品" }).click()
  const dialog = page.getByRole("dialog", { name: "添加商品" })
  await dialog.waitFor()
  same(
    "alt: dialog is role=dialog, aria-modal, titled by a span",
    await dialog.evaluate((d) => [
      d.getAttribute("aria-modal"),
      document.getElementById(d.getAttribute("aria-labelledby")!)?.tagName,
      d.querySelectorAll("h1,h2,h3,h4").length
    ]),
    ["true", "SPAN", 0]
  )
  same(
    "alt: footer buttons, 保存并提审 first",
    await dialog.locator("button:has(> span)").evaluateAll((bs) => bs.filter((b) => b.closest(".t-dialog__footer")).map((b) => b.textContent!.trim())),
    ["保存并提审", "保存"]
  )
  same("alt: field labels carry * and a full-width colon", await dialog.locator("label[for]").evaluateAll((ls) => ls.map((l) => l.textContent!.trim())), [
    "*商品封面：",
    "*商品名称：",
    "*价格形式：",
    "*商品链接："
  ])
  same("alt: goodsForm() of the fresh dialog", await goodsForm(page), {
    cover: null,
    name: "",
    priceType: 1,
    price: "",
    price2: "",
    url: ""
  })
  const altName = page.getByLabel("商品名称")
  const altUrl = page.getByLabel("商品链接")
  same("alt: label for= reaches the inputs", [await altName.getAttribute("id"), await altUrl.getAttribute("placeholder")], ["g-name", "请输入小程序页面路径"])
  await altName.evaluate((el: HTMLInputElement) => (el.value = "不经事件写入"))
  same("alt: bare el.value is not in the model", (await goodsForm(page)).name, "")
  same("alt: bare el.value is reverted by the next render", await rerendered(async () => await altName.inputValue(), ""), "")
  const radio = (text: string) => dialog.locator("label", { hasText: text }).locator("input[type=radio]")
  same("alt: radios are hidden native inputs inside labels", await radio("价格区间").evaluate((el) => getComputedStyle(el).opacity), "0")
  same("alt: only the chosen price type's inputs exist", await dialog.getByPlaceholder("最低价").count(), 0)
  await radio("价格区间").evaluate((el: HTMLInputElement) => (el.checked = true))
  same(
    "alt: bare radio.checked is reverted",
    await rerendered(
      async () => [(await goodsForm(page)).priceType, await radio("价格区间").isChecked(), await dialog.getByPlaceholder("最低价").count()],
      [1, false, 0]
    ),
    [1, false, 0]
  )

  await dialog.getByRole("button", { name: "保存", exact: true }).click()
  for (const text of ["请上传商品封面", "请输入商品名称", "请输入价格", "请输入商品链接"]) check(`alt: error shown: ${text}`, await visible(page, text))
  same("alt: file input hidden", await dialog.locator("input[type=file]").evaluate((el) => getComputedStyle(el).display), "none")
  const choose = async (file: Awaited<ReturnType<typeof pngFile>>) => {
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), dialog.getByRole("button", { name: "上传图片" }).click()])
    await chooser.setFiles(file)
  }
  await choose(await pngFile("first.png", 120, 120))
  await page.waitForFunction(() => (window as any).__fixture.goodsForm().cover?.width === 120)
  check(
    "alt: thumbnail with 删除, 上传图片 hidden",
    (await dialog.locator("img").count()) === 1 && !(await dialog.getByRole("button", { name: "上传图片" }).isVisible())
  )
  await dialog.getByText("删除", { exact: true }).click()
  same("alt: 删除 clears the cover", [(await goodsForm(page)).cover, await dialog.getByRole("button", { name: "上传图片" }).isVisible()], [null, true])
  await choose(cover)
  await page.waitForFunction(() => (window as any).__fixture.goodsForm().cover?.width === 200)
  await altName.fill("复古真皮手提包")
  const counter = dialog.getByText("7/14", { exact: true })
  check(
    "alt: counter 7/14 is its own span after the input wrapper",
    (await counter
      .evaluate((el) => [el.tagName, el.contains(document.getElementById("g-name")), el.previousElementSibling?.contains(document.getElementById("g-name"))])
      .then((v) => JSON.stringify(v))) === JSON.stringify(["SPAN", false, true])
  )
  await dialog.getByText("价格区间", { exact: true }).click()
  same(
    "alt: 价格区间 inputs appear after its radio is clicked",
    [(await goodsForm(page)).priceType, await dialog.getByPlaceholder("最低价").count(), await dialog.getByPlaceholder("请输入价格").count()],
    [2, 1, 0]
  )
  await dialog.getByPlaceholder("最低价").fill("488")
  await dialog.getByPlaceholder("最高价").fill("399.00")
  await altUrl.fill("pages/productdetail/productdetail?id=19")
  await dialog.getByRole("button", { name: "保存并提审" }).click()
  check("alt: low ≥ high rejected", await visible(page, "价格区间的最低价格必须小于最高价格"))
  same("alt: nothing saved while invalid", state().goods.length, 0)
  await dialog.getByPlaceholder("最低价").fill("399")
  await dialog.getByPlaceholder("最高价").fill("488.00")
  same("alt: goodsForm() after a fill", await goodsForm(page), {
    cover: { name: "cover.png", type: "image/png", bytes: cover.buffer.length, width: 200, height: 200 },
    name: "复古真皮手提包",
    priceType: 2,
    price: "399",
    price2: "488.00",
    url: "pages/productdetail/productdetail?id=19"
  })
  await dialog.getByRole("button", { name: "保存并提审" }).click()
  await page.waitForFunction(() => (window as any).__fixture.goodsForm() === null)
  const altSaved = state().goods[0]
  same(
    "alt: saved goods in state",
    [altSaved?.name, altSaved?.priceType, altSaved?.price, altSaved?.price2, altSaved?.status, altSaved?.cover?.width],
    ["复古真皮手提包", 2, 399, 488, "reviewing", 200]
  )
  await page.locator(".t-goods tbody tr").first().waitFor()
  same("alt: split table shows the row", await tableShape(), {
    headers: ["基本信息", "价格", "链接", "状态", "操作"],
    shared: false,
    cols: [5, 5],
    rows: 1
  })
  check("alt: row shows name and 审核中", (await visible(page, "复古真皮手提包")) && (await visible(page, "审核中")))

  // 显示折扣价, kept as a draft with 保存.
  await page.getByRole("button", { name: "添加商品" }).click()
  await choose(cover)
  await page.waitForFunction(() => (window as any).__fixture.goodsForm()?.cover !== null)
  await altName.fill("春季纯棉T恤衫")
  await dialog.getByText("显示折扣价", { exact: true }).click()
  same(
    "alt: 原价 and 现价 as texts before the inputs",
    await dialog.locator("input[placeholder$=价]").evaluateAll((inputs) => inputs.map((i) => i.parentElement!.previousElementSibling?.textContent?.trim())),
    ["原价", "现价"]
  )
  await dialog.getByPlaceholder("请输入原价").fill("68")
  await dialog.getByPlaceholder("请输入现价").fill("99")
  await altUrl.fill("pages/productdetail/productdetail?id=20")
  await dialog.getByRole("button", { name: "保存", exact: true }).click()
  check("alt: 现价 ≥ 原价 rejected", await visible(page, "现价必须小于原价"))
  await dialog.getByPlaceholder("请输入现价").fill("59.90")
  same("alt: goodsForm() of 显示折扣价", [(await goodsForm(page)).priceType, (await goodsForm(page)).price, (await goodsForm(page)).price2], [3, "68", "59.90"])
  await dialog.getByRole("button", { name: "保存", exact: true }).click()
  await page.waitForFunction(() => (window as any).__fixture.goodsForm() === null)
  same("alt: draft in state", [state().goods[1]?.status, state().goods[1]?.price, state().goods[1]?.price2], ["draft", 68, 59.9])
  await page.getByText("未审核", { exact: true }).waitFor()

  // Review results reach the split table by polling; 已入库 has no 状态 column.
  await h.call(page, "/__fixture/review", { goodsId: 1, result: "reject", reason: "商品图片与名称不符" })
  await h.call(page, "/__fixture/review", { goodsId: 2, result: "approve" })
  await page.getByText("驳回原因：商品图片与名称不符", { exact: true }).waitFor({ timeout: 5000 })
  same(
    "alt: reason nested under the status text",
    await page.getByText("驳回原因：商品图片与名称不符", { exact: true }).evaluate((el) => el.closest("td")!.textContent!.replace(/\s+/g, "")),
    "审核未通过驳回原因：商品图片与名称不符"
  )
  await page.getByRole("radio", { name: /审核未通过/ }).click()
  same(
    "alt: filter 审核未通过 1 selected",
    await page.getByRole("radio", { checked: true }).evaluate((el) => el.textContent!.replace(/\s+/g, " ").trim()),
    "审核未通过 1"
  )
  await page.getByRole("tab", { name: "已入库" }).click()
  same("alt: 已入库 selected", await page.getByRole("tab", { name: "已入库" }).getAttribute("aria-selected"), "true")
  await page.getByText("春季纯棉T恤衫").waitFor()
  same("alt: 已入库 table has no 状态 column", await tableShape(), {
    headers: ["基本信息", "价格", "链接", "操作"],
    shared: false,
    cols: [4, 4],
    rows: 1
  })
  await page.getByRole("tab", { name: "未入库" }).click()
  await page.getByRole("button", { name: "提交审核" }).click()
  await page.getByText("已提交审核").waitFor()
  same("alt: 提交审核 from the table", state().goods[0].status, "reviewing")

  // The alt markup of 直播间管理 and 创建直播间 (still markup: "alt").
  wechat.setState({ unverifiedAnchors: ["unverified_wx"] })
  await page.goto(`${LIVE}/livemp/broadcast/index${Q}`)
  await page.getByText("ID: 2", { exact: true }).waitFor()
  const roomTable = () =>
    page.evaluate(() => {
      const ths = [...document.querySelectorAll(".t-rooms th")]
      return {
        headers: ths.map((th) => th.textContent!.trim()),
        shared: ths.some((th) => th.closest("table")!.querySelector("td")),
        rows: document.querySelectorAll(".t-rooms tbody tr").length
      }
    })
  same("alt rooms: split table of 直播间信息 · 直播状态 · 操作", await roomTable(), { headers: ["直播间信息", "直播状态", "操作"], shared: false, rows: 2 })
  same(
    "alt rooms: no weui room markup, no data-lh",
    await page.evaluate(() => [document.querySelectorAll(".room-table, .room-panel").length, document.querySelectorAll("[data-lh]").length]),
    [0, 0]
  )
  same(
    "alt rooms: name, anchor, times and ID are lines of the info cell",
    await page
      .locator(".t-rooms tbody tr")
      .nth(1)
      .locator("td")
      .first()
      .evaluate((td) => [...td.querySelectorAll(".t-room-cell__body > div")].map((d) => d.textContent!.replace(/\s+/g, " ").trim())),
    ["店庆特惠专场", "主播：小美", `开播时间：${local(new Date("2030-06-01T12:00:00.000Z"))}-${local(new Date("2030-06-01T14:00:00.000Z"))}`, "ID: 2"]
  )
  check("alt rooms: status 未开始 in its own column", (await page.locator(".t-rooms tbody tr").nth(1).locator("td").nth(1).textContent())!.trim() === "未开始")
  await page.getByRole("button", { name: "创建直播间" }).click()
  await page.getByText("分享卡片展示样式").waitFor()
  same(
    "alt form: titled by a breadcrumb item, no heading",
    await page.evaluate(() => [document.querySelector(".t-breadcrumb__item.t-is-current")?.textContent?.trim(), document.querySelectorAll("h1,h2,h3").length]),
    ["创建直播间", 0]
  )
  same(
    "alt form: labels carry * and a full-width colon",
    await page.locator(".t-room-create label.t-form__label").evaluateAll((ls) => ls.map((l) => l.textContent!.trim())),
    ["直播类型：", "*直播标题：", "*开播时间：", "*主播昵称：", "*主播微信账号：", "允许评论：", "*分享卡片封面：", "*直播间封面："]
  )
  same("alt form: roomForm() of the fresh form", await roomForm(page), {
    name: "",
    start: "",
    end: "",
    anchorName: "",
    anchorWechat: "",
    allowComment: true,
    shareCover: null,
    roomCover: null
  })
  const altTitle = page.getByLabel("直播标题")
  await altTitle.evaluate((el: HTMLInputElement) => (el.value = "不经事件写入"))
  same("alt form: bare el.value reverted", await rerendered(async () => [await altTitle.inputValue(), (await roomForm(page)).name], ["", ""]), ["", ""])
  same(
    "alt form: the time range is two inputs, 开始时间 and 结束时间",
    await page.locator("#r-time input").evaluateAll((is) => is.map((i) => [(i as HTMLInputElement).placeholder, i.parentElement!.parentElement!.id])),
    [
      ["开始时间", "r-time"],
      ["结束时间", "r-time"]
    ]
  )
  const commentNo = page.getByRole("radiogroup", { name: "允许评论" }).locator("label", { hasText: "否" }).locator("input")
  same("alt form: 允许评论 radios are hidden native inputs", await commentNo.evaluate((el) => getComputedStyle(el).opacity), "0")
  await commentNo.evaluate((el: HTMLInputElement) => (el.checked = true))
  same(
    "alt form: bare radio.checked is reverted",
    await rerendered(async () => [(await roomForm(page)).allowComment, await commentNo.isChecked()], [true, false]),
    [true, false]
  )
  await page.getByRole("button", { name: "创建直播间" }).click()
  for (const text of ["请输入直播标题", "请选择开播时间", "请输入主播昵称", "请输入主播微信账号", "请上传分享卡片封面", "请上传直播间封面"])
    check(`alt form: error shown: ${text}`, await visible(page, text))
  same("alt form: file inputs hidden", await page.locator(".t-room-create input[type=file]").evaluateAll((is) => is.map((i) => getComputedStyle(i).display)), [
    "none",
    "none"
  ])
  const altStart = new Date(Date.now() + 48 * 3600e3)
  altStart.setSeconds(0, 0)
  const altEnd = new Date(altStart.getTime() + 90 * 60e3)
  await altTitle.fill("周末直播专场")
  await page.getByPlaceholder("开始时间", { exact: true }).fill(local(altStart))
  await page.getByPlaceholder("结束时间", { exact: true }).fill(local(altEnd))
  await page.getByPlaceholder("请输入主播昵称").fill("小美")
  await page.getByLabel("主播微信账号").fill("unverified_wx")
  await page.getByRole("radiogroup", { name: "允许评论" }).locator("label", { hasText: "否" }).click()
  const uploadAlt = async (nth: number, file: Awaited<ReturnType<typeof pngFile>>) => {
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "上传图片" }).nth(nth).click()])
    await chooser.setFiles(file)
  }
  const altShare = await pngFile("share.png", 800, 640)
  await uploadAlt(0, altShare)
  await page.waitForFunction(() => (window as any).__fixture.roomForm().shareCover !== null)
  await uploadAlt(0, await pngFile("room.png", 1080, 1920))
  await page.waitForFunction(() => (window as any).__fixture.roomForm().roomCover !== null)
  await page.getByRole("button", { name: "创建直播间" }).click()
  await page.getByText("主播微信号未实名认证", { exact: false }).waitFor()
  check("alt form: unverified anchor rejected (300036)", state().rooms.length === 2)
  await page.getByLabel("主播微信账号").fill("himall_anchor")
  const altModel = await roomForm(page)
  same(
    "alt form: roomForm() after a fill",
    { ...altModel, roomCover: altModel.roomCover?.height },
    {
      name: "周末直播专场",
      start: altStart.toISOString(),
      end: altEnd.toISOString(),
      anchorName: "小美",
      anchorWechat: "himall_anchor",
      allowComment: false,
      shareCover: { name: "share.png", type: "image/png", bytes: altShare.buffer.length, width: 800, height: 640 },
      roomCover: 1920
    }
  )
  await page.getByRole("button", { name: "创建直播间" }).click()
  await page.getByRole("dialog", { name: "成功创建直播间" }).waitFor()
  const altRoom = state().rooms[2]
  same(
    "alt form: room in state",
    [altRoom?.roomId, altRoom?.name, altRoom?.liveStatus, altRoom?.start, altRoom?.allowComment],
    [3, "周末直播专场", 102, altStart.toISOString(), false]
  )
  await page.getByRole("button", { name: "完成" }).click()
  await page.getByText("ID: 3", { exact: true }).waitFor()
  same("alt rooms: the new room is listed", (await roomTable()).rows, 3)
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)

  // The third markup: role-based grids, a paged goods library, start-only room rows.
  const seedGoods = Array.from({ length: 7 }, (_, i) => ({
    goodsId: i + 1,
    name: `商品${i + 1}`,
    url: `pages/x?id=${i + 1}`,
    priceType: 1,
    price: 1,
    price2: null,
    coverUrl: "",
    cover: null,
    status: "reviewing",
    rejectReason: ""
  }))
  await h.call(page, "/__fixture/reset", {})
  await h.call(page, "/__fixture/state", { markup: "third", goods: seedGoods })
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)
  await page.getByText("共 7 条").waitFor()
  const gridRows = () =>
    page.evaluate(() =>
      [...document.querySelectorAll("[role=table] [role=rowgroup]:last-child > [role=row]")].map((r) => r.querySelector("[role=cell]")!.textContent!.trim())
    )
  same(
    "third: no <table>, no weui or alt goods markup, no data-lh",
    await page.evaluate(() => [document.querySelectorAll("table, .weui-desktop-sub-tab, .t-goods").length, document.querySelectorAll("[data-lh]").length]),
    [0, 0]
  )
  same("third: the library shows 5 goods a page", await gridRows(), ["商品1", "商品2", "商品3", "商品4", "商品5"])
  await page.locator('[title="下一页"] button').click()
  same("third: page 2 shows the rest", await gridRows(), ["商品6", "商品7"])
  same("third: 下一页 disabled on the last page", await page.locator('[title="下一页"]').getAttribute("aria-disabled"), "true")
  await page.goto(`${MP}/wxamp/frame/live/broadcast/index${Q}`)
  await page.getByText("店庆特惠专场").waitFor()
  same("third rooms: headers", await page.locator("[role=columnheader]").allTextContents(), ["直播间", "主播", "开播时间", "直播状态", "操作"])
  same(
    "third rooms: the time cell holds only the start",
    (await page.locator("[role=row]", { hasText: "店庆特惠专场" }).locator("[role=cell]").nth(2).textContent())!.trim(),
    local(new Date("2030-06-01T12:00:00.000Z"))
  )
  same(
    "third rooms: the id only in the 编辑 link",
    await page.locator("[role=row]", { hasText: "店庆特惠专场" }).evaluate((r) => [
      /ID/.test(r.textContent!),
      r
        .querySelector("a[href*='roomId=']")
        ?.getAttribute("href")
        ?.replace(/^.*roomId=/, "")
    ]),
    [false, "2"]
  )

  // Other mini programs by session token (state key accounts).
  await h.call(page, "/__fixture/state", { accounts: { "2": { account: "二号店小程序", goods: [seedGoods[0]], rooms: [] } } })
  await page.goto(`${MP}/wxamp/frame/live/goods/index?token=2&lang=zh_CN`)
  await page.getByText("共 1 条").waitFor()
  same(
    "accounts: token 2 shows its own name and goods",
    [await page.evaluate(() => (window as any).__WX_BOOT__.account), await gridRows()],
    ["二号店小程序", ["商品1"]]
  )
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)
  await page.getByText("共 7 条").waitFor()
  same("accounts: the main token keeps the main account", await page.evaluate(() => (window as any).__WX_BOOT__.account), "HiMall商城")

  // ===== Goods in rooms and the 已入库 edit (issue 11) =====
  {
    const g = (goodsId: number, status: string, price = 10) => ({
      goodsId,
      name: `直播商品${goodsId}号`,
      url: `pages/productdetail/productdetail?id=${goodsId}`,
      priceType: 1,
      price,
      price2: null,
      coverUrl: "",
      cover: null,
      status,
      rejectReason: ""
    })
    wechat.reset()
    wechat.setState({ goods: [g(1, "approved"), g(2, "approved"), g(3, "reviewing"), g(4, "approved")], roomGoodsCap: 2 })
    await page.goto(`${LIVE}/livemp/broadcast/goods${Q}&roomId=2`)
    const post = (path: string, body: unknown) =>
      page.evaluate(
        async ([p, b]) =>
          (await fetch(`/wxamp/cgi/live${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b) })).json(),
        [path, body] as const
      )
    same("room goods: goods not 已入库 refused (300025)", (await post("/room/goods/import", { roomId: 2, goodsIds: [3] })).ret, 300025)
    same("room goods: import", (await post("/room/goods/import", { roomId: 2, goodsIds: [1, 2] })).ret, 0)
    same("room goods: past the cap refused (300033)", (await post("/room/goods/import", { roomId: 2, goodsIds: [4] })).ret, 300033)
    same("room goods: rooms[].goods in state", state().rooms[1].goods, [1, 2])
    same("goods/update: only 已入库 goods", (await post("/goods/update", { goodsId: 3, priceType: 1, price: "9", price2: "" })).ret, 300010)
    same("goods/update: invalid price refused", (await post("/goods/update", { goodsId: 1, priceType: 2, price: "9", price2: "8" })).ret, 300003)
    same(
      "goods/update: price form and price only",
      [(await post("/goods/update", { goodsId: 1, priceType: 2, price: "9", price2: "12" })).ret, state().goods[0]],
      [0, { ...g(1, "approved"), priceType: 2, price: 9, price2: 12 }]
    )
    await page.reload()
    await page.getByText("房间号：2", { exact: true }).waitFor()
    check("room goods view lists what the room holds", await visible(page, "直播商品2号"))
    await page.getByRole("button", { name: "导入商品", exact: true }).click()
    await page.getByText("导入商品", { exact: true }).first().waitFor()
    same("import: __fixture.roomGoodsImport()", await page.evaluate(() => (window as any).__fixture.roomGoodsImport()), {
      roomId: 2,
      selected: [],
      query: "",
      page: 1,
      pages: 1
    })
    await page.locator("tr", { hasText: "直播商品4号" }).locator("input[type=checkbox]").click()
    same("import: a tick is in the model", (await page.evaluate(() => (window as any).__fixture.roomGoodsImport())).selected, [4])
    await page.getByRole("button", { name: "确定", exact: true }).click()
    await page.getByText("直播间商品数量超过上限（最多2个）").waitFor()
    check("import: past the cap, WeChat's 300033 text", true)

    // The third markup: an Ant page, a Modal with a grid of check boxes, a simple pager, 修改价格.
    const importModel = () => page.evaluate(() => (window as any).__fixture.roomGoodsImport())
    const many = [1, 2, 3, 4, 5, 6, 7].map((id) => g(id, "approved"))
    wechat.reset()
    wechat.setState({ markup: "third", goods: [...many, g(8, "reviewing"), g(9, "rejected")], roomGoodsCap: 3 })
    wechat.setState({ rooms: state().rooms.map((r: any) => (r.roomId === 2 ? { ...r, goods: [1] } : r)) })
    await page.goto(`${LIVE}/livemp/broadcast/index${Q}`)
    await page.locator("[role=row]", { hasText: "店庆特惠专场" }).getByRole("button", { name: "直播商品" }).click()
    await page.getByText("直播商品1号", { exact: true }).waitFor()
    same("third room goods: reached from the room row, at broadcast/goods?roomId=2", new URL(page.url()).searchParams.get("roomId"), "2")
    same(
      "third room goods: the room id as a label and a value, no colon in the text",
      await page.evaluate(() => {
        const label = [...document.querySelectorAll("span")].find((e) => e.textContent === "房间ID")
        return [label?.nextElementSibling?.textContent, /房间ID[：:]/.test(document.body.textContent!)]
      }),
      ["2", false]
    )
    same(
      "third room goods: headers, no <table>",
      [await page.locator("[role=columnheader]").allTextContents(), await page.locator("table").count()],
      [["商品", "售价", "页面路径", "操作"], 0]
    )
    check("third room goods: 移除 on each row", await visible(page, "移除"))
    await page.getByRole("button", { name: "导入商品", exact: true }).click()
    const modal = page.getByRole("dialog", { name: "添加直播商品" })
    await modal.waitFor()
    same("third import: __fixture.roomGoodsImport(), 5 goods a page", await importModel(), { roomId: 2, selected: [], query: "", page: 1, pages: 2 })
    const importRow = (name: string) => modal.locator("[role=row]", { hasText: name })
    const box = (name: string) => importRow(name).locator("input[type=checkbox]")
    same(
      "third import: the room's goods checked, disabled, 已添加",
      [await box("直播商品1号").isChecked(), await box("直播商品1号").isDisabled(), (await importRow("直播商品1号").textContent())!.includes("已添加")],
      [true, true, true]
    )
    check("third import: the count and what is left", await modal.getByText("已选择 0 项，剩余可添加 2 个").isVisible())
    await modal.locator('li[title="下一页"] button').click()
    same("third import: page 2 by the icon-only 下一页", (await importModel()).page, 2)
    same(
      "third import: goods not 已入库 listed, disabled, with their state",
      [await box("直播商品8号").isDisabled(), (await importRow("直播商品8号").textContent())!.includes("审核中"), await box("直播商品9号").isDisabled()],
      [true, true, true]
    )
    check("third import: 下一页 disabled on the last page", (await modal.locator('li[title="下一页"]').getAttribute("aria-disabled")) === "true")
    await modal.locator('li[title="上一页"] button').click()
    await modal.locator("[role=columnheader] label").click()
    same("third import: the header's check box ticks the page's free goods", (await importModel()).selected, [2, 3, 4, 5])
    await modal.locator("[role=columnheader] label").click()
    same("third import: and unticks them", (await importModel()).selected, [])
    await modal.getByPlaceholder("输入商品名称").fill("直播商品7")
    same("third import: the query waits for the search", (await importModel()).query, "")
    await modal.getByRole("button", { name: "search" }).click()
    same("third import: searched by the icon button", await importModel(), { roomId: 2, selected: [], query: "直播商品7", page: 1, pages: 1 })
    await modal.getByPlaceholder("输入商品名称").fill("")
    await modal.getByPlaceholder("输入商品名称").press("Enter")
    for (const name of ["直播商品2号", "直播商品3号", "直播商品4号"]) await importRow(name).locator("label").click()
    same("third import: ticks by the label", (await importModel()).selected, [2, 3, 4])
    await modal.getByRole("button", { name: "确 定" }).click()
    await modal.getByText("直播间商品数量超过上限（最多3个）").waitFor()
    check("third import: past the cap, WeChat's 300033 text", true)
    await importRow("直播商品4号").locator("label").click()
    await modal.getByRole("button", { name: "确 定" }).click()
    await page.waitForFunction(() => !(window as any).__fixture.roomGoodsImport())
    same("third import: the room holds them", state().rooms[1].goods, [1, 2, 3])
    await page.getByText("3 / 3", { exact: true }).waitFor()
    check("third room goods: the count follows", true)

    // 修改价格 on an 已入库 goods.
    await page.goto(`${LIVE}/livemp/goods/index${Q}`)
    await page.locator("label", { hasText: "已入库" }).click()
    await page.locator("[role=row]", { hasText: "直播商品1号" }).getByRole("button", { name: "编 辑" }).click()
    const edit = page.getByRole("dialog", { name: "修改价格" })
    await edit.waitFor()
    const editForm = () => page.evaluate(() => (window as any).__fixture.goodsEditForm())
    same("third edit: goodsEditForm()", await editForm(), {
      goodsId: 1,
      name: "直播商品1号",
      url: "pages/productdetail/productdetail?id=1",
      priceType: 1,
      price: "10",
      price2: ""
    })
    same(
      "third edit: name and link as text, only the chosen form's InputNumber",
      [await edit.locator("input:not([type=radio])").count(), await edit.getByRole("spinbutton").count()],
      [1, 1]
    )
    await edit.locator("label", { hasText: "价格区间" }).click()
    same("third edit: 价格区间 shows its two inputs", await edit.getByRole("spinbutton").count(), 2)
    await edit.getByPlaceholder("最低价").fill("20")
    await edit.getByPlaceholder("最高价").fill("10")
    await edit.getByRole("button", { name: "保 存" }).click()
    await edit.getByText("价格区间的最低价格必须小于最高价格").waitFor()
    check("third edit: validated like 添加商品's prices", state().goods[0].priceType === 1)
    await edit.getByPlaceholder("最高价").fill("30")
    await edit.getByRole("button", { name: "保 存" }).click()
    await page.waitForFunction(() => !(window as any).__fixture.goodsEditForm())
    same("third edit: only the price form and prices changed", state().goods[0], { ...g(1, "approved"), priceType: 2, price: 20, price2: 30 })
  }
  wechat.setState({ markup: "alt" })
  await page.goto(`${MP}/wxamp/frame/live/goods/index${Q}`)
  // ===== end goods in rooms =====

  // Reset brings the weui markup back.
  same("alt: reset returns markup to weui", (await h.call(page, "/__fixture/reset", {})).markup, "weui")
  await page.reload()
  check("alt: weui markup after reset", await page.locator(".weui-desktop-sub-tab").isVisible())
} finally {
  await h.close()
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed")
process.exit(failures ? 1 : 0)
