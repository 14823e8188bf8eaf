// Going live: reminders before rooms start, as chrome.alarms (they fire with the worker
// asleep) and notifications. Implemented in issue 4's going-live part.
import type { HelperDb } from "~db/schema"

/** Bring the reminder alarms in line with the rooms stored (call after rooms change). */
export async function refreshReminders(_db: HelperDb, _now: number = Date.now()): Promise<void> {}
