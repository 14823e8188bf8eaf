// The stores' rules, checked on a built package (the files of a zip) and on the listing in
// store/. Pure: every rule takes bytes and JSON and returns problems, so each can be shown to
// fail on a bad input (test/unit/store-rules.test.ts). `scripts/store/check.ts` runs them on
// build/chrome-mv3-prod.zip and build/edge-mv3-prod.zip.
//
// Sources of the limits:
//   Chrome manifest: name ≤ 75, short_name ≤ 12, description ≤ 132 characters, version 1–4
//   dot-separated integers 0–65535 (developer.chrome.com/docs/extensions/reference/manifest/name,
//   …/description, …/version); icons 16/32/48/128 (…/manifest/icons).
//   Edge Add-ons: a description of at least 250 characters
//   (learn.microsoft.com/microsoft-edge/extensions/publish/publish-extension).
//   Chrome Web Store program policies: no remotely hosted code in MV3; a single purpose; a
//   justification for each permission (developer.chrome.com/docs/webstore/program-policies).

export interface Problem {
  rule: string
  detail: string
}

/** What the extension may ask for. A change here is a change reviewers see: do it on purpose. */
export const PINNED = {
  permissions: ["scripting", "activeTab", "alarms", "notifications"],
  host_permissions: ["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*"],
  optional_host_permissions: ["https://*/*", "http://*/*"]
} as const

export const ICON_SIZES = [16, 32, 48, 128] as const
export const LIMITS = { name: 75, shortName: 12, summary: 132, descriptionMin: 250, descriptionMax: 10_000 } as const
export const SCREENSHOT = { width: 1280, height: 800, count: 5 } as const
export const PROMO = { width: 440, height: 280 } as const

export type Files = ReadonlyMap<string, Uint8Array>
type Json = Record<string, unknown>

const text = (b: Uint8Array) => new TextDecoder().decode(b)

/** Width and height of a PNG (from its IHDR chunk), or null when the bytes are no PNG. */
export function pngSize(b: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (b.length < 24 || sig.some((v, i) => b[i] !== v) || text(b.subarray(12, 16)) !== "IHDR") return null
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength)
  return { width: v.getUint32(16), height: v.getUint32(20) }
}

/** Characters as a person (and the stores) count them: code points, not UTF-16 units. */
export const length = (s: string) => [...s].length

function messages(files: Files, locale: string): Record<string, string> | null {
  const raw = files.get(`_locales/${locale}/messages.json`)
  if (!raw) return null
  const json = JSON.parse(text(raw)) as Record<string, { message?: string }>
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k.toLowerCase(), v.message ?? ""]))
}

export function locales(files: Files): string[] {
  const set = new Set<string>()
  for (const name of files.keys()) {
    const m = /^_locales\/([^/]+)\/messages\.json$/.exec(name)
    if (m) set.add(m[1])
  }
  return [...set].sort()
}

/** A manifest string in one locale: `__MSG_key__` resolved, or null when the key is missing. */
export function localized(value: unknown, msgs: Record<string, string> | null): string | null {
  if (typeof value !== "string") return null
  const m = /^__MSG_(\w+)__$/.exec(value)
  if (!m) return value
  return msgs?.[m[1].toLowerCase()] ?? null
}

function manifestOf(files: Files, problems: Problem[]): Json | null {
  const raw = files.get("manifest.json")
  if (!raw) {
    problems.push({ rule: "manifest", detail: "no manifest.json at the zip's root" })
    return null
  }
  try {
    return JSON.parse(text(raw)) as Json
  } catch (e) {
    problems.push({ rule: "manifest", detail: `manifest.json is not JSON: ${(e as Error).message}` })
    return null
  }
}

