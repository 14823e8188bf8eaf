// The popup, component by component state: empty, normal, attention, error; on the real
// database code (fake IndexedDB) with the real locales.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { goodsKey } from "~core/accounts"
import userEvent from "@testing-library/user-event"
import { beforeEach, describe, expect, it, vi } from "vitest"

import { refreshGoodsOverview } from "~db/overview"
import { getDb, type GoodsRecord, type ShopRoomRecord, type WechatRoomRecord } from "~db/schema"
import { GoodsPanel } from "~popup/GoodsPanel"
import PopupPage from "~popup/index"
import { readFirstGoods } from "~ui/use-data"

import { sent } from "../support/extension-send"
import { productRecord } from "../support/factories"
import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

vi.mock("~lib/send", () => import("../support/extension-send"))

const SHOP = "https://shop.example.com"
const product = productRecord
const HOUR = 3600_000

function goods(id: number, over: Partial<GoodsRecord> = {}): GoodsRecord {
  return {
    key: goodsKey(over.account, `pages/productdetail/productdetail?id=${id}`),
    url: `pages/productdetail/productdetail?id=${id}`,
    name: `商品${id}`,
    status: "approved",
    statusText: "已入库",
    rejectReason: null,
    priceLowFen: 39900,
    priceHighFen: 48800,
    discount: false,
    firstSeenAt: 1,
    seenAt: Date.now() - 5 * 60_000,
    statusSince: 1,
    ...over
  }
}

function wechatRoom(roomId: number, over: Partial<WechatRoomRecord> = {}): WechatRoomRecord {
  return {
    roomId,
    name: `直播间${roomId}`,
    anchorName: "长生猫",
    anchorWechat: null,
    start: Date.now() + 2 * 24 * HOUR,
    end: Date.now() + 2 * 24 * HOUR + 2 * HOUR,
    liveStatus: 102,
    coverUrl: null,
    firstSeenAt: 1,
    seenAt: Date.now() - 60_000,
    goneAt: null,
    ...over
  }
}

function shopRoom(roomId: number, over: Partial<ShopRoomRecord> = {}): ShopRoomRecord {
  const w = wechatRoom(roomId)
  return {
    key: `${SHOP}|${roomId}`,
    shopOrigin: SHOP,
    roomId,
    name: w.name,
    anchorName: w.anchorName,
    shopName: "羽逸ifc",
    status: 102,
    statusDesc: "未开始",
    start: w.start,
    end: w.end,
    coverUrl: `${SHOP}/Storage/Live/1.jpg`,
    coverWidth: 750,
    coverHeight: 750,
    coverCheckedAt: 1,
    firstSeenAt: 1,
    seenAt: Date.now() - 3 * 60_000,
    ...over
  }
}

async function seedShop() {
  fake.granted.add(`${SHOP}/*`)
  await getDb().shops.add({ origin: SHOP, pattern: `${SHOP}/*`, addedAt: 1, lastSeenAt: 1 })
}

/** Everything in place: opened, goods approved, a room synced with a cover, the entrance found. */
async function seedReady() {
  const db = getDb()
  await seedShop()
  await db.facts.bulkPut([
    { key: "qualification", value: { state: "opened", url: "https://mp.weixin.qq.com/wxamp/frame/live" }, seenAt: Date.now() - 60_000 },
    { key: `entrance|${SHOP}`, value: { found: true, name: "直播", kind: "image_nav" }, seenAt: Date.now() - 60_000 }
  ])
  await db.products.bulkAdd([
    product(),
    product({
      key: `${SHOP}|20`,
      productId: 20,
      name: "羊毛大衣",
      link: "pages/productdetail/productdetail?id=20",
      priceLowFen: 6800,
      priceHighFen: 6800,
      updatedAt: 2
    })
  ])
  await db.wechatGoods.bulkAdd([goods(19), goods(20, { priceLowFen: 6800, priceHighFen: 6800 })])
  await db.wechatRooms.bulkAdd([wechatRoom(5), wechatRoom(1, { liveStatus: 103, start: Date.now() - 48 * HOUR, end: Date.now() - 46 * HOUR })])
  await db.shopRooms.add(shopRoom(5))
}

