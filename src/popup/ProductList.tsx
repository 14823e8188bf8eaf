import type { ProductRecord } from "~db/schema"
import { t } from "~lib/i18n"
import { formatPrice, formatTime } from "~ui/format"

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
export function ProductList({ products }: { products: ProductRecord[] }) {
  // Name the shop only when products come from more than one.
  const showShop = new Set(products.map((p) => p.shopOrigin)).size > 1
  return (
    <ul className="lh-list lh-products" aria-label={t("popup_products")}>
      {products.map((p) => (
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
          </div>
        </li>
      ))}
    </ul>
  )
}
