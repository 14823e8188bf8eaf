import type { ReactNode } from "react"

/** A list with nothing to show: what is empty in bold, what to do next, and any link to do it. */
export function EmptyCard({ lh, title, body, children }: { lh: string; title: string; body: string; children?: ReactNode }) {
  return (
    <div className="lh-card lh-empty" data-lh-popup={lh}>
      <p>
        <strong>{title}</strong>
      </p>
      <p className="lh-muted">{body}</p>
      {children}
    </div>
  )
}
