// The cover maker's pure parts and the cover cache. Decoding and encoding need a real browser:
// see test/e2e/cover.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { coverToDataUrl, getCover, RETRY_FAILED_MS } from "~background/covers"
import { HelperDb } from "~db/schema"
import {
  COVER_PROBLEMS,
  fetchImage,
  fitRect,
  imageCandidates,
  imageDimensions,
  largestImageUrl,
  searchQuality,
  sniffImageType,
  type makeCover,
  type MakeCoverResult
} from "~lib/image/cover"

import { loadMessages, getMessageFrom } from "../support/fake-chrome"
import { productRecord, SHOP } from "../support/factories"

// Headers of real files (first bytes as encoders write them).
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x03, 0x20, 0, 0, 0x02, 0x58, 8, 6, 0, 0, 0]
const GIF = [...Buffer.from("GIF89a"), 0xf4, 0x01, 0x2c, 0x01, 0xf7, 0, 0]
const WEBP = [...Buffer.from("RIFF"), 0x24, 0, 0, 0, ...Buffer.from("WEBPVP8X"), 10, 0, 0, 0, 0x10, 0, 0, 0, 0x1f, 0x03, 0, 0x57, 0x02, 0]
const bytes = (a: number[] | string) => (typeof a === "string" ? new TextEncoder().encode(a) : new Uint8Array(a))

