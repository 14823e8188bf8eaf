// Builds the extension.
//   tsx scripts/build.ts            production zips for the Chrome Web Store and Edge, and the sandbox build
//   tsx scripts/build.ts --sandbox  only the sandbox build (build/chrome-mv3-sandbox/)
// The sandbox build is the production code with one manifest difference: the sandbox
// shops (https://*.sandbox.test/*) are granted up front, because a browser under test cannot
// click the permission prompt (../shared/docs/sandbox-protocol.md).
import { execFileSync } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

export const SANDBOX_SHOPS = "https://*.sandbox.test/*"
const root = join(import.meta.dirname, "..")

function plasmo(args: string[]) {
  execFileSync(join(root, "node_modules/.bin/plasmo"), ["build", "--hoist", ...args], { cwd: root, stdio: "inherit" })
}

export function buildSandbox() {
  plasmo(["--tag=sandbox"])
  const file = join(root, "build/chrome-mv3-sandbox/manifest.json")
  const manifest = JSON.parse(readFileSync(file, "utf8"))
  manifest.host_permissions = [...(manifest.host_permissions ?? []), SANDBOX_SHOPS]
  writeFileSync(file, JSON.stringify(manifest, null, 2))
}

const sandboxOnly = process.argv.includes("--sandbox")
if (!sandboxOnly) {
  plasmo(["--zip"])
  plasmo(["--target=edge-mv3", "--zip"])
}
buildSandbox()
console.log(sandboxOnly ? "built build/chrome-mv3-sandbox" : "built build/chrome-mv3-prod.zip, build/edge-mv3-prod.zip, build/chrome-mv3-sandbox")
