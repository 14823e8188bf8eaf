// Captured products and their WeChat goods: counts per state (each a filter), a search, and
// the list — virtualised, so 10,000 products open as fast as 20. Names and reasons are page
// text: rendered as text, never as HTML.
import { useDeferredValue, useMemo, useState } from "react"

import { filterGoodsRows, GOODS_FILTERS, himallUrl, summariseGoods, wechatPriceOf, type GoodsFilter, type GoodsSummary } from "~core/checklist"
import type { HimallArea } from "~core/himall-area"
import { t } from "~lib/i18n"
import { formatPrice, formatTime, hostOf } from "~ui/format"
import { useBlobUrl, useCover, type ProductGoodsRow } from "~ui/use-data"
import { VirtualList } from "~ui/VirtualList"

import { PageLink } from "./Checklist"
import { AtRiskCount } from "./AtRiskCount"
import { EmptyCard } from "./EmptyCard"

const COUNT_OF: Record<GoodsFilter, (s: GoodsSummary) => number> = {
  all: (s) => s.products,
  not_in_library: (s) => s.notInLibrary,
  reviewing: (s) => s.reviewing,
  rejected: (s) => s.rejected,
  approved: (s) => s.approved,
  drift: (s) => s.drift
}

/** The WeChat cover the background made, else HiMall's picture, else a placeholder. */
function Thumb({ row }: { row: ProductGoodsRow }) {
  const cover = useCover(row.product.key)
  const coverUrl = useBlobUrl(cover?.blob)
  if (coverUrl) return <img className="lh-thumb" src={coverUrl} alt="" data-lh-thumb="cover" />
  if (row.product.imageUrl)
    return <img className="lh-thumb" src={row.product.imageUrl} alt="" loading="lazy" referrerPolicy="no-referrer" data-lh-thumb="himall" />
  return (
    <span className="lh-thumb lh-thumb-none" data-lh-thumb="none">
      {t("popup_no_image")}
    </span>
  )
}

function GoodsRowView({ row, showShop, goodsPage, area }: { row: ProductGoodsRow; showShop: boolean; goodsPage: string; area: HimallArea }) {
  const { product: p, goods, state, drift } = row
  const fill = p.lastFill
  const wechat = wechatPriceOf(p, goods)
  const himall = himallUrl(p.shopOrigin, "products", area)
  return (
    <div className="lh-product" data-lh-popup-product={p.productId} data-lh-shop={p.shopOrigin}>
      <Thumb row={row} />
      <div className="lh-product-text">
        <div className="lh-product-name" title={p.name}>
          {p.name}
        </div>
        <div className="lh-muted lh-product-meta">
          <span className="lh-product-price">{formatPrice(p.priceLowFen, p.priceHighFen)}</span>
          {" · "}
          <span>ID {p.productId}</span>
          {showShop && (
            <>
              {" · "}
              <span className="lh-product-shop">{hostOf(p.shopOrigin)}</span>
            </>
          )}
        </div>
        <div className="lh-goods-state">
          <span className={`lh-badge lh-badge-${state}`} data-lh-goods-status={state}>
            {t(`goods_status_${state}`)}
          </span>
          {goods && <span className="lh-muted"> {t("popup_goods_since", formatTime(goods.statusSince))}</span>}
          {!goods && fill && fill.outcome !== "failed" && <span className="lh-muted"> {t("popup_goods_filled", formatTime(fill.at))}</span>}
          {!goods && !fill && <span className="lh-muted"> {t("popup_captured_at", formatTime(p.updatedAt))}</span>}
        </div>
        {state === "rejected" && (
          <div className="lh-reject" data-lh-reject-reason="">
            {t("popup_reject_reason", goods?.rejectReason ?? t("popup_reject_no_reason"))}
          </div>
        )}
        {drift && wechat && (
          <div className="lh-drift" data-lh-drift="">
            {t("popup_price_drift", [formatPrice(p.priceLowFen, p.priceHighFen), formatPrice(wechat.priceLowFen!, wechat.priceHighFen!)])}
          </div>
        )}
        <div className="lh-actions">
          {himall && <PageLink url={himall} label={t("popup_open_himall")} className="lh-link" lh="open-himall" />}
          <PageLink url={goodsPage} label={t("popup_open_goods_library")} className="lh-link" lh="open-goods-library" />
        </div>
      </div>
    </div>
  )
}

/** A row of the list not read yet (the first screen holds only the first rows): its place, kept. */
function PendingRow() {
  return <div className="lh-product lh-product-pending" aria-busy="true" />
}

/** The shop with most products among `shops` (alphabetically first on a tie). */
function mostProducts(rows: readonly ProductGoodsRow[], shops: readonly string[]): string {
  const count = new Map<string, number>()
  for (const r of rows) count.set(r.product.shopOrigin, (count.get(r.product.shopOrigin) ?? 0) + 1)
  return [...shops].sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0) || a.localeCompare(b))[0]
}

