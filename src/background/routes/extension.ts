// Handlers of the The extension's own pages (popup, options): settings, room plans, backup, clearing data.
import type { ExtensionProtocol } from "~lib/messages"

import type { Routes } from "./context"

export const extensionRoutes: Routes<keyof ExtensionProtocol> = {}
