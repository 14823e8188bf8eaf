// Two shops and two mini programs in one browser: the console's account read from its header,
// linked once to a shop, and goods, rooms, the picker and the queue kept to that account and its
// shop (background/accounts.ts, core/accounts.ts, fake IndexedDB).
import { beforeEach, describe, expect, it } from "vitest"
import { goodsKey } from "~core/accounts"

import { linkAccount, recordAccount, sameAccount, shopOfAccount } from "~background/accounts"
import { candidates, recordSeen } from "~background/goods"
import { driftedGoods } from "~background/room-goods"
import { queueCommand } from "~background/queue"
import { recordQualification, recordRooms } from "~background/rooms"
import { goodsBelongsTo } from "~core/accounts"
import { qualificationKey } from "~db/facts"
import { readGoodsRows } from "~db/overview"
import { plannedGoods } from "~db/room-goods"
import { getDb, type ProductRecord } from "~db/schema"
import type { GoodsRowMessage, WechatRoomMessage } from "~protocol/messages"
import { readAccountName } from "~sites/wechat/console"

import { productRecord } from "../support/factories"

const db = getDb()
const A = "https://a.example.com"
const B = "https://b.example.com"
const NOW = new Date(2030, 0, 15, 10, 0).getTime()
const link = (id: number) => `pages/productdetail/productdetail?id=${id}`

beforeEach(async () => {
  await db.open()
  await Promise.all(db.tables.map((t) => t.clear()))
})

function product(shop: string, id: number): ProductRecord {
  return productRecord({ key: `${shop}|${id}`, shopOrigin: shop, productId: id, link: link(id), capturedAt: id, updatedAt: id })
}
const row = (id: number, status: GoodsRowMessage["status"] = "reviewing"): GoodsRowMessage => ({
  name: `商品${id}`,
  priceText: "¥1.00",
  url: link(id),
  status,
  statusText: "审核中",
  rejectReason: null
})
const room = (roomId: number): WechatRoomMessage => ({
  roomId,
  name: `直播${roomId}`,
  anchorName: "小美",
  anchorWechat: null,
  start: NOW + 3600_000,
  end: null,
  liveStatus: 102,
  statusText: "未开始",
  coverUrl: null
})

async function twoShops() {
  await db.products.bulkPut([product(A, 130), product(A, 19), product(B, 130), product(B, 118)])
}

