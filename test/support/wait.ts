// Waits for a condition or a state, never for a stretch of time: the one poll-with-a-deadline
// of the tests, scripts and sandbox checks (Node side), and "the page has finished drawing".
import type { Page } from "playwright-core"

export interface WaitOptions {
  /** Give up after this many milliseconds (default 30 s). */
  timeout?: number
  /** How often the condition is asked again (default 100 ms). */
  interval?: number
  /** What was waited for, for the error. */
  message?: string
}

/**
 * Ask `read` until `ok` holds for its value, and return that value; throws when it never does
 * within the timeout. With one argument, waits for `read()` to be truthy.
 */
export async function waitFor<T>(read: () => T | Promise<T>, ok: ((v: T) => boolean) | WaitOptions = Boolean, opts: WaitOptions = {}): Promise<T> {
  const test = typeof ok === "function" ? ok : Boolean
  const o = typeof ok === "function" ? opts : ok
  const end = Date.now() + (o.timeout ?? 30_000)
  for (;;) {
    const v = await read()
    if (test(v)) return v
    if (Date.now() > end) throw new Error(`waited ${o.timeout ?? 30_000} ms: ${o.message ?? "condition never held"}`)
    await new Promise<void>((next) => setTimeout(next, o.interval ?? 100))
  }
}

/**
 * The page has finished drawing what it shows: fonts loaded, every image loaded (or failed), no
 * CSS animation or transition running. For screenshots.
 */
export async function pageSettled(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.fonts.status === "loaded" &&
      [...document.images].every((i) => i.complete) &&
      document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout }
  )
}
