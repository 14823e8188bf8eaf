// The make-cover panel in HiMall's 设置封面图 dialog.
export const MAKE_COVER_CSS = `
:host{margin:8px 0 0!important;padding:6px 8px!important;border:1px dashed #07c160!important;border-radius:4px!important;background:#f6fffa!important;font-size:12px!important;line-height:20px!important;max-width:320px!important}
.row{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
button{padding:2px 10px;font-size:12px;line-height:18px;color:#07a550}
button.primary{color:#fff}
label{display:inline-flex;align-items:center;gap:3px;color:#555;cursor:pointer}
[data-lh-status]{margin-top:4px;white-space:normal}
`
