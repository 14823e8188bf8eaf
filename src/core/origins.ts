// Which origins are WeChat's and which are HiMall shops. The production manifest declares
// only WeChat's hosts; every other granted host permission is a HiMall shop the merchant
// enabled at run time (the sandbox build grants https://*.sandbox.test/* up front).

const WECHAT_HOST_PATTERNS = ["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*"]

const WECHAT_HOSTS = ["mp.weixin.qq.com", "live.weixin.qq.com"]

/**
 * A pattern on one of WeChat's hosts, whatever its path. Chrome also lists content scripts'
 * match patterns among granted origins (the HiMall script's inert entry is on
 * mp.weixin.qq.com), and none of them is a shop.
 */
export function isWechatPattern(pattern: string): boolean {
  const host = /^(?:\*|https?):\/\/([^/]+)\//.exec(pattern)?.[1]
  return WECHAT_HOST_PATTERNS.includes(pattern) || (host !== undefined && WECHAT_HOSTS.includes(host.toLowerCase()))
}

/** An origin on one of WeChat's hosts (`https://mp.weixin.qq.com`): never a shop. */
export function isWechatOrigin(origin: string): boolean {
  try {
    const url = new URL(origin)
    return url.protocol === "https:" && WECHAT_HOSTS.includes(url.host.toLowerCase())
  } catch {
    return false
  }
}

/** Granted host patterns that belong to HiMall shops. */
export function shopPatterns(granted: readonly string[]): string[] {
  return granted.filter((p) => !isWechatPattern(p) && /^https?:\/\//.test(p)).sort()
}

/** The permission pattern for one shop origin ("https://shop.example.com" → ".../*"). */
export function originPattern(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/*`
}

/** The host an origin names, for showing ("https://shop.example.com:8443" → "shop.example.com:8443"); the text itself when it is no URL. */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host
  } catch {
    return origin
  }
}

/** A web origin from anything the merchant types or a tab shows; null when not http(s). */
export function toOrigin(input: string): string | null {
  const text = input.trim()
  if (text === "") return null
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
    if (u.protocol !== "https:" && u.protocol !== "http:") return null
    if (!u.hostname.includes(".") && u.hostname !== "localhost") return null
    return u.origin
  } catch {
    return null
  }
}

/** Does a match pattern such as https://*.sandbox.test/* cover this origin? */
export function patternCoversOrigin(pattern: string, origin: string): boolean {
  const m = /^(\*|https?):\/\/([^/]+)\/.*$/.exec(pattern)
  if (!m) return false
  let u: URL
  try {
    u = new URL(origin)
  } catch {
    return false
  }
  const [, scheme, host] = m
  if (scheme !== "*" && `${scheme}:` !== u.protocol) return false
  if (scheme === "*" && u.protocol !== "http:" && u.protocol !== "https:") return false
  if (host === "*") return true
  if (host.startsWith("*.")) {
    const base = host.slice(2)
    return u.hostname === base || u.hostname.endsWith(`.${base}`)
  }
  return u.host === host || u.hostname === host
}
