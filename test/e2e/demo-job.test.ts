// The driver behind `npm start` and the bench's whole-job count (scripts/demo/job.ts), on the
// sandbox build: it walks the job to the end with a small queue, leaves WeChat and HiMall in the
// state each step promises, and counts every action once under its step. Run so that a change
// to a sandbox page or a control that breaks the demo fails here, not in front of a trainer.
import { describe, expect, it } from "vitest"

import { runJob, STEPS, type StepDone } from "../../scripts/demo/job"
import type { Sandbox } from "../sandbox/server"
import { readTable, type ExtensionBrowser } from "../support/browser"
import { clearExtensionData, MERCHANT_TABLES } from "../support/goods"
import { useExtensionSuite } from "../support/suite"

let sandbox: Sandbox
let browser: ExtensionBrowser

useExtensionSuite((s, b) => ((sandbox = s), (browser = b)))

describe("the merchant's whole job, driven", () => {
  it("goes from capture to the entrance with a queue of two, counting each action under its step", async () => {
    await clearExtensionData(browser, MERCHANT_TABLES)
    const seen: Pick<StepDone, "id" | "actions">[] = []
    const { actions, steps } = await runJob({ sandbox, ext: browser, goods: 2, after: async (s) => void seen.push({ id: s.id, actions: s.actions }) })

    // Every non-demo step, in order, each reported once at its end.
    expect(steps.map((s) => s.id)).toEqual(STEPS.filter((s) => !s.demo).map((s) => s.id))
    expect(seen.map((s) => s.id)).toEqual(steps.map((s) => s.id))
    // The counts per step: enable 1 page + 3 not driven; capture 1; goods page, queue-start, one
    // 保存并提审 each; the room 12 in options + 6 on WeChat; sync 2; cover 3; entrance 1.
    expect(Object.fromEntries(steps.map((s) => [s.id, s.actions]))).toEqual({ enable: 4, capture: 1, goods: 4, room: 18, sync: 2, cover: 3, entrance: 1 })
    expect(actions.count()).toBe(33)
    expect(actions.list.filter((a) => !a.driven).map((a) => a.step)).toEqual(["enable", "enable", "enable"])
    expect(actions.list.filter((a) => a.what === "保存并提审")).toHaveLength(2)

    // What the steps promise, read back from the sites and the extension's tables.
    const wechat = sandbox.wechat.getState() as { goods: { status: string; url: string }[]; rooms: { roomId: number; name: string }[] }
    expect(wechat.goods.map((g) => g.status)).toEqual(["reviewing", "reviewing"])
    const room = wechat.rooms.find((r) => r.name === "店庆特惠专场直播")!
    expect(room).toBeDefined()
    const himall = sandbox.shop().getState() as { rooms: { roomId: number; coverImg: string }[]; syncCalls: number }
    expect(himall.syncCalls).toBe(1)
    expect(himall.rooms.find((r) => r.roomId === room.roomId)?.coverImg).toMatch(/^\/(temp|Storage\/Live)\/\S+\.jpe?g$/) // HiMall's uploader answers a /temp/ path; older versions /Storage/Live/
    expect((await readTable<{ key: string; width: number; height: number }>(browser, "roomCovers")).map((c) => [c.width, c.height])).toEqual([[750, 750]])
    const facts = await readTable<{ key: string; value: { found?: boolean } }>(browser, "facts")
    expect(facts.find((f) => f.key === `entrance|${sandbox.shopOrigin}`)?.value.found).toBe(true)
  }, 240_000)
})
