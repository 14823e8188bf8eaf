import { describe, expect, it } from "vitest"

import { roomCoverState } from "~core/room-covers"
import { shopRoomFlags } from "~core/shop-room-flags"

describe("HiMall room row flags", () => {
  it("flag a cover that is missing, the wrong size or not measured, and nothing for a good one", () => {
    expect(shopRoomFlags({ coverState: "missing", stale: false })).toEqual(["cover_missing"])
    expect(shopRoomFlags({ coverState: "wrong_size", stale: false })).toEqual(["cover_wrong_size"])
    expect(shopRoomFlags({ coverState: "unchecked", stale: false })).toEqual(["cover_unchecked"])
    expect(shopRoomFlags({ coverState: "ok", stale: false })).toEqual([])
  })

  it("flag a status behind WeChat's after the cover", () => {
    expect(shopRoomFlags({ coverState: "ok", stale: true })).toEqual(["stale"])
    expect(shopRoomFlags({ coverState: "missing", stale: true })).toEqual(["cover_missing", "stale"])
  })

  it("follow the cover rule of the backend: 800×640 is right for a seller, wrong for the platform", () => {
    const cover = { coverUrl: "https://s.cn/Storage/live/1.png", coverWidth: 800, coverHeight: 640 }
    expect(shopRoomFlags({ coverState: roomCoverState(cover, { width: 800, height: 640 }), stale: false })).toEqual([])
    expect(shopRoomFlags({ coverState: roomCoverState(cover), stale: false })).toEqual(["cover_wrong_size"])
  })
})
