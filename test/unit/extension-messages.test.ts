// Messages of the extension's own pages: validation, who may send them, what they change; the
// badge and the pages recorded after other messages.
import { beforeEach, describe, expect, it } from "vitest"

import { afterHandled } from "~background/after-handled"
import { computeBadge } from "~background/badge"
import { createRouter } from "~background/router"
import { getDb } from "~db/schema"
import { parseEnvelope, SENDERS } from "~protocol/messages"

import { installLocaleFetch } from "../support/extension-send"
import { productRecord } from "../support/factories"
import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

const ID = "fake-extension-id"
const OPTIONS = { id: ID, url: `chrome-extension://${ID}/options.html` }
const SHOP_TAB = { id: ID, url: "https://shop.example.com/Admin/Live/Management", tab: { id: 3 } as chrome.tabs.Tab }
const WECHAT_TAB = { id: ID, url: "https://live.weixin.qq.com/livemp/goods/index?token=123", tab: { id: 4 } as chrome.tabs.Tab }
const OTHER_TAB = { id: ID, url: "https://elsewhere.example.com/", tab: { id: 5 } as chrome.tabs.Tab }

let fake: FakeChrome
const route = () => createRouter({ db: getDb(), extensionId: ID, isShopOrigin: async (o) => o === "https://shop.example.com" })
const msg = (type: string, payload: unknown) => ({ lh: 1, type, payload })

beforeEach(async () => {
  fake = installFakeChrome()
  installLocaleFetch()
  const db = getDb()
  await Promise.all(db.tables.map((t) => t.clear()))
})

describe("settings.set", () => {
  it("accepts each preference's values only", () => {
    const ok = (payload: unknown) => parseEnvelope(msg("settings.set", payload)) !== null
    expect(ok({ key: "coverFit", value: "crop" })).toBe(true)
    expect(ok({ key: "coverFit", value: "stretch" })).toBe(false)
    expect(ok({ key: "defaultPriceForm", value: "1" })).toBe(true)
    expect(ok({ key: "defaultPriceForm", value: 1 })).toBe(false)
    expect(ok({ key: "reminderLeadMinutes", value: 1 })).toBe(true)
    expect(ok({ key: "reminderLeadMinutes", value: 1440 })).toBe(true)
    expect(ok({ key: "reminderLeadMinutes", value: 0 })).toBe(false)
    expect(ok({ key: "reminderLeadMinutes", value: 1441 })).toBe(false)
    expect(ok({ key: "reminderLeadMinutes", value: 2.5 })).toBe(false)
    expect(ok({ key: "language", value: "en" })).toBe(true)
    expect(ok({ key: "language", value: "fr" })).toBe(false)
    expect(ok({ key: "somethingElse", value: 1 })).toBe(false)
  })

  it("only the extension's pages may change settings; a new lead re-plans the reminders", async () => {
    expect(await route()(msg("settings.set", { key: "coverFit", value: "crop" }), SHOP_TAB)).toEqual({ ok: false, code: "sender_not_extension" })
    await getDb().wechatRooms.add({
      roomId: 5,
      name: "间",
      anchorName: "猫",
      anchorWechat: null,
      start: Date.now() + 3 * 3600_000,
      end: Date.now() + 5 * 3600_000,
      liveStatus: 102,
      coverUrl: null,
      firstSeenAt: 1,
      seenAt: 1,
      goneAt: null
    })
    const reply = await route()(msg("settings.set", { key: "reminderLeadMinutes", value: 60 }), OPTIONS)
    expect(reply).toEqual({ ok: true, data: { key: "reminderLeadMinutes", value: 60 } })
    expect((await getDb().settings.get("reminderLeadMinutes"))?.value).toBe(60)
    const alarm = [...fake.alarms.values()].find((a) => a.name.startsWith("reminder|5|"))
    expect(alarm).toBeTruthy()
    const start = (await getDb().wechatRooms.get(5))!.start
    expect(alarm!.scheduledTime).toBe(start! - 60 * 60_000)
  })
})

describe("data.clear", () => {
  it("needs its confirmation word, and empties every table", async () => {
    await getDb().products.add(productRecord())
    expect(parseEnvelope(msg("data.clear", {}))).toBeNull()
    expect(parseEnvelope(msg("data.clear", { confirm: "yes" }))).toBeNull()
    const reply = await route()(msg("data.clear", { confirm: "clear-all-data" }), OPTIONS)
    expect(reply?.ok).toBe(true)
    expect(await getDb().products.count()).toBe(0)
    expect(await route()(msg("data.clear", { confirm: "clear-all-data" }), WECHAT_TAB)).toEqual({ ok: false, code: "sender_not_extension" })
  })
})

