// Product images of the HiMall sandbox, generated with sharp on first request and cached.
//
// HiMall stores a product's original as /Storage/Shop/{shopId}/Products/{id}/1.png and its
// thumbnails beside it as 1_50.png, 1_100.png, 1_150.png, 1_220.png and 1_350.png. IIS serves
// them as static files, so the Content-Type follows the file name: always `image/png`, even
// when the bytes are JPEG, GIF or WebP (what merchants upload is stored under the .png name).
//
// Originals per image kind (see ImageKind in seed.ts): JPEG/PNG/GIF/WebP bytes at the sizes
// documented there. Thumbnails keep the original's encoding and are exactly N×N: the
// original is scaled to fit (never enlarged beyond N) and centred on white, or on a
// transparent background for the alpha kinds.
import { crc32, deflateSync } from "node:zlib"

import sharp from "sharp"

import type { ImageKind } from "./seed"

export const THUMB_SIZES = [50, 100, 150, 220, 350]

/** Delay of the `slow` kind, in milliseconds. */
export const SLOW_DELAY_MS = 10_000

interface Spec {
  width: number
  height: number
  format: "jpeg" | "png" | "gif" | "webp"
  alpha: boolean
  cmyk?: boolean
  /** Amplitude of the per-pixel noise that makes the bytes compress like a photo. */
  noise: number
}

const SPECS: Partial<Record<ImageKind, Spec>> = {
  jpeg: { width: 800, height: 800, format: "jpeg", alpha: false, noise: 10 },
  slow: { width: 800, height: 800, format: "jpeg", alpha: false, noise: 10 },
  photo: { width: 4000, height: 3000, format: "jpeg", alpha: false, noise: 28 },
  png: { width: 800, height: 800, format: "png", alpha: false, noise: 0 },
  "alpha-2000": { width: 2000, height: 2000, format: "png", alpha: true, noise: 0 },
  "alpha-600": { width: 600, height: 600, format: "png", alpha: true, noise: 0 },
  gif: { width: 500, height: 500, format: "gif", alpha: false, noise: 0 },
  webp: { width: 800, height: 800, format: "webp", alpha: false, noise: 6 },
  cmyk: { width: 800, height: 800, format: "jpeg", alpha: false, cmyk: true, noise: 6 },
  tall: { width: 800, height: 2400, format: "jpeg", alpha: false, noise: 8 },
  wide: { width: 2400, height: 800, format: "jpeg", alpha: false, noise: 8 }
}

/** The `huge` kind's original: more pixels than a browser should decode for a 200×200 cover. */
export const HUGE_SIZE = { width: 12000, height: 9000 }
/** The `heavy` kind's original is at least this many bytes. */
export const HEAVY_BYTES = 30 * 1024 * 1024

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, "latin1"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A valid 12000×9000 PNG, 1-bit grey: white with a dark square in the middle, ~20 KB. */
function hugePng(): Buffer {
  const { width, height } = HUGE_SIZE
  const stride = 1 + width / 8
  const raw = Buffer.alloc(stride * height, 0xff)
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0 // filter type: none
    if (y >= height / 3 && y < (2 * height) / 3) raw.fill(0x00, y * stride + 1 + width / 24, y * stride + 1 + width / 12)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 1 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", ihdr), pngChunk("IDAT", deflateSync(raw, { level: 9 })), pngChunk("IEND", Buffer.alloc(0))])
}

/** The `png` kind's original with a private ancillary chunk (`prVt`, skipped by decoders) making it 30 MB. */
async function heavyPng(id: number): Promise<Buffer> {
  const picture = await productImage(id, "png", 0)!
  const block = Buffer.alloc(1024 * 1024)
  const rand = rng(id)
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((rand() * 0x100000000) >>> 0, i)
  const padding = Buffer.concat(Array.from({ length: Math.ceil(HEAVY_BYTES / block.length) }, () => block))
  const iend = picture.length - 12 // the IEND chunk is the last 12 bytes
  return Buffer.concat([picture.subarray(0, iend), pngChunk("prVt", padding), picture.subarray(iend)])
}

/** The original's size and encoding for an image kind, or undefined for the bad cases. */
export function imageSpec(kind: ImageKind): Spec | undefined {
  return SPECS[kind]
}

/** Deterministic PRNG (mulberry32): numbers in [0, 1). */
export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One product drawn in a square cell of side `s` at (x, y): a suitcase-like body on a shadow. */
function productShape(x: number, y: number, s: number, hue: number, id: number): string {
  const bw = s * 0.46
  const bh = s * 0.62
  const bx = x + (s - bw) / 2
  const by = y + s * 0.14
  const ridges = [1, 2, 3, 4]
    .map(
      (i) =>
        `<rect x="${bx + (bw * i) / 5 - s * 0.012}" y="${by + s * 0.05}" width="${s * 0.024}" height="${bh - s * 0.1}" rx="${s * 0.01}" fill="hsl(${hue},30%,70%)" opacity="0.55"/>`
    )
    .join("")
  return `
    <ellipse cx="${x + s / 2}" cy="${by + bh + s * 0.06}" rx="${bw * 0.62}" ry="${s * 0.035}" fill="#000" opacity="0.25"/>
    <rect x="${x + s / 2 - s * 0.08}" y="${by - s * 0.07}" width="${s * 0.16}" height="${s * 0.09}" rx="${s * 0.02}" fill="none" stroke="hsl(${hue},20%,25%)" stroke-width="${s * 0.018}"/>
    <rect x="${bx}" y="${by}" width="${bw}" height="${bh}" rx="${s * 0.04}" fill="url(#body)"/>
    ${ridges}
    <circle cx="${bx + bw * 0.2}" cy="${by + bh + s * 0.03}" r="${s * 0.028}" fill="#222"/>
    <circle cx="${bx + bw * 0.8}" cy="${by + bh + s * 0.03}" r="${s * 0.028}" fill="#222"/>
    <text x="${x + s / 2}" y="${by + bh * 0.55}" font-family="DejaVu Sans, sans-serif" font-size="${s * 0.07}" font-weight="bold" fill="#fff" text-anchor="middle">#${id}</text>`
}

