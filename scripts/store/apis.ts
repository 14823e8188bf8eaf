// Which browser APIs the code uses and the Chrome version that brought each, so the manifest's
// minimum_chrome_version follows from the code (docs/compatibility.md).
//
// Extension APIs: every `chrome.<ns>.<member>` / `browser.<ns>.<member>` in src/, with the
// version read from @types/chrome, whose doc comments are generated from Chrome's own API
// definitions (`@since Chrome N` for when a namespace or member came; "Can return its result
// via Promise … since Chrome N" for when the promise form came — the code awaits every call,
// so that version counts too). The reference pages at
// https://developer.chrome.com/docs/extensions/reference/api/<ns> say the same.
// Web platform features: a short list kept by hand (WEB), each with what finds it in the
// source and its version from MDN's compatibility data.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"

import ts from "typescript"

export const ROOT = join(import.meta.dirname, "../..")

/** The baseline: Manifest V3 with a service worker and chrome.action / chrome.scripting. */
export const MV3_BASELINE = 88

/**
 * APIs newer than the minimum that the code uses only behind a run-time check with a
 * fallback. Each says where and what happens without it. They do not raise the minimum.
 */
export const DETECTED: Record<string, string> = {
  "notifications.getAll":
    "`background/reminders.ts` calls it in try/catch: before Chrome 116 it has no promise form and throws, so reminders of rooms that changed stay until the merchant dismisses them instead of being taken away."
}

/**
 * Calls whose promise form is newer than the minimum but whose result the code never uses:
 * before that version the call returns undefined, `await` goes on at once, and the call does
 * its work all the same. They need only the version that brought the call itself.
 */
export const RESULT_UNUSED: Record<string, string> = {
  "notifications.create": "awaited, result unused (the id is ours)",
  "notifications.clear": "awaited, result unused",
  "alarms.create": "awaited, result unused",
  "runtime.openOptionsPage": "not awaited"
}

export interface WebFeature {
  feature: string
  version: number
  find: RegExp
  /** Set when the code checks for the feature first. */
  detected?: string
  source: string
}

