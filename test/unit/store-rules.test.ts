// @vitest-environment node
// The store checker's rules on packages made here: a good one passes, and each violation a
// reviewer would reject is reported by its rule (scripts/store/rules.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { zipSync } from "fflate"
import { describe, expect, it } from "vitest"

import { compatibility, compatibilityTable, replaceTable, usedApis } from "../../scripts/store/apis"
import { readZip } from "../../scripts/store/check"
import { checkAssets, checkListing, checkPackage, pngSize, PINNED, sentences, type Listing } from "../../scripts/store/rules"

const enc = (s: string) => new TextEncoder().encode(s)

/** The first bytes of a PNG of that size: signature and IHDR (all the rules read). */
function png(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33)
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  const v = new DataView(b.buffer)
  v.setUint32(16, width)
  v.setUint32(20, height)
  return b
}

const MIN = "99"

function manifest(over: Record<string, unknown> = {}) {
  return {
    manifest_version: 3,
    name: "__MSG_extName__",
    description: "__MSG_extDescription__",
    version: "0.1.0",
    default_locale: "zh_CN",
    minimum_chrome_version: MIN,
    icons: { 16: "i16.png", 32: "i32.png", 48: "i48.png", 128: "i128.png" },
    action: { default_popup: "popup.html", default_icon: { 16: "i16.png" } },
    options_ui: { page: "options.html", open_in_tab: true },
    background: { service_worker: "static/background/index.js" },
    content_scripts: [{ matches: ["https://mp.weixin.qq.com/*"], js: ["wechat.js"] }],
    ...PINNED,
    ...over
  }
}

function pkg(over: Record<string, unknown> = {}, extra: Record<string, Uint8Array | string> = {}): Map<string, Uint8Array> {
  const files: Record<string, Uint8Array | string> = {
    "manifest.json": JSON.stringify(manifest(over)),
    "_locales/zh_CN/messages.json": JSON.stringify({ extName: { message: "HiMall 直播助手" }, extDescription: { message: "把商品送进直播商品库。" } }),
    "_locales/en/messages.json": JSON.stringify({ extName: { message: "HiMall Live Helper" }, extDescription: { message: "Products into WeChat Live." } }),
    "i16.png": png(16, 16),
    "i32.png": png(32, 32),
    "i48.png": png(48, 48),
    "i128.png": png(128, 128),
    "popup.html": '<!doctype html><html><head><script src="/popup.1234.js" type="module"></script></head></html>',
    "options.html": '<!doctype html><script src="options.js"></script>',
    "popup.1234.js": 'var u="https://reactjs.org/docs/error-decoder.html?invariant=";x.evaluate(1);',
    "options.js": "let a;a??=1",
    "static/background/index.js": 'chrome.alarms.create("a",{when:1})',
    "wechat.js": "document.title",
    ...extra
  }
  return new Map(Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? enc(v) : v]))
}

const rules = (files: Map<string, Uint8Array>) => checkPackage(files, MIN).map((p) => `${p.rule}: ${p.detail}`)

