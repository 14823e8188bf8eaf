// The 首页配置 entrance notice, fixed at the bottom left. Its text is a light-DOM child of the
// host (read as the notice's own text), styled through important `::slotted` rules.
export const HOMEPAGE_ENTRANCE_CSS = `
:host{position:fixed!important;left:16px!important;bottom:16px!important;z-index:2147483000!important;max-width:360px!important;padding:8px 12px!important;border-radius:4px!important;font-size:12px!important;line-height:20px!important;box-shadow:0 2px 10px rgba(0,0,0,.15)!important;background:#f6fffa!important;border:1px solid #07c160!important}
:host([data-tone=warn]){background:#fff8e6!important;border-color:#fa9d3b!important}
::slotted(*){all:initial!important;font:inherit!important;color:#333!important;white-space:normal!important}
`
