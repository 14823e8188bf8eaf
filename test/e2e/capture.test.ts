// The walking skeleton end to end: the production code (sandbox build) in real Chromium,
// a HiMall shop served under its host name, a product captured from the grid and from the
// 直播链接 dialog, and found in the popup.
import { beforeEach, describe, expect, it } from "vitest"

import type { ProductRecord as StoredProduct } from "~db/schema"

import type { Sandbox } from "../sandbox/server"
import { openPopup, readTable, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData } from "../support/goods"
import { useExtensionSuite } from "../support/suite"

let sandbox: Sandbox
let browser: ExtensionBrowser

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

beforeEach(async () => {
  sandbox.shop().reset()
  await clearExtensionData(browser, ["products", "notices"])
})

async function productPage(origin = sandbox.shopOrigin, path = "/Admin/Product/Management") {
  const page = await browser.context.newPage()
  await page.goto(`${origin}${path}`, { waitUntil: "domcontentloaded" })
  await page.locator('[data-lh="capture-product"]').first().waitFor()
  return page
}

/** The row's own hidden inputs, the data HiMall itself uses for 直播链接. */
async function rowData(page: import("playwright-core").Page, index: number) {
  return page
    .locator("input.thisId")
    .nth(index)
    .evaluate((input) => {
      const row = input.closest("tr")!
      const v = (c: string) => (row.querySelector(`input.${c}`) as HTMLInputElement | null)?.value ?? null
      return { id: v("thisId")!, shopId: v("thisShopId")!, name: v("thisName")!, price: v("thisPrice")! }
    })
}

/** The capture-product control shown outside the product grid: the 直播链接 dialog's. */
function dialogControl(page: import("playwright-core").Page) {
  return page
    .locator('xpath=//*[@data-lh="capture-product"][not(ancestor::table[.//input[contains(concat(" ", @class, " "), " thisId ")]])]')
    .filter({ visible: true })
}

function fen(price: string): [number, number] {
  const [a, b = a] = price.split("~").map((p) => Math.round(Number(p) * 100))
  return [a, b]
}