const step = (id: string) => document.querySelector(`[data-lh-step="${id}"]`) as HTMLElement

let fake: FakeChrome
beforeEach(async () => {
  fake = installFakeChrome()
  sent.length = 0
  const db = getDb()
  await Promise.all(db.tables.map((t) => t.clear()))
})

describe("popup: empty", () => {
  it("teaches the next step in each place", async () => {
    render(<PopupPage />)
    expect(await screen.findByText("还没有保存任何商品")).toBeTruthy()
    expect(screen.getAllByText(/尚未启用任何 HiMall 店铺/).length).toBeGreaterThan(0)
    expect(document.documentElement.lang).toBe("zh-CN")
    expect(document.title).toBe("直播助手")
    // The five steps, in the manual's order, none done, each saying what to do.
    const steps = [...document.querySelectorAll("[data-lh-step]")].map((s) => [s.getAttribute("data-lh-step"), s.getAttribute("data-lh-state")])
    expect(steps).toEqual([
      ["qualification", "unknown"],
      ["goods", "todo"],
      ["rooms", "unknown"],
      ["entrance", "todo"],
      ["live", "waiting"]
    ])
    expect(within(step("qualification")).getByRole("link", { name: "打开微信公众平台" }).getAttribute("href")).toBe("https://mp.weixin.qq.com/")
    expect(step("goods").textContent).toContain("先在设置中启用你的 HiMall 店铺")
    expect(step("rooms").textContent).toContain("打开微信「直播间管理」")
    expect(step("rooms").textContent).toContain("尚未查看")
    await userEvent.click(screen.getByRole("tab", { name: /直播间/ }))
    expect(await screen.findByText("还没有看到直播间")).toBeTruthy()
  })

  it("a first read that never answers does not leave the popup blank: it reads live instead", async () => {
    const { Popup } = await import("~popup/Popup")
    const { seed } = await import("~ui/use-data")
    const { Shell } = await import("~ui/shell")
    const never = () => seed(new Promise<never>(() => undefined))
    render(
      <Shell title={() => "直播助手"}>
        <Popup first={{ goods: never(), base: never(), notices: never() }} />
      </Shell>
    )
    expect(await screen.findByText("还没有保存任何商品", undefined, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByRole("tab", { name: /直播间/ })).toBeTruthy()
  })

  it("updates live when the database changes", async () => {
    render(<PopupPage />)
    await screen.findByText("还没有保存任何商品")
    await getDb().products.add(product())
    expect(await screen.findByText("天使旅行箱")).toBeTruthy()
  })

  it("asks the background to bring the toolbar badge up to date when opened", async () => {
    render(<PopupPage />)
    await screen.findByText("还没有保存任何商品")
    await waitFor(() => expect(sent.map((m) => m.type)).toContain("badge.refresh"))
  })
})

describe("popup: normal", () => {
  it("says everything is ready, each step done, with when it was seen", async () => {
    await seedReady()
    render(<PopupPage />)
    expect(await screen.findByRole("heading", { name: "一切就绪，可以开播" })).toBeTruthy()
    for (const id of ["qualification", "goods", "rooms", "entrance", "live"]) expect(step(id).getAttribute("data-lh-state")).toBe("done")
    expect(step("qualification").textContent).toContain("1 分钟前")
    expect(step("goods").textContent).toContain("已入库 2 件（共保存 2 件）")
    expect(step("entrance").textContent).toContain("首页已有直播入口：直播")
    expect(step("live").textContent).toContain("下一场：直播间5")
  })

  it("lists products with price, state and actions; renders markup in names as text", async () => {
    await seedShop()
    await getDb().products.bulkAdd([
      product(),
      product({
        key: `${SHOP}|20`,
        productId: 20,
        name: "<img src=x onerror=alert(1)>",
        imageUrl: null,
        priceLowFen: 6800,
        priceHighFen: 6800,
        link: "pages/productdetail/productdetail?id=20"
      })
    ])
    const { container } = render(<PopupPage />)
    const list = await screen.findByRole("list", { name: "已保存的商品" })
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2))
    expect(within(list).getByText("天使旅行箱")).toBeTruthy()
    expect(within(list).getByText("￥399.00~488.00")).toBeTruthy()
    expect(within(list).getByText("<img src=x onerror=alert(1)>")).toBeTruthy()
    expect(container.querySelectorAll("img[onerror]")).toHaveLength(0)
    expect(within(list).getByText("无图")).toBeTruthy()
    expect(screen.getByRole("tab", { name: "商品 2" })).toBeTruthy()
    expect(container.querySelector(".lh-product-shop")).toBeNull()
    const himall = within(list).getAllByRole("link", { name: "在 HiMall 打开" })[0]
    expect(himall.getAttribute("href")).toBe(`${SHOP}/Admin/Product/Management`)
    expect(within(list).getAllByRole("link", { name: "打开商品库" })[0].getAttribute("href")).toMatch(/^https:\/\/live\.weixin\.qq\.com\//)
  })

  it("with products from several shops, shows one shop at a time and switches", async () => {
    await getDb().products.bulkAdd([
      product(),
      product({ key: `${SHOP}|20`, productId: 20, link: "pages/productdetail/productdetail?id=20" }),
      product({ key: "https://b.example.com|19", shopOrigin: "https://b.example.com" })
    ])
    const { container } = render(<PopupPage />)
    const switcher = await screen.findByRole("group", { name: "选择店铺" })
    const shops = () => [...new Set([...container.querySelectorAll("[data-lh-popup-product]")].map((e) => e.getAttribute("data-lh-shop")))]
    // The shop with most products first.
    await waitFor(() => expect(shops()).toEqual([SHOP]))
    expect(within(switcher).getByRole("button", { name: "shop.example.com" }).getAttribute("aria-pressed")).toBe("true")
    expect(container.querySelector('[data-lh-count="all"]')!.getAttribute("data-lh-value")).toBe("2")
    fireEvent.click(within(switcher).getByRole("button", { name: "b.example.com" }))
    await waitFor(() => expect(shops()).toEqual(["https://b.example.com"]))
    expect(container.querySelector('[data-lh-count="all"]')!.getAttribute("data-lh-value")).toBe("1")
  })

  it("counts goods per state and filters and searches the list", async () => {
    await seedShop()
    const ids = [1, 2, 3, 4, 5, 6]
    await getDb().products.bulkAdd(
      ids.map((id) =>
        product({
          key: `${SHOP}|${id}`,
          productId: id,
          name: id === 4 ? "羊毛大衣" : `旅行箱${id}`,
          link: `pages/productdetail/productdetail?id=${id}`,
          updatedAt: id
        })
      )
    )
    await getDb().wechatGoods.bulkAdd([
      goods(1),
      goods(2, { status: "reviewing" }),
      goods(3, { status: "rejected", rejectReason: "图片不符" }),
      goods(4, { priceLowFen: 100, priceHighFen: 100 }),
      goods(5, { status: "draft" })
    ])
    render(<PopupPage />)
    const counts = await screen.findByRole("group", { name: "按状态筛选" })
    const value = (f: string) => counts.querySelector(`[data-lh-count="${f}"]`)!.getAttribute("data-lh-value")
    expect([value("all"), value("not_in_library"), value("reviewing"), value("rejected"), value("approved"), value("drift")]).toEqual([
      "6",
      "2",
      "1",
      "1",
      "2",
      "1"
    ])
    const list = screen.getByRole("list", { name: "已保存的商品" })
    // What needs the merchant first: the rejection, then the price drift.
    const order = () =>
      within(screen.getByRole("list", { name: "已保存的商品" }))
        .getAllByRole("listitem")
        .map((li) => li.querySelector("[data-lh-popup-product]")!.getAttribute("data-lh-popup-product"))
    expect(order().slice(0, 2)).toEqual(["3", "4"])
    expect(within(list).getByText("驳回原因：图片不符")).toBeTruthy()
    expect(within(list).getByText(/价格已变：HiMall ￥399.00~488.00，微信 ￥1.00/)).toBeTruthy()

    await userEvent.click(within(counts).getByRole("button", { name: /未入库/ }))
    await waitFor(() => expect(order().sort()).toEqual(["5", "6"]))
    expect(
      within(counts)
        .getByRole("button", { name: /未入库/ })
        .getAttribute("aria-pressed")
    ).toBe("true")
    await userEvent.click(within(counts).getByRole("button", { name: /已保存/ }))
    await userEvent.type(screen.getByLabelText("搜索商品（名称或编号）"), "大衣")
    await waitFor(() => expect(order()).toEqual(["4"]))
    expect(screen.getByText("显示 1 / 6")).toBeTruthy()
    await userEvent.clear(screen.getByLabelText("搜索商品（名称或编号）"))
    await userEvent.type(screen.getByLabelText("搜索商品（名称或编号）"), "没有这个")
    expect(await screen.findByText("没有符合条件的商品。")).toBeTruthy()
    await userEvent.click(screen.getByRole("button", { name: "清除筛选" }))
    await waitFor(() => expect(order()).toHaveLength(6))
  })

  it("draws only a window of a long list", async () => {
    await getDb().products.bulkAdd(
      Array.from({ length: 2000 }, (_, i) => product({ key: `${SHOP}|${i + 1}`, productId: i + 1, name: `商品${i + 1}`, updatedAt: i }))
    )
    render(<PopupPage />)
    const list = await screen.findByRole("list", { name: "已保存的商品" })
    await waitFor(() => expect(within(list).getAllByRole("listitem").length).toBeGreaterThan(0))
    expect(within(list).getAllByRole("listitem").length).toBeLessThan(40)
    expect(within(list).getAllByRole("listitem")[0].getAttribute("aria-setsize")).toBe("2000")
    // Newest first.
    expect(within(list).getAllByRole("listitem")[0].textContent).toContain("商品2000")
  })

  it("lists rooms live and upcoming first, with HiMall sync and cover", async () => {
    await seedReady()
    await getDb().wechatRooms.add(wechatRoom(7, { liveStatus: 101, name: "正在直播的间", start: Date.now() - HOUR, end: Date.now() + HOUR }))
    render(<PopupPage />)
    await userEvent.click(await screen.findByRole("tab", { name: "直播间 2" }))
    const list = await screen.findByRole("list", { name: "直播间" })
    const rows = within(list).getAllByRole("listitem")
    expect(rows.map((r) => r.querySelector("[data-lh-popup-room]")!.getAttribute("data-lh-popup-room"))).toEqual(["7", "5", "1"])
    expect(rows[0].textContent).toContain("直播中")
    expect(rows[1].textContent).toContain("未开始")
    expect(rows[1].textContent).toContain("主播 长生猫")
    expect(rows[1].textContent).toContain("shop.example.com 同步于 3 分钟前")
    expect(rows[1].textContent).toContain("封面 750×750")
    expect(rows[1].querySelector("img")!.getAttribute("src")).toBe(`${SHOP}/Storage/Live/1.jpg`)
    expect(rows[2].textContent).toContain("已结束")
  })

  it("shows what is unknown about a room as unknown: its status (with the page's words) and its start", async () => {
    await getDb().wechatRooms.bulkAdd([
      wechatRoom(8, { name: "只有开始时间的间", end: null, liveStatus: null, statusText: "待开播" }),
      wechatRoom(9, { name: "没有时间的间", start: null, end: null })
    ])
    const { container } = render(<PopupPage />)
    await userEvent.click(await screen.findByRole("tab", { name: /直播间/ }))
    await screen.findByRole("list", { name: "直播间" })
    const room = (id: number) => container.querySelector(`[data-lh-popup-room="${id}"]`)!
    await waitFor(() => expect(room(8)).toBeTruthy())
    expect(room(8).getAttribute("data-lh-room-status")).toBe("unknown")
    expect(room(8).textContent).toContain("状态未知（页面显示“待开播”）")
    expect(room(8).getAttribute("data-lh-room-group")).toBe("upcoming")
    expect(room(9).querySelector("[data-lh-room-start]")!.getAttribute("data-lh-room-start")).toBe("unknown")
    expect(room(9).textContent).toContain("开播 未知")
  })

  it("speaks English when the browser does", async () => {
    fake.lang = "en"
    render(<PopupPage />)
    expect(await screen.findByText("No products saved yet")).toBeTruthy()
    expect(document.documentElement.lang).toBe("en")
  })
})

