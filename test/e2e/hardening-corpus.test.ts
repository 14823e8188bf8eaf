// Hardening: a corpus of bad input run through the real pages of the sandbox build — names
// with emoji, markup, 50 and 201 characters, only spaces; prices ￥1,299.00, １２, 0, -5, 面议,
// 399.00~; 商品链接 with a leading slash, spaces, an encoded whole path, a web address; pictures
// that 404, are slow, are an HTML page, are empty, are a 4000×3000 photo, 108 megapixels or a
// 30 MB file. Captured through the grid (capture-page), the whole shop (capture-all) and the
// 小程序直播链接 dialog: exactly the good ones are stored, each refusal says why on the page, in
// the capture summary and in the popup. Then every stored product is filled into WeChat's
// 添加商品: what is typed passes WeChat's own rules (the sandbox's rules.js), or nothing is
// written and the panel says why; every picture gives a cover or a clear reason.
import { readFileSync } from "node:fs"
import { join } from "node:path"

import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { GOODS_NAME_MAX_UNITS, GOODS_NAME_MIN_UNITS, textUnits } from "~core/goods"
import { formatYuan } from "~core/price"
import type { ProductRecord as StoredProduct } from "~db/schema"

import type { Sandbox } from "../sandbox/server"
import { validateGoods } from "../sandbox/wechat/rules.js"
import { openPopup, readTable, ROOT, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData, goodsForm, openAddGoods, openGoodsLibrary, pickProduct, waitForCover, waitForReport, type GoodsForm } from "../support/goods"
import { useExtensionSuite } from "../support/suite"

let sandbox: Sandbox
let browser: ExtensionBrowser
useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

/** The merchant-facing texts, from the default locale (zh_CN). */
const MESSAGES = JSON.parse(readFileSync(join(ROOT, "locales/zh_CN/messages.json"), "utf8")) as Record<string, { message: string }>
const msg = (key: string) => {
  const m = MESSAGES[key]?.message
  if (!m) throw new Error(`no message ${key}`)
  return m
}

const LONG_50 = Array.from("夏季新款纯棉短袖T恤男士宽松大码潮流半袖上衣打底衫".repeat(3)).slice(0, 50).join("")
const LONG_201 = "长".repeat(201)

type Cover = { problem: string } | { from: "original" | "thumbnail" }

interface Case {
  id: number
  name: string
  price: number | string
  imageKind?: string
  /** Stored as these fen; or refused with these problems (core/product.ts codes). */
  stored?: { lowFen: number; highFen: number }
  refused?: string[]
  /** The WeChat cover made from its picture (stored products). */
  cover?: Cover
}

const OK_COVER: Cover = { from: "original" }

const CORPUS: Case[] = [
  // Names.
  { id: 301, name: "🔥爆款 冰丝凉席三件套 ❄️", price: 159, stored: { lowFen: 15900, highFen: 15900 }, cover: OK_COVER },
  { id: 302, name: "<b>加粗</b>商品", price: 19.9, stored: { lowFen: 1990, highFen: 1990 }, cover: OK_COVER },
  { id: 303, name: LONG_50, price: 39, stored: { lowFen: 3900, highFen: 3900 }, cover: OK_COVER },
  { id: 304, name: "   ", price: 10, refused: ["name_missing"] },
  { id: 305, name: "\u3000\u00a0\u3000", price: 10, refused: ["name_missing"] },
  { id: 306, name: LONG_201, price: 10, refused: ["name_too_long"] },
  // Prices, kept by the shop as text where HiMall would show text.
  { id: 311, name: "进口红酒整箱装", price: "￥1,299.00", stored: { lowFen: 129900, highFen: 129900 }, cover: OK_COVER },
  { id: 312, name: "全角价格的商品", price: "１２", stored: { lowFen: 1200, highFen: 1200 }, cover: OK_COVER },
  { id: 313, name: "零元价格的商品", price: 0, refused: ["price_not_positive"] },
  { id: 314, name: "负数价格的商品", price: -5, refused: ["price_not_positive"] },
  { id: 315, name: "价格面议的商品", price: "面议", refused: ["price_not_number"] },
  { id: 316, name: "缺少最高价商品", price: "399.00~", refused: ["price_not_number"] },
  // Pictures.
  { id: 321, name: "图片丢失的商品", price: 25, imageKind: "missing", stored: { lowFen: 2500, highFen: 2500 }, cover: { problem: "image_http_error" } },
  { id: 322, name: "图片很慢的商品", price: 26, imageKind: "slow", stored: { lowFen: 2600, highFen: 2600 }, cover: OK_COVER },
  { id: 323, name: "登录过期的图片", price: 27, imageKind: "html", stored: { lowFen: 2700, highFen: 2700 }, cover: { problem: "image_not_image" } },
  { id: 324, name: "空白图片的商品", price: 28, imageKind: "empty", stored: { lowFen: 2800, highFen: 2800 }, cover: { problem: "image_empty" } },
  { id: 325, name: "高清大图的商品", price: 29, imageKind: "photo", stored: { lowFen: 2900, highFen: 2900 }, cover: OK_COVER },
  // Too many pixels (decoding would take 432 MB) or too many bytes (30 MB): the page's thumbnail instead.
  { id: 326, name: "超大像素的商品", price: 30, imageKind: "huge", stored: { lowFen: 3000, highFen: 3000 }, cover: { from: "thumbnail" } },
  { id: 327, name: "超大文件的商品", price: 31, imageKind: "heavy", stored: { lowFen: 3100, highFen: 3100 }, cover: { from: "thumbnail" } },
  // Products whose 商品链接 the 小程序直播链接 dialog shows in other shapes (the grid and the list endpoint carry no link).
  { id: 331, name: "链接斜杠的商品", price: 41, stored: { lowFen: 4100, highFen: 4100 }, cover: OK_COVER },
  { id: 332, name: "链接空格的商品", price: 42, stored: { lowFen: 4200, highFen: 4200 }, cover: OK_COVER },
  { id: 333, name: "链接编码的商品", price: 43, stored: { lowFen: 4300, highFen: 4300 }, cover: OK_COVER },
  { id: 334, name: "斜杠编码的商品", price: 44, stored: { lowFen: 4400, highFen: 4400 }, cover: OK_COVER },
  { id: 335, name: "网页链接的商品", price: 45, stored: { lowFen: 4500, highFen: 4500 }, cover: OK_COVER }
]

