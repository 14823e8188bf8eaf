// The `capture-product` control (HiMall product rows and the 直播链接 dialog). Its button and
// status stay light-DOM children of the host (tests, outside checks and the dialog's own
// handling find them with document.querySelector and XPath), shown through a `<slot>`: every
// rule on them is an important `::slotted` one, which the page's important rules cannot beat.
export const CAPTURE_PRODUCT_CSS = `
:host{display:inline-flex!important;align-items:center!important;gap:4px!important;margin:0 0 0 6px!important;white-space:nowrap!important;font-size:12px!important}
:host([data-lh-place=dialog]){display:flex!important;margin:8px 0 0!important;justify-content:center!important}
::slotted(*){all:initial!important;font:inherit!important;color:#888!important;display:inline!important;max-width:16em!important;white-space:normal!important}
::slotted(button){display:inline-block!important;cursor:pointer!important;border:1px solid #07c160!important;background:#fff!important;color:#07a550!important;border-radius:3px!important;padding:1px 6px!important;line-height:18px!important;white-space:nowrap!important;max-width:none!important}
::slotted(button:disabled){cursor:default!important;opacity:.5!important}
::slotted([data-tone=error]){color:#fa5151!important}
::slotted([data-tone=warn]){color:#fa9d3b!important}
::slotted([data-tone=ok]){color:#07a550!important}
`