describe("capture a HiMall product", () => {
  it("every grid row gets a capture-product control carrying its product id", async () => {
    const page = await productPage()
    const ids = await page.locator("input.thisId").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
    expect(ids.length).toBeGreaterThan(0)
    const controls = await page.locator('[data-lh="capture-product"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-lh-product-id")))
    expect(controls).toEqual(ids)
    await page.close()
  })

  it("stores a row's product and the popup lists it", async () => {
    const page = await productPage()
    // A product with a price range, to see both ends stored.
    const prices = await page.locator("input.thisPrice").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
    const index = Math.max(
      0,
      prices.findIndex((p) => p.includes("~"))
    )
    const row = await rowData(page, index)
    const button = page.locator(`[data-lh="capture-product"][data-lh-product-id="${row.id}"]`)
    await button.click()
    await expect.poll(() => button.getAttribute("data-lh-state")).toMatch(/saved|warning/)

    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored).toHaveLength(1)
    const [low, high] = fen(row.price)
    expect(stored[0]).toMatchObject({
      key: `${sandbox.shopOrigin}|${row.id}`,
      productId: Number(row.id),
      shopId: Number(row.shopId),
      shopOrigin: sandbox.shopOrigin,
      name: row.name.replace(/\s+/g, " ").trim(),
      priceLowFen: low,
      priceHighFen: high,
      link: `pages/productdetail/productdetail?id=${row.id}`
    })
    expect(stored[0].imageUrl).toMatch(new RegExp(`^${sandbox.shopOrigin}/Storage/Shop/${row.shopId}/Products/${row.id}/`))

    const popup = await openPopup(browser)
    const item = popup.locator(`[data-lh-popup-product="${row.id}"]`)
    await expect.poll(() => item.count()).toBe(1)
    expect(await item.innerText()).toContain(stored[0].name)
    expect(await item.innerText()).toContain(row.price.replace(/^/, "￥"))
    await popup.close()

    // Options lists the shop (the sandbox build's wildcard grant) and when it was last used.
    const options = await browser.context.newPage()
    await options.goto(browser.url("options.html"))
    const shop = options.locator('[data-lh-shop="https://*.sandbox.test"]')
    await expect.poll(() => shop.innerText()).toContain("最近使用")
    await options.close()
    await page.close()
  })

  it("stores the product from the 小程序直播链接 dialog, each time it opens for another product", async () => {
    const page = await productPage()
    for (const index of [1, 3]) {
      const row = await rowData(page, index)
      const cell = page.locator("input.thisId").nth(index).locator("xpath=ancestor::tr")
      await cell.getByText("直播链接", { exact: true }).click()
      const dialog = dialogControl(page)
      await expect.poll(() => dialog.getAttribute("data-lh-product-id")).toBe(row.id)
      await dialog.click()
      await expect.poll(() => dialog.getAttribute("data-lh-state")).toMatch(/saved|warning/)
      const stored = await readTable<StoredProduct>(browser, "products")
      expect(stored.find((p) => p.productId === Number(row.id))).toMatchObject({
        shopId: Number(row.shopId),
        link: `pages/productdetail/productdetail?id=${row.id}`,
        priceLowFen: fen(row.price)[0],
        priceHighFen: fen(row.price)[1]
      })
      // Closing puts HiMall's form back into the page, hidden: no control shows any more.
      await page.getByText("×", { exact: true }).and(page.locator(":visible")).click()
      await expect.poll(() => dialogControl(page).count()).toBe(0)
    }
    await page.close()
  })

  it("a page that is not what we expect gets a clear message and stores nothing wrong", async () => {
    const page = await productPage()
    const broken = await page.evaluate(() => {
      const rows = [...document.querySelectorAll("input.thisId")].map((i) => i.closest("tr")!)
      // No shop id anywhere: neither the hidden input nor the picture's path.
      rows[0].querySelector("input.thisShopId")?.remove()
      rows[0].querySelectorAll("img").forEach((i) => i.remove())
      ;(rows[1].querySelector("input.thisPrice") as HTMLInputElement).value = "面议" // unparseable price
      rows[2].querySelectorAll("img").forEach((i) => i.remove()) // no picture
      return rows.slice(0, 3).map((r) => (r.querySelector("input.thisId") as HTMLInputElement).value)
    })
    for (const id of broken) await page.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"]`).click()
    const state = (id: string) => page.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"]`).getAttribute("data-lh-state")
    await expect.poll(() => state(broken[0])).toBe("error")
    await expect.poll(() => state(broken[1])).toBe("error")
    await expect.poll(() => state(broken[2])).toBe("warning")
    const status = (id: string) => page.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"] + [data-lh-status]`).innerText()
    expect(await status(broken[0])).toContain("店铺编号")
    expect(await status(broken[1])).toContain("价格")
    expect(await status(broken[2])).toContain("图片")

    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored.map((p) => String(p.productId))).toEqual([broken[2]])
    expect(stored[0].imageUrl).toBeNull()
    expect(stored[0].saleStatus).toBe(1) // the 状态 column said 销售中

    const popup = await openPopup(browser)
    const notices = popup.locator('[data-lh-popup="notices"]')
    await notices.waitFor()
    expect(await notices.innerText()).toMatch(/店铺编号[\s\S]*|价格/)
    expect(await notices.locator("li").count()).toBe(2)
    await popup.close()
    await page.close()
  })

  it("works on HiMall versions that no longer draw 直播链接, and in the seller backend", async () => {
    sandbox.shop().setState({ liveLinkAction: false })
    const page = await productPage(sandbox.shopOrigin, "/SellerAdmin/Product/Management")
    expect(await page.getByText("直播链接", { exact: true }).count()).toBe(0)
    const button = page.locator('[data-lh="capture-product"]').first()
    await button.click()
    await expect.poll(() => button.getAttribute("data-lh-state")).toMatch(/saved|warning/)
    expect(await readTable(browser, "products")).toHaveLength(1)
    await page.close()
  })

  it("reads a row from its other signals when HiMall's hidden inputs are missing", async () => {
    const page = await productPage()
    const facts = await page.evaluate(() => {
      const row = document.querySelectorAll("input.thisId")[4].closest("tr")!
      const v = (c: string) => (row.querySelector(`input.${c}`) as HTMLInputElement).value
      const out = { id: v("thisId"), shopId: v("thisShopId"), name: v("thisName"), price: v("thisPrice") }
      // A version whose 操作 cell carries no hidden inputs at all.
      row.querySelectorAll("input.thisId, input.thisShopId, input.thisName, input.thisPrice").forEach((i) => i.remove())
      return out
    })
    // The control is still offered, with the id read from the row's product link.
    const button = page.locator(`[data-lh="capture-product"][data-lh-product-id="${facts.id}"]`)
    await button.click()
    await expect.poll(() => button.getAttribute("data-lh-state")).toMatch(/saved|warning/)
    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ productId: Number(facts.id), shopId: Number(facts.shopId), priceLowFen: fen(facts.price)[0] })
    expect(stored[0].name).toBe(facts.name.replace(/\s+/g, " ").trim())
    await page.close()
  })

  it("a row that shows no product id at all is identified through the list endpoint by its name", async () => {
    const page = await productPage()
    const facts = await page.evaluate(() => {
      const row = document.querySelectorAll("input.thisId")[2].closest("tr")!
      const v = (c: string) => (row.querySelector(`input.${c}`) as HTMLInputElement).value
      const out = { id: v("thisId"), shopId: v("thisShopId"), name: v("thisName") }
      // Only the name is left: no id, shop, link, attribute, onclick or picture.
      row.querySelectorAll("input.thisId, input.thisShopId, img").forEach((e) => e.remove())
      row.querySelectorAll("a").forEach((a) => a.removeAttribute("href"))
      row.querySelectorAll("[productid], [onclick], [data-url]").forEach((e) => ["productid", "onclick", "data-url"].forEach((n) => e.removeAttribute(n)))
      row.querySelectorAll("input[type=checkbox]").forEach((e) => e.remove())
      row.setAttribute("data-test-row", "")
      return out
    })
    const button = page.locator('tr[data-test-row] [data-lh="capture-product"]')
    await button.click()
    await expect.poll(() => button.getAttribute("data-lh-state")).toMatch(/saved|warning/)
    expect(await button.getAttribute("data-lh-product-id")).toBe(facts.id)
    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored).toMatchObject([{ productId: Number(facts.id), shopId: Number(facts.shopId), saleStatus: 1, auditStatus: 2 }])
    await page.close()
  })

  it("a seller grid without .thisPrice takes the ￥ price the row shows", async () => {
    sandbox.shop().setState({ rowPriceInput: false })
    const page = await productPage(sandbox.shopOrigin, "/SellerAdmin/Product/Management")
    expect(await page.locator("input.thisPrice").count()).toBe(0)
    const id = await page.locator("input.thisId").first().inputValue()
    const button = page.locator(`[data-lh="capture-product"][data-lh-product-id="${id}"]`)
    await button.click()
    await expect.poll(() => button.getAttribute("data-lh-state")).toMatch(/saved|warning/)
    const product = (sandbox.shop().getState() as { products: { id: number; price: number | string }[] }).products.find((p) => p.id === Number(id))!
    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored[0]).toMatchObject({ productId: Number(id), priceLowFen: Math.round(Number(product.price) * 100) })
    await page.close()
  })

  it("keeps the products of two shops apart", async () => {
    const other = "https://other.sandbox.test"
    for (const origin of [sandbox.shopOrigin, other]) {
      const page = await productPage(origin)
      const button = page.locator('[data-lh="capture-product"]').first()
      await button.click()
      await expect.poll(() => button.getAttribute("data-lh-state")).toMatch(/saved|warning/)
      await page.close()
    }
    const stored = await readTable<StoredProduct>(browser, "products")
    expect(stored.map((p) => p.shopOrigin).sort()).toEqual([other, sandbox.shopOrigin].sort())
    expect(new Set(stored.map((p) => p.key)).size).toBe(2)
  })

  it("the page itself cannot talk to the extension", async () => {
    const page = await productPage()
    const reachable = await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)
    expect(reachable).toBe("undefined")
    await page.close()
  })
})