/** The 商品链接 the dialog shows per product (liveLinkFormat), and what becomes of it. */
const LINKS: { id: number; format: string; refused?: string[] }[] = [
  { id: 331, format: "/pages/productdetail/productdetail?id={id}" },
  { id: 332, format: " pages/productdetail/productdetail ?id={id} " },
  { id: 333, format: "pages%2Fproductdetail%2Fproductdetail%3Fid%3D{id}" },
  { id: 334, format: "%2Fpages%2Fproductdetail%2Fproductdetail%3Fid%3D{id}" },
  { id: 335, format: "https://shop.sandbox.test/product/detail/{id}", refused: ["link_invalid"] }
]

const SHOP_ID = 1
const link = (id: number) => `pages/productdetail/productdetail?id=${id}`
/** The dialog's picture (220×220). */
const thumb = (id: number) => `${sandbox.shopOrigin}/Storage/Shop/${SHOP_ID}/Products/${id}/1_220.png`
/** The grid's and the list endpoint's picture: HiMall lists show the 50×50 thumbnail. */
const listThumb = (id: number) => `${sandbox.shopOrigin}/Storage/Shop/${SHOP_ID}/Products/${id}/1_50.png`
const original = (id: number) => `${sandbox.shopOrigin}/Storage/Shop/${SHOP_ID}/Products/${id}/1.png`
const storedCases = () => CORPUS.filter((c) => c.stored)
const refusedCases = () => CORPUS.filter((c) => c.refused)
const reasonsText = (problems: string[]) => problems.map((p) => msg(`problem_${p}`)).join(msg("list_separator"))

interface StoredNotice {
  shopOrigin: string
  productId: string | null
  productName: string | null
  problems: string[]
}
interface StoredCover {
  productKey: string
  problem: string | null
  fetchedUrl: string | null
  httpStatus: number | null
  width: number
  height: number
  bytes: number
}

function seedShop(cases: Case[], extra: Record<string, unknown> = {}) {
  const shop = sandbox.shop()
  shop.reset()
  shop.setState({ ...extra, products: cases.map((c) => ({ id: c.id, name: c.name, price: c.price, shopId: SHOP_ID, imageKind: c.imageKind ?? "jpeg" })) })
}

async function fresh() {
  sandbox.wechat.reset()
  await clearExtensionData(browser, ["products", "notices", "covers", "wechatGoods", "jobs"])
}

async function productPage(): Promise<Page> {
  const page = await browser.context.newPage()
  await page.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
  await page.locator('[data-lh="capture-product"]').first().waitFor()
  await page.locator('[data-lh="capture-all"]').waitFor()
  return page
}

const shownIds = (page: Page) => page.locator("input.thisId").evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)))

