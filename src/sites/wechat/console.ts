// The WeChat MP console as a whole: which page of step 一 (qualification) is shown — the side
// menu's 功能 group with or without 直播, the 直播 intro with 开通, the terms with their consent
// box, the 申请通过 answer, or the opened console's tabs 直播间管理 · 商品库 — recognised by what
// the page shows, never by its path or generated classes. Also small text helpers shared by the
// room readers.
import { collapseSpace } from "~core/text"
import type { QualificationSignal } from "~protocol/messages"
import { isShown } from "~lib/dom/visible"
import { elementsReading, isOurs } from "~lib/dom/text"

/** The side menu's 功能 group and some of its other items (to recognise the group). */
const FEATURE_GROUP = "功能"
const FEATURE_ITEMS = ["附近的小程序", "微信搜一搜", "微信支付", "物流助手", "客服", "订阅消息", "模板消息", "页面内容接入", "小程序插件", "插件管理"]
const LIVE_ITEM = "直播"
const CONSOLE_TABS = { rooms: "直播间管理", goods: "商品库" } as const
export const OPEN_BUTTON = "开通"
const APPLY_BUTTON = "申请开通"
export const CONSENT_TEXT = "我已阅读并同意遵守以上条款"
const TERMS_TITLE = "微信小程序直播功能服务条款"
const APPLIED_TEXTS = ["已开通微信小程序直播功能", "申请通过"]
export const INTRO_TEXTS = ["申请要求", "功能简介"]
const NOT_ELIGIBLE_TEXTS = ["你的小程序暂不满足开通条件", "暂不满足开通条件"]
const ADMIN_CHECK_TEXT = "请使用微信扫描二维码进行验证"

/** How the console draws a table's cells (a <table>, or role=grid boxes): a header's, a body row's, and a cell's text. */
export const CONSOLE_TABLE_CELLS = {
  headerCells: ["th", "td", "[role=columnheader]"],
  bodyCells: ["td", "th", "[role=cell]", "[role=gridcell]"],
  text: (cell: HTMLElement) => collapseSpace(cell.textContent)
} as const

/** Text as read by a person: spaces collapsed, a leading required-mark and a trailing colon dropped. */
export function readable(s: string | null | undefined): string {
  return collapseSpace(s)
    .replace(/^[*＊]\s*/, "")
    .replace(/\s*[：:]$/, "")
    .trim()
}

/** Never the page's text: the extension's own elements, scripts, styles and templates. */
const notPageText = (el: HTMLElement) => isOurs(el) || el.tagName === "SCRIPT" || el.tagName === "STYLE" || el.tagName === "TEMPLATE"

/**
 * Elements whose own text reads as one of `texts` (so `<label><em>*</em>直播标题：</label>`
 * is the label 直播标题). The extension's own elements (`isOurs`) are never part of the page.
 */
export function textElements(root: ParentNode, texts: readonly string[], selector = "*"): HTMLElement[] {
  return elementsReading(root, texts, { selector, normalise: readable, skip: notPageText })
}

export function shownText(root: ParentNode, texts: readonly string[], selector?: string): HTMLElement[] {
  return textElements(root, texts, selector).filter((el) => isShown(el))
}

/** The control an element is part of (button, link, tab, menu item), if any. */
export function clickableOf(el: Element): HTMLElement | null {
  return el.closest<HTMLElement>("button, a, [role=button], [role=tab], [role=menuitem], [role=link]")
}

export function isDisabled(el: Element): boolean {
  for (let e: Element | null = el, d = 0; e && d < 3; e = e.parentElement, d++) {
    if ((e as HTMLButtonElement).disabled || e.getAttribute("aria-disabled") === "true") return true
    if (/(^|[-_\s])(disabled|is-disabled)($|[-_\s])/i.test(typeof e.className === "string" ? e.className : "")) return true
  }
  return false
}

/** A shown button (or link acting as one) reading `text`. */
export function findButton(root: ParentNode, text: string): HTMLElement | null {
  for (const el of textElements(root, [text])) {
    const b = clickableOf(el)
    if (b && isShown(b) && !isOurs(b)) return b
  }
  return null
}

