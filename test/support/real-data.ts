// Real data for pictures of the extension (docs/screens, the store's screenshots), made through
// the extension's own features on the sandbox's pages: products captured on HiMall's grid, two
// of them filled into WeChat's 添加商品 and submitted, WeChat's review approving one and
// rejecting the other, and WeChat's rooms read on 直播间管理.
import type { Page } from "playwright-core"

import type { Sandbox } from "../sandbox/server"
import { wechatRoom } from "../sandbox/wechat/site"
import { readTable, type ExtensionBrowser } from "./browser"
import { captureFromGrid, openAddGoods, openGoodsLibrary, pickProduct, showOnlyProducts, waitForCover, waitForReport, wechatState } from "./goods"
import { waitFor } from "./wait"

/** The products shown: HiMall's grid holds only these. */
export const PICTURED_PRODUCTS = [130, 19, 127, 118, 110, 105, 100, 96]
const HOUR = 3600_000

/** POST to the page's own origin (the sandbox's `/__fixture/*`); throws on anything but 200. */
async function postFixture(page: Page, path: string, body: unknown): Promise<void> {
  const status = await page.evaluate(
    async ({ path, body }) => (await fetch(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } })).status,
    { path, body }
  )
  if (status !== 200) throw new Error(`${path} answered ${status}`)
}

/** Fill product `id` into a new 添加商品 dialog and press 保存并提审. */
async function fillAndSubmit(page: Page, id: number): Promise<void> {
  await openAddGoods(page)
  await pickProduct(page, id)
  if ((await waitForReport(page, id)) !== "ok") throw new Error(`filling ${id} failed`)
  await waitForCover(page)
  await page.getByRole("button", { name: "保存并提审", exact: true }).click()
  await page.waitForFunction(() => !(window as unknown as { __fixture: { goodsForm(): unknown } }).__fixture.goodsForm())
}

/** Capture the products, fill and submit 19 and 130, approve 19 and reject 130, until the extension has read both verdicts. */
export async function collectGoods(b: ExtensionBrowser, sandbox: Sandbox, ids = PICTURED_PRODUCTS): Promise<void> {
  showOnlyProducts(sandbox, ids)
  await captureFromGrid(b, sandbox, ids)
  const goods = await openGoodsLibrary(b)
  await fillAndSubmit(goods, 19)
  await fillAndSubmit(goods, 130)
  const byUrl = Object.fromEntries((await wechatState(goods)).goods.map((g) => [g.url, g]))
  await postFixture(goods, "/__fixture/review", { goodsId: byUrl["pages/productdetail/productdetail?id=19"].goodsId, result: "approve" })
  await postFixture(goods, "/__fixture/review", {
    goodsId: byUrl["pages/productdetail/productdetail?id=130"].goodsId,
    result: "reject",
    reason: "商品图片与名称不符"
  })
  // The list refreshes by itself: the rejection shows on 未入库; the approved one on 已入库, where the merchant looks.
  await waitFor(
    () => readTable<{ status: string }>(b, "wechatGoods"),
    (g) => g.some((x) => x.status === "rejected"),
    { message: "rejection read" }
  )
  await goods.getByText("已入库", { exact: true }).first().click()
  await waitFor(
    () => readTable<{ status: string }>(b, "wechatGoods"),
    (g) =>
      g
        .map((x) => x.status)
        .sort()
        .join() === "approved,rejected",
    { message: "approval read" }
  )
  await goods.close()
}

/** WeChat's rooms: the seed's two and two more (one of them live now), read on 直播间管理. Returns the page, still open. */
export async function collectWechatRooms(b: ExtensionBrowser, sandbox: Sandbox, now = Date.now()): Promise<Page> {
  const iso = (ms: number) => new Date(ms).toISOString()
  const room = (roomId: number, name: string, start: number, liveStatus: number, anchorName = "小羽") =>
    wechatRoom({ roomId, name, anchorName, anchorWechat: "xiaoyu_01", start: iso(start), end: iso(start + 2 * HOUR), liveStatus })
  const rooms = (sandbox.wechat.getState() as { rooms: unknown[] }).rooms
  sandbox.wechat.setState({ rooms: [...rooms, room(3, "周五上新直播", now + 26 * HOUR, 102, "长生猫"), room(4, "春季新品直播", now - HOUR, 101)] })
  const list = await b.context.newPage()
  await list.goto("https://live.weixin.qq.com/livemp/broadcast/index?token=1&lang=zh_CN", { waitUntil: "domcontentloaded" })
  await waitFor(
    () => readTable(b, "wechatRooms"),
    (r) => r.length >= 4,
    { message: "WeChat rooms read" }
  )
  return list
}
