// `npm run store:check`: the built zips against the stores' rules (scripts/store/rules.ts),
// the listing in store/ against the zips, and docs/compatibility.md against the code.
//   tsx scripts/store/check.ts           check build/chrome-mv3-prod.zip and build/edge-mv3-prod.zip
//   tsx scripts/store/check.ts --compat  (re)write the generated table in docs/compatibility.md
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"

import { unzipSync } from "fflate"

import { compatibility, compatibilityTable, replaceTable, ROOT, tableIn } from "./apis"
import { checkAssets, checkListing, checkPackage, type Files, type Listing, type Problem } from "./rules"

export const ZIPS = ["build/chrome-mv3-prod.zip", "build/edge-mv3-prod.zip"]
export const LISTING_LOCALES = ["zh_CN", "en"]
const COMPAT_DOC = "docs/compatibility.md"

export function readZip(path: string): Files {
  const entries = unzipSync(new Uint8Array(readFileSync(path)))
  return new Map(Object.entries(entries).filter(([name]) => !name.endsWith("/")))
}

function readTree(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>()
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f)
      if (statSync(p).isDirectory()) walk(p)
      else out.set(relative(dir, p), new Uint8Array(readFileSync(p)))
    }
  }
  if (existsSync(dir)) walk(dir)
  return out
}

const bundleTexts = (files: Files) => [...files].filter(([n]) => /\.(m?js|css)$/.test(n)).map(([, b]) => new TextDecoder().decode(b))

export interface Report {
  problems: Problem[]
  minimum: number
  checked: string[]
}

export function checkStore(root = ROOT): Report {
  const problems: Problem[] = []
  const checked: string[] = []
  const zips = ZIPS.filter((z) => {
    if (existsSync(join(root, z))) return true
    problems.push({ rule: "build", detail: `${z} is missing: run npm run build` })
    return false
  })
  const packages = zips.map((z) => ({ zip: z, files: readZip(join(root, z)) }))
  const compat = compatibility(
    packages.flatMap((p) => bundleTexts(p.files)),
    root
  )
  for (const api of compat.unknown) problems.push({ rule: "compatibility", detail: `chrome.${api} is not in @types/chrome: give it a version by hand` })
  const doc = existsSync(join(root, COMPAT_DOC)) ? readFileSync(join(root, COMPAT_DOC), "utf8") : ""
  if (tableIn(doc) !== compatibilityTable(compat))
    problems.push({ rule: "compatibility", detail: `${COMPAT_DOC} is not the code's: run npm run store:compat and review the change` })

  for (const { zip, files } of packages) {
    checked.push(zip)
    for (const p of checkPackage(files, String(compat.minimum))) problems.push({ ...p, detail: `${zip}: ${p.detail}` })
  }
  const assets = readTree(join(root, "store"))
  const reference = packages[0]?.files
  for (const locale of LISTING_LOCALES) {
    const raw = assets.get(`listing/${locale}.json`)
    if (!raw) {
      problems.push({ rule: "listing", detail: `store/listing/${locale}.json is missing` })
      continue
    }
    const listing = JSON.parse(new TextDecoder().decode(raw)) as Listing
    if (reference) problems.push(...checkListing(locale, listing, reference))
    if (!existsSync(join(root, listing.privacyPolicy ?? "")))
      problems.push({ rule: "listing", detail: `[${locale}] privacy policy ${listing.privacyPolicy} is not in the repository` })
    problems.push(...checkAssets(locale, assets))
  }
  return { problems: dedupe(problems), minimum: compat.minimum, checked }
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>()
  return problems.filter((p) => !seen.has(p.rule + p.detail) && seen.add(p.rule + p.detail))
}

function writeCompat(root = ROOT) {
  const packages = ZIPS.filter((z) => existsSync(join(root, z))).map((z) => readZip(join(root, z)))
  if (!packages.length) throw new Error("no built zips: run npm run build first")
  const compat = compatibility(packages.flatMap(bundleTexts), root)
  const file = join(root, COMPAT_DOC)
  writeFileSync(file, replaceTable(readFileSync(file, "utf8"), compatibilityTable(compat)))
  console.log(`${COMPAT_DOC}: minimum Chrome ${compat.minimum}; set package.json manifest.minimum_chrome_version to "${compat.minimum}"`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--compat")) writeCompat()
  else {
    const report = checkStore()
    for (const p of report.problems) console.error(`✗ ${p.rule}: ${p.detail}`)
    if (report.problems.length) {
      console.error(`store:check: ${report.problems.length} problem(s)`)
      process.exit(1)
    }
    console.log(`store:check: ${report.checked.join(", ")} and store/ pass (minimum Chrome ${report.minimum})`)
  }
}
