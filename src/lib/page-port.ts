// The port every page's root controller (features/registry.ts) keeps open to the worker: its
// disconnection tells the page that the extension was updated, reloaded or disabled.
export const PAGE_PORT = "lh-page"