describe("sniffImageType", () => {
  it("recognises JPEG, PNG, GIF, WebP and BMP by their magic bytes", () => {
    expect(sniffImageType(bytes(JPEG))).toBe("image/jpeg")
    expect(sniffImageType(bytes(PNG))).toBe("image/png")
    expect(sniffImageType(bytes(GIF))).toBe("image/gif")
    expect(sniffImageType(bytes([...Buffer.from("GIF87a"), 1, 0, 1, 0]))).toBe("image/gif")
    expect(sniffImageType(bytes(WEBP))).toBe("image/webp")
    const bmp = new Uint8Array(54)
    bmp.set([0x42, 0x4d])
    bmp[14] = 40
    expect(sniffImageType(bmp)).toBe("image/bmp")
  })

  it("refuses HTML, text, empty and truncated bytes", () => {
    expect(sniffImageType(bytes("<!DOCTYPE html><html><head><title>登录</title>"))).toBeNull()
    expect(sniffImageType(bytes("   <html>"))).toBeNull()
    expect(sniffImageType(bytes("BM is not a bitmap, it is a sentence"))).toBeNull()
    expect(sniffImageType(new Uint8Array(0))).toBeNull()
    expect(sniffImageType(bytes([0xff, 0xd8]))).toBeNull()
    expect(sniffImageType(bytes(PNG.slice(0, 7)))).toBeNull()
    expect(sniffImageType(bytes([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WAVE")]))).toBeNull()
  })
})

describe("imageDimensions", () => {
  it("reads the stored size from PNG, GIF and WebP headers", () => {
    expect(imageDimensions(bytes(PNG))).toEqual({ width: 800, height: 600 })
    expect(imageDimensions(bytes(GIF))).toEqual({ width: 500, height: 300 })
    expect(imageDimensions(bytes(WEBP))).toEqual({ width: 800, height: 600 })
  })

  it("walks JPEG segments to the frame header", () => {
    // SOI, APP0 (16 bytes), DQT stub (4 bytes), SOF0 with height 3000 and width 4000.
    const jpeg = [
      0xff,
      0xd8,
      0xff,
      0xe0,
      0,
      16,
      ...new Array(14).fill(0),
      0xff,
      0xdb,
      0,
      4,
      0,
      0,
      0xff,
      0xc0,
      0,
      17,
      8,
      0x0b,
      0xb8,
      0x0f,
      0xa0,
      3,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0
    ]
    expect(imageDimensions(bytes(jpeg))).toEqual({ width: 4000, height: 3000 })
    expect(imageDimensions(bytes(JPEG))).toBeNull()
    expect(imageDimensions(bytes("<html>"))).toBeNull()
  })
})

describe("fitRect", () => {
  it("contain: a wide picture fills the width, centred with white bands above and below", () => {
    expect(fitRect(1200, 300, 200, "contain")).toEqual({ sx: 0, sy: 0, sw: 1200, sh: 300, dx: 0, dy: 75, dw: 200, dh: 50 })
  })
  it("contain: a tall picture fills the height, centred", () => {
    expect(fitRect(300, 1200, 200, "contain")).toEqual({ sx: 0, sy: 0, sw: 300, sh: 1200, dx: 75, dy: 0, dw: 50, dh: 200 })
  })
  it("contain: a square fills the square; small pictures are scaled up", () => {
    expect(fitRect(2000, 2000, 200, "contain")).toEqual({ sx: 0, sy: 0, sw: 2000, sh: 2000, dx: 0, dy: 0, dw: 200, dh: 200 })
    expect(fitRect(50, 100, 200, "contain")).toEqual({ sx: 0, sy: 0, sw: 50, sh: 100, dx: 50, dy: 0, dw: 100, dh: 200 })
  })
  it("contain: odd remainders stay on whole pixels", () => {
    const r = fitRect(4000, 3000, 200, "contain")
    expect(r).toMatchObject({ dx: 0, dw: 200, dh: 150, dy: 25 })
    const odd = fitRect(1000, 333, 200, "contain")
    expect(Number.isInteger(odd.dy) && Number.isInteger(odd.dh)).toBe(true)
    expect(odd.dy * 2 + odd.dh).toBeGreaterThanOrEqual(199)
  })
  it("crop: the centred square of the picture fills the cover", () => {
    expect(fitRect(1200, 300, 200, "crop")).toEqual({ sx: 450, sy: 0, sw: 300, sh: 300, dx: 0, dy: 0, dw: 200, dh: 200 })
    expect(fitRect(300, 1200, 200, "crop")).toEqual({ sx: 0, sy: 450, sw: 300, sh: 300, dx: 0, dy: 0, dw: 200, dh: 200 })
    expect(fitRect(4000, 3000, 200, "crop")).toEqual({ sx: 500, sy: 0, sw: 3000, sh: 3000, dx: 0, dy: 0, dw: 200, dh: 200 })
    expect(fitRect(600, 600, 200, "crop")).toEqual({ sx: 0, sy: 0, sw: 600, sh: 600, dx: 0, dy: 0, dw: 200, dh: 200 })
  })
  it("refuses empty sizes", () => {
    expect(() => fitRect(0, 10, 200, "contain")).toThrow(RangeError)
  })
})

/** An encoder whose output grows with quality: `perQuality` bytes per unit of quality. */
function fakeEncoder(perQuality: number, base = 0) {
  const calls: number[] = []
  const encode = async (q: number) => {
    calls.push(q)
    return new Blob([new Uint8Array(Math.round(base + q * perQuality))], { type: "image/jpeg" })
  }
  return { encode, calls }
}

describe("searchQuality", () => {
  it("keeps the first quality (0.92) when it fits, with one encode", async () => {
    const { encode, calls } = fakeEncoder(40_000)
    const r = await searchQuality(encode, 51_200)
    expect(r).toMatchObject({ ok: true, quality: 0.92, encodes: 1 })
    expect(calls).toEqual([0.92])
  })

  it("finds a high quality that fits when 0.92 does not, in a few encodes", async () => {
    // 100 000 bytes per unit: 0.512 is exactly the budget.
    const { encode, calls } = fakeEncoder(100_000)
    const r = await searchQuality(encode, 51_200)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.blob.size).toBeLessThanOrEqual(51_200)
    expect(r.quality).toBeLessThanOrEqual(0.512)
    expect(r.quality).toBeGreaterThan(0.45)
    expect(calls.length).toBeLessThanOrEqual(6)
    expect(r.encodes).toBe(calls.length)
  })

  it("returns the best fitting quality seen, never one over budget", async () => {
    for (const per of [60_000, 80_000, 120_000, 150_000]) {
      const { encode, calls } = fakeEncoder(per)
      const r = await searchQuality(encode, 51_200)
      expect(r.ok).toBe(true)
      if (!r.ok) continue
      expect(r.blob.size).toBeLessThanOrEqual(51_200)
      expect(calls.length).toBeLessThanOrEqual(6)
      // No quality between the answer and the next step above it would also have fitted.
      expect(Math.round((r.quality + 0.05) * per)).toBeGreaterThan(51_200)
    }
  })

  it("falls back to the lowest quality when only that fits", async () => {
    // 25 000 + 100 000 × q bytes: 0.3 makes exactly the 55 000 budget, 0.31 does not.
    const { encode, calls } = fakeEncoder(100_000, 25_000)
    const r = await searchQuality(encode, 55_000)
    expect(r).toMatchObject({ ok: true, quality: 0.3 })
    expect(calls.at(-1)).toBe(0.3)
    expect(calls.length).toBeLessThanOrEqual(6)
  })

  it("reports budget_exceeded when even the lowest quality is too big", async () => {
    const { encode, calls } = fakeEncoder(10_000, 60_000)
    const r = await searchQuality(encode, 51_200)
    expect(r).toMatchObject({ ok: false, problem: "budget_exceeded", smallestBytes: 63_000 })
    expect(calls).toContain(0.3)
    expect(calls.length).toBeLessThanOrEqual(6)
  })
})

/** A fetch answering from a table of URL → Response factories, recording the calls. */
function fakeFetch(routes: Record<string, () => Response | Promise<Response>>) {
  const calls: string[] = []
  const impl = (async (input: RequestInfo | URL) => {
    const url = String(input)
    calls.push(url)
    const route = routes[url]
    if (!route) return new Response("<html>404</html>", { status: 404, headers: { "content-type": "text/html" } })
    return route()
  }) as typeof fetch
  return { impl, calls }
}
const png =
  (body: BodyInit = bytes(PNG)) =>
  () =>
    new Response(body, { status: 200, headers: { "content-type": "image/png" } })

describe("fetchImage", () => {
  it("answers the bytes with the sniffed type, whatever the Content-Type says", async () => {
    const { impl } = fakeFetch({ "https://s/a.png": png(bytes(GIF)) })
    const r = await fetchImage("https://s/a.png", { fetchImpl: impl })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.type).toBe("image/gif")
    expect(r.blob.type).toBe("image/gif")
    expect(r.blob.size).toBe(GIF.length)
  })

  it("image_http_error with the status on 404", async () => {
    const { impl } = fakeFetch({})
    expect(await fetchImage("https://s/missing.png", { fetchImpl: impl })).toEqual({ ok: false, problem: "image_http_error", status: 404 })
  })

  it("image_empty on a 0-byte body", async () => {
    const { impl } = fakeFetch({ "https://s/e.png": png(new Uint8Array(0)) })
    expect(await fetchImage("https://s/e.png", { fetchImpl: impl })).toEqual({ ok: false, problem: "image_empty" })
  })

  it("image_not_image on an HTML page served as image/png (an expired session)", async () => {
    const { impl } = fakeFetch({ "https://s/h.png": png("<!DOCTYPE html><html><body>请登录</body></html>") })
    expect(await fetchImage("https://s/h.png", { fetchImpl: impl })).toEqual({ ok: false, problem: "image_not_image" })
  })

  it("image_timeout when the server never answers (the fetch is aborted)", async () => {
    let aborted = false
    const impl = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener("abort", () => {
          aborted = true
          reject(new DOMException("aborted", "AbortError"))
        })
      })) as typeof fetch
    expect(await fetchImage("https://s/slow.png", { fetchImpl: impl, timeoutMs: 30 })).toEqual({ ok: false, problem: "image_timeout" })
    expect(aborted).toBe(true)
  })

  it("image_timeout even when the fetch ignores the abort signal", async () => {
    const impl = (() => new Promise<Response>(() => undefined)) as typeof fetch
    expect(await fetchImage("https://s/slow.png", { fetchImpl: impl, timeoutMs: 30 })).toEqual({ ok: false, problem: "image_timeout" })
  })

  it("image_timeout when the body stalls after the headers", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes(JPEG))
      }
    })
    const { impl } = fakeFetch({ "https://s/stall.png": png(stalled) })
    expect(await fetchImage("https://s/stall.png", { fetchImpl: impl, timeoutMs: 30 })).toEqual({ ok: false, problem: "image_timeout" })
  })

  it("image_too_large by Content-Length, without reading the body", async () => {
    const { impl } = fakeFetch({
      "https://s/big.png": () => new Response(bytes(JPEG), { headers: { "content-type": "image/png", "content-length": String(30 * 1024 * 1024) } })
    })
    expect(await fetchImage("https://s/big.png", { fetchImpl: impl })).toEqual({ ok: false, problem: "image_too_large" })
  })

  it("image_too_large while reading when no length is declared", async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(64 * 1024).fill(0xff))
      }
    })
    const { impl } = fakeFetch({ "https://s/endless.png": png(stream) })
    expect(await fetchImage("https://s/endless.png", { fetchImpl: impl, maxBytes: 1024 * 1024 })).toEqual({ ok: false, problem: "image_too_large" })
  })

  it("image_network when the connection fails", async () => {
    const impl = (async () => {
      throw new TypeError("Failed to fetch")
    }) as typeof fetch
    expect(await fetchImage("https://s/x.png", { fetchImpl: impl })).toEqual({ ok: false, problem: "image_network" })
  })
})

