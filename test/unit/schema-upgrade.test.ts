// Schema upgrades: a database written by an earlier schema version, opened by the current code,
// loses nothing and ends up exactly as a fresh install (same stores, keys and indexes). The
// released versions' stores are pinned here as they shipped: src/db/schema.ts must keep them
// (a change goes into a new version), and the databases below are written with them.
import { readFileSync } from "node:fs"
import { join } from "node:path"

import Dexie from "dexie"
import { afterEach, describe, expect, it } from "vitest"

import { handleCapture } from "~background/capture"
import { candidates } from "~background/goods"
import { HelperDb } from "~db/schema"

const ROOT = join(import.meta.dirname, "../..")

/** The stores of each released version, as they shipped. */
const RELEASED: Record<number, Record<string, string>> = {
  1: { products: "key, shopOrigin, productId, updatedAt, capturedAt", shops: "origin", notices: "++id, at" },
  2: {
    products: "key, shopOrigin, productId, updatedAt, capturedAt, link",
    covers: "productKey, madeAt",
    goods: "url, status, seenAt",
    jobs: "id",
    settings: "key"
  },
  3: {
    facts: "key",
    wechatRooms: "roomId, start, liveStatus",
    shopRooms: "key, shopOrigin, roomId",
    syncs: "++id, shopOrigin, at",
    plans: "++id, start, updatedAt",
    roomCovers: "key"
  },
  4: { overview: "key" },
  5: { wechatAccounts: "name, shopOrigin" },
  6: { roomGoods: "roomId, seenAt" },
  7: { roomFigures: "++id, [shopOrigin+roomId], at", roomContents: "key, roomId, shopOrigin" }
}

/** Tables a later version replaced: their records are found in the new table, as it keys them. */
const MOVED: Record<string, { table: string; row: (r: Record<string, unknown>) => Record<string, unknown> }> = {
  // Version 8: goods per mini program; a record of no account (none known here) keeps none.
  goods: { table: "wechatGoods", row: (r) => ({ ...r, key: `${(r.account as string | undefined) ?? ""}|${String(r.url)}` }) }
}

const SHOP = "https://shop.example.com"
const T0 = Date.UTC(2020, 1, 14, 4, 0, 0)

/** Records each version could hold (plain data: what a merchant's database had). */
const V1 = {
  products: [
    {
      key: `${SHOP}|19`,
      shopOrigin: SHOP,
      shopId: 1,
      productId: 19,
      name: "天使旅行箱",
      priceLowFen: 39900,
      priceHighFen: 48800,
      link: "pages/productdetail/productdetail?id=19",
      imageUrl: `${SHOP}/Storage/Shop/1/Products/19/1_220.png`,
      source: "row",
      capturedAt: T0,
      updatedAt: T0 + 1000,
      priceHistory: [
        { lowFen: 38800, highFen: 48800, at: T0 },
        { lowFen: 39900, highFen: 48800, at: T0 + 1000 }
      ]
    },
    {
      key: `${SHOP}|125`,
      shopOrigin: SHOP,
      shopId: 1,
      productId: 125,
      name: "<b>加粗</b>商品",
      priceLowFen: 1990,
      priceHighFen: 1990,
      link: "pages/productdetail/productdetail?id=125",
      imageUrl: null,
      source: "dialog",
      capturedAt: T0 + 2000,
      updatedAt: T0 + 2000,
      priceHistory: [{ lowFen: 1990, highFen: 1990, at: T0 + 2000 }]
    }
  ],
  shops: [{ origin: SHOP, pattern: `${SHOP}/*`, addedAt: T0 - 60_000, lastSeenAt: T0 + 2000 }],
  notices: [{ at: T0 + 3000, level: "error", shopOrigin: SHOP, productId: "124", productName: "   ", problems: ["name_missing"] }]
}

const V2 = {
  ...V1,
  products: [{ ...V1.products[0], lastFill: { at: T0 + 5000, outcome: "ok", priceType: 2, priceLowFen: 39900, priceHighFen: 48800 } }, V1.products[1]],
  covers: [
    {
      productKey: `${SHOP}|125`,
      sourceUrl: `${SHOP}/Storage/Shop/1/Products/125/1_220.png`,
      fit: "contain",
      madeAt: T0 + 4000,
      blob: null,
      width: 0,
      height: 0,
      bytes: 0,
      quality: 0,
      problem: "image_http_error",
      fetchedUrl: `${SHOP}/Storage/Shop/1/Products/125/1_220.png`,
      httpStatus: 404
    }
  ],
  goods: [
    {
      url: "pages/productdetail/productdetail?id=19",
      name: "天使旅行箱",
      status: "rejected",
      statusText: "审核未通过",
      rejectReason: "商品图片与名称不符",
      priceLowFen: 39900,
      priceHighFen: 48800,
      firstSeenAt: T0 + 6000,
      seenAt: T0 + 7000,
      statusSince: T0 + 7000,
      discount: false
    }
  ],
  jobs: [
    { id: "queue", state: "paused", startedAt: T0 + 8000, updatedAt: T0 + 9000, data: { items: [`${SHOP}|19`, `${SHOP}|125`], index: 1, skipped: [] } },
    {
      id: `capture-all|${SHOP}`,
      state: "paused",
      startedAt: T0,
      updatedAt: T0 + 500,
      data: {
        runId: "8d1c2a7e-0000-4000-8000-000000000000",
        listPath: "/Admin/Product/List",
        pageSize: 100,
        total: 250,
        pages: 3,
        nextPage: 2,
        received: 100,
        counts: { created: 99, updated: 0, unchanged: 0, rejected: 1 },
        problems: { name_missing: 1 },
        error: null
      }
    }
  ],
  settings: [{ key: "coverFit", value: "crop" }]
}

