// Is the active tab a HiMall admin page that the extension may not run on yet?
import { isWechatPattern, originPattern, toOrigin } from "~core/origins"
import { isHimallAdminPath } from "~sites/himall/pages"

export interface CurrentShop {
  origin: string
  enabled: boolean
}

export async function currentHimallShop(): Promise<CurrentShop | null> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true })
  if (!tab?.url) return null
  let url: URL
  try {
    url = new URL(tab.url)
  } catch {
    return null
  }
  const origin = toOrigin(url.origin)
  if (!origin || !isHimallAdminPath(url.pathname) || isWechatPattern(originPattern(origin))) return null
  const enabled = await chrome.permissions.contains({ origins: [originPattern(origin)] })
  return { origin, enabled }
}

/** Must run inside the click handler: the browser asks only during a user gesture. */
export function requestShop(origin: string): Promise<boolean> {
  return chrome.permissions.request({ origins: [originPattern(origin)] })
}