describe("popup: attention", () => {
  it("says what needs the merchant, where to fix it, and counts it on the badge", async () => {
    await seedReady()
    const db = getDb()
    await db.wechatGoods.put(goods(19, { status: "rejected", rejectReason: "商品图片与名称不符" }))
    await db.wechatGoods.put(goods(20, { priceLowFen: 5900, priceHighFen: 5900 }))
    await db.wechatRooms.add(wechatRoom(6, { name: "周三下午场" }))
    await db.shopRooms.put(shopRoom(5, { coverUrl: null, coverWidth: null, coverHeight: null }))
    await db.facts.put({ key: `entrance|${SHOP}`, value: { found: false, name: null, kind: null }, seenAt: Date.now() })
    await db.facts.put({ key: "page|wechat-goods", value: { url: "https://mp.weixin.qq.com/wxamp/frame/live/goods/index" }, seenAt: Date.now() })
    render(<PopupPage />)
    // rejected 1 + drift 1 + a room to sync 1 + a room without cover 1 + the entrance 1
    expect(await screen.findByRole("heading", { name: "有 5 件事需要你处理" })).toBeTruthy()
    expect(step("goods").getAttribute("data-lh-state")).toBe("attention")
    expect(step("goods").textContent).toContain("1 件商品审核未通过")
    expect(step("goods").textContent).toContain("1 件商品的价格与 HiMall 不一致")
    expect(within(step("goods")).getByRole("link", { name: "打开商品库" }).getAttribute("href")).toBe("https://mp.weixin.qq.com/wxamp/frame/live/goods/index")
    expect(step("rooms").getAttribute("data-lh-state")).toBe("attention")
    expect(step("rooms").textContent).toContain("1 个直播间还不在 HiMall")
    expect(step("rooms").textContent).toContain("1 个直播间在 HiMall 还没有封面")
    expect(within(step("rooms")).getByRole("link", { name: "打开 HiMall 小程序直播" }).getAttribute("href")).toBe(`${SHOP}/Admin/Live/Management`)
    expect(step("entrance").getAttribute("data-lh-state")).toBe("attention")
    expect(within(step("entrance")).getByRole("link").getAttribute("href")).toBe(`${SHOP}/Admin/WXSmallProgram/HomePageSetting`)
    expect(step("live").getAttribute("data-lh-state")).toBe("waiting")

    await userEvent.click(screen.getByRole("tab", { name: /直播间/ }))
    const rooms = await screen.findByRole("list", { name: "直播间" })
    expect(within(rooms).getByText("在 HiMall 小程序直播 点「获取小程序数据」")).toBeTruthy()
    expect(within(rooms).getByText("在 HiMall 点「设置封面图」（750×750）")).toBeTruthy()

    // The badge says the same (the background's computation over the same tables).
    await waitFor(() => expect(fake.badge.text).toBe("5"))
    expect(fake.badge.color).toBe("#d93025")
    expect(fake.badge.title).toBe("直播助手：5 件事需要处理")
  })

  it("shows refused captures with their reasons", async () => {
    await getDb().notices.add({
      at: 1,
      level: "error",
      shopOrigin: "https://s.cn",
      productId: "7",
      productName: "坏商品",
      problems: ["price_not_number", "shop_id_missing"]
    })
    render(<PopupPage />)
    const notices = await screen.findByText("未能保存")
    const section = notices.closest("section")!
    expect(section.textContent).toContain("商品 坏商品：无法识别商品价格；找不到店铺编号")
  })

  it("a mini program that may not go live is blocked, in red", async () => {
    await getDb().facts.put({ key: "qualification", value: { state: "unqualified", url: "https://mp.weixin.qq.com/wxamp/index/index" }, seenAt: Date.now() })
    render(<PopupPage />)
    await waitFor(() => expect(step("qualification")?.getAttribute("data-lh-state")).toBe("blocked"))
    expect(step("qualification").textContent).toContain("这个小程序暂不能使用直播")
    expect(within(step("qualification")).getByRole("link").getAttribute("href")).toBe("https://mp.weixin.qq.com/wxamp/index/index")
  })
})

