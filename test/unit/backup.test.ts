// The backup format: export → clear → import gives back every record; the file is read as a
// stream of lines (or whole, in any other JSON layout); the preview counts what will change;
// Blobs travel as base64 data URLs. (fake-indexeddb under jsdom drops Blobs' bytes, so Blobs
// are tested on the encoding functions here, and through the real database in
// test/e2e/backup.test.ts.)
import { beforeEach, describe, expect, it } from "vitest"

import { getDb, type HelperDb, type RoomPlanRecord } from "~db/schema"
import {
  BACKUP_TABLES,
  BackupFormatError,
  blobToDataUrl,
  canonicalJson,
  dataUrlToBlob,
  decodeValue,
  encodeValue,
  exportBackup,
  importBatches,
  importRows,
  NOT_BACKED_UP,
  previewImport,
  readBackup,
  validRow,
  type BackupTable
} from "~db/backup"

import { productRecord } from "../support/factories"

const SHOP = "https://shop.example.com"

async function* chunksOf(text: string, size = 7): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}
const source = (text: string, size?: number) => () => chunksOf(text, size)

/** The room plan a merchant's database holds (made again the same in a preview's second database). */
const plan = (): Omit<RoomPlanRecord, "id"> => ({
  title: "周五上新",
  start: 100,
  end: 200,
  anchorName: "猫",
  anchorWechat: "cat_01",
  allowComment: true,
  shareImage: null,
  roomCover: null,
  createdAt: 9,
  updatedAt: 9,
  usedAt: null,
  roomId: null
})

async function seed(db: HelperDb) {
  await db.products.bulkAdd([
    productRecord(),
    productRecord({
      key: `${SHOP}|20`,
      productId: 20,
      name: '羊毛\n大衣 "引号" <b>',
      lastFill: { at: 5, outcome: "ok", priceType: 1, priceLowFen: 100, priceHighFen: 100 }
    })
  ])
  await db.wechatGoods.add({
    url: "pages/productdetail/productdetail?id=19",
    name: "天使旅行箱",
    status: "rejected",
    statusText: "审核未通过",
    rejectReason: "图片不符",
    priceLowFen: 39900,
    priceHighFen: 48800,
    discount: false,
    firstSeenAt: 1,
    seenAt: 2,
    statusSince: 2
  })
  await db.covers.add({
    productKey: `${SHOP}|20`,
    sourceUrl: `${SHOP}/a.png`,
    fit: "contain",
    madeAt: 3,
    blob: null,
    width: 0,
    height: 0,
    bytes: 0,
    quality: 0,
    problem: "image_http_error",
    fetchedUrl: null,
    httpStatus: 404
  })
  await db.settings.bulkPut([
    { key: "coverFit", value: "crop" },
    { key: "reminderLeadMinutes", value: 30 }
  ])
  await db.facts.bulkPut([
    { key: "qualification", value: { state: "opened", url: "https://mp.weixin.qq.com/wxamp/frame/live" }, seenAt: 4 },
    { key: "page|wechat-goods", value: { url: "https://mp.weixin.qq.com/x" }, seenAt: 4 }
  ])
  await db.wechatRooms.add({
    roomId: 5,
    name: "周三下午直播间",
    anchorName: "猫",
    anchorWechat: "cat_01",
    start: 10,
    end: 20,
    liveStatus: 102,
    coverUrl: null,
    firstSeenAt: 1,
    seenAt: 2,
    goneAt: null
  })
  await db.shopRooms.add({
    key: `${SHOP}|5`,
    shopOrigin: SHOP,
    roomId: 5,
    name: "周三下午直播间",
    anchorName: "猫",
    shopName: "羽逸",
    status: 102,
    statusDesc: "未开始",
    start: 10,
    end: 20,
    coverUrl: null,
    coverWidth: null,
    coverHeight: null,
    coverCheckedAt: null,
    firstSeenAt: 1,
    seenAt: 2
  })
  await db.syncs.bulkAdd([
    { shopOrigin: SHOP, at: 7, ok: true, message: "获取成功！" },
    { shopOrigin: SHOP, at: 8, ok: false, message: "失败" }
  ])
  await db.plans.add(plan())
}

async function dump(db: HelperDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const t of BACKUP_TABLES) {
    const rows = (await db.table(t).toArray()) as Record<string, unknown>[]
    // ++id tables: the ids are each database's own.
    out[t] = rows.map(({ id: _id, ...r }) => r).sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1))
  }
  return out
}

async function importFile(db: HelperDb, text: string) {
  for await (const batch of importBatches(source(text), { maxRows: 1 })) await importRows(db, batch.table, batch.rows)
}

