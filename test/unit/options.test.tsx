// The options page by state: shops (empty, listed, refused), preferences (saved, invalid,
// language switch), backup (export, preview, import, a file that is not a backup), clearing.
import { render, screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { beforeEach, describe, expect, it, vi } from "vitest"

import { getDb } from "~db/schema"
import { exportBackup } from "~db/backup"
import { setLanguageOverride } from "~lib/i18n"
import OptionsPage from "~options/index"

import { installLocaleFetch, sent } from "../support/extension-send"
import { productRecord } from "../support/factories"
import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

vi.mock("~lib/send", () => import("../support/extension-send"))

let fake: FakeChrome
beforeEach(async () => {
  fake = installFakeChrome()
  installLocaleFetch()
  setLanguageOverride(null)
  sent.length = 0
  const db = getDb()
  await Promise.all(db.tables.map((t) => t.clear()))
})

describe("options: shops", () => {
  it("adds a shop by asking the browser for that origin only", async () => {
    render(<OptionsPage />)
    await userEvent.type(await screen.findByLabelText(/店铺后台地址/), "shop.example.com/Admin/Product/Management")
    await userEvent.click(screen.getByRole("button", { name: "添加店铺" }))
    await waitFor(() => expect(fake.granted.has("https://shop.example.com/*")).toBe(true))
    expect([...fake.granted]).toEqual(["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*", "https://shop.example.com/*"])
  })

  it("refuses an address that is not a shop", async () => {
    render(<OptionsPage />)
    await userEvent.type(await screen.findByLabelText(/店铺后台地址/), "mp.weixin.qq.com")
    await userEvent.click(screen.getByRole("button", { name: "添加店铺" }))
    expect((await screen.findByRole("alert")).textContent).toBe("这是微信的地址，无需添加")
  })

  it("lists shops and removing one revokes its access", async () => {
    fake.granted.add("https://shop.example.com/*")
    await getDb().shops.add({ origin: "https://shop.example.com", pattern: "https://shop.example.com/*", addedAt: 1, lastSeenAt: null })
    render(<OptionsPage />)
    expect(await screen.findByText("https://shop.example.com")).toBeTruthy()
    await userEvent.click(screen.getByRole("button", { name: "移除 https://shop.example.com" }))
    await waitFor(() => expect(fake.granted.has("https://shop.example.com/*")).toBe(false))
  })

  it("empty: says no shop is enabled", async () => {
    render(<OptionsPage />)
    expect(await screen.findByText("还没有启用任何店铺。")).toBeTruthy()
  })
})

describe("options: preferences", () => {
  it("shows the defaults and saves each choice through the background", async () => {
    render(<OptionsPage />)
    const contain = await screen.findByRole("radio", { name: "完整显示，白底补齐" })
    expect((contain as HTMLInputElement).checked).toBe(true)
    expect((screen.getByLabelText("开播提醒提前") as HTMLInputElement).value).toBe("15")
    expect((screen.getByLabelText("默认价格形式") as HTMLSelectElement).value).toBe("auto")

    await userEvent.click(screen.getByRole("radio", { name: "居中裁剪填满" }))
    await waitFor(async () => expect((await getDb().settings.get("coverFit"))?.value).toBe("crop"))
    await userEvent.selectOptions(screen.getByLabelText("默认价格形式"), "1")
    await waitFor(async () => expect((await getDb().settings.get("defaultPriceForm"))?.value).toBe("1"))
    const lead = screen.getByLabelText("开播提醒提前")
    await userEvent.clear(lead)
    await userEvent.type(lead, "30{Enter}")
    await waitFor(async () => expect((await getDb().settings.get("reminderLeadMinutes"))?.value).toBe(30))
    expect(await screen.findByText("已保存")).toBeTruthy()
  })

  it("error: refuses a lead outside 1–1440 minutes and saves nothing", async () => {
    render(<OptionsPage />)
    const lead = await screen.findByLabelText("开播提醒提前")
    await userEvent.clear(lead)
    await userEvent.type(lead, "0{Enter}")
    expect((await screen.findByRole("alert")).textContent).toBe("请输入 1 到 1440 之间的整数")
    expect(lead.getAttribute("aria-invalid")).toBe("true")
    expect(await getDb().settings.get("reminderLeadMinutes")).toBeUndefined()
    expect(sent.filter((m) => m.type === "settings.set")).toHaveLength(0)
  })

  it("switches the language of the page at once", async () => {
    render(<OptionsPage />)
    await userEvent.selectOptions(await screen.findByLabelText("语言"), "en")
    expect(await screen.findByRole("heading", { name: "Live Helper settings" })).toBeTruthy()
    expect(document.documentElement.lang).toBe("en")
    await userEvent.selectOptions(screen.getByLabelText("Language"), "auto")
    expect(await screen.findByRole("heading", { name: "直播助手设置" })).toBeTruthy()
  })
})

/** A File of the given text (jsdom's File reads with text(); streaming is covered in the browser). */
function fileOf(text: string, name = "backup.json"): File {
  return new File([text], name, { type: "application/json" })
}

describe("options: backup", () => {
  it("previews an import per table and imports it", async () => {
    const db = getDb()
    await db.products.bulkAdd([productRecord(), productRecord({ key: "https://shop.example.com|20", productId: 20, name: "羊毛大衣" })])
    await db.settings.put({ key: "coverFit", value: "crop" })
    const { parts } = await exportBackup(db, { now: Date.UTC(2024, 0, 2, 3, 4), read: async () => "data:image/jpeg;base64,AAAA" })
    // This browser has one of the products, changed, and nothing else.
    await Promise.all(db.tables.map((t) => t.clear()))
    await db.products.add(productRecord({ name: "旧名字" }))

    render(<OptionsPage />)
    await userEvent.upload(await screen.findByLabelText("选择备份文件"), fileOf(parts.join("")))
    const table = await screen.findByRole("table")
    const row = (name: string) => within(table).getByRole("row", { name: new RegExp(`^${name} `) })
    expect(
      within(row("商品"))
        .getAllByRole("cell")
        .map((c) => c.textContent)
    ).toEqual(["1", "1", "0", "0"])
    expect(
      within(row("设置"))
        .getAllByRole("cell")
        .map((c) => c.textContent)
    ).toEqual(["1", "0", "0", "0"])
    await userEvent.click(screen.getByRole("button", { name: "导入" }))
    expect((await screen.findByText(/已导入 3 条记录/)).textContent).toContain("跳过无效记录 0 条")
    expect((await db.products.get("https://shop.example.com|19"))?.name).toBe("天使旅行箱")
    expect((await db.settings.get("coverFit"))?.value).toBe("crop")
    expect(sent.map((m) => m.type)).toEqual(["backup.import", "backup.import", "backup.finish"])
  })

  it("a backup that brings another language redraws the page in it, and still says what was imported", async () => {
    const db = getDb()
    await db.products.add(productRecord())
    await db.settings.put({ key: "language", value: "en" })
    const { parts } = await exportBackup(db)
    await Promise.all(db.tables.map((t) => t.clear()))
    render(<OptionsPage />)
    await userEvent.upload(await screen.findByLabelText("选择备份文件"), fileOf(parts.join("")))
    await userEvent.click(await screen.findByRole("button", { name: "导入" }))
    expect(await screen.findByRole("heading", { name: "Live Helper settings" })).toBeTruthy()
    expect((await screen.findByText(/^Imported 2 records/)).textContent).toBe("Imported 2 records (0 invalid skipped).")
    // Preferences are sent last, after every other record.
    expect(sent.filter((m) => m.type === "backup.import").map((m) => (m.payload as { table: string }).table)).toEqual(["products", "settings"])
  })

  it("error: says a file is not a backup, and imports nothing", async () => {
    render(<OptionsPage />)
    await userEvent.upload(await screen.findByLabelText("选择备份文件"), fileOf('{"hello":"world"}'))
    expect((await screen.findByRole("alert")).textContent).toBe("这不是直播助手的备份文件。")
    await userEvent.upload(screen.getByLabelText("选择备份文件"), fileOf("not json at all"))
    expect((await screen.findByRole("alert")).textContent).toBe("这个文件不是有效的 JSON。")
    expect(screen.queryByRole("button", { name: "导入" })).toBeNull()
  })

  it("offers to enable the backup's shops again", async () => {
    await getDb().shops.add({ origin: "https://b.example.com", pattern: "https://b.example.com/*", addedAt: 1, lastSeenAt: null })
    const { parts } = await exportBackup(getDb())
    await getDb().shops.clear()
    render(<OptionsPage />)
    await userEvent.upload(await screen.findByLabelText("选择备份文件"), fileOf(parts.join("")))
    const hint = await screen.findByText(/备份来自以下店铺/)
    await userEvent.click(within(hint.parentElement!).getByRole("button", { name: "启用" }))
    await waitFor(() => expect(fake.granted.has("https://b.example.com/*")).toBe(true))
  })
})

describe("options: clear data", () => {
  it("asks first, then clears every table; the shops stay as the browser grants them", async () => {
    const db = getDb()
    fake.granted.add("https://shop.example.com/*")
    await db.products.add(productRecord())
    await db.settings.put({ key: "coverFit", value: "crop" })
    render(<OptionsPage />)
    await userEvent.click(await screen.findByRole("button", { name: "清除所有数据…" }))
    expect(await db.products.count()).toBe(1)
    await userEvent.click(screen.getByRole("button", { name: "取消" }))
    await userEvent.click(screen.getByRole("button", { name: "清除所有数据…" }))
    await userEvent.click(screen.getByRole("button", { name: "确认清除" }))
    expect(await screen.findByText("已清除所有数据。")).toBeTruthy()
    expect(await db.products.count()).toBe(0)
    expect(await db.settings.count()).toBe(0)
    expect((await db.shops.toArray()).map((s) => s.origin)).toEqual(["https://shop.example.com"])
    expect(fake.granted.has("https://shop.example.com/*")).toBe(true)
  })

  it("can take the shops' access away too", async () => {
    fake.granted.add("https://shop.example.com/*")
    await getDb().shops.add({ origin: "https://shop.example.com", pattern: "https://shop.example.com/*", addedAt: 1, lastSeenAt: null })
    render(<OptionsPage />)
    await userEvent.click(await screen.findByRole("button", { name: "清除所有数据…" }))
    await userEvent.click(screen.getByRole("checkbox", { name: "同时移除所有店铺的访问权限" }))
    await userEvent.click(screen.getByRole("button", { name: "确认清除" }))
    await screen.findByText("已清除所有数据。")
    expect(fake.granted.has("https://shop.example.com/*")).toBe(false)
    expect(await getDb().shops.count()).toBe(0)
  })
})
