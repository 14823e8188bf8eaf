// The cover state of a HiMall live room: what buyers see in the mini program's live list is
// HiMall's cover (设置封面图), recommended 750×750. Pure rules, no browser API.

/** HiMall's recommended room cover size (建议尺寸750*750), square. */
export const ROOM_COVER_SIZE = 750
/** HiMall's upload limit (文件大小不能超过2M). */
export const ROOM_COVER_MAX_BYTES = 2 * 1024 * 1024
/** A cover whose size could not be read is tried again after this long. */
export const COVER_RECHECK_MS = 10 * 60_000

/**
 * - `missing`: the room has no cover in HiMall;
 * - `wrong_size`: it has one that is not 750×750;
 * - `unchecked`: it has one whose size is not known (yet, or it could not be read);
 * - `ok`: 750×750.
 */
export type RoomCoverState = "missing" | "wrong_size" | "unchecked" | "ok"

export interface RoomCoverFacts {
  coverUrl: string | null
  coverWidth: number | null
  coverHeight: number | null
}

export function roomCoverState(r: RoomCoverFacts): RoomCoverState {
  if (!r.coverUrl || !r.coverUrl.trim()) return "missing"
  if (r.coverWidth == null || r.coverHeight == null) return "unchecked"
  return r.coverWidth === ROOM_COVER_SIZE && r.coverHeight === ROOM_COVER_SIZE ? "ok" : "wrong_size"
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

/** Rooms flagged for their cover (missing or not 750×750). */
export function coverFlagged(state: RoomCoverState): boolean {
  return state === "missing" || state === "wrong_size"
}
