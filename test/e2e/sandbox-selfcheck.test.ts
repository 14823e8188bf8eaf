// The sandbox is only as good as its likeness to the real sites: each site's self-check
// (controlled inputs, WeChat's validation, review flow, HiMall grid, dialog, images, sync,
// cover upload) runs here so that CI guards it too.
import { execFile } from "node:child_process"
import { join } from "node:path"
import { promisify } from "node:util"

import { describe, expect, it } from "vitest"

import { ROOT } from "../support/browser"

const run = promisify(execFile)

describe.each(["wechat", "himall"])("%s sandbox self-check", (site) => {
  it("passes every check", async () => {
    const { stdout } = await run(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, `test/sandbox/${site}/selfcheck.ts`)], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024
    }).catch((e: { stdout?: string; stderr?: string }) => {
      throw new Error(`self-check failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`)
    })
    expect(stdout).toMatch(/all checks passed/)
    expect(stdout).not.toMatch(/^FAIL/m)
  }, 240_000)
})
