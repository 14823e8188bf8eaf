// WeChat 商品封面 for a product: made once from its HiMall picture, cached in `covers`.
//
// The cache is the database, never memory (the service worker may stop at any time): a cover
// is reused while the product's picture URL and the fit are those it was made with. Failures
// are stored too, so that the merchant sees why, and retried after RETRY_FAILED_MS or when
// forced. The in-flight map below only lets simultaneous callers share one job.
import type { CoverFit, CoverRecord, HelperDb, ProductRecord } from "~db/schema"
import { blobToDataUrl } from "~lib/data-url"
import { fetchImage, imageCandidates, makeCover, type CoverProblem } from "~lib/image/cover"

/** A stored failure is tried again after this long. */
export const RETRY_FAILED_MS = 10 * 60 * 1000

export interface GetCoverOptions {
  now?: number
  fetchImpl?: typeof fetch
  /** Remake even when a matching cover (or a recent failure) is stored. */
  force?: boolean
  /** The cover maker (tests replace it: jsdom has no canvas). */
  make?: typeof makeCover
  /** Download timeout per URL. */
  timeoutMs?: number
}

export interface CoverResult {
  record: CoverRecord
  /** True when the record came from the database as it was. */
  cached: boolean
}

const inFlight = new Map<string, Promise<CoverResult>>()

/** The product's cover (made, or why not), from the cache when it still applies. */
export async function getCover(db: HelperDb, product: ProductRecord, fit: CoverFit, opts: GetCoverOptions = {}): Promise<CoverResult> {
  const now = opts.now ?? Date.now()
  const sourceUrl = product.imageUrl
  if (!sourceUrl) return { record: failure(product.key, "", fit, now, "image_missing"), cached: false }

  if (!opts.force) {
    const stored = await db.covers.get(product.key)
    if (stored && stored.sourceUrl === sourceUrl && stored.fit === fit) {
      if (!stored.problem && stored.blob) return { record: stored, cached: true }
      if (stored.problem && now - stored.madeAt < RETRY_FAILED_MS) return { record: stored, cached: true }
    }
  }

  const jobKey = `${product.key}\n${fit}\n${sourceUrl}`
  const running = inFlight.get(jobKey)
  if (running) return running
  const job = makeAndStore(db, product.key, sourceUrl, fit, now, opts).finally(() => inFlight.delete(jobKey))
  inFlight.set(jobKey, job)
  return job
}

/** Problems after which the next candidate URL (the page's own thumbnail) is worth a try. */
const TRY_NEXT: ReadonlySet<CoverProblem> = new Set<CoverProblem>([
  "image_http_error",
  "image_too_large",
  "image_not_image",
  "image_empty",
  "decode_failed",
  "budget_exceeded"
])

async function makeAndStore(db: HelperDb, productKey: string, sourceUrl: string, fit: CoverFit, now: number, opts: GetCoverOptions): Promise<CoverResult> {
  const make = opts.make ?? makeCover
  const candidates = imageCandidates(sourceUrl)
  let record: CoverRecord | null = null
  for (const [i, url] of candidates.entries()) {
    const last = i === candidates.length - 1
    const fetched = await fetchImage(url, { fetchImpl: opts.fetchImpl, timeoutMs: opts.timeoutMs })
    if (!fetched.ok) {
      record = failure(productKey, sourceUrl, fit, now, fetched.problem, url, fetched.status)
      // A slow or unreachable server is as slow for the thumbnail: don't wait twice.
      if (last || !TRY_NEXT.has(fetched.problem)) break
      continue
    }
    const made = await make(fetched.blob, { fit })
    if (!made.ok) {
      record = failure(productKey, sourceUrl, fit, now, made.problem, url)
      if (last || !TRY_NEXT.has(made.problem)) break
      continue
    }
    record = {
      productKey,
      sourceUrl,
      fit,
      madeAt: now,
      blob: made.blob,
      width: made.width,
      height: made.height,
      bytes: made.bytes,
      quality: made.quality,
      problem: null,
      fetchedUrl: url,
      httpStatus: null
    }
    break
  }
  // candidates is never empty, so record is set.
  const result = record as CoverRecord
  try {
    await db.covers.put(result)
  } catch (e) {
    // The cover is still good for this call; the next one makes it again.
    console.warn("[covers] could not store the cover of", productKey, e)
  }
  return { record: result, cached: false }
}

function failure(
  productKey: string,
  sourceUrl: string,
  fit: CoverFit,
  now: number,
  problem: CoverProblem,
  fetchedUrl: string | null = null,
  httpStatus: number | null = null
): CoverRecord {
  return { productKey, sourceUrl, fit, madeAt: now, blob: null, width: 0, height: 0, bytes: 0, quality: 0, problem, fetchedUrl, httpStatus: httpStatus ?? null }
}

/**
 * A blob as a base64 data URL, for JSON runtime messages (content scripts cannot receive
 * Blobs). Service-worker safe: no FileReader; base64 in chunks to keep the argument lists of
 * String.fromCharCode short.
 */
export async function coverToDataUrl(blob: Blob): Promise<string> {
  return blobToDataUrl(blob, "image/jpeg")
}
