// What every bench section gets: the sandbox, Chromium with the sandbox build, Chromium
// without the extension (started on first use, same kind of profile), the number of runs.
import type { BrowserContext } from "playwright-core"

import type { Sandbox } from "../../test/sandbox/server"
import type { ExtensionBrowser } from "../../test/support/browser"

export interface BenchContext {
  sandbox: Sandbox
  /** Chromium with the production code (sandbox build) loaded. */
  ext: ExtensionBrowser
  /** Chromium with no extension: the merchant's browser before installing it. */
  plain(): Promise<BrowserContext>
  /** Repetitions of each timed step (`--runs`). */
  runs: number
  /** Progress on stderr (stdout carries only the JSON). */
  log(message: string): void
}

export type Section = (ctx: BenchContext) => Promise<Record<string, unknown>>

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
