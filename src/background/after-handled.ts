// After the router handled a message (its onHandled hook): remember the page it came from when
// the popup links to such pages (WeChat's 商品库 and 直播间管理, the HiMall admin area used), then
// recompute the badge unless the message writes nothing (READ_ONLY, declared beside SENDERS).
import { safeWechatUrl } from "~core/checklist"
import { isHimallAdminPath } from "~core/himall-area"
import { getFact, PAGE_FACT, putFact } from "~db/facts"
import type { HelperDb } from "~db/schema"
import { READ_ONLY, type MessageType, type SenderKind } from "~protocol/messages"

import { refreshBadge } from "./badge"
import type { RouteContext } from "./routes/context"

/** Pages whose address the popup's links reuse (WeChat's console URLs carry the session). */
const PAGE_OF: Partial<Record<MessageType, typeof PAGE_FACT.wechatGoods | typeof PAGE_FACT.wechatRooms>> = {
  "goods.seen": PAGE_FACT.wechatGoods,
  "rooms.seen": PAGE_FACT.wechatRooms
}

/** Remember the page a message came from, when the popup links to pages of its kind. */
async function recordPage(db: HelperDb, type: MessageType, kind: SenderKind, ctx: RouteContext): Promise<void> {
  const fact = PAGE_OF[type]
  // Without query and fragment: MP URLs carry the login session's token, which is not kept.
  const page = new URL(ctx.url)
  const url = `${page.origin}${page.pathname}`
  if (fact && safeWechatUrl(url)) await putFact(db, fact, { url }, ctx.now)
  else if (kind === "shop" && isHimallAdminPath(page.pathname)) {
    const key = PAGE_FACT.himall(ctx.origin)
    if ((await getFact(db, key))?.url !== url) await putFact(db, key, { url }, ctx.now)
  }
}

export async function afterHandled(db: HelperDb, type: MessageType, kind: SenderKind, ctx: RouteContext): Promise<void> {
  try {
    await recordPage(db, type, kind, ctx)
  } catch (e) {
    console.warn("[himall-live-helper] page not recorded", e)
  }
  if (!READ_ONLY.has(type)) void refreshBadge(db)
}
