// Shared by screenshots.ts and selfcheck.ts: the sandbox plus a headless Chromium that reaches
// it under the real host names, and small images made with sharp for the uploaders.
import type { Browser, Page } from "playwright-core"
import sharp from "sharp"

import { launchChromium } from "../../support/browser"
import { startSandbox, type Sandbox } from "../server"

export const MP = "https://mp.weixin.qq.com"
export const LIVE = "https://live.weixin.qq.com"
/** What a logged-in MP page carries. */
export const Q = "?token=1234567890&lang=zh_CN"

export interface Harness {
  sb: Sandbox
  browser: Browser
  /** A fresh 1280×800 page. */
  newPage(): Promise<Page>
  /**
   * GET (no body) or POST JSON to a route of the WeChat site, from inside `page` (which must be
   * on a WeChat page: only the browser maps the hosts to the sandbox).
   */
  call(page: Page, path: string, body?: unknown): Promise<any>
  close(): Promise<void>
}

export async function openHarness(): Promise<Harness> {
  const sb = await startSandbox()
  const browser = await launchChromium(sb.hostRules)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true })
  return {
    sb,
    browser,
    newPage: () => context.newPage(),
    call: (page, path, body) =>
      page.evaluate(
        async ([path, body]) => {
          const res = await fetch(path as string, {
            method: body === undefined ? "GET" : "POST",
            headers: { "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body)
          })
          return res.json()
        },
        [path, body] as const
      ),
    async close() {
      await browser.close()
      await sb.close()
    }
  }
}

/** A PNG of the given size (a simple gradient with a mark), as setInputFiles takes it. */
export async function pngFile(name: string, width: number, height: number, color = "#d8534f") {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="#f5c16c"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#fff" opacity=".7"/></svg>`
  const buffer = await sharp(Buffer.from(svg)).png().toBuffer()
  return { name, mimeType: "image/png", buffer }
}

/** A PNG of about `bytes` bytes (random pixels do not compress), for size-limit checks. */
export async function noisyPng(name: string, bytes: number) {
  const side = Math.ceil(Math.sqrt(bytes / 3))
  const raw = Buffer.alloc(side * side * 3)
  let x = 2463534242
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    raw[i] = x & 0xff
  }
  const buffer = await sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer()
  return { name, mimeType: "image/png", buffer }
}
