// Handlers of the WeChat console: qualification, 直播间管理 rooms, room plans and fill-room;
// and the options page's plan editor.
import type { RoomsProtocol } from "~protocol/messages"

import { deletePlan, listPlans, preparePlan, recordPlanFilled, recordQualification, recordRooms, savePlan } from "../rooms"
import { ProtocolError, type Routes } from "./context"

export const roomsRoutes: Routes<keyof RoomsProtocol> = {
  "qualification.seen": async (p, c) => ({ state: await recordQualification(c.db, p.signal, c.url, c.now, p.account ?? null) }),
  "rooms.seen": (p, c) => recordRooms(c.db, p, c.now),
  "plans.list": async (_p, c) => ({ plans: await listPlans(c.db, c.now) }),
  "plan.prepare": async (p, c) => {
    const data = await preparePlan(c.db, p.planId, c.now)
    if (!data) throw new ProtocolError("no_such_plan")
    return data
  },
  "plan.filled": async (p, c) => ({ recorded: await recordPlanFilled(c.db, p, c.now) }),
  "plan.save": async (p, c) => {
    const data = await savePlan(c.db, p, c.now)
    if (!data) throw new ProtocolError("no_such_plan")
    return data
  },
  "plan.delete": async (p, c) => ({ deleted: await deletePlan(c.db, p.id) })
}
