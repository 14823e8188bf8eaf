import { t } from "~lib/i18n"
import { Shell } from "~ui/shell"

import { Popup } from "./Popup"
import "./popup.css"

export default function PopupPage() {
  return (
    <Shell title={t("popup_title")}>
      <Popup />
    </Shell>
  )
}
