// Small HTTP helpers shared by the sandbox sites.
import { existsSync, readFileSync } from "node:fs"
import type { IncomingMessage, ServerResponse } from "node:http"
import { createRequire } from "node:module"
import { dirname, extname, join, normalize } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

/** A sandbox site: one host family (WeChat, or one HiMall shop). */
export interface Site {
  /** Serve a request; return false when the route is unknown. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>
  /** Server-side state as documented in the sandbox protocol (GET /__fixture/state). */
  getState(): unknown
  /** Replace parts of the state (POST /__fixture/state). */
  setState(patch: Record<string, unknown>): void
  /** Back to the seeded state (POST /__fixture/reset, a compatible extension of the protocol). */
  reset(): void
  /** WeChat only: move a goods item through review (POST /__fixture/review). */
  review?(body: { goodsId?: unknown; result?: unknown; reason?: unknown }): unknown
}

export const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml"
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" })
  res.end(body)
}

export function sendJson(res: ServerResponse, value: unknown, status = 200) {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(value))
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })
}

export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => resolve(Buffer.concat(chunks)))
    req.on("error", reject)
  })
}

/** Parse a JSON or application/x-www-form-urlencoded body into a flat object. */
export async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const body = await readBody(req)
  const type = req.headers["content-type"] ?? ""
  if (type.includes("application/json")) {
    const v = JSON.parse(body || "{}")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]))
  }
  return Object.fromEntries(new URLSearchParams(body))
}

/** Libraries the sandbox pages load, as the real sites do (Vue on WeChat, jQuery on HiMall). */
const VENDOR: Record<string, string> = {
  "vendor/vue.js": "vue/dist/vue.global.prod.js",
  "vendor/jquery.js": "jquery/dist/jquery.min.js"
}

/** Serve /__sandbox/<path>: vendor libraries and files under test/sandbox/. */
export function serveStatic(res: ServerResponse, rel: string): void {
  const vendor = VENDOR[rel]
  const file = vendor ? require.resolve(vendor) : join(here, normalize(rel).replace(/^(\.\.[/\\])+/, ""))
  if (!file.startsWith(here) && !vendor) return send(res, 403, "text/plain", "forbidden")
  if (!existsSync(file)) return send(res, 404, "text/plain", "not found")
  send(res, 200, MIME[extname(file)] ?? "application/octet-stream", readFileSync(file))
}
