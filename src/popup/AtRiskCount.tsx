// The popup's count of products "at risk" (issue 11), apart from the ones merely not added yet:
// words WeChat's review rejects, a product HiMall does not sell, or a name, price or link that
// breaks WeChat's rules (core/goods-risk.ts).
import { useLiveQuery } from "dexie-react-hooks"

import { productAtRisk } from "~core/goods-risk"
import { getDb } from "~db/schema"
import { t } from "~lib/i18n"

export function AtRiskCount() {
  const count = useLiveQuery(async () => {
    let n = 0
    await getDb().products.each((p) => {
      if (productAtRisk(p)) n++
    })
    return n
  }, [])
  if (count === undefined) return null
  return (
    <div className={count ? "lh-reject" : "lh-muted"} data-lh-count="at-risk" data-lh-value={count} title={t("popup_at_risk_hint")}>
      {t("popup_at_risk")} {count}
    </div>
  )
}
