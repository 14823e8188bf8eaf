// A small fake of the chrome.* APIs the extension uses, for unit and component tests.
// i18n answers from the real locales (zh_CN by default), so tests see the merchant's text.
import { readFileSync } from "node:fs"
import { join } from "node:path"

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>

const root = join(import.meta.dirname, "../..")
export function loadMessages(lang: "zh_CN" | "en"): Messages {
  return JSON.parse(readFileSync(join(root, `locales/${lang}/messages.json`), "utf8"))
}

/** chrome.i18n.getMessage semantics: named placeholders bound to $1…$9. */
export function getMessageFrom(messages: Messages, key: string, subs?: string | string[]): string {
  const entry = messages[key]
  if (!entry) return ""
  const args = subs == null ? [] : Array.isArray(subs) ? subs : [subs]
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const ph = entry.placeholders?.[name.toLowerCase()]
    if (!ph) return ""
    return ph.content.replace(/\$(\d)/g, (_m, d: string) => args[Number(d) - 1] ?? "")
  })
}

export interface FakeChrome {
  granted: Set<string>
  registered: Map<string, chrome.scripting.RegisteredContentScript>
  injected: { tabId: number; files: string[]; allFrames?: boolean }[]
  tabs: chrome.tabs.Tab[]
  manifest: chrome.runtime.Manifest
  lang: "zh_CN" | "en"
  /** Answer to the next permissions.request. */
  grantNext: boolean
  /** chrome.alarms: alarms by name (a fired one-shot alarm is for the test to delete). */
  alarms: Map<string, chrome.alarms.Alarm>
  /** chrome.notifications: shown notifications by id, with their options. */
  notifications: Map<string, chrome.notifications.NotificationOptions>
  /** Set to make notifications.create fail (as when notifications are blocked). */
  notificationError: string | null
  /** chrome.action badge and title, as last set. */
  badge: { text: string; color: string | null; title: string | null }
  /** URLs opened with tabs.create, tab ids activated with tabs.update, windows focused. */
  openedTabs: string[]
  activatedTabs: number[]
  focusedWindows: number[]
  /** Ports opened with runtime.connect (by content scripts' root controllers), open ones first. */
  ports: FakePort[]
  /** The extension goes away (updated, disabled, removed): runtime.id is gone, ports disconnect. */
  invalidateContext(opts?: { disconnectFirst?: boolean }): void
}

interface FakePort {
  name: string
  connected: boolean
  /** Close it from the extension's side (the worker stopped, or the extension went away). */
  disconnect(): void
}

