// The bench's own arithmetic (scripts/bench/*): percentiles, goals, paired differences, action
// counts, trace attribution and build sizes — so the figures in docs/performance.md mean what
// they say.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { afterEach, describe, expect, it } from "vitest"

import { ownedScriptMs, ownedScriptTime } from "../../scripts/bench/cdp"
import { measureSizes } from "../../scripts/bench/size"
import { countActions, differences, goalRows, percentile, ratio, ratioFigure, single, summarise, withGoal } from "../../scripts/bench/stats"
import { cleanProducts } from "../../scripts/demo/job"
import { BETWEEN_PRODUCTS, manualJob, manualProduct } from "../../scripts/demo/manual"
import { demoPage, escapeHtml } from "../../scripts/demo/page"

describe("summarise", () => {
  it("gives nearest-rank median and p95, min and max, whatever the order", () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i) // 20…1
    expect(summarise(samples)).toEqual({ runs: 20, median: 10, p95: 19, min: 1, max: 20 })
    expect(summarise([5])).toEqual({ runs: 1, median: 5, p95: 5, min: 5, max: 5 })
    // 15 runs: the median is the 8th, p95 the 15th (ceil(0.95 × 15) = 15).
    expect(summarise(Array.from({ length: 15 }, (_, i) => i + 1))).toMatchObject({ median: 8, p95: 15 })
  })

  it("rounds to 0.1 and refuses no samples or a non-number", () => {
    expect(summarise([1.234, 1.26])).toEqual({ runs: 2, median: 1.2, p95: 1.3, min: 1.2, max: 1.3 })
    expect(() => summarise([])).toThrow()
    expect(() => summarise([1, Number.NaN])).toThrow()
    expect(() => percentile([], 0.5)).toThrow()
  })

  it("checks a goal on the median", () => {
    expect(withGoal(summarise([100, 140, 400]), 150)).toMatchObject({ median: 140, goal: 150, met: true })
    expect(withGoal(summarise([100, 160, 170]), 150)).toMatchObject({ median: 160, met: false })
    expect(goalRows({ a: withGoal(summarise([1]), 2), b: summarise([3]), c: "text", d: withGoal(summarise([9]), 2) })).toEqual([
      { figure: "a", median: 1, p95: 1, goal: "≤ 2", met: true },
      { figure: "d", median: 9, p95: 9, goal: "≤ 2", met: false }
    ])
  })

  it("checks an at-least goal (a ratio of actions) the other way round", () => {
    expect(withGoal(single(10.6), 10, "at_least")).toMatchObject({ median: 10.6, goal: 10, goal_is: "at_least", met: true })
    expect(withGoal(single(9.9), 10, "at_least")).toMatchObject({ met: false })
    expect(withGoal(single(10), 10, "at_least").met).toBe(true)
    expect(goalRows({ r: withGoal(single(9.9), 10, "at_least") })).toEqual([{ figure: "r", median: 9.9, p95: 9.9, goal: "≥ 10", met: false }])
  })

  it("a ratio of medians against a goal, with the spread of the paired runs", () => {
    const ours = summarise([80, 90, 100])
    const theirs = summarise([40, 50, 60])
    const r = ratioFigure(ours, theirs, 2, { a: [80, 90, 100], b: [40, 60, 50] })
    expect(r).toMatchObject({ median: 1.8, goal: 2, met: true, of: { a: 90, b: 50 }, runs: 3, min: 1.5, max: 2 })
    expect(ratioFigure(summarise([3]), summarise([1]), 2).met).toBe(false)
    expect(() => ratioFigure(ours, summarise([0]), 2)).toThrow()
  })

  it("pairs runs for differences and divides safely", () => {
    expect(differences([30, 32, 29], [22, 25, 23])).toEqual([8, 7, 6])
    expect(() => differences([1], [1, 2])).toThrow()
    expect(ratio(15, 3)).toBe(5)
    expect(ratio(263, 199)).toBe(1.3)
    expect(ratio(1, 0)).toBeNull()
  })
})

