// The manual's five steps, each with its state as the extension last saw it, when, what to do
// and the page that fixes it.
import type { LineArg, Step, StepLine } from "~core/checklist"
import { t } from "~lib/i18n"
import { formatAgo, formatTime } from "~ui/format"

const MARK: Record<Step["state"], string> = { done: "✓", todo: "•", attention: "!", waiting: "…", unknown: "?", blocked: "×" }

function argText(a: LineArg): string {
  if (typeof a === "number") return String(a)
  if (typeof a === "string") return a
  return formatTime(a.time)
}

function lineText(line: StepLine): string {
  return t(`check_${line.key}`, (line.args ?? []).map(argText))
}

/** A link the extension builds (its own page, or an https page of WeChat or a shop). */
export function PageLink({ url, label, className = "lh-link-btn", lh }: { url: string; label: string; className?: string; lh?: string }) {
  const href = /^https?:\/\//.test(url) ? url : (chrome.runtime.getURL?.(url) ?? url)
  return (
    <a className={className} href={href} target="_blank" rel="noreferrer" data-lh={lh}>
      {label}
    </a>
  )
}

function StepRow({ step, index, now }: { step: Step; index: number; now: number }) {
  const [first, ...rest] = step.lines
  return (
    <li className={`lh-step lh-step-${step.state}`} data-lh-step={step.id} data-lh-state={step.state} aria-labelledby={`lh-step-${step.id}`}>
      <span className="lh-step-mark" aria-hidden="true">
        {MARK[step.state]}
      </span>
      <div className="lh-step-body">
        <div className="lh-step-head">
          <span id={`lh-step-${step.id}`} className="lh-step-name">
            {t("check_step_number", String(index + 1))} {t(`check_step_${step.id}`)}
          </span>
          <span className={`lh-chip lh-chip-${step.state}`}>{t(`check_state_${step.state}`)}</span>
          <span className="lh-muted lh-step-seen" title={step.seenAt ? formatTime(step.seenAt) : undefined}>
            {step.seenAt ? t("check_seen", formatAgo(step.seenAt, now)) : t("check_never_seen")}
          </span>
        </div>
        {first && <div className="lh-step-line">{lineText(first)}</div>}
        {rest.map((l, i) => (
          <div key={i} className="lh-step-line lh-muted">
            {lineText(l)}
          </div>
        ))}
        {step.link && <PageLink url={step.link.url} label={t(`check_link_${step.link.label}`)} lh={`open-${step.id}`} />}
      </div>
    </li>
  )
}

export function ChecklistView({ steps, ready, needs, now }: { steps: Step[]; ready: boolean; needs: number; now: number }) {
  return (
    <section className="lh-checklist" aria-labelledby="lh-checklist-title" data-lh-popup="checklist">
      <h2 id="lh-checklist-title" className="lh-checklist-title">
        {ready ? t("check_ready") : needs ? t("check_needs", String(needs)) : t("check_not_ready")}
      </h2>
      <ol className="lh-steps">
        {steps.map((s, i) => (
          <StepRow key={s.id} step={s} index={i} now={now} />
        ))}
      </ol>
    </section>
  )
}
