// The WeChat 商品库 readers and the 添加商品 collector on both markups of the sandbox
// (test/sandbox/wechat/templates.html: weui-desktop; templates-alt.html: a TDesign-like
// library), written out here as Vue renders them (whitespace between tags dropped where the
// template breaks lines). jsdom has no layout: `isShown` falls back to computed style, so
// hidden parts of the fixtures are hidden with display:none / visibility:hidden.
import { beforeEach, describe, expect, it } from "vitest"

import type { PriceType } from "~core/goods"
import { collectGoodsDialog, fillGoodsDialog, findGoodsDialogs, missingFields, priceInputs } from "~sites/wechat/goods-dialog"
import { currentShelf, findAddGoodsButton, isGoodsLibrary, readGoodsLibrary, readGoodsTable } from "~sites/wechat/goods-library"

type Markup = "weui" | "alt"
type Status = "draft" | "reviewing" | "rejected" | "approved"

interface Goods {
  name: string
  price: string
  url: string
  status: Status
  reason?: string
}

const STATUS_TEXT: Record<Status, string> = { draft: "未审核", reviewing: "审核中", rejected: "审核未通过", approved: "审核通过" }

const GOODS: Goods[] = [
  { name: "天使旅行箱", price: "¥399.00 - ¥488.00", url: "pages/productdetail/productdetail?id=19", status: "reviewing" },
  { name: "保温杯大容量", price: "¥59.00（原价 ¥99.00）", url: "pages/productdetail/productdetail?id=7", status: "rejected", reason: "图片不清晰" },
  { name: "纯棉四件套", price: "¥68.00", url: "pages/productdetail/productdetail?id=23", status: "draft" }
]
const APPROVED: Goods[] = [{ name: "真丝眼罩", price: "¥35.00", url: "pages/productdetail/productdetail?id=31", status: "approved" }]

// ---------------------------------------------------------------- weui-desktop markup

function weuiConsole(inner: string): string {
  return (
    `<div class="weui-desktop-page live-console"><h2 class="weui-desktop-page__title">直播</h2>` +
    `<div class="weui-desktop-tab weui-desktop-tab_title"><ul class="weui-desktop-tab__navs">` +
    `<li class="weui-desktop-tab__nav"><a href="#">直播间管理</a></li>` +
    `<li class="weui-desktop-tab__nav weui-desktop-tab__nav_current"><a href="#">商品库</a></li>` +
    `<li class="weui-desktop-tab__nav"><a href="#">使用说明</a></li></ul></div>${inner}</div>`
  )
}

function weuiRow(g: Goods): string {
  return (
    `<tr><td><div class="goods-info"><img class="goods-info__cover" src="https://mmbiz.qpic.cn/x.jpg" alt="">` +
    `<span class="goods-info__name">${g.name}</span></div></td>` +
    `<td>${g.price}</td><td class="goods-table__url">${g.url}</td>` +
    // The status and its reason touch: no white space between the two elements' texts.
    `<td><span class="goods-status goods-status_${g.status}">${STATUS_TEXT[g.status]}</span>` +
    (g.status === "rejected" ? `<p class="goods-status__reason">原因：${g.reason}</p>` : "") +
    `</td><td class="weui-desktop-table__opr">` +
    (g.status === "draft" || g.status === "rejected" ? `<a href="javascript:;" class="weui-desktop-link">提交审核</a>` : "") +
    `<a href="javascript:;" class="weui-desktop-link">删除</a></td></tr>`
  )
}

function weuiLibrary(opts: { shelf?: "pending" | "approved"; rows?: Goods[]; dialog?: string } = {}): string {
  const shelf = opts.shelf ?? "pending"
  const rows = opts.rows ?? (shelf === "pending" ? GOODS : APPROVED)
  const cur = (s: string) => (s === shelf ? ` class="weui-desktop-sub-tab__item_current"` : "")
  const body = rows.length
    ? rows.map(weuiRow).join("")
    : `<tr><td colspan="5" class="weui-desktop-table__empty">${shelf === "pending" ? "暂无未入库商品" : "暂无已入库商品"}</td></tr>`
  return weuiConsole(
    `<div><div class="weui-desktop-sub-tab"><a href="javascript:;"${cur("pending")}>未入库</a>` +
      `<span class="weui-desktop-sub-tab__sep"></span><a href="javascript:;"${cur("approved")}>已入库</a></div>` +
      `<div class="weui-desktop-panel goods-panel"><div class="goods-toolbar">` +
      (shelf === "pending"
        ? `<div class="goods-filter"><span class="goods-filter__label">状态</span>` +
          `<a href="javascript:;" class="weui-desktop-tag weui-desktop-tag_current">全部 3</a>` +
          `<a href="javascript:;" class="weui-desktop-tag">审核中 1</a><a href="javascript:;" class="weui-desktop-tag">审核未通过 1</a></div>`
        : "") +
      `<button type="button" class="weui-desktop-btn weui-desktop-btn_primary">添加商品</button></div>` +
      `<table class="weui-desktop-table goods-table"><thead><tr><th>基本信息</th><th>价格</th><th>链接</th><th>状态</th>` +
      `<th class="weui-desktop-table__opr">操作</th></tr></thead><tbody>${body}</tbody></table></div>` +
      (opts.dialog ?? "") +
      `</div>`
  )
}

