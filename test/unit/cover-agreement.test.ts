// One cover rule (core/room-covers.ts) for the three places a merchant is told about a room's
// cover: the HiMall 小程序直播 page's flag (shopRoomsView), the popup's room row (the checklist)
// and the toolbar badge. Every size, in both backends, is judged the same by all three.
import { beforeEach, describe, expect, it } from "vitest"

import { computeBadge } from "~background/badge"
import { shopRoomsView } from "~background/shop-rooms"
import { buildChecklist } from "~core/checklist"
import { coverFlagged } from "~core/room-covers"
import { roomsReadFactKey } from "~db/facts"
import { readSetup } from "~db/overview"
import { getDb } from "~db/schema"

const db = getDb()
const SHOP = "https://shop.example.com"
const NOW = Date.UTC(2026, 11, 5, 8)
const ROOM = 31

const SIZES: [number | null, number | null][] = [
  [750, 750],
  [800, 640],
  [1080, 1080],
  [600, 600],
  [375, 375],
  [750, 751],
  [640, 800],
  [1080, 1920],
  [null, null]
]

async function seed(listPath: string, size: [number | null, number | null] | "none") {
  await Promise.all(db.tables.map((t) => t.clear()))
  await db.shops.put({ origin: SHOP, pattern: `${SHOP}/*`, addedAt: 1, lastSeenAt: 1 })
  await db.facts.put({ key: roomsReadFactKey(SHOP), value: { at: NOW - 60_000, listPath, total: 1, complete: true }, seenAt: NOW - 60_000 })
  const start = NOW + 3 * 86_400_000
  await db.wechatRooms.put({
    roomId: ROOM,
    name: "周五上新",
    anchorName: "猫",
    anchorWechat: null,
    start,
    end: start + 3_600_000,
    liveStatus: 102,
    coverUrl: null,
    firstSeenAt: NOW - 120_000,
    seenAt: NOW - 120_000,
    goneAt: null
  })
  await db.shopRooms.put({
    key: `${SHOP}|${ROOM}`,
    shopOrigin: SHOP,
    roomId: ROOM,
    name: "周五上新",
    anchorName: "猫",
    shopName: "羽逸",
    status: 102,
    statusDesc: "未开始",
    start,
    end: start + 3_600_000,
    coverUrl: size === "none" ? null : `${SHOP}/temp/cover.jpg`,
    coverWidth: size === "none" ? null : size[0],
    coverHeight: size === "none" ? null : size[1],
    coverCheckedAt: size === "none" ? null : NOW - 60_000,
    firstSeenAt: NOW - 60_000,
    seenAt: NOW - 60_000
  })
}

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()))
})

describe("the HiMall page, the popup and the badge judge a room's cover alike", () => {
  for (const listPath of ["/Admin/Live/List", "/SellerAdmin/Live/List"]) {
    it(`for every size, in ${listPath.split("/")[1]}`, async () => {
      const verdicts: string[] = []
      for (const size of [...SIZES, "none" as const]) {
        await seed(listPath, size)
        const page = (await shopRoomsView(db, SHOP, NOW)).rooms.find((r) => r.roomId === ROOM)!
        const pageFlags = coverFlagged(page.coverState)
        const row = buildChecklist(await readSetup(db, NOW)).rooms.find((r) => r.roomId === ROOM)!
        const popupFlags = row.cover === "missing" || row.cover === "size"
        const badge = await computeBadge(db, NOW)
        expect(popupFlags, `${listPath} ${JSON.stringify(size)}: popup vs page`).toBe(pageFlags)
        expect(row.todo.includes("cover"), `${listPath} ${JSON.stringify(size)}: badge's to-do vs page`).toBe(pageFlags)
        verdicts.push(`${JSON.stringify(size)}:${pageFlags ? "flagged" : "ok"}:${badge.needs}`)
      }
      // The size the backend asks passes; others are flagged, and the badge counts one more for them.
      const wanted = listPath.startsWith("/SellerAdmin") ? "[800,640]" : "[750,750]"
      const needsOk = Number(verdicts.find((v) => v.startsWith(`${wanted}:`))!.split(":")[2])
      for (const v of verdicts) {
        const [size, verdict, needs] = v.split(":")
        const expected = size === wanted || size === "[null,null]" ? "ok" : "flagged"
        expect(verdict, `${listPath} ${size}`).toBe(expected)
        expect(Number(needs), `${listPath} ${size}: badge`).toBe(expected === "ok" ? needsOk : needsOk + 1)
      }
    })
  }
})