beforeEach(async () => {
  const db = getDb()
  await Promise.all(db.tables.map((t) => t.clear()))
})

describe("backup round trip", () => {
  it("export → clear → import gives back every record (session-bound page facts stay behind)", async () => {
    const db = getDb()
    await seed(db)
    const before = await dump(db)
    const { parts, counts } = await exportBackup(db, { now: 1234, extensionVersion: "0.1.0" })
    expect(counts).toMatchObject({
      products: 2,
      wechatGoods: 1,
      covers: 1,
      settings: 2,
      facts: 1,
      wechatRooms: 1,
      shopRooms: 1,
      syncs: 2,
      plans: 1,
      roomCovers: 0
    })
    const text = parts.join("")
    expect(text).not.toContain("page|wechat-goods")

    await Promise.all(db.tables.map((t) => t.clear()))
    await importFile(db, text)
    const after = await dump(db)
    before.facts = before.facts.filter((f) => !String((f as { key: string }).key).startsWith("page|"))
    expect(after).toEqual(before)
  })

  it("is one JSON document, one record per line", async () => {
    const db = getDb()
    await seed(db)
    const text = (await exportBackup(db, { now: 1234 })).parts.join("")
    const doc = JSON.parse(text)
    expect(doc).toMatchObject({ format: "himall-live-helper-backup", version: 1, exportedAt: 1234, schemaVersion: db.verno, shops: [] })
    expect(Object.keys(doc.tables)).toEqual([...BACKUP_TABLES])
    const lines = text.split("\n")
    expect(lines[0].endsWith('"tables":{')).toBe(true)
    expect(lines.filter((l) => l.startsWith('{"key":"https://shop.example.com|'))).toHaveLength(3) // 2 products + 1 shop room
  })

  it("importing twice changes nothing the second time (a batch resent after a stopped worker)", async () => {
    const db = getDb()
    await seed(db)
    const text = (await exportBackup(db)).parts.join("")
    await importFile(db, text)
    await importFile(db, text)
    expect(await db.syncs.count()).toBe(2)
    expect(await db.plans.count()).toBe(1)
    expect(await db.products.count()).toBe(2)
  })
})

describe("preview", () => {
  it("counts per table what is new, changed and unchanged", async () => {
    const db = getDb()
    await seed(db)
    const text = (await exportBackup(db)).parts.join("")
    await db.products.update(`${SHOP}|19`, { name: "改过的名字" })
    await db.wechatGoods.clear()
    await db.plans.clear()
    await db.plans.add(plan())
    const p = await previewImport(db, source(text))
    expect(p.tables.products).toEqual({ added: 0, changed: 1, unchanged: 1, invalid: 0 })
    expect(p.tables.wechatGoods).toEqual({ added: 1, changed: 0, unchanged: 0, invalid: 0 })
    // A plan is recognised by what it is, not by its id in either database.
    expect(p.tables.plans).toEqual({ added: 0, changed: 0, unchanged: 1, invalid: 0 })
    expect(p.tables.syncs.unchanged).toBe(2)
    expect(p.header.exportedAt).toBeGreaterThan(0)
  })

  it("leaves out records that are not valid, and says so", async () => {
    const head = `{"format":"himall-live-helper-backup","version":1,"exportedAt":5,"schemaVersion":3,"extensionVersion":"","shops":["https://b.example.com"],"tables":{`
    const text = [
      head,
      `"products":[`,
      `${JSON.stringify(productRecord())},`,
      `{"key":"x","productId":"not a number"}`,
      `],`,
      `"settings":[`,
      `{"key":"reminderLeadMinutes","value":99999},`,
      `{"key":"language","value":"en"}`,
      `],`,
      `"mystery":[`,
      `]`,
      `}}`
    ].join("\n")
    const db = getDb()
    const p = await previewImport(db, source(text, 3))
    expect(p.tables.products).toEqual({ added: 1, changed: 0, unchanged: 0, invalid: 1 })
    expect(p.tables.settings).toEqual({ added: 1, changed: 0, unchanged: 0, invalid: 1 })
    expect(p.unknownTables).toEqual(["mystery"])
    expect(p.shopsToEnable).toEqual(["https://b.example.com"])
    await importFile(db, text)
    expect(await db.products.count()).toBe(1)
    expect(await db.settings.toArray()).toEqual([{ key: "language", value: "en" }])
  })

  it("reads a file from before schema version 8: its goods table into wechatGoods, each record given its key", async () => {
    const db = getDb()
    await seed(db)
    const { parts } = await exportBackup(db)
    const url = "pages/productdetail/productdetail?id=19"
    const current = parts.join("")
    expect(current).toContain(`"key":"|${url}"`)
    const old = current.replace('"wechatGoods":[', '"goods":[').replace(`"key":"|${url}",`, "")
    expect(old).not.toContain('"wechatGoods"')
    await db.wechatGoods.clear()
    const p = await previewImport(db, source(old))
    expect(p.unknownTables).toEqual([])
    expect(p.tables.wechatGoods).toEqual({ added: 1, changed: 0, unchanged: 0, invalid: 0 })
    await importFile(db, old)
    expect(await db.wechatGoods.get(`|${url}`)).toMatchObject({ url, status: "rejected", rejectReason: "图片不符" })
    // A current file's record whose key disagrees with its account and link is not one of ours.
    const wrong = current.replace(`"key":"|${url}"`, `"key":"甲|${url}"`)
    expect((await previewImport(db, source(wrong))).tables.wechatGoods).toMatchObject({ invalid: 1 })
  })

  it("reads another layout of the same JSON whole", async () => {
    const doc = { format: "himall-live-helper-backup", version: 1, exportedAt: 1, schemaVersion: 3, tables: { products: [productRecord()] } }
    const events = []
    for await (const e of readBackup(source(JSON.stringify(doc, null, 2)))) events.push(e.kind === "row" ? e.table : e.kind)
    expect(events).toEqual(["header", "products"])
  })

  it("refuses what is not a backup, a newer one, and a cut-off file", async () => {
    const drain = async (text: string) => {
      for await (const _ of readBackup(source(text)));
    }
    await expect(drain("nope")).rejects.toMatchObject({ code: "not_json" })
    await expect(drain('{"format":"other"}')).rejects.toMatchObject({ code: "not_backup" })
    await expect(drain('{"format":"himall-live-helper-backup","version":99,"tables":{}}')).rejects.toMatchObject({ code: "newer_version" })
    const db = getDb()
    await seed(db)
    const text = (await exportBackup(db)).parts.join("")
    await expect(drain(text.slice(0, Math.floor(text.length / 2)).replace(/\n[^\n]*$/, ""))).rejects.toBeInstanceOf(BackupFormatError)
  })
})

