import { t } from "~lib/i18n"
import { Shell } from "~ui/shell"

import { Options } from "./Options"
import "./options.css"

const title = () => t("options_title")

export default function OptionsPage() {
  return (
    <Shell title={title}>
      <Options />
    </Shell>
  )
}
