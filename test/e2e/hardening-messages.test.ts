// Hardening: who may talk to the extension, and page text that carries markup. In real
// Chromium with the sandbox build:
// - a web page cannot reach the extension: it has no chrome.runtime to send with, and
//   window.postMessage envelopes are heard by nobody; nothing is stored;
// - the extension's own content script on the wrong origin is refused with its reason (a
//   HiMall capture from WeChat, a WeChat message from a shop, the options' messages from a
//   page), malformed envelopes are refused, and nothing is stored or changed;
// - a HiMall admin of a shop the merchant did not enable gets no content script at all;
// - product names with markup, captured for real, show as text in the popup, in WeChat's
//   添加商品 picker and its report, and are typed as text: no element made, no dialog fired.
import type { CDPSession, Page } from "playwright-core"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"

import { startSandbox, type Sandbox } from "../sandbox/server"
import { launchWithExtension, openPopup, readTable, waitForShopScript, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData, goodsForm, LIVE_GOODS, openAddGoods, openGoodsLibrary, pickProduct, waitForReport } from "../support/goods"

/** A HiMall shop outside the sandbox build's grant (`*.sandbox.test`): not enabled. */
const OTHER_HOST = "shop.example.com"
const OTHER_SHOP = `https://${OTHER_HOST}`

let sandbox: Sandbox
let browser: ExtensionBrowser
beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, shopHosts: [OTHER_HOST] })
  browser = await launchWithExtension(sandbox)
  await waitForShopScript(browser)
})
afterAll(async () => {
  await browser?.close()
  await sandbox?.close()
})

beforeEach(async () => {
  sandbox.shop().reset()
  sandbox.shop(OTHER_HOST).reset()
  sandbox.wechat.reset()
  await clearExtensionData(browser, ["products", "notices", "covers", "wechatGoods", "jobs", "settings"])
})

/** A product as the HiMall script sends it (valid: it would be stored from an enabled shop). */
const RAW = {
  productId: "19",
  shopId: "1",
  name: "天使旅行箱",
  price: "399.00~488.00",
  link: null,
  imageUrl: "/Storage/Shop/1/Products/19/1_220.png",
  source: "row"
}
const CAPTURE = { lh: 1, type: "product.capture", payload: { products: [RAW] } }

async function openPage(url: string): Promise<Page> {
  const page = await browser.context.newPage()
  await page.goto(url, { waitUntil: "domcontentloaded" })
  return page
}

async function nothingStored() {
  expect(await readTable(browser, "products")).toEqual([])
  expect(await readTable(browser, "notices")).toEqual([])
}

/**
 * Evaluate in the isolated world of this extension's content script on a page (found through
 * the DevTools protocol: an execution context of type "isolated" with the extension's origin,
 * in the page's main frame). Null when the page has no such world.
 */
async function contentScriptWorld(page: Page): Promise<{ evaluate: <T>(expression: string) => Promise<T>; cdp: CDPSession } | null> {
  const cdp = await browser.context.newCDPSession(page)
  const contexts: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] = []
  cdp.on("Runtime.executionContextCreated", (e) => contexts.push(e.context))
  // Runtime.enable reports every context that exists before it answers: callers wait for the
  // content script's controls first, so its world, if any, is among them.
  await cdp.send("Runtime.enable")
  const { frameTree } = await cdp.send("Page.getFrameTree")
  const ours = () =>
    contexts.find((c) => c.auxData?.type === "isolated" && c.origin === `chrome-extension://${browser.extensionId}` && c.auxData.frameId === frameTree.frame.id)
  const world = ours()
  if (!world) {
    await cdp.detach()
    return null
  }
  return {
    cdp,
    evaluate: async <T>(expression: string) => {
      const r = await cdp.send("Runtime.evaluate", { expression, contextId: world.id, awaitPromise: true, returnByValue: true })
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text)
      return r.result.value as T
    }
  }
}

/**
 * Images at these addresses (relative to the page) have failed to load: a name parsed as
 * `<img src=x onerror=…>` would have fired its onerror by the time the same address failed here.
 */