describe("accounts and their shop", () => {
  it("asks when there are several shops, links by itself when there is one, and remembers the choice", async () => {
    await db.products.put(product(A, 19))
    expect(await recordAccount(db, { name: "小程序甲" }, NOW)).toEqual({ name: "小程序甲", shopOrigin: A, shops: [A] })
    await db.products.put(product(B, 118))
    expect(await recordAccount(db, { name: "小程序乙" }, NOW)).toEqual({ name: "小程序乙", shopOrigin: null, shops: [A, B] })
    expect(await linkAccount(db, { name: "小程序乙", shopOrigin: "https://nowhere.example.com" }, NOW)).toBeNull()
    expect(await linkAccount(db, { name: "小程序乙", shopOrigin: B }, NOW + 1)).toMatchObject({ shopOrigin: B })
    expect(await recordAccount(db, { name: "小程序乙" }, NOW + 2)).toMatchObject({ shopOrigin: B })
    expect(await db.wechatAccounts.get("小程序乙")).toMatchObject({ shopOrigin: B, linkedAt: NOW + 1, firstSeenAt: NOW, seenAt: NOW + 2 })
    expect(await shopOfAccount(db, "小程序甲")).toBe(A)
    // A page that shows no account: the only account's shop, else unknown.
    expect(await shopOfAccount(db, null)).toBeNull()
  })

  it("the first account takes over what was read before accounts were known", async () => {
    await recordSeen(db, { rows: [row(130)], shelf: "pending" }, NOW)
    await recordRooms(db, { rooms: [room(1)], complete: true }, NOW, async () => undefined)
    await recordAccount(db, { name: "小程序甲" }, NOW + 1)
    expect((await db.wechatGoods.get(goodsKey("小程序甲", link(130))))!.account).toBe("小程序甲")
    expect((await db.wechatRooms.get(1))!.account).toBe("小程序甲")
  })

  it("goods read on one mini program match its shop's products only; the picker and the queue offer only them", async () => {
    await twoShops()
    await db.wechatAccounts.bulkPut([
      { name: "甲", shopOrigin: A, firstSeenAt: NOW, seenAt: NOW, linkedAt: NOW },
      { name: "乙", shopOrigin: B, firstSeenAt: NOW, seenAt: NOW, linkedAt: NOW }
    ])
    expect(await recordSeen(db, { rows: [row(130, "approved")], shelf: "approved", account: "甲" }, NOW)).toBe(1)
    const rows = Object.fromEntries((await readGoodsRows(db)).rows.map((r) => [r.product.key, r.goods?.status ?? null]))
    expect(rows).toEqual({ [`${A}|130`]: "approved", [`${A}|19`]: null, [`${B}|130`]: null, [`${B}|118`]: null })

    const picked = await candidates(db, { query: "", limit: 20, account: "乙" })
    expect(picked.items.map((c) => c.key).sort()).toEqual([`${B}|118`, `${B}|130`])
    // B's 130 is not in B's library, whatever A's library holds.
    expect(picked.items.find((c) => c.key === `${B}|130`)!.goodsStatus).toBeNull()

    const queue = await queueCommand(db, "start", NOW, "乙")
    expect(queue).toMatchObject({ state: "running", total: 2 })
    const fromA = await queueCommand(db, "start", NOW, "甲")
    expect(fromA).toMatchObject({ total: 1, current: { key: `${A}|19` } })
  })

  it("the same link in two mini programs keeps two states: each shop's product sees its own in rows, picker, queue, plans and drift", async () => {
    await twoShops()
    await db.wechatAccounts.bulkPut([
      { name: "甲", shopOrigin: A, firstSeenAt: NOW, seenAt: NOW, linkedAt: NOW },
      { name: "乙", shopOrigin: B, firstSeenAt: NOW, seenAt: NOW, linkedAt: NOW }
    ])
    // Every product at ¥1.00, as WeChat's rows below show unless said otherwise.
    await db.products.toCollection().modify({ priceLowFen: 100, priceHighFen: 100 })
    // Both shops have product 130 (the same link): 甲 holds it rejected, then 乙 approved at another price.
    await recordSeen(db, { rows: [{ ...row(130, "rejected"), rejectReason: "图片不清晰" }], shelf: "pending", account: "甲" }, NOW)
    await recordSeen(db, { rows: [{ ...row(130, "approved"), priceText: "¥2.00" }], shelf: "approved", account: "乙" }, NOW + 1)
    expect((await db.wechatGoods.toArray()).map((g) => [g.key, g.status]).sort()).toEqual([
      [goodsKey("乙", link(130)), "approved"],
      [goodsKey("甲", link(130)), "rejected"]
    ])
    // A later reading of 甲 changes only 甲's record.
    await recordSeen(db, { rows: [{ ...row(130, "rejected"), rejectReason: null }], shelf: "pending", account: "甲" }, NOW + 2)
    expect(await db.wechatGoods.get(goodsKey("甲", link(130)))).toMatchObject({
      status: "rejected",
      rejectReason: "图片不清晰",
      firstSeenAt: NOW,
      seenAt: NOW + 2
    })
    expect(await db.wechatGoods.get(goodsKey("乙", link(130)))).toMatchObject({ status: "approved", seenAt: NOW + 1, priceLowFen: 200 })

    const rows = Object.fromEntries((await readGoodsRows(db)).rows.map((r) => [r.product.key, r.goods?.status ?? null]))
    expect(rows).toEqual({ [`${A}|130`]: "rejected", [`${A}|19`]: null, [`${B}|130`]: "approved", [`${B}|118`]: null })
    const stateOf = async (account: string) =>
      Object.fromEntries((await candidates(db, { query: "", limit: 20, account })).items.map((c) => [c.key, [c.goodsStatus, c.rejectReason, c.drift]]))
    expect(await stateOf("甲")).toEqual({ [`${A}|130`]: ["rejected", "图片不清晰", false], [`${A}|19`]: [null, null, false] })
    // B's 130 costs ¥1.00 at HiMall and ¥2.00 on 乙's WeChat: it drifts; A's does not.
    expect(await stateOf("乙")).toEqual({ [`${B}|130`]: ["approved", null, true], [`${B}|118`]: [null, null, false] })
    expect((await driftedGoods(db)).map((d) => d.productKey)).toEqual([`${B}|130`])
    expect(await driftedGoods(db, "甲")).toEqual([])

    // The queue: A's 130 is held by 甲 (rejected), so only 19; B's are 130 held and 118 not.
    expect(await queueCommand(db, "start", NOW, "甲")).toMatchObject({ total: 1, current: { key: `${A}|19` } })
    expect(await queueCommand(db, "start", NOW, "乙")).toMatchObject({ total: 1, current: { key: `${B}|118` } })

    // A room plan's goods: each product with its own shop's state.
    const planned = await plannedGoods(db, { goods: [`${A}|130`, `${B}|130`], roomId: null })
    expect(planned.map((g) => [g.productKey, g.state])).toEqual([
      [`${A}|130`, "rejected"],
      [`${B}|130`, "approved"]
    ])
  })

  it("a page without its account writes to the only account, else to the link's one record, else to none", async () => {
    await db.wechatAccounts.put({ name: "甲", shopOrigin: A, firstSeenAt: NOW, seenAt: NOW, linkedAt: NOW })
    await recordSeen(db, { rows: [row(130)], shelf: "pending" }, NOW)
    expect((await db.wechatGoods.toCollection().primaryKeys()) as string[]).toEqual([goodsKey("甲", link(130))])
    await db.wechatAccounts.put({ name: "乙", shopOrigin: B, firstSeenAt: NOW, seenAt: NOW, linkedAt: NOW })
    await recordSeen(db, { rows: [row(130, "approved"), row(118)], shelf: null }, NOW + 1)
    expect((await db.wechatGoods.toArray()).map((g) => [g.key, g.status]).sort()).toEqual([
      [goodsKey(null, link(118)), "reviewing"],
      [goodsKey("甲", link(130)), "approved"]
    ])
  })

  it("keys goods by account and link whatever a writer passes as key", async () => {
    await db.wechatGoods.put({
      key: "wrong",
      account: "甲",
      url: link(1),
      name: "n",
      status: "draft",
      statusText: "",
      rejectReason: null,
      priceLowFen: null,
      priceHighFen: null,
      discount: false,
      firstSeenAt: 1,
      seenAt: 1,
      statusSince: 1
    })
    expect((await db.wechatGoods.toCollection().primaryKeys()) as string[]).toEqual([goodsKey("甲", link(1))])
  })

  it("a complete room list of one mini program marks only its own rooms gone", async () => {
    await db.wechatAccounts.bulkPut([
      { name: "甲", shopOrigin: A, firstSeenAt: NOW, seenAt: NOW, linkedAt: NOW },
      { name: "乙", shopOrigin: B, firstSeenAt: NOW, seenAt: NOW, linkedAt: NOW }
    ])
    await recordRooms(db, { rooms: [room(1), room(2)], complete: true, account: "甲" }, NOW, async () => undefined)
    await recordRooms(db, { rooms: [room(101)], complete: true, account: "乙" }, NOW + 1, async () => undefined)
    expect((await db.wechatRooms.toArray()).map((r) => [r.roomId, r.account, r.goneAt])).toEqual([
      [1, "甲", null],
      [2, "甲", null],
      [101, "乙", null]
    ])
    await recordRooms(db, { rooms: [room(1)], complete: true, account: "甲" }, NOW + 2, async () => undefined)
    expect((await db.wechatRooms.toArray()).map((r) => [r.roomId, r.goneAt])).toEqual([
      [1, null],
      [2, NOW + 2],
      [101, null]
    ])
  })

  it("keeps each mini program's qualification apart, beside the latest reading", async () => {
    const url = "https://mp.weixin.qq.com/wxamp/index/index?token=1"
    await recordQualification(db, "opened", url, NOW, "甲")
    await recordQualification(db, "unqualified", url, NOW + 1, "乙")
    expect((await db.facts.get(qualificationKey("甲")))!.value).toMatchObject({ state: "opened" })
    expect((await db.facts.get(qualificationKey("乙")))!.value).toMatchObject({ state: "unqualified" })
    expect((await db.facts.get("qualification"))!.value).toMatchObject({ state: "unqualified" })
    // 乙's menu later lists 直播: only 乙's stale 'unqualified' goes.
    await recordQualification(db, "listed", url, NOW + 2, "乙")
    expect(await db.facts.get(qualificationKey("乙"))).toBeUndefined()
    expect((await db.facts.get(qualificationKey("甲")))!.value).toMatchObject({ state: "opened" })
  })

  it("records and pages without an account belong to the only account", () => {
    expect(sameAccount(null, "甲", 1)).toBe(true)
    expect(sameAccount(null, "甲", 2)).toBe(false)
    expect(sameAccount("乙", "甲", 2)).toBe(false)
    expect(goodsBelongsTo(null, A, new Map([["甲", B]]))).toBe(true)
    expect(goodsBelongsTo("甲", A, new Map([["甲", null]]))).toBe(true)
    expect(goodsBelongsTo("甲", A, new Map([["甲", B]]))).toBe(false)
  })
})

describe("the account on the page", () => {
  it("is the name beside 微信公众平台 in the MP header, not the logo's words or the avatar's initial", () => {
    document.body.innerHTML =
      `<div class="head"><div class="inner"><a href="/"><span></span>微信公众平台<span>小程序</span></a>` +
      `<div class="account"><span>H</span><span>HiMall商城</span></div></div></div><div class="menu"><a>直播</a></div>`
    expect(readAccountName(document)).toBe("HiMall商城")
    // The live console alone has no header: not known.
    document.body.innerHTML = `<div role="tablist"><a>直播间管理</a><a>商品库</a></div>`
    expect(readAccountName(document)).toBeNull()
  })
})