export function checkManifestFields(files: Files, manifest: Json, expectedMinimum: string): Problem[] {
  const out: Problem[] = []
  const bad = (detail: string) => out.push({ rule: "manifest", detail })
  if (manifest.manifest_version !== 3) bad(`manifest_version is ${String(manifest.manifest_version)}, not 3`)
  const version = String(manifest.version ?? "")
  if (!/^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/.test(version) || version.split(".").some((p) => Number(p) > 65535))
    bad(`version "${version}" is not 1–4 integers 0–65535`)
  if (manifest.minimum_chrome_version !== expectedMinimum)
    bad(`minimum_chrome_version is ${String(manifest.minimum_chrome_version)}, docs/compatibility.md says ${expectedMinimum}`)
  for (const key of ["key", "update_url", "content_security_policy", "externally_connectable", "web_accessible_resources"]) {
    if (key in manifest) bad(`"${key}" is in the manifest: a reviewer asks why (and the stores set key and update_url themselves)`)
  }

  const defaultLocale = manifest.default_locale
  const all = locales(files)
  if (typeof defaultLocale !== "string" || !all.includes(defaultLocale))
    bad(`default_locale "${String(defaultLocale)}" has no _locales/${String(defaultLocale)}/messages.json`)
  for (const locale of all) {
    const msgs = messages(files, locale)
    const name = localized(manifest.name, msgs)
    const description = localized(manifest.description, msgs)
    if (!name) bad(`[${locale}] name is missing`)
    else if (length(name) > LIMITS.name) bad(`[${locale}] name has ${length(name)} characters, at most ${LIMITS.name}`)
    if (manifest.short_name !== undefined) {
      const short = localized(manifest.short_name, msgs)
      if (!short || length(short) > LIMITS.shortName) bad(`[${locale}] short_name is missing or longer than ${LIMITS.shortName}`)
    }
    if (!description) bad(`[${locale}] description is missing`)
    else if (length(description) > LIMITS.summary) bad(`[${locale}] description has ${length(description)} characters, at most ${LIMITS.summary}`)
    const action = manifest.action as Json | undefined
    if (action?.default_title !== undefined && !localized(action.default_title, msgs)) bad(`[${locale}] action.default_title is missing`)
  }
  return out
}

export function checkIcons(files: Files, manifest: Json): Problem[] {
  const out: Problem[] = []
  const icons = (manifest.icons ?? {}) as Record<string, string>
  for (const size of ICON_SIZES) {
    const path = icons[String(size)]
    if (!path) {
      out.push({ rule: "icons", detail: `no ${size}×${size} icon in manifest.icons` })
      continue
    }
    const bytes = files.get(path)
    const got = bytes && pngSize(bytes)
    if (!got) out.push({ rule: "icons", detail: `${path} (${size}) is not a PNG in the zip` })
    else if (got.width !== size || got.height !== size) out.push({ rule: "icons", detail: `${path} is ${got.width}×${got.height}, not ${size}×${size}` })
  }
  return out
}

