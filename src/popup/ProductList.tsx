import { priceDrift } from "~core/goods"
import type { GoodsRecord, ProductRecord } from "~db/schema"
import { t } from "~lib/i18n"
import { formatPrice, formatTime } from "~ui/format"
import type { ProductWithGoods } from "~ui/use-data"

/** What WeChat holds for this product: state, since when, a rejection's reason, price drift. */
function GoodsState({ product, goods }: { product: ProductRecord; goods: GoodsRecord | null }) {
  const fill = product.lastFill
  const wechatPrice = goods ?? (fill ? { priceLowFen: fill.priceLowFen, priceHighFen: fill.priceHighFen, discount: fill.priceType === 3 } : null)
  const drift = priceDrift(product, wechatPrice)
  const status = goods?.status ?? "none"
  return (
    <div className="lh-goods-state">
      <span className={`lh-badge lh-badge-${status}`} data-lh-goods-status={status}>
        {t(`goods_status_${status}`)}
      </span>
      {goods && <span className="lh-muted"> {t("popup_goods_since", formatTime(goods.statusSince))}</span>}
      {!goods && fill && fill.outcome !== "failed" && <span className="lh-muted"> {t("popup_goods_filled", formatTime(fill.at))}</span>}
      {goods?.status === "rejected" && (
        <div className="lh-reject" data-lh-reject-reason="">
          {t("popup_reject_reason", goods.rejectReason ?? t("popup_reject_no_reason"))}
        </div>
      )}
      {drift && wechatPrice && (
        <div className="lh-drift" data-lh-drift="">
          {t("popup_price_drift", [formatPrice(product.priceLowFen, product.priceHighFen), formatPrice(wechatPrice.priceLowFen!, wechatPrice.priceHighFen!)])}
        </div>
      )}
    </div>
  )
}

function Thumb({ src }: { src: string | null }) {
  if (!src) return <span className="lh-thumb lh-thumb-none">{t("popup_no_image")}</span>
  return <img className="lh-thumb" src={src} alt="" loading="lazy" referrerPolicy="no-referrer" />
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host
  } catch {
    return origin
  }
}

/** Captured products, newest first. Names are page text: rendered as text, never as HTML. */
export function ProductList({ items }: { items: ProductWithGoods[] }) {
  // Name the shop only when products come from more than one.
  const showShop = new Set(items.map((i) => i.product.shopOrigin)).size > 1
  return (
    <ul className="lh-list lh-products" aria-label={t("popup_products")}>
      {items.map(({ product: p, goods }) => (
        <li key={p.key} className="lh-product" data-lh-popup-product={p.productId} data-lh-shop={p.shopOrigin}>
          <Thumb src={p.imageUrl} />
          <div className="lh-product-text">
            <div className="lh-product-name" title={p.name}>
              {p.name}
            </div>
            <div className="lh-muted">
              <span className="lh-product-price">{formatPrice(p.priceLowFen, p.priceHighFen)}</span>
              {" · "}
              <span>ID {p.productId}</span>
              {showShop && (
                <>
                  {" · "}
                  <span className="lh-product-shop">{hostOf(p.shopOrigin)}</span>
                </>
              )}
              {" · "}
              <span>{t("popup_captured_at", formatTime(p.updatedAt))}</span>
            </div>
            <GoodsState product={p} goods={goods} />
          </div>
        </li>
      ))}
    </ul>
  )
}
