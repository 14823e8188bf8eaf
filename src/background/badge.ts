// The toolbar badge: how many things need the merchant now (core/checklist.ts decides: rejected
// goods, price drift, rooms not yet in HiMall or without a HiMall cover, going-live's urgent room
// flags, a missing homepage entrance, live streaming not opened). Red when something is broken,
// orange when there is only something to do.
//
// Recomputed after every message the router handled (the router calls afterHandled) and at every
// worker start. Nothing is kept between runs but a promise chain: calls that arrive while one
// runs fold into one more run after it, so a burst of messages (capture-all) costs two reads of
// the tables, not one per message. A stopped worker loses nothing: the next start recomputes.
import { badgeText, buildChecklist, safeWechatUrl, type Checklist } from "~core/checklist"
import { PAGE_FACT, readSetup } from "~db/overview"
import type { HelperDb } from "~db/schema"
import { getSetting } from "~db/settings"
import { applyLanguage, currentLanguage, t } from "~lib/i18n"
import type { MessageType, SenderKind } from "~protocol/messages"

import type { RouteContext } from "./routes/context"

export const BADGE_ALERT = "#d93025"
export const BADGE_TODO = "#b35c00"

export interface BadgeState {
  text: string
  color: string | null
  title: string
  needs: number
}

/** What the badge shows for a checklist (pure; titles through t()). */
export function badgeFor(list: Pick<Checklist, "needs" | "alert">): BadgeState {
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

/** Messages that change nothing: no need to recompute the badge after them. */
const READ_ONLY: ReadonlySet<string> = new Set(["badge.refresh", "prefs.get", "goods.candidates", "queue.get", "captureAll.status", "plans.list", "shopRooms.view", "roomCover.info"])

/** Pages whose address the popup's links reuse (WeChat's console URLs carry the session). */
const PAGE_OF: Partial<Record<MessageType, string>> = {
  "goods.seen": PAGE_FACT.wechatGoods,
  "rooms.seen": PAGE_FACT.wechatRooms
}

/**
 * After the router handled a message: remember the page it came from when the popup links to
 * such pages (WeChat's 商品库 and 直播间管理, the HiMall admin area used), then the badge.
 */
export async function afterHandled(db: HelperDb, type: MessageType, kind: SenderKind, ctx: RouteContext): Promise<void> {
  try {
    const fact = PAGE_OF[type]
    // Without query and fragment: MP URLs carry the login session's token, which is not kept.
    const page = new URL(ctx.url)
    const url = `${page.origin}${page.pathname}`
    if (fact && safeWechatUrl(url)) await db.facts.put({ key: fact, value: { url }, seenAt: ctx.now })
    else if (kind === "shop" && /^\/(admin|selleradmin)\//i.test(page.pathname)) {
      const key = PAGE_FACT.himall(ctx.origin)
      const had = await db.facts.get(key)
      if ((had?.value as { url?: string } | undefined)?.url !== url) await db.facts.put({ key, value: { url }, seenAt: ctx.now })
    }
  } catch (e) {
    console.warn("[himall-live-helper] page not recorded", e)
  }
  if (!READ_ONLY.has(type)) void refreshBadge(db)
}
