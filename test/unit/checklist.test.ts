// The five steps, the badge count, and the goods and room rows: pure rules over plain records.
import { describe, expect, it } from "vitest"

import { himallAreaOf } from "~core/himall-area"

import {
  badgeText,
  buildChecklist,
  filterGoodsRows,
  goodsRow,
  himallUrl,
  roomRows,
  safeWechatUrl,
  sortGoodsRows,
  summariseGoods,
  type GoodsLike,
  type ProductLike,
  type SetupSnapshot,
  type ShopRoomLike,
  type WechatRoomLike
} from "~core/checklist"

const NOW = Date.UTC(2030, 5, 1, 2, 0)
const MIN = 60_000
const SHOP = "https://shop.example.com"

function product(id: number, over: Partial<ProductLike> = {}): ProductLike {
  return {
    key: `${SHOP}|${id}`,
    shopOrigin: SHOP,
    productId: id,
    name: `商品${id}`,
    priceLowFen: 100,
    priceHighFen: 100,
    link: `pages/productdetail/productdetail?id=${id}`,
    imageUrl: null,
    updatedAt: id,
    ...over
  }
}
function goods(id: number, over: Partial<GoodsLike> = {}): GoodsLike {
  return {
    url: `pages/productdetail/productdetail?id=${id}`,
    status: "approved",
    rejectReason: null,
    priceLowFen: 100,
    priceHighFen: 100,
    discount: false,
    seenAt: NOW - MIN,
    statusSince: 1,
    ...over
  }
}
function wroom(roomId: number, over: Partial<WechatRoomLike> = {}): WechatRoomLike {
  return {
    roomId,
    name: `间${roomId}`,
    anchorName: "猫",
    start: NOW + 60 * MIN,
    end: NOW + 180 * MIN,
    liveStatus: 102,
    seenAt: NOW - MIN,
    goneAt: null,
    ...over
  }
}
function sroom(roomId: number, over: Partial<ShopRoomLike> = {}): ShopRoomLike {
  return {
    key: `${SHOP}|${roomId}`,
    shopOrigin: SHOP,
    roomId,
    name: `间${roomId}`,
    anchorName: "猫",
    status: 102,
    start: NOW + 60 * MIN,
    end: NOW + 180 * MIN,
    coverUrl: `${SHOP}/c.jpg`,
    coverWidth: 750,
    coverHeight: 750,
    seenAt: NOW - 2 * MIN,
    ...over
  }
}

function snapshot(over: Partial<SetupSnapshot> = {}): SetupSnapshot {
  const rows = [goodsRow(product(1), goods(1))]
  return {
    now: NOW,
    leadMinutes: 15,
    shops: [{ origin: SHOP, area: "Admin" }],
    qualification: { state: "opened", url: null, seenAt: NOW - MIN },
    goods: summariseGoods(rows, [goods(1)]),
    wechatRooms: [wroom(5)],
    shopRooms: [sroom(5)],
    lastSync: {},
    entrances: { [SHOP]: { found: true, name: "直播", kind: "image_nav", seenAt: NOW - MIN } },
    pages: { wechatGoods: null, wechatRooms: null },
    ...over
  }
}

const states = (s: SetupSnapshot) => Object.fromEntries(buildChecklist(s).steps.map((x) => [x.id, x.state]))

