// The toolbar badge: how many things need the merchant now (core/checklist.ts decides: rejected
// goods, price drift, rooms not yet in HiMall or without a HiMall cover, going-live's urgent room
// flags, a missing homepage entrance, live streaming not opened). Red when something is broken,
// orange when there is only something to do.
//
// Recomputed after every message the router handled that may write (background/after-handled.ts) and at every
// worker start. Nothing is kept between runs but a promise chain: calls that arrive while one
// runs fold into one more run after it, so a burst of messages (capture-all) costs two reads of
// the tables, not one per message. A stopped worker loses nothing: the next start recomputes.
import { badgeText, buildChecklist, type Checklist } from "~core/checklist"
import { readSetup } from "~db/overview"
import type { HelperDb } from "~db/schema"
import { getSetting } from "~db/settings"
import { applyLanguage, currentLanguage, t } from "~lib/i18n"

const BADGE_ALERT = "#d93025"
const BADGE_TODO = "#b35c00"

export interface BadgeState {
  text: string
  color: string | null
  title: string
  needs: number
}

/** What the badge shows for a checklist (pure; titles through t()). */
function badgeFor(list: Pick<Checklist, "needs" | "alert">): BadgeState {
  const text = badgeText(list.needs)
  return {
    text,
    color: list.needs ? (list.alert ? BADGE_ALERT : BADGE_TODO) : null,
    title: list.needs ? t("badge_title", [String(list.needs)]) : t("extName"),
    needs: list.needs
  }
}

/** Compute the checklist from the tables and show it on the toolbar icon. */
export async function computeBadge(db: HelperDb, now = Date.now()): Promise<BadgeState> {
  const [lang, setup] = await Promise.all([getSetting(db, "language"), readSetup(db, now)])
  // The worker speaks the merchant's chosen language too (the badge's tooltip).
  if (lang !== currentLanguage()) await applyLanguage(lang)
  const state = badgeFor(buildChecklist(setup))
  if (chrome.action) {
    await chrome.action.setBadgeText({ text: state.text })
    if (state.color) await chrome.action.setBadgeBackgroundColor({ color: state.color })
    await chrome.action.setTitle({ title: state.title })
  }
  return state
}

let running: Promise<BadgeState | null> | null = null
let again = false

/** Recompute the badge soon; calls during a run fold into one more run after it. */
export function refreshBadge(db: HelperDb): Promise<BadgeState | null> {
  if (running) {
    again = true
    return running
  }
  const run = async (): Promise<BadgeState | null> => {
    let state: BadgeState | null = null
    do {
      again = false
      try {
        state = await computeBadge(db)
      } catch (e) {
        console.warn("[himall-live-helper] badge not updated", e)
      }
    } while (again)
    return state
  }
  running = run().finally(() => (running = null))
  return running
}
