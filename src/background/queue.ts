// The goods queue (`queue-start` on 商品库): every captured product WeChat does not hold yet,
// filled one after another each time 添加商品 opens. Its whole state is the `jobs` record
// `queue`, changed in transactions, so a reload or a stopped worker loses nothing; it moves
// on when WeChat's own table shows the current product (saved), or when the merchant skips.
import type { HelperDb, JobRecord } from "~db/schema"
import type { QueueAction, QueueView } from "~protocol/messages"

import { pickOwnGoods } from "~core/accounts"
import { groupByUrl, ownGoodsOf, productGoodsUrl, readAccountShops } from "~db/goods"

import { shopOfAccount } from "./accounts"
import { toCandidate } from "./goods"

export const QUEUE_ID = "queue"

interface QueueData {
  /** Product keys in the order they are filled. */
  items: string[]
  /** Index of the current item; items before it are done (added or skipped). */
  index: number
  skipped: string[]
}

function dataOf(job: JobRecord): QueueData {
  const d = job.data as Partial<QueueData>
  return { items: Array.isArray(d.items) ? d.items : [], index: typeof d.index === "number" ? d.index : 0, skipped: Array.isArray(d.skipped) ? d.skipped : [] }
}

/** Move past items WeChat now holds; returns whether anything moved. */
async function catchUp(db: HelperDb, data: QueueData): Promise<boolean> {
  let moved = false
  while (data.index < data.items.length) {
    const product = await db.products.get(data.items[data.index])
    if (product && !(await ownGoodsOf(db, [product]))[0]) break
    data.index++
    moved = true
  }
  return moved
}

async function view(db: HelperDb, job: JobRecord | undefined): Promise<QueueView | null> {
  if (!job) return null
  const data = dataOf(job)
  const product = data.index < data.items.length ? await db.products.get(data.items[data.index]) : undefined
  const [goods] = await ownGoodsOf(db, [product])
  return {
    state: job.state,
    total: data.items.length,
    done: Math.min(data.index, data.items.length),
    skipped: data.skipped.length,
    current: product ? toCandidate(product, goods) : null
  }
}

const TABLES = (db: HelperDb) => [db.jobs, db.products, db.wechatGoods, db.wechatAccounts]

export async function getQueue(db: HelperDb): Promise<QueueView | null> {
  return db.transaction("r", TABLES(db), async () => view(db, await db.jobs.get(QUEUE_ID)))
}

/** Build the list: captured products whose link WeChat's goods library does not hold, oldest capture first. */
async function pendingProducts(db: HelperDb, shop: string | null): Promise<string[]> {
  const products = (await db.products.orderBy("capturedAt").toArray()).filter((p) => !shop || p.shopOrigin === shop)
  const held = groupByUrl(await db.wechatGoods.toArray())
  const shops = await readAccountShops(db)
  return products.filter((p) => !pickOwnGoods(p.shopOrigin, held.get(productGoodsUrl(p)), shops)).map((p) => p.key)
}

export async function queueCommand(db: HelperDb, action: QueueAction, now = Date.now(), account: string | null = null): Promise<QueueView | null> {
  // Started on a mini program's console: only the products of the shop it sells for.
  const shop = action === "start" ? await shopOfAccount(db, account) : null
  return db.transaction("rw", TABLES(db), async () => {
    let job = await db.jobs.get(QUEUE_ID)
    if (action === "start") {
      const items = await pendingProducts(db, shop)
      job = {
        id: QUEUE_ID,
        state: items.length ? "running" : "done",
        startedAt: now,
        updatedAt: now,
        data: { items, index: 0, skipped: [] } satisfies QueueData
      }
      await db.jobs.put(job)
      return view(db, job)
    }
    if (!job) return null
    const data = dataOf(job)
    if (action === "pause" && job.state === "running") job.state = "paused"
    else if (action === "resume" && job.state === "paused") job.state = "running"
    else if (action === "stop" && (job.state === "running" || job.state === "paused")) job.state = "stopped"
    else if (action === "skip" && (job.state === "running" || job.state === "paused") && data.index < data.items.length) {
      data.skipped.push(data.items[data.index])
      data.index++
    }
    await catchUp(db, data)
    if (data.index >= data.items.length && (job.state === "running" || job.state === "paused")) job.state = "done"
    job = { ...job, updatedAt: now, data: { ...data } }
    await db.jobs.put(job)
    return view(db, job)
  })
}

/** After the 商品库 table was read: step past products WeChat now holds. */
export async function queueAfterSeen(db: HelperDb, now = Date.now()): Promise<QueueView | null> {
  return db.transaction("rw", TABLES(db), async () => {
    const job = await db.jobs.get(QUEUE_ID)
    if (!job || (job.state !== "running" && job.state !== "paused")) return view(db, job)
    const data = dataOf(job)
    const moved = await catchUp(db, data)
    if (!moved) return view(db, job)
    const next: JobRecord = { ...job, state: data.index >= data.items.length ? "done" : job.state, updatedAt: now, data: { ...data } }
    await db.jobs.put(next)
    return view(db, next)
  })
}
