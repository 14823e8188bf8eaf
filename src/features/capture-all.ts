// HiMall 商品管理: a `capture-all` control that stores every product of the shop by walking
// the grid's own list endpoint page by page (it works where 直播链接 is not drawn), with a
// progress bar, a `capture-stop` control and, after a reload or a stop, `capture-resume`.
//
// This script drives the loop (it has the page's cookies for the endpoint); the background
// stores each page with the job's progress (background/capture-all.ts), so the progress
// survives a reload and a stopped service worker. One message per page; the next page is
// fetched while the current one is being stored.
import { captureAllResumable, sameListPath } from "~core/capture-all"
import { t } from "~lib/i18n"
import type { CaptureAllView } from "~protocol/messages"
import { sendWithRetry } from "~lib/send-retry"
import { whenDomChanges } from "~lib/dom/observe"
import { EndpointError, endpointRowToRaw, fetchProductPage, productListUrl, type EndpointPage } from "~sites/himall/product-endpoint"

import { tone } from "~lib/dom/shadow"
import { gridToolbar, statusElement, summaryText, toolbarButton } from "./parts/grid-toolbar"

/** Products asked for per page (one message each; the protocol allows 500). */
const CAPTURE_ALL_PAGE_SIZE = 100

/** The endpoint did not page as asked (it ignores `rows`, or caps it): walking it would skip products. */
class PagingError extends Error {}

type Phase = "idle" | "running" | "stopping" | "paused" | "done" | "error" | "superseded"

function makeUi() {
  const root = document.createElement("span")
  root.setAttribute("data-lh-control", "capture-all")
  const start = toolbarButton("capture-all", t("capture_all"), t("capture_all_hint"), true)
  const resume = toolbarButton("capture-resume", t("capture_resume"), t("capture_resume_hint"))
  const stop = toolbarButton("capture-stop", t("capture_stop"), t("capture_stop_hint"))
  const progress = document.createElement("progress")
  progress.setAttribute("data-lh-progress", "capture-all")
  progress.setAttribute("aria-label", t("capture_all"))
  const count = document.createElement("span")
  count.setAttribute("data-lh-progress-text", "capture-all")
  const status = statusElement("capture-all")
  root.append(start, resume, stop, progress, count, status)
  return { root, start, resume, stop, progress, count, status }
}

type Ui = ReturnType<typeof makeUi>

function showPhase(ui: Ui, phase: Phase, resumable: boolean) {
  const busy = phase === "running" || phase === "stopping"
  ui.root.setAttribute("data-lh-state", phase)
  ui.start.disabled = busy
  ui.resume.hidden = busy || !resumable
  ui.resume.disabled = busy
  ui.stop.hidden = !busy
  ui.stop.disabled = phase === "stopping"
  ui.stop.textContent = phase === "stopping" ? t("capture_stopping") : t("capture_stop")
  tone(ui.status, phase === "error" ? "error" : phase === "done" ? "ok" : phase === "paused" || phase === "superseded" ? "warn" : "busy")
}

function showProgress(ui: Ui, received: number, total: number) {
  const shown = Math.min(received, total)
  ui.progress.hidden = false
  ui.progress.max = Math.max(total, 1)
  ui.progress.value = total === 0 ? 1 : shown
  ui.progress.setAttribute("aria-valuenow", String(shown))
  ui.progress.setAttribute("aria-valuemax", String(total))
  ui.count.hidden = false
  ui.count.textContent = `${shown} / ${total}`
}

function hideProgress(ui: Ui) {
  ui.progress.hidden = true
  ui.count.hidden = true
}

function errorText(code: string): string {
  const known = ["list_network", "list_http", "list_not_json", "list_shape", "list_paging", "no_extension"]
  return t(`capture_all_error_${known.includes(code) ? code : "no_extension"}`)
}

class CaptureAllRun {
  private stopRequested = false
  private running = false

  constructor(
    private readonly ui: Ui,
    private readonly listUrl: string,
    private readonly signal: AbortSignal
  ) {}

  get listPath(): string {
    return new URL(this.listUrl).pathname
  }

  /** Show what the stored job offers (at page load). */
  async restore() {
    try {
      const { job } = await sendWithRetry("captureAll.status", {}, { delays: [200, 500, 1000], signal: this.signal })
      if (this.running) return
      if (job && captureAllResumable(job, this.listPath, CAPTURE_ALL_PAGE_SIZE)) {
        showPhase(this.ui, "paused", true)
        showProgress(this.ui, job.received, job.total)
        this.ui.resume.textContent = t("capture_resume_at", [String(job.received), String(job.total)])
        this.ui.status.textContent = job.error ? errorText(job.error) : t("capture_all_paused")
      } else if (job?.state === "done" && sameListPath(job.listPath, this.listPath)) {
        showPhase(this.ui, "idle", false)
        this.ui.status.textContent = t("capture_all_last", summaryText(job.counts, job.problems))
      } else showPhase(this.ui, "idle", false)
    } catch {
      if (!this.signal.aborted) showPhase(this.ui, "idle", false)
    }
  }

