// The WeChat messages: their validators (payloads come from the console page's DOM and are
// untrusted) and the router's rule that only the WeChat console's own origins may send them.
import type { Runtime } from "webextension-polyfill"
import { beforeEach, describe, expect, it } from "vitest"

import { createRouter } from "~background/router"
import { isWechatOrigin } from "~core/origins"
import { getDb, type ProductRecord } from "~db/schema"
import { parseEnvelope, WECHAT_MESSAGES, type GoodsRowMessage, type MessageType } from "~protocol/messages"

import { productRecord, rawProduct, SHOP } from "../support/factories"

const KEY = `${SHOP}|19`
const row = (over: Partial<GoodsRowMessage> = {}): GoodsRowMessage => ({
  name: "天使旅行箱",
  priceText: "¥399.00 - ¥488.00",
  url: "pages/productdetail/productdetail?id=19",
  status: "rejected",
  statusText: "审核未通过",
  rejectReason: "图片不清晰",
  ...over
})

const VALID: Record<string, { type: MessageType; payload: unknown }> = {
  "goods.candidates": { type: "goods.candidates", payload: { query: "旅行箱", limit: 20 } },
  "goods.candidates, empty query, limits": { type: "goods.candidates", payload: { query: "", limit: 200 } },
  "goods.candidates, longest query": { type: "goods.candidates", payload: { query: "x".repeat(200), limit: 1 } },
  "goods.prepare": { type: "goods.prepare", payload: { productKey: KEY, fit: null } },
  "goods.prepare, crop": { type: "goods.prepare", payload: { productKey: "http://10.0.0.5:8080|7", fit: "crop" } },
  "cover.warm": { type: "cover.warm", payload: { productKeys: [KEY, `${SHOP}|20`] } },
  "cover.warm, 20 keys": { type: "cover.warm", payload: { productKeys: Array.from({ length: 20 }, (_, i) => `${SHOP}|${i + 1}`) } },
  "goods.seen": { type: "goods.seen", payload: { rows: [row(), row({ status: null, statusText: "", rejectReason: null })], shelf: "pending" } },
  "goods.seen, no rows, no shelf": { type: "goods.seen", payload: { rows: [], shelf: null } },
  "goods.seen, 500 rows": { type: "goods.seen", payload: { rows: Array.from({ length: 500 }, () => row()), shelf: "approved" } },
  "goods.filled": { type: "goods.filled", payload: { productKey: KEY, outcome: "partial", priceType: 3, price: "99.00", price2: "59.00" } },
  "goods.filled, 一口价": { type: "goods.filled", payload: { productKey: KEY, outcome: "ok", priceType: 1, price: "68.00", price2: "" } },
  "queue.get": { type: "queue.get", payload: {} },
  ...Object.fromEntries(
    (["start", "pause", "resume", "stop", "skip"] as const).map((action) => [
      `queue.command ${action}`,
      { type: "queue.command" as const, payload: { action } }
    ])
  )
}

