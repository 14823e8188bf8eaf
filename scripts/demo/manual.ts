// The manual path of the whole job — the same job as scripts/demo/job.ts, done by hand as
// HiMall's manual describes it (domain.md, reference/manual/01–15) — as a scripted model: every
// page opened, click, typing, copy and paste, file dialog and image tool counted once, under the
// same steps as the driven job. The per-product part is the path `npm run bench`'s fill section
// drives step by step without the extension (scripts/bench/fill.ts, `manualPath`), plus the save.
// docs/performance.md explains each count.
import type { Action } from "../bench/stats"
import type { CountedAction, StepId } from "./job"

/** Rows HiMall's product grid shows per page (jquery.hiMallDatagrid's default pageSize). */
export const HIMALL_PAGE_SIZE = 15

/**
 * One product into 添加商品 by hand and 保存并提审: 16 actions with a price range, 14 with one
 * price (一口价 is the form's default: no radio to click). The fill section's driven manual path
 * clicks the radio for one price too (15 there).
 */
export function manualProduct(priceRange: boolean): Action[] {
  return [
    { kind: "click", what: "HiMall 直播链接" },
    { kind: "click", what: "right-click the picture → 图片另存为" },
    { kind: "file_choice", what: "save dialog" },
    { kind: "compress", what: "compress to 200×200 ≤ 50 KB in another tool" },
    { kind: "tab_switch", what: "to WeChat 商品库" },
    { kind: "click", what: "添加商品" },
    { kind: "click", what: "上传图片" },
    { kind: "file_choice", what: "choose the compressed cover" },
    { kind: "copy_paste", what: "商品名称 (copied in HiMall's dialog, pasted)" },
    ...(priceRange
      ? ([
          { kind: "click", what: "价格形式 价格区间" },
          { kind: "typing", what: "lowest price" },
          { kind: "typing", what: "highest price" }
        ] as Action[])
      : ([{ kind: "typing", what: "price (一口价, the default)" }] as Action[])),
    { kind: "tab_switch", what: "back to HiMall for the link" },
    { kind: "tab_switch", what: "to WeChat with the link copied" },
    { kind: "copy_paste", what: "商品链接 (copied in HiMall's dialog, pasted)" },
    { kind: "click", what: "保存并提审" }
  ]
}

/** Between two products: back to HiMall, whose modal 小程序直播链接 dialog covers the grid. */
export const BETWEEN_PRODUCTS: Action[] = [
  { kind: "tab_switch", what: "back to HiMall for the next product" },
  { kind: "click", what: "close the 小程序直播链接 dialog (×)" }
]

/** A picture made to WeChat's or HiMall's size in another tool, saved, then uploaded. */
const madeAndUploaded = (what: string): Action[] => [
  { kind: "compress", what: `${what}: resize / crop and compress in another tool` },
  { kind: "file_choice", what: `${what}: the tool's save dialog` },
  { kind: "click", what: `${what}: 上传图片` },
  { kind: "file_choice", what: `${what}: choose the file` }
]

/**
 * The job by hand: `products` lists each product of the shop (true: a price range). Same steps
 * as the driven job; steps the manual has no counterpart for (enable, capture) have none.
 */
export function manualJob(products: boolean[]): CountedAction[] {
  const out: CountedAction[] = []
  const add = (step: StepId, actions: Action[]) => out.push(...actions.map((a) => ({ ...a, step, driven: false })))
  add("enable", [])
  add("capture", [])
  const pages = Math.ceil(products.length / HIMALL_PAGE_SIZE)
  add("goods", [
    { kind: "navigate", what: "HiMall 商品 → 商品管理" },
    { kind: "navigate", what: "WeChat 直播 → 商品库" },
    ...Array.from({ length: Math.max(0, pages - 1) }, (_, i): Action => ({ kind: "click", what: `HiMall grid: next page (${i + 2})` })),
    ...products.flatMap((range, i) => [...(i ? BETWEEN_PRODUCTS : []), ...manualProduct(range)])
  ])
  add("room", [
    { kind: "navigate", what: "WeChat 直播 → 直播间管理" },
    { kind: "click", what: "创建直播间" },
    { kind: "typing", what: "直播标题" },
    { kind: "typing", what: "开播时间: start" },
    { kind: "typing", what: "开播时间: end" },
    { kind: "typing", what: "主播昵称" },
    { kind: "typing", what: "主播微信账号" },
    ...madeAndUploaded("分享卡片封面 800×640 ≤ 1 MB"),
    ...madeAndUploaded("直播间封面 1080×1920 ≤ 2 MB"),
    { kind: "click", what: "创建直播间 (submit)" },
    { kind: "click", what: "完成" }
  ])
  add("sync", [
    { kind: "navigate", what: "HiMall 营销 → 小程序直播" },
    { kind: "click", what: "获取小程序数据" }
  ])
  add("cover", [{ kind: "click", what: "设置封面图" }, ...madeAndUploaded("封面 750×750"), { kind: "click", what: "保存" }])
  add("entrance", [{ kind: "navigate", what: "HiMall 小程序 → 首页配置 (find the 图片导航 item linked to 小程序直播)" }])
  return out
}
