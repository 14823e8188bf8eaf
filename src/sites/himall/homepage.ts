// HiMall 小程序 → 首页配置 (`/Admin/WXSmallProgram/HomePageSetting`): does the mini program's
// homepage lead buyers to the live rooms? The entrance is a navigation item linked to
// 小程序直播 (HiMall's DIY editor: a 图文导航 item `{ linkType: 32, link: "../livelist/livelist",
// title: "小程序直播", showtitle: "<name>" }`; the older editor: a 图片导航 item linked to
// `/pages/livelist/livelist`), named by its 导航名称; a 直播间 module lists the rooms too.
// Site knowledge only (no extension API).
//
// Three sources, read by meaning:
// - the editor's control panel as it shows the selected navigation module: each item's
//   链接到 (the badge: the link type's name, the item's title, a link to the item's link) and
//   its 导航名称 input — what the merchant sees, unsaved edits included. The 修改 dropdown
//   beside the badge lists every link type: it is never taken for the item's link;
// - the saved page from the page's own endpoint (`Hi_Ajax_GetTemplateByID?client=…&type=…`,
//   client and type from the page's hidden #vtclient / #vttype): `LModules` with numeric
//   link types. The DIY page carries no saved data inline (its hidden `content` input is
//   HiMall's default page, not the saved one);
// - the older editor's inline page data (a JSON object with `modules` in a script).
import { himallAreaOfPath } from "~core/himall-area"
import type { EntranceKind } from "~protocol/messages"
import { controlForLabel } from "~lib/dom/find-by-label"
import { elementsWithText, isOurs, labelText } from "~lib/dom/text"

/** The live list page however the link is written: pages/livelist/livelist, /pages/…, ../livelist/livelist. */
const LIVE_LIST_LINK = /(^|\/)livelist\/livelist(\?|$)/i
const LIVE_LINK_TYPE = "小程序直播"
/** HiMall's number of the 小程序直播 link type (HiShop.linkType). */
const LIVE_LINK_TYPE_NUMBER = 32
/** HiMall's DIY module numbers: 2 图文导航, 11 直播间. */
const NAV_MODULE_TYPE = 2
const LIVE_MODULE_TYPE = 11
const LINK_LABEL = "链接到"
const NAV_NAME_LABEL = "导航名称"
/** Editor headings of a selected 直播间 module. */
const LIVE_MODULE_HEADINGS = ["直播间设置"] as const

export interface NavItemReading {
  name: string
  /** 链接到 as shown (`小程序直播 | 小程序直播`) or as stored (linkType/linkName). */
  linkText: string
  /** The mini-program path, when known. */
  link: string
  /** HiMall's numeric link type, when the data gives one. */
  linkType?: number | null
}

export interface HomepageReading {
  /** 图片导航 items shown in the editor (null: the editor shows none). */
  editorItems: NavItemReading[] | null
  /** The saved homepage from the page's data (null: not found in the page). */
  data: { navItems: NavItemReading[]; liveModule: boolean } | null
  /** The editor shows a selected 直播间 module. */
  editorLiveModule: boolean
}

export interface EntranceReading {
  /** `unknown`: neither the page's data nor a 图片导航 editor could be read. */
  state: "found" | "absent" | "unknown"
  name: string | null
  kind: EntranceKind | null
  /** Found only in the editor, not in the saved homepage (the merchant has not pressed 保存 yet). */
  unsaved: boolean
}

/** Does a nav item lead to the live list? By its link, its numeric link type or its link type's name. */
function isLiveNavItem(item: NavItemReading): boolean {
  if (item.linkType === LIVE_LINK_TYPE_NUMBER) return true
  if (LIVE_LIST_LINK.test(item.link.trim())) return true
  return labelText(item.linkText.split(/[|｜]/)[0]) === LIVE_LINK_TYPE
}

// ---------------------------------------------------------------------------------------------
// The editor