/** Each row's capture-product control: its state and its status text. */
function rowControls(page: Page) {
  return page
    .locator('[data-lh="capture-product"]')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((b) => [
          Number(b.getAttribute("data-lh-product-id")),
          { state: b.getAttribute("data-lh-state"), text: b.parentElement?.querySelector("[data-lh-status]")?.textContent ?? "" }
        ])
      )
    )
}

/** The products stored, as expected from the corpus (the grid and the endpoint derive the link from the id). */
function expectStored(stored: StoredProduct[], cases: Case[], source: string) {
  expect(stored.map((p) => p.productId).sort((a, b) => a - b)).toEqual(cases.map((c) => c.id).sort((a, b) => a - b))
  for (const c of cases) {
    const p = stored.find((s) => s.productId === c.id)!
    expect(p, `product ${c.id}`).toEqual(
      expect.objectContaining({
        key: `${sandbox.shopOrigin}|${c.id}`,
        shopOrigin: sandbox.shopOrigin,
        shopId: SHOP_ID,
        name: c.name.replace(/[\s\u00a0\u3000]+/g, " ").trim(),
        priceLowFen: c.stored!.lowFen,
        priceHighFen: c.stored!.highFen,
        link: link(c.id),
        imageUrl: listThumb(c.id),
        source
      })
    )
  }
}

function expectNotices(notices: StoredNotice[], cases: Case[]) {
  const seen = notices.map((n) => ({ ...n })).sort((a, b) => Number(a.productId) - Number(b.productId))
  expect(seen).toEqual(
    cases
      .map((c) => ({ shopOrigin: sandbox.shopOrigin, productId: String(c.id), productName: c.name.slice(0, 80), problems: c.refused }))
      .sort((a, b) => Number(a.productId) - Number(b.productId))
      .map((n) => expect.objectContaining(n))
  )
}

/** "已存入 a · 已更新 0 · 已是最新 0 · 未存入 r（reason ×n · …）", reasons in any order of equal counts. */
function expectSummary(text: string, stored: number, refused: Case[]) {
  expect(text).toContain(`已存入 ${stored} · 已更新 0 · 已是最新 0 · 未存入 ${refused.length}`)
  const counts = new Map<string, number>()
  for (const c of refused) for (const p of c.refused!) counts.set(p, (counts.get(p) ?? 0) + 1)
  for (const [p, n] of counts) expect(text).toContain(`${msg(`problem_${p}`)} ×${n}`)
}

/** What the popup's 未能保存 lists (the newest five), each line as the merchant reads it. */
async function popupNotices(): Promise<string[]> {
  const popup = await openPopup(browser)
  const notices = popup.locator('[data-lh-popup="notices"] li')
  await notices.first().waitFor()
  const lines = await notices.allInnerTexts()
  await popup.close()
  return lines
}

/** The line the popup shows for a refused product: its name, or its id when the name is only spaces. */
const noticeLine = (c: Case) => `商品 ${c.name.slice(0, 80).trim() || c.id}：${reasonsText(c.refused!)}`

