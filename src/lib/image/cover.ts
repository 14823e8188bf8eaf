// WeChat 商品封面 (goods cover) from a HiMall product picture: 200×200 px, at most 50 KB.
//
// Runs in the background service worker, so it uses no DOM: `fetch`, `createImageBitmap`,
// `OffscreenCanvas` and `convertToBlob` only. Everything that can be pure is (`sniffImageType`,
// `imageDimensions`, `fitRect`, `searchQuality`, `largestImageUrl`) and unit-tested; the rest is
// checked in real Chromium (test/e2e/cover.test.ts).
//
// Measured in Chromium 156 (see the e2e test): `createImageBitmap(blob, { resizeWidth, … })`
// decodes the full image anyway (no time saved on a 4000×3000 JPEG) and, with
// `resizeQuality: "high"`, still aliases badly at large reductions (20×: noise survives, the
// cover's JPEG is 5× bigger and far from a proper area average). So the picture is decoded
// once at its own size and reduced by `drawImage` with `imageSmoothingQuality = "high"`
// (mipmapped), which matches sharp's Lanczos reduction within ~1.5 levels (of 255) on average
// and takes 80–160 ms for a 4000×3000 JPEG and 15–20 ms for a 2000×2000 PNG on a two-core
// machine. A header check refuses pictures whose pixel count could exhaust the worker's memory
// before decoding them.

/** WeChat's size for 商品封面, in pixels (square). */
const COVER_SIZE = 200
/** WeChat's byte limit for 商品封面: 50 KB. */
const COVER_MAX_BYTES = 50 * 1024
/** Largest download accepted for a product picture. */
const IMAGE_MAX_BYTES = 20 * 1024 * 1024
/** Largest picture decoded (pixels): 50 megapixels is 200 MB of RGBA in the worker. */
const IMAGE_MAX_PIXELS = 50_000_000
const IMAGE_TIMEOUT_MS = 15_000

/** How the picture is fitted into the square: whole on white, or filling it (centred crop). */
export type ImageFit = "contain" | "crop"

export type ImageType = "image/jpeg" | "image/png" | "image/gif" | "image/webp" | "image/bmp"

/**
 * Why no cover could be made; each has a `cover_problem_<code>` message (no substitutions;
 * the HTTP status behind `image_http_error` travels separately, as `status`).
 */
export type CoverProblem =
  | "image_missing"
  | "image_http_error"
  | "image_empty"
  | "image_not_image"
  | "image_too_large"
  | "image_timeout"
  | "image_network"
  | "decode_failed"
  | "encode_failed"
  | "budget_exceeded"

export const COVER_PROBLEMS: readonly CoverProblem[] = [
  "image_missing",
  "image_http_error",
  "image_empty",
  "image_not_image",
  "image_too_large",
  "image_timeout",
  "image_network",
  "decode_failed",
  "encode_failed",
  "budget_exceeded"
]

// ---------------------------------------------------------------------------------------------
// Bytes

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v)
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0))