/** The smallest ancestor of a 链接到 label that holds one item: one 链接到 and a 导航名称. */
function itemContainer(label: HTMLElement, linkLabels: Set<HTMLElement>): HTMLElement | null {
  for (let el = label.parentElement; el && el !== el.ownerDocument.body; el = el.parentElement) {
    const links = [...linkLabels].filter((l) => el.contains(l)).length
    if (links > 1) return null
    if (elementsWithText(el, [NAV_NAME_LABEL]).length) return el
  }
  return null
}

/** Texts of the dropdown's toggle, never the item's link. */
const MENU_TOGGLES = new Set(["修改", "请选择", "选择", "修改链接"])

/** A list of choices (a dropdown's menu, a select): its entries are options, not the item's link. */
function isChoiceList(el: Element): boolean {
  if (el instanceof HTMLSelectElement || el instanceof HTMLDataListElement) return true
  const role = el.getAttribute("role")
  if (role === "menu" || role === "listbox") return true
  if (/^(UL|OL|MENU)$/.test(el.tagName) && el.children.length >= 3) return true
  // A box of several links each naming a link type (the older editor's menu).
  const links = [...el.children].filter((c) => c.tagName === "A")
  return links.length >= 3 && links.length === el.children.length
}

/** Is this element inside a list of choices or a dropdown toggle (within `row`)? */
function inMenu(el: Element, row: Element): boolean {
  for (let e: Element | null = el; e && e !== row; e = e.parentElement) {
    if (isChoiceList(e)) return true
    if (MENU_TOGGLES.has(labelText((e.textContent ?? "").replace(/[▾▼∨⌄]/g, "")))) return true
  }
  return false
}

/** Does the element hold a list of choices or a dropdown toggle (then it is not the badge)? */
function holdsMenu(el: Element): boolean {
  if (isChoiceList(el)) return true
  for (const d of el.querySelectorAll("*")) {
    if (isChoiceList(d) || MENU_TOGGLES.has(labelText((d.textContent ?? "").replace(/[▾▼∨⌄]/g, "")))) return true
  }
  return false
}

const PATH_LIKE = /^(\.\.?\/|\/)?[\w-]+\/[\w-]+(\/[\w-]*)?(\?.*)?$|^(\.\.?\/|\/)?pages\//

/**
 * The badge of a 链接到 row: the first element after the label with text that is not part of
 * the 修改 dropdown; its texts (`小程序直播 | 标题`) and a link from its href (as written, not
 * resolved), a title or a path-like input value.
 */
function linkOfRow(label: HTMLElement, item: HTMLElement): { linkText: string; link: string } {
  const row = label.parentElement ?? item
  const after = (el: Element) => !!(label.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) && !label.contains(el)
  let badge: HTMLElement | null = null
  let link = ""
  for (const el of row.querySelectorAll<HTMLElement>("*")) {
    if (!after(el) || isOurs(el) || inMenu(el, row)) continue
    if (!badge && labelText(el.textContent) && !holdsMenu(el)) badge = el
    if (link) continue
    const href = el.tagName === "A" ? (el.getAttribute("href") ?? "") : ""
    const title = el.getAttribute("title") ?? ""
    const value = el instanceof HTMLInputElement ? el.value : ""
    for (const candidate of [href, title, value]) {
      const c = candidate.trim()
      if (c && !/^javascript:/i.test(c) && (PATH_LIKE.test(c) || /^https?:\/\/\S+$/i.test(c))) {
        link = c
        break
      }
    }
  }
  if (!badge) return { linkText: "", link }
  // The badge's own pieces (the link type's name, the item's title), or its text.
  const leaves = [...badge.querySelectorAll("*")].filter((e) => e.children.length === 0 && labelText(e.textContent) && !inMenu(e, row))
  const parts = leaves.length ? leaves.map((e) => labelText(e.textContent)) : [labelText(badge.textContent)]
  return { linkText: parts.join(" | "), link }
}