const V3 = {
  ...V2,
  facts: [{ key: "qualification", value: { state: "opened", url: "https://mp.weixin.qq.com/wxamp/frame/live" }, seenAt: T0 }],
  wechatRooms: [
    {
      roomId: 7,
      name: "春季新品直播",
      anchorName: "小羽",
      anchorWechat: null,
      start: T0 + 86_400_000,
      end: T0 + 90_000_000,
      liveStatus: 102,
      coverUrl: null,
      firstSeenAt: T0,
      seenAt: T0,
      goneAt: null
    }
  ],
  shopRooms: [
    {
      key: `${SHOP}|7`,
      shopOrigin: SHOP,
      roomId: 7,
      name: "春季新品直播",
      anchorName: "小羽",
      shopName: "羽逸ifc",
      status: 102,
      statusDesc: "未开始",
      start: T0 + 86_400_000,
      end: T0 + 90_000_000,
      coverUrl: null,
      coverWidth: null,
      coverHeight: null,
      coverCheckedAt: null,
      firstSeenAt: T0,
      seenAt: T0
    }
  ],
  syncs: [{ shopOrigin: SHOP, at: T0, ok: true, message: "获取成功！" }],
  plans: [
    {
      title: "春季新品直播",
      start: T0 + 86_400_000,
      end: T0 + 90_000_000,
      anchorName: "小羽",
      anchorWechat: "xiaoyu",
      allowComment: true,
      shareImage: null,
      roomCover: null,
      createdAt: T0,
      updatedAt: T0,
      usedAt: null,
      roomId: null
    }
  ],
  roomCovers: []
}

const DATA: Record<number, Record<string, Record<string, unknown>[]>> = { 1: V1, 2: V2, 3: V3 }

/** Auto-increment stores (`++id`): records get their ids on insert. */
const AUTO_ID = new Set(["notices", "syncs", "plans"])

let n = 0
const names: string[] = []
const dbName = () => {
  const name = `upgrade-${n++}`
  names.push(name)
  return name
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name)
})

/** A database as the extension of schema version `v` left it: declared with that version's history, holding its records. */
async function writeOld(name: string, v: number) {
  const old = new Dexie(name)
  for (let i = 1; i <= v; i++) old.version(i).stores(RELEASED[i])
  await old.open()
  const data = DATA[v]
  await old.transaction("rw", Object.keys(data), async () => {
    for (const [table, rows] of Object.entries(data)) if (rows.length) await old.table(table).bulkAdd(rows)
  })
  old.close()
}

/** The stores as IndexedDB holds them: key path, auto-increment, each index's key path and flags. */
function structure(idb: IDBDatabase) {
  const stores = [...idb.objectStoreNames].sort()
  const tx = idb.transaction(stores, "readonly")
  return stores.map((name) => {
    const s = tx.objectStore(name)
    const indexes = [...s.indexNames].sort().map((i) => {
      const ix = s.index(i)
      return { name: i, keyPath: ix.keyPath, unique: ix.unique, multiEntry: ix.multiEntry }
    })
    return { name, keyPath: s.keyPath, autoIncrement: s.autoIncrement, indexes }
  })
}

async function freshStructure() {
  const fresh = new HelperDb(dbName())
  await fresh.open()
  const s = structure(fresh.backendDB())
  fresh.close()
  return s
}

