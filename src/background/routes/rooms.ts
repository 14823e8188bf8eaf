// Handlers of the WeChat console: qualification, 直播间管理 rooms, room plans and fill-room.
import type { RoomsProtocol } from "~lib/messages"

import type { Routes } from "./context"

export const roomsRoutes: Routes<keyof RoomsProtocol> = {}