/**
 * The image format of some bytes, by their magic numbers (never by Content-Type: HiMall's IIS
 * serves every product picture as image/png whatever it holds). Null for anything else (HTML,
 * empty, unknown formats).
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg"
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png"
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif"
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp"
  // "BM", then the file size, two reserved words and the pixel offset; a BITMAPINFOHEADER or later.
  if (startsWith(bytes, ascii("BM")) && bytes.length >= 26) {
    const headerSize = bytes[14] | (bytes[15] << 8) | (bytes[16] << 16) | (bytes[17] << 24)
    if ([12, 40, 52, 56, 64, 108, 124].includes(headerSize)) return "image/bmp"
  }
  return null
}

/**
 * Width and height as stored in the file header (before any EXIF rotation), or null when the
 * header is not in `bytes` or not understood. Only used to refuse oversized pictures early.
 */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  const type = sniffImageType(bytes)
  const be16 = (i: number) => (bytes[i] << 8) | bytes[i + 1]
  const le16 = (i: number) => bytes[i] | (bytes[i + 1] << 8)
  const be32 = (i: number) => ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0
  const le24 = (i: number) => bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16)
  const le32 = (i: number) => le24(i) | (bytes[i + 3] << 24) | 0
  const ok = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : null)
  switch (type) {
    case "image/png":
      return bytes.length >= 24 && String.fromCharCode(...bytes.subarray(12, 16)) === "IHDR" ? ok(be32(16), be32(20)) : null
    case "image/gif":
      return bytes.length >= 10 ? ok(le16(6), le16(8)) : null
    case "image/bmp":
      return bytes.length >= 26 ? ok(Math.abs(le32(18)), Math.abs(le32(22))) : null
    case "image/webp": {
      if (bytes.length < 30) return null
      const chunk = String.fromCharCode(...bytes.subarray(12, 16))
      if (chunk === "VP8X") return ok(le24(24) + 1, le24(27) + 1)
      if (chunk === "VP8L" && bytes[20] === 0x2f) {
        const bits = le32(21)
        return ok((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1)
      }
      if (chunk === "VP8 ") return ok(le16(26) & 0x3fff, le16(28) & 0x3fff)
      return null
    }
    case "image/jpeg": {
      // Walk the marker segments up to the first start-of-frame.
      let i = 2
      while (i + 9 < bytes.length) {
        if (bytes[i] !== 0xff) return null
        const marker = bytes[i + 1]
        if (marker === 0xff) {
          i++
          continue
        }
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          return ok(be16(i + 7), be16(i + 5))
        }
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
          i += 2
          continue
        }
        i += 2 + be16(i + 2)
      }
      return null
    }
    default:
      return null
  }
}

// ---------------------------------------------------------------------------------------------
// Geometry

export interface FitRect {
  /** Part of the source picture to draw. */
  sx: number
  sy: number
  sw: number
  sh: number
  /** Where it goes in the size×size square (whole pixels). */
  dx: number
  dy: number
  dw: number
  dh: number
}

/**
 * Where a srcW×srcH picture goes in a size×size square.
 * - `contain`: the whole picture, scaled (up or down) so its longer side fills the square,
 *   centred; the rest of the square stays white.
 * - `crop`: the square filled, the picture's centred square (side = its shorter side) scaled
 *   to it.
 */
export function fitRect(srcW: number, srcH: number, size: number, fit: ImageFit): FitRect {
  if (!(srcW > 0 && srcH > 0 && size > 0)) throw new RangeError(`fitRect: bad sizes ${srcW}×${srcH} → ${size}`)
  if (fit === "crop") {
    const side = Math.min(srcW, srcH)
    return { sx: (srcW - side) / 2, sy: (srcH - side) / 2, sw: side, sh: side, dx: 0, dy: 0, dw: size, dh: size }
  }
  const scale = size / Math.max(srcW, srcH)
  const dw = Math.min(size, Math.max(1, Math.round(srcW * scale)))
  const dh = Math.min(size, Math.max(1, Math.round(srcH * scale)))
  return { sx: 0, sy: 0, sw: srcW, sh: srcH, dx: Math.floor((size - dw) / 2), dy: Math.floor((size - dh) / 2), dw, dh }
}

// ---------------------------------------------------------------------------------------------
// Byte budget

export interface QualitySearchOptions {
  /** Quality tried first (and the best returned). */
  max?: number
  /** Lowest quality accepted. */
  min?: number
  /** Bisection steps between min and max after max failed. */
  steps?: number
}

export type QualitySearchResult =
  { ok: true; blob: Blob; quality: number; encodes: number } | { ok: false; problem: "budget_exceeded"; smallestBytes: number; encodes: number }

const round2 = (q: number) => Math.round(q * 100) / 100

