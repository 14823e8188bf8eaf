// The WeChat console's panels: the box they share (a dashed green frame in a dialog), and one
// sheet per panel for what is its own.

/** The frame every panel in a WeChat dialog has. */
const FRAME = `
:host{margin:8px 16px!important;padding:8px 10px!important;border:1px dashed #b2e8cb!important;border-radius:4px!important;background:#f6fcf9!important;font-size:13px!important}
`

/** 添加商品: the fill-goods panel (queue slot, picker, name fix, report). */
export const GOODS_PANEL_CSS = `${FRAME}
[data-lh-picker]{margin-top:8px}
.tools{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin-bottom:6px}
[data-lh=picker-search]{flex:1;min-width:12em}
[data-lh=original-price]{width:6em;margin-left:4px}
ul.list{list-style:none;margin:0;padding:0;max-height:220px;overflow:auto;border-top:1px solid #e5e5e5}
.more{padding:6px 4px;color:#888}
[data-lh-note]{margin:6px 0 0;color:#888;font-size:12px}
[data-lh-goods-status]{font-size:12px;white-space:nowrap;color:#06ae56}
[data-lh-goods-status]:not([data-lh-goods-status=none]){color:#888}
[data-lh-goods-status=rejected]{color:#fa5151}
[data-lh-name-fix]{margin-top:8px;padding:6px 8px;background:#fff7e6;border:1px solid #ffd591;border-radius:3px}
[data-lh-name-fix] p{margin:0 0 6px}
.fix-row{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.fix-row input{flex:1;min-width:14em}
[data-lh=fill-report]{margin-top:8px}
.bar > [data-lh=name-edit]{flex:1;min-width:14em}
`

/** 导入商品 of a room: the room-goods panel. */
export const ROOM_GOODS_PANEL_CSS = `${FRAME}
[data-lh=room-goods-report]{margin-top:8px;max-height:220px;overflow:auto}
select{font:inherit}
`

/** 创建直播间: the rooms panel (plan picker, report). */
export const ROOMS_PANEL_CSS = `${FRAME}
:host{margin:8px 0!important;line-height:20px!important}
.bound{margin:6px 0 0;color:#b35c00}
[data-lh-picker]{margin-top:8px}
ul.list{list-style:none;margin:0;padding:0;max-height:260px;overflow:auto;border-top:1px solid #e5e5e5}
.warn-line{color:#fa5151;font-size:12px}
[data-lh=room-report]{margin-top:8px}
`

/** The one-time question: which HiMall shop is this mini-program account's? */
export const LINK_SHOP_CSS = `${FRAME}
:host{margin:8px!important;line-height:20px!important}
.choices{display:flex;gap:8px;flex-wrap:wrap}
.question{margin:0 0 6px}
.hint{margin:6px 0 0;color:#888}
`

/** A page we recognise but cannot read: the notice says so. */
export const NOTICE_CSS = `
:host{margin:8px 0!important;padding:6px 10px!important;border:1px solid #f0c36d!important;border-radius:4px!important;background:#fff8e6!important;color:#8a5a00!important;font-size:13px!important;line-height:20px!important}
`

/** 商品库: the goods queue's bar under 添加商品. */
export const QUEUE_BAR_CSS = `
:host{margin:8px 0!important;padding:6px 10px!important;border:1px dashed #b2e8cb!important;border-radius:4px!important;background:#f6fcf9!important;font-size:13px!important}
.piece{display:flex;align-items:center;gap:8px;flex-wrap:wrap}
`

/** The console's 小程序直播 qualification panel. */
export const QUALIFICATION_CSS = `${FRAME}
:host{margin:8px 0!important;line-height:20px!important}
[data-lh=show-terms]{margin-top:6px}
`
