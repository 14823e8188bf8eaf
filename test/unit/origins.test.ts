import { describe, expect, it } from "vitest"

import { hostOf, originPattern, patternCoversOrigin, shopPatterns, toOrigin } from "~core/origins"

describe("origins", () => {
  it("treats every granted non-WeChat host as a shop", () => {
    expect(shopPatterns(["https://mp.weixin.qq.com/*", "https://live.weixin.qq.com/*", "https://b.shop.cn/*", "https://*.sandbox.test/*"])).toEqual([
      "https://*.sandbox.test/*",
      "https://b.shop.cn/*"
    ])
  })
  it("shows an origin as its host, and keeps text that is no URL", () => {
    expect(hostOf("https://shop.example.com")).toBe("shop.example.com")
    expect(hostOf("http://shop.example.com:8080")).toBe("shop.example.com:8080")
    expect(hostOf("not an origin")).toBe("not an origin")
  })
  it("reads an origin from what a merchant types", () => {
    expect(toOrigin("shop.example.com/Admin/Product/Management")).toBe("https://shop.example.com")
    expect(toOrigin("http://10.0.0.5:8080/Admin")).toBe("http://10.0.0.5:8080")
    expect(toOrigin("chrome://extensions")).toBeNull()
    expect(toOrigin("nonsense")).toBeNull()
    expect(toOrigin("")).toBeNull()
  })
  it("matches patterns like the browser", () => {
    expect(patternCoversOrigin("https://*.sandbox.test/*", "https://shop.sandbox.test")).toBe(true)
    expect(patternCoversOrigin("https://*.sandbox.test/*", "https://sandbox.test.evil.com")).toBe(false)
    expect(patternCoversOrigin("https://a.cn/*", "http://a.cn")).toBe(false)
    expect(patternCoversOrigin("https://a.cn/*", "https://a.cn")).toBe(true)
    expect(originPattern("https://a.cn/")).toBe("https://a.cn/*")
  })
})

describe("WeChat patterns are never shops", () => {
  it("whatever their path, like the HiMall script's inert match Chrome lists as granted", () => {
    expect(shopPatterns(["https://mp.weixin.qq.com/__himall_live_helper__/*", "https://live.weixin.qq.com/x/*", "https://shop.example.com/*"])).toEqual([
      "https://shop.example.com/*"
    ])
  })
})
