// The facts table through db/facts.ts: one value type per key pattern, typed reads with the time
// of the record, tolerant of fields that cannot be read, and the same validators as the backup.
import { beforeEach, describe, expect, it } from "vitest"

import {
  entranceFactKey,
  factKeysUnder,
  factsUnder,
  getFact,
  hasFact,
  isFactKey,
  PAGE_FACT,
  putFact,
  QUALIFICATION_FACT,
  qualificationKey,
  REMINDED_PREFIX,
  remindedFactKey,
  roomsReadFactKey,
  validFact
} from "~db/facts"
import { getDb } from "~db/schema"

const db = getDb()
const SHOP = "https://shop.example.com"

beforeEach(async () => {
  await db.open()
  await Promise.all(db.tables.map((t) => t.clear()))
})

describe("facts", () => {
  it("are written with their key's type and read back with the time of the record", async () => {
    await putFact(db, QUALIFICATION_FACT, { state: "opened", url: "https://mp.weixin.qq.com/wxamp/frame/live" }, 5)
    await putFact(db, qualificationKey("甲"), { state: "not_opened", url: "" }, 6)
    await putFact(db, entranceFactKey(SHOP), { found: true, name: "小程序直播", kind: "image_nav" }, 7)
    await putFact(db, roomsReadFactKey(SHOP), { at: 8, listPath: "/SellerAdmin/Live/List", total: 2, complete: true }, 8)
    expect(await getFact(db, QUALIFICATION_FACT)).toEqual({ state: "opened", url: "https://mp.weixin.qq.com/wxamp/frame/live", seenAt: 5 })
    expect(await getFact(db, qualificationKey("甲"))).toEqual({ state: "not_opened", url: "", seenAt: 6 })
    expect((await factsUnder(db, "entrance|")).get(SHOP)).toEqual({ found: true, name: "小程序直播", kind: "image_nav", seenAt: 7 })
    expect([...(await factsUnder(db, "shopRoomsRead|")).entries()]).toEqual([
      [SHOP, { at: 8, listPath: "/SellerAdmin/Live/List", total: 2, complete: true, seenAt: 8 }]
    ])
    expect(await getFact(db, qualificationKey("乙"))).toBeNull()
    // The key is the one stored: the backup sees the same records.
    expect(await db.facts.get(entranceFactKey(SHOP))).toEqual({
      key: `entrance|${SHOP}`,
      value: { found: true, name: "小程序直播", kind: "image_nav" },
      seenAt: 7
    })
  })

  it("read tolerantly: an unreadable field that may be unknown is null; an unreadable required one is no fact", async () => {
    await db.facts.bulkPut([
      { key: QUALIFICATION_FACT, value: { state: "opened" }, seenAt: 1 },
      { key: entranceFactKey(SHOP), value: { found: true, name: 5, kind: "imageNav", extra: 1 }, seenAt: 2 },
      { key: entranceFactKey("https://b.example.com"), value: { name: "x" }, seenAt: 3 },
      { key: PAGE_FACT.wechatGoods, value: "https://mp.weixin.qq.com/", seenAt: 4 }
    ])
    expect(await getFact(db, QUALIFICATION_FACT)).toEqual({ state: "opened", url: null, seenAt: 1 })
    expect([...(await factsUnder(db, "entrance|")).entries()]).toEqual([[SHOP, { found: true, name: null, kind: null, seenAt: 2 }]])
    expect(await getFact(db, PAGE_FACT.wechatGoods)).toBeNull()
  })

  it("reminders are known by their keys, whatever their value", async () => {
    const key = remindedFactKey(7, 9000)
    expect(key).toBe("reminded|7|9000")
    expect(await hasFact(db, key)).toBe(false)
    await db.facts.put({ key, value: null, seenAt: 1 })
    expect(await hasFact(db, key)).toBe(true)
    expect(await getFact(db, key)).toBeNull()
    expect(await factKeysUnder(db, REMINDED_PREFIX)).toEqual([key])
  })

  it("keys and values are checked as the backup checks them", () => {
    expect(isFactKey("qualification")).toBe(true)
    expect(isFactKey(`page|himall|${SHOP}`)).toBe(true)
    expect(isFactKey("page|other")).toBe(false)
    expect(isFactKey("mystery")).toBe(false)
    expect(validFact(PAGE_FACT.himall(SHOP), { url: `${SHOP}/Admin/Live/Management` })).toBe(true)
    expect(validFact(PAGE_FACT.himall(SHOP), { url: 1 })).toBe(false)
    expect(validFact(entranceFactKey(SHOP), { found: false, name: null })).toBe(true)
    expect(validFact(entranceFactKey(SHOP), { found: "no", name: null, kind: null })).toBe(false)
  })
})
