// A part (no feature): after a WeChat form was filled (添加商品, 创建直播间), the worker records
// what was filled (`goods.filled`, `plan.filled`) and the panel's status line says what comes
// next; a record that is lost (the worker could not be reached, even after retries) is said on
// the status line, never dropped in silence.
import { say } from "~lib/dom/build"
import { errorText } from "~lib/i18n"

export interface FillTexts {
  /** The status when the record was lost, given the reason's text. */
  notRecorded(reason: string): string
  /** The status after a whole fill: what the merchant presses now. */
  done: string
}

/**
 * Record a fill whose outcome is `outcome` (a failed fill records nothing) through `record`,
 * then say on `status` what was recorded or why not. `what` names the record in the console's log.
 */
export async function recordFill(
  status: HTMLElement,
  outcome: "ok" | "partial" | "failed",
  what: string,
  record: () => Promise<unknown>,
  texts: FillTexts
): Promise<void> {
  if (outcome !== "failed") {
    const lost = await record().then(
      () => null,
      (e: unknown) => e
    )
    if (lost) {
      console.warn(`[HiMall 直播助手] ${what}`, lost)
      say(status, texts.notRecorded(errorText(lost)), "error")
      return
    }
  }
  say(status, outcome === "ok" ? texts.done : "", outcome === "ok" ? "ok" : "muted")
}
