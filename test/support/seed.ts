// A large, realistic database for the popup's tests, screenshots and bench: products with
// WeChat goods states (some rejected, some with price drift), covers with real JPEG bytes,
// WeChat rooms and their HiMall copies, the setup facts. Written through the extension's
// service worker (raw IndexedDB, as outside checks do); Blobs are made there from bytes.
import type { ExtensionBrowser } from "./browser"

export interface SeedOptions {
  /** The HiMall shop origin the products and rooms belong to. */
  shop: string
  products: number
  rooms: number
  /** A JPEG for covers (base64); every `coverEvery`-th product gets one. */
  coverJpeg: string
  coverEvery?: number
  now?: number
}

export interface SeedSummary {
  products: number
  approved: number
  reviewing: number
  rejected: number
  draft: number
  none: number
  drift: number
  covers: number
  rooms: number
  upcoming: number
  live: number
  /** Upcoming rooms HiMall does not have yet, and HiMall rooms with no cover. */
  unsynced: number
  uncovered: number
}

type Row = Record<string, unknown>
const HOUR = 3600_000

/** Deterministic records: the same options give the same database. */
export function seedRecords(o: SeedOptions): { tables: Record<string, Row[]>; summary: SeedSummary } {
  const now = o.now ?? Date.now()
  const every = o.coverEvery ?? 5
  const products: Row[] = []
  const goods: Row[] = []
  const covers: Row[] = []
  const s: SeedSummary = {
    products: o.products,
    approved: 0,
    reviewing: 0,
    rejected: 0,
    draft: 0,
    none: 0,
    drift: 0,
    covers: 0,
    rooms: o.rooms,
    upcoming: 0,
    live: 0,
    unsynced: 0,
    uncovered: 0
  }
  const names = ["天使旅行箱", "羊毛大衣", "真丝围巾", "手工茶具", "有机红茶", "羽绒服", "运动鞋", "保温杯"]
  for (let i = 1; i <= o.products; i++) {
    const low = 1000 + ((i * 37) % 500) * 100
    const high = i % 3 === 0 ? low + 5000 : low
    const link = `pages/productdetail/productdetail?id=${i}`
    const at = now - i * 60_000
    products.push({
      key: `${o.shop}|${i}`,
      shopOrigin: o.shop,
      shopId: 1,
      productId: i,
      name: `${names[i % names.length]} ${i} 号`,
      priceLowFen: low,
      priceHighFen: high,
      link,
      imageUrl: `${o.shop}/Storage/Shop/1/Products/${i}/1_220.png`,
      source: "endpoint",
      capturedAt: at,
      updatedAt: at,
      priceHistory: [{ lowFen: low, highFen: high, at }]
    })
    const kind = i % 10
    const status = kind <= 5 ? "approved" : kind === 6 ? "reviewing" : kind === 7 ? "rejected" : kind === 8 ? "draft" : null
    if (status) {
      const drift = status === "approved" && i % 20 === 0
      goods.push({
        key: `|${link}`,
        url: link,
        name: `${names[i % names.length]} ${i}`,
        status,
        statusText: { approved: "已入库", reviewing: "审核中", rejected: "审核未通过", draft: "未审核" }[status],
        rejectReason: status === "rejected" ? "商品图片与名称不符" : null,
        priceLowFen: drift ? low + 100 : low,
        priceHighFen: drift ? high + 100 : high,
        discount: false,
        firstSeenAt: at,
        seenAt: now - 10 * 60_000,
        statusSince: at
      })
      s[status as "approved"] += 1
      if (drift) s.drift += 1
    } else s.none += 1
    if (i % every === 2) {
      covers.push({
        productKey: `${o.shop}|${i}`,
        sourceUrl: `${o.shop}/Storage/Shop/1/Products/${i}/1_220.png`,
        fit: "contain",
        madeAt: at,
        blob: { $bytes: o.coverJpeg, type: "image/jpeg" },
        width: 200,
        height: 200,
        bytes: Math.floor((o.coverJpeg.length * 3) / 4),
        quality: 0.8,
        problem: null,
        fetchedUrl: null,
        httpStatus: null
      })
      s.covers += 1
    }
  }

  const wechatRooms: Row[] = []
  const shopRooms: Row[] = []
  for (let id = 1; id <= o.rooms; id++) {
    // One live room, twenty to come, the rest over (newest ids most recent).
    const live = id === o.rooms
    const upcoming = !live && id > o.rooms - 21
    const start = live ? now - HOUR : upcoming ? now + (o.rooms - id) * 6 * HOUR : now - (o.rooms - id) * 24 * HOUR
    const end = start + 2 * HOUR
    const liveStatus = live ? 101 : upcoming ? 102 : 103
    const name = `${live ? "正在直播" : upcoming ? "新品预告" : "往期直播"} ${id}`
    wechatRooms.push({
      roomId: id,
      name,
      anchorName: id % 2 ? "长生猫" : "谢凌霄",
      anchorWechat: null,
      start,
      end,
      liveStatus,
      coverUrl: null,
      firstSeenAt: now - 1000 * HOUR,
      seenAt: now - 2 * 60_000,
      goneAt: null
    })
    if (upcoming) s.upcoming += 1
    if (live) s.live += 1
    // HiMall has every room but the last two coming ones; two of those it has lack a cover.
    const inHimall = !(upcoming && id > o.rooms - 3)
    if (!inHimall) {
      s.unsynced += 1
      continue
    }
    const covered = !(upcoming && (id === o.rooms - 3 || id === o.rooms - 4))
    if (!covered) s.uncovered += 1
    shopRooms.push({
      key: `${o.shop}|${id}`,
      shopOrigin: o.shop,
      roomId: id,
      name,
      anchorName: id % 2 ? "长生猫" : "谢凌霄",
      shopName: "羽逸ifc",
      status: liveStatus,
      statusDesc: { 101: "直播中", 102: "未开始", 103: "已结束" }[liveStatus],
      start,
      end,
      coverUrl: covered ? `${o.shop}/Storage/Shop/1/Products/${(id % 100) + 1}/1_220.png` : null,
      coverWidth: covered ? 220 : null,
      coverHeight: covered ? 220 : null,
      coverCheckedAt: covered ? now : null,
      firstSeenAt: now - 1000 * HOUR,
      seenAt: now - 4 * 60_000
    })
  }
  const facts: Row[] = [
    { key: "qualification", value: { state: "opened", url: "https://mp.weixin.qq.com/wxamp/frame/live" }, seenAt: now - 30 * 60_000 },
    { key: `entrance|${o.shop}`, value: { found: true, name: "小程序直播", kind: "image_nav" }, seenAt: now - 60 * 60_000 }
  ]
  return { tables: { products, wechatGoods: goods, covers, wechatRooms, shopRooms, facts }, summary: s }
}