interface DialogOpts {
  /** The price form chosen (its inputs enabled, the others disabled, as Vue draws it). */
  priceType?: PriceType
  noUrlInput?: boolean
  noRangeRadio?: boolean
  noCoverInput?: boolean
}

function weuiDialog(o: DialogOpts = {}): string {
  const type = o.priceType ?? 1
  const dis = (t: PriceType) => (type === t ? "" : " disabled")
  const radio = (t: PriceType, text: string) =>
    `<label class="weui-desktop-form__check-label goods-price__type">` +
    `<input type="radio" class="weui-desktop-form__radio" name="priceType" value="${t}"${type === t ? " checked" : ""}>` +
    `<i class="weui-desktop-icon-radio"></i><span class="weui-desktop-form__check-content">${text}</span></label>`
  const priceInput = (t: PriceType, model: string) =>
    `<span class="weui-desktop-form__input-wrp goods-price__input">` +
    `<input type="text" class="weui-desktop-form__input" data-model="${model}"${dis(t)}>` +
    `<span class="weui-desktop-form__input-append">元</span></span>`
  return (
    `<div class="weui-desktop-dialog__wrp"><div class="weui-desktop-mask"></div><div class="weui-desktop-dialog goods-dialog">` +
    `<div class="weui-desktop-dialog__hd"><h3 class="weui-desktop-dialog__title">添加商品</h3>` +
    `<button type="button" class="weui-desktop-icon-btn weui-desktop-dialog__close-btn" title="关闭"></button></div>` +
    `<div class="weui-desktop-dialog__bd"><div class="weui-desktop-form">` +
    // 商品封面
    `<div class="weui-desktop-form__control-group"><label class="weui-desktop-form__label">商品封面</label>` +
    `<div class="weui-desktop-form__controls"><div class="weui-desktop-upload">` +
    `<div class="weui-desktop-upload__tips"><p>建议尺寸：200像素 * 200像素，图片大小不得超过50K</p></div>` +
    `<div class="weui-desktop-upload__btn-wrp"><button type="button" class="weui-desktop-btn weui-desktop-btn_default weui-desktop-btn_mini">上传图片</button>` +
    (o.noCoverInput ? "" : `<input type="file" accept="image/*" class="weui-desktop-upload__input">`) +
    `</div></div></div></div>` +
    // 商品名称
    `<div class="weui-desktop-form__control-group"><label class="weui-desktop-form__label">商品名称</label>` +
    `<div class="weui-desktop-form__controls"><span class="weui-desktop-form__input-wrp">` +
    `<input type="text" class="weui-desktop-form__input" data-model="name"><span class="weui-desktop-form__input-append">0/14</span>` +
    `</span></div></div>` +
    // 价格形式
    `<div class="weui-desktop-form__control-group"><label class="weui-desktop-form__label">价格形式</label>` +
    `<div class="weui-desktop-form__controls">` +
    `<div class="goods-price" data-type="1">${radio(1, "一口价")}<span class="goods-price__label">价格</span>${priceInput(1, "fixed")}</div>` +
    `<div class="goods-price" data-type="2">${o.noRangeRadio ? "" : radio(2, "价格区间")}<span class="goods-price__label">价格</span>` +
    `${priceInput(2, "low")}<span class="goods-price__sep">-</span>${priceInput(2, "high")}</div>` +
    `<div class="goods-price" data-type="3">${radio(3, "显示折扣价")}<span class="goods-price__label">原价</span>${priceInput(3, "original")}` +
    `<span class="goods-price__label goods-price__label_second">现价</span>${priceInput(3, "current")}</div>` +
    `</div></div>` +
    // 商品链接
    `<div class="weui-desktop-form__control-group"><label class="weui-desktop-form__label">商品链接</label>` +
    `<div class="weui-desktop-form__controls">` +
    (o.noUrlInput ? "" : `<span class="weui-desktop-form__input-wrp"><input type="text" class="weui-desktop-form__input" data-model="url"></span>`) +
    `<p class="weui-desktop-form__tips">请确保小程序页面路径可被访问。 <a href="javascript:;" class="weui-desktop-link">获取更多页面路径</a> 例如：pages/index/index.html?query_id=test_value</p>` +
    `</div></div>` +
    `</div></div><div class="weui-desktop-dialog__ft">` +
    `<button type="button" class="weui-desktop-btn weui-desktop-btn_primary">保存</button>` +
    `<button type="button" class="weui-desktop-btn weui-desktop-btn_default">保存并提审</button></div></div></div>`
  )
}