export function readEditorNavItems(doc: ParentNode): NavItemReading[] | null {
  const labels = elementsWithText(doc, [LINK_LABEL], "label, span, div, dt, th, td, b, strong").filter((l) => !isOurs(l))
  if (!labels.length) return null
  const set = new Set(labels)
  const items: NavItemReading[] = []
  for (const label of labels) {
    const item = itemContainer(label, set)
    if (!item) continue
    const nameLabel = elementsWithText(item, [NAV_NAME_LABEL], "label, span, div, dt, th, td, b, strong")[0]
    const control = nameLabel ? controlForLabel(nameLabel, item) : null
    const name = control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement ? control.value : ""
    items.push({ name: name.trim(), ...linkOfRow(label, item) })
  }
  return items.length ? items : null
}

function editorShowsLiveModule(doc: ParentNode): boolean {
  return elementsWithText(doc, LIVE_MODULE_HEADINGS, "h1, h2, h3, h4, h5, div, span, p").some((h) => !isOurs(h))
}

// ---------------------------------------------------------------------------------------------
// The page's data

/** The JSON object literal starting at `from` (a `{`), respecting strings; null when unbalanced. */
function balancedObject(text: string, from: number): string | null {
  let depth = 0
  let inString = false
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === "\\") i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === "{") depth++
    else if (c === "}" && --depth === 0) return text.slice(from, i + 1)
  }
  return null
}

const MAX_SCRIPT = 2_000_000

/** JSON objects assigned in the page's inline scripts (`x = {…}`). */
function inlineJsonObjects(doc: Document): unknown[] {
  const out: unknown[] = []
  for (const script of doc.querySelectorAll("script:not([src])")) {
    const text = script.textContent ?? ""
    if (text.length > MAX_SCRIPT || !text.includes("modules")) continue
    for (const m of text.matchAll(/=\s*\{/g)) {
      const literal = balancedObject(text, m.index! + m[0].length - 1)
      if (!literal) continue
      try {
        out.push(JSON.parse(literal))
      } catch {
        // Not JSON (a JavaScript object literal): not ours to evaluate.
      }
    }
  }
  return out
}

const rec = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)
const s = (v: unknown) => (typeof v === "string" ? v : "")

const linkTypeNumber = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : NaN
  return Number.isInteger(n) ? n : null
}

function navItemOf(o: Record<string, unknown>): NavItemReading | null {
  const link = s(o.link) || s(o.url) || s(o.linkUrl) || s(o.path)
  const linkType = linkTypeNumber(o.linkType)
  // The older editor names its link type (linkType/linkName); HiMall's DIY numbers it and keeps
  // the link's name in `title`, the 导航名称 in `showtitle`.
  const linkText = linkType != null ? s(o.title) : [s(o.linkType), s(o.linkName)].filter(Boolean).join(" | ")
  if (!link && !linkText && linkType == null) return null
  const name = linkType != null ? s(o.showtitle) || s(o.showTitle) || s(o.name) : s(o.name) || s(o.title) || s(o.text) || s(o.showtitle)
  return { name: name.trim(), linkText, link, linkType }
}

/** The saved homepage in parsed page data: 图片导航-like items anywhere in `modules`, and a 直播间 module. */
export function homepageFromData(objects: readonly unknown[]): { navItems: NavItemReading[]; liveModule: boolean } | null {
  let found = false
  const navItems: NavItemReading[] = []
  let liveModule = false
  const visitModules = (modules: unknown[]) => {
    for (const m of modules) {
      if (!rec(m)) continue
      const type = s(m.type)
      const number = linkTypeNumber(m.type)
      if ((/live/i.test(type) && !Array.isArray(m.items)) || number === LIVE_MODULE_TYPE) liveModule = true
      // HiMall's DIY keeps a module's lists in its `content` (图文导航: content.images).
      const lists = rec(m.content) ? [...Object.values(m), ...Object.values(m.content)] : Object.values(m)
      if (number != null && number !== NAV_MODULE_TYPE) continue
      for (const list of lists) {
        if (!Array.isArray(list)) continue
        for (const it of list) {
          const item = rec(it) ? navItemOf(it) : null
          if (item) navItems.push(item)
        }
      }
    }
  }
  const walk = (v: unknown, depth: number) => {
    if (depth > 6) return
    if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1))
    else if (rec(v)) {
      for (const [k, x] of Object.entries(v)) {
        if ((k === "modules" || k === "LModules") && Array.isArray(x)) {
          found = true
          visitModules(x)
        } else walk(x, depth + 1)
      }
    }
  }
  objects.forEach((o) => walk(o, 0))
  return found ? { navItems, liveModule } : null
}

