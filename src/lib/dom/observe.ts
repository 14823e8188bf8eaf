// Re-run a page decoration whenever the page's DOM changes (grids re-render rows, dialogs
// come and go), batched to one run per animation frame, until the signal aborts.
export function whenDomChanges(root: Node, run: () => void, signal: AbortSignal): void {
  let scheduled = false
  const schedule = () => {
    if (scheduled || signal.aborted) return
    scheduled = true
    requestAnimationFrame(() => {
      scheduled = false
      if (!signal.aborted) run()
    })
  }
  const observer = new MutationObserver(schedule)
  observer.observe(root, { childList: true, subtree: true })
  signal.addEventListener("abort", () => observer.disconnect(), { once: true })
  run()
}