describe("largestImageUrl", () => {
  it("turns a HiMall thumbnail into its original", () => {
    expect(largestImageUrl(`${SHOP}/Storage/Shop/1/Products/19/1_220.png`)).toBe(`${SHOP}/Storage/Shop/1/Products/19/1.png`)
    for (const size of [50, 100, 150, 350]) {
      expect(largestImageUrl(`${SHOP}/Storage/Shop/7/Products/700/1_${size}.png`)).toBe(`${SHOP}/Storage/Shop/7/Products/700/1.png`)
    }
    expect(largestImageUrl(`${SHOP}/storage/shop/1/products/19/2_350.jpg?v=3`)).toBe(`${SHOP}/storage/shop/1/products/19/2.jpg?v=3`)
  })
  it("leaves originals and other URLs alone", () => {
    expect(largestImageUrl(`${SHOP}/Storage/Shop/1/Products/19/1.png`)).toBe(`${SHOP}/Storage/Shop/1/Products/19/1.png`)
    expect(largestImageUrl(`${SHOP}/images/photo_220.png`)).toBe(`${SHOP}/images/photo_220.png`)
    expect(largestImageUrl("not a url")).toBe("not a url")
  })
  it("lists the original first and the given URL as the fallback", () => {
    expect(imageCandidates(`${SHOP}/Storage/Shop/1/Products/19/1_220.png`)).toEqual([
      `${SHOP}/Storage/Shop/1/Products/19/1.png`,
      `${SHOP}/Storage/Shop/1/Products/19/1_220.png`
    ])
    expect(imageCandidates(`${SHOP}/a.png`)).toEqual([`${SHOP}/a.png`])
  })
})