// ---------------------------------------------------------------- alt (TDesign-like) markup

const ALT_COLUMNS = { pending: ["基本信息", "价格", "链接", "状态", "操作"], approved: ["基本信息", "价格", "链接", "操作"] }

function altRow(g: Goods, shelf: "pending" | "approved"): string {
  return (
    `<tr class="t-table__row"><td><div class="t-table__cell"><div class="t-goods-cell">` +
    `<div class="t-goods-cell__image"><img src="https://mmbiz.qpic.cn/x.jpg" alt=""></div>` +
    `<div class="t-goods-cell__body"><div class="t-goods-cell__name">${g.name}</div></div></div></div></td>` +
    `<td><div class="t-table__cell">${g.price}</div></td>` +
    `<td><div class="t-table__cell t-table__cell--url">${g.url}</div></td>` +
    (shelf !== "approved"
      ? `<td><div class="t-table__cell"><div class="t-status t-status--${g.status}"><i class="t-status__dot"></i><span>${STATUS_TEXT[g.status]}</span></div>` +
        (g.status === "rejected" ? `<div class="t-status__reason"><span>驳回原因：${g.reason}</span></div>` : "") +
        `</div></td>`
      : "") +
    `<td><div class="t-table__cell t-table__cell--opr">` +
    (g.status === "draft" || g.status === "rejected"
      ? `<button type="button" class="t-button t-button--variant-text"><span class="t-button__text">提交审核</span></button>`
      : "") +
    `<button type="button" class="t-button t-button--variant-text"><span class="t-button__text">删除</span></button></div></td></tr>`
  )
}

function altLibrary(opts: { shelf?: "pending" | "approved"; rows?: Goods[]; dialog?: string; tabClass?: boolean } = {}): string {
  const shelf = opts.shelf ?? "pending"
  const rows = opts.rows ?? (shelf === "pending" ? GOODS : APPROVED)
  const tabClass = opts.tabClass ?? true
  const tab = (s: "pending" | "approved", text: string) =>
    `<div role="tab" class="t-tabs__nav-item${tabClass && s === shelf ? " t-is-active" : ""}" aria-selected="${s === shelf}" tabindex="${s === shelf ? 0 : -1}">${text}</div>`
  const cols = ALT_COLUMNS[shelf]
  const colgroup = `<colgroup>${cols.map(() => `<col>`).join("")}</colgroup>`
  return weuiConsole(
    `<div class="t-goods"><div class="t-tabs"><div class="t-tabs__nav" role="tablist">${tab("pending", "未入库")}${tab("approved", "已入库")}</div></div>` +
      `<div class="t-card"><div class="t-card__toolbar">` +
      (shelf === "pending"
        ? `<div class="t-filter"><span class="t-filter__label">状态</span><div class="t-segmented" role="radiogroup" aria-label="状态">` +
          `<div role="radio" class="t-segmented__item t-is-active" aria-checked="true" tabindex="0">全部 <span class="t-segmented__count">3</span></div>` +
          `<div role="radio" class="t-segmented__item" aria-checked="false" tabindex="-1">审核中 <span class="t-segmented__count">1</span></div>` +
          `<div role="radio" class="t-segmented__item" aria-checked="false" tabindex="-1">审核未通过 <span class="t-segmented__count">1</span></div></div></div>`
        : "") +
      `<button type="button" class="t-button t-button--theme-primary"><span class="t-button__text">添加商品</span></button></div>` +
      `<div class="t-table"><div class="t-table__header-wrapper"><table class="t-table__header" cellspacing="0" cellpadding="0">${colgroup}` +
      `<thead><tr>${cols.map((c) => `<th class="t-table__th"><div class="t-table__cell">${c}</div></th>`).join("")}</tr></thead></table></div>` +
      `<div class="t-table__body-wrapper">` +
      (rows.length
        ? `<table class="t-table__body" cellspacing="0" cellpadding="0">${colgroup}<tbody>${rows.map((g) => altRow(g, shelf)).join("")}</tbody></table>`
        : `<div class="t-table__empty"><span>暂无数据</span></div>`) +
      `</div></div></div>${opts.dialog ?? ""}</div>`
  )
}

