import { describe, expect, it } from "vitest"

import { collapseSpace, withoutSpace } from "~core/text"

describe("page text normalisers", () => {
  it("collapse every kind of white space a page writes, the no-break and ideographic spaces too", () => {
    expect(collapseSpace("  直播 \n\t 链接 ")).toBe("直播 链接")
    expect(collapseSpace("天使\u00a0\u00a0旅行箱\u3000大号")).toBe("天使 旅行箱 大号")
    expect(collapseSpace(null)).toBe("")
    expect(collapseSpace(undefined)).toBe("")
  })

  it("remove every white space from labels that pages space out", () => {
    expect(withoutSpace("直 播\u3000链\u00a0接\n")).toBe("直播链接")
    expect(withoutSpace(" 审核 中 ")).toBe("审核中")
    expect(withoutSpace(null)).toBe("")
  })
})
