// The WeChat console readers of step 一 and step 三 on static HTML of both markups of the
// sandbox (templates.html: weui-desktop; templates-alt.html: a TDesign-like library), written
// out as Vue renders them: the qualification pages, the 直播间管理 list, the 创建直播间 form
// and its fill script. jsdom has no layout: hidden parts are display:none.
import { beforeEach, describe, expect, it } from "vitest"

import { formatRoomTime } from "~core/room-rules"
import { adminCheckShown, findConsentBox, menuSignal, qualificationSignal } from "~sites/wechat/console"
import { collectRoomForm, fillRoomForm, findRoomForms, missingRoomFields } from "~sites/wechat/room-form"
import { isRoomList, readRoomList, timesOf } from "~sites/wechat/room-list"

function page(html: string) {
  document.body.innerHTML = html
}

beforeEach(() => {
  document.body.innerHTML = ""
})

// ---------------------------------------------------------------- step 一

function menu(qualified: boolean): string {
  const items = [
    "附近的小程序",
    "微信搜一搜",
    "微信支付",
    "物流助手",
    "客服",
    "订阅消息",
    "模板消息",
    ...(qualified ? ["直播"] : []),
    "页面内容接入",
    "小程序插件"
  ]
  const group = (title: string, list: string[]) =>
    `<dl class="weui-desktop-menu__group"><dt class="weui-desktop-menu__title"><a href="javascript:;"><svg class="weui-desktop-menu__icon" viewBox="0 0 16 16"><path d="M2 2h5"></path></svg>${title}</a></dt>` +
    list.map((i) => `<dd class="weui-desktop-menu__item"><a href="javascript:;">${i}</a></dd>`).join("") +
    `</dl>`
  return `<div class="weui-desktop-menu">${group("首页", [])}${group("管理", ["版本管理", "成员管理", "用户反馈"])}${group("功能", items)}${group("开发", [])}</div>`
}

const HOME = `<div class="weui-desktop-page"><h2 class="weui-desktop-page__title">首页</h2><p>小程序 · 已认证 · 电商平台</p></div>`

function intro(qualified: boolean): string {
  return (
    `<div><h2 class="weui-desktop-page__title">直播</h2><div class="weui-desktop-panel live-intro"><div class="live-intro__aside">` +
    `<p class="live-intro__name">直播</p><button type="button" class="weui-desktop-btn weui-desktop-btn_primary"${qualified ? "" : " disabled"}>开通</button>` +
    (qualified ? "" : `<p class="weui-desktop-tips">你的小程序暂不满足开通条件</p>`) +
    `</div><div class="live-intro__main"><h4>申请要求</h4><ul><li>小程序开发者为国内非个人主体开发者</li></ul><h4>功能简介</h4></div></div></div>`
  )
}

const TERMS =
  `<div><h2 class="weui-desktop-page__title">申请开通直播</h2><div class="weui-desktop-panel live-terms">` +
  `<h3 class="live-terms__title">微信小程序直播功能服务条款</h3><div class="live-terms__content"><p>欢迎你使用微信小程序直播功能！</p></div>` +
  `<div class="live-terms__ft"><label class="weui-desktop-form__check-label"><input type="checkbox" class="weui-desktop-form__checkbox">` +
  `<i class="weui-desktop-icon-checkbox"></i><span class="weui-desktop-form__check-content">我已阅读并同意遵守以上条款</span></label>` +
  `<button type="button" class="weui-desktop-btn weui-desktop-btn_primary" disabled>申请开通</button></div></div></div>`

const APPLIED =
  `<div><h2 class="weui-desktop-page__title">申请开通直播</h2><div class="weui-desktop-panel live-applied"><span class="weui-desktop-icon-success"></span>` +
  `<p class="live-applied__title">申请通过</p><p class="weui-desktop-tips">已开通微信小程序直播功能</p><button type="button">查看功能使用说明</button></div></div>`

