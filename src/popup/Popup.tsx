import { t } from "~lib/i18n"
import { useGoodsCounts, useNotices, useProductCount, useProductsWithGoods, useShops } from "~ui/use-data"

import { EnableShop } from "./EnableShop"
import { Notices } from "./Notices"
import { ProductList } from "./ProductList"

export function Popup() {
  const products = useProductsWithGoods()
  const goodsCounts = useGoodsCounts()
  const count = useProductCount()
  const shops = useShops()
  const notices = useNotices()
  const loading = products === undefined || shops === undefined

  return (
    <main className="lh-popup">
      <header className="lh-popup-head">
        <h1>{t("popup_title")}</h1>
        <button type="button" className="lh-btn-plain" onClick={() => chrome.runtime.openOptionsPage()}>
          {t("popup_options")}
        </button>
      </header>
      <EnableShop />
      {!loading && shops.length === 0 && <p className="lh-card lh-muted">{t("popup_no_shops")}</p>}
      <Notices notices={notices ?? []} />
      <section aria-labelledby="lh-products-title">
        <h2 id="lh-products-title">
          {t("popup_products")} <span className="lh-muted">{t("popup_products_count", String(count ?? 0))}</span>
        </h2>
        {goodsCounts && (
          <p className="lh-muted lh-goods-counts" data-lh-popup="goods-counts">
            {(["reviewing", "rejected", "approved"] as const).map((s) => (
              <span key={s} data-lh-count={s}>
                {t(`goods_status_${s}`)} {goodsCounts[s]}{" "}
              </span>
            ))}
          </p>
        )}
        {!loading && products.length === 0 ? (
          <div className="lh-card" data-lh-popup="empty">
            <p>
              <strong>{t("popup_empty_title")}</strong>
            </p>
            <p className="lh-muted">{t("popup_empty_body")}</p>
          </div>
        ) : (
          <ProductList items={products ?? []} />
        )}
      </section>
    </main>
  )
}
