import { useState } from "react"

import { t } from "~lib/i18n"
import { Shell } from "~ui/shell"

import { readFirstScreen } from "./first-screen"
import { Popup } from "./Popup"
import "./popup.css"

const title = () => t("popup_title")

export default function PopupPage() {
  // The first screen's reads begin with the page's first render, while the shell loads the language.
  const [first] = useState(readFirstScreen)
  return (
    <Shell title={title}>
      <Popup first={first} />
    </Shell>
  )
}
