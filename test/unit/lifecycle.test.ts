// The feature contract and the page's root controller (features/registry.ts): features start
// where they apply, share one page state, and stop — controls gone, page restored — on pagehide
// and when the extension's context goes; a live instance is never duplicated, an orphaned one
// gives way to the new version. Also the worker's injection into open tabs (background/shops.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { injectCurrentScripts } from "~background/shops"
import { HIMALL_FEATURES } from "~features/himall-admin"
import { contextAlive, createPageState, RECHECK_AFTER_DISCONNECT_MS, startPage, type Feature, type PageRoot, type PageState } from "~features/registry"
import { WECHAT_FEATURES } from "~features/wechat"
import { waitFor } from "~lib/dom/set-value"
import { PAGE_PORT } from "~lib/page-port"

import { installFakeChrome, type FakeChrome } from "../support/fake-chrome"

let fake: FakeChrome
const roots: PageRoot[] = []
beforeEach(() => {
  fake = installFakeChrome()
  document.body.innerHTML = `<table><tr><td class="ops"><a href="#">直播链接</a></td></tr></table><p id="consent" style="outline: 1px solid red">consent</p>`
})
afterEach(() => {
  // Not "pagehide": that would leave a pageshow listener restarting it in a later test.
  for (const r of roots.splice(0)) r.stop("superseded")
  document.documentElement.removeAttribute("data-lh-instance-test")
  vi.useRealTimers()
})

/** A feature that adds a control per started instance and undoes a change to the page on abort. */
function buttonFeature(id = "demo", log: string[] = []): Feature & { signals: AbortSignal[]; pages: PageState[] } {
  const signals: AbortSignal[] = []
  const pages: PageState[] = []
  return {
    id,
    signals,
    pages,
    applies: (_loc, doc) => !!doc.querySelector(".ops"),
    start(signal, page) {
      signals.push(signal)
      pages.push(page)
      log.push(`start ${id}`)
      const b = document.createElement("button")
      b.setAttribute("data-lh", id)
      document.querySelector(".ops")!.append(b)
      // Elements without `data-lh` itself, but of the extension all the same.
      const flags = document.createElement("span")
      flags.setAttribute("data-lh-room-flags", "")
      document.querySelector(".ops")!.append(flags)
      document.querySelector("a")!.setAttribute("data-lh-seen", "")
      signal.addEventListener("abort", () => log.push(`stop ${id}`), { once: true })
    }
  }
}

async function start(features: readonly Feature[], kind = "test"): Promise<PageRoot | null> {
  const root = startPage(kind, features)
  if (root) {
    roots.push(root)
    await root.ready
  }
  return root
}

const controls = () => document.querySelectorAll("[data-lh]").length

