// The issue 11 readers on markups the sandbox does not serve (an Element-UI-like import with a
// numbers-only pager and check boxes wrapped in labels; a room goods list as a grid of divs with
// the id only in the address; an edit page rather than a dialog): what the code finds by
// meaning must hold on pages the e2e tests have not seen. jsdom has no layout: hidden parts are
// hidden with display:none.
import { beforeEach, describe, expect, it } from "vitest"

import { editDialogText, fillEditPrices, findGoodsEditDialogs, readEditPrices } from "~sites/wechat/goods-edit"
import { findImportDialogs, importCapacity, nextPage, readImportItems, readRoomGoodsPage, searchButton, searchInput } from "~sites/wechat/room-goods"

const item = (name: string, price: string, o: { checked?: boolean; disabled?: boolean; tag?: string } = {}) =>
  `<label class="el-checkbox${o.disabled ? " is-disabled" : ""}"><span class="el-checkbox__input"><input type="checkbox" class="el-checkbox__original" style="opacity:0"${o.checked ? " checked" : ""}${o.disabled ? " disabled" : ""}></span><span class="el-checkbox__label">${name} ${price}${o.tag ? ` <i>${o.tag}</i>` : ""}</span></label>`

function importMarkup(page = 2) {
  return `<div class="el-dialog__wrapper"><div class="el-dialog">
    <div class="el-dialog__header"><span class="el-dialog__title">添加商品</span><button class="el-dialog__headerbtn" aria-label="Close"><i></i></button></div>
    <div class="el-dialog__body">
      <div class="el-input"><input class="el-input__inner" type="text" placeholder="商品名称"></div>
      <div class="el-checkbox-group">
        ${item("羊毛大衣加厚", "¥299.00")}
        ${item("羊毛大衣", "¥199.00", { checked: true, disabled: true, tag: "已导入" })}
        ${item("保温杯", "¥59.00", { checked: true })}
      </div>
      <ul class="el-pager"><li class="number${page === 1 ? " active" : ""}">1</li><li class="number${page === 2 ? " active" : ""}">2</li><li class="number${page === 3 ? " active" : ""}">3</li></ul>
      <p>当前直播间已有 12 个商品，剩余可导入 188 个</p>
    </div>
    <div class="el-dialog__footer"><button><span>取 消</span></button><button class="el-button--primary"><span>确 定</span></button></div>
  </div></div>`
}

beforeEach(() => {
  document.body.innerHTML = ""
  history.replaceState(null, "", "/")
})

describe("an import the tests have not seen", () => {
  it("is found by its title and check boxes (添加商品 with check boxes is an import, not the goods dialog)", () => {
    document.body.innerHTML = `<div><button>添加商品</button></div>${importMarkup()}`
    const dialogs = findImportDialogs(document)
    expect(dialogs).toHaveLength(1)
    expect(dialogs[0].className).toBe("el-dialog")
    const items = readImportItems(dialogs[0])
    expect(items.map((i) => [i.text, i.checked, i.disabled])).toEqual([
      ["羊毛大衣加厚 ¥299.00", false, false],
      ["羊毛大衣 ¥199.00 已导入", true, true],
      ["保温杯 ¥59.00", true, false]
    ])
    expect(searchInput(dialogs[0])?.placeholder).toBe("商品名称")
    expect(searchButton(dialogs[0])).toBeNull()
    expect(importCapacity(dialogs[0])).toBe(188)
  })
  it("pages with a numbers-only pager: the number after the current one, none on the last", () => {
    document.body.innerHTML = importMarkup(2)
    expect(nextPage(findImportDialogs(document)[0])?.textContent).toBe("3")
    document.body.innerHTML = importMarkup(3)
    expect(nextPage(findImportDialogs(document)[0])).toBeNull()
  })
  it("icon-only controls are named by their icon or the pager item around them (li title=下一页, an icon named search)", () => {
    const markup = (page: number, last: number) => `<div role="dialog"><div class="hd">导入商品</div>
      <span class="search"><input type="text" placeholder="请输入"><button type="button"><i role="img" aria-label="search"><svg></svg></i></button></span>
      <div role="row"><span role="cell"><input type="checkbox"></span><span role="cell">羊毛大衣</span><span role="cell">¥199.00</span></div>
      <ul class="pager"><li title="上一页"><button type="button"${page <= 1 ? " disabled" : ""}><i role="img" aria-label="left"><svg></svg></i></button></li>
        <li title="${page}/${last}"><input type="text" value="${page}"> / ${last}</li>
        <li title="下一页"><button type="button"${page >= last ? " disabled" : ""}><i role="img" aria-label="right"><svg></svg></i></button></li></ul>
      <p>已选择 0 项，剩余可添加 199 个</p><button><span>确 定</span></button></div>`
    document.body.innerHTML = markup(1, 3)
    const dialog = findImportDialogs(document)[0]
    expect(searchButton(dialog)?.querySelector("[aria-label]")?.getAttribute("aria-label")).toBe("search")
    expect(searchInput(dialog)?.placeholder).toBe("请输入")
    expect(nextPage(dialog)?.closest("li")?.title).toBe("下一页")
    expect(importCapacity(dialog)).toBe(199)
    expect(readImportItems(dialog).map((i) => i.text)).toEqual(["羊毛大衣¥199.00"])
    document.body.innerHTML = markup(3, 3)
    expect(nextPage(findImportDialogs(document)[0])).toBeNull()
  })
  it("a goods dialog titled 添加商品 without check boxes is no import", () => {
    document.body.innerHTML = `<div role="dialog"><h3>添加商品</h3><label>商品名称</label><input><label>商品链接</label><input><button>保存</button></div>`
    expect(findImportDialogs(document)).toEqual([])
  })
})

