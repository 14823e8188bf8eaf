// The popup: is everything ready for the next live, and if not, what to do and where. The
// checklist of the manual's five steps on top; below, the goods and the rooms.
import { useEffect, useRef, useState, type KeyboardEvent } from "react"

import { WECHAT_ROOMS_PAGE } from "~core/checklist"
import type { HimallArea } from "~core/himall-area"
import { t } from "~lib/i18n"
import { send } from "~lib/send"
import { useChecklist, useGoodsOverview, useNotices, useNow } from "~ui/use-data"

import { ChecklistView } from "./Checklist"
import { EnableShop } from "./EnableShop"
import type { FirstScreen } from "./first-screen"
import { GoodsPanel } from "./GoodsPanel"
import { Notices } from "./Notices"
import { RoomsPanel } from "./RoomsPanel"

/** `performance.mark` set once the checklist and the goods list (a row, or its empty state) are drawn. */
const FIRST_DATA_MARK = "lh-popup-first-data"

type Tab = "goods" | "rooms"
const TABS: Tab[] = ["goods", "rooms"]

/** The live queries start after the badge's reading, or after this long at most. */
const LIVE_AFTER_MS = 300

/**
 * `first`: the first screen's reads, begun with the page (popup/first-screen.ts). It is drawn from
 * them; then the live queries take over (they follow every write of the background), and the whole
 * goods list is read when the first screen showed only the list's first rows.
 */
export function Popup({ first: given }: { first?: FirstScreen }) {
  const now = useNow()
  // Only the first mount draws from them: drawn again (a new language), the popup reads live at once.
  const [first] = useState(() => (given && !given.used ? ((given.used = true), given) : undefined))
  const [live, setLive] = useState(!first)
  const goods = useGoodsOverview(first?.goods, live)
  const setup = useChecklist(goods?.summary, now, first?.base, live)
  const notices = useNotices(first?.notices, live)
  const [tab, setTab] = useState<Tab>("goods")
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ goods: null, rooms: null })
  const marked = useRef(false)

  useEffect(() => {
    if (marked.current || !setup || !goods) return
    // (With several shops the first screen may hold no row of the shop shown: its list is loading.)
    const list = document.querySelector('[data-lh-popup="goods-list"] [role="listitem"], [data-lh-popup="empty"], [data-lh-popup="goods-loading"]')
    if (document.querySelector('[data-lh-popup="checklist"]') && list) {
      marked.current = true
      performance.mark(FIRST_DATA_MARK)
      // Time moves states on (a room that starts, a review that ends): bring the badge up to
      // date — once the popup has drawn, so that the worker's reading does not slow it down.
      const badge = send("badge.refresh", {}).catch(() => undefined)
      // Then the live queries and the whole list (search, filters, scrolling past the first
      // rows), so that the popup and the worker do not read the tables at the same time.
      void Promise.race([badge, new Promise((r) => setTimeout(r, LIVE_AFTER_MS))]).then(() => setLive(true))
    }
  })

  const loading = !goods || !setup
  const areas: Record<string, HimallArea> = Object.fromEntries((setup?.base.shops ?? []).map((s) => [s.origin, s.area]))
  const roomsPage = setup?.base.pages.wechatRooms ?? WECHAT_ROOMS_PAGE
  const goodsPage = setup?.base.pages.wechatGoods ?? roomsPage
  const upcoming = setup ? setup.checklist.rooms.filter((r) => r.group !== "past").length : 0

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return
    e.preventDefault()
    const i = TABS.indexOf(tab)
    const next = e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : (i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length
    setTab(TABS[next])
    tabRefs.current[TABS[next]]?.focus()
  }

  return (
    <main className="lh-popup" aria-busy={loading}>
      <header className="lh-popup-head">
        <h1>{t("popup_title")}</h1>
        <button type="button" className="lh-btn-plain" onClick={() => chrome.runtime.openOptionsPage()} data-lh="open-options">
          {t("popup_options")}
        </button>
      </header>
      <EnableShop />
      {setup && <ChecklistView steps={setup.checklist.steps} ready={setup.checklist.ready} needs={setup.checklist.needs} now={now} />}
      <Notices notices={notices ?? []} />
      {!loading && (
        <>
          <div className="lh-tabs" role="tablist" aria-label={t("popup_sections")} onKeyDown={onTabKey}>
            {TABS.map((id) => (
              <button
                key={id}
                ref={(el) => void (tabRefs.current[id] = el)}
                type="button"
                role="tab"
                id={`lh-tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`lh-panel-${id}`}
                tabIndex={tab === id ? 0 : -1}
                className="lh-tab"
                data-lh={`tab-${id}`}
                onClick={() => setTab(id)}>
                {id === "goods" ? t("popup_tab_goods", String(goods.summary.products)) : t("popup_tab_rooms", String(upcoming))}
              </button>
            ))}
          </div>
          <section id={`lh-panel-${tab}`} role="tabpanel" aria-labelledby={`lh-tab-${tab}`} className="lh-panel">
            {tab === "goods" ? (
              <GoodsPanel
                rows={goods.rows}
                summary={goods.summary}
                complete={goods.complete}
                showShop={setup.base.productOrigins.length > 1}
                shops={setup.base.productOrigins}
                goodsPage={goodsPage}
                areas={areas}
                hasShops={setup.base.hasShopGrant}
              />
            ) : (
              <RoomsPanel rows={setup.checklist.rooms} now={now} roomsPage={roomsPage} areas={areas} />
            )}
          </section>
        </>
      )}
    </main>
  )
}
