// `npm run store:check` on the zips `npm run build` made (npm test builds them first): both
// pass the stores' rules, the listing in store/ matches them, and docs/compatibility.md is the
// code's. The rules themselves fail on bad inputs in test/unit/store-rules.test.ts.
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"

import { describe, expect, it } from "vitest"

import { checkStore, readZip, ZIPS } from "../../scripts/store/check"
import { ROOT } from "../support/browser"

describe("store:check", () => {
  it("both built zips and the listing pass", () => {
    const report = checkStore()
    expect(report.problems).toEqual([])
    expect(report.checked).toEqual(ZIPS)
  })

  it("the command exits 0 and says what it checked", () => {
    const out = execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/store/check.ts")], { cwd: ROOT, encoding: "utf8" })
    expect(out).toContain("store:check: build/chrome-mv3-prod.zip, build/edge-mv3-prod.zip and store/ pass")
  })

  it("the manifest's minimum is the one the code needs, in both zips and package.json", () => {
    const { minimum } = checkStore()
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"))
    expect(pkg.manifest.minimum_chrome_version).toBe(String(minimum))
    for (const zip of ZIPS) {
      const manifest = JSON.parse(new TextDecoder().decode(readZip(join(ROOT, zip)).get("manifest.json")))
      expect(manifest.minimum_chrome_version).toBe(String(minimum))
    }
  })
})
