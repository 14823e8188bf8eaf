// Messages of the WeChat console: qualification, 直播间管理 rooms, room plans and fill-room.
import type { Senders, Validators } from "./validate"

export interface RoomsProtocol {}

export const roomsValidators: Validators<RoomsProtocol> = {}

export const roomsSenders: Senders<RoomsProtocol> = {}