function tabs(current: "rooms" | "goods" = "rooms"): string {
  const tab = (title: string, on: boolean) => `<li class="weui-desktop-tab__nav${on ? " weui-desktop-tab__nav_current" : ""}"><a href="#">${title}</a></li>`
  return (
    `<h2 class="weui-desktop-page__title">直播</h2><div class="weui-desktop-tab weui-desktop-tab_title"><ul class="weui-desktop-tab__navs">` +
    tab("直播间管理", current === "rooms") +
    tab("商品库", current === "goods") +
    tab("使用说明", false) +
    `</ul></div>`
  )
}

describe("qualification", () => {
  it("MP home: 功能 without 直播 is unqualified; with it, listed", () => {
    page(menu(false) + HOME)
    expect(qualificationSignal(document)).toBe("unqualified")
    page(menu(true) + HOME)
    expect(qualificationSignal(document)).toBe("listed")
  })

  it("no menu and no live page: nothing to tell", () => {
    page(HOME)
    expect(qualificationSignal(document)).toBeNull()
    expect(menuSignal(document)).toBeNull()
  })

  it("a collapsed (hidden) menu tells nothing", () => {
    page(`<div style="display:none">${menu(false)}</div>${HOME}`)
    expect(qualificationSignal(document)).toBeNull()
  })

  it("the 直播 intro: 开通 enabled is not opened, disabled is unqualified (the page's own state wins over the menu)", () => {
    page(menu(true) + intro(true))
    expect(qualificationSignal(document)).toBe("not_opened")
    page(menu(true) + intro(false))
    expect(qualificationSignal(document)).toBe("unqualified")
  })

  it("the terms are not opened; their consent box is found, unticked", () => {
    page(menu(true) + TERMS)
    expect(qualificationSignal(document)).toBe("not_opened")
    expect(findConsentBox(document)?.checked).toBe(false)
  })

  it("申请通过 and the console's tabs are opened", () => {
    page(menu(true) + APPLIED)
    expect(qualificationSignal(document)).toBe("opened")
    page(tabs() + `<div class="room-empty"><p>暂无直播房间</p><button type="button">创建直播间</button></div>`)
    expect(qualificationSignal(document)).toBe("opened")
  })

  it("the alt console's tabs (role=tab) are opened too", () => {
    page(`<div role="tablist"><div role="tab" aria-selected="true">直播间管理</div><div role="tab" aria-selected="false">商品库</div></div>`)
    expect(qualificationSignal(document)).toBe("opened")
  })

  it("sees the administrator's QR-code check", () => {
    page(`<div class="admin-check"><p class="admin-check__text">请使用微信扫描二维码进行验证</p></div>`)
    expect(adminCheckShown(document)).toBe(true)
    page(`<div class="admin-check" style="display:none"><p>请使用微信扫描二维码进行验证</p></div>`)
    expect(adminCheckShown(document)).toBe(false)
  })
})

// ---------------------------------------------------------------- 直播间管理

interface Room {
  roomId: number
  name: string
  anchorName: string
  anchorWechat: string
  start: number
  end: number
  status: string
  cover?: string
}

const T = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime()
const ROOMS: Room[] = [
  {
    roomId: 1,
    name: "春季新品发布直播",
    anchorName: "小美",
    anchorWechat: "himall_anchor",
    start: T(2020, 3, 1, 20),
    end: T(2020, 3, 1, 22),
    status: "已结束"
  },
  {
    roomId: 12,
    name: "店庆特惠专场",
    anchorName: "Lily 主播",
    anchorWechat: "lily_88",
    start: T(2030, 6, 1, 20),
    end: T(2030, 6, 2, 8, 30),
    status: "未开始",
    cover: "https://mp.weixin.qq.com/wxamp/cgi/live/image?id=3"
  }
]