describe("the root controller", () => {
  it("starts the features that apply, with one signal and one shared page state, and opens the page port", async () => {
    const a = buttonFeature("a")
    const b = buttonFeature("b")
    const never: Feature = { id: "never", applies: () => false, start: () => void controls() }
    const root = (await start([a, never, b]))!
    expect(root.started).toEqual(["a", "b"])
    expect(a.signals[0]).toBe(root.signal)
    expect(a.pages[0]).toBe(b.pages[0])
    expect(controls()).toBe(2)
    expect(fake.ports.filter((p) => p.connected).map((p) => p.name)).toEqual([PAGE_PORT])
    expect(document.documentElement.getAttribute("data-lh-instance-test")).toBe(root.instance)
  })

  it("a feature that throws does not keep the others from starting", async () => {
    const broken: Feature = {
      id: "broken",
      applies: () => true,
      start: () => {
        throw new Error("boom")
      }
    }
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    const root = (await start([broken, buttonFeature("after")]))!
    expect(root.started).toEqual(["broken", "after"])
    expect(controls()).toBe(1)
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })

  it("never starts twice while a live instance runs here (a second injection of the same version)", async () => {
    const first = (await start([buttonFeature()]))!
    const second = await start([buttonFeature()])
    expect(second).toBeNull()
    expect(first.stopped).toBeNull()
    expect(controls()).toBe(1)
  })

  it("stops when the extension goes away: controls removed, marks removed, page restored", async () => {
    const log: string[] = []
    const root = (await start([buttonFeature("a", log)]))!
    expect(document.querySelector("a")!.hasAttribute("data-lh-seen")).toBe(true)
    fake.invalidateContext()
    expect(root.stopped).toBe("context")
    expect(root.signal.aborted).toBe(true)
    expect(log).toEqual(["start a", "stop a"])
    expect(controls()).toBe(0)
    expect(document.querySelectorAll("[data-lh-room-flags]")).toHaveLength(0)
    expect(document.querySelector("a")!.hasAttribute("data-lh-seen")).toBe(false)
    expect(document.querySelector("a")!.isConnected).toBe(true)
    expect(document.documentElement.hasAttribute("data-lh-instance-test")).toBe(false)
    // Page data of its own is left alone.
    expect((document.querySelector("#consent") as HTMLElement).style.outline).toBe("1px solid red")
  })

  it("a new version's script probing an orphan makes it stop first and remove its controls, then starts one set", async () => {
    // Each script reads its own context (in Chrome, the old one's runtime reads as gone after an update).
    let oldContext = true
    const oldLog: string[] = []
    const old = startPage("test", [buttonFeature("a", oldLog)], { alive: () => oldContext })!
    roots.push(old)
    await old.ready
    oldContext = false // updated: nothing told the old script yet (no port event, no page change)
    expect(old.stopped).toBeNull()
    const fresh = (await start([buttonFeature("a")]))!
    expect(old.stopped).toBe("context")
    expect(oldLog).toEqual(["start a", "stop a"])
    expect(fresh.stopped).toBeNull()
    expect(fresh.started).toEqual(["a"])
    expect(controls()).toBe(1)
    expect(document.documentElement.getAttribute("data-lh-instance-test")).toBe(fresh.instance)
  })

  it("scripts of different kinds do not see each other", async () => {
    const himall = (await start([buttonFeature("a")], "test"))!
    const other = startPage("other", [buttonFeature("b")])!
    roots.push(other)
    await other.ready
    expect(himall.stopped).toBeNull()
    expect(other.stopped).toBeNull()
    other.stop("superseded")
    document.documentElement.removeAttribute("data-lh-instance-other")
  })

  it("removal: the port closes a moment before the context reads as gone, and the look again stops it", async () => {
    vi.useFakeTimers()
    const root = (await start([buttonFeature()]))!
    fake.invalidateContext({ disconnectFirst: true })
    // invalidateContext removed the id right after the disconnect: the recheck sees it.
    expect(root.stopped).toBeNull()
    vi.advanceTimersByTime(RECHECK_AFTER_DISCONNECT_MS[0])
    expect(root.stopped).toBe("context")
    expect(controls()).toBe(0)
  })

  it("a stopped worker: no abort, and the port is opened again on the next use of the page", async () => {
    vi.useFakeTimers()
    const root = (await start([buttonFeature()]))!
    fake.ports[0].disconnect()
    vi.advanceTimersByTime(Math.max(...RECHECK_AFTER_DISCONNECT_MS))
    expect(root.stopped).toBeNull()
    expect(fake.ports.filter((p) => p.connected)).toHaveLength(0)
    document.body.dispatchEvent(new Event("pointerdown", { bubbles: true }))
    expect(fake.ports.filter((p) => p.connected)).toHaveLength(1)
    expect(controls()).toBe(1)
  })

  it("with no event at all, the first page change or use after the context went stops it", async () => {
    const root = (await start([buttonFeature()]))!
    delete (chrome.runtime as { id?: string }).id
    document.body.append(document.createElement("div"))
    await vi.waitFor(() => expect(root.stopped).toBe("context"))
    expect(controls()).toBe(0)
  })

  it("pagehide stops it; back from the back/forward cache it starts again", async () => {
    const feature = buttonFeature()
    const root = (await start([feature]))!
    window.dispatchEvent(new Event("pagehide"))
    expect(root.stopped).toBe("pagehide")
    expect(controls()).toBe(0)
    window.dispatchEvent(Object.assign(new Event("pageshow"), { persisted: true }))
    await vi.waitFor(() => expect(controls()).toBe(1))
    expect(feature.signals).toHaveLength(2)
    expect(feature.signals[1].aborted).toBe(false)
    // Clean up the restarted root.
    window.dispatchEvent(new Event("pagehide"))
    expect(feature.signals[1].aborted).toBe(true)
  })

  it("does not start at all without a runtime context", async () => {
    delete (chrome.runtime as { id?: string }).id
    expect(contextAlive()).toBe(false)
    expect(await start([buttonFeature()])).toBeNull()
    expect(controls()).toBe(0)
  })
})

