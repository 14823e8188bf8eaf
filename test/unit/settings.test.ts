// The merchant's preferences: one rule per key (db/settings.ts), used by settings.set, the backup
// import and every reader, with the default when nothing valid is stored.
import { beforeEach, describe, expect, it } from "vitest"

import { getDb } from "~db/schema"
import { getSetting, SETTING_DEFAULTS, SETTING_KEYS, settingChange, settingsFrom } from "~db/settings"
import { extensionValidators } from "~protocol/extension"

beforeEach(async () => {
  await getDb().settings.clear()
})

describe("settings", () => {
  it("read as their defaults when unset, and as stored when set", async () => {
    const db = getDb()
    expect(await getSetting(db, "reminderLeadMinutes")).toBe(15)
    expect(await getSetting(db, "coverFit")).toBe("contain")
    await db.settings.bulkPut([
      { key: "reminderLeadMinutes", value: 30 },
      { key: "coverFit", value: "crop" }
    ])
    expect(await getSetting(db, "reminderLeadMinutes")).toBe(30)
    expect(await getSetting(db, "coverFit")).toBe("crop")
  })

  it("a stored value its key does not accept reads as the default", async () => {
    const db = getDb()
    await db.settings.bulkPut([
      { key: "reminderLeadMinutes", value: "45" },
      { key: "language", value: "fr" },
      { key: "defaultPriceForm", value: 2 }
    ])
    expect(await getSetting(db, "reminderLeadMinutes")).toBe(15)
    expect(await getSetting(db, "language")).toBe("auto")
    expect(await getSetting(db, "defaultPriceForm")).toBe("auto")
  })

  it("settings.set and the backup accept the same values", () => {
    const cases: [unknown, boolean][] = [
      [{ key: "reminderLeadMinutes", value: 1 }, true],
      [{ key: "reminderLeadMinutes", value: 1440 }, true],
      [{ key: "reminderLeadMinutes", value: 0 }, false],
      [{ key: "reminderLeadMinutes", value: 1441 }, false],
      [{ key: "reminderLeadMinutes", value: 2.5 }, false],
      [{ key: "coverFit", value: "crop" }, true],
      [{ key: "coverFit", value: "fill" }, false],
      [{ key: "defaultPriceForm", value: "3" }, true],
      [{ key: "language", value: "en" }, true],
      [{ key: "toString", value: "x" }, false],
      [{ key: "unknown", value: 1 }, false]
    ]
    for (const [change, ok] of cases) {
      expect(settingChange(change) !== null, JSON.stringify(change)).toBe(ok)
      expect(extensionValidators["settings.set"](change) !== null, JSON.stringify(change)).toBe(ok)
    }
  })

  it("every key has a default the key accepts", () => {
    for (const key of SETTING_KEYS) expect(settingChange({ key, value: SETTING_DEFAULTS[key] })).not.toBeNull()
    expect(
      settingsFrom([
        { key: "coverFit", value: "crop" },
        { key: "x", value: 1 }
      ])
    ).toEqual({ ...SETTING_DEFAULTS, coverFit: "crop" })
  })
})
