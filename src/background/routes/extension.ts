// Handlers of the extension's own pages (popup, options): settings, the badge, backup import,
// clearing data; and the language override every page of the extension asks for.
import { importRows } from "~db/backup"
import { getSetting } from "~db/settings"
import { fetchLocaleMessages } from "~lib/i18n"
import type { ExtensionProtocol } from "~protocol/messages"

import { refreshBadge } from "../badge"
import { refreshReminders } from "../reminders"
import { syncShops } from "../shops"
import { ProtocolError, type Routes } from "./context"

export const extensionRoutes: Routes<keyof ExtensionProtocol> = {
  "settings.set": async (p, c) => {
    await c.db.settings.put({ key: p.key, value: p.value })
    if (p.key === "reminderLeadMinutes") await refreshReminders(c.db, c.now)
    return p
  },
  "badge.refresh": async (_p, c) => {
    const state = await refreshBadge(c.db)
    if (!state) throw new ProtocolError("badge_not_computed")
    return { needs: state.needs, text: state.text }
  },
  "backup.import": (p, c) => importRows(c.db, p.table, p.rows),
  "backup.finish": async (_p, c) => {
    await refreshReminders(c.db, c.now)
    return { done: true }
  },
  "data.clear": async (_p, c) => {
    const tables = c.db.tables
    await c.db.transaction("rw", tables, async () => {
      for (const t of tables) await t.clear()
    })
    // The shops table mirrors the browser's permissions, which clearing data does not take away.
    await syncShops(c.db, c.now)
    await refreshReminders(c.db, c.now)
    return { cleared: tables.map((t) => t.name) }
  },
  "prefs.get": async (_p, c) => {
    const [language, defaultPriceForm] = await Promise.all([getSetting(c.db, "language"), getSetting(c.db, "defaultPriceForm")])
    return { language, messages: language === "auto" ? null : await fetchLocaleMessages(language), defaultPriceForm }
  }
}
