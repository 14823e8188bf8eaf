// size: every JS, CSS and HTML file of the production build (build/chrome-mv3-prod), raw and
// gzipped (zlib level 9), with its role from the manifest; content scripts checked against
// the 20 KB gzipped goal.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { gzipSync } from "node:zlib"

/** build/chrome-mv3-prod of this checkout. */
export const prodBuild = () => join(import.meta.dirname, "../../build/chrome-mv3-prod")
export const CONTENT_SCRIPT_GOAL_GZIP_BYTES = 20 * 1024

export interface SizeEntry {
  file: string
  role: string
  raw: number
  gzip: number
  goal_gzip?: number
  met?: boolean
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

/** What each file is, from the manifest and the HTML pages that load it. */
function roles(dir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))
  const role = new Map<string, string>()
  if (manifest.background?.service_worker) role.set(manifest.background.service_worker, "background")
  for (const cs of manifest.content_scripts ?? []) {
    const matches: string[] = cs.matches ?? []
    // The HiMall script ships with a placeholder match and is registered at run time for the
    // shops the merchant granted (chrome.scripting).
    const where = matches.some((m) => m.includes("__himall_live_helper__")) ? "HiMall admin" : matches.join(" ")
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) role.set(f, `content script (${where})`)
  }
  for (const page of ["popup", "options"]) {
    const html = `${page}.html`
    if (!existsSync(join(dir, html))) continue
    role.set(html, page)
    const text = readFileSync(join(dir, html), "utf8")
    for (const m of text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) role.set(m[1], role.has(m[1]) ? `${role.get(m[1])}, ${page}` : page)
  }
  return role
}

export function measureSizes(dir = prodBuild()): SizeEntry[] {
  if (!existsSync(join(dir, "manifest.json"))) throw new Error(`No production build in ${dir}: run npm run build (or the bench without --no-build)`)
  const role = roles(dir)
  return files(dir)
    .map((path) => relative(dir, path).split("\\").join("/"))
    .filter((file) => /\.(js|css|html)$/.test(file))
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(dir, file))
      const entry: SizeEntry = { file, role: role.get(file) ?? "other", raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
      if (entry.role.startsWith("content script"))
        Object.assign(entry, { goal_gzip: CONTENT_SCRIPT_GOAL_GZIP_BYTES, met: entry.gzip <= CONTENT_SCRIPT_GOAL_GZIP_BYTES })
      return entry
    })
}

export async function benchSize() {
  const entries = measureSizes()
  const total = (pick: (e: SizeEntry) => number) => entries.reduce((s, e) => s + pick(e), 0)
  return {
    size_build: "build/chrome-mv3-prod",
    size_bytes: entries,
    size_total_bytes: { raw: total((e) => e.raw), gzip: total((e) => e.gzip) }
  }
}