export const WEB: WebFeature[] = [
  {
    feature: "OffscreenCanvas (+ convertToBlob) in the service worker",
    version: 69,
    find: /new OffscreenCanvas\(/,
    source: "https://developer.mozilla.org/docs/Web/API/OffscreenCanvas"
  },
  {
    feature: "createImageBitmap in the service worker",
    version: 50,
    find: /createImageBitmap\(/,
    source: "https://developer.mozilla.org/docs/Web/API/createImageBitmap"
  },
  { feature: "Blob.stream()", version: 76, find: /\.stream\(\)/, source: "https://developer.mozilla.org/docs/Web/API/Blob/stream" },
  {
    feature: "DataTransfer constructor (files handed to WeChat's file input)",
    version: 60,
    find: /new DataTransfer\(/,
    source: "https://developer.mozilla.org/docs/Web/API/DataTransfer/DataTransfer"
  },
  {
    feature: "Logical assignment `??=` (in the bundles)",
    version: 85,
    find: /\?\?=/,
    source: "https://developer.mozilla.org/docs/Web/JavaScript/Reference/Operators/Nullish_coalescing_assignment"
  },
  {
    feature: "Array.prototype.at",
    version: 92,
    find: /\.at\(-?\d/,
    source: "https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Array/at"
  },
  { feature: "crypto.randomUUID", version: 92, find: /crypto\.randomUUID\(/, source: "https://developer.mozilla.org/docs/Web/API/Crypto/randomUUID" },
  {
    feature: "ResizeObserver (popup list)",
    version: 64,
    find: /new ResizeObserver\(/,
    detected: "`ui/VirtualList.tsx` checks `typeof ResizeObserver` and measures once without it.",
    source: "https://developer.mozilla.org/docs/Web/API/ResizeObserver"
  },
  { feature: "CSS :focus-visible", version: 86, find: /:focus-visible/, source: "https://developer.mozilla.org/docs/Web/CSS/:focus-visible" },
  { feature: "CSS gap in flex layout", version: 84, find: /\bgap:/, source: "https://developer.mozilla.org/docs/Web/CSS/gap" },
  {
    feature: "Shadow DOM: attachShadow (the injected UI's hosts)",
    version: 53,
    find: /\.attachShadow\(/,
    source: "https://developer.mozilla.org/docs/Web/API/Element/attachShadow"
  },
  { feature: "CSS ::slotted (light-DOM controls in a host)", version: 50, find: /::slotted\(/, source: "https://developer.mozilla.org/docs/Web/CSS/::slotted" },
  {
    feature: "Constructed stylesheets (adoptedStyleSheets)",
    version: 73,
    find: /adoptedStyleSheets/,
    detected: "`lib/dom/shadow.ts` checks `adoptedStyleSheets` first and falls back to `<style>` elements in the shadow root.",
    source: "https://developer.mozilla.org/docs/Web/API/ShadowRoot/adoptedStyleSheets"
  }
]

export interface ApiVersion {
  api: string
  since: number
  promise: number | null
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : /\.(tsx?|css)$/.test(f) ? [p] : []
  })
}

/** Source files of the extension (src/), as text. */
export function sources(root = ROOT): { path: string; text: string }[] {
  return walk(join(root, "src")).map((p) => ({ path: p.slice(root.length + 1), text: readFileSync(p, "utf8") }))
}

/** `ns.member` for every extension API member used (types such as chrome.runtime.Manifest left out). */
export function usedApis(texts: readonly string[]): string[] {
  const set = new Set<string>()
  for (const t of texts) for (const m of t.matchAll(/\b(?:chrome|browser)\.([a-z][A-Za-z0-9]*)\.([a-z][A-Za-z0-9]*)\b/g)) set.add(`${m[1]}.${m[2]}`)
  return [...set].sort()
}

/** Versions of every chrome.* namespace and member, from @types/chrome's doc comments. */
export function apiVersions(root = ROOT): Map<string, { since: number | null; promise: number | null }> {
  const file = join(root, "node_modules/@types/chrome/index.d.ts")
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)
  const out = new Map<string, { since: number | null; promise: number | null }>()
  const note = (key: string, node: ts.Node) => {
    const doc = ts
      .getJSDocCommentsAndTags(node)
      .map((d) => d.getText())
      .join("\n")
    const since = /@since Chrome (\d+)/.exec(doc)
    const promise = /via Promise[^\n]*since Chrome (\d+)/.exec(doc)
    const prev = out.get(key) ?? { since: null, promise: null }
    // Overloads: the earliest form that exists counts for `since`; the promise form's version for `promise`.
    out.set(key, {
      since: since ? Math.min(prev.since ?? Infinity, Number(since[1])) : prev.since,
      promise: promise ? Math.max(prev.promise ?? 0, Number(promise[1])) : prev.promise
    })
  }
  const visit = (node: ts.Node, path: string[]) => {
    if (ts.isModuleDeclaration(node)) {
      const p = [...path, node.name.getText()]
      if (path.length) note(p.slice(1).join("."), node)
      node.body?.forEachChild((c) => visit(c, p))
    } else if (ts.isModuleBlock(node)) node.forEachChild((c) => visit(c, path))
    else if (ts.isFunctionDeclaration(node) && node.name) note([...path.slice(1), node.name.getText()].join("."), node)
    else if (ts.isVariableStatement(node)) for (const d of node.declarationList.declarations) note([...path.slice(1), d.name.getText()].join("."), node)
  }
  sf.forEachChild((c) => visit(c, []))
  return out
}

export interface Compatibility {
  apis: (ApiVersion & { required: number; detected?: string; unused?: string })[]
  web: (WebFeature & { used: boolean })[]
  minimum: number
  unknown: string[]
}

/** `bundles`: the built files' text, where dependencies' syntax shows (Plasmo does not lower it). */
export function compatibility(bundles: readonly string[], root = ROOT): Compatibility {
  const texts = sources(root).map((s) => s.text)
  const versions = apiVersions(root)
  const unknown: string[] = []
  const apis = usedApis(texts).map((api) => {
    const v = versions.get(api)
    if (!v) unknown.push(api)
    const ns = versions.get(api.split(".")[0])
    const since = Math.max(MV3_BASELINE, v?.since ?? 0, ns?.since ?? 0)
    const promise = v?.promise ?? null
    const unused = RESULT_UNUSED[api]
    return { api, since, promise, required: unused ? since : Math.max(since, promise ?? 0), detected: DETECTED[api], unused }
  })
  const web = WEB.map((w) => ({ ...w, used: [...texts, ...bundles].some((t) => w.find.test(t)) }))
  const needed = [MV3_BASELINE, ...apis.filter((a) => !a.detected).map((a) => a.required), ...web.filter((w) => w.used && !w.detected).map((w) => w.version)]
  return { apis, web, minimum: Math.max(...needed), unknown }
}

const BEGIN = "<!-- store:compat begin (npm run store:compat writes this table) -->"
const END = "<!-- store:compat end -->"

/** The generated part of docs/compatibility.md. */
export function compatibilityTable(c: Compatibility): string {
  const rows = c.apis.map((a) => {
    const [ns, member] = a.api.split(".")
    const kind = /^on[A-Z]/.test(member) ? "event" : member === "id" ? "property" : "method"
    const ref = `https://developer.chrome.com/docs/extensions/reference/api/${ns}#${kind}-${member}`
    const needs = a.detected ? `detected: ${a.detected}` : a.unused ? `**${a.required}** (promise ${a.unused})` : `**${a.required}**`
    return `| \`chrome.${a.api}\` | ${a.since} | ${a.promise ?? "—"} | ${needs} | [ref](${ref}) |`
  })
  const web = c.web.map((w) => `| ${w.feature} | ${w.version} | ${w.detected ? `detected: ${w.detected}` : `**${w.version}**`} | [MDN](${w.source}) |`)
  return [
    BEGIN,
    `Minimum that follows: **Chrome ${c.minimum}** (the highest bold number below).`,
    "",
    "| extension API | came in Chrome | promise form since | needs | source |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "| web platform feature | came in Chrome | needs | source |",
    "| --- | --- | --- | --- |",
    ...web,
    END
  ].join("\n")
}

export function replaceTable(doc: string, table: string): string {
  const a = doc.indexOf(BEGIN)
  const b = doc.indexOf(END)
  if (a < 0 || b < 0) throw new Error("docs/compatibility.md has no store:compat markers")
  return doc.slice(0, a) + table + doc.slice(b + END.length)
}

export function tableIn(doc: string): string | null {
  const a = doc.indexOf(BEGIN)
  const b = doc.indexOf(END)
  return a < 0 || b < 0 ? null : doc.slice(a, b + END.length)
}
