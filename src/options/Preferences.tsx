// Preferences: the cover fit, the price form preferred in 添加商品, the reminder lead, the
// language. Each is saved as soon as it is chosen (`settings.set`; the background validates).
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState, type FormEvent } from "react"

import { LEAD_MAX, LEAD_MIN, PRICE_FORMS, SETTING_DEFAULTS } from "~db/settings"
import { LANGUAGES, t, type LanguageSetting } from "~lib/i18n"
import type { SettingChange } from "~protocol/messages"
import { send } from "~lib/send"
import { useSettings } from "~ui/use-data"

export function Preferences() {
  const settings = useSettings()
  const save = useMutation({ mutationFn: (change: SettingChange) => send("settings.set", change) })
  const lead = settings?.reminderLeadMinutes ?? SETTING_DEFAULTS.reminderLeadMinutes
  const [leadText, setLeadText] = useState(String(lead))
  const [leadError, setLeadError] = useState(false)
  useEffect(() => setLeadText(String(lead)), [lead])

  if (!settings) return null
  const { coverFit: fit, defaultPriceForm: priceForm, language } = settings

  const saveLead = (e?: FormEvent) => {
    e?.preventDefault()
    const n = Number(leadText)
    if (!/^\d+$/.test(leadText.trim()) || n < LEAD_MIN || n > LEAD_MAX) {
      setLeadError(true)
      return
    }
    setLeadError(false)
    if (n !== lead) save.mutate({ key: "reminderLeadMinutes", value: n })
  }

  return (
    <section className="lh-card" aria-labelledby="lh-prefs-title" data-lh-section="preferences">
      <h2 id="lh-prefs-title">{t("options_prefs")}</h2>

      <fieldset className="lh-field">
        <legend>{t("options_cover_fit")}</legend>
        {(["contain", "crop"] as const).map((v) => (
          <label key={v} className="lh-choice">
            <input
              type="radio"
              name="coverFit"
              value={v}
              checked={fit === v}
              onChange={() => save.mutate({ key: "coverFit", value: v })}
              data-lh={`cover-fit-${v}`}
            />
            {t(`options_cover_fit_${v}`)}
          </label>
        ))}
      </fieldset>

      <div className="lh-field">
        <label htmlFor="lh-price-form">{t("options_price_form")}</label>
        <select
          id="lh-price-form"
          value={priceForm}
          onChange={(e) => save.mutate({ key: "defaultPriceForm", value: e.target.value as (typeof PRICE_FORMS)[number] })}
          data-lh="price-form"
          aria-describedby="lh-price-form-hint">
          {PRICE_FORMS.map((v) => (
            <option key={v} value={v}>
              {t(`options_price_form_${v}`)}
            </option>
          ))}
        </select>
        <p id="lh-price-form-hint" className="lh-muted lh-hint">
          {t("options_price_form_hint")}
        </p>
      </div>

      <form className="lh-field" onSubmit={saveLead} noValidate>
        <label htmlFor="lh-lead">{t("options_reminder_lead")}</label>
        <span className="lh-inline">
          <input
            id="lh-lead"
            type="number"
            inputMode="numeric"
            min={LEAD_MIN}
            max={LEAD_MAX}
            step={1}
            value={leadText}
            onChange={(e) => setLeadText(e.target.value)}
            onBlur={() => saveLead()}
            aria-invalid={leadError}
            aria-describedby="lh-lead-hint"
            data-lh="reminder-lead"
          />
          <span>{t("options_minutes")}</span>
          <button type="submit" className="lh-btn-plain">
            {t("options_save")}
          </button>
        </span>
        <p id="lh-lead-hint" className={leadError ? "lh-error lh-hint" : "lh-muted lh-hint"} role={leadError ? "alert" : undefined}>
          {t(leadError ? "options_reminder_lead_invalid" : "options_reminder_lead_hint", [String(LEAD_MIN), String(LEAD_MAX)])}
        </p>
      </form>

      <div className="lh-field">
        <label htmlFor="lh-language">{t("options_language")}</label>
        <select
          id="lh-language"
          value={language}
          onChange={(e) => save.mutate({ key: "language", value: e.target.value as LanguageSetting })}
          data-lh="language">
          {LANGUAGES.map((v) => (
            <option key={v} value={v} lang={v === "zh_CN" ? "zh-CN" : v === "en" ? "en" : undefined}>
              {t(`options_language_${v}`)}
            </option>
          ))}
        </select>
      </div>

      <p className={save.isError ? "lh-error" : "lh-muted"} role={save.isError ? "alert" : "status"} data-lh="prefs-status">
        {save.isError ? t("options_save_failed", (save.error as Error).message) : save.isSuccess ? t("options_saved") : ""}
      </p>
    </section>
  )
}
