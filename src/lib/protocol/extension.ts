// Messages of the The extension's own pages (popup, options): settings, room plans, backup, clearing data.
import type { Senders, Validators } from "./validate"

export interface ExtensionProtocol {}

export const extensionValidators: Validators<ExtensionProtocol> = {}

export const extensionSenders: Senders<ExtensionProtocol> = {}
