// Writing into framework-controlled forms (Vue v-model, React controlled inputs) the way a
// person's typing does: the native value setter, then the events the framework listens to.
// A bare `el.value = x` is undone at the framework's next render.
import { dataUrlBytes } from "~lib/data-url"

/** Set a text input's value through the prototype setter and announce it. Returns whether it held. */
export function setInputValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): boolean {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  const setter = Object.getOwnPropertyDescriptor(proto, "value")?.set
  el.focus({ preventScroll: true })
  if (setter) setter.call(el, value)
  else el.value = value
  el.dispatchEvent(new Event("input", { bubbles: true }))
  el.dispatchEvent(new Event("change", { bubbles: true }))
  el.blur()
  return el.value === value
}

/** Choose a radio or checkbox as a click does (frameworks listen to click/change). */
export function clickChoice(el: HTMLInputElement): boolean {
  if (!el.checked) el.click()
  return el.checked
}

/** Hand files to a file input as a file chooser would: `files`, then input and change. */
export function setFiles(input: HTMLInputElement, files: File[]): boolean {
  const transfer = new DataTransfer()
  for (const f of files) transfer.items.add(f)
  input.files = transfer.files
  input.dispatchEvent(new Event("input", { bubbles: true }))
  input.dispatchEvent(new Event("change", { bubbles: true }))
  return (input.files?.length ?? 0) === files.length
}

export interface WaitOptions {
  /** How often `probe` is asked (ms). */
  interval?: number
  /** The feature's signal: when it aborts the wait ends at once with null (its timer cleared). */
  signal?: AbortSignal
}

/** Poll `probe` every `interval` ms (25 unless told) until it returns a value, or time out (or the signal aborts): null. */
export async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 2000, options: number | WaitOptions = {}): Promise<T | null> {
  const { interval = 25, signal } = typeof options === "number" ? { interval: options } : options
  const end = Date.now() + timeoutMs
  for (;;) {
    if (signal?.aborted) return null
    const v = probe()
    if (v) return v
    if (Date.now() >= end) return null
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener("abort", done)
        resolve()
      }
      const timer = setTimeout(done, interval)
      signal?.addEventListener("abort", done, { once: true })
    })
  }
}

/** A base64 data URL as a File, without fetch (pages' CSP may forbid data: in connect-src). */
export function dataUrlToFile(dataUrl: string, name: string): File {
  const comma = dataUrl.indexOf(",")
  const meta = dataUrl.slice(5, comma)
  const type = meta.split(";")[0] || "application/octet-stream"
  return new File([dataUrlBytes(dataUrl)], name, { type })
}