function weuiList(rooms: Room[]): string {
  const body = rooms
    .map(
      (r) =>
        `<tr><td><div class="room-info">${r.cover ? `<img class="room-info__cover" src="${r.cover}" alt="">` : `<span class="room-info__cover room-info__cover_empty"></span>`}` +
        `<div><p class="room-info__name">${r.name}</p><p class="weui-desktop-tips">房间号：${r.roomId}</p></div></div></td>` +
        `<td><p>${r.anchorName}</p><p class="weui-desktop-tips">${r.anchorWechat}</p></td>` +
        `<td><p>${formatRoomTime(r.start)}</p><p class="weui-desktop-tips">至 ${formatRoomTime(r.end)}</p></td>` +
        `<td><span class="room-status">${r.status}</span></td>` +
        `<td class="weui-desktop-table__opr"><a href="javascript:;">推流</a><a href="/wxamp/frame/live/broadcast/edit?roomId=${r.roomId}">编辑</a><a href="javascript:;">删除</a></td></tr>`
    )
    .join("")
  return (
    tabs() +
    `<div class="weui-desktop-panel room-panel"><div class="room-toolbar"><button type="button" class="weui-desktop-btn weui-desktop-btn_primary">创建直播间</button></div>` +
    `<table class="weui-desktop-table room-table"><thead><tr><th>直播间信息</th><th>主播</th><th>开播时间</th><th>直播状态</th><th class="weui-desktop-table__opr">操作</th></tr></thead>` +
    `<tbody>${body}</tbody></table></div>`
  )
}

function altList(rooms: Room[] | null): string {
  const body = (rooms ?? [])
    .map(
      (r) =>
        `<tr class="t-table__row"><td><div class="t-table__cell"><div class="t-room-cell"><div class="t-room-cell__image">${r.cover ? `<img src="${r.cover}" alt="">` : `<div></div>`}</div>` +
        `<div class="t-room-cell__body"><div class="t-room-cell__name">${r.name}</div><div class="t-room-cell__meta"><span>主播：</span><span>${r.anchorName}</span></div>` +
        `<div class="t-room-cell__meta"><span>开播时间：</span><span>${formatRoomTime(r.start)}</span><span class="t-room-cell__sep">-</span><span>${formatRoomTime(r.end)}</span></div>` +
        `<div class="t-room-cell__meta t-room-cell__id">ID: ${r.roomId}</div></div></div></div></td>` +
        `<td><div class="t-table__cell"><div class="t-status"><i class="t-status__dot"></i><span>${r.status}</span></div></div></td>` +
        `<td><div class="t-table__cell"><button type="button" class="t-button"><span>推流</span></button><button type="button" class="t-button"><span>编辑</span></button></div></td></tr>`
    )
    .join("")
  const bodyPart =
    rooms && rooms.length
      ? `<table class="t-table__body"><colgroup><col><col><col></colgroup><tbody>${body}</tbody></table>`
      : `<div class="t-table__empty"><span>${rooms ? "暂无数据" : "加载中…"}</span></div>`
  return (
    `<div role="tablist"><div role="tab" aria-selected="true">直播间管理</div><div role="tab" aria-selected="false">商品库</div></div>` +
    `<div class="t-rooms"><div class="t-card"><div class="t-card__toolbar"><button type="button" class="t-button t-button--theme-primary"><span class="t-button__text">创建直播间</span></button></div>` +
    `<div class="t-table"><div class="t-table__header-wrapper"><table class="t-table__header"><colgroup><col><col><col></colgroup><thead><tr>` +
    `<th><div class="t-table__cell">直播间信息</div></th><th><div class="t-table__cell">直播状态</div></th><th><div class="t-table__cell">操作</div></th></tr></thead></table></div>` +
    `<div class="t-table__body-wrapper">${bodyPart}</div></div></div></div>`
  )
}

