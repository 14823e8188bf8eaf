// queue-start on 商品库: five captured products filled one after another, each time the
// dialog opens after a save; paused and resumed; carried across a page reload and a stopped
// service worker, to the end, with every product added to WeChat once.
import { beforeAll, describe, expect, it } from "vitest"
import type { Page } from "playwright-core"

import type { Sandbox } from "../sandbox/server"
import { readTable, stopServiceWorker, type ExtensionBrowser } from "../support/browser"
import { useExtensionSuite } from "../support/suite"
import { captureFromGrid, clearExtensionData, goodsForm, openGoodsLibrary, showOnlyProducts, waitForCover, wechatState, WECHAT_MARKUPS } from "../support/goods"

let sandbox: Sandbox
let browser: ExtensionBrowser
const IDS = [130, 129, 118, 19, 117]
const link = (id: number) => `pages/productdetail/productdetail?id=${id}`

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

beforeAll(async () => {
  sandbox.wechat.reset()
  await clearExtensionData(browser)
  showOnlyProducts(sandbox, IDS)
  await captureFromGrid(browser, sandbox, IDS)
})

const progress = (page: Page) => page.locator('[data-lh="queue-progress"]')

/** The queue opened the dialog and filled its current product: returns the link filled. */
async function filledByQueue(page: Page): Promise<string> {
  await page.locator('[data-lh="fill-report"][data-lh-outcome="ok"]').waitFor({ timeout: 30_000 })
  await waitForCover(page)
  return (await goodsForm(page))!.url
}

/** 保存 in the dialog the queue filled: WeChat holds one more goods item (the queue may open the next dialog at once). */
async function save(page: Page) {
  const before = (await wechatState(page)).goods.length
  await page.getByRole("button", { name: "保存", exact: true }).click()
  await expect.poll(async () => (await wechatState(page)).goods.length, { timeout: 15_000 }).toBe(before + 1)
}

describe.each(WECHAT_MARKUPS)("the goods queue (%s markup)", (markup) => {
  beforeAll(async () => {
    sandbox.wechat.reset()
    sandbox.wechat.setState({ markup })
    await clearExtensionData(browser, ["wechatGoods", "jobs"])
  })

  it("runs five products to the end across a pause, a reload and a stopped service worker", async () => {
    let page = await openGoodsLibrary(browser)
    await page.locator('[data-lh="queue-start"]').click()
    const filled: string[] = []

    // 1: opened and filled by the queue itself.
    filled.push(await filledByQueue(page))
    expect(await progress(page).getAttribute("data-lh-total")).toBe("5")
    expect(await progress(page).getAttribute("data-lh-done")).toBe("0")
    await page.locator('[data-lh="queue-pause"]').click()
    await save(page)
    // Paused: the table shows the save, the queue counts it, but opens nothing.
    await expect.poll(() => progress(page).getAttribute("data-lh-done"), { timeout: 10_000 }).toBe("1")
    expect(await progress(page).getAttribute("data-lh-state")).toBe("paused")
    // The queue draws this progress and decides on opening the next dialog in one step: had it opened one, it would be open now.
    expect(await goodsForm(page)).toBeNull()
    await page.locator('[data-lh="queue-resume"]').click()

    // 2: after resume.
    filled.push(await filledByQueue(page))
    await save(page)
    await expect.poll(() => progress(page).getAttribute("data-lh-done"), { timeout: 10_000 }).toBe("2")

    // A reload and a stopped worker lose nothing: the queue goes on with the third.
    await stopServiceWorker(browser, page)
    await page.close()
    page = await openGoodsLibrary(browser)
    filled.push(await filledByQueue(page))
    expect(await progress(page).getAttribute("data-lh-done")).toBe("2")
    expect(await progress(page).textContent()).toContain("3 / 5")
    await save(page)

    for (let i = 3; i < 5; i++) {
      filled.push(await filledByQueue(page))
      await save(page)
    }
    await expect.poll(() => progress(page).getAttribute("data-lh-state"), { timeout: 10_000 }).toBe("done")
    expect(await progress(page).textContent()).toContain("5")

    // Each product once, in WeChat and in the order filled.
    expect([...filled].sort()).toEqual(IDS.map(link).sort())
    const state = await wechatState(page)
    expect(state.goods.map((g) => g.url)).toEqual(filled)
    expect(state.goods.every((g) => g.status === "draft")).toBe(true)
    const [job] = await readTable<{ id: string; state: string }>(browser, "jobs").then((jobs) => jobs.filter((j) => j.id === "queue"))
    expect(job.state).toBe("done")
    // Nothing more is opened once done (drawn "done" in the same step that would open the next dialog).
    expect(await goodsForm(page)).toBeNull()
    await page.close()
  }, 120_000)
})
