// For component tests of the extension's pages: `send()` answered by the real background router
// and handlers over the test's (fake) IndexedDB, as if the page were popup.html / options.html.
// Use with vi.mock("~lib/send", () => import("../support/extension-send")).
import { readFileSync } from "node:fs"
import { join } from "node:path"

import { createRouter } from "~background/router"
import { getDb } from "~db/schema"
import { ProtocolError, type MessageType, type RequestOf, type ResponseOf } from "~protocol/messages"

const EXTENSION_ID = "fake-extension-id"

/** Every message sent, in order (type and payload). */
export const sent: { type: string; payload: unknown }[] = []

export async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  sent.push({ type, payload })
  const route = createRouter({ db: getDb(), extensionId: EXTENSION_ID, isShopOrigin: async () => false })
  const reply = await route(
    { lh: 1, type, payload: JSON.parse(JSON.stringify(payload)) },
    { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html` }
  )
  if (!reply) throw new ProtocolError("no_answer")
  if (!reply.ok) throw new ProtocolError(reply.code, reply.detail)
  return reply.data as ResponseOf<T>
}

/** fetch() of the extension's own _locales/<lang>/messages.json, served from locales/. */
export function installLocaleFetch(): void {
  const root = join(import.meta.dirname, "../..")
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const url = String(input)
    const m = /^chrome-extension:\/\/[^/]+\/_locales\/([A-Za-z_]+)\/messages\.json$/.exec(url)
    if (!m) return new Response("not found", { status: 404 })
    return new Response(readFileSync(join(root, "locales", m[1], "messages.json"), "utf8"), { status: 200, headers: { "content-type": "application/json" } })
  }) as typeof fetch
}
