// The bar above HiMall's product grid, with capture-page and capture-all inside it.
export const GRID_TOOLBAR_CSS = `
:host{display:block!important;margin:8px 0!important;padding:6px 8px!important;border:1px dashed #07c160!important;border-radius:4px!important;background:#f6fffa!important;font-size:12px!important;line-height:20px!important}
.piece{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
button{padding:2px 10px;font-size:12px;line-height:18px;color:#07a550}
button.primary{color:#fff}
[data-lh-control=capture-page]{display:inline-flex;align-items:center;gap:6px}
[data-lh-control=capture-all]{display:inline-flex;flex-wrap:wrap;align-items:center;gap:6px}
[data-lh-status]{white-space:normal}
progress{width:160px;height:12px}
[data-lh-progress-text]{font-variant-numeric:tabular-nums;color:#333}
`
