// The bench's own arithmetic (scripts/bench/*): percentiles, goals, paired differences, action
// counts, trace attribution and build sizes — so the figures in docs/performance.md mean what
// they say.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { afterEach, describe, expect, it } from "vitest"

import { ownedScriptMs, ownedScriptTime } from "../../scripts/bench/cdp"
import { measureSizes } from "../../scripts/bench/size"
import { countActions, differences, goalRows, percentile, ratio, summarise, withGoal } from "../../scripts/bench/stats"

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
      { figure: "a", median: 1, p95: 1, goal: 2, met: true },
      { figure: "d", median: 9, p95: 9, goal: 2, met: false }
    ])
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

  it("lists every JS, CSS and HTML file with its role, raw and gzipped; content scripts against 60 KB", () => {
    dir = mkdtempSync(join(tmpdir(), "lh-size-"))
    mkdirSync(join(dir, "static/background"), { recursive: true })
    // Pseudo-random bytes (an LCG's high bits): gzip cannot shrink them much.
    let x = 1
    const big = Buffer.from(Array.from({ length: 200_000 }, () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24)))
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
    expect(Object.keys(by).sort()).toEqual(["himall.js", "options.html", "options.js", "popup.css", "popup.html", "popup.js", "static/background/index.js", "wechat.js"])
    expect(by["himall.js"]).toMatchObject({ role: "content script (HiMall admin)", raw: 13_000, goal_gzip: 61_440, met: true })
    expect(by["himall.js"].gzip).toBeLessThan(1000)
    expect(by["wechat.js"]).toMatchObject({ role: "content script (https://mp.weixin.qq.com/*)", raw: 200_000, met: false })
    expect(by["wechat.js"].gzip).toBeGreaterThan(61_440)
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
