import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { HIMALL_SCRIPT_ID, injectIntoOpenTabs, isShopOrigin, syncShops } from "~background/shops"
import { HelperDb } from "~db/schema"
import { addShop, checkShopInput, removeShop } from "~options/shops"

import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

let fake: FakeChrome
let db: HelperDb
let n = 0
beforeEach(async () => {
  fake = installFakeChrome()
  db = new HelperDb(`shops-${n++}`)
  await db.open()
})
afterEach(() => db.delete())

describe("shops", () => {
  it("registers nothing while no shop is granted", async () => {
    expect(await syncShops(db, 1)).toEqual([])
    expect(fake.registered.size).toBe(0)
    expect(await db.shops.count()).toBe(0)
  })

  it("registers the HiMall script for granted shops and mirrors them", async () => {
    expect(await addShop("https://shop.example.com/Admin/Product/Management")).toEqual({ ok: true, origin: "https://shop.example.com" })
    await syncShops(db, 1)
    expect(fake.registered.get(HIMALL_SCRIPT_ID)).toMatchObject({
      js: ["himall-admin.abc123.js"],
      matches: ["https://shop.example.com/*"],
      persistAcrossSessions: true
    })
    expect(await db.shops.toArray()).toEqual([{ origin: "https://shop.example.com", pattern: "https://shop.example.com/*", addedAt: 1, lastSeenAt: null }])
    expect(await isShopOrigin("https://shop.example.com")).toBe(true)
    expect(await isShopOrigin("https://mp.weixin.qq.com")).toBe(false)
  })

  it("follows the new file name after an extension update", async () => {
    await addShop("shop.example.com")
    await syncShops(db, 1)
    fake.manifest.content_scripts![0].js = ["himall-admin.new456.js"]
    await syncShops(db, 2)
    expect(fake.registered.get(HIMALL_SCRIPT_ID)?.js).toEqual(["himall-admin.new456.js"])
    expect((await db.shops.toArray())[0].addedAt).toBe(1)
  })

  it("removing a shop revokes it and unregisters the script", async () => {
    await addShop("shop.example.com")
    await syncShops(db, 1)
    await removeShop("https://shop.example.com/*")
    await syncShops(db, 2)
    expect(fake.granted.has("https://shop.example.com/*")).toBe(false)
    expect(fake.registered.size).toBe(0)
    expect(await db.shops.count()).toBe(0)
  })

  it("refuses bad input and denied prompts", async () => {
    expect(checkShopInput("not a url")).toEqual({ ok: false, reason: "invalid" })
    expect(checkShopInput("https://mp.weixin.qq.com")).toEqual({ ok: false, reason: "wechat" })
    fake.grantNext = false
    expect(await addShop("shop.example.com")).toEqual({ ok: false, reason: "denied" })
  })

  it("runs the script in tabs already open on a granted shop", async () => {
    fake.tabs = [
      { id: 3, url: "https://shop.example.com/Admin/Product/Management" } as chrome.tabs.Tab,
      { id: 4, url: "https://other.example.com/" } as chrome.tabs.Tab
    ]
    await injectIntoOpenTabs(["https://shop.example.com/*"])
    expect(fake.injected).toEqual([{ tabId: 3, files: ["himall-admin.abc123.js"], allFrames: true }])
  })
})
