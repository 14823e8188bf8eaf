// The goods overview the background keeps (db/overview.ts) so that the popup's first screen and
// the badge do not read every product: it is exactly what a full reading gives, and it is never
// taken for current once products or goods were written — through Dexie, by any code path (the
// write stamp, db/write-stamp.ts), or from outside Dexie (the tables' own stamp).
import { beforeEach, describe, expect, it } from "vitest"
import { goodsKey } from "~core/accounts"

import { computeBadge } from "~background/badge"
import { recordFilled, recordSeen } from "~background/goods"
import { sortGoodsRows, summariseGoods } from "~core/checklist"
import { GOODS_OVERVIEW_KEY, HEAD_SIZE, productOriginsOf, readGoodsHead, readGoodsRows, readGoodsStamp, readSetup, refreshGoodsOverview } from "~db/overview"
import { getDb, type GoodsRecord, type HelperDb } from "~db/schema"
import { GOODS_WRITE_KEY } from "~db/write-stamp"
import { readFirstGoods } from "~ui/use-data"

import { productRecord, SHOP } from "../support/factories"

const link = (id: number) => `pages/productdetail/productdetail?id=${id}`

function goods(id: number, over: Partial<GoodsRecord> = {}): GoodsRecord {
  return {
    key: goodsKey(over.account, link(id)),
    url: link(id),
    name: `商品${id}`,
    status: "approved",
    statusText: "已入库",
    rejectReason: null,
    priceLowFen: 1000 + id,
    priceHighFen: 1000 + id,
    discount: false,
    firstSeenAt: 1,
    seenAt: 1000 + id,
    statusSince: 1,
    ...over
  }
}

/** 120 products: a tenth rejected, some drifting, some never sent to WeChat. */
async function seed(db: HelperDb, n = 120) {
  await db.products.bulkPut(
    Array.from({ length: n }, (_, i) => {
      const id = i + 1
      return productRecord({
        key: `${SHOP}|${id}`,
        productId: id,
        name: `商品${id}`,
        link: link(id),
        priceLowFen: 1000 + id,
        priceHighFen: 1000 + id,
        updatedAt: 10_000 + id
      })
    })
  )
  await db.wechatGoods.bulkPut(
    Array.from({ length: n }, (_, i) => i + 1)
      .filter((id) => id % 7 !== 0)
      .map((id) =>
        goods(
          id,
          id % 10 === 3
            ? { status: "rejected", rejectReason: "图片不符" }
            : id % 10 === 5
              ? { priceLowFen: 1, priceHighFen: 1 }
              : id % 10 === 8
                ? { status: "reviewing" }
                : {}
        )
      )
  )
}

async function full(db: HelperDb) {
  const { rows, goods } = await readGoodsRows(db)
  return { summary: summariseGoods(rows, goods), keys: sortGoodsRows(rows).map((r) => r.product.key) }
}

let db: HelperDb
beforeEach(async () => {
  db = getDb()
  await Promise.all(db.tables.map((t) => t.clear()))
})

describe("the write stamp", () => {
  const stamp = async () => (await db.overview.get(GOODS_WRITE_KEY))?.value

  it("moves on with every write to products or goods, whatever wrote it, and not with other tables", async () => {
    await db.overview.clear()
    await db.products.put(productRecord())
    const a = await stamp()
    expect(typeof a).toBe("string")
    await db.wechatGoods.put(goods(19))
    const b = await stamp()
    expect(b).not.toBe(a)
    // The background's own write paths: a 商品库 reading, a fill, clearing.
    await recordSeen(db, {
      rows: [{ name: "天使旅行箱", priceText: "¥5.00", url: link(19), status: "rejected", statusText: "审核未通过", rejectReason: "x" }],
      shelf: "pending"
    })
    const c = await stamp()
    expect(c).not.toBe(b)
    await recordFilled(db, { productKey: `${SHOP}|19`, outcome: "ok", priceType: 1, price: "5", price2: "" })
    const d = await stamp()
    expect(d).not.toBe(c)
    await db.products.clear()
    expect(await stamp()).not.toBe(d)
    const e = await stamp()
    await db.settings.put({ key: "coverFit", value: "crop" })
    await db.facts.put({ key: "qualification", value: { state: "opened" }, seenAt: 1 })
    expect(await stamp()).toBe(e)
  })

  it("is written in the same transaction: a write that fails leaves it as it was", async () => {
    await db.products.put(productRecord())
    const before = await db.overview.get(GOODS_WRITE_KEY)
    await expect(
      db.transaction("rw", db.products, async () => {
        await db.products.put(productRecord({ key: `${SHOP}|20`, productId: 20 }))
        throw new Error("abort")
      })
    ).rejects.toThrow("abort")
    expect(await db.overview.get(GOODS_WRITE_KEY)).toEqual(before)
    expect(await db.products.count()).toBe(1)
  })
})

