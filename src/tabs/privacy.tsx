// The privacy policy inside the extension (options → 隐私 links here): docs/privacy.md as
// bundled text, shown as text. One source for the store listing and the extension.
import policy from "data-text:../../docs/privacy.md"

import "~ui/base.css"

export default function Privacy() {
  return (
    <main style={{ maxWidth: 860, margin: "24px auto", padding: "0 16px" }}>
      <pre data-lh-section="privacy" style={{ whiteSpace: "pre-wrap", font: "14px/1.6 system-ui, sans-serif" }}>
        {policy}
      </pre>
    </main>
  )
}