describe("a corpus of bad input through capture", () => {
  it("capture-page stores exactly the good rows; each refused row, the summary and the popup say why", async () => {
    await fresh()
    seedShop(CORPUS)
    const page = await productPage()
    const captured: Case[][] = []
    for (let n = 1; n <= 2; n++) {
      const ids = await shownIds(page)
      const cases = ids.map((id) => CORPUS.find((c) => c.id === id)!)
      await page.locator('[data-lh="capture-page"]').click()
      const status = page.locator('[data-lh-status="capture-page"]')
      await expect.poll(() => status.innerText()).toMatch(/已存入/)
      expectSummary(
        await status.innerText(),
        cases.filter((c) => c.stored).length,
        cases.filter((c) => c.refused)
      )
      const controls = await rowControls(page)
      for (const c of cases) {
        if (c.refused) expect(controls[c.id], `row ${c.id}`).toEqual({ state: "error", text: `未存入：${reasonsText(c.refused)}` })
        else expect(controls[c.id], `row ${c.id}`).toEqual({ state: "saved", text: msg("capture_saved") })
      }
      captured.push(cases)
      if (n === 1) {
        // HiMall's own pager: the next page's rows replace these.
        await page.getByTitle("下一页").click()
        await expect.poll(async () => (await shownIds(page))[0]).not.toBe(ids[0])
        await page.locator('[data-lh="capture-product"]').first().waitFor()
      }
    }
    expect(
      captured
        .flat()
        .map((c) => c.id)
        .sort()
    ).toEqual(CORPUS.map((c) => c.id).sort())

    expectStored(await readTable<StoredProduct>(browser, "products"), storedCases(), "row")
    expectNotices(await readTable<StoredNotice>(browser, "notices"), refusedCases())

    // The popup lists the newest refusals with their reasons (the second page's first).
    const lines = await popupNotices()
    const expected = refusedCases().map(noticeLine)
    expect(lines.length).toBe(Math.min(5, expected.length))
    expect(new Set(lines).size).toBe(lines.length)
    for (const line of lines)
      expect(
        expected.some((e) => line.endsWith(e)),
        line
      ).toBe(true)
    for (const c of captured[1].filter((c) => c.refused))
      expect(
        lines.some((l) => l.endsWith(noticeLine(c))),
        `popup line of ${c.id}`
      ).toBe(true)
    await page.close()
  })

  it("capture-all stores the same products from HiMall's list endpoint and refuses the same ones for the same reasons", async () => {
    await fresh()
    seedShop(CORPUS)
    const page = await productPage()
    await page.locator('[data-lh="capture-all"]').click()
    const root = page.locator('[data-lh-control="capture-all"]')
    await expect.poll(() => root.getAttribute("data-lh-state"), { timeout: 30_000 }).toBe("done")
    const status = await page.locator('[data-lh-status="capture-all"]').innerText()
    expect(status.startsWith("全店存入完成：")).toBe(true)
    expectSummary(status, storedCases().length, refusedCases())

    expectStored(await readTable<StoredProduct>(browser, "products"), storedCases(), "endpoint")
    expectNotices(await readTable<StoredNotice>(browser, "notices"), refusedCases())
    const lines = await popupNotices()
    const expected = refusedCases().map(noticeLine)
    expect(lines.length).toBe(5)
    for (const line of lines)
      expect(
        expected.some((e) => line.endsWith(e)),
        line
      ).toBe(true)
    await page.close()
  })

  it("the 小程序直播链接 dialog: a leading slash, spaces and an encoded path give the product's own link; a web address is refused", async () => {
    await fresh()
    const cases = LINKS.map((l) => CORPUS.find((c) => c.id === l.id)!)
    for (const l of LINKS) {
      seedShop(cases, { liveLinkFormat: l.format })
      const page = await productPage()
      const row = page.locator(`input.thisId[value="${l.id}"]`).locator("xpath=ancestor::tr")
      await row.getByText("直播链接", { exact: true }).click()
      // The dialog's control: the visible one outside the product grid (HiMall's artDialog is a table too).
      const control = page
        .locator('xpath=//*[@data-lh="capture-product"][not(ancestor::table[.//input[contains(concat(" ", @class, " "), " thisId ")]])]')
        .filter({ visible: true })
      await control.waitFor()
      // The dialog's 商品链接, found by its label (the visible one: the form is moved into the dialog).
      const shown = await page.evaluate(() => {
        const label = [...document.querySelectorAll("label, span, th")].find(
          (l) => l.children.length === 0 && l.textContent?.replace(/[\s：:]/g, "") === "商品链接" && (l as HTMLElement).offsetParent !== null
        )
        return label?.parentElement?.querySelector("input")?.value ?? null
      })
      expect(shown).toBe(l.format.replace("{id}", String(l.id)))
      // The control names the product the link is of, not a number of the encoding (%2F).
      expect(await control.getAttribute("data-lh-product-id")).toBe(String(l.id))
      await control.click()
      await expect.poll(() => control.getAttribute("data-lh-state")).toMatch(/saved|warning|error/)
      const text = await control.evaluate((b) => b.parentElement?.querySelector("[data-lh-status]")?.textContent ?? "")
      if (l.refused) {
        expect(await control.getAttribute("data-lh-state")).toBe("error")
        expect(text).toBe(`未存入：${reasonsText(l.refused)}`)
      } else expect(await control.getAttribute("data-lh-state")).toBe("saved")
      await page.close()
    }
    const stored = await readTable<StoredProduct>(browser, "products")
    const good = LINKS.filter((l) => !l.refused)
    expect(stored.map((p) => p.productId).sort()).toEqual(good.map((l) => l.id).sort())
    for (const l of good) {
      expect(stored.find((p) => p.productId === l.id)).toMatchObject({
        key: `${sandbox.shopOrigin}|${l.id}`,
        shopId: SHOP_ID,
        link: link(l.id),
        source: "dialog",
        imageUrl: thumb(l.id)
      })
    }
    const notices = await readTable<StoredNotice>(browser, "notices")
    expect(notices).toEqual(LINKS.filter((l) => l.refused).map((l) => expect.objectContaining({ productId: String(l.id), problems: l.refused })))
  })
})

