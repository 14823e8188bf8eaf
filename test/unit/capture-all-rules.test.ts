import { describe, expect, it } from "vitest"

import { captureAllResumable, sameListPath, type CaptureAllProgress } from "~core/capture-all"

const job = (over: Partial<CaptureAllProgress> = {}): CaptureAllProgress => ({
  state: "paused",
  listPath: "/Admin/Product/List",
  pageSize: 100,
  pages: 5,
  nextPage: 3,
  ...over
})

describe("capture-all resumability", () => {
  it("continues a paused or still running job of the same list and page size, with pages left", () => {
    expect(captureAllResumable(job(), "/Admin/Product/List", 100)).toBe(true)
    expect(captureAllResumable(job({ state: "running" }), "/admin/product/list", 100)).toBe(true)
    expect(captureAllResumable(job({ nextPage: 5 }), "/Admin/Product/List", 100)).toBe(true)
  })

  it("does not continue a finished or stopped job, or none", () => {
    expect(captureAllResumable(job({ state: "done" }), "/Admin/Product/List", 100)).toBe(false)
    expect(captureAllResumable(job({ state: "stopped" }), "/Admin/Product/List", 100)).toBe(false)
    expect(captureAllResumable(null, "/Admin/Product/List", 100)).toBe(false)
    expect(captureAllResumable(undefined, "/Admin/Product/List", 100)).toBe(false)
  })

  it("does not continue another list, another page size, a job that stored no page or has none left", () => {
    expect(captureAllResumable(job(), "/SellerAdmin/Product/List", 100)).toBe(false)
    expect(captureAllResumable(job(), "/Admin/Product/List", 50)).toBe(false)
    expect(captureAllResumable(job({ nextPage: 1 }), "/Admin/Product/List", 100)).toBe(false)
    expect(captureAllResumable(job({ nextPage: 6 }), "/Admin/Product/List", 100)).toBe(false)
    expect(captureAllResumable(job({ pages: 0, nextPage: 1 }), "/Admin/Product/List", 100)).toBe(false)
  })

  it("compares list paths the way HiMall's routes do, without case", () => {
    expect(sameListPath("/SellerAdmin/Product/List", "/selleradmin/product/list")).toBe(true)
    expect(sameListPath("/Admin/Product/List", "/SellerAdmin/Product/List")).toBe(false)
  })
})