/** Write records into the extension's database from its service worker (`{ $bytes, type }` → Blob). */
export async function writeRecords(b: ExtensionBrowser, table: string, rows: Row[]): Promise<void> {
  const sw = await b.worker()
  for (let at = 0; at < rows.length; at += 2000) {
    // A string, not a function: tsx would wrap named inner functions in a helper the worker lacks.
    await sw.evaluate(`(async () => {
      const name = ${JSON.stringify(table)}
      const rows = ${JSON.stringify(rows.slice(at, at + 2000))}
      const blobs = (v) => {
        if (Array.isArray(v)) return v.map(blobs)
        if (v && typeof v === "object") {
          if (typeof v.$bytes === "string") return new Blob([Uint8Array.from(atob(v.$bytes), (c) => c.charCodeAt(0))], { type: v.type })
          const out = {}
          for (const k of Object.keys(v)) out[k] = blobs(v[k])
          return out
        }
        return v
      }
      await new Promise((resolve, reject) => {
        const open = indexedDB.open("himall-live-helper")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const idb = open.result
          const tx = idb.transaction(name, "readwrite")
          for (const r of rows) tx.objectStore(name).put(blobs(r))
          tx.oncomplete = () => { idb.close(); resolve() }
          tx.onerror = () => reject(tx.error)
        }
      })
    })()`)
  }
}

export async function seedLargeSetup(b: ExtensionBrowser, o: SeedOptions): Promise<SeedSummary> {
  const { tables, summary } = seedRecords(o)
  for (const [name, rows] of Object.entries(tables)) await writeRecords(b, name, rows)
  return summary
}

/**
 * Every record of a table as JSON, Blobs as `{ $blob: base64, type, size }`, sorted by primary
 * key — to compare databases (two profiles) byte for byte.
 */
export async function dumpTable(b: ExtensionBrowser, table: string): Promise<Row[]> {
  const sw = await b.worker()
  return (await sw.evaluate(`(async () => {
    const name = ${JSON.stringify(table)}
    const rows = await new Promise((resolve, reject) => {
      const open = indexedDB.open("himall-live-helper")
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const idb = open.result
        const req = idb.transaction(name, "readonly").objectStore(name).getAll()
        req.onsuccess = () => { idb.close(); resolve(req.result) }
        req.onerror = () => reject(req.error)
      }
    })
    const plain = async (v) => {
      if (v instanceof Blob) {
        const bytes = new Uint8Array(await v.arrayBuffer())
        let s = ""
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
        return { $blob: btoa(s), type: v.type, size: v.size }
      }
      if (Array.isArray(v)) return Promise.all(v.map(plain))
      if (v && typeof v === "object") {
        const out = {}
        for (const k of Object.keys(v)) out[k] = await plain(v[k])
        return out
      }
      return v
    }
    return Promise.all(rows.map(plain))
  })()`)) as Row[]
}
