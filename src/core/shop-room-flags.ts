// What the HiMall 小程序直播 list flags on a room's row: its cover (none, not the size its backend
// asks, or not measured yet) and a HiMall status that has stayed behind WeChat's. Pure. (The
// WeChat rooms' going-live flags are another rule: `RoomFlag` in going-live.ts.)
import type { RoomCoverState } from "./room-covers"

export type ShopRoomFlag = "cover_missing" | "cover_wrong_size" | "cover_unchecked" | "stale"

/** The facts of a HiMall room the flags are read from (a `ShopRoomView` has them). */
export interface ShopRoomFlagFacts {
  coverState: RoomCoverState
  /** HiMall's status has been behind WeChat's for 5 minutes or more. */
  stale: boolean
}

const COVER_FLAG: Record<RoomCoverState, ShopRoomFlag | null> = {
  missing: "cover_missing",
  wrong_size: "cover_wrong_size",
  unchecked: "cover_unchecked",
  ok: null
}

/** The row's flags, cover first. */
export function shopRoomFlags(room: ShopRoomFlagFacts): ShopRoomFlag[] {
  const flags: ShopRoomFlag[] = []
  const cover = COVER_FLAG[room.coverState]
  if (cover) flags.push(cover)
  if (room.stale) flags.push("stale")
  return flags
}
