import { describe, expect, it } from "vitest"

import { liveStatusFromText, roomEnded, roomIdFromQuery } from "~core/rooms"

describe("live-room facts", () => {
  it("reads a room id from a link's query, however the page spells the parameter", () => {
    expect(roomIdFromQuery("/SellerAdmin/Live/LiveProduct?roomId=21")).toBe(21)
    expect(roomIdFromQuery("?roomid=7&x=1")).toBe(7)
    expect(roomIdFromQuery("edit?token=5&room_id=12")).toBe(12)
    expect(roomIdFromQuery("?ROOMID=3")).toBe(3)
  })

  it("finds no room id where the query names none, or not a positive one", () => {
    expect(roomIdFromQuery("/admin/Live/LiveProduct?id=21")).toBeNull()
    expect(roomIdFromQuery("?myroomId=21")).toBeNull()
    expect(roomIdFromQuery("?roomId=0")).toBeNull()
    expect(roomIdFromQuery("?roomId=12abc")).toBeNull()
    expect(roomIdFromQuery(null)).toBeNull()
  })

  it("words a status as the consoles do, and knows when a room is over", () => {
    expect(liveStatusFromText(" 未 开始 ")).toBe(102)
    expect(liveStatusFromText("直播")).toBeNull()
    expect([101, 102, 103, 107, null].map(roomEnded)).toEqual([false, false, true, true, false])
  })
})
