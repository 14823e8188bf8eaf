// HiMall's two backends, told apart by the first path segment of an admin URL. ASP.NET MVC
// routes are case-insensitive: /Admin/… is the platform backend, /SellerAdmin/… a seller's.
// Every reader, rule and worker handler that asks "is this an admin page, and whose" asks here.

export type HimallArea = "Admin" | "SellerAdmin"

const AREA = /^\/(admin|selleradmin)(?:\/|$)/i

/** The backend of an admin path (`/Admin/Live/Management` → "Admin"), or null outside both. */
export function himallAreaOfPath(pathname: string): HimallArea | null {
  const m = AREA.exec(pathname)
  if (!m) return null
  return m[1].toLowerCase() === "selleradmin" ? "SellerAdmin" : "Admin"
}

/** The backend of an absolute admin URL, or null (not a URL, or outside both backends). */
export function himallAreaOf(url: string): HimallArea | null {
  try {
    return himallAreaOfPath(new URL(url).pathname)
  } catch {
    return null
  }
}

/** Is this path inside one of the backends? */
export function isHimallAdminPath(pathname: string): boolean {
  return himallAreaOfPath(pathname) !== null
}

/** Is this path in a seller's backend (`/SellerAdmin/…`)? */
export function isSellerPath(pathname: string | null | undefined): boolean {
  return !!pathname && himallAreaOfPath(pathname) === "SellerAdmin"
}

/** Is this path the given page (controller/action, case-insensitive, optional trailing slash) in either backend? */
export function isHimallPage(pathname: string, controllerAction: string): boolean {
  const area = himallAreaOfPath(pathname)
  if (!area) return false
  // "/" + area + "/": what follows is the controller/action.
  const rest = pathname.slice(area.length + 2).replace(/\/$/, "")
  return rest.toLowerCase() === controllerAction.toLowerCase()
}
