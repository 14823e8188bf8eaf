// Messages of the HiMall admin: 小程序直播 rooms, sync-now, room covers (make-cover), the homepage entrance.
import type { Senders, Validators } from "./validate"

export interface ShopRoomsProtocol {}

export const shopRoomsValidators: Validators<ShopRoomsProtocol> = {}

export const shopRoomsSenders: Senders<ShopRoomsProtocol> = {}
