import { render, screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { beforeEach, describe, expect, it } from "vitest"

import { getDb } from "~db/schema"
import PopupPage from "~popup/index"

import { productRecord } from "../support/factories"
import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

const product = productRecord

let fake: FakeChrome
beforeEach(async () => {
  fake = installFakeChrome()
  const db = getDb()
  await Promise.all([db.products.clear(), db.shops.clear(), db.notices.clear()])
})

describe("popup", () => {
  it("empty: teaches the next step", async () => {
    render(<PopupPage />)
    expect(await screen.findByText("还没有保存任何商品")).toBeTruthy()
    expect(screen.getByText(/尚未启用任何 HiMall 店铺/)).toBeTruthy()
    expect(document.documentElement.lang).toBe("zh-CN")
    expect(document.title).toBe("直播助手")
  })

  it("lists captured products with price, and renders markup in names as text", async () => {
    await getDb().shops.add({ origin: "https://shop.example.com", pattern: "https://shop.example.com/*", addedAt: 1, lastSeenAt: 1 })
    await getDb().products.bulkAdd([
      product(),
      product({ key: "https://shop.example.com|20", productId: 20, name: "<img src=x onerror=alert(1)>", imageUrl: null, priceLowFen: 6800, priceHighFen: 6800 })
    ])
    const { container } = render(<PopupPage />)
    const list = await screen.findByRole("list", { name: "已保存的商品" })
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2))
    expect(within(list).getByText("天使旅行箱")).toBeTruthy()
    expect(within(list).getByText("￥399.00~488.00")).toBeTruthy()
    expect(within(list).getByText("<img src=x onerror=alert(1)>")).toBeTruthy()
    expect(container.querySelectorAll("img[onerror]")).toHaveLength(0)
    expect(within(list).getByText("无图")).toBeTruthy()
    expect(screen.getByText("共 2 件")).toBeTruthy()
    expect(container.querySelector(".lh-product-shop")).toBeNull()
  })

  it("names the shop when products come from several", async () => {
    await getDb().products.bulkAdd([product(), product({ key: "https://b.example.com|19", shopOrigin: "https://b.example.com" })])
    render(<PopupPage />)
    expect(await screen.findByText("b.example.com")).toBeTruthy()
    expect(screen.getByText("shop.example.com")).toBeTruthy()
  })

  it("updates live when the database changes", async () => {
    render(<PopupPage />)
    await screen.findByText("还没有保存任何商品")
    await getDb().products.add(product())
    expect(await screen.findByText("天使旅行箱")).toBeTruthy()
  })

  it("attention: shows refused captures with their reasons", async () => {
    await getDb().notices.add({ at: 1, level: "error", shopOrigin: "https://s.cn", productId: "7", productName: "坏商品", problems: ["price_not_number", "shop_id_missing"] })
    render(<PopupPage />)
    const notices = await screen.findByText("未能保存")
    const section = notices.closest("section")!
    expect(section.textContent).toContain("商品 坏商品：无法识别商品价格；找不到店铺编号")
  })

  it("offers to enable the HiMall admin in the current tab, and asks the browser", async () => {
    fake.tabs = [{ id: 1, active: true, url: "https://shop.example.com/Admin/Product/Management" } as chrome.tabs.Tab]
    render(<PopupPage />)
    const button = await screen.findByRole("button", { name: "在此店铺启用直播助手" })
    await userEvent.click(button)
    await waitFor(() => expect(fake.granted.has("https://shop.example.com/*")).toBe(true))
    expect(await screen.findByText(/已启用/)).toBeTruthy()
  })

  it("error: says so when the merchant refuses access", async () => {
    fake.tabs = [{ id: 1, active: true, url: "https://shop.example.com/SellerAdmin/Product/Management" } as chrome.tabs.Tab]
    fake.grantNext = false
    render(<PopupPage />)
    await userEvent.click(await screen.findByRole("button", { name: "在此店铺启用直播助手" }))
    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "未获得授权，直播助手不会在此店铺运行。")
  })

  it("offers nothing on pages that are not a HiMall admin, or already enabled", async () => {
    fake.tabs = [{ id: 1, active: true, url: "https://mp.weixin.qq.com/wxamp/index/index" } as chrome.tabs.Tab]
    const { unmount } = render(<PopupPage />)
    await screen.findByText("还没有保存任何商品")
    expect(screen.queryByRole("button", { name: "在此店铺启用直播助手" })).toBeNull()
    unmount()
    fake.tabs = [{ id: 1, active: true, url: "https://shop.example.com/Admin/Product/Management" } as chrome.tabs.Tab]
    fake.granted.add("https://shop.example.com/*")
    render(<PopupPage />)
    await screen.findByText("还没有保存任何商品")
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.queryByRole("button", { name: "在此店铺启用直播助手" })).toBeNull()
  })

  it("speaks English when the browser does", async () => {
    fake.lang = "en"
    render(<PopupPage />)
    expect(await screen.findByText("No products saved yet")).toBeTruthy()
    expect(document.documentElement.lang).toBe("en")
  })
})
