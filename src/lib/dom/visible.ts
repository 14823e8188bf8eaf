// Is an element shown to the merchant? Not `offsetParent` (null for position:fixed dialogs).
export function isShown(el: Element): boolean {
  if (typeof el.checkVisibility === "function") return el.checkVisibility({ checkVisibilityCSS: true } as CheckVisibilityOptions)
  // Where the platform lacks checkVisibility: no ancestor is display:none or hidden.
  for (let e: Element | null = el; e; e = e.parentElement) {
    const style = getComputedStyle(e)
    if (style.display === "none" || style.visibility === "hidden") return false
  }
  return true
}