describe("the registries", () => {
  const at = (url: string) => new URL(url) as unknown as Location
  it("HiMall: capture-* on 商品管理, live-rooms and make-cover on 小程序直播, homepage-entrance on 首页配置", () => {
    const ids = (url: string) => HIMALL_FEATURES.filter((f) => f.applies(at(url), document)).map((f) => f.id)
    expect(ids("https://shop.example/Admin/Product/Management")).toEqual(["capture-product", "capture-page", "capture-all"])
    expect(ids("https://shop.example/SellerAdmin/Live/Management")).toEqual(["live-rooms", "make-cover"])
    expect(ids("https://shop.example/Admin/WXSmallProgram/HomePageSetting")).toEqual(["homepage-entrance"])
    expect(ids("https://shop.example/Admin/Order/Management")).toEqual([])
    expect(new Set(HIMALL_FEATURES.map((f) => f.id)).size).toBe(HIMALL_FEATURES.length)
  })

  it("WeChat: the console's readers on every page, under the same contract", () => {
    expect(WECHAT_FEATURES.map((f) => f.id)).toEqual(["wechat-console"])
    expect(WECHAT_FEATURES.every((f) => f.applies(at("https://mp.weixin.qq.com/"), document))).toBe(true)
  })

  it("a WeChat feature stops observing the page when its signal aborts", async () => {
    const controller = new AbortController()
    const page: PageState = createPageState()
    document.body.innerHTML = `<div><p>申请开通</p></div>`
    const observe = vi.spyOn(MutationObserver.prototype, "disconnect")
    for (const f of WECHAT_FEATURES) await f.start(controller.signal, page)
    const before = observe.mock.calls.length
    controller.abort()
    expect(observe.mock.calls.length - before).toBe(WECHAT_FEATURES.length)
    observe.mockRestore()
  })
})

describe("features honour the signal", () => {
  it("a wait for the page ends at once when the signal aborts", async () => {
    const controller = new AbortController()
    let asked = 0
    const wait = waitFor(() => (asked++, null), 60_000, { signal: controller.signal })
    controller.abort()
    await expect(wait).resolves.toBeNull()
    expect(asked).toBe(1)
  })

  it("capture-product: the list read that identifies a row without an id is aborted with the page", async () => {
    history.pushState({}, "", "/Admin/Product/Management")
    document.body.innerHTML = `<table><tbody><tr><td>天使旅行箱</td><td>￥199.00</td><td><input type="hidden" class="thisName" value="天使旅行箱"><input type="hidden" class="thisPrice" value="199.00"></td></tr></tbody></table>`
    const calls: { url: string; signal: AbortSignal | null | undefined }[] = []
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      calls.push({ url: String(input), signal: init?.signal })
      return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))
    })
    try {
      const feature = HIMALL_FEATURES.find((f) => f.id === "capture-product")!
      expect(feature.applies(location, document)).toBe(true)
      const controller = new AbortController()
      await feature.start(controller.signal, createPageState())
      document.querySelector<HTMLButtonElement>('[data-lh="capture-product"]')!.click()
      await vi.waitFor(() => expect(calls).toHaveLength(1))
      expect(calls[0].url).toMatch(/\/Admin\/Product\/List/)
      expect(calls[0].signal?.aborted).toBe(false)
      controller.abort()
      expect(calls[0].signal?.aborted).toBe(true)
    } finally {
      fetchSpy.mockRestore()
      history.pushState({}, "", "/")
    }
  })

  it("live-rooms: its list read is aborted and its poll cleared", async () => {
    history.pushState({}, "", "/Admin/Live/Management")
    const calls: { url: string; signal: AbortSignal | null | undefined }[] = []
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      calls.push({ url: String(input), signal: init?.signal })
      return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))
    })
    const clearInterval = vi.spyOn(globalThis, "clearInterval")
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    try {
      const live = HIMALL_FEATURES.find((f) => f.id === "live-rooms")!
      expect(live.applies(location, document)).toBe(true)
      const controller = new AbortController()
      await live.start(controller.signal, createPageState())
      await vi.waitFor(() => expect(calls).toHaveLength(1))
      expect(calls[0].url).toMatch(/\/Admin\/Live\/List$/)
      expect(calls[0].signal?.aborted).toBe(false)
      const intervalsBefore = clearInterval.mock.calls.length
      controller.abort()
      expect(calls[0].signal?.aborted).toBe(true)
      expect(clearInterval.mock.calls.length).toBe(intervalsBefore + 1)
    } finally {
      fetchSpy.mockRestore()
      clearInterval.mockRestore()
      warn.mockRestore()
      history.pushState({}, "", "/")
    }
  })
})