describe("backup.import", () => {
  it("takes at most 500 records of a known table", () => {
    expect(parseEnvelope(msg("backup.import", { table: "products", rows: [] }))).not.toBeNull()
    expect(parseEnvelope(msg("backup.import", { table: "shops", rows: [] }))).toBeNull()
    expect(parseEnvelope(msg("backup.import", { table: "products", rows: new Array(501).fill({}) }))).toBeNull()
  })
})

describe("prefs.get", () => {
  it("any page of the extension may ask; others may not", async () => {
    expect(SENDERS["prefs.get"]).toBe("any")
    await getDb().settings.put({ key: "language", value: "en" })
    for (const sender of [OPTIONS, SHOP_TAB, WECHAT_TAB]) {
      const reply = await route()(msg("prefs.get", {}), sender)
      expect(reply?.ok).toBe(true)
      expect((reply as { data: { language: string; messages: Record<string, { message: string }> } }).data.messages.popup_title.message).toBe("Live Helper")
    }
    expect(await route()(msg("prefs.get", {}), OTHER_TAB)).toEqual({ ok: false, code: "sender_not_ours" })
    await getDb().settings.put({ key: "language", value: "auto" })
    await getDb().settings.put({ key: "defaultPriceForm", value: "3" })
    expect(await route()(msg("prefs.get", {}), SHOP_TAB)).toEqual({ ok: true, data: { language: "auto", messages: null, defaultPriceForm: "3" } })
  })
})

describe("after a handled message", () => {
  it("the router calls the hook only after a successful handler", async () => {
    const calls: string[] = []
    const r = createRouter({ db: getDb(), extensionId: ID, isShopOrigin: async () => true, onHandled: (type, kind) => calls.push(`${type}:${kind}`) })
    await r(msg("badge.refresh", {}), OPTIONS)
    await r(msg("settings.set", { key: "coverFit", value: "nope" }), OPTIONS)
    await r(msg("settings.set", { key: "coverFit", value: "crop" }), SHOP_TAB)
    expect(calls).toEqual(["badge.refresh:extension"])
  })

  it("remembers WeChat pages without their session token, the HiMall area, and updates the badge", async () => {
    const db = getDb()
    const ctx = (url: string, origin: string) => ({ db, origin, url, now: 1000 })
    await afterHandled(db, "goods.seen", "wechat", ctx(WECHAT_TAB.url, "https://live.weixin.qq.com"))
    await afterHandled(db, "shopRooms.seen", "shop", ctx("https://shop.example.com/SellerAdmin/Live/Management?x=1", "https://shop.example.com"))
    expect(await db.facts.get("page|wechat-goods")).toEqual({
      key: "page|wechat-goods",
      value: { url: "https://live.weixin.qq.com/livemp/goods/index" },
      seenAt: 1000
    })
    expect((await db.facts.get("page|himall|https://shop.example.com"))?.value).toEqual({ url: "https://shop.example.com/SellerAdmin/Live/Management" })
    await db.wechatGoods.add({
      url: "x",
      name: "n",
      status: "rejected",
      statusText: "",
      rejectReason: null,
      priceLowFen: null,
      priceHighFen: null,
      discount: false,
      firstSeenAt: 1,
      seenAt: 1,
      statusSince: 1
    })
    const state = await computeBadge(db)
    expect(state).toMatchObject({ text: "1", needs: 1, color: "#d93025" })
    expect(fake.badge).toEqual({ text: "1", color: "#d93025", title: "直播助手：1 件事需要处理" })
  })

  it("the badge's tooltip follows the language setting", async () => {
    const db = getDb()
    await db.settings.put({ key: "language", value: "en" })
    await db.wechatGoods.add({
      url: "x",
      name: "n",
      status: "rejected",
      statusText: "",
      rejectReason: null,
      priceLowFen: null,
      priceHighFen: null,
      discount: false,
      firstSeenAt: 1,
      seenAt: 1,
      statusSince: 1
    })
    await computeBadge(db)
    expect(fake.badge.title).toBe("Live Helper: 1 things need you")
    await db.settings.delete("language")
    await db.wechatGoods.clear()
    await computeBadge(db)
    expect(fake.badge).toMatchObject({ text: "", title: "HiMall 直播助手" })
  })
})
