import sharp from "sharp"
import { startSandbox } from "../test/sandbox/server"
import { launchWithExtension, waitForShopScript } from "../test/support/browser"
import { clearExtensionData } from "../test/support/goods"
import { seedLargeSetup } from "../test/support/seed"
const s = await startSandbox()
const b = await launchWithExtension(s)
await waitForShopScript(b)
const jpeg = (await sharp({ create: { width: 200, height: 200, channels: 3, background: "#c8a27a" } }).jpeg({ quality: 80 }).toBuffer()).toString("base64")
await clearExtensionData(b, ["products", "goods", "covers", "overview", "wechatRooms", "shopRooms", "facts"])
await seedLargeSetup(b, { shop: s.shopOrigin, products: 100_000, rooms: 100, coverJpeg: jpeg })
const probe = `(async () => {
  const idb = await new Promise((res, rej) => { const o = indexedDB.open("himall-live-helper"); o.onsuccess = () => res(o.result); o.onerror = () => rej(o.error) })
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error) })
  const out = {}
  let t = performance.now(); await req(idb.transaction("products").objectStore("products").count()); out.countProducts = performance.now() - t
  t = performance.now(); await req(idb.transaction("goods").objectStore("goods").count()); out.countGoods = performance.now() - t
  const ov = await req(idb.transaction("overview").objectStore("overview").getAll())
  out.overview = ov.map((r) => ({ key: r.key, at: r.at, write: r.value && r.value.write, stamp: r.value && r.value.stamp, v: typeof r.value === "string" ? r.value : undefined }))
  idb.close()
  return out
})()`
for (let i = 0; i < 4; i++) {
  const p = await b.context.newPage()
  await p.goto(b.url("popup.html"))
  await p.waitForFunction(() => performance.getEntriesByName("lh-popup-first-data").length > 0, null, { timeout: 60_000 })
  const first = await p.evaluate(() => performance.getEntriesByName("lh-popup-first-data")[0].startTime)
  await p.waitForTimeout(3000)
  console.log(i, Math.round(first), JSON.stringify(await p.evaluate(probe)))
  await p.close()
}
await b.close(); await s.close()