function altDialog(o: DialogOpts = {}): string {
  const type = o.priceType ?? 1
  const types: [PriceType, string][] = [
    [1, "一口价"],
    [2, "价格区间"],
    [3, "显示折扣价"]
  ]
  const input = (placeholder: string, model: string) =>
    `<div class="t-input t-input--suffix t-price__input"><input type="text" class="t-input__inner" placeholder="${placeholder}" autocomplete="off" data-model="${model}">` +
    `<span class="t-input__suffix">元</span></div>`
  const prices =
    type === 1
      ? `<div class="t-price"><span class="t-price__label">价格</span>${input("请输入价格", "fixed")}</div>`
      : type === 2
        ? `<div class="t-price"><span class="t-price__label">价格</span>${input("最低价", "low")}<span class="t-price__sep">至</span>${input("最高价", "high")}</div>`
        : `<div class="t-price"><span class="t-price__label">原价</span>${input("请输入原价", "original")}` +
          `<span class="t-price__label t-price__label--second">现价</span>${input("请输入现价", "current")}</div>`
  return (
    `<div class="t-dialog__ctx"><div class="t-dialog__mask"></div><div class="t-dialog__position">` +
    `<div class="t-dialog" role="dialog" aria-modal="true" aria-labelledby="t-goods-dialog-title">` +
    `<div class="t-dialog__header"><span class="t-dialog__header-content" id="t-goods-dialog-title">添加商品</span><i class="t-icon t-icon-close t-dialog__close"></i></div>` +
    `<div class="t-dialog__body"><form class="t-form t-form--label-right">` +
    // 商品封面
    `<div class="t-form__item"><label class="t-form__label" for="g-cover"><em class="t-form__required">*</em>商品封面：</label>` +
    `<div class="t-form__controls"><div class="t-upload" id="g-cover"><div class="t-upload__trigger">` +
    (o.noCoverInput ? "" : `<input type="file" accept="image/*" style="display: none">`) +
    `<button type="button" class="t-button t-button--variant-outline"><span class="t-button__text">上传图片</span></button></div>` +
    `<div class="t-upload__tips"><span>建议尺寸：200像素 * 200像素，图片大小不得超过50K</span></div></div></div></div>` +
    // 商品名称
    `<div class="t-form__item"><label class="t-form__label" for="g-name"><em class="t-form__required">*</em>商品名称：</label>` +
    `<div class="t-form__controls"><div class="t-form__controls-content"><div class="t-input__wrap"><div class="t-input">` +
    `<input id="g-name" type="text" class="t-input__inner" placeholder="请输入商品名称" autocomplete="off" data-model="name"></div></div>` +
    `<span class="t-input__limit-number">0/14</span></div></div></div>` +
    // 价格形式
    `<div class="t-form__item"><label class="t-form__label" for="g-price-type"><em class="t-form__required">*</em>价格形式：</label>` +
    `<div class="t-form__controls"><div class="t-radio-group" role="radiogroup" id="g-price-type">` +
    types
      .filter(([t]) => !(o.noRangeRadio && t === 2))
      .map(
        ([t, title]) =>
          `<label class="t-radio${t === type ? " t-is-checked" : ""}"><input type="radio" class="t-radio__former" name="g-price-type" value="${t}"${t === type ? " checked" : ""}>` +
          `<span class="t-radio__input"></span><span class="t-radio__label">${title}</span></label>`
      )
      .join("") +
    `</div>${prices}</div></div>` +
    // 商品链接
    `<div class="t-form__item"><label class="t-form__label" for="g-url"><em class="t-form__required">*</em>商品链接：</label>` +
    `<div class="t-form__controls">` +
    (o.noUrlInput
      ? ""
      : `<div class="t-input"><input id="g-url" type="text" class="t-input__inner" placeholder="请输入小程序页面路径" autocomplete="off" data-model="url"></div>`) +
    `<div class="t-form__help">请确保小程序页面路径可被访问。<a href="javascript:;" class="t-link">获取更多页面路径</a> 例如：pages/index/index.html?query_id=test_value</div>` +
    `</div></div></form></div>` +
    `<div class="t-dialog__footer"><button type="button" class="t-button t-button--theme-primary"><span class="t-button__text">保存并提审</span></button>` +
    `<button type="button" class="t-button t-button--variant-outline"><span class="t-button__text">保存</span></button></div></div></div></div>`
  )
}

