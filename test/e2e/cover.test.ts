// The cover maker (src/lib/image/cover.ts) in real Chromium, inside a dedicated worker (no DOM,
// like the service worker), on pictures made with sharp and served the way HiMall's IIS serves
// them: every one as image/png. Each cover is decoded back with sharp and compared with sharp's
// own reduction of the same picture.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"

import { build } from "esbuild"
import { chromium, type Browser, type Worker } from "playwright-core"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { rng } from "../sandbox/himall/images"
import { chromiumPath, ROOT } from "../support/browser"

type CoverApi = typeof import("~lib/image/cover")
type Fit = "contain" | "crop"

const WHITE = { r: 255, g: 255, b: 255 }

/** A photo-like RGB picture: gradients plus per-pixel noise, so it compresses like a photo. */
function photoLike(width: number, height: number, amp: number, seed = 1) {
  const next = rng(seed)
  const px = Buffer.alloc(width * height * 3)
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) {
      const n = (next() * 2 - 1) * amp
      px[i] = Math.max(0, Math.min(255, (x * 255) / width + n))
      px[i + 1] = Math.max(0, Math.min(255, (y * 255) / height + n))
      px[i + 2] = Math.max(0, Math.min(255, 150 + n))
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } })
}

/** A product (a rounded body with a handle) on a transparent background, away from the corners. */
function productSvg(size: number, fill: string) {
  const s = size
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}">` +
      `<rect x="${s * 0.27}" y="${s * 0.2}" width="${s * 0.46}" height="${s * 0.62}" rx="${s * 0.04}" fill="${fill}"/>` +
      `<rect x="${s * 0.42}" y="${s * 0.12}" width="${s * 0.16}" height="${s * 0.09}" rx="${s * 0.02}" fill="none" stroke="#333" stroke-width="${s * 0.018}"/>` +
      `</svg>`
  )
}
const transparent = (size: number) => sharp({ create: { width: size, height: size, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
/** A picture filled edge to edge with a blue product texture (for the tall and wide cases). */
const blueFull = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 80, b: 190 } } }).composite([
    {
      input: Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) * 0.3}" fill="#f0a000"/></svg>`
      )
    }
  ])

const images: Record<string, Buffer> = {}
let server: Server
let base: string
let browser: Browser
let worker: Worker