describe("the goods overview", () => {
  it("is what reading every product gives: the counts and the list's first rows", async () => {
    await seed(db)
    const expected = await full(db)
    expect(await refreshGoodsOverview(db)).toEqual(expected.summary)
    const head = await readGoodsHead(db)
    expect(head).not.toBeNull()
    expect(head!.summary).toEqual(expected.summary)
    expect(head!.rows.map((r) => r.product.key)).toEqual(expected.keys.slice(0, HEAD_SIZE))
    // The rows carry their goods and drift as the whole list does.
    const whole = sortGoodsRows((await readGoodsRows(db)).rows).slice(0, HEAD_SIZE)
    expect(head!.rows).toEqual(whole)
    expect(head!.rows[0].state).toBe("rejected")
  })

  it("is stale after any write to products or goods until the background computes it again", async () => {
    await seed(db)
    await refreshGoodsOverview(db)
    expect(await readGoodsHead(db)).not.toBeNull()
    // A new rejection: the stored counts no longer hold.
    await db.wechatGoods.put(goods(1, { status: "rejected", rejectReason: "名称违规" }))
    expect(await readGoodsHead(db)).toBeNull()
    const summary = await refreshGoodsOverview(db)
    expect(summary.rejected).toBe((await full(db)).summary.rejected)
    const keys = (await readGoodsHead(db))!.rows.map((r) => r.product.key)
    expect(keys).toEqual((await full(db)).keys.slice(0, HEAD_SIZE))
    expect(keys).toContain(`${SHOP}|1`)
    // A fill changes drift without touching any indexed field: the write stamp still tells.
    await recordFilled(db, { productKey: `${SHOP}|7`, outcome: "ok", priceType: 1, price: "0.01", price2: "" })
    expect(await readGoodsHead(db)).toBeNull()
    expect((await refreshGoodsOverview(db)).drift).toBe((await full(db)).summary.drift)
  })

  it("is stale after a write from outside Dexie (another connection), which leaves no write stamp", async () => {
    await seed(db)
    await refreshGoodsOverview(db)
    const before = await readGoodsStamp(db)
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(db.name)
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction("products", "readwrite")
      tx.objectStore("products").put(productRecord({ key: `${SHOP}|999`, productId: 999, link: link(999), updatedAt: 5 }))
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    idb.close()
    expect((await readGoodsStamp(db)).products).toBe(before.products + 1)
    expect(await readGoodsHead(db)).toBeNull()
  })

  it("is read for the first screen without counting either table (its time does not grow with the shop)", async () => {
    await seed(db)
    await refreshGoodsOverview(db)
    const counted: string[] = []
    const products = db.products.count.bind(db.products)
    const goodsCount = db.wechatGoods.count.bind(db.wechatGoods)
    db.products.count = (() => (counted.push("products"), products())) as typeof db.products.count
    db.wechatGoods.count = (() => (counted.push("goods"), goodsCount())) as typeof db.wechatGoods.count
    try {
      const head = await readGoodsHead(db)
      expect(head).not.toBeNull()
      expect(head!.summary.products).toBe(120)
      expect(counted).toEqual([])
      // The background's check counts both.
      await refreshGoodsOverview(db)
      expect(counted.sort()).toEqual(["goods", "products"])
    } finally {
      db.products.count = products
      db.wechatGoods.count = goodsCount
    }
  })

  it("is not stored when something was written while it was computed", async () => {
    await seed(db, 30)
    // The write stamp read just before storing differs from the one read with the rows, as when a
    // write landed in between: the next reader must not trust counts computed before it.
    const get = db.overview.get.bind(db.overview)
    let reads = 0
    db.overview.get = (async (key: string) => {
      const record = await get(key)
      if (key !== GOODS_WRITE_KEY) return record
      reads += 1
      return reads >= 3 ? { key, value: "written-meanwhile", at: 1 } : record
    }) as typeof db.overview.get
    try {
      expect((await refreshGoodsOverview(db)).products).toBe(30)
    } finally {
      db.overview.get = get
    }
    expect(reads).toBe(3)
    expect(await db.overview.get(GOODS_OVERVIEW_KEY)).toBeUndefined()
    // Unhindered, it is stored.
    await refreshGoodsOverview(db)
    expect(await db.overview.get(GOODS_OVERVIEW_KEY)).toBeTruthy()
  })

  it("gives the popup its first screen: the overview's first rows when current, else every product", async () => {
    await seed(db)
    const fallback = await readFirstGoods(db)
    expect(fallback.complete).toBe(true)
    expect(fallback.rows).toHaveLength(120)
    await refreshGoodsOverview(db)
    const first = await readFirstGoods(db)
    expect(first.complete).toBe(false)
    expect(first.rows).toHaveLength(HEAD_SIZE)
    expect(first.summary).toEqual(fallback.summary)
    expect(first.rows.map((r) => r.product.key)).toEqual(fallback.rows.slice(0, HEAD_SIZE).map((r) => r.product.key))
  })

  it("an empty database has a current overview too, with nothing in it", async () => {
    expect((await refreshGoodsOverview(db)).products).toBe(0)
    expect(await readGoodsHead(db)).toEqual({ summary: expect.objectContaining({ products: 0 }), rows: [] })
  })

  it("a stored overview of another shape is not trusted", async () => {
    await seed(db, 10)
    await refreshGoodsOverview(db)
    const record = await db.overview.get(GOODS_OVERVIEW_KEY)
    await db.overview.put({ ...record!, value: { ...(record!.value as object), summary: { products: "10" } } })
    expect(await readGoodsHead(db)).toBeNull()
  })
})