const MARKUP = {
  weui: { library: weuiLibrary, dialog: weuiDialog, dialogSelector: ".goods-dialog" },
  alt: { library: altLibrary, dialog: altDialog, dialogSelector: ".t-dialog" }
} satisfies Record<Markup, unknown>

const model = (name: string) => document.querySelector<HTMLInputElement>(`[data-model="${name}"]`)!

beforeEach(() => {
  document.head.innerHTML = ""
  document.body.innerHTML = ""
})

describe.each(["weui", "alt"] as Markup[])("添加商品 dialog, %s markup", (markup) => {
  const m = MARKUP[markup]
  const open = (o: DialogOpts = {}) => {
    document.body.innerHTML = m.library({ dialog: m.dialog(o) })
    return document.querySelector<HTMLElement>(m.dialogSelector)!
  }

  it("is found by its title, not by the toolbar's 添加商品 button", () => {
    const dialog = open()
    expect(findGoodsDialogs(document)).toEqual([dialog])
    // The toolbar button alone (dialog closed) is no dialog.
    document.body.innerHTML = m.library()
    expect(findAddGoodsButton(document)).not.toBeNull()
    expect(findGoodsDialogs(document)).toEqual([])
  })

  it("is not found while hidden, nor in the extension's own panel", () => {
    open()
    document.querySelector<HTMLElement>(m.dialogSelector)!.style.display = "none"
    expect(findGoodsDialogs(document)).toEqual([])
    document.body.innerHTML = m.library() + `<div data-lh-panel><div><h3>添加商品</h3><label>商品名称</label><input><label>商品链接</label><input></div></div>`
    expect(findGoodsDialogs(document)).toEqual([])
  })

  it("collects the cover input, name input, the three radios by their texts and the url input", () => {
    const dialog = open()
    const f = collectGoodsDialog(dialog)
    expect(f.coverInput).toBe(dialog.querySelector("input[type=file]"))
    expect(f.coverSection?.textContent).toContain("建议尺寸")
    expect(f.nameInput).toBe(model("name"))
    expect(f.urlInput).toBe(model("url"))
    expect(f.priceSection?.textContent).toContain("价格形式")
    const radios = dialog.querySelectorAll<HTMLInputElement>("input[type=radio]")
    expect(f.radios).toEqual({ 1: radios[0], 2: radios[1], 3: radios[2] })
    expect([1, 2, 3].map((t) => f.radios[t as PriceType]!.value)).toEqual(["1", "2", "3"])
    expect(missingFields(f, { priceType: 2, cover: new File(["x"], "c.jpg") })).toEqual([])
  })

  it("names a missing 商品链接", () => {
    const dialog = open({ noUrlInput: true })
    expect(findGoodsDialogs(document)).toEqual([dialog])
    const f = collectGoodsDialog(dialog)
    expect(f.urlInput).toBeNull()
    expect(f.nameInput).toBe(model("name"))
    expect(missingFields(f, { priceType: 1, cover: null })).toEqual(["商品链接"])
  })

  it("names a missing 价格区间 radio (only when that form is wanted)", () => {
    const f = collectGoodsDialog(open({ noRangeRadio: true }))
    expect(f.radios[2]).toBeUndefined()
    expect(f.radios[1]).toBeDefined()
    expect(f.radios[3]).toBeDefined()
    expect(missingFields(f, { priceType: 2, cover: null })).toEqual(["价格形式 · 价格区间"])
    expect(missingFields(f, { priceType: 1, cover: null })).toEqual([])
  })

  it("names a missing cover input only when there is a cover to upload", () => {
    const f = collectGoodsDialog(open({ noCoverInput: true }))
    expect(f.coverInput).toBeNull()
    expect(missingFields(f, { priceType: 1, cover: null })).toEqual([])
    expect(missingFields(f, { priceType: 1, cover: new File(["x"], "c.jpg") })).toEqual(["商品封面"])
  })

  it("returns [原价, 现价] for 显示折扣价", () => {
    const f = collectGoodsDialog(open({ priceType: 3 }))
    expect(priceInputs(f.priceSection!, 3)).toEqual([model("original"), model("current")])
  })

  it("returns the range's [low, high] and the one price of 一口价", () => {
    let f = collectGoodsDialog(open({ priceType: 2 }))
    expect(priceInputs(f.priceSection!, 2)).toEqual([model("low"), model("high")])
    f = collectGoodsDialog(open({ priceType: 1 }))
    expect(priceInputs(f.priceSection!, 1)).toEqual([model("fixed")])
  })
})

