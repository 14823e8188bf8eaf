// Schema upgrade in real Chromium: the extension's database as the first schema version wrote
// it, in the extension's own origin, then an update to the current code (the sandbox build at
// the same path: same extension id, same origin), which opens and upgrades it. Every record is
// kept, the stores are exactly the current ones, and the current pages work on the old data.
//
// The first version is stood in for by a minimal extension at the same path whose service
// worker is Dexie with version 1's stores only (bundled with esbuild), writing products, shops
// and notices as version 1 did.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { build } from "esbuild"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { HelperDb } from "~db/schema"

import { startSandbox, type Sandbox } from "../sandbox/server"
import { launchWithExtension, openPopup, readTable, ROOT, SANDBOX_BUILD, waitForShopScript, type ExtensionBrowser } from "../support/browser"
import { LIVE_GOODS, openAddGoods, openGoodsLibrary } from "../support/goods"

/** Version 1's stores, as they shipped (test/unit/schema-upgrade.test.ts pins them in schema.ts). */
const V1_STORES = { products: "key, shopOrigin, productId, updatedAt, capturedAt", shops: "origin", notices: "++id, at" }

let sandbox: Sandbox
let work: string
beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true })
  work = mkdtempSync(join(tmpdir(), "lh-upgrade-"))
})
afterAll(async () => {
  await sandbox?.close()
  rmSync(work, { recursive: true, force: true })
})

const T0 = Date.UTC(2020, 1, 14, 4, 0, 0)

function v1Data(shop: string) {
  const product = (id: number, name: string, lowFen: number, highFen: number, extra: Record<string, unknown> = {}) => ({
    key: `${shop}|${id}`,
    shopOrigin: shop,
    shopId: 1,
    productId: id,
    name,
    priceLowFen: lowFen,
    priceHighFen: highFen,
    link: `pages/productdetail/productdetail?id=${id}`,
    imageUrl: `${shop}/Storage/Shop/1/Products/${id}/1_50.png`, // the grid's picture, as HiMall lists show it
    source: "row",
    capturedAt: T0 + id,
    updatedAt: T0 + id,
    priceHistory: [{ lowFen, highFen, at: T0 + id }],
    ...extra
  })
  return {
    products: [
      // The sandbox shop's own product 130 (yuyisky虚拟商品, ￥100.00), as version 1 captured it.
      product(130, "yuyisky虚拟商品", 10000, 10000),
      product(19, "天使旅行箱", 39900, 48800, {
        source: "dialog",
        priceHistory: [
          { lowFen: 38800, highFen: 48800, at: T0 },
          { lowFen: 39900, highFen: 48800, at: T0 + 19 }
        ]
      }),
      product(125, "<b>加粗</b>商品", 1990, 1990, { imageUrl: null, source: "endpoint" }),
      {
        ...product(7, "另一家店的商品", 6800, 6800),
        key: "https://other.sandbox.test|7",
        shopOrigin: "https://other.sandbox.test",
        imageUrl: "https://other.sandbox.test/Storage/Shop/1/Products/7/1_220.png"
      }
    ],
    // The shop the sandbox build grants, as the worker mirrors it.
    shops: [{ origin: "https://*.sandbox.test", pattern: "https://*.sandbox.test/*", addedAt: T0 - 86_400_000, lastSeenAt: T0 + 130 }],
    notices: [
      { at: T0 + 200, level: "error", shopOrigin: shop, productId: "124", productName: "   ", problems: ["name_missing"] },
      { at: T0 + 300, level: "error", shopOrigin: shop, productId: "122", productName: "茶", problems: ["price_not_number"] }
    ]
  }
}

/** The first version: a service worker that writes its database with Dexie and version 1's stores. */
async function writeFirstVersion(dir: string) {
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify({ manifest_version: 3, name: "HiMall 直播助手", version: "0.0.1", background: { service_worker: "v1.js" } })
  )
  await build({
    stdin: {
      contents: `
        import Dexie from "dexie"
        const db = new Dexie("himall-live-helper")
        db.version(1).stores(${JSON.stringify(V1_STORES)})
        self.writeV1 = async (data) => {
          await db.transaction("rw", db.products, db.shops, db.notices, async () => {
            await db.products.bulkAdd(data.products)
            await db.shops.bulkAdd(data.shops)
            await db.notices.bulkAdd(data.notices)
          })
          db.close()
        }`,
      resolveDir: ROOT,
      loader: "js"
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    outfile: join(dir, "v1.js"),
    logLevel: "silent"
  })
}

/** The database's version and stores, without opening it at another version. */
async function idbShape(b: ExtensionBrowser) {
  const sw = await b.worker()
  return sw.evaluate(
    () =>
      new Promise<{ version: number; stores: string[]; productIndexes: string[] }>((resolve, reject) => {
        const open = indexedDB.open("himall-live-helper")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const idb = open.result
          const stores = [...idb.objectStoreNames].sort()
          const productIndexes = stores.includes("products") ? [...idb.transaction("products").objectStore("products").indexNames].sort() : []
          idb.close()
          resolve({ version: idb.version, stores, productIndexes })
        }
      })
  )
}