// ---------------------------------------------------------------------------------------------
// Reading and deciding

export type SavedHomepage = { navItems: NavItemReading[]; liveModule: boolean }

/**
 * What the page shows, with the saved page from its endpoint when it was read (`saved`;
 * else the page's inline data, as the older editor carries it).
 */
export function readHomepage(doc: Document, saved: SavedHomepage | null = null): HomepageReading {
  return { editorItems: readEditorNavItems(doc), data: saved ?? homepageFromData(inlineJsonObjects(doc)), editorLiveModule: editorShowsLiveModule(doc) }
}

// ---------------------------------------------------------------------------------------------
// The page's own endpoint

/** HiMall's client and type of the mini-program homepage template, when the page does not say. */
const DEFAULT_TEMPLATE = { client: "smallprog", type: "13" }

/**
 * The endpoint the DIY editor loads its saved page from: `/{area}/TemplateVisualizationAjax/
 * Hi_Ajax_GetTemplateByID?client=…&type=…`, client and type from the page's hidden #vtclient and
 * #vttype (HiMall's smallprog / 13 when absent). Null when not a HiMall admin page.
 */
export function savedPageUrl(doc: Document, url: URL | Location): string | null {
  const area = himallAreaOfPath(url.pathname)
  if (!area) return null
  const value = (id: string) => doc.getElementById(id)?.getAttribute("value")?.trim() || null
  const q = new URLSearchParams({ client: value("vtclient") ?? DEFAULT_TEMPLATE.client, type: value("vttype") ?? DEFAULT_TEMPLATE.type })
  return `${url.origin}/${area}/TemplateVisualizationAjax/Hi_Ajax_GetTemplateByID?${q}`
}

const MAX_PAGE_TEXT = 5_000_000

/**
 * The endpoint's answer (text: HiMall answers the template file, UTF-8 with a BOM, as
 * text/html; nothing when the shop has no template). Null when it holds no page.
 */
export function parseSavedPage(text: string): SavedHomepage | null {
  const body = text.replace(/^\uFEFF/, "").trim()
  if (!body || body.length > MAX_PAGE_TEXT) return null
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return null
  }
  return homepageFromData([json])
}

/** Ask the page's endpoint for the saved page (same origin, the page's cookies). Null when it has none or cannot be read. */
export async function fetchSavedHomepage(url: string, fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<SavedHomepage | null> {
  try {
    const res = await fetchImpl(url, { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" }, signal })
    if (!res.ok) return null
    return parseSavedPage(await res.text())
  } catch {
    return null
  }
}

/** Is there a live entrance? A 图片导航 item linking to 小程序直播 first (its name), else a 直播间 module. */
export function decideEntrance(r: HomepageReading): EntranceReading {
  const editorLive = r.editorItems?.find(isLiveNavItem) ?? null
  const dataLive = r.data?.navItems.find(isLiveNavItem) ?? null
  if (editorLive || dataLive) {
    const name = (editorLive?.name || dataLive?.name || "").trim() || null
    return { state: "found", name, kind: "image_nav", unsaved: !!r.data && !dataLive }
  }
  if (r.data?.liveModule || r.editorLiveModule) return { state: "found", name: null, kind: "live_module", unsaved: !!r.data && !r.data.liveModule }
  if (r.data || r.editorItems) return { state: "absent", name: null, kind: null, unsaved: false }
  return { state: "unknown", name: null, kind: null, unsaved: false }
}