beforeAll(async () => {
  const t0 = Date.now()
  const [photo, alpha2000, alpha600, gif, webp, cmyk, tall, wide, rotated, noise] = await Promise.all([
    photoLike(4000, 3000, 28).jpeg({ quality: 90 }).toBuffer(),
    transparent(2000)
      .composite([{ input: productSvg(2000, "#c0392b") }])
      .png()
      .toBuffer(),
    transparent(600)
      .composite([{ input: productSvg(600, "#27ae60") }])
      .png()
      .toBuffer(),
    sharp({ create: { width: 500, height: 500, channels: 3, background: { r: 250, g: 240, b: 200 } } })
      .composite([{ input: productSvg(500, "#2c3e90") }])
      .gif()
      .toBuffer(),
    photoLike(800, 800, 6, 2).webp({ quality: 85 }).toBuffer(),
    sharp({ create: { width: 800, height: 800, channels: 3, background: { r: 240, g: 240, b: 240 } } })
      .composite([{ input: productSvg(800, "#d35400") }])
      .toColourspace("cmyk")
      .jpeg({ quality: 90 })
      .toBuffer(),
    blueFull(300, 1200).jpeg({ quality: 90 }).toBuffer(),
    blueFull(1200, 300).jpeg({ quality: 90 }).toBuffer(),
    // Stored 400×200, top half red and bottom half blue; EXIF 6 shows it turned 90° clockwise.
    sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 20, g: 40, b: 220 } } })
      .composite([{ input: { create: { width: 400, height: 100, channels: 3, background: { r: 220, g: 30, b: 30 } } }, top: 0, left: 0 }])
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer(),
    // Pure noise at 200×200: too big for 50 KB at quality 0.92.
    sharp(Buffer.from(Array.from({ length: 200 * 200 * 3 }, rng(3)).map((v) => Math.floor(v * 256))), { raw: { width: 200, height: 200, channels: 3 } })
      .png()
      .toBuffer()
  ])
  Object.assign(images, { photo, alpha2000, alpha600, gif, webp, cmyk, tall, wide, rotated, noise })
  expect((await sharp(cmyk).metadata()).space).toBe("cmyk")
  expect(photo.length).toBeGreaterThan(2 * 1024 * 1024)
  images.broken = Buffer.concat([photo.subarray(0, 2000), Buffer.alloc(3000, 0x55)])
  images.garbage = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)])
  console.log(`images generated in ${Date.now() - t0} ms`)

  const bundle = await build({
    stdin: {
      contents: `import * as cover from "./src/lib/image/cover"\n;(self as any).cover = cover\n;self.postMessage("cover-ready")\n`,
      resolveDir: ROOT,
      loader: "ts",
      sourcefile: "cover-entry.ts"
    },
    bundle: true,
    format: "esm",
    write: false,
    target: "chrome110",
    absWorkingDir: ROOT
  })
  const workerJs = bundle.outputFiles[0].text

  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) })
      res.end(body)
    }
    if (path === "/") return send(200, "text/html", "<!doctype html><title>covers</title>")
    if (path === "/cover-worker.js") return send(200, "text/javascript", workerJs)
    if (path === "/missing.png") return send(404, "text/html", "<html><body><h2>404 - File or directory not found.</h2></body></html>")
    if (path === "/login.png") return send(200, "image/png", "<!DOCTYPE html><html><head><title>登录</title></head><body>请登录</body></html>")
    if (path === "/empty.png") return send(200, "image/png", Buffer.alloc(0))
    const m = path.match(/^\/img\/(\w+)\.png$/)
    // IIS answers by file name: image/png whatever the bytes are.
    if (m && images[m[1]]) return send(200, "image/png", images[m[1]])
    send(404, "text/plain", "not found")
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
  })
  const page = await browser.newPage()
  await page.goto(`${base}/`)
  const started = page.waitForEvent("worker")
  // The module says when it has run (its last statement posts "cover-ready").
  const ready = page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = new Worker("/cover-worker.js", { type: "module" })
        ;(window as unknown as { w: unknown }).w = w
        w.addEventListener("message", (e) => e.data === "cover-ready" && resolve())
      })
  )
  worker = await started
  await ready
  await worker.evaluate(async () => {
    // Warm the decoder and encoder up once.
    const c = (self as unknown as { cover: CoverApi }).cover
    const r = await c.fetchImage("/img/alpha600.png")
    if (r.ok) await c.makeCover(r.blob, { fit: "contain" })
  })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((r) => server?.close(r))
})

interface Made {
  fetch: { ok: boolean; problem?: string; status?: number; type?: string }
  ok?: boolean
  problem?: string
  ms?: number
  quality?: number
  bytes?: number
  width?: number
  height?: number
  jpeg?: Buffer
}

/** Fetch `path` and make its cover, in the worker. */
async function coverOf(path: string, fit: Fit, maxBytes?: number): Promise<Made> {
  const r = await worker.evaluate(
    async ({ path, fit, maxBytes }) => {
      const c = (self as unknown as { cover: CoverApi }).cover
      const fetched = await c.fetchImage(path)
      if (!fetched.ok) return { fetch: fetched }
      const t = performance.now()
      const made = await c.makeCover(fetched.blob, { fit, maxBytes })
      const ms = performance.now() - t
      const fetch = { ok: true, type: fetched.type }
      if (!made.ok) return { fetch, ok: false, problem: made.problem, ms }
      const bytes = new Uint8Array(await made.blob.arrayBuffer())
      let bin = ""
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return { fetch, ok: true, ms, quality: made.quality, bytes: made.bytes, width: made.width, height: made.height, type: made.blob.type, b64: btoa(bin) }
    },
    { path, fit, maxBytes }
  )
  const { b64, ...rest } = r as Made & { b64?: string }
  return { ...rest, jpeg: b64 ? Buffer.from(b64, "base64") : undefined }
}

