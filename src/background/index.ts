// The service worker: owner of the database, receiver of every message, keeper of the
// HiMall script registrations. It holds no state in memory: everything is in IndexedDB or
// in the browser's own registries, so being stopped at any moment loses nothing.
import browser, { type Runtime } from "webextension-polyfill"

import { getDb } from "~db/schema"
import { PAGE_PORT } from "~lib/page-port"

import { afterHandled } from "./after-handled"
import { refreshBadge } from "./badge"
import { handleCoverSizesAlarm, measureQueuedCovers } from "./cover-sizes"
import { handleAlarm, handleNotificationClick, refreshReminders } from "./reminders"
import { createRouter } from "./router"
import { injectCurrentScripts, injectIntoOpenTabs, isShopOrigin, syncShops } from "./shops"

const db = getDb()
const route = createRouter({
  db,
  extensionId: browser.runtime.id,
  isShopOrigin,
  // The popup's links and the toolbar badge follow every handled message (background/badge.ts).
  onHandled: (type, kind, ctx) => void afterHandled(db, type, kind, ctx)
})

// Listeners are added synchronously at start so that a woken worker hears the event.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender))

// Going live: reminder and refresh alarms start the worker when they fire; a click on a
// reminder opens WeChat's console. Reminders are re-planned at every start (background/reminders.ts).
const goingLiveFailed = (e: unknown) => console.error("[himall-live-helper] going-live reminders failed", e)
// The toolbar badge is recomputed after them (background/badge.ts counts their room flags too).
chrome.alarms.onAlarm.addListener(
  (alarm) =>
    void handleAlarm(db, alarm)
      .catch(goingLiveFailed)
      .finally(() => refreshBadge(db))
)
chrome.notifications.onClicked.addListener((id) => void handleNotificationClick(id).catch(goingLiveFailed))
const replanReminders = () =>
  void refreshReminders(db)
    .catch(goingLiveFailed)
    .finally(() => refreshBadge(db))
browser.runtime.onInstalled.addListener(replanReminders)
browser.runtime.onStartup.addListener(replanReminders)
replanReminders()

// Runs one after another: start, install and permission events can arrive together, and two
// overlapping runs would both try to register the script. (A queue, not state: a stopped
// worker loses nothing by forgetting it; the next start syncs again.)
let queue: Promise<unknown> = Promise.resolve()
const resync = () => (queue = queue.then(() => syncShops(db)).catch((e) => console.error("[himall-live-helper] shop sync failed", e)))

browser.runtime.onInstalled.addListener(() => void resync())
// Install, update and enable (each installs this service worker anew; runtime.onInstalled misses
// enable): re-register, then give the tabs already open the current scripts.
self.addEventListener("install", () => {
  void resync()
    .then(injectCurrentScripts)
    .catch((e) => console.error("[himall-live-helper] injecting into open tabs failed", e))
})
// Each page's root controller keeps a port open: its disconnection tells the page that this
// extension was updated, reloaded or disabled (features/registry.ts). Nothing to do here.
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PAGE_PORT) port.disconnect()
})
browser.runtime.onStartup.addListener(() => void resync())
browser.permissions.onAdded.addListener(async (p) => {
  await resync()
  await injectIntoOpenTabs(p.origins ?? [])
})
browser.permissions.onRemoved.addListener(() => void resync())
void resync()

// The toolbar badge at every start (it is also recomputed after every handled message).
void refreshBadge(db)

// HiMall room covers still to be measured (background/cover-sizes.ts): at every start, and when
// the alarm set during a run wakes a worker that stopped before the run ended.
const coversFailed = (e: unknown) => console.error("[himall-live-helper] measuring room covers failed", e)
const coverSizes = { onMeasured: () => void refreshBadge(db) }
chrome.alarms.onAlarm.addListener((alarm) => void handleCoverSizesAlarm(db, alarm, coverSizes).catch(coversFailed))
void measureQueuedCovers(db, coverSizes).catch(coversFailed)
