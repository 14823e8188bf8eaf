// capture-all's resumability: when a stored run of the whole shop may be continued from its next
// page. The page's controls (features/capture-all.ts, to offer 继续) and the worker
// (background/capture-all.ts, to honour a resume) ask the same rule. Pure.

/** The parts of a stored capture-all job the rule reads. */
export interface CaptureAllProgress {
  state: "running" | "paused" | "done" | "stopped"
  /** The list endpoint's path the run walks (HiMall's routes are case-insensitive). */
  listPath: string
  pageSize: number
  /** Pages the endpoint's total makes, and the first one not stored yet (1-based). */
  pages: number
  nextPage: number
}

/** Do two list endpoint paths name the same list? (ASP.NET MVC routes ignore case) */
export function sameListPath(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/**
 * Can this job be continued on this list with this page size? Not finished (running, or paused by
 * a stop or an error), the same list and page size, and at least one page stored (a run that
 * never stored its first page has nothing to continue) with pages left.
 */
export function captureAllResumable(job: CaptureAllProgress | null | undefined, listPath: string, pageSize: number): boolean {
  if (!job || (job.state !== "running" && job.state !== "paused")) return false
  if (!sameListPath(job.listPath, listPath) || job.pageSize !== pageSize) return false
  return job.nextPage > 1 && job.nextPage <= job.pages
}