describe("the five steps", () => {
  it("all done: ready, nothing on the badge", () => {
    const list = buildChecklist(snapshot())
    expect(list.steps.map((s) => s.id)).toEqual(["qualification", "goods", "rooms", "entrance", "live"])
    expect(list.steps.every((s) => s.state === "done")).toBe(true)
    expect(list.ready).toBe(true)
    expect(list.needs).toBe(0)
    expect(list.steps.find((s) => s.id === "live")!.lines[0]).toEqual({ key: "live_ready", args: ["间5", { time: NOW + 60 * MIN }, "猫"] })
  })

  it("a fresh install: nothing seen, nothing counted", () => {
    const list = buildChecklist(snapshot({ shops: [], qualification: null, goods: summariseGoods([], []), wechatRooms: [], shopRooms: [], entrances: {} }))
    expect(Object.fromEntries(list.steps.map((x) => [x.id, x.state]))).toEqual({
      qualification: "unknown",
      goods: "todo",
      rooms: "unknown",
      entrance: "todo",
      live: "waiting"
    })
    expect(list.needs).toBe(0)
    expect(list.steps[0].link).toEqual({ url: "https://mp.weixin.qq.com/", label: "mp" })
    expect(list.steps[1].link).toEqual({ url: "options.html", label: "options" })
  })

  it("qualification: not opened is a to-do counted once; unqualified is blocked and red", () => {
    const todo = buildChecklist(snapshot({ qualification: { state: "not_opened", url: "https://mp.weixin.qq.com/wxamp/frame/live", seenAt: 1 } }))
    expect(todo.steps[0]).toMatchObject({ state: "todo", needs: 1, link: { url: "https://mp.weixin.qq.com/wxamp/frame/live" } })
    expect(todo.alert).toBe(false)
    const blocked = buildChecklist(snapshot({ qualification: { state: "unqualified", url: null, seenAt: 1 } }))
    expect(blocked.steps[0].state).toBe("blocked")
    expect(blocked.alert).toBe(true)
    expect(blocked.steps.find((s) => s.id === "live")!.lines[0].key).toBe("live_not_ready")
  })

  it("goods: rejected and drifted need the merchant; review alone is waiting; none in the library is a to-do", () => {
    const rows = [
      goodsRow(product(1), goods(1, { status: "rejected" })),
      goodsRow(product(2, { priceLowFen: 200, priceHighFen: 200 }), goods(2)),
      goodsRow(product(3), null)
    ]
    const s = snapshot({ goods: summariseGoods(rows, [goods(1, { status: "rejected" }), goods(2), goods(99, { status: "rejected" })]) })
    const step = buildChecklist(s).steps[1]
    expect(step.state).toBe("attention")
    // Two rejected goods in WeChat's library (one not captured here), one drift.
    expect(step.needs).toBe(3)
    expect(step.lines.map((l) => l.key)).toEqual(["goods_rejected", "goods_drift", "goods_approved", "goods_not_in_library"])
    expect(buildChecklist(s).alert).toBe(true)

    const reviewing = snapshot({ goods: summariseGoods([goodsRow(product(1), goods(1, { status: "reviewing" }))], [goods(1, { status: "reviewing" })]) })
    expect(states(reviewing).goods).toBe("waiting")
    const notAdded = snapshot({ goods: summariseGoods([goodsRow(product(1), null)], []) })
    expect(states(notAdded).goods).toBe("todo")
    expect(buildChecklist(notAdded).steps[1].lines.map((l) => l.key)).toEqual(["goods_not_in_library", "goods_library_unseen"])
  })

  it("rooms: a coming room not in HiMall, or without a HiMall cover, needs the merchant", () => {
    const s = snapshot({
      wechatRooms: [wroom(5), wroom(6), wroom(7, { liveStatus: 103, start: NOW - 600 * MIN, end: NOW - 500 * MIN })],
      shopRooms: [sroom(5, { coverUrl: null })]
    })
    const list = buildChecklist(s)
    const step = list.steps[2]
    expect(step.state).toBe("attention")
    expect(step.needs).toBe(2)
    expect(step.link).toEqual({ url: `${SHOP}/Admin/Live/Management`, label: "himall_live" })
    expect(list.needs).toBe(2)
    expect(list.alert).toBe(false)
    // Ended rooms ask nothing.
    expect(list.rooms.find((r) => r.roomId === 7)!.todo).toEqual([])
  })

  it("rooms: none coming is a to-do; never seen is unknown", () => {
    expect(states(snapshot({ wechatRooms: [wroom(1, { liveStatus: 103, start: NOW - 600 * MIN, end: NOW - 500 * MIN })], shopRooms: [] })).rooms).toBe("todo")
    expect(states(snapshot({ wechatRooms: [], shopRooms: [] })).rooms).toBe("unknown")
  })

  it("entrance: missing is counted and red; unseen is unknown with the shop's homepage editor", () => {
    const missing = buildChecklist(snapshot({ entrances: { [SHOP]: { found: false, name: null, kind: null, seenAt: 1 } } }))
    expect(missing.steps[3]).toMatchObject({ state: "attention", needs: 1, link: { url: `${SHOP}/Admin/WXSmallProgram/HomePageSetting` } })
    expect(missing.alert).toBe(true)
    const unseen = buildChecklist(snapshot({ entrances: {} }))
    expect(unseen.steps[3]).toMatchObject({ state: "unknown", needs: 0 })
    // A wildcard grant (the sandbox build) with no shop seen yet: no link to guess.
    const wildcard = buildChecklist(snapshot({ shops: [], hasShopGrant: true, entrances: {} }))
    expect(wildcard.steps[3]).toMatchObject({ state: "unknown", link: null })
  })

  it("going live: urgent flags from going-live count; a live room is done", () => {
    const soon = buildChecklist(snapshot({ wechatRooms: [wroom(5, { start: NOW + 10 * MIN })] }))
    expect(soon.steps[4]).toMatchObject({ state: "todo", needs: 1 })
    expect(soon.alert).toBe(false)
    const late = buildChecklist(snapshot({ wechatRooms: [wroom(5, { start: NOW - 30 * MIN })] }))
    expect(late.steps[4]).toMatchObject({ state: "attention", needs: 1 })
    expect(late.alert).toBe(true)
    const live = buildChecklist(snapshot({ wechatRooms: [wroom(5, { liveStatus: 101, start: NOW - 30 * MIN })] }))
    expect(live.steps[4].state).toBe("done")
    expect(live.steps[4].lines[0]).toEqual({ key: "live_now", args: ["间5"] })
  })

  it("links use the WeChat pages last seen and the HiMall area last used", () => {
    const s = snapshot({
      goods: summariseGoods([goodsRow(product(1), goods(1, { status: "rejected" }))], [goods(1, { status: "rejected" })]),
      pages: { wechatGoods: "https://mp.weixin.qq.com/wxamp/frame/live/goods/index", wechatRooms: null },
      shops: [{ origin: SHOP, area: "SellerAdmin" }],
      shopRooms: []
    })
    const list = buildChecklist(s)
    expect(list.steps[1].link!.url).toBe("https://mp.weixin.qq.com/wxamp/frame/live/goods/index")
    expect(list.steps[2].link!.url).toBe(`${SHOP}/SellerAdmin/Live/Management`)
  })
})