describe("blobs", () => {
  const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256)

  it("travel as base64 data URLs and come back byte for byte", async () => {
    const blob = new Blob([bytes], { type: "image/jpeg" })
    const url = await blobToDataUrl(blob)
    expect(url.startsWith("data:image/jpeg;base64,")).toBe(true)
    const back = dataUrlToBlob(url)!
    expect(back.type).toBe("image/jpeg")
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes)
    expect(dataUrlToBlob("data:text/html,<b>")).toBeNull()
  })

  it("are encoded wherever they are in a record, with the reader given", async () => {
    const rec = { key: "a|1", blob: new Blob([bytes.slice(0, 3)]), nested: { list: [new Blob([bytes.slice(0, 2)])] }, n: 1 }
    const read = async (b: Blob) => `data:image/jpeg;base64,${"A".repeat(b.size * 4)}`
    const enc = (await encodeValue(rec, read)) as Record<string, unknown>
    expect(enc).toEqual({
      key: "a|1",
      blob: { $blob: "data:image/jpeg;base64,AAAAAAAAAAAA" },
      nested: { list: [{ $blob: "data:image/jpeg;base64,AAAAAAAA" }] },
      n: 1
    })
    const dec = decodeValue(enc) as { blob: Blob; nested: { list: Blob[] } }
    expect(dec.blob).toBeInstanceOf(Blob)
    expect(dec.blob.size).toBe(9)
    expect(() => decodeValue({ $blob: "javascript:alert(1)" })).toThrow()
  })

  it("an import record's Blob field must be a data URL; a bad one refuses the record, not the batch", async () => {
    const good = {
      key: `${SHOP}|5`,
      blob: { $blob: await blobToDataUrl(new Blob([bytes.slice(0, 10)], { type: "image/jpeg" })) },
      width: 750,
      height: 750,
      bytes: 10,
      source: "picked",
      madeAt: 1,
      uploadedUrl: null
    }
    const bad = { ...good, key: `${SHOP}|6`, blob: { $blob: "https://evil.example.com/x.jpg" } }
    const r = await importRows(getDb(), "roomCovers", [good, bad])
    expect(r).toEqual({ written: 1, refused: 1 })
    expect((await getDb().roomCovers.toArray()).map((c) => c.key)).toEqual([`${SHOP}|5`])
  })
})

