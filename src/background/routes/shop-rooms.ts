// Handlers of the HiMall admin: 小程序直播 rooms, sync-now, room covers (make-cover), the homepage entrance.
import type { ShopRoomsProtocol } from "~lib/messages"

import type { Routes } from "./context"

export const shopRoomsRoutes: Routes<keyof ShopRoomsProtocol> = {}
