import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"

import { t } from "~lib/i18n"

import { currentHimallShop, requestShop } from "./current-shop"

/** One button to enable the extension on the HiMall admin the merchant is looking at. */
export function EnableShop() {
  const client = useQueryClient()
  const shop = useQuery({ queryKey: ["current-shop"], queryFn: currentHimallShop })
  const enable = useMutation({
    mutationFn: (origin: string) => requestShop(origin),
    onSettled: () => client.invalidateQueries({ queryKey: ["current-shop"] })
  })
  // Nothing to offer (not a HiMall admin, or enabled already): an empty marker says the check is done.
  const nothing = (state: string) => <span hidden data-lh-popup="enable-shop" data-lh-state={state} />
  if (shop.data === undefined) return null
  if (shop.data === null) return nothing("not-shop")
  if (shop.data.enabled)
    return enable.data ? (
      <p className="lh-card" role="status">
        {t("popup_enabled_reload")}
      </p>
    ) : (
      nothing("enabled")
    )
  return (
    <section className="lh-card" aria-labelledby="lh-enable-title">
      <p id="lh-enable-title">{t("popup_enable_hint", shop.data.origin)}</p>
      <button type="button" className="lh-btn" data-lh="enable-shop" onClick={() => enable.mutate(shop.data!.origin)}>
        {t("popup_enable_here")}
      </button>
      {enable.data === false && (
        <p className="lh-error" role="alert">
          {t("popup_enable_denied")}
        </p>
      )}
    </section>
  )
}