describe("cover problem messages", () => {
  it("every problem code has a message in both locales, without substitutions", () => {
    for (const lang of ["zh_CN", "en"] as const) {
      const messages = loadMessages(lang)
      for (const p of COVER_PROBLEMS) {
        const text = getMessageFrom(messages, `cover_problem_${p}`)
        expect(text, `${lang} cover_problem_${p}`).not.toBe("")
        expect(messages[`cover_problem_${p}`].message).not.toMatch(/\$/)
      }
    }
  })
})

// ---------------------------------------------------------------------------------------------
// getCover: the cache in `covers`. Note: fake-indexeddb under jsdom cannot structured-clone
// jsdom's Blob (it comes back as `{}`), so these tests check the record's fields, not its bytes;
// Chromium's IndexedDB keeps Blobs.

const product = productRecord()
const ORIGINAL = `${SHOP}/Storage/Shop/1/Products/19/1.png`
const THUMB = product.imageUrl!

/** A makeCover stand-in (jsdom has no canvas): a tiny "JPEG" per call. */
function fakeMake(result?: MakeCoverResult) {
  const calls: { size: number; fit: string }[] = []
  const make = (async (source: Blob, opts: { fit: string }) => {
    calls.push({ size: source.size, fit: opts.fit })
    return result ?? { ok: true, blob: new Blob([bytes(JPEG)], { type: "image/jpeg" }), width: 200, height: 200, bytes: JPEG.length, quality: 0.92 }
  }) as typeof makeCover
  return { make, calls }
}

