// fitRectTo, the geometry of makeImage (room images: 800×640, 1080×1920): for a square it is
// exactly fitRect (makeCover's), crop keeps the target's proportions, contain letterboxes.
// makeImage itself needs OffscreenCanvas and runs in Chromium (test/e2e/rooms-wechat.test.ts).
import { describe, expect, it } from "vitest"

import { fitRect, fitRectTo, makeImage } from "~lib/image/cover"

describe("fitRectTo", () => {
  it("is fitRect for a square target", () => {
    for (const [w, h] of [
      [4000, 3000],
      [300, 900],
      [200, 200],
      [1, 5]
    ]) {
      for (const fit of ["contain", "crop"] as const) expect(fitRectTo(w, h, 200, 200, fit)).toEqual(fitRect(w, h, 200, fit))
    }
  })

  it("crop: the largest centred part with the target's proportions fills it", () => {
    // 2000×2000 into 800×640 (5:4): the full width, 1600 high, centred.
    expect(fitRectTo(2000, 2000, 800, 640, "crop")).toEqual({ sx: 0, sy: 200, sw: 2000, sh: 1600, dx: 0, dy: 0, dw: 800, dh: 640 })
    // 1080×1080 into 1080×1920 (9:16): the full height, 607.5 wide, centred.
    expect(fitRectTo(1080, 1080, 1080, 1920, "crop")).toEqual({ sx: 236.25, sy: 0, sw: 607.5, sh: 1080, dx: 0, dy: 0, dw: 1080, dh: 1920 })
  })

  it("contain: the whole picture, scaled to fit, centred", () => {
    expect(fitRectTo(2000, 2000, 800, 640, "contain")).toEqual({ sx: 0, sy: 0, sw: 2000, sh: 2000, dx: 80, dy: 0, dw: 640, dh: 640 })
    expect(fitRectTo(540, 960, 1080, 1920, "contain")).toEqual({ sx: 0, sy: 0, sw: 540, sh: 960, dx: 0, dy: 0, dw: 1080, dh: 1920 })
    expect(fitRectTo(1600, 900, 1080, 1920, "contain")).toEqual({ sx: 0, sy: 0, sw: 1600, sh: 900, dx: 0, dy: 656, dw: 1080, dh: 608 })
  })

  it("refuses empty sizes", () => {
    expect(() => fitRectTo(0, 10, 800, 640, "crop")).toThrow(RangeError)
    expect(() => fitRectTo(10, 10, 800, 0, "contain")).toThrow(RangeError)
  })
})

describe("makeImage refuses what is not a picture before decoding", () => {
  const opts = { width: 800, height: 640, maxBytes: 1024 * 1024, fit: "crop" as const }
  it("empty and non-image bytes", async () => {
    expect(await makeImage(new Blob([]), opts)).toEqual({ ok: false, problem: "image_empty" })
    expect(await makeImage(new Blob(["<html>not a picture</html>"]), opts)).toEqual({ ok: false, problem: "image_not_image" })
  })
  it("a header announcing too many pixels", async () => {
    // A PNG header of 100000×100000.
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 2, 0, 0, 0
    ])
    expect(await makeImage(new Blob([png]), opts)).toEqual({ ok: false, problem: "image_too_large" })
  })
})
