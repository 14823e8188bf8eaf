import { render, screen, waitFor } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { beforeEach, describe, expect, it } from "vitest"

import { getDb } from "~db/schema"
import OptionsPage from "~options/index"

import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

let fake: FakeChrome
beforeEach(async () => {
  fake = installFakeChrome()
  await getDb().shops.clear()
})

describe("options: shops", () => {
  it("adds a shop by asking the browser for that origin only", async () => {
    render(<OptionsPage />)
    await userEvent.type(screen.getByLabelText(/店铺后台地址/), "shop.example.com/Admin/Product/Management")
    await userEvent.click(screen.getByRole("button", { name: "添加店铺" }))
    await waitFor(() => expect(fake.granted.has("https://shop.example.com/*")).toBe(true))
    expect([...fake.granted]).toEqual(["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*", "https://shop.example.com/*"])
  })

  it("refuses an address that is not a shop", async () => {
    render(<OptionsPage />)
    await userEvent.type(screen.getByLabelText(/店铺后台地址/), "mp.weixin.qq.com")
    await userEvent.click(screen.getByRole("button", { name: "添加店铺" }))
    expect((await screen.findByRole("alert")).textContent).toBe("这是微信的地址，无需添加")
  })

  it("lists shops and removing one revokes its access", async () => {
    fake.granted.add("https://shop.example.com/*")
    await getDb().shops.add({ origin: "https://shop.example.com", pattern: "https://shop.example.com/*", addedAt: 1, lastSeenAt: null })
    render(<OptionsPage />)
    expect(await screen.findByText("https://shop.example.com")).toBeTruthy()
    await userEvent.click(screen.getByRole("button", { name: "移除" }))
    await waitFor(() => expect(fake.granted.has("https://shop.example.com/*")).toBe(false))
  })

  it("empty: says no shop is enabled", async () => {
    render(<OptionsPage />)
    expect(await screen.findByText("还没有启用任何店铺。")).toBeTruthy()
  })
})