/**
 * The highest quality whose encoding fits `maxBytes`: `max` first (usually enough for 200×200),
 * then a bisection between `min` and `max`, then `min` itself if nothing fitted. At most
 * `steps + 2` encodes. Assumes the size grows with the quality, as JPEG's does.
 */
export async function searchQuality(
  encode: (quality: number) => Promise<Blob>,
  maxBytes: number,
  { max = 0.92, min = 0.3, steps = 4 }: QualitySearchOptions = {}
): Promise<QualitySearchResult> {
  let encodes = 0
  const tryQuality = async (quality: number) => {
    encodes++
    return encode(quality)
  }
  const first = await tryQuality(max)
  if (first.size <= maxBytes) return { ok: true, blob: first, quality: max, encodes }
  let smallest = first.size
  if (min >= max) return { ok: false, problem: "budget_exceeded", smallestBytes: smallest, encodes }

  let lo = min // not yet known to fit
  let hi = max // known not to fit
  let best: { blob: Blob; quality: number } | null = null
  for (let i = 0; i < steps; i++) {
    const q = round2((lo + hi) / 2)
    if (q <= lo || q >= hi) break
    const blob = await tryQuality(q)
    smallest = Math.min(smallest, blob.size)
    if (blob.size <= maxBytes) {
      best = { blob, quality: q }
      lo = q
    } else {
      hi = q
    }
  }
  if (best) return { ok: true, ...best, encodes }
  const last = await tryQuality(min)
  if (last.size <= maxBytes) return { ok: true, blob: last, quality: min, encodes }
  return { ok: false, problem: "budget_exceeded", smallestBytes: Math.min(smallest, last.size), encodes }
}

// ---------------------------------------------------------------------------------------------
// Making the cover

export interface MakeCoverOptions {
  fit: ImageFit
  /** Side of the square, px (WeChat: 200). */
  size?: number
  /** Byte budget (WeChat: 50 KB). */
  maxBytes?: number
  /** Pictures with more pixels than this are refused before decoding (`image_too_large`). */
  maxPixels?: number
}

export type MakeCoverResult = { ok: true; blob: Blob; width: number; height: number; bytes: number; quality: number } | { ok: false; problem: CoverProblem }

/** Enough of the file for the header of any format (JPEG may carry EXIF/ICC segments first). */
const HEADER_BYTES = 256 * 1024

/**
 * A size×size JPEG cover from a picture (JPEG, PNG, GIF — first frame —, WebP or BMP): white
 * background (transparent pictures come out on white), the picture fitted (`fitRect`), EXIF
 * orientation applied, the highest JPEG quality that fits `maxBytes`.
 */
export async function makeCover(source: Blob, opts: MakeCoverOptions): Promise<MakeCoverResult> {
  const size = opts.size ?? COVER_SIZE
  return makeImage(source, {
    width: size,
    height: size,
    maxBytes: opts.maxBytes ?? COVER_MAX_BYTES,
    fit: opts.fit,
    maxPixels: opts.maxPixels
  })
}

// ---------------------------------------------------------------------------------------------
// Any rectangle (room images: 分享卡片封面 800×640 ≤ 1 MB, 直播间封面 1080×1920 ≤ 2 MB)

/**
 * Where a srcW×srcH picture goes in a width×height rectangle: `contain` scales the whole
 * picture to fit, centred on white; `crop` fills the rectangle with the picture's centred part
 * of the rectangle's proportions. For a square this is exactly `fitRect`.
 */
