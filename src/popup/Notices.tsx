import type { NoticeRecord } from "~db/schema"
import { problemsText, t } from "~lib/i18n"
import { formatTime } from "~ui/format"

/** Captures that were refused, with the reason, so nothing fails silently. */
export function Notices({ notices }: { notices: NoticeRecord[] }) {
  if (notices.length === 0) return null
  return (
    <section className="lh-card" aria-labelledby="lh-notices-title" data-lh-popup="notices">
      <h2 id="lh-notices-title" className="lh-error">
        {t("popup_notices")}
      </h2>
      <ul className="lh-list">
        {notices.map((n) => (
          <li key={n.id} className="lh-notice">
            <span className="lh-muted">{formatTime(n.at)} </span>
            {/* A name of only spaces (refused as such) says nothing: the product id then. */}
            {t("popup_notice_line", [n.productName?.trim() || n.productId || t("popup_unknown_id"), problemsText(n.problems)])}
          </li>
        ))}
      </ul>
    </section>
  )
}
