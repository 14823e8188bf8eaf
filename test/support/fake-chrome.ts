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
  injected: { tabId: number; files: string[] }[]
  tabs: chrome.tabs.Tab[]
  manifest: chrome.runtime.Manifest
  lang: "zh_CN" | "en"
  /** Answer to the next permissions.request. */
  grantNext: boolean
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
    grantNext: true
  }
  const messages = { zh_CN: loadMessages("zh_CN"), en: loadMessages("en") }
  const api = {
    runtime: {
      id: "fake-extension-id",
      getManifest: () => state.manifest,
      openOptionsPage: async () => undefined
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
      getRegisteredContentScripts: async (f?: { ids?: string[] }) =>
        [...state.registered.values()].filter((s) => !f?.ids || f.ids.includes(s.id)),
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
      executeScript: async (i: { target: { tabId: number }; files: string[] }) => {
        state.injected.push({ tabId: i.target.tabId, files: i.files })
        return []
      }
    },
    tabs: {
      query: async (q: { url?: string; active?: boolean }) => {
        if (q.active) return state.tabs.filter((t) => t.active)
        if (!q.url) return state.tabs
        const prefix = q.url.replace(/\*$/, "")
        return state.tabs.filter((t) => t.url?.startsWith(prefix))
      }
    }
  }
  ;(globalThis as unknown as { chrome: unknown }).chrome = api
  return state
}
