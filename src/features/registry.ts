// One feature contract for every page the extension decorates (refined-github style: a feature
// says where it applies apart from what it does), and the page's root controller that starts
// the features and stops them all.
//
// The root controller aborts its signal on `pagehide` and when the extension's runtime context
// goes away (the extension was updated, reloaded, disabled or removed: this script is then an
// orphan, its messages can never be answered). On abort every element the extension put into
// the page is removed, so a page never shows a dead control, nor two copies of one.
//
// A page can receive the same script twice (the registered script plus an injection into open
// tabs), and after an update the new version's script while the old one still runs. Instances
// find each other through the DOM, which every world of the page shares: a new instance
// dispatches a probe event; a live instance of the same extension context answers it (the new
// one then stops: nothing is duplicated), an orphaned one aborts and removes its controls (the
// new one then takes over).

import { PAGE_PORT } from "~lib/page-port"

/**
 * Page state the features of one page share (never each other's module globals): one object
 * per page root, made by `createPageState`, so that nothing outlives the root that wrote it.
 */
export interface PageState {
  /** The room whose 设置封面图 was pressed last (live-rooms writes it, make-cover reads it). */
  lastCoverRoomId: number | null
  /**
   * The mini program (WeChat account) the console shows in its header, null until one was read
   * (wechat-account writes it first in each pass; the other console features send it with what they read).
   */
  account: string | null
}

/** A page's shared state before any feature wrote to it. */
export function createPageState(): PageState {
  return { lastCoverRoomId: null, account: null }
}

export interface Feature {
  /** Unique, for logs and tests. */
  readonly id: string
  /** Does the feature run on this page? Cheap and without side effects. */
  applies(location: Location, document: Document): boolean
  /** Start; stop everything started (observers, timers, polls, fetches, listeners, controls) when `signal` aborts. */
  start(signal: AbortSignal, page: PageState): void | Promise<void>
}

/**
 * Every element the extension adds to a host page carries a `data-lh…` attribute (`data-lh`,
 * `data-lh-control`, `data-lh-panel`, `data-lh-notice`, `data-lh-summary`, …). The page's own
 * elements get only these marks, which are taken off again on abort (add new ones here).
 */
export const OWN_MARKS: readonly string[] = ["data-lh-seen"]

const PROBE_EVENT = "himall-live-helper:probe"
/** After the port closed with the context still there, when to look again. */
export const RECHECK_AFTER_DISCONNECT_MS = [50, 250, 1000, 3000, 10_000] as const

type StopReason = "pagehide" | "context" | "superseded"

/** Is this script's extension still there (not updated, reloaded, disabled, removed)? */
export function contextAlive(): boolean {
  try {
    return !!globalThis.chrome?.runtime?.id
  } catch {
    return false
  }
}

/** Remove everything the extension added to the page, and its marks on the page's elements. */
function removeOwnUi(doc: Document): void {
  const ours: Element[] = []
  for (const el of doc.body?.querySelectorAll("*") ?? []) {
    let added = false
    for (const name of el.getAttributeNames()) {
      if (!name.startsWith("data-lh")) continue
      if (OWN_MARKS.includes(name)) el.removeAttribute(name)
      else added = true
    }
    if (added) ours.push(el)
  }
  for (const el of ours) el.remove()
}

export interface PageRoot {
  readonly kind: string
  readonly instance: string
  readonly signal: AbortSignal
  readonly page: PageState
  /** Why it stopped (null while running). */
  readonly stopped: StopReason | null
  /** The features started (ids), once `ready` resolved. */
  readonly started: readonly string[]
  /** Resolves once the applying features were started (or the root stopped first). */
  readonly ready: Promise<void>
  stop(reason: StopReason): void
}

export interface StartOptions {
  /** Awaited before the features start (the merchant's language: lib/language.ts). */
  prepare?: () => Promise<void>
  doc?: Document
  win?: Window
  /** Is this script's extension context still there (contextAlive; each script reads its own). */
  alive?: () => boolean
}

const aliveAttr = (kind: string) => `data-lh-alive-${kind}`
const instanceAttr = (kind: string) => `data-lh-instance-${kind}`

/**
 * Start `features` on this page as one root, unless a live instance of the same extension
 * context already runs here (then null). `kind` tells scripts apart (`himall`, `wechat`).
 */
