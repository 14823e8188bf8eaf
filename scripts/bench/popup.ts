// popup: the first data render on 10,000 products and 1,000 rooms, and the badge's recomputation.
import { clearExtensionData } from "../../test/support/goods"
import type { BenchContext } from "./context"
import { summarise, withGoal } from "./stats"

export const POPUP_GOAL_MS = 200

/**
 * The popup's first data render (`performance.mark("lh-popup-first-data")`: the checklist and the
 * goods list's first row in the DOM, from the page's navigation start) on 10,000 products (with
 * goods states, drift, covers for a fifth) and 1,000 rooms seeded through the worker; and the
 * badge's recomputation over the same tables (a `badge.refresh` from the popup, answered).
 */
export async function benchPopup(ctx: BenchContext) {
  const { sandbox, ext: b } = ctx
  const { seedLargeSetup } = await import("../../test/support/seed")
  const sharp = (await import("sharp")).default
  const jpeg = (await sharp({ create: { width: 200, height: 200, channels: 3, background: "#c8a27a" } }).jpeg({ quality: 80 }).toBuffer()).toString("base64")
  await clearExtensionData(b, ["products", "notices", "wechatGoods", "covers", "jobs", "settings", "facts", "wechatRooms", "shopRooms", "syncs", "plans", "roomCovers"])
  ctx.log("popup: seeding 10,000 products and 1,000 rooms")
  const seeded = await seedLargeSetup(b, { shop: sandbox.shopOrigin, products: 10_000, rooms: 1_000, coverJpeg: jpeg })
  const open = async () => {
    const page = await b.context.newPage()
    await page.goto(b.url("popup.html"))
    await page.waitForFunction(() => performance.getEntriesByName("lh-popup-first-data").length > 0, null, { timeout: 30_000 })
    const first = (await page.evaluate(() => performance.getEntriesByName("lh-popup-first-data")[0].startTime)) as number
    const rows = await page.locator('[data-lh-popup="goods-list"] [role="listitem"]').count()
    // The popup asks the worker for the badge once drawn; this answer waits for that run too.
    const badge = (await page.evaluate(`(async () => {
      const t0 = performance.now()
      const reply = await chrome.runtime.sendMessage({ lh: 1, type: "badge.refresh", payload: {} })
      if (!reply || !reply.ok) throw new Error("badge.refresh: " + JSON.stringify(reply))
      return performance.now() - t0
    })()`)) as number
    await page.close()
    return { first, rows, badge }
  }
  ctx.log("popup: opening")
  await open() // warm-up: the worker and the browser's caches
  const first: number[] = []
  const badge: number[] = []
  let rows = 0
  for (let i = 0; i < ctx.runs; i++) {
    const r = await open()
    first.push(r.first)
    badge.push(r.badge)
    rows = Math.max(rows, r.rows)
  }
  return {
    popup_seed: { products: seeded.products, rooms: seeded.rooms, covers: seeded.covers, goods: seeded.approved + seeded.reviewing + seeded.rejected + seeded.draft, drift: seeded.drift },
    popup_first_data_10k_ms: withGoal(summarise(first), POPUP_GOAL_MS),
    popup_rows_in_dom_max: rows,
    badge_refresh_10k_ms: summarise(badge)
  }
}