/** Every file the manifest names is in the zip. */
export function checkReferences(files: Files, manifest: Json): Problem[] {
  const refs: string[] = []
  const action = (manifest.action ?? {}) as Json
  if (typeof action.default_popup === "string") refs.push(action.default_popup)
  refs.push(...Object.values((action.default_icon ?? {}) as Record<string, string>))
  const options = (manifest.options_ui ?? {}) as Json
  if (typeof options.page === "string") refs.push(options.page)
  const background = (manifest.background ?? {}) as Json
  if (typeof background.service_worker === "string") refs.push(background.service_worker)
  for (const cs of (manifest.content_scripts ?? []) as { js?: string[]; css?: string[] }[]) refs.push(...(cs.js ?? []), ...(cs.css ?? []))
  return refs.filter((r) => !files.has(r.replace(/^\//, ""))).map((r) => ({ rule: "manifest", detail: `the manifest names ${r}, which is not in the zip` }))
}

export function checkPermissions(manifest: Json): Problem[] {
  const out: Problem[] = []
  for (const key of Object.keys(PINNED) as (keyof typeof PINNED)[]) {
    const got = JSON.stringify(manifest[key] ?? [])
    const want = JSON.stringify(PINNED[key])
    if (got !== want) out.push({ rule: "permissions", detail: `${key} is ${got}, pinned ${want}` })
  }
  if ("optional_permissions" in manifest)
    out.push({ rule: "permissions", detail: `optional_permissions ${JSON.stringify(manifest.optional_permissions)} are not pinned` })
  return out
}

/**
 * No remote code: nothing loads script from elsewhere, nothing turns a string into code.
 * Strings that only name a URL (React's error decoder link, WeChat's hosts) are fine.
 */
const CODE_RULES: { what: string; re: RegExp }[] = [
  { what: "eval(", re: /(?<![\w$.])eval\s*\(/ },
  { what: "new Function(", re: /\bnew\s+Function\s*\(/ },
  { what: 'Function("…") from a string', re: /(?<![\w$.])(?<!new\s+)Function\s*\(\s*["'`]/ },
  { what: "a timer given a string", re: /\bset(?:Timeout|Interval)\s*\(\s*["'`]/ },
  { what: "importScripts of a remote URL", re: /\bimportScripts\s*\(\s*["'`](?:https?:)?\/\// },
  { what: "import() of a remote URL", re: /\bimport\s*\(\s*["'`](?:https?:)?\/\// },
  { what: "a static import from a remote URL", re: /\bfrom\s*["'`](?:https?:)?\/\// },
  { what: "a script element pointed at a remote URL", re: /\.src\s*=\s*["'`](?:https?:)?\/\/[^"'`]*\.m?js\b/ }
]

export function checkRemoteCode(files: Files): Problem[] {
  const out: Problem[] = []
  for (const [name, bytes] of files) {
    if (/\.m?js$/.test(name)) {
      const src = text(bytes)
      for (const { what, re } of CODE_RULES) {
        const m = re.exec(src)
        if (m) out.push({ rule: "remote-code", detail: `${name}: ${what} at ${m.index}: …${src.slice(Math.max(0, m.index - 30), m.index + 40)}…` })
      }
    } else if (/\.html?$/.test(name)) {
      const html = text(bytes)
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(m[1])?.[1]
        if (!src && m[2].trim()) out.push({ rule: "remote-code", detail: `${name}: an inline <script> (MV3's CSP refuses it)` })
        if (src && /^(?:[a-z]+:)?\/\//i.test(src)) out.push({ rule: "remote-code", detail: `${name}: <script src="${src}"> loads remote code` })
      }
      for (const m of html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi))
        out.push({ rule: "remote-code", detail: `${name}: <link href="${m[1]}"> loads a remote resource` })
    } else if (/\.css$/.test(name)) {
      const m = /@import\s+(?:url\()?\s*["']?(?:https?:)?\/\//i.exec(text(bytes))
      if (m) out.push({ rule: "remote-code", detail: `${name}: @import of a remote stylesheet` })
    }
  }
  return out
}

/** Only what runs: no source maps, no tests, no sources, no sandbox, no dotfiles. */
export function checkContents(files: Files): Problem[] {
  const out: Problem[] = []
  const bad = (detail: string) => out.push({ rule: "contents", detail })
  for (const [name, bytes] of files) {
    if (name.endsWith("/")) continue
    const base = name.split("/").pop() ?? name
    if (name.endsWith(".map")) bad(`${name}: a source map`)
    if (/(^|\/)(test|tests|__tests__|__mocks__|e2e|fixtures?)\//.test(name) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(name)) bad(`${name}: from the tests`)
    if (/\.(tsx?|mts|cts)$/.test(name) && !name.endsWith(".d.ts")) bad(`${name}: source, not built code`)
    if (base.startsWith(".") || /(^|\/)(node_modules|\.git)\//.test(name)) bad(`${name}: not part of the extension`)
    if (/\.(m?js|css|html)$/.test(name)) {
      const src = text(bytes)
      if (/[#@]\s*sourceMappingURL=/.test(src)) bad(`${name}: points at a source map`)
      if (src.includes("sandbox.test") || src.includes("__fixture")) bad(`${name}: carries the sandbox (sandbox.test / __fixture)`)
    }
  }
  return out
}

/** All the package rules on one zip's files. */
export function checkPackage(files: Files, expectedMinimum: string): Problem[] {
  const problems: Problem[] = []
  const manifest = manifestOf(files, problems)
  if (!manifest) return problems
  return [
    ...problems,
    ...checkManifestFields(files, manifest, expectedMinimum),
    ...checkIcons(files, manifest),
    ...checkReferences(files, manifest),
    ...checkPermissions(manifest),
    ...checkRemoteCode(files),
    ...checkContents(files)
  ]
}

// ---- the listing (store/listing/<locale>.json) -------------------------------------------

export interface Listing {
  name: string
  summary: string
  description: string
  singlePurpose: string
  /** The Chrome Web Store's privacy practices: what is collected, and the certifications. */
  dataUse: string
  category: string
  privacyPolicy: string
  permissions: Record<string, string>
  hosts: Record<string, string>
}

/** Sentences in a text: runs ended by 。！？ or by . ! ? followed by a space or the end. */
export function sentences(s: string): number {
  return s
    .trim()
    .split(/(?<=[。！？])|(?<=[.!?])\s+/)
    .filter((x) => x.trim()).length
}

/** A listing against the package it describes: same name and summary, every grant justified. */
export function checkListing(locale: string, listing: Listing, files: Files): Problem[] {
  const out: Problem[] = []
  const bad = (detail: string) => out.push({ rule: "listing", detail: `[${locale}] ${detail}` })
  const manifest = JSON.parse(text(files.get("manifest.json") ?? new Uint8Array())) as Json
  const msgs = messages(files, locale)
  if (!msgs) bad(`the package has no _locales/${locale}`)
  if (listing.name !== localized(manifest.name, msgs)) bad(`name "${listing.name}" is not the manifest's "${localized(manifest.name, msgs)}"`)
  if (listing.summary !== localized(manifest.description, msgs)) bad("summary is not the manifest's description")
  if (length(listing.summary ?? "") > LIMITS.summary) bad(`summary has ${length(listing.summary)} characters, at most ${LIMITS.summary}`)
  const d = length(listing.description ?? "")
  if (d < LIMITS.descriptionMin || d > LIMITS.descriptionMax) bad(`description has ${d} characters, ${LIMITS.descriptionMin}–${LIMITS.descriptionMax} wanted`)
  if (sentences(listing.singlePurpose ?? "") !== 1) bad(`single purpose is ${sentences(listing.singlePurpose ?? "")} sentences, one wanted`)
  if (!listing.category?.trim()) bad("no category")
  if (!listing.dataUse?.trim()) bad("no data use disclosure")
  if (!listing.privacyPolicy?.trim()) bad("no privacy policy")
  const grants = {
    permissions: [...((manifest.permissions as string[]) ?? [])],
    hosts: [...((manifest.host_permissions as string[]) ?? []), ...((manifest.optional_host_permissions as string[]) ?? [])]
  }
  for (const kind of ["permissions", "hosts"] as const) {
    const given = listing[kind] ?? {}
    for (const g of grants[kind]) if (!given[g]?.trim()) bad(`no justification for ${g}`)
    for (const g of Object.keys(given)) if (!grants[kind].includes(g)) bad(`a justification for ${g}, which the manifest does not ask for`)
  }
  return out
}

/** The listing's pictures: the icon at each size, five screenshots and the promo tile per locale. */
export function checkAssets(locale: string, assets: ReadonlyMap<string, Uint8Array>): Problem[] {
  const out: Problem[] = []
  const expect = (path: string, w: number, h: number) => {
    const b = assets.get(path)
    const got = b && pngSize(b)
    if (!got) out.push({ rule: "assets", detail: `store/${path} is missing or not a PNG` })
    else if (got.width !== w || got.height !== h) out.push({ rule: "assets", detail: `store/${path} is ${got.width}×${got.height}, not ${w}×${h}` })
  }
  for (const size of ICON_SIZES) expect(`icons/icon-${size}.png`, size, size)
  for (let i = 1; i <= SCREENSHOT.count; i++) expect(`${locale}/screenshot-${i}.png`, SCREENSHOT.width, SCREENSHOT.height)
  expect(`${locale}/promo-440x280.png`, PROMO.width, PROMO.height)
  return out
}
