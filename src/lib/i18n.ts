// All user-facing text goes through chrome.i18n (locales/zh_CN is the default, en second).
import type { ProductProblem } from "~core/product"

export function t(key: string, substitutions?: string | string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key
}

export function problemText(problem: ProductProblem): string {
  return t(`problem_${problem}`)
}

export function problemsText(problems: readonly ProductProblem[]): string {
  return problems.map(problemText).join(t("list_separator"))
}