describe("popup: enabling a shop, and errors", () => {
  it("offers to enable the HiMall admin in the current tab, and asks the browser", async () => {
    fake.tabs = [{ id: 1, active: true, url: "https://shop.example.com/Admin/Product/Management" } as chrome.tabs.Tab]
    render(<PopupPage />)
    const button = await screen.findByRole("button", { name: "在此店铺启用直播助手" })
    await userEvent.click(button)
    await waitFor(() => expect(fake.granted.has("https://shop.example.com/*")).toBe(true))
    expect(await screen.findByText(/已启用/)).toBeTruthy()
  })

  it("says so when the merchant refuses access", async () => {
    fake.tabs = [{ id: 1, active: true, url: "https://shop.example.com/SellerAdmin/Product/Management" } as chrome.tabs.Tab]
    fake.grantNext = false
    render(<PopupPage />)
    await userEvent.click(await screen.findByRole("button", { name: "在此店铺启用直播助手" }))
    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "未获得授权，直播助手不会在此店铺运行。")
  })

  it("offers nothing on pages that are not a HiMall admin, or already enabled", async () => {
    fake.tabs = [{ id: 1, active: true, url: "https://mp.weixin.qq.com/wxamp/index/index" } as chrome.tabs.Tab]
    const { unmount } = render(<PopupPage />)
    await screen.findByText("还没有保存任何商品")
    // The popup has looked at the tab (and found no HiMall admin) before the button is looked for.
    const checked = () => document.querySelector('[data-lh-popup="enable-shop"]')?.getAttribute("data-lh-state")
    await waitFor(() => expect(checked()).toBe("not-shop"))
    expect(screen.queryByRole("button", { name: "在此店铺启用直播助手" })).toBeNull()
    unmount()
    fake.tabs = [{ id: 1, active: true, url: "https://shop.example.com/Admin/Product/Management" } as chrome.tabs.Tab]
    fake.granted.add("https://shop.example.com/*")
    render(<PopupPage />)
    await screen.findByText("还没有保存任何商品")
    // The popup has asked whether this shop is enabled (and found it is) before the button is looked for.
    await waitFor(() => expect(checked()).toBe("enabled"))
    expect(screen.queryByRole("button", { name: "在此店铺启用直播助手" })).toBeNull()
  })

  it("page text cannot become a link elsewhere: a stored page address must be WeChat's", async () => {
    await getDb().facts.put({ key: "qualification", value: { state: "not_opened", url: "javascript:alert(1)" }, seenAt: Date.now() })
    await getDb().facts.put({ key: "page|wechat-rooms", value: { url: "https://evil.example.com/" }, seenAt: Date.now() })
    render(<PopupPage />)
    await waitFor(() => expect(step("qualification")?.getAttribute("data-lh-state")).toBe("todo"))
    const hrefs = [...document.querySelectorAll("a")].map((a) => a.getAttribute("href"))
    expect(hrefs.some((h) => h?.startsWith("javascript:") || h?.includes("evil.example.com"))).toBe(false)
  })
})