  stop() {
    if (!this.running) return
    this.stopRequested = true
    showPhase(this.ui, "stopping", false)
  }

  private fetchPage(page: number): Promise<EndpointPage> {
    const p = fetchProductPage(this.listUrl, { page, rows: CAPTURE_ALL_PAGE_SIZE }, (input, init) => fetch(input, { ...init, signal: this.signal }))
    p.catch(() => undefined) // awaited later; a prefetch dropped by a stop must not be reported
    return p
  }

  private checkPaging(answer: EndpointPage, page: number) {
    const pages = Math.ceil(answer.total / CAPTURE_ALL_PAGE_SIZE)
    const full = answer.rows.length === CAPTURE_ALL_PAGE_SIZE
    if (answer.rows.length > CAPTURE_ALL_PAGE_SIZE || (page < pages && !full)) throw new PagingError()
  }

  /** The merchant pressed stop: record it, offer to continue. */
  private async pause(runId: string, job: CaptureAllView) {
    const { job: paused } = await sendWithRetry("captureAll.stop", { runId, error: null })
    const at = paused ?? job
    showPhase(this.ui, "paused", captureAllResumable(at, this.listPath, CAPTURE_ALL_PAGE_SIZE))
    this.ui.resume.textContent = t("capture_resume_at", [String(at.received), String(at.total)])
    this.ui.status.textContent = t("capture_all_stopped", summaryText(at.counts, at.problems))
  }

  async run(resume: boolean) {
    if (this.running) return
    this.running = true
    this.stopRequested = false
    const ui = this.ui
    showPhase(ui, "running", false)
    ui.status.textContent = t("capture_all_busy")
    let runId: string | null = null
    try {
      const started = await sendWithRetry("captureAll.start", { listPath: this.listPath, pageSize: CAPTURE_ALL_PAGE_SIZE, resume }, { signal: this.signal })
      runId = started.runId
      let job = started.job
      if (started.resumed) showProgress(ui, job.received, job.total)
      else hideProgress(ui)
      let page = job.nextPage
      let pending: Promise<EndpointPage> | null = this.fetchPage(page)
      for (;;) {
        const answer: EndpointPage = await pending!
        // Stopped while the page was on its way: it is not stored, the run pauses before it.
        if (this.stopRequested) return await this.pause(runId, job)
        this.checkPaging(answer, page)
        const pages = Math.ceil(answer.total / CAPTURE_ALL_PAGE_SIZE)
        const following = page + 1
        pending = following <= pages && !this.stopRequested ? this.fetchPage(following) : null
        const stored = await sendWithRetry("captureAll.page", {
          runId,
          page,
          total: answer.total,
          products: answer.rows.map(endpointRowToRaw)
        })
        if (stored.outcome === "superseded" || !stored.job) {
          showPhase(ui, "superseded", false)
          ui.status.textContent = t("capture_all_superseded")
          return
        }
        job = stored.job
        showProgress(ui, job.received, job.total)
        if (job.state === "done") {
          showProgress(ui, job.total, job.total)
          showPhase(ui, "done", false)
          ui.status.textContent = t("capture_all_done", summaryText(job.counts, job.problems))
          return
        }
        if (this.stopRequested) return await this.pause(runId, job)
        // Normally the page after; a duplicate or out-of-order answer says where to go on.
        if (job.nextPage !== following || !pending) pending = this.fetchPage(job.nextPage)
        page = job.nextPage
      }
    } catch (e) {
      // Aborted with the page: nothing to tell, the stored job stays as it was (resumable).
      if (this.signal.aborted) return
      const code = e instanceof EndpointError ? e.problem : e instanceof PagingError ? "list_paging" : "no_extension"
      console.warn("[HiMall 直播助手] capture-all", e)
      let job: CaptureAllView | null = null
      if (runId) job = (await sendWithRetry("captureAll.stop", { runId, error: code }).catch(() => null))?.job ?? null
      const resumable = captureAllResumable(job, this.listPath, CAPTURE_ALL_PAGE_SIZE)
      showPhase(ui, "error", resumable)
      if (resumable) ui.resume.textContent = t("capture_resume_at", [String(job!.received), String(job!.total)])
      ui.status.textContent = errorText(code)
    } finally {
      this.running = false
    }
  }
}

export function startCaptureAll(signal: AbortSignal) {
  const listUrl = productListUrl(location)
  if (!listUrl) return
  const ui = makeUi()
  // The page going away (or the extension) aborts the list's fetches: the run ends where it is.
  const run = new CaptureAllRun(ui, listUrl, signal)
  showPhase(ui, "idle", false)
  hideProgress(ui)
  ui.start.addEventListener("click", () => void run.run(false))
  ui.resume.addEventListener("click", () => void run.run(true))
  ui.stop.addEventListener("click", () => run.stop())
  let restored = false
  whenDomChanges(
    document.body,
    () => {
      if (ui.root.isConnected) return
      const bar = gridToolbar(document)
      if (!bar) return
      bar.append(ui.root)
      if (!restored) {
        restored = true
        void run.restore()
      }
    },
    signal
  )
}
