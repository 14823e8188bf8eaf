// capture-all: the background side of walking a shop's product list page by page. The
// content script drives the loop (it has the page's cookies for HiMall's list endpoint);
// the background only stores each page's products together with the job's progress, in one
// transaction, in the `jobs` table (id `capture-all|${shopOrigin}`). Nothing lives in
// memory: a worker stopped between two messages, or in the middle of one (the transaction
// is then rolled back and the page sent again), loses nothing.
import { captureAllResumable } from "~core/capture-all"
import type { HelperDb, JobRecord } from "~db/schema"
import { emptyCaptureCounts, type CaptureAllPageOutcome, type CaptureAllView, type CaptureCounts, type RequestOf, type ResponseOf } from "~protocol/messages"

import { handleCapture } from "./capture"

export function captureAllJobId(shopOrigin: string): string {
  return `capture-all|${shopOrigin}`
}

/** What a capture-all job keeps in `JobRecord.data` (docs/data-model.md): the view the page gets, plus the run id. */
export interface CaptureAllData extends Omit<CaptureAllView, "state" | "startedAt" | "updatedAt"> {
  /** The run allowed to add pages; a new start (another tab, a resume) replaces it. */
  runId: string
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0

/** The job's data if it has the shape this version writes (older or damaged records: null). */
export function readCaptureAllData(job: JobRecord | undefined): CaptureAllData | null {
  const d = job?.data as Partial<CaptureAllData> | undefined
  if (!d || typeof d.runId !== "string" || typeof d.listPath !== "string") return null
  if (![d.pageSize, d.total, d.pages, d.nextPage, d.received].every(isCount)) return null
  const c = d.counts as Partial<CaptureCounts> | undefined
  if (!c || ![c.created, c.updated, c.unchanged, c.rejected].every(isCount)) return null
  if (typeof d.problems !== "object" || d.problems === null) return null
  return d as CaptureAllData
}

function view(job: JobRecord | undefined): CaptureAllView | null {
  const d = readCaptureAllData(job)
  if (!job || !d) return null
  return {
    state: job.state,
    listPath: d.listPath,
    pageSize: d.pageSize,
    total: d.total,
    pages: d.pages,
    nextPage: d.nextPage,
    received: d.received,
    counts: { ...d.counts },
    problems: { ...d.problems },
    error: d.error,
    startedAt: job.startedAt,
    updatedAt: job.updatedAt
  }
}

/** Can this stored job be continued from its next page? (core/capture-all.ts) */
function isResumable(job: JobRecord | undefined, listPath: string, pageSize: number): boolean {
  const d = readCaptureAllData(job)
  return !!job && !!d && captureAllResumable({ ...d, state: job.state }, listPath, pageSize)
}

export async function captureAllStatus(db: HelperDb, shopOrigin: string): Promise<ResponseOf<"captureAll.status">> {
  return { job: view(await db.jobs.get(captureAllJobId(shopOrigin))) }
}

export async function startCaptureAll(
  db: HelperDb,
  shopOrigin: string,
  request: RequestOf<"captureAll.start">,
  now = Date.now(),
  newRunId: () => string = () => crypto.randomUUID()
): Promise<ResponseOf<"captureAll.start">> {
  const id = captureAllJobId(shopOrigin)
  const runId = newRunId()
  return db.transaction("rw", db.jobs, async () => {
    const old = await db.jobs.get(id)
    const resumed = request.resume && isResumable(old, request.listPath, request.pageSize)
    let job: JobRecord
    if (resumed && old) {
      const data: CaptureAllData = { ...readCaptureAllData(old)!, runId, error: null }
      job = { ...old, state: "running", updatedAt: now, data: data as unknown as Record<string, unknown> }
    } else {
      const data: CaptureAllData = {
        runId,
        listPath: request.listPath,
        pageSize: request.pageSize,
        total: 0,
        pages: 0,
        nextPage: 1,
        received: 0,
        counts: emptyCaptureCounts(),
        problems: {},
        error: null
      }
      job = { id, state: "running", startedAt: now, updatedAt: now, data: data as unknown as Record<string, unknown> }
    }
    await db.jobs.put(job)
    return { runId, resumed, job: view(job)! }
  })
}

/**
 * Store one page. Only the current run may add pages, and only the next one: a page sent
 * twice (the answer was lost when the worker stopped) is answered `duplicate` with the job,
 * so the content script carries on from `job.nextPage` without counting it twice.
 */
export async function captureAllPage(
  db: HelperDb,
  shopOrigin: string,
  pageUrl: string,
  request: RequestOf<"captureAll.page">,
  now = Date.now()
): Promise<ResponseOf<"captureAll.page">> {
  const id = captureAllJobId(shopOrigin)
  return db.transaction("rw", [db.jobs, db.products, db.notices, db.shops], async () => {
    const job = await db.jobs.get(id)
    const d = readCaptureAllData(job)
    const counts = emptyCaptureCounts()
    const answer = (outcome: CaptureAllPageOutcome, j = job) => ({ outcome, counts, job: view(j) })
    if (!job || !d || d.runId !== request.runId || job.state !== "running") return answer("superseded")
    if (request.page < d.nextPage) return answer("duplicate")
    if (request.page > d.nextPage) return answer("out_of_order")

    const { results } = await handleCapture(db, shopOrigin, pageUrl, { products: request.products }, now)
    const problems = { ...d.problems }
    for (const r of results) {
      counts[r.outcome]++
      for (const p of r.problems) problems[p] = (problems[p] ?? 0) + 1
    }
    const pages = Math.ceil(request.total / d.pageSize)
    const nextPage = request.page + 1
    const data: CaptureAllData = {
      ...d,
      total: request.total,
      pages,
      nextPage,
      received: d.received + request.products.length,
      counts: {
        created: d.counts.created + counts.created,
        updated: d.counts.updated + counts.updated,
        unchanged: d.counts.unchanged + counts.unchanged,
        rejected: d.counts.rejected + counts.rejected
      },
      problems
    }
    const next: JobRecord = {
      ...job,
      state: nextPage > pages ? "done" : "running",
      updatedAt: now,
      data: data as unknown as Record<string, unknown>
    }
    await db.jobs.put(next)
    return answer("stored", next)
  })
}

/** The merchant stopped the run, or it failed: keep the progress, resumable. */
export async function stopCaptureAll(
  db: HelperDb,
  shopOrigin: string,
  request: RequestOf<"captureAll.stop">,
  now = Date.now()
): Promise<ResponseOf<"captureAll.stop">> {
  const id = captureAllJobId(shopOrigin)
  return db.transaction("rw", db.jobs, async () => {
    const job = await db.jobs.get(id)
    const d = readCaptureAllData(job)
    if (!job || !d || d.runId !== request.runId || job.state !== "running") return { job: view(job) }
    const next: JobRecord = {
      ...job,
      state: "paused",
      updatedAt: now,
      data: { ...d, error: request.error } as unknown as Record<string, unknown>
    }
    await db.jobs.put(next)
    return { job: view(next) }
  })
}
