import { t } from "~lib/i18n"
import { Shell } from "~ui/shell"

import { Options } from "./Options"
import "./options.css"

export default function OptionsPage() {
  return (
    <Shell title={t("options_title")}>
      <Options />
    </Shell>
  )
}
