// Backup across browsers: the options page of one profile exports everything (products, goods
// states, covers with their JPEG bytes, rooms, plans with their pictures, room covers,
// preferences) to one file; a fresh profile previews and imports it, and then holds the same
// records byte for byte. Clearing all data then leaves nothing behind.
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startSandbox, type Sandbox } from "../sandbox/server"
import { launchWithExtension, type ExtensionBrowser } from "../support/browser"
import { dumpTable, seedRecords, writeRecords } from "../support/seed"

const TABLES = ["products", "wechatGoods", "covers", "settings", "facts", "wechatRooms", "shopRooms", "syncs", "plans", "roomCovers"]

let sandbox: Sandbox
let work: string
let file: string
let before: Record<string, unknown[]>

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true })
  work = mkdtempSync(join(tmpdir(), "lh-backup-"))
})

afterAll(async () => {
  await sandbox?.close()
  rmSync(work, { recursive: true, force: true })
})

/** A table as comparable JSON: `++id` tables without their ids, the session-bound page facts left out, sorted. */
async function comparable(b: ExtensionBrowser): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const t of TABLES) {
    let rows = (await dumpTable(b, t)) as Record<string, unknown>[]
    if (t === "syncs" || t === "plans") rows = rows.map(({ id: _id, ...r }) => r)
    if (t === "facts") rows = rows.filter((r) => !String(r.key).startsWith("page|"))
    out[t] = rows.map((r) => JSON.stringify(r)).sort()
  }
  return out
}

async function jpeg(width: number, height: number, color: string): Promise<string> {
  return (
    await sharp({ create: { width, height, channels: 3, background: color } })
      .jpeg({ quality: 85 })
      .toBuffer()
  ).toString("base64")
}

describe("backup", () => {
  it("exports everything from one profile to one file", async () => {
    const a = await launchWithExtension(sandbox)
    try {
      const { tables } = seedRecords({ shop: sandbox.shopOrigin, products: 60, rooms: 30, coverJpeg: await jpeg(200, 200, "#d0a070"), coverEvery: 3 })
      for (const [name, rows] of Object.entries(tables)) await writeRecords(a, name, rows)
      const now = Date.now()
      await writeRecords(a, "plans", [
        {
          id: 1,
          title: "周五上新直播",
          start: now + 86_400_000,
          end: now + 90_000_000,
          anchorName: "小羽",
          anchorWechat: "xiaoyu_01",
          allowComment: true,
          shareImage: { $bytes: await jpeg(800, 640, "#3070d0"), type: "image/jpeg" },
          roomCover: { $bytes: await jpeg(1080, 1920, "#30a060"), type: "image/jpeg" },
          createdAt: now - 5000,
          updatedAt: now - 4000,
          usedAt: null,
          roomId: null
        },
        {
          id: 2,
          title: "草稿",
          start: 0,
          end: 0,
          anchorName: "",
          anchorWechat: "",
          allowComment: false,
          shareImage: null,
          roomCover: null,
          createdAt: now - 3000,
          updatedAt: now - 3000,
          usedAt: null,
          roomId: null
        }
      ])
      await writeRecords(a, "roomCovers", [
        {
          key: `${sandbox.shopOrigin}|29`,
          blob: { $bytes: await jpeg(750, 750, "#a03060"), type: "image/jpeg" },
          width: 750,
          height: 750,
          bytes: 1,
          source: "picked",
          madeAt: now,
          uploadedUrl: null
        }
      ])
      await writeRecords(a, "syncs", [
        { shopOrigin: sandbox.shopOrigin, at: now - 60_000, ok: true, message: "获取成功！" },
        { shopOrigin: sandbox.shopOrigin, at: now - 30_000, ok: false, message: "今日接口调用次数已用完" }
      ])
      await writeRecords(a, "settings", [
        { key: "coverFit", value: "crop" },
        { key: "reminderLeadMinutes", value: 45 },
        { key: "defaultPriceForm", value: "1" }
      ])
      before = await comparable(a)
      expect((before.covers as string[]).filter((c) => c.includes('"$blob"'))).toHaveLength(20)

      const page = await a.context.newPage()
      await page.goto(a.url("options.html"))
      const download = page.waitForEvent("download")
      await page.locator('[data-lh="export-backup"]').click()
      file = join(work, (await download).suggestedFilename())
      await (await download).saveAs(file)
      expect(file).toMatch(/himall-live-helper-\d{8}-\d{4}\.json$/)
      await page.locator('[data-lh="export-done"]').waitFor()
      const doc = JSON.parse(readFileSync(file, "utf8"))
      expect(doc).toMatchObject({ format: "himall-live-helper-backup", version: 1, schemaVersion: expect.any(Number) })
      expect(doc.tables.products).toHaveLength(60)
      expect(doc.tables.covers[0].blob.$blob).toMatch(/^data:image\/jpeg;base64,\/9j\//)
    } finally {
      await a.close()
    }
  })

  it("imports it on a fresh profile after a preview: every record equal, cover bytes included", async () => {
    const b = await launchWithExtension(sandbox)
    try {
      const page = await b.context.newPage()
      await page.goto(b.url("options.html"))
      await page.locator('[data-lh="import-file"]').setInputFiles(file)
      const preview = page.locator('[data-lh="import-preview"]')
      await preview.waitFor()
      const added = async (t: string) => preview.locator(`[data-lh-table="${t}"]`).getAttribute("data-lh-added")
      expect(await added("products")).toBe("60")
      expect(await added("covers")).toBe("20")
      expect(await added("plans")).toBe("2")
      expect(await added("roomCovers")).toBe("1")
      expect(await preview.locator('[data-lh-table="products"]').getAttribute("data-lh-invalid")).toBe("0")
      await page.locator('[data-lh="import-confirm"]').click()
      await page.locator('[data-lh="import-done"]').waitFor({ timeout: 30_000 })

      const after = await comparable(b)
      for (const t of TABLES) expect(after[t], t).toEqual(before[t])

      // Imported again: the preview finds nothing new.
      await page.reload()
      await page.locator('[data-lh="import-file"]').setInputFiles(file)
      await preview.waitFor()
      expect(await preview.locator('[data-lh-table="covers"]').getAttribute("data-lh-unchanged")).toBe("20")
      expect(await page.locator('[data-lh="import-confirm"]').isDisabled()).toBe(true)

      // Clearing all data keeps nothing (the shops mirror the browser's grants).
      await page.reload()
      await page.locator('[data-lh="clear-data"]').click()
      await page.locator('[data-lh="clear-confirm"]').click()
      await page.locator('[data-lh="clear-done"]').waitFor()
      for (const t of [...TABLES, "notices", "jobs"]) expect(await dumpTable(b, t), t).toEqual([])
    } finally {
      await b.close()
    }
  })
})
