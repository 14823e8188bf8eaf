// The sandbox: local copies of the WeChat MP console and HiMall shops, served over HTTPS
// under their real host names (see ../shared/docs/sandbox-protocol.md).
// One listener serves the WeChat hosts, another every *.sandbox.test shop (state per host).
import { readFileSync } from "node:fs"
import { createServer, type Server } from "node:https"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

import { createHimallSite } from "./himall/site"
import { readBody, send, sendJson, serveStatic, type Site } from "./http"
import { createWechatSite } from "./wechat/site"

const here = dirname(fileURLToPath(import.meta.url))

export const WECHAT_HOSTS = ["mp.weixin.qq.com", "live.weixin.qq.com"]
export const DEFAULT_SHOP_HOST = "shop.sandbox.test"

export interface Sandbox {
  wechatPort: number
  himallPort: number
  /** Value for Chromium's --host-resolver-rules. */
  hostRules: string
  wechatOrigin: string
  shopOrigin: string
  /** Shop site for a host (created on first use), for tests that inspect it directly. */
  shop(host?: string): Site
  wechat: Site
  close(): Promise<void>
}

export interface SandboxOptions {
  wechatPort?: number
  himallPort?: number
  /**
   * Extra shop hosts to map besides shop.sandbox.test. Hosts below .sandbox.test are granted in
   * the sandbox build; any other host (e.g. `shop.example.com`) is a HiMall shop the merchant did
   * not enable.
   */
  shopHosts?: string[]
  quiet?: boolean
}

function hostOf(req: IncomingMessage): string {
  return (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase()
}

async function dispatchFixture(site: Site, req: IncomingMessage, res: ServerResponse, path: string) {
  if (path === "/__fixture/state") {
    if (req.method === "GET") return sendJson(res, site.getState())
    if (req.method === "POST") {
      const body = await readBody(req)
      try {
        site.setState(JSON.parse(body || "{}"))
      } catch (e) {
        return sendJson(res, { error: String(e) }, 400)
      }
      return sendJson(res, site.getState())
    }
  }
  if (path === "/__fixture/reset" && req.method === "POST") {
    site.reset()
    return sendJson(res, site.getState())
  }
  if (path === "/__fixture/review" && req.method === "POST" && site.review) {
    try {
      const result = site.review(JSON.parse((await readBody(req)) || "{}"))
      return sendJson(res, result)
    } catch (e) {
      return sendJson(res, { error: String(e) }, 400)
    }
  }
  return send(res, 404, "text/plain; charset=utf-8", "no such fixture route")
}

function makeHandler(pick: (host: string) => Site | undefined, quiet: boolean) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const host = hostOf(req)
    const url = new URL(req.url ?? "/", `https://${host || "localhost"}`)
    const site = pick(host)
    try {
      if (!quiet) console.log(`[sandbox] ${req.method} ${host}${url.pathname}`)
      if (!site) return send(res, 421, "text/plain; charset=utf-8", `unknown sandbox host ${host}`)
      if (url.pathname.startsWith("/__fixture/")) return await dispatchFixture(site, req, res, url.pathname)
      if (url.pathname.startsWith("/__sandbox/")) return serveStatic(res, url.pathname.slice("/__sandbox/".length))
      if (await site.handle(req, res, url)) return
      send(res, 404, "text/html; charset=utf-8", "<h1>404</h1>")
    } catch (e) {
      console.error("[sandbox] error", e)
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", String(e))
      else res.end()
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))
  })
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const tls = {
    key: readFileSync(join(here, "certs/key.pem")),
    cert: readFileSync(join(here, "certs/cert.pem"))
  }
  const quiet = opts.quiet ?? true
  const wechat = createWechatSite()
  const shops = new Map<string, Site>()
  const shop = (host = DEFAULT_SHOP_HOST) => {
    let s = shops.get(host)
    if (!s) {
      s = createHimallSite(host, { wechat })
      shops.set(host, s)
    }
    return s
  }
  const wechatServer = createServer(
    tls,
    makeHandler((h) => (WECHAT_HOSTS.includes(h) ? wechat : undefined), quiet)
  )
  const extraShopHosts = new Set((opts.shopHosts ?? []).map((h) => h.toLowerCase()))
  const himallServer = createServer(
    tls,
    makeHandler((h) => (h === "sandbox.test" || h.endsWith(".sandbox.test") || extraShopHosts.has(h) ? shop(h) : undefined), quiet)
  )
  const wechatPort = await listen(wechatServer, opts.wechatPort ?? 0)
  const himallPort = await listen(himallServer, opts.himallPort ?? 0)
  const shopHosts = [DEFAULT_SHOP_HOST, ...(opts.shopHosts ?? [])]
  const hostRules = [
    ...WECHAT_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${wechatPort}`),
    `MAP *.sandbox.test 127.0.0.1:${himallPort}`,
    ...shopHosts.filter((h) => !h.endsWith(".sandbox.test")).map((h) => `MAP ${h} 127.0.0.1:${himallPort}`)
  ].join(", ")
  const close = (s: Server) =>
    new Promise<void>((r) => {
      s.closeAllConnections?.()
      s.close(() => r())
    })
  return {
    wechatPort,
    himallPort,
    hostRules,
    wechatOrigin: "https://mp.weixin.qq.com",
    shopOrigin: `https://${DEFAULT_SHOP_HOST}`,
    shop,
    wechat,
    close: async () => {
      await Promise.all([close(wechatServer), close(himallServer)])
    }
  }
}
