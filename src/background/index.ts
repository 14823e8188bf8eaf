// The service worker: owner of the database, receiver of every message, keeper of the
// HiMall script registrations. It holds no state in memory: everything is in IndexedDB or
// in the browser's own registries, so being stopped at any moment loses nothing.
import browser, { type Runtime } from "webextension-polyfill"

import { getDb } from "~db/schema"

import { createRouter } from "./router"
import { injectIntoOpenTabs, isShopOrigin, syncShops } from "./shops"

const db = getDb()
const route = createRouter({ db, extensionId: browser.runtime.id, isShopOrigin })

// Listeners are added synchronously at start so that a woken worker hears the event.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender))

// Runs one after another: start, install and permission events can arrive together, and two
// overlapping runs would both try to register the script. (A queue, not state: a stopped
// worker loses nothing by forgetting it; the next start syncs again.)
let queue: Promise<unknown> = Promise.resolve()
const resync = () =>
  (queue = queue.then(() => syncShops(db)).catch((e) => console.error("[himall-live-helper] shop sync failed", e)))

browser.runtime.onInstalled.addListener(() => void resync())
browser.runtime.onStartup.addListener(() => void resync())
browser.permissions.onAdded.addListener(async (p) => {
  await resync()
  await injectIntoOpenTabs(p.origins ?? [])
})
browser.permissions.onRemoved.addListener(() => void resync())
void resync()
