// Clear all data, after a confirmation; optionally take the shops' access away too.
import { useMutation } from "@tanstack/react-query"
import { useState } from "react"

import { t } from "~lib/i18n"
import { CLEAR_CONFIRMATION } from "~protocol/messages"
import { send } from "~lib/send"
import { useShops } from "~ui/use-data"

import { removeShop } from "./shops"

export function ClearData() {
  const shops = useShops()
  const [confirming, setConfirming] = useState(false)
  const [revoke, setRevoke] = useState(false)
  const clear = useMutation({
    mutationFn: async () => {
      if (revoke) for (const s of shops ?? []) await removeShop(s.pattern)
      return send("data.clear", { confirm: CLEAR_CONFIRMATION })
    },
    onSuccess: () => setConfirming(false)
  })
  return (
    <section className="lh-card" aria-labelledby="lh-clear-title" data-lh-section="clear">
      <h2 id="lh-clear-title">{t("options_clear")}</h2>
      <p className="lh-muted">{t("options_clear_hint")}</p>
      {!confirming ? (
        <button type="button" className="lh-btn-danger" onClick={() => setConfirming(true)} data-lh="clear-data">
          {t("options_clear_button")}
        </button>
      ) : (
        <div className="lh-confirm" role="group" aria-labelledby="lh-clear-question">
          <p id="lh-clear-question" className="lh-error">
            <strong>{t("options_clear_question")}</strong>
          </p>
          <label className="lh-choice">
            <input type="checkbox" checked={revoke} onChange={(e) => setRevoke(e.target.checked)} data-lh="clear-revoke" />
            {t("options_clear_revoke")}
          </label>
          <div className="lh-row">
            <button type="button" className="lh-btn-danger" onClick={() => clear.mutate()} disabled={clear.isPending} data-lh="clear-confirm">
              {t("options_clear_confirm")}
            </button>
            <button type="button" className="lh-btn-plain" onClick={() => setConfirming(false)} data-lh="clear-cancel">
              {t("options_cancel")}
            </button>
          </div>
        </div>
      )}
      {clear.isSuccess && (
        <p role="status" className="lh-muted" data-lh="clear-done">
          {t("options_clear_done")}
        </p>
      )}
      {clear.isError && (
        <p role="alert" className="lh-error">
          {t("options_clear_failed", (clear.error as Error).message)}
        </p>
      )}
    </section>
  )
}
