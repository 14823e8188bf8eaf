import { Shell } from "~ui/shell"

import { Options } from "./Options"
import "./options.css"

export default function OptionsPage() {
  return (
    <Shell>
      <Options />
    </Shell>
  )
}
