// Messages of the extension's own pages (popup, options): settings, the badge, backup import,
// clearing data; and the language override, which every page of the extension asks for.
import { isBackupTable, type BackupTable } from "~db/backup"
import { settingChange, type PriceFormSetting, type SettingChange } from "~db/settings"
import type { LanguageSetting, LocaleMessages } from "~lib/i18n"

import { isRecord, type ReadOnly, type Senders, type Validators } from "./validate"

export type { SettingChange } from "~db/settings"

/** Records per `backup.import` message, at most. */
const IMPORT_MAX_ROWS = 500
/** What `data.clear` must carry, so that nothing clears the data by accident. */
export const CLEAR_CONFIRMATION = "clear-all-data"

export interface ExtensionProtocol {
  /** Options: save one preference (validated per key). */
  "settings.set": {
    request: SettingChange
    response: SettingChange
  }
  /** Popup: recompute the toolbar badge now (the data may have changed with time). */
  "badge.refresh": {
    request: Record<string, never>
    response: { needs: number; text: string }
  }
  /** Options: one batch of a backup's records (Blobs as `{ $blob: dataUrl }`), written as they are. */
  "backup.import": {
    request: { table: BackupTable; rows: unknown[] }
    response: { written: number; refused: number }
  }
  /** Options: the import is over (reminders and the badge follow the new data). */
  "backup.finish": {
    request: Record<string, never>
    response: { done: true }
  }
  /** Options: delete every record of every table (the shops table is then rebuilt from the browser's permissions). */
  "data.clear": {
    request: { confirm: typeof CLEAR_CONFIRMATION }
    response: { cleared: string[] }
  }
  /**
   * Any page of the extension (content scripts too): what it needs of the merchant's preferences
   * before drawing — the language, with its messages when it is not the browser's, and the
   * preferred price form.
   */
  "prefs.get": {
    request: Record<string, never>
    response: { language: LanguageSetting; messages: LocaleMessages | null; defaultPriceForm: PriceFormSetting }
  }
}

const empty = (v: unknown) => (isRecord(v) && Object.keys(v).length === 0 ? ({} as Record<string, never>) : null)

export const extensionValidators: Validators<ExtensionProtocol> = {
  "settings.set": settingChange,
  "badge.refresh": empty,
  "backup.import": (v) => {
    if (!isRecord(v) || !isBackupTable(v.table) || !Array.isArray(v.rows) || v.rows.length > IMPORT_MAX_ROWS) return null
    return { table: v.table, rows: v.rows }
  },
  "backup.finish": empty,
  "data.clear": (v) => (isRecord(v) && v.confirm === CLEAR_CONFIRMATION ? { confirm: CLEAR_CONFIRMATION } : null),
  "prefs.get": empty
}

export const extensionSenders: Senders<ExtensionProtocol> = {
  "settings.set": "extension",
  "badge.refresh": "extension",
  "backup.import": "extension",
  "backup.finish": "extension",
  "data.clear": "extension",
  "prefs.get": "any"
}

/** Messages that change nothing (no badge run after them). */
export const extensionReadOnly: ReadOnly<ExtensionProtocol> = { "badge.refresh": true, "prefs.get": true }