describe("badge text", () => {
  it("empty for nothing, the count, 99+ beyond", () => {
    expect([badgeText(0), badgeText(3), badgeText(99), badgeText(100)]).toEqual(["", "3", "99", "99+"])
  })
})

describe("goods rows", () => {
  it("drift compares WeChat's row, else the last fill; a discount compares the current price only", () => {
    expect(goodsRow(product(1, { priceLowFen: 100, priceHighFen: 200 }), goods(1, { priceLowFen: 100, priceHighFen: 100, discount: true })).drift).toBe(false)
    expect(goodsRow(product(1, { priceLowFen: 120 }), null).drift).toBe(false)
    const filled = product(1, { priceLowFen: 120, priceHighFen: 120, lastFill: { at: 1, outcome: "ok", priceType: 1, priceLowFen: 100, priceHighFen: 100 } })
    expect(goodsRow(filled, null).drift).toBe(true)
    expect(goodsRow({ ...filled, lastFill: { ...filled.lastFill!, outcome: "failed" } }, null).drift).toBe(false)
  })

  it("sorts what needs the merchant first, and searches by name, id or shop", () => {
    const rows = sortGoodsRows([
      goodsRow(product(1, { updatedAt: 5 }), goods(1)),
      goodsRow(product(2, { updatedAt: 4 }), null),
      goodsRow(product(3, { updatedAt: 3, priceLowFen: 1 }), goods(3)),
      goodsRow(product(4, { updatedAt: 2 }), goods(4, { status: "rejected" })),
      goodsRow(product(15, { updatedAt: 1, name: "羊毛大衣" }), goods(15, { status: "reviewing" }))
    ])
    expect(rows.map((r) => r.product.productId)).toEqual([4, 3, 2, 15, 1])
    expect(filterGoodsRows(rows, "大衣").map((r) => r.product.productId)).toEqual([15])
    expect(filterGoodsRows(rows, "1").map((r) => r.product.productId)).toEqual([15, 1])
    expect(filterGoodsRows(rows, "", "drift").map((r) => r.product.productId)).toEqual([3])
    expect(filterGoodsRows(rows, "", "not_in_library").map((r) => r.product.productId)).toEqual([2])
    expect(filterGoodsRows(rows, "example.com")).toHaveLength(5)
  })
})