describe("every stored product of the corpus through WeChat's 添加商品", () => {
  it("what is typed passes WeChat's rules, or nothing is written and the panel says why; each picture gives a cover or its reason", async () => {
    await fresh()
    seedShop(CORPUS)
    const himall = await productPage()
    await himall.locator('[data-lh="capture-all"]').click()
    await expect.poll(() => himall.locator('[data-lh-control="capture-all"]').getAttribute("data-lh-state"), { timeout: 30_000 }).toBe("done")
    await himall.close()

    const page = await openGoodsLibrary(browser)
    const dialogs: string[] = []
    page.on("dialog", (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    // The slow picture last but one: its cover takes the sandbox's 10 s.
    const order = [...storedCases().filter((c) => c.imageKind !== "slow"), ...storedCases().filter((c) => c.imageKind === "slow")]
    for (const c of order) {
      await openAddGoods(page)
      await pickProduct(page, c.id)
      let name = c.name.replace(/\s+/g, " ").trim()
      if (textUnits(name) > GOODS_NAME_MAX_UNITS) {
        // Too long for WeChat: a shorter name is offered to edit, and nothing is written meanwhile.
        const edit = page.locator('[data-lh="name-edit"]')
        await edit.waitFor()
        expect(await page.locator("[data-lh-name-problem]").getAttribute("data-lh-name-problem")).toBe("goods_name_too_long")
        expect(await goodsForm(page)).toMatchObject({ cover: null, name: "", price: "", price2: "", url: "" })
        name = await edit.inputValue()
        expect(textUnits(name)).toBeGreaterThanOrEqual(GOODS_NAME_MIN_UNITS)
        expect(textUnits(name)).toBeLessThanOrEqual(GOODS_NAME_MAX_UNITS)
        await page.locator('[data-lh="fill-confirm"]').click()
      }
      const outcome = await waitForReport(page, c.id)
      const coverStep = page.locator('[data-lh="fill-report"] [data-lh-field="cover"]')
      const problem = c.cover && "problem" in c.cover ? c.cover.problem : null
      let form: GoodsForm
      if (problem) {
        expect(outcome, `product ${c.id}`).toBe("partial")
        expect(await coverStep.getAttribute("data-lh-field-state")).toBe("skipped")
        expect(await coverStep.textContent()).toContain(msg(`cover_problem_${problem}`))
        form = (await goodsForm(page))!
        expect(form.cover).toBeNull()
        // Everything else is valid: WeChat asks only for the cover.
        expect(validateGoods(form), `product ${c.id}`).toEqual({ cover: "请上传商品封面" })
      } else {
        expect(outcome, `product ${c.id}`).toBe("ok")
        expect(await coverStep.getAttribute("data-lh-field-state")).toBe("filled")
        await waitForCover(page)
        form = (await goodsForm(page))!
        expect(form.cover).toMatchObject({ width: 200, height: 200, type: "image/jpeg" })
        expect(form.cover!.bytes).toBeLessThanOrEqual(50 * 1024)
        expect(validateGoods(form), `product ${c.id}`).toEqual({})
      }
      expect(form).toMatchObject({ name, priceType: 1, price: formatYuan(c.stored!.lowFen), price2: "", url: link(c.id) })
      await page.getByRole("button", { name: "关闭" }).first().click()
      await page.waitForFunction(() => !(window as unknown as { __fixture: { goodsForm(): unknown } }).__fixture.goodsForm())
    }

    // The covers the background kept: made from the original, or from the page's thumbnail
    // when the original has too many pixels or bytes, or the reason none could be made.
    const covers = await readTable<StoredCover>(browser, "covers")
    for (const c of storedCases()) {
      const cover = covers.find((r) => r.productKey === `${sandbox.shopOrigin}|${c.id}`)
      expect(cover, `cover of ${c.id}`).toBeTruthy()
      const want = c.cover!
      if ("problem" in want) expect(cover, `cover of ${c.id}`).toMatchObject({ problem: want.problem, width: 0, bytes: 0 })
      else
        expect(cover, `cover of ${c.id}`).toMatchObject({
          problem: null,
          width: 200,
          height: 200,
          fetchedUrl: want.from === "original" ? original(c.id) : listThumb(c.id)
        })
    }
    expect(covers.find((r) => r.productKey.endsWith("|321"))?.httpStatus).toBe(404)
    expect(dialogs).toEqual([])
    await page.close()
  }, 120_000)
})
