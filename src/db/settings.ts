// The merchant's preferences (`settings` table): every key, what it accepts and its default, in
// one place. `settings.set` (the protocol), the backup import and every reader use these.
import { DEFAULT_LEAD_MINUTES } from "~core/going-live"
import { PRICE_FORMS, type PriceFormSetting } from "~core/goods"
import { LANGUAGES, type LanguageSetting } from "~lib/i18n"

import type { CoverFit, HelperDb } from "./schema"

export { PRICE_FORMS, type PriceFormSetting } from "~core/goods"
/** Minutes before a room's start that its reminder fires. */
export const LEAD_MIN = 1
export const LEAD_MAX = 1440

export interface SettingValues {
  /** How a picture is made into a cover: fitted on white, or cropped to fill. */
  coverFit: CoverFit
  defaultPriceForm: PriceFormSetting
  reminderLeadMinutes: number
  /** The interface language: the browser's (`auto`), or one chosen in options. */
  language: LanguageSetting
}
export type SettingKey = keyof SettingValues

export const SETTING_DEFAULTS: SettingValues = {
  coverFit: "contain",
  defaultPriceForm: "auto",
  reminderLeadMinutes: DEFAULT_LEAD_MINUTES,
  language: "auto"
}

const ACCEPTS: { [K in SettingKey]: (v: unknown) => v is SettingValues[K] } = {
  coverFit: (v): v is CoverFit => v === "contain" || v === "crop",
  defaultPriceForm: (v): v is PriceFormSetting => typeof v === "string" && (PRICE_FORMS as readonly string[]).includes(v),
  reminderLeadMinutes: (v): v is number => typeof v === "number" && Number.isInteger(v) && v >= LEAD_MIN && v <= LEAD_MAX,
  language: (v): v is LanguageSetting => typeof v === "string" && (LANGUAGES as readonly string[]).includes(v)
}

export const SETTING_KEYS = Object.keys(SETTING_DEFAULTS) as SettingKey[]

export type SettingChange = { [K in SettingKey]: { key: K; value: SettingValues[K] } }[SettingKey]

function isSettingKey(v: unknown): v is SettingKey {
  return typeof v === "string" && Object.hasOwn(ACCEPTS, v)
}

/** Is this a value the setting accepts? */
function settingValueOk<K extends SettingKey>(key: K, value: unknown): value is SettingValues[K] {
  return ACCEPTS[key](value)
}

/** A `{ key, value }` the settings table may hold (a stored or imported record), or null. */
export function settingChange(v: unknown): SettingChange | null {
  if (typeof v !== "object" || v === null) return null
  const { key, value } = v as { key?: unknown; value?: unknown }
  return isSettingKey(key) && settingValueOk(key, value) ? ({ key, value } as SettingChange) : null
}

/** A stored value, or the setting's default when none (or one no longer valid) is stored. */
function settingOr<K extends SettingKey>(key: K, stored: unknown): SettingValues[K] {
  return settingValueOk(key, stored) ? stored : SETTING_DEFAULTS[key]
}

/** The merchant's preference for `key`, its default when unset. */
export async function getSetting<K extends SettingKey>(db: HelperDb, key: K): Promise<SettingValues[K]> {
  return settingOr(key, (await db.settings.get(key))?.value)
}

/** Every preference, defaults filled in, from the table's rows (the options page's live query). */
export function settingsFrom(rows: readonly { key: string; value: unknown }[] | undefined): SettingValues {
  const out = { ...SETTING_DEFAULTS }
  for (const r of rows ?? []) if (isSettingKey(r.key)) (out as Record<string, unknown>)[r.key] = settingOr(r.key, r.value)
  return out
}