describe("schema upgrades", () => {
  it("src/db/schema.ts still declares the released versions' stores as they shipped", () => {
    const source = readFileSync(join(ROOT, "src/db/schema.ts"), "utf8")
    const declared: Record<number, Record<string, string>> = {}
    for (const m of source.matchAll(/this\.version\((\d+)\)\s*\.stores\(\{([\s\S]*?)\}\)/g)) {
      declared[Number(m[1])] = Object.fromEntries([...m[2].matchAll(/(\w+):\s*"([^"]*)"/g)].map((e) => [e[1], e[2]]))
    }
    for (const v of Object.keys(RELEASED).map(Number)) expect(declared[v], `version ${v}`).toEqual(RELEASED[v])
  })

  it.each([1, 2, 3])("a version %i database opened by the current code keeps every record and gets the current stores", async (v) => {
    const name = dbName()
    await writeOld(name, v)
    const db = new HelperDb(name)
    await db.open()
    expect(db.verno).toBe(new HelperDb("unopened").verno)
    // Exactly the stores, keys and indexes of a fresh install.
    expect(structure(db.backendDB())).toEqual(await freshStructure())
    // Every record as it was (auto-increment ids given in order from 1).
    const moved = new Set<string>()
    for (const [oldTable, oldRows] of Object.entries(DATA[v])) {
      const table = MOVED[oldTable]?.table ?? oldTable
      const rows = MOVED[oldTable] ? oldRows.map(MOVED[oldTable].row) : oldRows
      if (MOVED[oldTable]) moved.add(table)
      const stored = await db.table(table).toArray()
      const key = db.table(table).schema.primKey.keyPath as string
      const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]))
      const expected = AUTO_ID.has(table) ? rows.map((r, i) => ({ ...r, id: i + 1 })) : rows
      expect([...stored].sort(byKey), table).toEqual([...expected].sort(byKey))
    }
    // Tables newer than the database are there, empty (the overview holds only the write stamp
    // of the goods moved into `wechatGoods`, which marks any summary stale).
    for (const t of db.tables.filter((t) => !(t.name in DATA[v]) && !moved.has(t.name) && t.name !== "overview")) expect(await t.count(), t.name).toBe(0)
    expect((await db.overview.toArray()).map((r) => r.key)).toEqual(moved.has("wechatGoods") ? ["goods-write"] : [])
    // Indexes added later cover the old records (version 2's products.link).
    expect((await db.products.where("link").equals("pages/productdetail/productdetail?id=19").toArray()).map((p) => p.productId)).toEqual([19])
    db.close()
  })

  it("a version 7 database's goods move to their mini program's key: one without an account goes to the only account", async () => {
    const goodsRow = (id: number, account?: string) => ({ ...V2.goods[0], url: `pages/productdetail/productdetail?id=${id}`, ...(account ? { account } : {}) })
    const write7 = async (name: string, accounts: string[], goods: Record<string, unknown>[]) => {
      const old = new Dexie(name)
      for (let i = 1; i <= 7; i++) old.version(i).stores(RELEASED[i])
      await old.open()
      await old.table("wechatAccounts").bulkAdd(accounts.map((a) => ({ name: a, shopOrigin: SHOP, firstSeenAt: T0, seenAt: T0, linkedAt: T0 })))
      await old.table("goods").bulkAdd(goods)
      old.close()
    }
    const keysAfter = async (name: string) => {
      const db = new HelperDb(name)
      await db.open()
      const out = (await db.wechatGoods.toArray()).map((g) => [g.key, g.account ?? null, g.status]).sort()
      expect(db.tables.some((t) => t.name === "goods")).toBe(false)
      db.close()
      return out
    }
    // One account: its record keeps it, the one read without an account becomes its.
    const one = dbName()
    await write7(one, ["甲"], [goodsRow(19, "甲"), goodsRow(20)])
    expect(await keysAfter(one)).toEqual([
      ["甲|pages/productdetail/productdetail?id=19", "甲", "rejected"],
      ["甲|pages/productdetail/productdetail?id=20", "甲", "rejected"]
    ])
    // Two accounts: a record without one stays nobody's (its key has no account part).
    const two = dbName()
    await write7(two, ["甲", "乙"], [goodsRow(19, "乙"), goodsRow(20)])
    expect(await keysAfter(two)).toEqual([
      ["|pages/productdetail/productdetail?id=20", null, "rejected"],
      ["乙|pages/productdetail/productdetail?id=19", "乙", "rejected"]
    ])
  })

  it("the current code works on an upgraded version 1 database: a re-capture changes nothing, the picker lists its products", async () => {
    const name = dbName()
    await writeOld(name, 1)
    const db = new HelperDb(name)
    await db.open()
    const p = V1.products[0]
    const raw = {
      productId: "19",
      shopId: "1",
      name: p.name,
      price: "399.00~488.00",
      link: null,
      imageUrl: "/Storage/Shop/1/Products/19/1_220.png",
      source: "row" as const
    }
    const { results } = await handleCapture(db, SHOP, `${SHOP}/Admin/Product/Management`, { products: [raw] }, T0 + 10_000)
    expect(results).toEqual([{ productId: "19", outcome: "unchanged", problems: [], warnings: [] }])
    expect(await db.products.get(p.key)).toMatchObject({ capturedAt: p.capturedAt, priceHistory: p.priceHistory })
    const picker = await candidates(db, { query: "", limit: 10 })
    expect(picker.items.map((c) => [c.productId, c.name, c.goodsStatus, c.drift])).toEqual([
      [125, "<b>加粗</b>商品", null, false],
      [19, "天使旅行箱", null, false]
    ])
    db.close()
  })
})