describe("features share page state, never module globals", () => {
  it("the console's account is the page's: read into page.account, sent with what the other readers read; another page starts without it", async () => {
    const sent: { type: string; payload: Record<string, unknown> }[] = []
    ;(chrome.runtime as unknown as { sendMessage: (m: unknown) => Promise<unknown> }).sendMessage = async (m) => {
      const message = m as { type: string; payload: Record<string, unknown> }
      sent.push(message)
      return { ok: true, data: message.type === "account.seen" ? { name: message.payload.name, shopOrigin: null, shops: [] } : {} }
    }
    const qualifications = () => sent.filter((m) => m.type === "qualification.seen").map((m) => m.payload)
    const header = `<div class="head"><a href="/">微信公众平台<span>小程序</span></a><div class="account"><span>H</span><span>HiMall商城</span></div></div>`
    document.body.innerHTML = `${header}<div><button>申请开通</button></div>`
    const first = new AbortController()
    const page = createPageState()
    for (const f of WECHAT_FEATURES) await f.start(first.signal, page)
    expect(page.account).toBe("HiMall商城")
    await vi.waitFor(() => expect(qualifications()).toEqual([{ signal: "not_opened", account: "HiMall商城" }]))
    first.abort()

    // The next page of the same script (the live console's own frame has no header): nothing carried over.
    document.body.innerHTML = `<div><button>申请开通</button></div>`
    const second = new AbortController()
    const other = createPageState()
    for (const f of WECHAT_FEATURES) await f.start(second.signal, other)
    expect(other.account).toBeNull()
    await vi.waitFor(() => expect(qualifications()).toHaveLength(2))
    expect(qualifications()[1]).toEqual({ signal: "not_opened" })
    second.abort()
  })
})

describe("install, update and enable: the open tabs get the current scripts", () => {
  it("the WeChat script from the manifest and the HiMall script from its registration, into every frame of matching tabs", async () => {
    fake.manifest.content_scripts!.push({
      matches: ["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*"],
      js: ["wechat.1234.js"],
      all_frames: true
    })
    fake.registered.set("himall-admin", { id: "himall-admin", js: ["himall-admin.abc123.js"], matches: ["https://shop.example/*"], allFrames: true })
    fake.tabs.push(
      { id: 1, url: "https://live.weixin.qq.com/livemp/goods/index" } as chrome.tabs.Tab,
      { id: 2, url: "https://shop.example/Admin/Product/Management" } as chrome.tabs.Tab,
      { id: 3, url: "https://other.example/" } as chrome.tabs.Tab,
      { id: 4, url: "https://mp.weixin.qq.com/__himall_live_helper__/x" } as chrome.tabs.Tab
    )
    expect(await injectCurrentScripts()).toBe(3)
    expect(fake.injected).toEqual([
      { tabId: 1, files: ["wechat.1234.js"], allFrames: true },
      { tabId: 4, files: ["wechat.1234.js"], allFrames: true },
      { tabId: 2, files: ["himall-admin.abc123.js"], allFrames: true }
    ])
  })

  it("no shop enabled: only the WeChat tabs", async () => {
    fake.tabs.push({ id: 2, url: "https://shop.example/Admin/Product/Management" } as chrome.tabs.Tab)
    expect(await injectCurrentScripts()).toBe(0)
    expect(fake.injected).toEqual([])
  })
})