export function startPage(kind: string, features: readonly Feature[], opts: StartOptions = {}): PageRoot | null {
  const doc = opts.doc ?? document
  const win = opts.win ?? window
  const alive = opts.alive ?? contextAlive
  if (!alive()) return null

  // Is a live instance here already? It answers synchronously (DOM events cross worlds).
  const html = doc.documentElement
  html.removeAttribute(aliveAttr(kind))
  doc.dispatchEvent(new Event(`${PROBE_EVENT}:${kind}`))
  if (html.hasAttribute(aliveAttr(kind))) {
    html.removeAttribute(aliveAttr(kind))
    return null
  }
  return createRoot(kind, features, doc, win, alive, opts.prepare)
}

function createRoot(kind: string, features: readonly Feature[], doc: Document, win: Window, alive: () => boolean, prepare?: () => Promise<void>): PageRoot {
  const controller = new AbortController()
  const signal = controller.signal
  const instance = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  const page = createPageState()
  const started: string[] = []
  let stopped: StopReason | null = null
  let port: chrome.runtime.Port | null = null
  const timers: ReturnType<typeof setTimeout>[] = []

  const stop = (reason: StopReason) => {
    if (stopped) return
    stopped = reason
    controller.abort(reason)
    try {
      port?.disconnect()
    } catch {
      // Already gone with the context.
    }
    port = null
    timers.forEach(clearTimeout)
    removeOwnUi(doc)
    if (doc.documentElement.getAttribute(instanceAttr(kind)) === instance) doc.documentElement.removeAttribute(instanceAttr(kind))
    // Back from the back/forward cache: the same script starts again (if its extension is still there).
    if (reason === "pagehide") {
      win.addEventListener(
        "pageshow",
        (e) => {
          if ((e as PageTransitionEvent).persisted) startPage(kind, features, { doc, win, alive, prepare })
        },
        { once: true }
      )
    }
  }
  /** The fallback check, on use: an orphaned script stops at the first sign of life. */
  const check = () => {
    if (stopped) return false
    if (!alive()) {
      stop("context")
      return false
    }
    return true
  }

  doc.documentElement.setAttribute(instanceAttr(kind), instance)
  doc.addEventListener(
    `${PROBE_EVENT}:${kind}`,
    () => {
      if (check()) doc.documentElement.setAttribute(aliveAttr(kind), instance)
    },
    { signal }
  )
  win.addEventListener("pagehide", () => stop("pagehide"), { signal })

  // The extension going away disconnects this port at once (no polling). A port also closes
  // when the idle service worker stops: then it is opened again on the next use of the page,
  // not at once (that would keep waking the worker).
  const connect = () => {
    if (port || stopped) return
    try {
      port = chrome.runtime.connect({ name: PAGE_PORT })
      port.onDisconnect.addListener(() => {
        try {
          void chrome.runtime?.lastError
        } catch {
          // The context is gone: check() below sees it.
        }
        port = null
        // Removal disconnects the port a moment before the context reads as gone: look again
        // a few times (a stopped worker just leaves these few timers to run out).
        if (check()) for (const ms of RECHECK_AFTER_DISCONNECT_MS) timers.push(setTimeout(check, ms))
      })
    } catch {
      check()
    }
  }
  const onUse = () => {
    if (check()) connect()
  }
  for (const type of ["pointerdown", "keydown", "focusin"]) doc.addEventListener(type, onUse, { capture: true, passive: true, signal })
  doc.addEventListener("visibilitychange", onUse, { signal })
  // Page changes are when features act: check first (cheap: one property read per batch).
  const observer = new MutationObserver(() => check())
  observer.observe(doc.documentElement, { childList: true, subtree: true })
  signal.addEventListener("abort", () => observer.disconnect(), { once: true })
  connect()

  const ready = (async () => {
    if (!doc.body) {
      await new Promise<void>((resolve) => {
        doc.addEventListener("DOMContentLoaded", () => resolve(), { once: true, signal })
        signal.addEventListener("abort", () => resolve(), { once: true })
      })
    }
    if (prepare) await prepare().catch(() => undefined)
    if (!check()) return
    for (const feature of features) {
      if (signal.aborted) return
      try {
        if (!feature.applies(win.location, doc)) continue
        started.push(feature.id)
        const result = feature.start(signal, page)
        if (result) result.catch((e) => console.warn(`[HiMall 直播助手] ${feature.id}`, e))
      } catch (e) {
        console.warn(`[HiMall 直播助手] ${feature.id}`, e)
      }
    }
  })()

  return {
    kind,
    instance,
    signal,
    page,
    get stopped() {
      return stopped
    },
    started,
    ready,
    stop
  }
}