/** The cover's pixels (RGB) and a pixel reader. */
async function pixels(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true })
  expect(info.channels).toBe(3)
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * 3
    return { r: data[i], g: data[i + 1], b: data[i + 2] }
  }
  return { data, info, at }
}
const isWhite = (p: { r: number; g: number; b: number }) => p.r >= 245 && p.g >= 245 && p.b >= 245

/** sharp's own cover of the same picture: EXIF applied, transparent on white. */
async function reference(input: Buffer, fit: Fit) {
  return sharp(input)
    .rotate()
    .flatten({ background: WHITE })
    .resize(200, 200, { fit: fit === "crop" ? "cover" : "contain", background: WHITE })
    .removeAlpha()
    .raw()
    .toBuffer()
}
const meanAbsDiff = (a: Buffer, b: Buffer) => {
  let d = 0
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i])
  return d / a.length
}

/** Checks every cover must pass: JPEG magic, 200×200, within the budget. */
async function expectWeChatCover(made: Made, label: string) {
  expect(made.fetch.ok, `${label}: fetch ${made.fetch.problem}`).toBe(true)
  expect(made.ok, `${label}: ${made.problem}`).toBe(true)
  const jpeg = made.jpeg!
  expect([...jpeg.subarray(0, 3)], label).toEqual([0xff, 0xd8, 0xff])
  expect(jpeg.length, label).toBe(made.bytes)
  expect(jpeg.length, label).toBeLessThanOrEqual(51_200)
  const meta = await sharp(jpeg).metadata()
  expect([meta.format, meta.width, meta.height], label).toEqual(["jpeg", 200, 200])
  expect([made.width, made.height]).toEqual([200, 200])
}

const CASES: { name: string; type: string; maxDiff: number }[] = [
  { name: "photo", type: "image/jpeg", maxDiff: 4 },
  { name: "alpha2000", type: "image/png", maxDiff: 4 },
  { name: "alpha600", type: "image/png", maxDiff: 4 },
  { name: "gif", type: "image/gif", maxDiff: 4 },
  { name: "webp", type: "image/webp", maxDiff: 4 },
  // Chromium and libvips convert CMYK without a profile differently; the shape must still match.
  { name: "cmyk", type: "image/jpeg", maxDiff: 20 },
  { name: "tall", type: "image/jpeg", maxDiff: 4 },
  { name: "wide", type: "image/jpeg", maxDiff: 4 },
  { name: "rotated", type: "image/jpeg", maxDiff: 4 }
]