/** The product counts of some rows (the library-wide ones stay the summary's). */
function countsOf(rows: readonly ProductGoodsRow[]): Partial<GoodsSummary> {
  const s = summariseGoods(rows, [])
  return {
    products: s.products,
    none: s.none,
    draft: s.draft,
    reviewing: s.reviewing,
    rejected: s.rejected,
    approved: s.approved,
    notInLibrary: s.notInLibrary,
    drift: s.drift
  }
}

export function GoodsPanel({
  rows,
  summary,
  complete = true,
  showShop,
  goodsPage,
  areas,
  hasShops,
  shops = []
}: {
  /** Every product when `complete`; else the list's first rows (the rest is being read). */
  rows: ProductGoodsRow[]
  summary: GoodsSummary
  complete?: boolean
  /** Products come from more than one shop: each row names its shop. */
  showShop: boolean
  goodsPage: string
  areas: Record<string, HimallArea>
  hasShops: boolean
  /** The shops products were captured in: with several, one is shown at a time (a switcher). */
  shops?: readonly string[]
}) {
  const [picked, setPicked] = useState<string | null>(null)
  // One shop at a time when there are several: the merchant's pick, else the one with most products.
  const several = shops.length > 1
  const shop = several ? (picked && shops.includes(picked) ? picked : mostProducts(rows, shops)) : null
  const shopRows = useMemo(() => (shop ? rows.filter((r) => r.product.shopOrigin === shop) : rows), [rows, shop])
  // A shop's counts need its whole list (the first screen's summary counts every shop).
  const shopSummary = useMemo(() => (shop && complete ? { ...summary, ...countsOf(shopRows) } : summary), [shop, complete, shopRows, summary])
  const [query, setQuery] = useState("")
  const [filter, setFilter] = useState<GoodsFilter>("all")
  // Typing stays responsive: the list follows the query a moment later with 10,000 products.
  const deferredQuery = useDeferredValue(query)
  // Filtering keeps the order: the first rows filtered are the filtered list's first rows.
  const shown = useMemo(() => filterGoodsRows(shopRows, deferredQuery, filter), [shopRows, deferredQuery, filter])
  // How many rows the list has: counted, or — with only the first rows read — the filter's count
  // (a search must wait for the whole list: null).
  const searching = deferredQuery.trim() !== ""
  // One shop of several before the whole list is read: its rows among the first ones, if any.
  const total = complete ? shown.length : searching ? null : shop ? shown.length || null : COUNT_OF[filter](summary)

  if (summary.products === 0) {
    return <EmptyCard lh="empty" title={t("popup_empty_title")} body={t(hasShops ? "popup_empty_body" : "popup_no_shops")} />
  }
  return (
    <div className="lh-goods">
      {several && (
        <div className="lh-filters lh-shops" role="group" aria-label={t("popup_shop_switch")} data-lh-popup="shop-switch">
          {shops.map((o) => (
            <button
              key={o}
              type="button"
              className="lh-filter"
              aria-pressed={o === shop}
              data-lh="shop-switch"
              data-lh-shop-origin={o}
              onClick={() => setPicked(o)}>
              {hostOf(o)}
            </button>
          ))}
        </div>
      )}
      <div className="lh-filters" role="group" aria-label={t("popup_goods_filters")} data-lh-popup="goods-counts">
        {GOODS_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`lh-filter lh-filter-${f}`}
            aria-pressed={filter === f}
            data-lh-count={f}
            data-lh-value={COUNT_OF[f](shopSummary)}
            onClick={() => setFilter(filter === f && f !== "all" ? "all" : f)}>
            {t(`popup_filter_${f}`)} <span className="lh-filter-count">{COUNT_OF[f](shopSummary)}</span>
          </button>
        ))}
      </div>
      <AtRiskCount />
      <div className="lh-search">
        <label className="lh-visually-hidden" htmlFor="lh-goods-search">
          {t("popup_search_label")}
        </label>
        <input
          id="lh-goods-search"
          type="search"
          value={query}
          placeholder={t("popup_search_placeholder")}
          onChange={(e) => setQuery(e.target.value)}
          data-lh="goods-search"
          autoComplete="off"
          spellCheck={false}
        />
        <span className="lh-muted" role="status" data-lh-popup="goods-shown">
          {total === null ? t("popup_goods_loading") : t("popup_goods_shown", [String(total), String(shopSummary.products)])}
        </span>
      </div>
      {total === null ? (
        <div className="lh-card lh-empty" aria-busy="true" data-lh-popup="goods-loading" />
      ) : total === 0 ? (
        <div className="lh-card lh-empty" data-lh-popup="no-match">
          <p>{t("popup_no_match")}</p>
          <button
            type="button"
            className="lh-btn-plain"
            onClick={() => {
              setQuery("")
              setFilter("all")
            }}>
            {t("popup_clear_search")}
          </button>
        </div>
      ) : (
        <VirtualList
          items={shown}
          count={total}
          renderPending={() => <PendingRow />}
          getKey={(r) => r.product.key}
          label={t("popup_products")}
          height={300}
          estimate={86}
          name="goods-list"
          renderItem={(r) => <GoodsRowView row={r} showShop={showShop} goodsPage={goodsPage} area={areas[r.product.shopOrigin] ?? "Admin"} />}
        />
      )}
    </div>
  )
}
