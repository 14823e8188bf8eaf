// What a capture's results add up to (capture-page, capture-all): how many products were
// created, updated, unchanged and refused, and each refusal reason's count.
import type { ProductProblem } from "./product"

/** Counts of a capture by outcome. */
export interface CaptureCounts {
  created: number
  updated: number
  unchanged: number
  rejected: number
}

/** Why products were refused, counted by problem. */
export type ProblemCounts = Partial<Record<ProductProblem, number>>

/** One product's capture result, as far as counting goes. */
export interface CountedResult {
  outcome: keyof CaptureCounts
  problems: readonly ProductProblem[]
}

export function countResults<R extends CountedResult>(results: readonly R[]): { counts: CaptureCounts; problems: ProblemCounts } {
  const counts: CaptureCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 }
  const problems: ProblemCounts = {}
  for (const r of results) {
    counts[r.outcome]++
    for (const p of r.problems) problems[p] = (problems[p] ?? 0) + 1
  }
  return { counts, problems }
}
