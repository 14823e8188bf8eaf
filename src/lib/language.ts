// Content scripts speak the merchant's chosen language too (lib/i18n.ts) and follow their
// preferences: before a page's features draw anything, they ask the background (`prefs.get`).
// Never holds a page up for long: without an answer in time, the browser's language and the
// automatic price form are used. Read once per page load.
import type { PriceFormSetting } from "~core/goods"
import { setLanguageOverride } from "./i18n"
import { send } from "./send"

export interface PagePreferences {
  defaultPriceForm: PriceFormSetting
}

let prefs: PagePreferences = { defaultPriceForm: "auto" }

/** The preferences this page loaded (defaults until loadPageLanguage answered). */
export function pagePreferences(): PagePreferences {
  return prefs
}

export async function loadPageLanguage(timeoutMs = 1500): Promise<void> {
  try {
    const answer = await Promise.race([send("prefs.get", {}), new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))])
    if (!answer) return
    prefs = { defaultPriceForm: answer.defaultPriceForm }
    if (answer.language !== "auto" && answer.messages) setLanguageOverride(answer.language, answer.messages)
  } catch {
    // No extension to answer (updated or disabled): the browser's language.
  }
}