describe("parseEnvelope, WeChat messages", () => {
  it.each(Object.entries(VALID))("accepts %s", (_, { type, payload }) => {
    expect(parseEnvelope({ lh: 1, type, payload })).toEqual({ lh: 1, type, payload })
  })

  it("are all WeChat messages (sent from the console only)", () => {
    const goodsTypes = new Set(Object.values(VALID).map((v) => v.type))
    expect(goodsTypes.size).toBe(7)
    for (const t of goodsTypes) expect(WECHAT_MESSAGES).toContain(t)
    expect(WECHAT_MESSAGES).not.toContain("product.capture")
  })

  it("keeps only the known fields of a row", () => {
    const env = parseEnvelope({ lh: 1, type: "goods.seen", payload: { rows: [{ ...row(), onclick: "x" }], shelf: null, extra: 1 } })
    expect(env?.payload).toEqual({ rows: [row()], shelf: null })
  })

  const bad: [string, MessageType, unknown][] = [
    // goods.candidates
    ["query not text", "goods.candidates", { query: 19, limit: 10 }],
    ["query too long", "goods.candidates", { query: "x".repeat(201), limit: 10 }],
    ["limit 0", "goods.candidates", { query: "", limit: 0 }],
    ["limit too big", "goods.candidates", { query: "", limit: 201 }],
    ["limit not whole", "goods.candidates", { query: "", limit: 1.5 }],
    ["limit as text", "goods.candidates", { query: "", limit: "10" }],
    ["no limit", "goods.candidates", { query: "" }],
    ["payload not an object", "goods.candidates", "旅行箱"],
    // goods.prepare
    ["product key without a shop", "goods.prepare", { productKey: "19", fit: null }],
    ["product key with a text id", "goods.prepare", { productKey: `${SHOP}|abc`, fit: null }],
    ["product key of another scheme", "goods.prepare", { productKey: "javascript:alert(1)|1", fit: null }],
    ["product key with a space", "goods.prepare", { productKey: "https://a b|1", fit: null }],
    ["product key with a huge origin", "goods.prepare", { productKey: `https://${"a".repeat(201)}|1`, fit: null }],
    ["product key not text", "goods.prepare", { productKey: 19, fit: null }],
    ["unknown fit", "goods.prepare", { productKey: KEY, fit: "stretch" }],
    ["missing fit", "goods.prepare", { productKey: KEY }],
    // cover.warm
    ["too many keys", "cover.warm", { productKeys: Array.from({ length: 21 }, (_, i) => `${SHOP}|${i + 1}`) }],
    ["a bad key among good ones", "cover.warm", { productKeys: [KEY, "evil"] }],
    ["keys not a list", "cover.warm", { productKeys: KEY }],
    // goods.seen
    ["too many rows", "goods.seen", { rows: Array.from({ length: 501 }, () => row()), shelf: null }],
    ["unknown status", "goods.seen", { rows: [{ ...row(), status: "deleted" }], shelf: null }],
    ["status as the console's text", "goods.seen", { rows: [{ ...row(), status: "审核中" }], shelf: null }],
    ["unknown shelf", "goods.seen", { rows: [row()], shelf: "archive" }],
    ["missing shelf", "goods.seen", { rows: [row()] }],
    ["name not text", "goods.seen", { rows: [{ ...row(), name: 19 }], shelf: null }],
    ["name too long", "goods.seen", { rows: [{ ...row(), name: "名".repeat(2001) }], shelf: null }],
    ["url too long", "goods.seen", { rows: [{ ...row(), url: "p".repeat(2001) }], shelf: null }],
    ["price text too long", "goods.seen", { rows: [{ ...row(), priceText: "1".repeat(201) }], shelf: null }],
    ["status text too long", "goods.seen", { rows: [{ ...row(), statusText: "审".repeat(201) }], shelf: null }],
    ["reason too long", "goods.seen", { rows: [{ ...row(), rejectReason: "因".repeat(2001) }], shelf: null }],
    ["reason missing", "goods.seen", { rows: [{ ...row(), rejectReason: undefined }], shelf: null }],
    ["reason not text", "goods.seen", { rows: [{ ...row(), rejectReason: 1 }], shelf: null }],
    ["row not an object", "goods.seen", { rows: ["天使旅行箱"], shelf: null }],
    ["rows not a list", "goods.seen", { rows: row(), shelf: null }],
    // goods.filled
    ["bad product key", "goods.filled", { productKey: "19", outcome: "ok", priceType: 1, price: "1.00", price2: "" }],
    ["unknown outcome", "goods.filled", { productKey: KEY, outcome: "done", priceType: 1, price: "1.00", price2: "" }],
    ["unknown price type", "goods.filled", { productKey: KEY, outcome: "ok", priceType: 4, price: "1.00", price2: "" }],
    ["price type as text", "goods.filled", { productKey: KEY, outcome: "ok", priceType: "1", price: "1.00", price2: "" }],
    ["price too long", "goods.filled", { productKey: KEY, outcome: "ok", priceType: 1, price: "1".repeat(41), price2: "" }],
    ["price not text", "goods.filled", { productKey: KEY, outcome: "ok", priceType: 1, price: 1, price2: "" }],
    ["no second price", "goods.filled", { productKey: KEY, outcome: "ok", priceType: 2, price: "1.00" }],
    // queue
    ["queue.get without an object", "queue.get", null],
    ["queue.get with a list", "queue.get", []],
    ["unknown action", "queue.command", { action: "restart" }],
    ["action missing", "queue.command", {}],
    ["action not text", "queue.command", { action: 1 }]
  ]
  it.each(bad)("refuses %s (%s)", (_, type, payload) => {
    expect(parseEnvelope({ lh: 1, type, payload })).toBeNull()
  })

  it("refuses unknown types and a wrong marker", () => {
    expect(parseEnvelope({ lh: 1, type: "goods.delete", payload: {} })).toBeNull()
    expect(parseEnvelope({ lh: 2, type: "queue.get", payload: {} })).toBeNull()
    expect(parseEnvelope({ type: "queue.get", payload: {} })).toBeNull()
  })
})