const imagesFailed = (page: Page, srcs: string[]) =>
  page.evaluate(
    (list) =>
      Promise.all(
        list.map(
          (src) =>
            new Promise<void>((resolve) => {
              const img = new Image()
              img.onerror = img.onload = () => resolve()
              img.src = src
            })
        )
      ),
    srcs
  )

/** chrome.runtime.sendMessage from a content script's world: the router's answer. */
const sendFrom = (world: { evaluate: <T>(e: string) => Promise<T> }, message: unknown) =>
  world.evaluate<{ ok: boolean; error?: string; data?: unknown } | null>(`chrome.runtime.sendMessage(${JSON.stringify(message)}).then((r) => r ?? null)`)

describe("messages that are not the extension's own", () => {
  it("a web page has no way to the extension: no chrome.runtime, and posted envelopes are ignored", async () => {
    // Each page once it is ready: the extension's controls drawn (its content script listens), or HiMall's own grid where it has none.
    const pages = [
      { url: `${sandbox.shopOrigin}/Admin/Product/Management`, ready: '[data-lh="capture-page"]' },
      { url: LIVE_GOODS, ready: '[data-lh="queue-start"]' },
      { url: `${OTHER_SHOP}/Admin/Product/Management`, ready: "input.thisId" }
    ]
    for (const { url, ready } of pages) {
      const page = await openPage(url)
      await page.locator(ready).first().waitFor({ state: "attached" })
      const attempt = await page.evaluate(
        async (message) => {
          const runtime = (globalThis as { chrome?: { runtime?: { id?: string; sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome?.runtime
          let answer: unknown
          try {
            // Even knowing the id, a page may only reach extensions that list it as externally_connectable.
            answer = await (runtime as { sendMessage: (...a: unknown[]) => Promise<unknown> }).sendMessage(String(message.id), message.envelope)
          } catch (e) {
            answer = `threw: ${e instanceof Error ? e.message : e}`
          }
          // The content script's envelope, posted to the page's window (and so to any listener in it).
          window.postMessage(message.envelope, "*")
          window.postMessage(JSON.stringify(message.envelope), "*")
          // Messages are delivered in order to every listener of the window (the content script's
          // too): once this last one arrives, any listener has had the envelopes.
          await new Promise<void>((resolve) => {
            const last = "lh-test-last-message"
            window.addEventListener("message", (e) => e.data === last && resolve())
            window.postMessage(last, "*")
          })
          return { sendMessage: typeof runtime?.sendMessage, answer: String(answer) }
        },
        { id: browser.extensionId, envelope: CAPTURE }
      )
      expect(attempt.sendMessage, url).toBe("undefined")
      expect(attempt.answer, url).toMatch(/^threw: /)
      await page.close()
    }
    await nothingStored()
  })

  it("the WeChat content script cannot store HiMall products; a shop's script cannot send WeChat's or the options' messages", async () => {
    const wechat = await openPage(LIVE_GOODS)
    await wechat.locator('[data-lh="queue-start"]').waitFor()
    const wxWorld = await contentScriptWorld(wechat)
    expect(wxWorld, "the WeChat content script's world").not.toBeNull()
    expect(await sendFrom(wxWorld!, CAPTURE)).toEqual({ ok: false, code: "sender_not_shop" })
    expect(await sendFrom(wxWorld!, { lh: 1, type: "captureAll.start", payload: { listPath: "/Admin/Product/List", pageSize: 100, resume: false } })).toEqual({
      ok: false,
      code: "sender_not_shop"
    })
    expect(await sendFrom(wxWorld!, { lh: 1, type: "settings.set", payload: { key: "coverFit", value: "crop" } })).toEqual({
      ok: false,
      code: "sender_not_extension"
    })
    // A WeChat message from WeChat is answered (the channel works; the refusals above are the router's).
    expect(await sendFrom(wxWorld!, { lh: 1, type: "queue.get", payload: {} })).toEqual({ ok: true, data: { queue: null } })
    await wxWorld!.cdp.detach()
    await wechat.close()

    const shop = await openPage(`${sandbox.shopOrigin}/Admin/Product/Management`)
    await shop.locator('[data-lh="capture-product"]').first().waitFor()
    const shopWorld = await contentScriptWorld(shop)
    expect(shopWorld, "the HiMall content script's world").not.toBeNull()
    const seen = {
      lh: 1,
      type: "goods.seen",
      payload: {
        rows: [
          {
            name: "天使旅行箱",
            priceText: "¥399.00",
            url: "pages/productdetail/productdetail?id=19",
            status: "approved",
            statusText: "已入库",
            rejectReason: null
          }
        ],
        shelf: "approved"
      }
    }
    expect(await sendFrom(shopWorld!, seen)).toEqual({ ok: false, code: "sender_not_wechat" })
    expect(await sendFrom(shopWorld!, { lh: 1, type: "settings.set", payload: { key: "coverFit", value: "crop" } })).toEqual({
      ok: false,
      code: "sender_not_extension"
    })
    expect(await sendFrom(shopWorld!, { lh: 1, type: "data.clear", payload: { confirm: "clear-all-data" } })).toEqual({
      ok: false,
      code: "sender_not_extension"
    })

    // Malformed envelopes: refused, whatever they carry.
    const malformed: unknown[] = [
      { lh: 2, type: "product.capture", payload: { products: [RAW] } },
      { lh: 1, type: "product.delete", payload: {} },
      { lh: 1, type: "__proto__", payload: {} },
      { lh: 1, type: "product.capture", payload: { products: [{ ...RAW, productId: { $gt: 0 } }] } },
      { lh: 1, type: "product.capture", payload: { products: [{ ...RAW, name: "x".repeat(2001) }] } },
      { lh: 1, type: "product.capture", payload: { products: [{ ...RAW, source: "database" }] } },
      { lh: 1, type: "product.capture", payload: { products: [] } },
      { lh: 1, type: "product.capture", payload: { products: Array.from({ length: 501 }, () => RAW) } },
      { lh: 1, type: "product.capture" },
      { lh: 1, type: "product.capture", payload: "products" },
      [CAPTURE],
      "product.capture"
    ]
    for (const m of malformed) expect(await sendFrom(shopWorld!, m), JSON.stringify(m).slice(0, 80)).toEqual({ ok: false, code: "invalid_message" })
    await nothingStored()
    expect(await readTable(browser, "wechatGoods")).toEqual([])
    expect(await readTable(browser, "settings")).toEqual([])

    // The same capture from the shop's own script is stored: the channel works.
    const stored = await sendFrom(shopWorld!, CAPTURE)
    expect(stored).toMatchObject({ ok: true, data: { results: [{ productId: "19", outcome: "created" }] } })
    expect(await readTable(browser, "products")).toHaveLength(1)
    await shopWorld!.cdp.detach()
    await shop.close()
  })

  it("a HiMall admin of a shop the merchant did not enable gets no content script at all", async () => {
    const page = await openPage(`${OTHER_SHOP}/Admin/Product/Management`)
    // The shop's own page works: HiMall's grid with its hidden inputs.
    await page.locator("input.thisId").first().waitFor({ state: "attached" })
    const enabled = await openPage(`${sandbox.shopOrigin}/Admin/Product/Management`)
    await enabled.locator('[data-lh="capture-product"]').first().waitFor()
    await enabled.close()
    // By the time the enabled shop's page was decorated, this one would have been too.
    expect(await page.locator("[data-lh], [data-lh-control]").count()).toBe(0)
    expect(await contentScriptWorld(page)).toBeNull()
    const sw = await browser.worker()
    const registered = await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())
    expect(registered.flatMap((r) => r.matches ?? [])).toEqual(["https://*.sandbox.test/*"])
    await page.close()
    await nothingStored()
  })
})

describe("page text with markup shows as text", () => {
  const MARKUP = [
    { id: 401, name: "<img src=x onerror=alert(1)>", price: 68 },
    { id: 402, name: "<b>加粗</b>商品", price: 19.9 },
    { id: 403, name: '"><svg/onload=alert(3)>', price: 35 },
    // Refused (面议): the popup's notice shows its name too.
    { id: 404, name: "<img src=y onerror=alert(4)>", price: "面议" }
  ]
  const NAMES = MARKUP.map((m) => m.name)
  /** Elements the names would make if they were parsed as HTML. */
  const INJECTED = "[onerror], [onload], svg, b, script:not([src])"

  it("captured for real, the names are text in the popup, in WeChat's picker and report, and typed as text", async () => {
    sandbox.shop().setState({ products: MARKUP.map((m) => ({ ...m, shopId: 1, imageKind: "jpeg" })) })
    const himall = await openPage(`${sandbox.shopOrigin}/Admin/Product/Management`)
    // HiMall's own grid writes names unescaped (as the real one does): its alerts are HiMall's, not ours.
    himall.on("dialog", (d) => void d.dismiss())
    await himall.locator('[data-lh="capture-page"]').click()
    await expect.poll(() => himall.locator('[data-lh-status="capture-page"]').innerText()).toMatch(/已存入 3 .*未存入 1/)
    // The extension's own controls on HiMall's page hold no page markup.
    expect(await himall.locator(`[data-lh-control] :is(${INJECTED})`).count()).toBe(0)
    await himall.close()
    const stored = await readTable<{ productId: number; name: string }>(browser, "products")
    expect(stored.map((p) => p.name).sort()).toEqual(NAMES.slice(0, 3).sort())

    // The popup.
    const popup = await openPopup(browser)
    const dialogs: string[] = []
    popup.on("dialog", (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    for (const m of MARKUP.slice(0, 3)) {
      const name = popup.locator(`[data-lh-popup-product="${m.id}"] .lh-product-name`)
      await name.waitFor()
      expect(await name.textContent()).toBe(m.name)
      expect(await name.evaluate((e) => e.childElementCount)).toBe(0)
    }
    const notice = popup.locator('[data-lh-popup="notices"] li')
    await notice.first().waitFor()
    expect(await notice.allInnerTexts()).toEqual([expect.stringContaining(`商品 ${MARKUP[3].name}：无法识别商品价格`)])
    expect(await popup.locator(`body :is(${INJECTED})`).count()).toBe(0)
    // Every picture in the popup is a thumbnail it drew, none from a name.
    expect(await popup.locator("img:not(.lh-thumb)").count()).toBe(0)
    await imagesFailed(popup, ["x", "y"])
    expect(dialogs).toEqual([])
    await popup.close()

    // WeChat's 添加商品: the picker, the fill and its report.
    const page = await openGoodsLibrary(browser, LIVE_GOODS)
    page.on("dialog", (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    for (const m of MARKUP.slice(0, 3)) {
      await openAddGoods(page)
      await page.locator('[data-lh="fill-goods"]').click()
      const entry = page.locator(`[data-lh-picker-entry="${m.id}"]`)
      await entry.waitFor()
      expect(await entry.textContent()).toContain(m.name)
      expect(await entry.locator(`:is(${INJECTED}, img)`).count()).toBe(0)
      await pickProduct(page, m.id)
      expect(await waitForReport(page, m.id)).toBe("ok")
      // Typed as text: the dialog's own model holds the name as it is.
      expect((await goodsForm(page))!.name).toBe(m.name)
      const panel = page.locator('[data-lh-panel="goods"]')
      expect(await panel.locator(`:is(${INJECTED}, img)`).count()).toBe(0)
      // The panel's UI is in its shadow root (its host has no text of its own): read the piece inside.
      expect(await panel.locator(".piece").textContent()).toContain(m.name)
      await page.getByRole("button", { name: "关闭" }).first().click()
      await page.waitForFunction(() => !(window as unknown as { __fixture: { goodsForm(): unknown } }).__fixture.goodsForm())
    }
    await imagesFailed(page, ["x", "y"])
    expect(dialogs).toEqual([])
    await page.close()
  }, 60_000)
})