describe("countActions", () => {
  it("counts each action once, by kind, in order", () => {
    const counted = countActions([
      { kind: "click", what: "直播链接" },
      { kind: "tab_switch", what: "to WeChat" },
      { kind: "click", what: "添加商品" },
      { kind: "copy_paste", what: "商品名称" }
    ])
    expect(counted).toEqual({
      total: 4,
      byKind: { click: 2, tab_switch: 1, copy_paste: 1 },
      steps: ["click: 直播链接", "tab_switch: to WeChat", "click: 添加商品", "copy_paste: 商品名称"]
    })
  })
})

describe("ownedScriptMs", () => {
  const ext = "chrome-extension://abc/wechat.js"
  const ev = (name: string, ts: number, dur: number, url: string, tid = 1, tdur = dur) => ({ name, ph: "X", ts, dur, tdur, tid, args: { data: { url } } })
  it("sums the thread time of the extension's script events, nested ones once", () => {
    const events = [
      ev("EvaluateScript", 1000, 5000, ext, 1, 4000),
      ev("v8.compile", 1500, 1000, ext), // inside the evaluation: not again
      ev("FunctionCall", 10_000, 2000, ext),
      ev("FunctionCall", 20_000, 3000, "https://live.weixin.qq.com/app.js"), // the page's own
      ev("v8.compile", 30_000, 500, ext, 2), // another thread
      { name: "FunctionCall", ph: "B", ts: 40_000, tid: 1, args: { data: { url: ext } } }, // not a complete event
      ev("TimerFire", 50_000, 9000, ext) // not a script event
    ]
    expect(ownedScriptMs(events, (u) => u.startsWith("chrome-extension://abc/"))).toBe(6.5)
    expect(ownedScriptMs(events, () => false)).toBe(0)
    expect(ownedScriptTime(events, (u) => u.startsWith("chrome-extension://abc/")).byEvent).toEqual({
      EvaluateScript: { ms: 4, count: 1 },
      FunctionCall: { ms: 2, count: 1 },
      "v8.compile": { ms: 0.5, count: 1 }
    })
  })
})

describe("measureSizes", () => {
  let dir = ""
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it("lists every JS, CSS and HTML file with its role, raw and gzipped; content scripts against 20 KB", () => {
    dir = mkdtempSync(join(tmpdir(), "lh-size-"))
    mkdirSync(join(dir, "static/background"), { recursive: true })
    // Pseudo-random bytes (an LCG's high bits): gzip cannot shrink them much.
    let x = 1
    const big = Buffer.from(Array.from({ length: 200_000 }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24))
    writeFileSync(
      join(dir, "manifest.json"),
      JSON.stringify({
        background: { service_worker: "static/background/index.js" },
        content_scripts: [
          { matches: ["https://mp.weixin.qq.com/__himall_live_helper__/*"], js: ["himall.js"] },
          { matches: ["https://mp.weixin.qq.com/*"], js: ["wechat.js"] }
        ]
      })
    )
    writeFileSync(join(dir, "himall.js"), "const a = 1;\n".repeat(1000))
    writeFileSync(join(dir, "wechat.js"), big)
    writeFileSync(join(dir, "static/background/index.js"), "self.x = 1")
    writeFileSync(join(dir, "popup.html"), '<link rel="stylesheet" href="/popup.css"><script src="/popup.js" defer></script>')
    writeFileSync(join(dir, "options.html"), '<link rel="stylesheet" href="/popup.css"><script src="/options.js"></script>')
    for (const f of ["popup.css", "popup.js", "options.js"]) writeFileSync(join(dir, f), f)
    writeFileSync(join(dir, "icon.png"), big)

    const sizes = measureSizes(dir)
    const by = Object.fromEntries(sizes.map((e) => [e.file, e]))
    expect(Object.keys(by).sort()).toEqual([
      "himall.js",
      "options.html",
      "options.js",
      "popup.css",
      "popup.html",
      "popup.js",
      "static/background/index.js",
      "wechat.js"
    ])
    expect(by["himall.js"]).toMatchObject({ role: "content script (HiMall admin)", raw: 13_000, goal_gzip: 20_480, met: true })
    expect(by["himall.js"].gzip).toBeLessThan(1000)
    expect(by["wechat.js"]).toMatchObject({ role: "content script (https://mp.weixin.qq.com/*)", raw: 200_000, met: false })
    expect(by["wechat.js"].gzip).toBeGreaterThan(20_480)
    expect(by["static/background/index.js"].role).toBe("background")
    expect(by["popup.css"].role).toBe("popup, options")
    expect(by["options.js"].role).toBe("options")
    expect(by["popup.js"].goal_gzip).toBeUndefined()
  })

  it("says how to get a build when there is none", () => {
    dir = mkdtempSync(join(tmpdir(), "lh-size-"))
    expect(() => measureSizes(dir)).toThrow(/npm run build/)
  })
})

