import { Shell } from "~ui/shell"

import { Popup } from "./Popup"
import "./popup.css"

export default function PopupPage() {
  return (
    <Shell>
      <Popup />
    </Shell>
  )
}