export function fitRectTo(srcW: number, srcH: number, width: number, height: number, fit: ImageFit): FitRect {
  if (!(srcW > 0 && srcH > 0 && width > 0 && height > 0)) throw new RangeError(`fitRectTo: bad sizes ${srcW}×${srcH} → ${width}×${height}`)
  // A square is fitRect's own case (its crop takes the shorter side as it is, with no rounding).
  if (width === height) return fitRect(srcW, srcH, width, fit)
  if (fit === "crop") {
    // The largest part of the source with the target's aspect ratio.
    const scale = Math.min(srcW / width, srcH / height)
    const sw = width * scale
    const sh = height * scale
    return { sx: (srcW - sw) / 2, sy: (srcH - sh) / 2, sw, sh, dx: 0, dy: 0, dw: width, dh: height }
  }
  const scale = Math.min(width / srcW, height / srcH)
  const dw = Math.min(width, Math.max(1, Math.round(srcW * scale)))
  const dh = Math.min(height, Math.max(1, Math.round(srcH * scale)))
  return { sx: 0, sy: 0, sw: srcW, sh: srcH, dx: Math.floor((width - dw) / 2), dy: Math.floor((height - dh) / 2), dw, dh }
}

export interface MakeImageOptions {
  width: number
  height: number
  /** Byte budget of the JPEG. */
  maxBytes: number
  fit: ImageFit
  /** Pictures with more pixels than this are refused before decoding (`image_too_large`). */
  maxPixels?: number
}

/**
 * A width×height JPEG from a picture (JPEG, PNG, GIF — first frame —, WebP or BMP): white
 * background (transparent pictures come out on white), the picture fitted by `fitRectTo`
 * (`fitRect` for a square), EXIF orientation applied, the highest JPEG quality that fits
 * `maxBytes`. Worker-safe; `makeCover` is this for a square.
 */
