// DevTools protocol helpers for the bench: a page's JS heap and script time, and the extension
// service worker's JS heap. Playwright gives CDP sessions for pages only, so the worker is
// reached from a page's session through Target.attachToTarget (not flattened) and
// Target.sendMessageToTarget.
import type { CDPSession, Page } from "playwright-core"

import type { ExtensionBrowser } from "../../test/support/browser"

const MB = 1024 * 1024

/** Performance.getMetrics as a name → value map (seconds for durations, bytes for sizes). */
export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send("Performance.getMetrics")
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]))
}

/** A JS heap reader for the extension's service worker (re-attaches when the worker was restarted). */
export async function workerHeap(b: ExtensionBrowser, page: Page) {
  const cdp = await b.context.newCDPSession(page)
  let seq = 0
  let sessionId: string | null = null
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } }
    const p = m.id === undefined ? undefined : pending.get(m.id)
    if (!p) return
    pending.delete(m.id!)
    if (m.error) p.reject(new Error(m.error.message))
    else p.resolve(m.result)
  })
  cdp.on("Target.detachedFromTarget", (e) => {
    if (e.sessionId !== sessionId) return
    sessionId = null
    for (const p of pending.values()) p.reject(new Error("worker detached"))
    pending.clear()
  })
  const attach = async () => {
    const { targetInfos } = await cdp.send("Target.getTargets")
    const target = targetInfos.find((t) => t.type === "service_worker" && t.url.startsWith(`chrome-extension://${b.extensionId}/`))
    if (!target) return null
    return (await cdp.send("Target.attachToTarget", { targetId: target.targetId, flatten: false })).sessionId
  }
  const call = async (method: string, params: object = {}): Promise<unknown> => {
    sessionId ??= await attach()
    if (!sessionId) throw new Error("no service worker running")
    const id = ++seq
    const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject }))
    await cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) })
    return answer
  }
  return {
    /** JS heap in use, MB; null while no worker runs. */
    async usedMb(): Promise<number | null> {
      try {
        const r = (await call("Runtime.getHeapUsage")) as { usedSize: number }
        return r.usedSize / MB
      } catch {
        sessionId = null
        return null
      }
    },
    async collectGarbage() {
      await call("HeapProfiler.collectGarbage").catch(() => undefined)
    },
    detach: () => cdp.detach().catch(() => undefined)
  }
}

/** A page's JS heap in use (main world and content scripts' isolated worlds share it), MB. */
export async function pageHeapMb(cdp: CDPSession): Promise<number> {
  const r = await cdp.send("Runtime.getHeapUsage")
  return r.usedSize / MB
}

/** Sample `read` every `everyMs` until stopped; the highest value seen. */
export function sampler(read: () => Promise<number | null>, everyMs = 100) {
  let peak = 0
  let samples = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const v = await read().catch(() => null)
      if (v !== null) {
        peak = Math.max(peak, v)
        samples++
      }
      await new Promise((r) => setTimeout(r, everyMs))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      return { peak, samples }
    }
  }
}

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tdur?: number
  tid: number
  args?: { data?: { url?: string; scriptName?: string }; fileName?: string }
}

/** Script events a trace attributes to a script by URL (top-level run, callbacks, compiles). */
const SCRIPT_EVENTS = new Set(["EvaluateScript", "FunctionCall", "v8.compile"])

/**
 * Script time (thread time, ms) a trace attributes to scripts whose URL passes `owned`: complete
 * events of SCRIPT_EVENTS, each counted once (an event inside one already counted on its thread
 * is skipped), in total and by event name (EvaluateScript: a script's top-level run; v8.compile;
 * FunctionCall: callbacks — listeners, observers, timers). Microtasks and tasks the trace does
 * not tie to a URL are not counted: a lower bound.
 */
export function ownedScriptTime(events: TraceEvent[], owned: (url: string) => boolean) {
  const mine = events
    .filter((e) => e.ph === "X" && SCRIPT_EVENTS.has(e.name) && owned(String(e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.fileName ?? "")))
    .sort((a, b) => a.tid - b.tid || a.ts - b.ts)
  let total = 0
  const byEvent: Record<string, { ms: number; count: number }> = {}
  let tid = -1
  let end = -Infinity
  for (const e of mine) {
    if (e.tid !== tid) {
      tid = e.tid
      end = -Infinity
    }
    if (e.ts < end) continue
    end = e.ts + (e.dur ?? 0)
    const ms = (e.tdur ?? e.dur ?? 0) / 1000
    total += ms
    byEvent[e.name] = { ms: (byEvent[e.name]?.ms ?? 0) + ms, count: (byEvent[e.name]?.count ?? 0) + 1 }
  }
  return { ms: total, byEvent }
}

export const ownedScriptMs = (events: TraceEvent[], owned: (url: string) => boolean) => ownedScriptTime(events, owned).ms

/** Trace what `run` does in a page's renderer (devtools.timeline and v8.execute). */
export async function traceDuring(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = []
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]))
  cdp.on("Tracing.dataCollected", collect)
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: ["devtools.timeline", "v8.execute"] }, transferMode: "ReportEvents" })
  try {
    await run()
  } finally {
    const complete = new Promise((r) => cdp.once("Tracing.tracingComplete", r))
    await cdp.send("Tracing.end")
    await complete
    cdp.off("Tracing.dataCollected", collect)
  }
  return events
}
