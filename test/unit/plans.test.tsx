// The options page's room-plan editor: plans listed from the database with the rules each
// breaks, WeChat's rules shown while typing, a plan that breaks one still saved (as a draft),
// saves and deletes going to the background as "extension" messages (send is stubbed here).
import { render, screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { beforeEach, describe, expect, it, vi } from "vitest"

import { getDb } from "~db/schema"

const sent: { type: string; payload: any }[] = []
vi.mock("~lib/send", () => ({
  send: vi.fn(async (type: string, payload: any) => {
    sent.push({ type, payload })
    if (type === "plan.save") return { plan: { id: 7, shareImage: null, roomCover: null }, imageProblems: { shareImage: null, roomCover: null } }
    if (type === "plan.delete") return { deleted: true }
    throw new Error(`unexpected ${type}`)
  })
}))

const { Plans } = await import("~options/Plans")
const { Shell } = await import("~ui/shell")

const db = getDb()
const H = 3600_000
const later = () => {
  const d = new Date(Date.now() + 48 * H)
  d.setSeconds(0, 0)
  return d.getTime()
}

beforeEach(async () => {
  sent.length = 0
  await db.open()
  await db.plans.clear()
})

function renderPlans() {
  return render(
    <Shell title="t">
      <Plans />
    </Shell>
  )
}

describe("options: room plans", () => {
  it("lists plans with the rules each breaks", async () => {
    const start = later()
    await db.plans.bulkAdd([
      {
        title: "店庆特惠专场",
        start,
        end: start + 2 * H,
        anchorName: "小美",
        anchorWechat: "himall_anchor",
        allowComment: true,
        shareImage: new Blob(["x"]),
        roomCover: new Blob(["y"]),
        createdAt: 1,
        updatedAt: 1,
        usedAt: null,
        roomId: null
      },
      {
        title: "直播",
        start: 0,
        end: 0,
        anchorName: "小美",
        anchorWechat: "",
        allowComment: true,
        shareImage: null,
        roomCover: null,
        createdAt: 2,
        updatedAt: 2,
        usedAt: null,
        roomId: null
      }
    ])
    renderPlans()
    const good = await screen.findByText("店庆特惠专场")
    const goodRow = good.closest("li")!
    expect(goodRow.getAttribute("data-lh-plan-problems")).toBe("")
    expect(within(goodRow).getByText("符合微信的规则，可以在「创建直播间」填写")).toBeTruthy()
    const draftRow = screen.getByText("直播").closest("li")!
    expect(draftRow.getAttribute("data-lh-plan-problems")).toBe("title_too_short time_missing wechat_empty share_image_missing room_cover_missing")
    expect(within(draftRow).getByText(/直播标题至少 3 个汉字/)).toBeTruthy()
    expect(screen.getByText(/主播微信账号会与直播间绑定/)).toBeTruthy()
  })

  it("shows WeChat's rules while typing, and saves a plan that breaks one as a draft", async () => {
    renderPlans()
    await userEvent.click(await screen.findByRole("button", { name: "新建直播计划" }))
    await userEvent.type(screen.getByLabelText("直播标题"), "直播")
    const problems = () => [...document.querySelectorAll("[data-lh-problem]")].map((e) => e.getAttribute("data-lh-problem"))
    expect(problems()).toEqual(["title_too_short", "time_missing", "anchor_empty", "wechat_empty", "share_image_missing", "room_cover_missing"])
    expect(screen.getByRole("button", { name: "存为草稿" })).toBeTruthy()
    await userEvent.type(screen.getByLabelText("主播昵称"), "小美")
    await userEvent.type(screen.getByLabelText("主播微信账号"), "himall_anchor")
    await userEvent.click(screen.getByLabelText(/否/))
    expect(problems()).toEqual(["title_too_short", "time_missing", "share_image_missing", "room_cover_missing"])
    await userEvent.click(screen.getByRole("button", { name: "存为草稿" }))
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0]).toEqual({
      type: "plan.save",
      payload: {
        id: null,
        title: "直播",
        start: null,
        end: null,
        anchorName: "小美",
        anchorWechat: "himall_anchor",
        allowComment: false,
        fit: "crop",
        shareImage: null,
        roomCover: null
      }
    })
    expect(await screen.findByText("已保存")).toBeTruthy()
  })

  it("sends picked pictures as data URLs, and deletes after a confirmation", async () => {
    const start = later()
    const id = (await db.plans.add({
      title: "店庆特惠专场",
      start,
      end: start + 2 * H,
      anchorName: "小美",
      anchorWechat: "himall_anchor",
      allowComment: true,
      shareImage: new Blob(["x"]),
      roomCover: null,
      createdAt: 1,
      updatedAt: 1,
      usedAt: null,
      roomId: null
    })) as number
    renderPlans()
    await userEvent.click(await screen.findByRole("button", { name: "编辑" }))
    expect((screen.getByLabelText("直播标题") as HTMLInputElement).value).toBe("店庆特惠专场")
    await userEvent.upload(screen.getByLabelText(/直播间封面/), new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "cover.png", { type: "image/png" }))
    await screen.findByText(/已选择 cover.png/)
    await userEvent.click(screen.getByRole("button", { name: "保存" }))
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0].payload).toMatchObject({
      id,
      title: "店庆特惠专场",
      start,
      end: start + 2 * H,
      shareImage: { keep: true },
      roomCover: { dataUrl: "data:image/png;base64,iVBORw==" }
    })

    await userEvent.click(screen.getByRole("button", { name: "删除" }))
    expect(sent).toHaveLength(1)
    await userEvent.click(screen.getByRole("button", { name: "删除直播计划“店庆特惠专场”？" }))
    await waitFor(() => expect(sent[1]).toEqual({ type: "plan.delete", payload: { id } }))
  })
})