describe("store rules on a package", () => {
  it("a package like ours passes", () => {
    expect(rules(pkg())).toEqual([])
  })

  it("a description over 132 characters in one locale fails, counted in characters", () => {
    const files = pkg()
    files.set("_locales/en/messages.json", enc(JSON.stringify({ extName: { message: "n" }, extDescription: { message: "x".repeat(133) } })))
    expect(rules(files)).toEqual(["manifest: [en] description has 133 characters, at most 132"])
    // 132 Chinese characters are 132, not 396 bytes.
    files.set("_locales/en/messages.json", enc(JSON.stringify({ extName: { message: "n" }, extDescription: { message: "直".repeat(132) } })))
    expect(rules(files)).toEqual([])
  })

  it("a name over 75 characters, a missing message and a bad version fail", () => {
    const files = pkg({ version: "1.02" })
    files.set("_locales/zh_CN/messages.json", enc(JSON.stringify({ extName: { message: "名".repeat(76) } })))
    expect(rules(files)).toEqual([
      'manifest: version "1.02" is not 1–4 integers 0–65535',
      "manifest: [zh_CN] name has 76 characters, at most 75",
      "manifest: [zh_CN] description is missing"
    ])
  })

  it("the minimum Chrome version must be the one docs/compatibility.md derives", () => {
    expect(rules(pkg({ minimum_chrome_version: "110" }))).toEqual(["manifest: minimum_chrome_version is 110, docs/compatibility.md says 99"])
  })

  it("icons missing or of the wrong size fail", () => {
    const files = pkg({ icons: { 16: "i16.png", 32: "i32.png", 128: "i128.png" } })
    files.set("i128.png", png(96, 96))
    expect(rules(files)).toEqual(["icons: no 48×48 icon in manifest.icons", "icons: i128.png is 96×96, not 128×128"])
    files.delete("i32.png")
    expect(rules(files)).toContain("icons: i32.png (32) is not a PNG in the zip")
  })

  it("a file the manifest names must be in the zip", () => {
    const files = pkg()
    files.delete("wechat.js")
    expect(rules(files)).toEqual(["manifest: the manifest names wechat.js, which is not in the zip"])
  })

  it("permissions are pinned: one more permission or host fails", () => {
    expect(rules(pkg({ permissions: [...PINNED.permissions, "tabs"] }))).toEqual([
      'permissions: permissions is ["scripting","activeTab","alarms","notifications","tabs"], pinned ["scripting","activeTab","alarms","notifications"]'
    ])
    expect(rules(pkg({ host_permissions: ["<all_urls>"] }))[0]).toMatch(/^permissions: host_permissions is \["<all_urls>"\]/)
    expect(rules(pkg({ optional_permissions: ["downloads"] }))).toEqual(['permissions: optional_permissions ["downloads"] are not pinned'])
    expect(rules(pkg({ content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" } }))[0]).toMatch(/content_security_policy/)
  })

  it.each([
    ["eval", "var x=eval(s)"],
    ["new Function", 'var f=new Function("a","return a")'],
    ["Function from a string", 'var f=Function("return this")()'],
    ["a timer given a string", 'setTimeout("go()",1)'],
    ["importScripts of a remote URL", 'importScripts("https://cdn.example.com/x.js")'],
    ["dynamic import of a remote URL", 'import("//cdn.example.com/x.js")'],
    ["static import from a remote URL", 'import x from "https://cdn.example.com/x.js"'],
    ["a script element pointed elsewhere", 's.src="https://cdn.example.com/x.js"']
  ])("remote code in a bundle fails: %s", (_, code) => {
    const found = rules(pkg({}, { "static/background/index.js": code }))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(/^remote-code: static\/background\/index\.js: /)
  })

  it("remote or inline scripts in a page and remote stylesheets fail", () => {
    expect(rules(pkg({}, { "popup.html": '<script src="https://cdn.example.com/react.js"></script>' }))).toEqual([
      'remote-code: popup.html: <script src="https://cdn.example.com/react.js"> loads remote code'
    ])
    expect(rules(pkg({}, { "options.html": "<script>alert(1)</script>" }))).toEqual(["remote-code: options.html: an inline <script> (MV3's CSP refuses it)"])
    expect(rules(pkg({}, { "popup.css": '@import url("https://fonts.example.com/a.css");' }))).toEqual([
      "remote-code: popup.css: @import of a remote stylesheet"
    ])
  })

  it("source maps, tests, sources, dotfiles and the sandbox fail", () => {
    expect(
      rules(
        pkg(
          {},
          {
            "popup.1234.js.map": "{}",
            "options.js": "let a\n//# sourceMappingURL=options.js.map",
            "test/e2e/x.test.js": "1",
            "src/core/price.ts": "export {}",
            ".DS_Store": "x",
            "wechat.js": 'fetch("/__fixture/state")'
          }
        )
      )
    ).toEqual([
      "contents: options.js: points at a source map",
      "contents: wechat.js: carries the sandbox (sandbox.test / __fixture)",
      "contents: popup.1234.js.map: a source map",
      "contents: test/e2e/x.test.js: from the tests",
      "contents: src/core/price.ts: source, not built code",
      "contents: .DS_Store: not part of the extension"
    ])
  })

  it("a zip without manifest.json at its root fails", () => {
    const nested = new Map([...pkg()].map(([k, v]) => [`chrome-mv3-prod/${k}`, v]))
    expect(rules(nested)).toEqual(["manifest: no manifest.json at the zip's root"])
  })

  it("reads a real zip: directories left out, files byte for byte", () => {
    const dir = mkdtempSync(join(tmpdir(), "lh-zip-"))
    try {
      const files = pkg()
      const zip = zipSync({ "static/": new Uint8Array(), ...Object.fromEntries(files) })
      writeFileSync(join(dir, "x.zip"), zip)
      const read = readZip(join(dir, "x.zip"))
      expect([...read.keys()].sort()).toEqual([...files.keys()].sort())
      expect(rules(new Map(read))).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe("store rules on the listing", () => {
  const listing = (over: Partial<Listing> = {}): Listing => ({
    name: "HiMall Live Helper",
    summary: "Products into WeChat Live.",
    description: "d".repeat(250),
    singlePurpose: "It moves HiMall products into WeChat Mini Program Live.",
    dataUse: "Nothing leaves the browser.",
    category: "Workflow & Planning",
    privacyPolicy: "docs/privacy.md",
    permissions: Object.fromEntries(PINNED.permissions.map((p) => [p, `why ${p}`])),
    hosts: Object.fromEntries([...PINNED.host_permissions, ...PINNED.optional_host_permissions].map((h) => [h, `why ${h}`])),
    ...over
  })
  const check = (l: Listing) => checkListing("en", l, pkg()).map((p) => p.detail)

  it("a listing matching the package passes", () => {
    expect(check(listing())).toEqual([])
  })

  it("name and summary must be the manifest's; the description at least 250 characters", () => {
    expect(check(listing({ name: "Other", summary: "Else", description: "short" }))).toEqual([
      '[en] name "Other" is not the manifest\'s "HiMall Live Helper"',
      "[en] summary is not the manifest's description",
      "[en] description has 5 characters, 250–10000 wanted"
    ])
  })

  it("the privacy practices are disclosed", () => {
    expect(check(listing({ dataUse: " " }))).toEqual(["[en] no data use disclosure"])
  })

  it("the single purpose is one sentence", () => {
    expect(check(listing({ singlePurpose: "It fills forms. It also reminds." }))).toEqual(["[en] single purpose is 2 sentences, one wanted"])
    expect(sentences("帮助商家搬运商品。并提醒开播。")).toBe(2)
    expect(sentences("帮助 HiMall 商家把商品搬到微信小程序直播后台。")).toBe(1)
  })

  it("every permission and host has a justification, and none is left for a grant gone", () => {
    const { alarms: _, ...permissions } = listing().permissions
    expect(check(listing({ permissions: { ...permissions, tabs: "old" } }))).toEqual([
      "[en] no justification for alarms",
      "[en] a justification for tabs, which the manifest does not ask for"
    ])
    const { "http://*/*": __, ...hosts } = listing().hosts
    expect(check(listing({ hosts }))).toEqual(["[en] no justification for http://*/*"])
  })

  it("assets: icons, five 1280×800 screenshots and a 440×280 tile per locale", () => {
    const assets = new Map<string, Uint8Array>([
      ["icons/icon-16.png", png(16, 16)],
      ["icons/icon-32.png", png(32, 32)],
      ["icons/icon-48.png", png(48, 48)],
      ["icons/icon-128.png", png(128, 128)],
      ...[1, 2, 3, 4, 5].map((i) => [`zh_CN/screenshot-${i}.png`, png(1280, 800)] as [string, Uint8Array]),
      ["zh_CN/promo-440x280.png", png(440, 280)]
    ])
    expect(checkAssets("zh_CN", assets)).toEqual([])
    assets.set("zh_CN/screenshot-3.png", png(1280, 720))
    assets.delete("zh_CN/promo-440x280.png")
    expect(checkAssets("zh_CN", assets).map((p) => p.detail)).toEqual([
      "store/zh_CN/screenshot-3.png is 1280×720, not 1280×800",
      "store/zh_CN/promo-440x280.png is missing or not a PNG"
    ])
    expect(pngSize(enc("GIF89a not a png at all......."))).toBeNull()
  })
})

describe("compatibility", () => {
  it("finds the extension APIs a source uses, not its types", () => {
    expect(usedApis(["await chrome.scripting.registerContentScripts([s]); let m: chrome.runtime.Manifest; browser.runtime.onMessage.addListener(f)"])).toEqual([
      "runtime.onMessage",
      "scripting.registerContentScripts"
    ])
  })

  it("the minimum follows from the code: an API newer than it, used without a check, raises it", () => {
    const ours = compatibility([])
    expect(ours.unknown).toEqual([])
    expect(ours.apis.find((a) => a.api === "scripting.registerContentScripts")).toMatchObject({ since: 96, required: 96 })
    expect(ours.apis.find((a) => a.api === "runtime.sendMessage")).toMatchObject({ promise: 99, required: 99 })
    // The detected one is listed but does not count.
    expect(ours.apis.find((a) => a.api === "notifications.getAll")).toMatchObject({ promise: 116 })
    // …and the manifest asks for exactly that minimum.
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8"))
    expect(String(ours.minimum)).toBe(pkg.manifest.minimum_chrome_version)
    expect(ours.minimum).toBeGreaterThanOrEqual(99)
    // Web features are found in the bundles too (dependencies' syntax shows there).
    expect(compatibility(["x.at(-1)"]).web.find((w) => w.feature === "Array.prototype.at")?.used).toBe(true)
  })

  it("the generated table replaces only its own part of the doc", () => {
    const table = compatibilityTable(compatibility([]))
    const doc = "# C\n\nbefore\n<!-- store:compat begin (npm run store:compat writes this table) -->\nold\n<!-- store:compat end -->\nafter\n"
    const out = replaceTable(doc, table)
    expect(out.startsWith("# C\n\nbefore\n")).toBe(true)
    expect(out.endsWith("\nafter\n")).toBe(true)
    expect(out).toContain("| `chrome.scripting.registerContentScripts` | 96 | — | **96** |")
  })
})