describe("a room goods list the tests have not seen", () => {
  it("reads a list of cards with the room's id only in the address", () => {
    history.replaceState(null, "", "/live/room/goods?room_id=42")
    document.body.innerHTML = `<main><div class="hd"><span>直播商品</span><a role="button">导入商品</a></div>
      <div role="list"><div role="listitem"><img src="a.png"><div><p>羊毛大衣</p><p>¥199.00</p></div><a>移除</a></div>
      <div role="listitem"><img src="b.png"><div><p>保温杯</p><p>¥59.00 - ¥69.00</p></div><a>移除</a></div></div></main>`
    expect(readRoomGoodsPage(document)).toEqual({
      roomId: 42,
      items: [
        { name: "羊毛大衣", url: null },
        { name: "保温杯", url: null }
      ],
      complete: true
    })
  })
  it("reads the room's id from a label and value in separate elements (the colon drawn by CSS), not from the address", () => {
    document.body.innerHTML = `<div class="view"><dl><dt>直播间</dt><dd>店庆特惠专场</dd><dt>房间ID</dt><dd>9</dd></dl><button><span>导入商品</span></button>
      <div role="table"><div role="row"><div role="columnheader">商品</div><div role="columnheader">售价</div><div role="columnheader">页面路径</div></div>
      <div role="row"><div role="cell">羊毛大衣</div><div role="cell">¥199.00</div><div role="cell">pages/p?id=1</div></div></div></div>`
    expect(readRoomGoodsPage(document)).toEqual({ roomId: 9, items: [{ name: "羊毛大衣", url: "pages/p?id=1" }], complete: true })
  })
  it("an empty list is a complete, empty list; no 导入商品 is no room goods list", () => {
    document.body.innerHTML = `<section><p>房间号：7</p><button>导入商品</button><div>暂无商品</div></section>`
    expect(readRoomGoodsPage(document)).toEqual({ roomId: 7, items: [], complete: true })
    document.body.innerHTML = `<section><p>房间号：7</p><div>暂无商品</div></section>`
    expect(readRoomGoodsPage(document)).toBeNull()
  })
})

describe("an 已入库 edit as a page", () => {
  it("is found by its title and 价格形式; only the price form and prices are written", async () => {
    document.body.innerHTML = `<div class="page"><div class="crumb"><a>商品库</a> / <span>修改商品价格</span></div>
      <div class="row"><span>商品名称：</span><span>羊毛大衣</span></div>
      <div class="row"><span>商品链接：</span><span>pages/productdetail/productdetail?id=601</span></div>
      <div class="row"><span>价格形式：</span>
        <label><input type="radio" name="t" value="1" checked>一口价</label>
        <label><input type="radio" name="t" value="2">价格区间</label>
        <label><input type="radio" name="t" value="3">显示折扣价</label>
        <div><span>价格</span><input type="text" value="299.00"><span>元</span></div>
      </div><button>保存</button></div>`
    const [page] = findGoodsEditDialogs(document)
    expect(page.className).toBe("page")
    expect(editDialogText(page)).toContain("pages/productdetail/productdetail?id=601")
    expect(readEditPrices(page)).toEqual({ priceType: 1, original: null })
    const { steps, missing } = await fillEditPrices(page, { priceType: 1, price: "259.00", price2: "" })
    expect(missing).toEqual([])
    expect(steps.map((s) => s.state)).toEqual(["filled", "filled"])
    expect(page.querySelector<HTMLInputElement>("input[type=text]")!.value).toBe("259.00")
  })
  it("in a dialog whose 现价 comes before 原价, named only by placeholder: the 原价 is read and kept, the prices land in their own inputs", async () => {
    document.body.innerHTML = `<div role="dialog"><div class="title">修改价格</div>
      <dl><dt>商品名称</dt><dd>羊毛大衣</dd><dt>商品链接</dt><dd>pages/productdetail/productdetail?id=601</dd></dl>
      <div class="item"><label>价格形式</label>
        <label><input type="radio" name="t" value="1">一口价</label>
        <label><input type="radio" name="t" value="2">价格区间</label>
        <label><input type="radio" name="t" value="3" checked>显示折扣价</label>
        <div><input role="spinbutton" placeholder="现价" value="199.00"><input role="spinbutton" placeholder="原价" value="299.00"></div>
      </div><button><span>保 存</span></button></div>`
    const [dialog] = findGoodsEditDialogs(document)
    expect(readEditPrices(dialog)).toEqual({ priceType: 3, original: "299.00" })
    const { missing } = await fillEditPrices(dialog, { priceType: 3, price: "299.00", price2: "259.00" })
    expect(missing).toEqual([])
    const value = (p: string) => dialog.querySelector<HTMLInputElement>(`[placeholder="${p}"]`)!.value
    expect([value("原价"), value("现价")]).toEqual(["299.00", "259.00"])
  })
})
