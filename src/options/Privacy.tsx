// What the extension does with data, in two sentences, and the full policy (docs/privacy.md,
// bundled as tabs/privacy.html).
import { t } from "~lib/i18n"

export function Privacy() {
  return (
    <section className="lh-card" aria-labelledby="lh-privacy-title" data-lh-section="privacy">
      <h2 id="lh-privacy-title">{t("options_privacy")}</h2>
      <p className="lh-muted">{t("options_privacy_summary")}</p>
      <a href="/tabs/privacy.html" target="_blank" rel="noopener" data-lh="privacy-policy">
        {t("options_privacy_link")}
      </a>
    </section>
  )
}
