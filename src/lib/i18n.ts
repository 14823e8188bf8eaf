// All user-facing text goes through chrome.i18n (locales/zh_CN is the default, en second).
//
// chrome.i18n answers in the browser's language and cannot switch at run time. The merchant may
// choose another language in the options (`settings` key `language`): extension pages and
// content scripts then load that locale's messages.json from the extension package and `t()`
// answers from it (same placeholder rules as chrome.i18n), falling back to chrome.i18n for a
// key it lacks. With no override (`auto`), `t()` is chrome.i18n.getMessage.
import type { ProductProblem } from "~core/product"

import { errorMessageKey } from "~protocol/errors"

export type LanguageSetting = "auto" | "zh_CN" | "en"
export const LANGUAGES: readonly LanguageSetting[] = ["auto", "zh_CN", "en"]

export type LocaleMessages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>

interface Override {
  lang: "zh_CN" | "en"
  messages: LocaleMessages
}

let override: Override | null = null

/** chrome.i18n.getMessage's rules on one messages.json: `$NAME$` placeholders, `$1`…`$9`, `$$`. */
export function formatMessage(messages: LocaleMessages, key: string, substitutions?: string | string[]): string {
  const entry = messages[key] ?? messages[key.toLowerCase()]
  if (!entry || typeof entry.message !== "string") return ""
  const args = substitutions == null ? [] : Array.isArray(substitutions) ? substitutions : [substitutions]
  const placeholders: Record<string, string> = {}
  for (const [name, ph] of Object.entries(entry.placeholders ?? {})) placeholders[name.toLowerCase()] = ph?.content ?? ""
  const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders[name.toLowerCase()] ?? whole)
  return withPlaceholders.replace(/\$(\$|[1-9])/g, (_m, d: string) => (d === "$" ? "$" : (args[Number(d) - 1] ?? "")))
}

export function t(key: string, substitutions?: string | string[]): string {
  if (override) {
    const text = formatMessage(override.messages, key, substitutions)
    if (text) return text
  }
  return chrome.i18n.getMessage(key, substitutions) || key
}

/** The language the text is in, as a BCP 47 tag ("zh-CN", "en") for dates and `lang`. */
export function uiLanguage(): string {
  if (override) return override.lang === "zh_CN" ? "zh-CN" : "en"
  return chrome.i18n.getUILanguage?.() || "zh-CN"
}

/** The override in force, or "auto". */
export function currentLanguage(): LanguageSetting {
  return override?.lang ?? "auto"
}

function isLanguageSetting(v: unknown): v is LanguageSetting {
  return typeof v === "string" && (LANGUAGES as readonly string[]).includes(v)
}

/** Answer from these messages from now on (null: back to chrome.i18n). */
export function setLanguageOverride(lang: "zh_CN" | "en" | null, messages?: LocaleMessages | null): void {
  override = lang && messages ? { lang, messages } : null
}

/** A locale's messages.json from the extension package (extension pages and the worker). */
export async function fetchLocaleMessages(lang: "zh_CN" | "en", fetchImpl: typeof fetch = fetch): Promise<LocaleMessages> {
  const res = await fetchImpl(chrome.runtime.getURL(`_locales/${lang}/messages.json`))
  if (!res.ok) throw new Error(`locale ${lang}: HTTP ${res.status}`)
  return (await res.json()) as LocaleMessages
}

/**
 * Apply the merchant's language setting: load the chosen locale (or drop the override for
 * `auto`, or when the locale cannot be loaded). Returns the language now in force.
 */
export async function applyLanguage(
  setting: unknown,
  load: (lang: "zh_CN" | "en") => Promise<LocaleMessages | null> = fetchLocaleMessages
): Promise<LanguageSetting> {
  if (!isLanguageSetting(setting) || setting === "auto") {
    setLanguageOverride(null)
    return "auto"
  }
  try {
    const messages = await load(setting)
    setLanguageOverride(messages ? setting : null, messages)
  } catch (e) {
    console.warn("[himall-live-helper] language override not loaded", e)
    setLanguageOverride(null)
  }
  return currentLanguage()
}

export function problemText(problem: ProductProblem): string {
  return t(`problem_${problem}`)
}

export function problemsText(problems: readonly ProductProblem[]): string {
  return problems.map(problemText).join(t("list_separator"))
}

/** What to tell the merchant of a failed message: its declared code's own message (protocol/errors.ts). */
export function errorText(e: unknown): string {
  return t(errorMessageKey(e))
}
