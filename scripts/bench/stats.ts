// Figures of `npm run bench`: a set of samples summed up as runs, median, p95, min and max
// (nearest-rank percentiles), optionally checked against a goal ("at most …").

export interface Figure {
  runs: number
  median: number
  p95: number
  min: number
  max: number
}

/** A figure with a goal: `met` when its median is at most the goal (or at least, `goal_is`). */
export interface GoalFigure extends Figure {
  goal: number
  goal_is?: "at_least"
  met: boolean
}

const round = (n: number) => Math.round(n * 10) / 10

/** Nearest-rank percentile of sorted samples (q in 0…1). */
export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) throw new Error("percentile of no samples")
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

export function summarise(samples: number[]): Figure {
  if (!samples.length) throw new Error("summarise: no samples")
  if (samples.some((v) => !Number.isFinite(v))) throw new Error(`summarise: not a number in ${JSON.stringify(samples)}`)
  const s = [...samples].sort((a, b) => a - b)
  return { runs: s.length, median: round(percentile(s, 0.5)), p95: round(percentile(s, 0.95)), min: round(s[0]), max: round(s[s.length - 1]) }
}

/** The figure checked against a goal on its median (the goals are medians): at most the goal, or at least it. */
export function withGoal(figure: Figure, goal: number, is: "at_most" | "at_least" = "at_most"): GoalFigure {
  return is === "at_least" ? { ...figure, goal, goal_is: "at_least", met: figure.median >= goal } : { ...figure, goal, met: figure.median <= goal }
}

/** One value (a count, a ratio of medians) as a figure of one run. */
export function single(value: number): Figure {
  return summarise([value])
}

/** a / b rounded to 0.1, or null when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : round(a / b)
}

/** Pairwise differences of two equally long sample lists (runs interleaved: a[i] − b[i]). */
export function differences(a: number[], b: number[]): number[] {
  if (a.length !== b.length) throw new Error(`differences: ${a.length} vs ${b.length} samples`)
  return a.map((v, i) => v - b[i])
}

/** Every figure with a goal in a figures object, as rows for the summary and the docs. */
export interface GoalRow {
  figure: string
  median: number
  p95: number
  /** "≤ 5" or "≥ 10" */
  goal: string
  met: boolean
}

export function goalRows(figures: Record<string, unknown>): GoalRow[] {
  const rows: GoalRow[] = []
  for (const [key, value] of Object.entries(figures)) {
    if (value && typeof value === "object" && "goal" in value && "met" in value && "median" in value) {
      const f = value as GoalFigure
      rows.push({ figure: key, median: f.median, p95: f.p95, goal: `${f.goal_is === "at_least" ? "≥" : "≤"} ${f.goal}`, met: f.met })
    }
  }
  return rows
}

/**
 * a / b as a figure with a goal: the ratio of the medians (paired runs, where there are, give
 * the ratio's spread: p95 of the per-run ratios).
 */
export function ratioFigure(a: Figure, b: Figure, goal: number, pairs?: { a: number[]; b: number[] }): GoalFigure & { of: { a: number; b: number } } {
  if (b.median === 0) throw new Error("ratioFigure: a median of 0")
  const median = Math.round((a.median / b.median) * 100) / 100
  const per = pairs ? pairs.a.map((v, i) => v / pairs.b[i]).sort((x, y) => x - y) : [median]
  const r2 = (n: number) => Math.round(n * 100) / 100
  return {
    runs: per.length,
    median,
    p95: r2(percentile(per, 0.95)),
    min: r2(per[0]),
    max: r2(per[per.length - 1]),
    goal,
    met: median <= goal,
    of: { a: a.median, b: b.median }
  }
}

/** A user action of a path through the pages, recorded as it is driven. */
export type ActionKind = "navigate" | "click" | "typing" | "file_choice" | "copy_paste" | "tab_switch" | "compress"
export interface Action {
  kind: ActionKind
  what: string
}

export function countActions(actions: Action[]) {
  const byKind: Partial<Record<ActionKind, number>> = {}
  for (const a of actions) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1
  return { total: actions.length, byKind, steps: actions.map((a) => `${a.kind}: ${a.what}`) }
}