describe("the badge and the checklist read the overview", () => {
  it("counts as a full reading does, before and after a write", async () => {
    await seed(db)
    const expectNeeds = async () => {
      const { summary } = await full(db)
      return summary.libraryRejected + summary.drift
    }
    expect((await computeBadge(db)).needs).toBe(await expectNeeds())
    expect(await db.overview.get(GOODS_OVERVIEW_KEY)).toBeTruthy()
    // Current: the same answer from the stored overview.
    expect((await readSetup(db, Date.now())).goods).toEqual((await full(db)).summary)
    await db.wechatGoods.put(goods(2, { status: "rejected", rejectReason: "x" }))
    expect((await computeBadge(db)).needs).toBe(await expectNeeds())
  })

  it("a grant on WeChat's hosts is no shop (the HiMall script's inert entry); a wildcard grant stands for the shops seen under it", async () => {
    await db.shops.bulkPut([
      { origin: "https://mp.weixin.qq.com", pattern: "https://mp.weixin.qq.com/__himall_live_helper__/*", addedAt: 1, lastSeenAt: null },
      { origin: "https://live.weixin.qq.com", pattern: "https://live.weixin.qq.com/*", addedAt: 1, lastSeenAt: null }
    ])
    let setup = await readSetup(db, Date.now())
    expect(setup.shops).toEqual([])
    expect(setup.hasShopGrant).toBe(false)
    await db.shops.put({ origin: "https://*.sandbox.test", pattern: "https://*.sandbox.test/*", addedAt: 1, lastSeenAt: null })
    await db.products.put(productRecord({ key: "https://shop.sandbox.test|1", shopOrigin: "https://shop.sandbox.test", productId: 1 }))
    setup = await readSetup(db, Date.now())
    expect(setup.shops).toEqual([{ origin: "https://shop.sandbox.test", area: "Admin" }])
    expect(setup.hasShopGrant).toBe(true)
  })

  it("lists the shops products come from, one index step per shop", async () => {
    await db.products.bulkPut([
      productRecord({ key: "https://b.example.com|1", shopOrigin: "https://b.example.com", productId: 1 }),
      productRecord({ key: `${SHOP}|1`, productId: 1 }),
      productRecord({ key: `${SHOP}|2`, productId: 2 }),
      productRecord({ key: "https://a.example.com|5", shopOrigin: "https://a.example.com", productId: 5 })
    ])
    expect(await productOriginsOf(db)).toEqual(["https://a.example.com", "https://b.example.com", SHOP])
    await db.products.clear()
    expect(await productOriginsOf(db)).toEqual([])
  })
})