export function installFakeChrome(): FakeChrome {
  const state: FakeChrome = {
    granted: new Set(["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*"]),
    registered: new Map(),
    injected: [],
    tabs: [],
    manifest: {
      manifest_version: 3,
      name: "test",
      version: "0",
      content_scripts: [
        {
          matches: ["https://mp.weixin.qq.com/__himall_live_helper__/*"],
          exclude_matches: ["https://mp.weixin.qq.com/__himall_live_helper__/*"],
          js: ["himall-admin.abc123.js"]
        }
      ]
    },
    lang: "zh_CN",
    grantNext: true,
    alarms: new Map(),
    notifications: new Map(),
    notificationError: null,
    badge: { text: "", color: null, title: null },
    openedTabs: [],
    activatedTabs: [],
    focusedWindows: [],
    ports: [],
    invalidateContext: ({ disconnectFirst = false } = {}) => {
      const open = state.ports.filter((p) => p.connected)
      if (disconnectFirst) open.forEach((p) => p.disconnect())
      delete (api.runtime as { id?: string }).id
      if (!disconnectFirst) open.forEach((p) => p.disconnect())
    }
  }
  const messages = { zh_CN: loadMessages("zh_CN"), en: loadMessages("en") }
  const api = {
    runtime: {
      id: "fake-extension-id",
      getManifest: () => state.manifest,
      getURL: (path: string) => `chrome-extension://fake-extension-id/${path.replace(/^\//, "")}`,
      openOptionsPage: async () => undefined,
      lastError: undefined as { message: string } | undefined,
      connect: (info?: { name?: string }) => {
        if (!(api.runtime as { id?: string }).id) throw new Error("Extension context invalidated.")
        const listeners: (() => void)[] = []
        const port = {
          name: info?.name ?? "",
          connected: true,
          disconnect: () => {
            if (!port.connected) return
            port.connected = false
            listeners.forEach((l) => l())
          }
        }
        state.ports.push(port)
        return {
          name: port.name,
          onDisconnect: { addListener: (l: () => void) => listeners.push(l) },
          // The page's own side closing it fires nothing on that side (as in Chrome).
          disconnect: () => (port.connected = false)
        }
      }
    },
    i18n: {
      getMessage: (key: string, subs?: string | string[]) => getMessageFrom(messages[state.lang], key, subs),
      getUILanguage: () => (state.lang === "zh_CN" ? "zh-CN" : "en")
    },
    permissions: {
      getAll: async () => ({ origins: [...state.granted], permissions: [] }),
      contains: async (p: { origins?: string[] }) => (p.origins ?? []).every((o) => state.granted.has(o)),
      request: async (p: { origins?: string[] }) => {
        if (!state.grantNext) return false
        p.origins?.forEach((o) => state.granted.add(o))
        return true
      },
      remove: async (p: { origins?: string[] }) => {
        p.origins?.forEach((o) => state.granted.delete(o))
        return true
      }
    },
    scripting: {
      getRegisteredContentScripts: async (f?: { ids?: string[] }) => [...state.registered.values()].filter((s) => !f?.ids || f.ids.includes(s.id)),
      registerContentScripts: async (scripts: chrome.scripting.RegisteredContentScript[]) => {
        for (const s of scripts) {
          if (state.registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`)
          state.registered.set(s.id, s)
        }
      },
      updateContentScripts: async (scripts: chrome.scripting.RegisteredContentScript[]) => {
        for (const s of scripts) state.registered.set(s.id, { ...state.registered.get(s.id)!, ...s })
      },
      unregisterContentScripts: async (f?: { ids?: string[] }) => {
        for (const id of f?.ids ?? [...state.registered.keys()]) state.registered.delete(id)
      },
      executeScript: async (i: { target: { tabId: number; allFrames?: boolean }; files: string[] }) => {
        state.injected.push({ tabId: i.target.tabId, files: i.files, allFrames: !!i.target.allFrames })
        return []
      }
    },
    tabs: {
      query: async (q: { url?: string | string[]; active?: boolean }) => {
        if (q.active) return state.tabs.filter((t) => t.active)
        if (!q.url) return state.tabs
        // Match patterns as prefixes, a `*.` host as any subdomain.
        const matchers = (Array.isArray(q.url) ? q.url : [q.url]).map((u) => {
          const [, scheme, host, path] = /^([^:]+):\/\/([^/]+)(\/.*)?$/.exec(u) ?? []
          const esc = (x: string) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")
          return new RegExp(`^${esc(scheme ?? "")}://${host?.startsWith("*.") ? `([^/]+\\.)?${esc(host.slice(2))}` : esc(host ?? "")}${esc(path ?? "/*")}$`)
        })
        return state.tabs.filter((t) => matchers.some((m) => m.test(t.url ?? "")))
      },
      create: async (p: { url?: string }) => {
        state.openedTabs.push(p.url ?? "")
        const tab = { id: 1000 + state.openedTabs.length, url: p.url, active: true, windowId: 1 } as chrome.tabs.Tab
        state.tabs.push(tab)
        return tab
      },
      update: async (tabId: number, p: { active?: boolean }) => {
        if (p.active) state.activatedTabs.push(tabId)
        return state.tabs.find((t) => t.id === tabId)
      }
    },
    windows: {
      update: async (windowId: number, p: { focused?: boolean }) => {
        if (p.focused) state.focusedWindows.push(windowId)
        return { id: windowId }
      }
    },
    alarms: {
      create: async (name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }) => {
        const scheduledTime = info.when ?? Date.now() + (info.delayInMinutes ?? info.periodInMinutes ?? 0) * 60_000
        state.alarms.set(name, { name, scheduledTime, periodInMinutes: info.periodInMinutes, persistAcrossSessions: true } as chrome.alarms.Alarm)
      },
      get: async (name: string) => state.alarms.get(name),
      getAll: async () => [...state.alarms.values()],
      clear: async (name: string) => state.alarms.delete(name),
      clearAll: async () => {
        state.alarms.clear()
        return true
      }
    },
    notifications: {
      create: async (id: string, options: chrome.notifications.NotificationOptions) => {
        if (state.notificationError) throw new Error(state.notificationError)
        state.notifications.set(id, options)
        return id
      },
      clear: async (id: string) => state.notifications.delete(id),
      getAll: async () => Object.fromEntries([...state.notifications.keys()].map((id) => [id, true]))
    },
    action: {
      setBadgeText: async (d: { text: string }) => {
        state.badge.text = d.text
      },
      setBadgeBackgroundColor: async (d: { color: string }) => {
        state.badge.color = d.color
      },
      setTitle: async (d: { title: string }) => {
        state.badge.title = d.title
      }
    }
  }
  ;(globalThis as unknown as { chrome: unknown }).chrome = api
  return state
}