describe("priceInputs for 显示折扣价 when the markup orders them otherwise", () => {
  const section = (html: string) => {
    document.body.innerHTML = `<div id="s"><label>价格形式</label>${html}</div>`
    return document.getElementById("s")!
  }
  const ids = (els: HTMLInputElement[]) => els.map((e) => e.id)

  it("现价 written first, each label before its input", () => {
    const s = section(`<span>现价</span><input id="cur" type="text"><span>原价</span><input id="orig" type="text">`)
    expect(ids(priceInputs(s, 3))).toEqual(["orig", "cur"])
  })

  it("labels in a row above the inputs", () => {
    let s = section(`<div><span>现价</span><span>原价</span></div><div><input id="cur"><input id="orig"></div>`)
    expect(ids(priceInputs(s, 3))).toEqual(["orig", "cur"])
    s = section(`<div><span>原价</span><span>现价</span></div><div><input id="orig"><input id="cur"></div>`)
    expect(ids(priceInputs(s, 3))).toEqual(["orig", "cur"])
  })

  it("only 现价 labelled: the input after it is the current price", () => {
    let s = section(`<span>现价</span><input id="cur"><s>¥99</s><input id="orig">`)
    expect(ids(priceInputs(s, 3))).toEqual(["orig", "cur"])
    s = section(`<input id="orig"><span>现价</span><input id="cur">`)
    expect(ids(priceInputs(s, 3))).toEqual(["orig", "cur"])
  })

  it("keeps the order of the usual markup, and of other forms", () => {
    let s = section(`<span>原价</span><input id="orig"><span>现价</span><input id="cur">`)
    expect(ids(priceInputs(s, 3))).toEqual(["orig", "cur"])
    s = section(`<span>价格</span><input id="low"><span>-</span><input id="high">`)
    expect(ids(priceInputs(s, 2))).toEqual(["low", "high"])
  })
})

describe("fillGoodsDialog (weui markup, no cover)", () => {
  /** What Vue does on the weui dialog: the chosen form's inputs enabled, the others disabled. */
  function vueLikePriceForm() {
    const clicked: string[] = []
    for (const radio of document.querySelectorAll<HTMLInputElement>("input[type=radio]")) {
      radio.addEventListener("click", () => clicked.push(radio.value))
      radio.addEventListener("change", () => {
        for (const row of document.querySelectorAll<HTMLElement>(".goods-price")) {
          const on = row.dataset.type === radio.value
          row.querySelectorAll<HTMLInputElement>("input[type=text]").forEach((i) => (i.disabled = !on))
        }
      })
    }
    return clicked
  }
  const open = (o: DialogOpts = {}) => {
    document.body.innerHTML = weuiLibrary({ dialog: weuiDialog(o) })
    return findGoodsDialogs(document)[0]
  }
  const plan = (priceType: PriceType, price: string, price2: string) => ({
    cover: null,
    coverProblem: "image_missing",
    name: "保温杯大容量",
    priceType,
    price,
    price2,
    url: "pages/productdetail/productdetail?id=7"
  })

  it("writes name, link and the 显示折扣价 prices after clicking its radio", async () => {
    const dialog = open()
    const clicked = vueLikePriceForm()
    const result = await fillGoodsDialog(dialog, plan(3, "99.00", "59.00"))
    expect(clicked).toEqual(["3"])
    expect(dialog.querySelector<HTMLInputElement>("input[type=radio][value='3']")!.checked).toBe(true)
    expect(model("name").value).toBe("保温杯大容量")
    expect(model("original").value).toBe("99.00")
    expect(model("current").value).toBe("59.00")
    expect(model("fixed").value).toBe("")
    expect(model("url").value).toBe("pages/productdetail/productdetail?id=7")
    // No cover: that step is skipped, so the fill is partial.
    expect(result.outcome).toBe("partial")
    expect(result.missing).toEqual([])
    expect(result.steps).toEqual([
      { field: "cover", state: "skipped", detail: "image_missing" },
      { field: "name", state: "filled", detail: "保温杯大容量" },
      { field: "priceType", state: "filled", detail: "显示折扣价" },
      { field: "price", state: "filled", detail: "99.00 / 59.00" },
      { field: "url", state: "filled", detail: "pages/productdetail/productdetail?id=7" }
    ])
  })

  it("writes a 价格区间 into low and high", async () => {
    const dialog = open()
    vueLikePriceForm()
    await fillGoodsDialog(dialog, plan(2, "399.00", "488.00"))
    expect([model("fixed").value, model("low").value, model("high").value]).toEqual(["", "399.00", "488.00"])
  })

  it("writes 一口价 without clicking the radio already chosen", async () => {
    const dialog = open()
    const clicked = vueLikePriceForm()
    const result = await fillGoodsDialog(dialog, plan(1, "68.00", ""))
    expect(clicked).toEqual([])
    expect(model("fixed").value).toBe("68.00")
    expect(result.steps.find((s) => s.field === "price")).toEqual({ field: "price", state: "filled", detail: "68.00" })
  })

  it("changes nothing when a field is missing", async () => {
    const dialog = open({ noUrlInput: true })
    const clicked = vueLikePriceForm()
    const result = await fillGoodsDialog(dialog, plan(2, "399.00", "488.00"))
    expect(result).toEqual({ outcome: "failed", steps: [], missing: ["商品链接"] })
    expect(clicked).toEqual([])
    expect(dialog.querySelector<HTMLInputElement>("input[type=radio][value='1']")!.checked).toBe(true)
    for (const name of ["name", "fixed", "low", "high", "original", "current"]) expect(model(name).value).toBe("")
  })

  it("changes nothing when the wanted price form has no radio", async () => {
    const dialog = open({ noRangeRadio: true })
    const result = await fillGoodsDialog(dialog, plan(2, "399.00", "488.00"))
    expect(result.outcome).toBe("failed")
    expect(result.missing).toEqual(["价格形式 · 价格区间"])
    expect(model("name").value).toBe("")
    expect(model("url").value).toBe("")
  })
})