describe("直播间管理", () => {
  const expected = (r: Room, withWechat: boolean) => ({
    roomId: r.roomId,
    name: r.name,
    anchorName: r.anchorName,
    anchorWechat: withWechat ? r.anchorWechat : null,
    start: r.start,
    end: r.end,
    liveStatus: r.status === "已结束" ? 103 : 102,
    statusText: r.status,
    coverUrl: r.cover ?? null
  })

  it("weui: reads each room by its columns", () => {
    page(weuiList(ROOMS))
    expect(isRoomList(document)).toBe(true)
    expect(readRoomList(document)).toEqual({ rooms: ROOMS.map((r) => expected(r, true)), skipped: 0, complete: true })
  })

  it("alt: one info cell with name, 主播：, 开播时间： and ID, in a split table", () => {
    page(altList(ROOMS))
    expect(isRoomList(document)).toBe(true)
    expect(readRoomList(document)).toEqual({ rooms: ROOMS.map((r) => expected(r, false)), skipped: 0, complete: true })
  })

  it("the empty list is a complete list of no rooms, in both markups", () => {
    page(
      tabs() +
        `<div class="weui-desktop-panel room-panel"><div class="room-empty"><p>暂无直播房间</p><button type="button" class="weui-desktop-btn">创建直播间</button></div></div>`
    )
    expect(readRoomList(document)).toEqual({ rooms: [], skipped: 0, complete: true })
    page(altList([]))
    expect(readRoomList(document)).toEqual({ rooms: [], skipped: 0, complete: true })
  })

  it("a list still loading tells nothing (it must not mark every room gone)", () => {
    page(altList(null))
    expect(readRoomList(document)).toBeNull()
    page(tabs() + `<div class="weui-desktop-panel room-panel"></div>`)
    expect(readRoomList(document)).toBeNull()
  })

  it("other views are not the list", () => {
    page(tabs("goods") + `<button type="button">添加商品</button><table><tr><th>基本信息</th><th>价格</th><th>链接</th><th>状态</th></tr></table>`)
    expect(isRoomList(document)).toBe(false)
    expect(readRoomList(document)).toBeNull()
  })

  it("a room without a readable id is skipped and counted; the edit link's roomId is an id", () => {
    page(weuiList(ROOMS).replace("房间号：1", "").replace("房间号：12", ""))
    const reading = readRoomList(document)!
    // Row 1's id is only in its edit link; row 12's too.
    expect(reading.rooms.map((r) => r.roomId)).toEqual([1, 12])
    page(altList(ROOMS).replace("ID: 1", "").replace("ID: 12", "ID: 12"))
    expect(readRoomList(document)).toMatchObject({ skipped: 1, rooms: [{ roomId: 12 }] })
  })

  it("third: a role-based grid whose rows show only a start time and give the id only in the 编辑 link", () => {
    const row = (r: Room) =>
      `<div role="row"><div role="cell"><span>${r.name}</span></div><div role="cell">${r.anchorName}</div><div role="cell">${formatRoomTime(r.start)}</div>` +
      `<div role="cell"><span class="ant-tag">${r.status}</span></div><div role="cell"><a role="button">推流</a><a href="/livemp/broadcast/edit?token=1&amp;roomId=${r.roomId}">编辑</a></div></div>`
    page(
      tabs() +
        `<div><button type="button" class="ant-btn"><span>创建直播间</span></button><div role="table"><div role="rowgroup"><div role="row">` +
        ["直播间", "主播", "开播时间", "直播状态", "操作"].map((h) => `<div role="columnheader">${h}</div>`).join("") +
        `</div></div><div role="rowgroup">${ROOMS.map(row).join("")}</div></div>` +
        `<ul><li>共 2 条</li><li title="下一页" aria-disabled="true"><button disabled>›</button></li></ul></div>`
    )
    expect(readRoomList(document)).toEqual({
      rooms: ROOMS.map((r) => ({ ...expected(r, false), end: null, coverUrl: null })),
      skipped: 0,
      complete: true
    })
  })

  it("a pager with a next page makes the list incomplete", () => {
    page(weuiList(ROOMS) + `<div class="weui-desktop-pagination"><a href="javascript:;">上一页</a><span>1/3</span><a href="javascript:;">下一页</a></div>`)
    expect(readRoomList(document)!.complete).toBe(false)
    page(weuiList(ROOMS) + `<div class="weui-desktop-pagination"><button disabled>下一页</button></div>`)
    expect(readRoomList(document)!.complete).toBe(true)
    page(weuiList(ROOMS) + `<div>共 25 条</div>`)
    expect(readRoomList(document)!.complete).toBe(false)
  })

  it("an unknown status word is kept as text, without a code", () => {
    page(weuiList([{ ...ROOMS[1], status: "审核中" }]))
    expect(readRoomList(document)!.rooms[0]).toMatchObject({ liveStatus: null, statusText: "审核中" })
  })

  it("timesOf: both ends, or an end given as a time on the same day", () => {
    expect(timesOf("2030-06-01 20:00 至 2030-06-02 08:30")).toEqual({ start: T(2030, 6, 1, 20), end: T(2030, 6, 2, 8, 30) })
    expect(timesOf("开播时间：2030-06-01 20:00-22:00")).toEqual({ start: T(2030, 6, 1, 20), end: T(2030, 6, 1, 22) })
    expect(timesOf("没有时间")).toEqual({ start: null, end: null })
  })
})

