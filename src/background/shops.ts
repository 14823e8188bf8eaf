// HiMall shops: a shop is an origin the merchant granted at run time. The HiMall content
// script is registered for exactly those origins, and the shops table mirrors the grants.
// Idempotent: run at every worker start, install, update and permission change.
import { originPattern, patternCoversOrigin, shopPatterns } from "~core/origins"
import type { HelperDb } from "~db/schema"

/**
 * The HiMall content script is built by Plasmo with a hashed file name. Its manifest entry
 * uses this path on an already-declared host, matched and excluded at once, so it never
 * runs from the manifest; we find its file there and register it for the granted shops.
 */
const HIMALL_PLACEHOLDER_MATCH = "https://mp.weixin.qq.com/__himall_live_helper__/*"
export const HIMALL_SCRIPT_ID = "himall-admin"

function himallScriptFiles(manifest: chrome.runtime.Manifest): string[] {
  const entry = manifest.content_scripts?.find((cs) => cs.matches?.includes(HIMALL_PLACEHOLDER_MATCH))
  return entry?.js ?? []
}

async function grantedShopPatterns(): Promise<string[]> {
  const all = await chrome.permissions.getAll()
  return shopPatterns(all.origins ?? [])
}

export async function isShopOrigin(origin: string): Promise<boolean> {
  return (await grantedShopPatterns()).some((p) => patternCoversOrigin(p, origin))
}

function shopOriginOf(pattern: string): string {
  return pattern.replace(/\/\*$/, "")
}

export async function syncShops(db: HelperDb, now = Date.now()): Promise<string[]> {
  const patterns = await grantedShopPatterns()
  const js = himallScriptFiles(chrome.runtime.getManifest())

  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [HIMALL_SCRIPT_ID] })
  if (patterns.length === 0 || js.length === 0) {
    if (registered.length) await chrome.scripting.unregisterContentScripts({ ids: [HIMALL_SCRIPT_ID] })
  } else {
    const script: chrome.scripting.RegisteredContentScript = {
      id: HIMALL_SCRIPT_ID,
      js,
      matches: patterns,
      runAt: "document_idle",
      allFrames: true,
      persistAcrossSessions: true
    }
    if (registered.length) await chrome.scripting.updateContentScripts([script])
    else await chrome.scripting.registerContentScripts([script])
  }

  await db.transaction("rw", db.shops, async () => {
    const known = await db.shops.toArray()
    const keep = new Set(patterns.map(shopOriginOf))
    await db.shops.bulkDelete(known.filter((s) => !keep.has(s.origin)).map((s) => s.origin))
    const have = new Set(known.map((s) => s.origin))
    await db.shops.bulkAdd(
      patterns.filter((p) => !have.has(shopOriginOf(p))).map((p) => ({ origin: shopOriginOf(p), pattern: p, addedAt: now, lastSeenAt: null }))
    )
  })
  return patterns
}

/** Run the HiMall script in tabs already open on a newly granted shop. */
export async function injectIntoOpenTabs(origins: readonly string[]): Promise<void> {
  const js = himallScriptFiles(chrome.runtime.getManifest())
  if (js.length === 0) return
  for (const origin of origins) {
    const tabs = await chrome.tabs.query({ url: origin.endsWith("/*") ? origin : originPattern(origin) })
    for (const tab of tabs) {
      if (tab.id == null) continue
      await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: js }).catch(() => undefined)
    }
  }
}

/**
 * Install and update: tabs already open get the current scripts, without a reload (Chrome runs
 * content scripts only in pages loaded after). The WeChat script's files come from the
 * manifest, the HiMall script's from its registration (the enabled shops); both into every
 * frame. An old version's script still in the page stops itself when the new one starts
 * (features/registry.ts); a page that already runs the current one keeps it.
 */
export async function injectCurrentScripts(): Promise<number> {
  const scripts: { matches: string[]; excludes: string[]; js: string[]; allFrames: boolean }[] = []
  for (const cs of chrome.runtime.getManifest().content_scripts ?? []) {
    if (cs.matches?.includes(HIMALL_PLACEHOLDER_MATCH) || !cs.js?.length || !cs.matches?.length) continue
    scripts.push({ matches: cs.matches, excludes: cs.exclude_matches ?? [], js: cs.js, allFrames: !!cs.all_frames })
  }
  for (const r of await chrome.scripting.getRegisteredContentScripts({ ids: [HIMALL_SCRIPT_ID] })) {
    if (r.js?.length && r.matches?.length) scripts.push({ matches: r.matches, excludes: r.excludeMatches ?? [], js: r.js, allFrames: !!r.allFrames })
  }
  let injected = 0
  for (const script of scripts) {
    const tabs = await chrome.tabs.query({ url: script.matches })
    const excluded = script.excludes.length ? new Set((await chrome.tabs.query({ url: script.excludes })).map((t) => t.id)) : new Set()
    for (const tab of tabs) {
      if (tab.id == null || excluded.has(tab.id) || tab.discarded) continue
      const ok = await chrome.scripting
        .executeScript({ target: { tabId: tab.id, allFrames: script.allFrames }, files: script.js })
        .then(() => true)
        .catch(() => false)
      if (ok) injected++
    }
  }
  return injected
}