/** Is the console's own tab bar (直播间管理 · 商品库) shown? */
export function hasConsoleTabs(root: ParentNode): boolean {
  const tab = (text: string) => textElements(root, [text]).some((el) => isShown(el) && !!clickableOf(el))
  return tab(CONSOLE_TABS.rooms) && tab(CONSOLE_TABS.goods)
}

/** Which step-一 page this document shows, as far as it tells (null: nothing about it). */
export function qualificationSignal(root: ParentNode): QualificationSignal | null {
  // The opened console: its tabs, or the answer to 申请开通.
  if (hasConsoleTabs(root) || shownText(root, APPLIED_TEXTS).length) return "opened"
  // The terms with their consent box and 申请开通.
  if (shownText(root, [CONSENT_TEXT]).length || findButton(root, APPLY_BUTTON)) return "not_opened"
  // The 直播 intro with 开通: disabled (or saying so) when the mini program may not use live.
  const open = findButton(root, OPEN_BUTTON)
  if (open && shownText(root, INTRO_TEXTS).length) {
    return isDisabled(open) || shownText(root, NOT_ELIGIBLE_TEXTS).length ? "unqualified" : "not_opened"
  }
  return menuSignal(root)
}

/** The side menu: its 功能 group holds 直播 (`listed`) or not (`unqualified`); null without the menu. */
export function menuSignal(root: ParentNode): QualificationSignal | null {
  for (const title of textElements(root, [FEATURE_GROUP])) {
    if (!isShown(title)) continue
    // The smallest container around the group's title that holds some of its known items.
    for (let box = title.parentElement, depth = 0; box && depth < 6; box = box.parentElement, depth++) {
      const items = textElements(box, FEATURE_ITEMS).filter((el) => isShown(el))
      if (items.length < 2) continue
      return textElements(box, [LIVE_ITEM]).some((el) => el !== title && isShown(el) && !!clickableOf(el)) ? "listed" : "unqualified"
    }
  }
  return null
}

/** The administrator's QR-code check is shown (the merchant scans it; nothing gets around it). */
export function adminCheckShown(root: ParentNode): boolean {
  return shownText(root, [ADMIN_CHECK_TEXT]).length > 0
}

/** The terms block (to point the merchant to it), when shown. */
export function findTerms(root: ParentNode): HTMLElement | null {
  return shownText(root, [TERMS_TITLE])[0] ?? null
}

export function findConsentBox(root: ParentNode): HTMLInputElement | null {
  const text = shownText(root, [CONSENT_TEXT])[0]
  if (!text) return null
  const label = text.closest("label")
  const inLabel = label?.querySelector<HTMLInputElement>("input[type=checkbox]")
  if (inLabel) return inLabel
  for (let up = text.parentElement, d = 0; up && d < 3; up = up.parentElement, d++) {
    const boxes = up.querySelectorAll<HTMLInputElement>("input[type=checkbox]")
    if (boxes.length === 1) return boxes[0]
  }
  return null
}

/** The MP console's own name in its header (the logo), and what stands beside it that is not the account. */
const MP_LOGO_TEXTS = ["微信公众平台", "微信公众平台小程序"]
const NOT_ACCOUNT = new Set(["微信公众平台", "小程序", "退出", "通知中心", "消息", "帮助", "设置"])

/**
 * The mini program the console is logged in as: the name the MP header shows beside the logo
 * 微信公众平台 (the header's last text of two or more characters that is not the logo's, a
 * link of the header or an avatar's initial). Null where the page shows no such header (the
 * live console alone on live.weixin.qq.com) — the account is then not known from this page.
 */
export function readAccountName(root: ParentNode): string | null {
  for (const logo of textElements(root, MP_LOGO_TEXTS)) {
    if (!isShown(logo)) continue
    // The header: the nearest container around the logo holding other text too.
    for (let box = logo.parentElement, depth = 0; box && depth < 4; box = box.parentElement, depth++) {
      const texts: string[] = []
      const walker = box.ownerDocument.createTreeWalker(box, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement
        if (!parent || isOurs(parent) || logo.contains(parent) || !isShown(parent)) continue
        const t = readable(n.textContent)
        if (t) texts.push(t)
      }
      const names = texts.filter((t) => [...t].length >= 2 && [...t].length <= 60 && !NOT_ACCOUNT.has(t))
      if (names.length) return names[names.length - 1]
    }
  }
  return null
}
