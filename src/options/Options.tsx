// The options page: HiMall shops, room plans, preferences, backup, clearing data.
import { useMutation } from "@tanstack/react-query"
import { useState, type FormEvent } from "react"

import { t } from "~lib/i18n"
import { formatTime } from "~ui/format"
import { useShops } from "~ui/use-data"

import { Backup } from "./Backup"
import { ClearData } from "./ClearData"
import { Plans } from "./Plans"
import { Preferences } from "./Preferences"
import { Privacy } from "./Privacy"
import { addShop, removeShop } from "./shops"

const REASONS = { invalid: "options_invalid_origin", wechat: "options_wechat_origin", denied: "options_denied" } as const

function Shops() {
  const shops = useShops()
  const [input, setInput] = useState("")
  const add = useMutation({
    mutationFn: addShop,
    onSuccess: (r) => r.ok && setInput("")
  })
  const remove = useMutation({ mutationFn: removeShop })

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    add.mutate(input)
  }

  return (
    <section className="lh-card" aria-labelledby="lh-shops-title" data-lh-section="shops">
      <h2 id="lh-shops-title">{t("options_shops")}</h2>
      <p className="lh-muted">{t("options_shops_hint")}</p>
      <form onSubmit={onSubmit} className="lh-row">
        <label className="lh-visually-hidden" htmlFor="lh-shop-input">
          {t("options_shop_placeholder")}
        </label>
        <input
          id="lh-shop-input"
          type="text"
          autoComplete="url"
          spellCheck={false}
          inputMode="url"
          value={input}
          placeholder={t("options_shop_placeholder")}
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit" className="lh-btn" data-lh="add-shop">
          {t("options_add_shop")}
        </button>
      </form>
      {add.data && !add.data.ok && (
        <p className="lh-error" role="alert">
          {t(REASONS[add.data.reason])}
        </p>
      )}
      {shops && shops.length === 0 && <p className="lh-muted">{t("options_no_shops")}</p>}
      <ul className="lh-list">
        {shops?.map((s) => (
          <li key={s.origin} className="lh-shop" data-lh-shop={s.origin}>
            <span className="lh-shop-origin">{s.origin}</span>
            <span className="lh-muted">
              {t("options_added_at", formatTime(s.addedAt))}
              {s.lastSeenAt ? ` · ${t("options_last_seen", formatTime(s.lastSeenAt))}` : ""}
            </span>
            <button
              type="button"
              className="lh-btn-plain"
              data-lh="remove-shop"
              onClick={() => remove.mutate(s.pattern)}
              aria-label={t("options_remove_shop_named", s.origin)}>
              {t("options_remove_shop")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function Options() {
  return (
    <main className="lh-options">
      <h1>{t("options_title")}</h1>
      <Shops />
      <Plans />
      <Preferences />
      <Backup />
      <ClearData />
      <Privacy />
    </main>
  )
}