describe.each(["weui", "alt"] as Markup[])("商品库 table, %s markup", (markup) => {
  const m = MARKUP[markup]
  const reasonLabel = markup === "weui" ? "原因" : "驳回原因"

  it("reads name, price, url, status and the rejection reason of each row", () => {
    document.body.innerHTML = m.library()
    // The status and the reason touch in the cell's text.
    const cell = [...document.querySelectorAll("td")].find((td) => td.textContent?.startsWith("审核未通过"))!
    expect(cell.textContent).toBe(`审核未通过${reasonLabel}：图片不清晰`)
    expect(readGoodsTable(document)).toEqual([
      {
        name: "天使旅行箱",
        priceText: "¥399.00 - ¥488.00",
        url: "pages/productdetail/productdetail?id=19",
        status: "reviewing",
        statusText: "审核中",
        rejectReason: null
      },
      {
        name: "保温杯大容量",
        priceText: "¥59.00（原价 ¥99.00）",
        url: "pages/productdetail/productdetail?id=7",
        status: "rejected",
        statusText: "审核未通过",
        rejectReason: "图片不清晰"
      },
      {
        name: "纯棉四件套",
        priceText: "¥68.00",
        url: "pages/productdetail/productdetail?id=23",
        status: "draft",
        statusText: "未审核",
        rejectReason: null
      }
    ])
  })

  it("counts a row without a readable link, keeps the others, and skips the empty text", () => {
    document.body.innerHTML = m.library().replace("pages/productdetail/productdetail?id=7", "")
    const reading = readGoodsLibrary(document)!
    expect(reading.skipped).toBe(1)
    expect(reading.rows.map((r) => r.url)).toEqual(["pages/productdetail/productdetail?id=19", "pages/productdetail/productdetail?id=23"])
  })

  it("reads the 已入库 shelf", () => {
    document.body.innerHTML = m.library({ shelf: "approved" })
    const rows = readGoodsTable(document)!
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ name: "真丝眼罩", priceText: "¥35.00", url: "pages/productdetail/productdetail?id=31", rejectReason: null })
    // weui keeps a 状态 column there (审核通过); the alt markup has none: the shelf says it.
    if (markup === "weui") expect(rows[0]).toMatchObject({ status: "approved", statusText: "审核通过" })
    else expect(rows[0]).toMatchObject({ status: null, statusText: "" })
  })

  it("ignores the empty-table text", () => {
    document.body.innerHTML = m.library({ rows: [] })
    expect(document.body.textContent).toContain(markup === "weui" ? "暂无未入库商品" : "暂无数据")
    expect(readGoodsTable(document)).toEqual([])
  })

  it("tells the shelf shown", () => {
    document.body.innerHTML = m.library({ shelf: "pending" })
    expect(currentShelf(document)).toBe("pending")
    document.body.innerHTML = m.library({ shelf: "approved" })
    expect(currentShelf(document)).toBe("approved")
  })

  it("recognises the 商品库 view", () => {
    document.body.innerHTML = m.library()
    expect(isGoodsLibrary(document)).toBe(true)
    document.body.innerHTML = m.library({ shelf: "approved", rows: [] })
    expect(isGoodsLibrary(document)).toBe(true)
  })
})

