import { t } from "~lib/i18n"
import { Shell } from "~ui/shell"

import { Popup } from "./Popup"
import "./popup.css"

const title = () => t("popup_title")

export default function PopupPage() {
  return (
    <Shell title={title}>
      <Popup />
    </Shell>
  )
}
