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

/** The summary above the grid and the 直播商品 note: a dashed green box, orange when it warns. */
export const LIVE_ROOMS_BOX_CSS = `
:host{margin:8px 0!important;padding:6px 10px!important;border:1px dashed #07c160!important;border-radius:4px!important;background:#f6fffa!important;font-size:12px!important;line-height:20px!important}
:host([data-tone=warn]){border-color:#fa9d3b!important;background:#fff8e6!important}
ul{margin:2px 0 0 18px;padding:0;list-style:disc}
`

export const ROOM_FLAGS_CSS = `
:host{display:block!important;margin-top:2px!important;font-size:12px!important;line-height:18px!important}
[data-lh-flag]{display:inline-block;margin:1px 4px 1px 0;padding:0 5px;border-radius:3px;border:1px solid #fa9d3b;color:#c25b00;background:#fff8e6}
[data-lh-flag=cover_unchecked]{border-color:#ccc;color:#888;background:#fafafa}
`