describe("the whole job by hand (scripts/demo/manual.ts)", () => {
  it("counts one product as the fill section drives it, plus the save: 16 with a price range, 14 with one price", () => {
    expect(manualProduct(true)).toHaveLength(16)
    expect(manualProduct(false)).toHaveLength(14)
    expect(manualProduct(false).some((a) => a.what.includes("价格区间"))).toBe(false)
    expect(manualProduct(true).at(-1)).toEqual({ kind: "click", what: "保存并提审" })
  })

  it("adds the pages, the grid's pager, the way back between products and the room, sync, cover and entrance", () => {
    const three = manualJob([true, false, false])
    const goods = three.filter((a) => a.step === "goods")
    // 2 pages opened, 1 grid page, products 16 + 14 + 14, 2 returns to HiMall (2 actions each).
    expect(goods).toHaveLength(2 + 0 + 44 + 2 * BETWEEN_PRODUCTS.length)
    const fifty = manualJob(Array.from({ length: 50 }, (_, i) => i % 3 === 0))
    // 50 products on 15-row pages: 3 clicks on 下一页.
    expect(fifty.filter((a) => a.what.startsWith("HiMall grid: next page"))).toHaveLength(3)
    const byStep = (step: string) => three.filter((a) => a.step === step).length
    expect([byStep("enable"), byStep("capture"), byStep("room"), byStep("sync"), byStep("cover"), byStep("entrance")]).toEqual([0, 0, 17, 2, 6, 1])
    expect(three.every((a) => !a.driven)).toBe(true)
  })
})

describe("cleanProducts", () => {
  it("keeps products WeChat takes as they are: 3–14 Chinese characters, plain text, a picture it can use", () => {
    const products = [
      { id: 1, name: "冬季加厚羽绒服女中长款", imageKind: "jpeg" },
      { id: 2, name: "茶", imageKind: "jpeg" },
      { id: 3, name: "进口红酒 法国波尔多干红葡萄酒750ml×6支整箱装", imageKind: "jpeg" },
      { id: 4, name: "<b>加粗</b>商品", imageKind: "webp" },
      { id: 5, name: "  纯棉T恤  ", imageKind: "html" },
      { id: 6, name: "慢慢来的手工皂", imageKind: "slow" },
      { id: 7, name: "天使旅行箱", imageKind: "alpha-2000" }
    ]
    expect(cleanProducts(products, 2).map((p) => p.id)).toEqual([1, 7])
    expect(() => cleanProducts(products, 3)).toThrow(/2 products/)
  })
})

describe("the demo's index.html (scripts/demo/page.ts)", () => {
  it("lays the screenshots out in order with their line, every text escaped", () => {
    const html = demoPage(
      [
        { file: "01-qualification.png", title: "一、开通直播", line: "已开通", actions: 3, ms: 10 },
        { file: "02-goods.png", title: "二、商品 <b>", line: 'a "quoted" & <script>x</script>', actions: 0, ms: 0 }
      ],
      { date: "2026-12-06T00:00:00Z", actions: 40, goods: 5 }
    )
    expect(html.indexOf("01-qualification.png")).toBeLessThan(html.indexOf("02-goods.png"))
    expect(html).toContain("<h2>1. 一、开通直播</h2>")
    expect(html).toContain("(3 次操作)")
    expect(html).not.toContain("<script>")
    expect(html).toContain("a &quot;quoted&quot; &amp; &lt;script&gt;x&lt;/script&gt;")
    expect(html).toContain("二、商品 &lt;b&gt;")
    expect(escapeHtml("'")).toBe("&#39;")
  })
})