// ---------------------------------------------------------------- 创建直播间

const uploaderWeui = (tips: string) =>
  `<div class="weui-desktop-upload"><div class="weui-desktop-upload__tips"><p>${tips}</p></div><div class="weui-desktop-upload__btn-wrp">` +
  `<button type="button" class="weui-desktop-btn">上传图片</button><input type="file" accept="image/*" class="weui-desktop-upload__input"></div></div>`

const row = (label: string, controls: string) =>
  `<div class="weui-desktop-form__control-group"><label class="weui-desktop-form__label">${label}</label><div class="weui-desktop-form__controls">${controls}</div></div>`
const input = (extra = "") =>
  `<span class="weui-desktop-form__input-wrp"><input type="text" class="weui-desktop-form__input"${extra}>${extra.includes("append") ? "" : ""}</span>`

const WEUI_FORM =
  `<div class="room-create"><h2 class="weui-desktop-page__title">创建直播间</h2><div class="room-create__body">` +
  `<div class="room-preview"><p class="room-preview__caption">分享卡片展示样式</p><p class="room-preview__caption">直播间背景墙展示样式</p></div>` +
  `<div class="weui-desktop-panel room-form"><div class="weui-desktop-form">` +
  row("直播类型", `<label class="weui-desktop-form__check-label"><input type="radio" checked disabled><i></i><span>手机直播</span></label>`) +
  row("直播标题", `${input()}<span class="weui-desktop-form__input-append">0/17</span>`) +
  row(
    "开播时间",
    `<span class="weui-desktop-form__input-wrp weui-desktop-picker__range"><input type="text" class="weui-desktop-form__input" placeholder="直播开始时间">` +
      `<span class="weui-desktop-picker__sep">至</span><input type="text" class="weui-desktop-form__input" placeholder="直播结束时间"></span>` +
      `<p class="weui-desktop-form__tips">开播时间段仅供参考，以实际开播或结束时间为准。</p>`
  ) +
  row("主播昵称", `${input()}<span>0/15</span>`) +
  row("主播微信账号", `${input()}<p class="weui-desktop-form__tips">仅用做主播开播身份核实，不会再展示给观众。每个直播间可绑定一个。</p>`) +
  row(
    "允许评论",
    `<label class="weui-desktop-form__check-label"><input type="radio" name="allowComment" value="true" checked><i></i><span class="weui-desktop-form__check-content">是</span></label>` +
      `<label class="weui-desktop-form__check-label"><input type="radio" name="allowComment" value="false"><i></i><span class="weui-desktop-form__check-content">否</span></label>`
  ) +
  row("分享卡片封面", uploaderWeui("建议尺寸：800像素 * 640像素")) +
  row("直播间封面", uploaderWeui("建议尺寸：1080像素 * 1920像素")) +
  `<div class="room-form__ft"><button type="button" class="weui-desktop-btn weui-desktop-btn_primary">创建直播间</button></div></div></div></div></div>`

const uploaderAlt = (tips: string) =>
  `<div class="t-upload"><div class="t-upload__trigger"><input type="file" accept="image/*" style="display: none">` +
  `<button type="button" class="t-button"><span class="t-button__text">上传图片</span></button></div><div class="t-upload__tips"><span>${tips}</span></div></div>`
const altItem = (label: string, controls: string, forId = "") =>
  `<div class="t-form__item"><label class="t-form__label"${forId ? ` for="${forId}"` : ""}>${label}</label><div class="t-form__controls">${controls}</div></div>`