describe("makeCover in Chromium", () => {
  it.each(CASES.flatMap((c) => (["contain", "crop"] as const).map((fit) => ({ ...c, fit }))))(
    "$name ($fit): 200×200 JPEG ≤ 50 KB, like sharp's own reduction",
    async ({ name, type, maxDiff, fit }) => {
      const made = await coverOf(`/img/${name}.png`, fit)
      expect(made.fetch.type).toBe(type)
      await expectWeChatCover(made, `${name} ${fit}`)
      const { data } = await pixels(made.jpeg!)
      const diff = meanAbsDiff(data, await reference(images[name], fit))
      console.log(`cover ${name} (${fit}): ${made.ms!.toFixed(0)} ms, ${made.bytes} bytes, quality ${made.quality}, differs from sharp by ${diff.toFixed(2)}`)
      expect(diff, `${name} ${fit} vs sharp`).toBeLessThanOrEqual(maxDiff)
    }
  )

  it("transparent PNGs come out on white, the product kept", async () => {
    for (const name of ["alpha2000", "alpha600"]) {
      for (const fit of ["contain", "crop"] as const) {
        const made = await coverOf(`/img/${name}.png`, fit)
        const { at } = await pixels(made.jpeg!)
        for (const [x, y] of [
          [0, 0],
          [199, 0],
          [0, 199],
          [199, 199],
          [100, 5],
          [5, 100]
        ]) {
          expect(isWhite(at(x, y)), `${name} ${fit} (${x},${y}) ${JSON.stringify(at(x, y))}`).toBe(true)
        }
        expect(isWhite(at(100, 100)), `${name} ${fit} centre`).toBe(false)
      }
    }
  })

  it("contain keeps a tall or wide product whole and centred between white bands; crop fills", async () => {
    const tall = await pixels((await coverOf("/img/tall.png", "contain")).jpeg!)
    // 300×1200 → 50×200 at x 75…125.
    for (const y of [0, 50, 100, 150, 199]) {
      expect(isWhite(tall.at(5, y)) && isWhite(tall.at(70, y)) && isWhite(tall.at(130, y)) && isWhite(tall.at(194, y)), `tall band y=${y}`).toBe(true)
      expect(isWhite(tall.at(78, y)) || isWhite(tall.at(121, y)), `tall product y=${y}`).toBe(false)
    }
    const wide = await pixels((await coverOf("/img/wide.png", "contain")).jpeg!)
    for (const x of [0, 50, 100, 150, 199]) {
      expect(isWhite(wide.at(x, 5)) && isWhite(wide.at(x, 70)) && isWhite(wide.at(x, 130)) && isWhite(wide.at(x, 194)), `wide band x=${x}`).toBe(true)
      expect(isWhite(wide.at(x, 78)) || isWhite(wide.at(x, 121)), `wide product x=${x}`).toBe(false)
    }
    for (const name of ["tall", "wide"]) {
      const crop = await pixels((await coverOf(`/img/${name}.png`, "crop")).jpeg!)
      for (const [x, y] of [
        [0, 0],
        [199, 0],
        [0, 199],
        [199, 199],
        [100, 0],
        [0, 100]
      ]) {
        expect(isWhite(crop.at(x, y)), `${name} crop (${x},${y})`).toBe(false)
      }
    }
  })

  it("applies EXIF orientation (stored top half red → shown on the right)", async () => {
    const { at } = await pixels((await coverOf("/img/rotated.png", "contain")).jpeg!)
    // Shown 200×400 → 100×200 at x 50…150: blue on the left, red on the right.
    expect(at(70, 100).b).toBeGreaterThan(150)
    expect(at(130, 100).r).toBeGreaterThan(150)
    expect(isWhite(at(20, 100)) && isWhite(at(180, 100))).toBe(true)
  })

  it("lowers the JPEG quality when 0.92 is over budget, and fails when nothing fits", async () => {
    // Even pure noise is about 36 KB at 0.92 in 200×200 (4:2:0), so 50 KB never binds for it:
    // a 20 KB budget makes the search work.
    const full = await coverOf("/img/noise.png", "crop")
    await expectWeChatCover(full, "noise")
    const made = await coverOf("/img/noise.png", "crop", 20_000)
    await expectWeChatCover(made, "noise")
    console.log(`cover noise (crop): ${full.bytes} bytes at ${full.quality}; in 20 KB: ${made.ms!.toFixed(0)} ms, ${made.bytes} bytes, quality ${made.quality}`)
    expect(made.bytes).toBeLessThanOrEqual(20_000)
    expect(made.quality).toBeLessThan(0.92)
    expect(made.quality).toBeGreaterThanOrEqual(0.3)
    const tiny = await coverOf("/img/noise.png", "crop", 2000)
    expect(tiny).toMatchObject({ ok: false, problem: "budget_exceeded" })
  })
})