/** The scene as SVG: a gradient backdrop (unless transparent) and the product, repeated along the long side. */
function sceneSvg(id: number, spec: Spec): string {
  const { width: w, height: h } = spec
  const hue = (id * 47) % 360
  const s = Math.min(w, h)
  const count = Math.max(1, Math.round(Math.max(w, h) / s))
  const cells = Array.from({ length: count }, (_, i) =>
    w >= h ? productShape((w - count * s) / 2 + i * s, 0, s, hue, id) : productShape(0, (h - count * s) / 2 + i * s, s, hue, id)
  ).join("")
  const backdrop = spec.alpha
    ? ""
    : `<rect width="${w}" height="${h}" fill="url(#bg)"/>
       <circle cx="${w * 0.82}" cy="${h * 0.2}" r="${s * 0.22}" fill="hsl(${(hue + 180) % 360},60%,80%)" opacity="0.6"/>
       <rect x="0" y="${h * 0.78}" width="${w}" height="${h * 0.22}" fill="hsl(${hue},15%,60%)" opacity="0.35"/>`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs>
      <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="hsl(${hue},35%,93%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},30%,68%)"/>
      </linearGradient>
      <linearGradient id="body" x1="0" y1="0" x2="1" y2="0">
        <stop offset="0" stop-color="hsl(${hue},45%,22%)"/><stop offset="0.5" stop-color="hsl(${hue},40%,48%)"/><stop offset="1" stop-color="hsl(${hue},45%,18%)"/>
      </linearGradient>
    </defs>
    ${backdrop}${cells}
  </svg>`
}

/** Encode an original of `kind` for product `id`. */
async function renderOriginal(id: number, spec: Spec): Promise<Buffer> {
  const channels = spec.alpha ? 4 : 3
  const { data } = await sharp(Buffer.from(sceneSvg(id, spec)))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  // Repack RGBA to the wanted channel count, adding deterministic noise to opaque pixels.
  const pixels = spec.width * spec.height
  const out = Buffer.alloc(pixels * channels)
  const rand = rng(id * 7919 + spec.width)
  for (let p = 0; p < pixels; p++) {
    const n = spec.noise ? (rand() - 0.5) * 2 * spec.noise : 0
    for (let c = 0; c < 3; c++) out[p * channels + c] = Math.max(0, Math.min(255, data[p * 4 + c] + n))
    if (channels === 4) out[p * 4 + 3] = data[p * 4 + 3]
  }
  const img = sharp(out, { raw: { width: spec.width, height: spec.height, channels } })
  switch (spec.format) {
    case "jpeg":
      return (spec.cmyk ? img.toColourspace("cmyk") : img).jpeg({ quality: 90 }).toBuffer()
    case "png":
      return img.png().toBuffer()
    case "gif":
      return img.gif().toBuffer()
    case "webp":
      return img.webp({ quality: 85 }).toBuffer()
  }
}

async function renderThumb(original: Buffer, spec: Spec, size: number): Promise<Buffer> {
  const background = spec.alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 255, g: 255, b: 255, alpha: 1 }
  const img = sharp(original).resize(size, size, { fit: "contain", background })
  switch (spec.format) {
    case "jpeg":
      return img.flatten({ background: "#ffffff" }).jpeg({ quality: 85 }).toBuffer()
    case "png":
      return img.png().toBuffer()
    case "gif":
      return img.gif().toBuffer()
    case "webp":
      return img.webp({ quality: 80 }).toBuffer()
  }
}

// Shared by every shop host: the bytes depend only on product id, kind and size.
const cache = new Map<string, Promise<Buffer>>()

/** The bytes of product `id`'s image of `kind`; `size` 0 is the original. */
export function productImage(id: number, kind: ImageKind, size: number): Promise<Buffer> | undefined {
  if (kind === "huge" || kind === "heavy") {
    if (size !== 0) return productImage(id, "png", size)
    const key = `${id}/${kind}/0`
    let p = cache.get(key)
    if (!p) {
      p = kind === "huge" ? Promise.resolve().then(hugePng) : heavyPng(id)
      p.catch(() => cache.delete(key))
      cache.set(key, p)
    }
    return p
  }
  const spec = SPECS[kind]
  if (!spec) return undefined
  const key = `${id}/${kind}/${size}`
  let p = cache.get(key)
  if (!p) {
    p = size === 0 ? renderOriginal(id, spec) : productImage(id, kind, 0)!.then((o) => renderThumb(o, spec, size))
    p.catch(() => cache.delete(key))
    cache.set(key, p)
  }
  return p
}

/** A 120×120 round icon for a 图片导航 item (/Storage/Plat/ImageNav/{key}.png). */
export function navIcon(key: string): Promise<Buffer> {
  const cacheKey = `nav/${key}`
  let p = cache.get(cacheKey)
  if (!p) {
    const hue = [...key].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7)
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120">
      <circle cx="60" cy="60" r="58" fill="#eeeeee"/>
      <rect x="34" y="30" width="52" height="60" rx="8" fill="hsl(${hue},65%,50%)"/>
      <circle cx="60" cy="56" r="14" fill="hsl(${(hue + 180) % 360},70%,85%)"/>
    </svg>`
    p = sharp(Buffer.from(svg)).png().toBuffer()
    cache.set(cacheKey, p)
  }
  return p
}