describe("商品库 table, other shapes", () => {
  it("reads a split header/body table with a status but no reason (alt, reviewing only)", () => {
    document.body.innerHTML = altLibrary({ rows: [GOODS[0]] })
    expect(document.querySelectorAll("table")).toHaveLength(2)
    expect(readGoodsTable(document)).toEqual([
      { name: "天使旅行箱", priceText: "¥399.00 - ¥488.00", url: GOODS[0].url, status: "reviewing", statusText: "审核中", rejectReason: null }
    ])
  })

  it("finds columns by their header texts, whatever their order", () => {
    document.body.innerHTML =
      `<table><tr><th>操作</th><th>状态</th><th>链接</th><th>价格</th><th>基本信息</th></tr>` +
      `<tr><td>删除</td><td>审核未通过驳回原因：名称违规</td><td> pages/a?id=1 </td><td>¥1.00</td><td>一个商品</td></tr></table>`
    expect(readGoodsTable(document)).toEqual([
      { name: "一个商品", priceText: "¥1.00", url: "pages/a?id=1", status: "rejected", statusText: "审核未通过", rejectReason: "名称违规" }
    ])
  })

  it("skips full-width rows without a link (loading placeholders)", () => {
    document.body.innerHTML =
      `<table><tr><th>基本信息</th><th>价格</th><th>链接</th><th>状态</th><th>操作</th></tr>` +
      `<tr><td></td><td></td><td> </td><td></td><td></td></tr>` +
      `<tr><td>一个商品</td><td>¥1.00</td><td>pages/a?id=1</td><td>审核中</td><td>删除</td></tr></table>`
    expect(readGoodsTable(document)!.map((r) => r.url)).toEqual(["pages/a?id=1"])
  })

  it("takes a reason kept in a tooltip's title", () => {
    document.body.innerHTML =
      `<table><tr><th>基本信息</th><th>价格</th><th>链接</th><th>状态</th></tr>` +
      `<tr><td>一个商品</td><td>¥1.00</td><td>pages/a?id=1</td><td><span title="图片模糊">审核未通过</span></td></tr></table>`
    expect(readGoodsTable(document)![0]).toMatchObject({ status: "rejected", rejectReason: "图片模糊" })
  })

  it("is null where no goods table is shown", () => {
    document.body.innerHTML = `<table><tr><th>直播标题</th><th>主播昵称</th><th>状态</th></tr><tr><td>a</td><td>b</td><td>直播中</td></tr></table>`
    expect(readGoodsTable(document)).toBeNull()
    document.body.innerHTML = `<div style="display:none">${weuiLibrary()}</div>`
    expect(readGoodsTable(document)).toBeNull()
  })
})

describe("currentShelf and isGoodsLibrary", () => {
  it("reads aria-selected alone", () => {
    document.body.innerHTML = altLibrary({ shelf: "approved", tabClass: false })
    expect(document.querySelector(".t-is-active[role=tab]")).toBeNull()
    expect(currentShelf(document)).toBe("approved")
    document.body.innerHTML = altLibrary({ shelf: "pending", tabClass: false })
    expect(currentShelf(document)).toBe("pending")
  })

  it("reads a 'current' class alone", () => {
    document.body.innerHTML = weuiLibrary({ shelf: "approved" })
    expect(document.querySelector("[aria-selected]")).toBeNull()
    expect(currentShelf(document)).toBe("approved")
  })

  it("is null when no shelf tab looks selected", () => {
    document.body.innerHTML = `<div><a>未入库</a><a>已入库</a></div>`
    expect(currentShelf(document)).toBeNull()
  })

  it("is not the 商品库 without both shelves shown and the 添加商品 button", () => {
    // 直播间管理
    document.body.innerHTML = weuiConsole(`<button type="button" class="weui-desktop-btn weui-desktop-btn_primary">创建直播间</button>`)
    expect(isGoodsLibrary(document)).toBe(false)
    // Shelves but no button.
    document.body.innerHTML = weuiLibrary().replace(/<button type="button" class="weui-desktop-btn weui-desktop-btn_primary">添加商品<\/button>/, "")
    expect(findAddGoodsButton(document)).toBeNull()
    expect(isGoodsLibrary(document)).toBe(false)
    // Hidden (another view of the single-page app).
    document.head.innerHTML = `<style>.t-goods { visibility: hidden }</style>`
    document.body.innerHTML = altLibrary()
    expect(isGoodsLibrary(document)).toBe(false)
    document.head.innerHTML = ""
    expect(isGoodsLibrary(document)).toBe(true)
  })
})