/** The alt form; `endFirst` draws 结束时间 before 开始时间 (order must not matter, placeholders do). */
function altForm(endFirst = false): string {
  const startIn = `<div class="t-input t-input--suffix"><input type="text" class="t-input__inner" placeholder="开始时间"><i class="t-icon-calendar"></i></div>`
  const endIn = `<div class="t-input t-input--suffix"><input type="text" class="t-input__inner" placeholder="结束时间"><i class="t-icon-calendar"></i></div>`
  return (
    `<div class="t-room-create"><div class="t-breadcrumb"><span class="t-breadcrumb__item"><a href="#">直播间管理</a></span><span class="t-breadcrumb__separator">/</span>` +
    `<span class="t-breadcrumb__item t-is-current">创建直播间</span></div><div class="t-room-create__body"><div class="t-card"><form class="t-form">` +
    altItem("直播类型：", `<span class="t-tag">手机直播</span>`) +
    altItem(
      `<em class="t-form__required">*</em>直播标题：`,
      `<div class="t-form__controls-content"><div class="t-input__wrap"><div class="t-input"><input id="r-title" type="text" class="t-input__inner" placeholder="请输入直播标题"></div></div><span class="t-input__limit-number">0/17</span></div>`,
      "r-title"
    ) +
    altItem(
      `<em class="t-form__required">*</em>开播时间：`,
      `<div class="t-date-range" id="r-time">${endFirst ? endIn + startIn : startIn + endIn}</div>`,
      "r-time"
    ) +
    altItem(
      `<em class="t-form__required">*</em>主播昵称：`,
      `<div class="t-input"><input type="text" class="t-input__inner" placeholder="请输入主播昵称"></div><span>0/15</span>`
    ) +
    altItem(
      `<em class="t-form__required">*</em>主播微信账号：`,
      `<div class="t-input"><input id="r-wechat" type="text" class="t-input__inner" placeholder="请输入主播微信号"></div>`,
      "r-wechat"
    ) +
    altItem(
      "允许评论：",
      `<div class="t-radio-group" role="radiogroup" aria-label="允许评论"><label class="t-radio-button t-is-checked"><input type="radio" class="t-radio-button__former" name="r-comment" value="true" checked style="opacity:0"><span class="t-radio-button__label">是</span></label>` +
        `<label class="t-radio-button"><input type="radio" class="t-radio-button__former" name="r-comment" value="false" style="opacity:0"><span class="t-radio-button__label">否</span></label></div>`
    ) +
    altItem(`<em class="t-form__required">*</em>分享卡片封面：`, uploaderAlt("建议尺寸：800像素 * 640像素，图片大小不得超过1M")) +
    altItem(`<em class="t-form__required">*</em>直播间封面：`, uploaderAlt("建议尺寸：1080像素 * 1920像素，图片大小不得超过2M")) +
    `<div class="t-form__submit"><button type="button" class="t-button t-button--theme-primary"><span class="t-button__text">创建直播间</span></button></div>` +
    `</form></div><div class="t-room-preview"><div>分享卡片展示样式</div><div>直播间背景墙展示样式</div></div></div></div>`
  )
}

const PLAN = {
  title: "店庆特惠专场",
  startText: "2030-06-01 20:00",
  endText: "2030-06-01 22:00",
  anchorName: "小美",
  anchorWechat: "himall_anchor",
  allowComment: false
}