describe("schema upgrade", () => {
  it("a database written by schema version 1, opened by the current code after an update, loses nothing", async () => {
    const ext = join(work, "extension")
    const profile = join(work, "profile")
    const data = v1Data(sandbox.shopOrigin)
    const current = new HelperDb("never-opened")

    await writeFirstVersion(ext)
    const first = await launchWithExtension(sandbox, { userDataDir: profile, extensionDir: ext })
    await (await first.worker()).evaluate((d) => (self as unknown as { writeV1(d: unknown): Promise<void> }).writeV1(d), data)
    // Dexie's version 1 is IndexedDB version 10.
    expect(await idbShape(first)).toEqual({
      version: 10,
      stores: ["notices", "products", "shops"],
      productIndexes: ["capturedAt", "productId", "shopOrigin", "updatedAt"]
    })
    const extensionId = first.extensionId
    await first.close()

    // The update: the current code at the same path.
    rmSync(ext, { recursive: true, force: true })
    cpSync(SANDBOX_BUILD, ext, { recursive: true })
    const second = await launchWithExtension(sandbox, { userDataDir: profile, extensionDir: ext })
    try {
      expect(second.extensionId).toBe(extensionId)
      await waitForShopScript(second)
      // The worker opens the database at start: the current version, every current store.
      await expect.poll(async () => (await idbShape(second)).version, { timeout: 15_000 }).toBe(current.verno * 10)
      const shape = await idbShape(second)
      expect(shape.stores).toEqual(current.tables.map((t) => t.name).sort())
      expect(shape.productIndexes).toEqual(["capturedAt", "link", "productId", "shopOrigin", "updatedAt"])

      // Every record as version 1 wrote it.
      const byKey =
        <T extends Record<string, unknown>>(k: keyof T) =>
        (a: T, b: T) =>
          String(a[k]).localeCompare(String(b[k]))
      expect((await readTable<Record<string, unknown>>(second, "products")).sort(byKey("key"))).toEqual([...data.products].sort(byKey("key")))
      expect(await readTable(second, "shops")).toEqual(data.shops)
      expect(await readTable(second, "notices")).toEqual(data.notices.map((n, i) => ({ ...n, id: i + 1 })))
      // The index version 2 added covers the old records.
      const sw = await second.worker()
      const byLink = await sw.evaluate(
        () =>
          new Promise<string[]>((resolve, reject) => {
            const open = indexedDB.open("himall-live-helper")
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const idb = open.result
              const req = idb.transaction("products").objectStore("products").index("link").getAllKeys("pages/productdetail/productdetail?id=19")
              req.onsuccess = () => {
                idb.close()
                resolve(req.result as string[])
              }
            }
          })
      )
      expect(byLink).toEqual([`${sandbox.shopOrigin}|19`])

      // The current pages on the old data: the popup lists it, a re-capture changes nothing,
      // WeChat's 添加商品 picker offers it.
      const popup = await openPopup(second)
      for (const p of data.products.filter((p) => p.shopOrigin === sandbox.shopOrigin)) {
        const row = popup.locator(`[data-lh-popup-product="${p.productId}"][data-lh-shop="${p.shopOrigin}"] .lh-product-name`)
        await row.waitFor()
        expect(await row.textContent()).toBe(p.name)
      }
      expect(await popup.locator('[data-lh-popup="notices"] li').allInnerTexts()).toEqual([
        expect.stringContaining("商品 茶：无法识别商品价格"),
        expect.stringContaining("商品 124：商品名称为空")
      ])
      await popup.close()

      const himall = await second.context.newPage()
      await himall.goto(`${sandbox.shopOrigin}/Admin/Product/Management`, { waitUntil: "domcontentloaded" })
      const capture = himall.locator('[data-lh="capture-product"][data-lh-product-id="130"]')
      await capture.click()
      await expect.poll(() => capture.getAttribute("data-lh-state")).toBe("saved")
      expect(await capture.evaluate((b) => b.parentElement?.querySelector("[data-lh-status]")?.textContent)).toBe("已是最新")
      const again = (await readTable<{ key: string; capturedAt: number; priceHistory: unknown }>(second, "products")).find(
        (p) => p.key === `${sandbox.shopOrigin}|130`
      )!
      expect(again).toMatchObject({ capturedAt: data.products[0].capturedAt, priceHistory: data.products[0].priceHistory })
      await himall.close()

      const wechat = await openGoodsLibrary(second, LIVE_GOODS)
      await openAddGoods(wechat)
      await wechat.locator('[data-lh="fill-goods"]').click()
      for (const id of [130, 19, 125]) await wechat.locator(`[data-lh="pick-product"][data-lh-product-id="${id}"]`).first().waitFor()
      await wechat.close()
    } finally {
      await second.close()
    }
  })
})
