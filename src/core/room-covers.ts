// The cover state of a HiMall live room: what buyers see in the mini program's live list is
// HiMall's cover (设置封面图), of the size its backend's 封面设置 asks. Pure rules, no browser API.
import { isSellerPath } from "./himall-area"

export interface CoverSize {
  width: number
  height: number
}

/** The platform backend's 封面设置 asks 750*750, the seller backend's 800*640. */
export const PLATFORM_COVER_SIZE: CoverSize = { width: 750, height: 750 }
const SELLER_COVER_SIZE: CoverSize = { width: 800, height: 640 }

/** Sizes a 封面设置 caption may ask that make-cover will make (anything else: 750×750). */
export function coverSizeAccepted(size: CoverSize | null | undefined): CoverSize {
  if (!size) return PLATFORM_COVER_SIZE
  const ok = (n: number) => Number.isInteger(n) && n >= 100 && n <= 2000
  return ok(size.width) && ok(size.height) ? { width: size.width, height: size.height } : PLATFORM_COVER_SIZE
}

/** The size the backend of a list path asks for (`/SellerAdmin/…` 800×640, else 750×750). */
export function coverSizeForList(listPath: string | null | undefined): CoverSize {
  return isSellerPath(listPath) ? SELLER_COVER_SIZE : PLATFORM_COVER_SIZE
}
/** HiMall's upload limit (文件大小不能超过2M). */
export const ROOM_COVER_MAX_BYTES = 2 * 1024 * 1024
/** A cover whose size could not be read is tried again after this long. */
export const COVER_RECHECK_MS = 10 * 60_000

/**
 * - `missing`: the room has no cover in HiMall;
 * - `wrong_size`: it has one that is not the size its backend asks (750×750, seller 800×640);
 * - `unchecked`: it has one whose size is not known (yet, or it could not be read);
 * - `ok`: that size.
 */
export type RoomCoverState = "missing" | "wrong_size" | "unchecked" | "ok"

export interface RoomCoverFacts {
  coverUrl: string | null
  coverWidth: number | null
  coverHeight: number | null
}

export function roomCoverState(r: RoomCoverFacts, expected: CoverSize = PLATFORM_COVER_SIZE): RoomCoverState {
  if (!r.coverUrl || !r.coverUrl.trim()) return "missing"
  if (r.coverWidth == null || r.coverHeight == null) return "unchecked"
  return r.coverWidth === expected.width && r.coverHeight === expected.height ? "ok" : "wrong_size"
}

/** Should the background (re)measure this cover? New or changed URL, never measured, or a failed read long enough ago. */
export function coverNeedsCheck(
  stored: { coverUrl: string | null; coverWidth: number | null; coverCheckedAt: number | null } | undefined,
  coverUrl: string | null,
  now: number
): boolean {
  if (!coverUrl) return false
  if (!stored || stored.coverUrl !== coverUrl || stored.coverCheckedAt == null) return true
  return stored.coverWidth == null && now - stored.coverCheckedAt >= COVER_RECHECK_MS
}

/** Rooms flagged for their cover (missing or not the size asked). */
export function coverFlagged(state: RoomCoverState): boolean {
  return state === "missing" || state === "wrong_size"
}