describe.each([
  ["weui", () => WEUI_FORM],
  ["alt", () => altForm()],
  ["alt, 结束时间 drawn first", () => altForm(true)]
])("创建直播间 (%s)", (_name, html) => {
  it("finds the form by its title and every field by its label", () => {
    page(tabs() + html())
    const forms = findRoomForms(document)
    expect(forms).toHaveLength(1)
    const f = collectRoomForm(forms[0])
    expect(f.start?.placeholder).toMatch(/开始时间$/)
    expect(f.end?.placeholder).toMatch(/结束时间$/)
    expect([f.title, f.anchorName, f.anchorWechat].every((x) => x instanceof HTMLInputElement && x.type === "text")).toBe(true)
    expect(new Set([f.title, f.start, f.end, f.anchorName, f.anchorWechat]).size).toBe(5)
    expect([f.commentYes?.value, f.commentNo?.value]).toEqual(["true", "false"])
    expect(f.shareInput?.type).toBe("file")
    expect(f.coverInput?.type).toBe("file")
    expect(f.shareInput).not.toBe(f.coverInput)
    expect(missingRoomFields(f, { shareImage: true, roomCover: true })).toEqual([])
  })

  it("fills the text fields and 允许评论 with input/change events, and reads them back", async () => {
    page(html())
    const form = findRoomForms(document)[0]
    const f = collectRoomForm(form)
    const events: string[] = []
    form.addEventListener("input", (e) => events.push(`input:${(e.target as HTMLInputElement).value}`))
    const result = await fillRoomForm(form, { ...PLAN, shareImage: null, roomCover: null })
    expect(result.steps.map((s) => [s.field, s.state])).toEqual([
      ["title", "filled"],
      ["start", "filled"],
      ["end", "filled"],
      ["anchorName", "filled"],
      ["anchorWechat", "filled"],
      ["comment", "filled"],
      ["shareImage", "skipped"],
      ["roomCover", "skipped"]
    ])
    // Without images the form is not complete: partial, never ok.
    expect(result.outcome).toBe("partial")
    expect([f.title!.value, f.start!.value, f.end!.value, f.anchorName!.value, f.anchorWechat!.value]).toEqual([
      "店庆特惠专场",
      "2030-06-01 20:00",
      "2030-06-01 22:00",
      "小美",
      "himall_anchor"
    ])
    expect([f.commentYes!.checked, f.commentNo!.checked]).toEqual([false, true])
    expect(events).toContain("input:店庆特惠专场")
  })

  it("a value the page's framework puts back is reported failed", async () => {
    page(html())
    const form = findRoomForms(document)[0]
    const f = collectRoomForm(form)
    // A controlled input whose model refuses the nickname: it writes its own value back.
    f.anchorName!.addEventListener("change", () => queueMicrotask(() => (f.anchorName!.value = "")))
    const result = await fillRoomForm(form, { ...PLAN, shareImage: null, roomCover: null })
    expect(result.steps.find((s) => s.field === "anchorName")?.state).toBe("failed")
  })
})

describe("创建直播间: nothing written when a field is missing", () => {
  it("names the missing field, writes nothing", async () => {
    page(WEUI_FORM.replace("主播微信账号", "主播手机号"))
    const form = findRoomForms(document)[0]
    const result = await fillRoomForm(form, { ...PLAN, shareImage: null, roomCover: null })
    expect(result).toEqual({ outcome: "failed", steps: [], missing: ["主播微信账号"] })
    expect([...form.querySelectorAll<HTMLInputElement>("input[type=text]")].every((i) => i.value === "")).toBe(true)
  })

  it("a single 开播时间 input is not guessed at", () => {
    page(
      altForm().replace(
        /<div class="t-input t-input--suffix"><input type="text" class="t-input__inner" placeholder="结束时间">/,
        `<div class="t-input t-input--suffix" hidden style="display:none"><input type="text" disabled placeholder="结束时间">`
      )
    )
    const f = collectRoomForm(findRoomForms(document)[0])
    expect(f.timeSingle).toBe(true)
    expect(missingRoomFields(f, { shareImage: false, roomCover: false })).toEqual(["开播时间（直播开始时间 至 直播结束时间）"])
  })

  it("the images are needed only when the plan has them", () => {
    page(WEUI_FORM.replace(/<input type="file"[^>]*>/g, ""))
    const f = collectRoomForm(findRoomForms(document)[0])
    expect(missingRoomFields(f, { shareImage: false, roomCover: false })).toEqual([])
    expect(missingRoomFields(f, { shareImage: true, roomCover: true })).toEqual(["分享卡片封面", "直播间封面"])
  })

  it("编辑直播间 is not 创建直播间", () => {
    page(
      WEUI_FORM.replace('<h2 class="weui-desktop-page__title">创建直播间</h2>', '<h2 class="weui-desktop-page__title">编辑直播间</h2>').replace(
        ">创建直播间</button>",
        ">保存</button>"
      )
    )
    expect(findRoomForms(document)).toEqual([])
  })
})