describe("fetchImage and makeCover failures in Chromium", () => {
  it("names what went wrong", async () => {
    expect((await coverOf("/missing.png", "contain")).fetch).toEqual({ ok: false, problem: "image_http_error", status: 404 })
    expect((await coverOf("/login.png", "contain")).fetch).toEqual({ ok: false, problem: "image_not_image" })
    expect((await coverOf("/empty.png", "contain")).fetch).toEqual({ ok: false, problem: "image_empty" })
    expect((await coverOf("/img/garbage.png", "contain")).problem).toBe("decode_failed")
    const network = await worker.evaluate(async () => {
      const c = (self as unknown as { cover: CoverApi }).cover
      return c.fetchImage("http://127.0.0.1:9/none.png", { timeoutMs: 5000 })
    })
    expect(network).toEqual({ ok: false, problem: "image_network" })
  })

  it("a truncated JPEG either decodes what is there or fails as decode_failed", async () => {
    const made = await coverOf("/img/broken.png", "crop")
    if (made.ok) await expectWeChatCover(made, "broken")
    else expect(made.problem).toBe("decode_failed")
  })
})

/** A HiMall room cover of the size 封面设置 asks, made in the worker as the background makes it (`makeImage`, ≤ 2 MB). */
async function roomCoverOf(path: string, fit: Fit, width: number, height: number) {
  const r = await worker.evaluate(
    async ({ path, fit, width, height }) => {
      const c = (self as unknown as { cover: CoverApi }).cover
      const fetched = await c.fetchImage(path)
      if (!fetched.ok) return { ok: false, problem: fetched.problem }
      const made = await c.makeImage(fetched.blob, { fit, width, height, maxBytes: 2 * 1024 * 1024 })
      if (!made.ok) return { ok: false, problem: made.problem }
      const bytes = new Uint8Array(await made.blob.arrayBuffer())
      let bin = ""
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return { ok: true, width: made.width, height: made.height, bytes: made.bytes, b64: btoa(bin) }
    },
    { path, fit, width, height }
  )
  return { ...r, jpeg: "b64" in r && r.b64 ? Buffer.from(r.b64, "base64") : undefined }
}

describe("HiMall room covers in Chromium (封面设置: 750×750 platform, 800×640 seller)", () => {
  it.each([
    { name: "photo", width: 750, height: 750 },
    { name: "photo", width: 800, height: 640 },
    { name: "alpha2000", width: 800, height: 640 },
    { name: "tall", width: 800, height: 640 }
  ])("$name → $width×$height JPEG ≤ 2 MB, contain and crop", async ({ name, width, height }) => {
    for (const fit of ["contain", "crop"] as const) {
      const made = await roomCoverOf(`/img/${name}.png`, fit, width, height)
      expect(made.ok, `${name} ${fit}: ${"problem" in made ? made.problem : ""}`).toBe(true)
      const meta = await sharp(made.jpeg!).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", width, height])
      expect(made.jpeg!.length).toBeLessThanOrEqual(2 * 1024 * 1024)
    }
  })

  it("a tall picture in 800×640: contain keeps it whole between white bands, crop fills", async () => {
    const contain = await sharp((await roomCoverOf("/img/tall.png", "contain", 800, 640)).jpeg!)
      .raw()
      .toBuffer({ resolveWithObject: true })
    const at = (d: typeof contain, x: number, y: number) => {
      const i = (y * d.info.width + x) * 3
      return { r: d.data[i], g: d.data[i + 1], b: d.data[i + 2] }
    }
    // 300×1200 → 160×640 at x 320…480.
    for (const y of [5, 320, 634]) {
      expect(isWhite(at(contain, 20, y)) && isWhite(at(contain, 300, y)) && isWhite(at(contain, 500, y)) && isWhite(at(contain, 780, y)), `band y=${y}`).toBe(
        true
      )
      expect(isWhite(at(contain, 330, y)) && isWhite(at(contain, 470, y)), `product y=${y}`).toBe(false)
    }
    const crop = await sharp((await roomCoverOf("/img/tall.png", "crop", 800, 640)).jpeg!)
      .raw()
      .toBuffer({ resolveWithObject: true })
    for (const [x, y] of [
      [0, 0],
      [799, 0],
      [0, 639],
      [799, 639]
    ])
      expect(isWhite(at(crop, x, y)), `crop (${x},${y})`).toBe(false)
  })
})
