// The built manifests: production asks for no broad host access; the sandbox build differs
// only by the sandbox shops' grant. Pinned on purpose: a new permission fails this test
// until it is added here deliberately.
import { readFileSync } from "node:fs"
import { join } from "node:path"

import { describe, expect, it } from "vitest"

import { ROOT } from "../support/browser"

const read = (dir: string) => JSON.parse(readFileSync(join(ROOT, "build", dir, "manifest.json"), "utf8"))

describe("manifest", () => {
  const prod = read("chrome-mv3-prod")
  const sandbox = read("chrome-mv3-sandbox")

  it("production grants only WeChat's hosts and pins its permissions", () => {
    expect(prod.manifest_version).toBe(3)
    expect(prod.host_permissions).toEqual(["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*"])
    // alarms: room reminders that fire with the worker asleep; notifications: those reminders.
    expect(prod.permissions).toEqual(["scripting", "activeTab", "alarms", "notifications"])
    // Optional: asked for one shop origin at a time, at run time.
    expect(prod.optional_host_permissions).toEqual(["https://*/*", "http://*/*"])
    expect(prod.externally_connectable).toBeUndefined()
  })

  it("declares nothing else a reviewer checks: no optional API permissions, web-accessible resources, external connections or CSP", () => {
    // Any new manifest key (optional_permissions, web_accessible_resources, externally_connectable,
    // content_security_policy, …) fails this until it is added here on purpose.
    expect(Object.keys(prod).sort()).toEqual(
      [
        "action",
        "background",
        "content_scripts",
        "default_locale",
        "description",
        "host_permissions",
        "icons",
        "manifest_version",
        "minimum_chrome_version",
        "name",
        "optional_host_permissions",
        "options_ui",
        "permissions",
        "version"
      ].sort()
    )
  })

  it("no content script runs from the manifest on any broad pattern", () => {
    const broad = /<all_urls>|^\*:\/\/\*\/|^https?:\/\/\*\//
    for (const cs of prod.content_scripts ?? []) {
      for (const m of cs.matches) expect(m).not.toMatch(broad)
      for (const m of cs.matches) expect(m.startsWith("https://mp.weixin.qq.com/") || m.startsWith("https://live.weixin.qq.com/")).toBe(true)
    }
  })

  it("the HiMall script's manifest entry is inert (matched and excluded)", () => {
    const entry = prod.content_scripts.find((cs: { matches: string[] }) => cs.matches.includes("https://mp.weixin.qq.com/__himall_live_helper__/*"))
    expect(entry.exclude_matches).toEqual(entry.matches)
    expect(entry.js[0]).toMatch(/^himall-admin\.[0-9a-f]+\.js$/)
  })

  it("speaks Chinese first", () => {
    expect(prod.default_locale).toBe("zh_CN")
    expect(prod.name).toBe("__MSG_extName__")
  })

  it("the sandbox build differs only by the sandbox shops' grant", () => {
    // Plasmo's output names carry a per-build hash; compare the manifests without it.
    // The order of content_scripts entries means nothing and varies between Plasmo builds.
    const unhashed = (m: object) => {
      const out = JSON.parse(JSON.stringify(m).replace(/\.[0-9a-f]{8}\./g, ".#."))
      out.content_scripts?.sort((a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
      return out
    }
    const { host_permissions, ...rest } = sandbox
    const { host_permissions: prodHosts, ...prodRest } = prod
    expect(host_permissions).toEqual([...prodHosts, "https://*.sandbox.test/*"])
    expect(unhashed(rest)).toEqual(unhashed(prodRest))
  })
})
