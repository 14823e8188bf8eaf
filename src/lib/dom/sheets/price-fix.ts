// 商品库 price fixes: the bar under 添加商品, the panel in WeChat's edit dialog, and the
// controls in each row's 操作 cell. The row controls stay light-DOM children of their host
// (the row code finds them in the cell), styled through important `::slotted` rules.
const BOX = `border:1px dashed #ffd591!important;border-radius:4px!important;background:#fffbf0!important;font-size:13px!important`

export const PRICE_FIX_BAR_CSS = `
:host{margin:8px 0!important;padding:6px 10px!important;${BOX}}
.piece{display:flex;align-items:center;gap:8px;flex-wrap:wrap}
`

export const PRICE_FIX_DIALOG_CSS = `
:host{margin:8px 16px!important;padding:8px 10px!important;${BOX}}
[data-lh=price-fix-report] p:last-child{margin:4px 0 0;color:#888}
`

export const PRICE_FIX_ROW_CSS = `
:host{display:inline!important}
:host([data-lh-control=price-fix-ask]){display:block!important}
::slotted(*){all:initial!important;font:12px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif!important;color:#fa9d3b!important;display:block!important}
::slotted(button){display:inline-block!important;margin-left:6px!important;cursor:pointer!important;border-radius:3px!important;padding:2px 10px!important;font-size:13px!important;line-height:22px!important;border:1px solid #07c160!important;background:#fff!important;color:#06ae56!important}
::slotted(button:disabled){cursor:default!important;opacity:.5!important}
`