export async function makeImage(source: Blob, opts: MakeImageOptions): Promise<MakeCoverResult> {
  const { width, height, maxBytes } = opts
  const maxPixels = opts.maxPixels ?? IMAGE_MAX_PIXELS
  if (source.size === 0) return { ok: false, problem: "image_empty" }
  let head: Uint8Array
  try {
    head = new Uint8Array(await source.slice(0, HEADER_BYTES).arrayBuffer())
  } catch {
    return { ok: false, problem: "decode_failed" }
  }
  if (!sniffImageType(head)) return { ok: false, problem: "image_not_image" }
  const dims = imageDimensions(head)
  if (dims && dims.width * dims.height > maxPixels) return { ok: false, problem: "image_too_large" }
  let bitmap: ImageBitmap
  try {
    // The whole picture at its own size: see the note at the top on resize options.
    bitmap = await createImageBitmap(source)
  } catch {
    return { ok: false, problem: "decode_failed" }
  }
  try {
    if (!bitmap.width || !bitmap.height) return { ok: false, problem: "decode_failed" }
    if (bitmap.width * bitmap.height > maxPixels) return { ok: false, problem: "image_too_large" }
    let canvas: OffscreenCanvas
    let ctx: OffscreenCanvasRenderingContext2D | null
    try {
      canvas = new OffscreenCanvas(width, height)
      ctx = canvas.getContext("2d", { alpha: false })
    } catch {
      return { ok: false, problem: "encode_failed" }
    }
    if (!ctx) return { ok: false, problem: "encode_failed" }
    // White first: JPEG has no alpha, and what is transparent must read as white, not black.
    ctx.fillStyle = "#ffffff"
    ctx.fillRect(0, 0, width, height)
    ctx.imageSmoothingEnabled = true
    ctx.imageSmoothingQuality = "high"
    const r = fitRectTo(bitmap.width, bitmap.height, width, height, opts.fit)
    ctx.drawImage(bitmap, r.sx, r.sy, r.sw, r.sh, r.dx, r.dy, r.dw, r.dh)
    let found: QualitySearchResult
    try {
      found = await searchQuality(async (quality) => {
        const blob = await canvas.convertToBlob({ type: "image/jpeg", quality })
        // A browser without a JPEG encoder answers PNG instead: never pass that on as a cover.
        if (blob.type !== "image/jpeg") throw new Error(`encoder answered ${blob.type}`)
        return blob
      }, maxBytes)
    } catch {
      return { ok: false, problem: "encode_failed" }
    }
    if (!found.ok) return { ok: false, problem: found.problem }
    return { ok: true, blob: found.blob, width, height, bytes: found.blob.size, quality: found.quality }
  } finally {
    bitmap.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Fetching

export interface FetchImageOptions {
  timeoutMs?: number
  maxBytes?: number
  fetchImpl?: typeof fetch
}

export type FetchImageResult = { ok: true; blob: Blob; type: ImageType } | { ok: false; problem: CoverProblem; status?: number }

class Timeout extends Error {}

/**
 * A product picture's bytes, checked: HTTP success, not empty, at most `maxBytes` (by
 * Content-Length when given, and while reading), an image by its magic bytes (the returned
 * blob's type is the sniffed one). The whole exchange, body included, is bounded by `timeoutMs`.
 */
export async function fetchImage(url: string, opts: FetchImageOptions = {}): Promise<FetchImageResult> {
  const { timeoutMs = IMAGE_TIMEOUT_MS, maxBytes = IMAGE_MAX_BYTES } = opts
  const fetchImpl = opts.fetchImpl ?? fetch
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  // Rejects at the deadline even if the fetch implementation ignores the abort signal.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Timeout())
      controller.abort()
    }, timeoutMs)
  })
  deadline.catch(() => undefined)
  const bounded = <T>(p: Promise<T>) => Promise.race([p, deadline])
  const failed = (e: unknown): FetchImageResult => ({
    ok: false,
    problem: e instanceof Timeout || controller.signal.aborted ? "image_timeout" : "image_network"
  })

  try {
    let res: Response
    try {
      res = await bounded(fetchImpl(url, { signal: controller.signal }))
    } catch (e) {
      return failed(e)
    }
    if (!res.ok) {
      void res.body?.cancel().catch(() => undefined)
      return { ok: false, problem: "image_http_error", status: res.status }
    }
    const declared = Number(res.headers.get("content-length") ?? NaN)
    if (declared > maxBytes) {
      void res.body?.cancel().catch(() => undefined)
      return { ok: false, problem: "image_too_large" }
    }
    let bytes: Uint8Array | "too_large"
    try {
      bytes = await bounded(readCapped(res, maxBytes))
    } catch (e) {
      return failed(e)
    }
    if (bytes === "too_large") return { ok: false, problem: "image_too_large" }
    if (bytes.length === 0) return { ok: false, problem: "image_empty" }
    const type = sniffImageType(bytes)
    if (!type) return { ok: false, problem: "image_not_image" }
    return { ok: true, blob: new Blob([bytes], { type }), type }
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
}

/** The body, or "too_large" as soon as it passes maxBytes (the rest is not downloaded). */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | "too_large"> {
  const reader = res.body?.getReader()
  if (!reader) {
    const buf = new Uint8Array(await res.arrayBuffer())
    return buf.length > maxBytes ? "too_large" : buf
  }
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined)
      return "too_large"
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// HiMall picture URLs

/** `/Storage/Shop/{shopId}/Products/{id}/{n}_{size}.{ext}`: a HiMall thumbnail of picture n. */
const HIMALL_THUMB = /^(.*\/Products\/\d+\/\d+)_\d+(\.[A-Za-z0-9]+)$/i

/**
 * The original of a HiMall product picture: `…/Products/19/1_220.png` → `…/Products/19/1.png`
 * (HiMall keeps 1_50, 1_100, 1_150, 1_220 and 1_350 beside it). Any other URL comes back
 * unchanged.
 */
export function largestImageUrl(url: string): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return url
  }
  const m = u.pathname.match(HIMALL_THUMB)
  if (!m) return url
  u.pathname = `${m[1]}${m[2]}`
  return u.toString()
}

/** URLs to try for a product picture, best first: the original, then the given one. */
export function imageCandidates(url: string): string[] {
  const largest = largestImageUrl(url)
  return largest === url ? [url] : [largest, url]
}