let db: HelperDb
let n = 0
beforeEach(async () => {
  db = new HelperDb(`cover-test-${n++}`)
  await db.open()
})
afterEach(async () => {
  await db.delete()
})

describe("getCover", () => {
  it("makes the cover from the original picture, stores it, then answers from the cache", async () => {
    const net = fakeFetch({ [ORIGINAL]: png() })
    const { make, calls } = fakeMake()
    const first = await getCover(db, product, "contain", { now: 1000, fetchImpl: net.impl, make })
    expect(first.cached).toBe(false)
    expect(first.record).toMatchObject({
      productKey: product.key,
      sourceUrl: THUMB,
      fit: "contain",
      madeAt: 1000,
      width: 200,
      height: 200,
      quality: 0.92,
      problem: null,
      fetchedUrl: ORIGINAL
    })
    expect(net.calls).toEqual([ORIGINAL])
    expect(calls).toEqual([{ size: PNG.length, fit: "contain" }])
    expect(await db.covers.get(product.key)).toMatchObject({ sourceUrl: THUMB, fit: "contain", problem: null, bytes: JPEG.length })

    const second = await getCover(db, product, "contain", { now: 5_000_000, fetchImpl: net.impl, make })
    expect(second.cached).toBe(true)
    expect(second.record).toMatchObject({ madeAt: 1000, problem: null })
    expect(net.calls).toHaveLength(1)
    expect(calls).toHaveLength(1)
  })

  it("falls back to the page's picture when the original is 404", async () => {
    const net = fakeFetch({ [THUMB]: png() })
    const { make } = fakeMake()
    const r = await getCover(db, product, "contain", { now: 1, fetchImpl: net.impl, make })
    expect(net.calls).toEqual([ORIGINAL, THUMB])
    expect(r.record).toMatchObject({ problem: null, fetchedUrl: THUMB, sourceUrl: THUMB })
  })

  it("remakes when the fit or the picture URL changes", async () => {
    const other = `${SHOP}/Storage/Shop/1/Products/19/2_220.png`
    const net = fakeFetch({ [ORIGINAL]: png(), [`${SHOP}/Storage/Shop/1/Products/19/2.png`]: png() })
    const { make, calls } = fakeMake()
    await getCover(db, product, "contain", { now: 1, fetchImpl: net.impl, make })
    const crop = await getCover(db, product, "crop", { now: 2, fetchImpl: net.impl, make })
    expect(crop).toMatchObject({ cached: false, record: { fit: "crop", madeAt: 2 } })
    const moved = await getCover(db, { ...product, imageUrl: other }, "crop", { now: 3, fetchImpl: net.impl, make })
    expect(moved).toMatchObject({ cached: false, record: { sourceUrl: other, madeAt: 3 } })
    expect(calls.map((c) => c.fit)).toEqual(["contain", "crop", "crop"])
    expect(await db.covers.count()).toBe(1)
    expect(await db.covers.get(product.key)).toMatchObject({ sourceUrl: other, fit: "crop" })
  })

  it("stores a failure, answers it from the cache for 10 minutes, then retries", async () => {
    const net = fakeFetch({})
    const { make, calls } = fakeMake()
    const failed = await getCover(db, product, "contain", { now: 1000, fetchImpl: net.impl, make })
    expect(failed).toMatchObject({ cached: false, record: { problem: "image_http_error", httpStatus: 404, blob: null, bytes: 0 } })
    expect(net.calls).toEqual([ORIGINAL, THUMB])
    expect(await db.covers.get(product.key)).toMatchObject({ problem: "image_http_error", madeAt: 1000 })

    const soon = await getCover(db, product, "contain", { now: 1000 + RETRY_FAILED_MS - 1, fetchImpl: net.impl, make })
    expect(soon).toMatchObject({ cached: true, record: { problem: "image_http_error", madeAt: 1000 } })
    expect(net.calls).toHaveLength(2)

    // The picture is back: the retry after 10 minutes makes the cover.
    const back = fakeFetch({ [ORIGINAL]: png() })
    const later = await getCover(db, product, "contain", { now: 1000 + RETRY_FAILED_MS, fetchImpl: back.impl, make })
    expect(later).toMatchObject({ cached: false, record: { problem: null, madeAt: 1000 + RETRY_FAILED_MS } })
    expect(calls).toHaveLength(1)
  })

  it("force remakes a stored failure (and a stored cover) at once", async () => {
    const { make, calls } = fakeMake()
    await getCover(db, product, "contain", { now: 1000, fetchImpl: fakeFetch({}).impl, make })
    const net = fakeFetch({ [ORIGINAL]: png() })
    const forced = await getCover(db, product, "contain", { now: 2000, fetchImpl: net.impl, make, force: true })
    expect(forced).toMatchObject({ cached: false, record: { problem: null, madeAt: 2000 } })
    const again = await getCover(db, product, "contain", { now: 3000, fetchImpl: net.impl, make, force: true })
    expect(again).toMatchObject({ cached: false, record: { madeAt: 3000 } })
    expect(calls).toHaveLength(2)
  })

  it("stores the maker's problem (the thumbnail is tried too)", async () => {
    const net = fakeFetch({ [ORIGINAL]: png(), [THUMB]: png() })
    const { make, calls } = fakeMake({ ok: false, problem: "decode_failed" })
    const r = await getCover(db, product, "crop", { now: 1, fetchImpl: net.impl, make })
    expect(r.record).toMatchObject({ problem: "decode_failed", blob: null, fetchedUrl: THUMB })
    expect(calls).toHaveLength(2)
  })

  it("does not wait twice for a server that timed out", async () => {
    const impl = vi.fn(
      ((_u: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))) as typeof fetch
    )
    const r = await getCover(db, product, "contain", { now: 1, fetchImpl: impl, make: fakeMake().make, timeoutMs: 20 })
    expect(r.record.problem).toBe("image_timeout")
    expect(impl).toHaveBeenCalledTimes(1)
  })

  it("image_missing for a product without a picture, not stored", async () => {
    const net = fakeFetch({})
    const r = await getCover(db, productRecord({ imageUrl: null }), "contain", { now: 1, fetchImpl: net.impl, make: fakeMake().make })
    expect(r).toMatchObject({ cached: false, record: { problem: "image_missing", blob: null } })
    expect(net.calls).toEqual([])
    expect(await db.covers.count()).toBe(0)
  })

  it("simultaneous calls share one job", async () => {
    const net = fakeFetch({ [ORIGINAL]: png() })
    const { make, calls } = fakeMake()
    const [a, b] = await Promise.all([
      getCover(db, product, "contain", { now: 1, fetchImpl: net.impl, make }),
      getCover(db, product, "contain", { now: 1, fetchImpl: net.impl, make })
    ])
    expect(a.record.problem).toBeNull()
    expect(b.record.problem).toBeNull()
    expect(net.calls).toHaveLength(1)
    expect(calls).toHaveLength(1)
  })
})

describe("coverToDataUrl", () => {
  it("encodes the bytes as a base64 data URL, large blobs included", async () => {
    expect(await coverToDataUrl(new Blob([bytes(JPEG)], { type: "image/jpeg" }))).toBe(`data:image/jpeg;base64,${Buffer.from(JPEG).toString("base64")}`)
    const big = new Uint8Array(100_000).map((_, i) => (i * 31) & 0xff)
    expect(await coverToDataUrl(new Blob([big], { type: "image/jpeg" }))).toBe(`data:image/jpeg;base64,${Buffer.from(big).toString("base64")}`)
  })
})