describe("popup: keyboard", () => {
  it("moves between the goods and rooms tabs with the arrow keys", async () => {
    render(<PopupPage />)
    const goodsTab = await screen.findByRole("tab", { name: /商品/ })
    goodsTab.focus()
    await act(() => userEvent.keyboard("{ArrowRight}"))
    const roomsTab = screen.getByRole("tab", { name: /直播间/ })
    expect(roomsTab.getAttribute("aria-selected")).toBe("true")
    expect(document.activeElement).toBe(roomsTab)
    expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe("lh-tab-rooms")
  })
})

describe("popup: the first screen from the background's goods overview", () => {
  async function seedMany(n: number) {
    await seedShop()
    const db = getDb()
    await db.products.bulkAdd(
      Array.from({ length: n }, (_, i) =>
        product({ key: `${SHOP}|${i + 1}`, productId: i + 1, name: `旅行箱${i + 1}`, link: `pages/productdetail/productdetail?id=${i + 1}`, updatedAt: i + 1 })
      )
    )
    await db.wechatGoods.bulkAdd([goods(3, { status: "rejected", rejectReason: "图片不符" }), goods(4, { status: "reviewing" })])
  }

  it("draws the counts and the list's first rows from it, then reads every product (search, scrolling)", async () => {
    await seedMany(60)
    // As the background keeps it after every write (the badge's run).
    await refreshGoodsOverview(getDb())
    expect((await readFirstGoods(getDb())).complete).toBe(false)
    render(<PopupPage />)
    const counts = await screen.findByRole("group", { name: "按状态筛选" })
    const value = (f: string) => counts.querySelector(`[data-lh-count="${f}"]`)!.getAttribute("data-lh-value")
    expect([value("all"), value("rejected"), value("reviewing"), value("not_in_library")]).toEqual(["60", "1", "1", "58"])
    const items = () => within(screen.getByRole("list", { name: "已保存的商品" })).getAllByRole("listitem")
    expect(items()[0].getAttribute("aria-setsize")).toBe("60")
    expect(items()[0].querySelector("[data-lh-popup-product]")!.getAttribute("data-lh-popup-product")).toBe("3")
    expect(screen.getByText("显示 60 / 60")).toBeTruthy()
    // Every product once read: a search finds one far past the first rows.
    await userEvent.type(screen.getByLabelText("搜索商品（名称或编号）"), "旅行箱59")
    await waitFor(() => expect(items().map((li) => li.querySelector("[data-lh-popup-product]")?.getAttribute("data-lh-popup-product"))).toEqual(["59"]))
    expect(screen.getByText("显示 1 / 60")).toBeTruthy()
  })

  it("keeps the place of rows not read yet, counts a filter from the overview, and waits for the whole list to search", async () => {
    await seedMany(50)
    const head = await readFirstGoods(getDb())
    const first = { ...head, rows: head.rows.slice(0, 2), complete: false }
    render(
      <GoodsPanel
        rows={first.rows}
        summary={first.summary}
        complete={false}
        showShop={false}
        goodsPage="https://live.weixin.qq.com/livemp/broadcast/index"
        areas={{}}
        hasShops
      />
    )
    const items = within(screen.getByRole("list", { name: "已保存的商品" })).getAllByRole("listitem")
    expect(items.length).toBeGreaterThan(2)
    expect(items.length).toBeLessThan(40)
    expect(items.every((li) => li.getAttribute("aria-setsize") === "50")).toBe(true)
    expect(items.slice(0, 2).every((li) => li.querySelector("[data-lh-popup-product]"))).toBe(true)
    expect(items.slice(2).every((li) => li.querySelector(".lh-product-pending[aria-busy=true]") && !li.querySelector("[data-lh-popup-product]"))).toBe(true)
    expect(screen.getByText("显示 50 / 50")).toBeTruthy()
    await userEvent.click(screen.getByRole("button", { name: /审核中/ }))
    expect(await screen.findByText("显示 1 / 50")).toBeTruthy()
    await userEvent.click(screen.getByRole("button", { name: /审核中/ }))
    await userEvent.type(screen.getByLabelText("搜索商品（名称或编号）"), "旅行箱")
    expect(await screen.findByText("正在读取全部商品…")).toBeTruthy()
    expect(screen.queryByText("没有符合条件的商品。")).toBeNull()
  })
})