describe("router, WeChat messages", () => {
  const db = getDb()
  const EXT = "fake-extension-id"
  const MP = "https://mp.weixin.qq.com/wxamp/frame/live/goods/index?token=1&lang=zh_CN"
  const LIVE = "https://live.weixin.qq.com/livemp/goods/index?token=1&lang=zh_CN"
  const route = createRouter({ db, extensionId: EXT, isShopOrigin: async (o) => o === SHOP, now: () => 5000 })
  const sender = (url: string, over: Partial<Runtime.MessageSender> & { origin?: string } = {}): Runtime.MessageSender =>
    ({
      id: EXT,
      tab: { id: 1, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
      frameId: 0,
      url,
      origin: new URL(url).origin,
      ...over
    }) as Runtime.MessageSender
  const msg = (type: MessageType, payload: unknown) => ({ lh: 1, type, payload })
  const candidatesMsg = msg("goods.candidates", { query: "", limit: 10 })

  const product = (id: number, over: Partial<ProductRecord> = {}) =>
    productRecord({ key: `${SHOP}|${id}`, productId: id, link: `pages/productdetail/productdetail?id=${id}`, capturedAt: id, imageUrl: null, ...over })

  beforeEach(async () => {
    await db.open()
    await Promise.all(db.tables.map((t) => t.clear()))
    await db.products.bulkPut([product(19), product(7, { name: "保温杯大容量" })])
  })

  it("knows both console origins, and no look-alike", () => {
    expect(["https://mp.weixin.qq.com", "https://live.weixin.qq.com", "https://MP.weixin.qq.com"].map(isWechatOrigin)).toEqual([true, true, true])
    expect(["http://mp.weixin.qq.com", "https://mp.weixin.qq.com.evil.test", "https://weixin.qq.com", "not a url"].map(isWechatOrigin)).toEqual([
      false,
      false,
      false,
      false
    ])
  })

  it.each([MP, LIVE])("answers goods.candidates from %s", async (url) => {
    const reply = await route(candidatesMsg, sender(url))
    expect(reply).toMatchObject({ ok: true, data: { total: 2 } })
    expect((reply as { data: { items: { productId: number }[] } }).data.items.map((i) => i.productId)).toEqual([19, 7])
  })

  it("takes the origin from the URL when the sender has none (a frame)", async () => {
    expect(await route(candidatesMsg, sender(LIVE, { origin: undefined }))).toMatchObject({ ok: true })
    expect(await route(candidatesMsg, sender(MP, { origin: "null" }))).toMatchObject({ ok: true })
  })

  const notWechat = { ok: false, code: "sender_not_wechat" }
  it.each([
    ["an enabled HiMall shop", `${SHOP}/Admin/Product/Management`],
    ["another site", "https://evil.example/wxamp/frame/live/goods/index"],
    ["a look-alike host", "https://mp.weixin.qq.com.evil.example/live"],
    ["plain http", "http://mp.weixin.qq.com/wxamp/frame/live/goods/index"],
    ["another WeChat host", "https://weixin.qq.com/live"]
  ])("refuses WeChat messages from %s", async (_, url) => {
    for (const [type, payload] of Object.entries(VALID).map(([, v]) => [v.type, v.payload] as const)) {
      expect(await route(msg(type, payload), sender(url))).toEqual(notWechat)
    }
    expect(await db.wechatGoods.count()).toBe(0)
    expect(await db.jobs.count()).toBe(0)
  })

  it("believes the sender's origin over its URL", async () => {
    expect(await route(candidatesMsg, sender(MP, { origin: "https://evil.example" }))).toEqual(notWechat)
  })

  it("refuses WeChat messages from the extension's own pages", async () => {
    const popup = sender(`chrome-extension://${EXT}/popup.html`, { tab: undefined })
    expect(await route(candidatesMsg, popup)).toEqual(notWechat)
    expect(await route(msg("queue.command", { action: "start" }), popup)).toEqual(notWechat)
    expect(await db.jobs.count()).toBe(0)
  })

  it("ignores other extensions and senders without a tab", async () => {
    expect(await route(candidatesMsg, sender(MP, { id: "other-extension" }))).toBeUndefined()
    expect(await route(candidatesMsg, sender(MP, { tab: undefined }))).toBeUndefined()
    expect(await route(msg("queue.command", { action: "start" }), sender(MP, { tab: undefined }))).toBeUndefined()
    expect(await db.jobs.count()).toBe(0)
  })

  it("refuses malformed WeChat messages and senders without a URL", async () => {
    expect(await route(msg("goods.candidates", { query: "", limit: 0 }), sender(MP))).toEqual({ ok: false, code: "invalid_message" })
    expect(await route(candidatesMsg, { ...sender(MP), url: undefined })).toEqual({ ok: false, code: "unknown_sender" })
  })

  it("refuses HiMall captures from the WeChat console", async () => {
    expect(await route(msg("product.capture", { products: [rawProduct({ productId: "88" })] }), sender(MP))).toEqual({
      ok: false,
      code: "sender_not_shop"
    })
    expect(await db.products.get(`${SHOP}|88`)).toBeUndefined()
  })

  it("runs the goods flow: queue, fill, table seen", async () => {
    const live = sender(LIVE)
    const start = await route(msg("queue.command", { action: "start" }), live)
    expect(start).toMatchObject({ ok: true, data: { queue: { state: "running", total: 2, current: { productId: 7 } } } })

    const prep = await route(msg("goods.prepare", { productKey: `${SHOP}|7`, fit: null }), live)
    expect(prep).toMatchObject({ ok: true, data: { product: { productId: 7 }, cover: { ok: false, problem: "image_missing" } } })
    expect(await route(msg("goods.prepare", { productKey: `${SHOP}|404`, fit: null }), live)).toEqual({ ok: false, code: "no_such_product" })

    const filled = await route(msg("goods.filled", { productKey: `${SHOP}|7`, outcome: "partial", priceType: 1, price: "399.00", price2: "" }), live)
    expect(filled).toEqual({ ok: true, data: { recorded: true } })
    expect((await db.products.get(`${SHOP}|7`))?.lastFill).toEqual({ at: 5000, outcome: "partial", priceType: 1, priceLowFen: 39900, priceHighFen: 39900 })

    const seen = await route(
      msg("goods.seen", { rows: [row({ url: "pages/productdetail/productdetail?id=7", status: "reviewing", rejectReason: null })], shelf: "pending" }),
      live
    )
    expect(seen).toMatchObject({ ok: true, data: { matched: 1, queue: { state: "running", done: 1, current: { productId: 19 } } } })
    expect(await route(msg("queue.get", {}), sender(MP))).toMatchObject({ ok: true, data: { queue: { done: 1, current: { productId: 19 } } } })

    expect(await route(msg("cover.warm", { productKeys: [`${SHOP}|7`] }), live)).toEqual({ ok: true, data: { queued: 1 } })
  })
})
