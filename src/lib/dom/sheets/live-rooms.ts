// HiMall 小程序直播: the sync-now control beside 获取小程序数据, the summary above the grid,
// the flags in each row's 操作 cell, and the 直播商品 note.
export const LIVE_ROOMS_CONTROL_CSS = `
:host{display:inline!important;font-size:12px!important}
.piece{display:inline}
button{font-size:12px;line-height:18px;color:#07a550}
button.primary{padding:3px 10px;margin-left:8px;vertical-align:middle;color:#fff}
button.link{padding:1px 8px;margin-left:6px}
[data-lh-confirm]{margin-left:8px;color:#c25b00;background:#fff8e6;border:1px solid #f5c06b;border-radius:3px;padding:2px 6px}
[data-lh-status]{margin-left:8px}
`

/**
 * The summary above the grid and the 直播商品 note: a dashed green box, orange when it warns.
 * Their lines are light-DOM children of the host, so every rule on them is an important `::slotted` one.
 */
export const LIVE_ROOMS_BOX_CSS = `
:host{margin:8px 0!important;padding:6px 10px!important;border:1px dashed #07c160!important;border-radius:4px!important;background:#f6fffa!important;font-size:12px!important;line-height:20px!important}
:host([data-tone=warn]){border-color:#fa9d3b!important;background:#fff8e6!important}
::slotted(*){all:initial!important;font:inherit!important;color:#333!important;display:block!important;white-space:normal!important}
::slotted([data-lh-missing-room]){display:list-item!important;list-style:disc outside!important;margin:0 0 0 18px!important}
`

/** A row's flags: badges as light-DOM children of the host (styled by important `::slotted` rules). */
export const ROOM_FLAGS_CSS = `
:host{display:block!important;margin-top:2px!important;font-size:12px!important;line-height:18px!important}
::slotted(*){all:initial!important;font:inherit!important;display:inline-block!important;margin:1px 4px 1px 0!important;padding:0 5px!important;border-radius:3px!important;border:1px solid #fa9d3b!important;color:#c25b00!important;background:#fff8e6!important}
::slotted([data-lh-flag=cover_unchecked]){border-color:#ccc!important;color:#888!important;background:#fafafa!important}
`