describe("room rows", () => {
  it("merges WeChat and HiMall by room id; live, then coming by start, then past latest first", () => {
    const rows = roomRows(
      [
        wroom(1, { liveStatus: 103, start: NOW - 900 * MIN, end: NOW - 800 * MIN }),
        wroom(2, { start: NOW + 300 * MIN, end: NOW + 400 * MIN }),
        wroom(3, { liveStatus: 101, start: NOW - 10 * MIN })
      ],
      [sroom(2), sroom(9, { status: 103, start: NOW - 100 * MIN, end: NOW - 50 * MIN })],
      { now: NOW, leadMinutes: 15, hasShops: true }
    )
    expect(rows.map((r) => [r.roomId, r.group])).toEqual([
      [3, "live"],
      [2, "upcoming"],
      [9, "past"],
      [1, "past"]
    ])
    expect(rows[1]).toMatchObject({ cover: "ok", syncedAt: NOW - 2 * MIN, todo: [] })
    expect(rows[0]).toMatchObject({ cover: "not_synced", todo: ["sync"], needs: 1 })
  })

  it("HiMall's newer reading wins for the status; a cover not of the size the backend asks is flagged and counted, as on the HiMall page", () => {
    const [row] = roomRows([wroom(2, { seenAt: NOW - 10 * MIN })], [sroom(2, { status: 101, seenAt: NOW - MIN, coverWidth: 800, coverHeight: 600 })], {
      now: NOW,
      leadMinutes: 15,
      hasShops: true
    })
    expect(row.status).toBe(101)
    expect(row.cover).toBe("size")
    expect(row.todo).toEqual(["cover"])
    expect(row.needs).toBe(1)
    // The seller backend asks 800×640: that size passes there, and only there.
    const seller = { now: NOW, leadMinutes: 15, hasShops: true, coverWanted: { [sroom(2).shopOrigin]: { width: 800, height: 640 } } }
    const [ok] = roomRows([wroom(2)], [sroom(2, { coverWidth: 800, coverHeight: 640 })], seller)
    expect(ok).toMatchObject({ cover: "ok", needs: 0 })
  })

  it("a WeChat room with an unknown status or times is listed, never dropped, and grouped by what is known", () => {
    const opts = { now: NOW, leadMinutes: 15, hasShops: true }
    const rows = roomRows(
      [
        wroom(1, { liveStatus: null, end: null }),
        wroom(2, { liveStatus: null, start: null, end: null }),
        wroom(3, { liveStatus: null, start: NOW - 3 * 60 * MIN, end: NOW - MIN })
      ],
      [],
      opts
    )
    const byId = Object.fromEntries(rows.map((r) => [r.roomId, r]))
    expect(byId[1]).toMatchObject({ status: null, group: "upcoming", end: null, todo: ["sync"] })
    expect(byId[2]).toMatchObject({ status: null, group: "past", start: null })
    expect(byId[3]).toMatchObject({ status: null, group: "past" })
    // HiMall's known status is kept when WeChat's newer reading did not show one.
    const [merged] = roomRows([wroom(4, { liveStatus: null, seenAt: NOW })], [sroom(4, { status: 101, seenAt: NOW - 5 * MIN })], opts)
    expect(merged).toMatchObject({ status: 101, group: "live" })
    // The checklist names a flagged room with no known start without a time.
    const list = buildChecklist(snapshot({ wechatRooms: [wroom(5, { liveStatus: 104, start: null, end: null })] }))
    expect(list.steps.find((x) => x.id === "live")!.lines[0]).toEqual({ key: "live_flag_banned", args: ["间5", "—"] })
  })

  it("without a shop enabled, sync and cover are not asked yet", () => {
    const [row] = roomRows([wroom(2)], [], { now: NOW, leadMinutes: 15, hasShops: false })
    expect(row.todo).toEqual([])
  })
})

describe("pages", () => {
  it("only WeChat's console over https is linked to from stored addresses", () => {
    expect(safeWechatUrl("https://live.weixin.qq.com/livemp/broadcast/index")).toBe("https://live.weixin.qq.com/livemp/broadcast/index")
    expect(safeWechatUrl("javascript:alert(1)")).toBeNull()
    expect(safeWechatUrl("http://mp.weixin.qq.com/")).toBeNull()
    expect(safeWechatUrl("https://mp.weixin.qq.com.evil.com/")).toBeNull()
    expect(safeWechatUrl("https://user:pw@mp.weixin.qq.com/")).toBeNull()
  })

  it("HiMall pages per area; the homepage editor is the platform's", () => {
    expect(himallUrl(SHOP, "products", "SellerAdmin")).toBe(`${SHOP}/SellerAdmin/Product/Management`)
    expect(himallUrl(SHOP, "homepage", "SellerAdmin")).toBe(`${SHOP}/Admin/WXSmallProgram/HomePageSetting`)
    expect(himallUrl("javascript:alert(1)", "live")).toBeNull()
    expect(himallAreaOf(`${SHOP}/selleradmin/Live/Management`)).toBe("SellerAdmin")
    expect(himallAreaOf(`${SHOP}/Admin/Product/Management?x=1`)).toBe("Admin")
    expect(himallAreaOf(`${SHOP}/other`)).toBeNull()
  })
})
