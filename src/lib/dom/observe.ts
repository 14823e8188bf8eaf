// Re-run a page decoration whenever the page's DOM changes (grids re-render rows, dialogs
// come and go), batched to one run per animation frame, until the signal aborts.
//
// Changes the extension makes to its own elements (panels `data-lh-panel`, controls
// `data-lh-control`: their texts and buttons), and its adding them to the page, are not the
// page changing: they do not start another run. The page removing one of them does (it is put
// back), and so does everything else.

/** The extension's own elements on a page: what changes inside them is the extension's doing. */
const OWN_UI = "[data-lh-panel], [data-lh-control]"

function insideOwnUi(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement
  return !!el?.closest(OWN_UI)
}

function isOwnUiRoot(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && (node as Element).matches(OWN_UI)
}

/** Did the page change, not only the extension's own elements? */
export function pageChanged(records: readonly MutationRecord[]): boolean {
  for (const r of records) {
    if (insideOwnUi(r.target)) continue
    // One of our elements added to the page, nothing taken away.
    if (r.type === "childList" && r.removedNodes.length === 0 && r.addedNodes.length > 0 && [...r.addedNodes].every(isOwnUiRoot)) continue
    return true
  }
  return false
}

export function whenDomChanges(root: Node, run: () => void, signal: AbortSignal): void {
  let frame: number | null = null
  const schedule = (records: MutationRecord[]) => {
    if (frame != null || signal.aborted || !pageChanged(records)) return
    frame = requestAnimationFrame(() => {
      frame = null
      if (!signal.aborted) run()
    })
  }
  const observer = new MutationObserver(schedule)
  observer.observe(root, { childList: true, subtree: true })
  signal.addEventListener(
    "abort",
    () => {
      observer.disconnect()
      if (frame != null) cancelAnimationFrame(frame)
      frame = null
    },
    { once: true }
  )
  run()
}