describe("batches", () => {
  it("split by table, by count and by size", async () => {
    const db = getDb()
    await seed(db)
    const text = (await exportBackup(db)).parts.join("")
    const seen: [BackupTable, number][] = []
    for await (const b of importBatches(source(text), { maxRows: 1000, maxChars: 400 })) seen.push([b.table, b.rows.length])
    expect(seen.find(([t]) => t === "products")).toEqual(["products", 1])
    expect(seen.filter(([t]) => t === "products")).toHaveLength(2)
    expect(new Set(seen.map(([t]) => t))).toEqual(
      new Set(["products", "wechatGoods", "covers", "settings", "facts", "wechatRooms", "shopRooms", "syncs", "plans"])
    )
  })
})

describe("records are checked against their types (db/schema.ts validators)", () => {
  it("every table of the schema is either backed up or said not to be, with a reason", () => {
    const names = getDb().tables.map((t) => t.name)
    for (const name of names) expect([...BACKUP_TABLES, ...Object.keys(NOT_BACKED_UP)]).toContain(name)
    for (const t of BACKUP_TABLES) expect(names).toContain(t)
  })

  it("a record with a field its type does not know is invalid in the preview and refused on import", async () => {
    const db = getDb()
    await seed(db)
    const text = (await exportBackup(db)).parts.join("")
    await Promise.all(db.tables.map((t) => t.clear()))
    const tampered = text.replace(`{"key":"${SHOP}|20",`, `{"key":"${SHOP}|20","injected":"<img src=x>",`)
    expect(tampered).not.toBe(text)
    const p = await previewImport(db, source(tampered))
    expect(p.tables.products).toEqual({ added: 1, changed: 0, unchanged: 0, invalid: 1 })
    await importFile(db, tampered)
    expect((await db.products.toArray()).map((r) => r.productId)).toEqual([19])
  })

  it("a fact's value must be its key's type (db/facts.ts), and its key one the extension stores", () => {
    const fact = (key: string, value: unknown) => ({ key, value, seenAt: 4 })
    expect(validRow("facts", fact("qualification", { state: "opened", url: "https://mp.weixin.qq.com/wxamp/frame/live" }))).toBe(true)
    expect(validRow("facts", fact("qualification|甲", { state: "not_opened", url: "" }))).toBe(true)
    expect(validRow("facts", fact(`entrance|${SHOP}`, { found: true, name: "小程序直播", kind: "image_nav" }))).toBe(true)
    expect(validRow("facts", fact(`shopRoomsRead|${SHOP}`, { at: 1, listPath: "/Admin/Live/List", total: 3, complete: true }))).toBe(true)
    const reminded = { roomId: 7, start: 9, notificationId: "reminder|7|9", title: "t", message: "m", shownAt: 8, error: null }
    expect(validRow("facts", fact("reminded|7|9", reminded))).toBe(true)
    // A state the extension never stores, a field the fact does not have, a key it does not use.
    expect(validRow("facts", fact("qualification", { state: "maybe", url: "" }))).toBe(false)
    expect(validRow("facts", fact(`entrance|${SHOP}`, { found: true, name: "x", kind: "image_nav", html: "<img>" }))).toBe(false)
    expect(validRow("facts", fact(`shopRoomsRead|${SHOP}`, { at: 1, listPath: "/Admin/Live/List", total: "3", complete: true }))).toBe(false)
    expect(validRow("facts", fact("reminded|7|9", { ...reminded, error: 5 }))).toBe(false)
    expect(validRow("facts", fact("mystery", { state: "opened" }))).toBe(false)
  })

  it("nested fields are checked too (a price point, the last fill)", () => {
    const ok = productRecord({ lastFill: { at: 5, outcome: "ok", priceType: 1, priceLowFen: 100, priceHighFen: 100 } })
    expect(validRow("products", ok)).toBe(true)
    expect(validRow("products", { ...ok, priceHistory: [{ lowFen: "1", highFen: 1, at: 1 }] })).toBe(false)
    expect(validRow("products", { ...ok, lastFill: { ...ok.lastFill, priceType: 4 } })).toBe(false)
    expect(validRow("products", { ...ok, lastFill: { ...ok.lastFill, extra: 1 } })).toBe(false)
    expect(
      validRow("wechatRooms", {
        roomId: 5,
        name: "x",
        anchorName: "y",
        anchorWechat: null,
        start: 1,
        end: 2,
        liveStatus: 102,
        coverUrl: null,
        firstSeenAt: 1,
        seenAt: 1,
        goneAt: "yesterday"
      })
    ).toBe(false)
  })

  it("a setting must be one the extension knows, with a value its key accepts", () => {
    expect(validRow("settings", { key: "coverFit", value: "crop" })).toBe(true)
    expect(validRow("settings", { key: "coverFit", value: "stretch" })).toBe(false)
    expect(validRow("settings", { key: "reminderLeadMinutes", value: 0 })).toBe(false)
    expect(validRow("settings", { key: "somethingElse", value: 1 })).toBe(false)
  })
})
