// HiMall 小程序 → 首页配置 (`/Admin/WXSmallProgram/HomePageSetting`): does the mini program's
// homepage lead buyers to the live rooms? The entrance is a 图片导航 item whose 链接到 is
// 小程序直播 (`/pages/livelist/livelist`), named by its 导航名称; newer HiMall versions also
// have a 直播间 module listing the rooms. Site knowledge only (no extension API).
//
// Two sources, read by meaning:
// - the module editor as it shows the selected 图片导航 (图片导航设置): each item's 链接到
//   (badge text such as `小程序直播 | 小程序直播`, with the link in a title or hidden input)
//   and its 导航名称 input — what the merchant sees, unsaved edits included;
// - the page's own data: the saved homepage as the page script received it (a JSON object
//   with `modules` in an inline script), which also tells modules that are not selected.
import type { EntranceKind } from "~protocol/messages"
import { controlForLabel } from "~lib/dom/find-by-label"
import { elementsWithText, labelText } from "~lib/dom/text"

export const LIVE_LIST_PATH = "pages/livelist/livelist"
export const LIVE_LINK_TYPE = "小程序直播"
export const LINK_LABEL = "链接到"
export const NAV_NAME_LABEL = "导航名称"
/** Editor headings of a selected 直播间 module. */
export const LIVE_MODULE_HEADINGS = ["直播间设置"] as const

export interface NavItemReading {
  name: string
  /** 链接到 as shown (`小程序直播 | 小程序直播`) or as stored (linkType/linkName). */
  linkText: string
  /** The mini-program path, when known. */
  link: string
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

const isOurs = (el: Element) => !!el.closest("[data-lh], [data-lh-control], [data-lh-ext]")

/** Does a nav item lead to the live list? */
export function isLiveNavItem(item: NavItemReading): boolean {
  return item.link.replace(/^\//, "").startsWith(LIVE_LIST_PATH) || item.linkText.split(/[|｜]/).some((p) => labelText(p) === LIVE_LINK_TYPE)
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

/** The text of a 链接到 row after its label (the badge), and a link from a title or hidden input. */
function linkOfRow(label: HTMLElement, item: HTMLElement): { linkText: string; link: string } {
  const row = label.parentElement ?? item
  const parts: string[] = []
  let link = ""
  for (const el of row.querySelectorAll<HTMLElement>("*")) {
    if (el === label || isOurs(el) || label.contains(el)) continue
    const title = el.getAttribute("title") ?? ""
    if (!link && /\/?pages\//.test(title)) link = title
    if (el instanceof HTMLInputElement && !link && /\/?pages\//.test(el.value)) link = el.value
  }
  // The badge: the first element after the label with text (not the 修改 menu).
  for (let sib = label.nextElementSibling; sib; sib = sib.nextElementSibling) {
    if (isOurs(sib)) continue
    const t = labelText(sib.textContent)
    if (t) {
      parts.push(t)
      break
    }
  }
  return { linkText: parts.join(" "), link }
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
export function inlineJsonObjects(doc: Document): unknown[] {
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

function navItemOf(o: Record<string, unknown>): NavItemReading | null {
  const link = s(o.link) || s(o.url) || s(o.linkUrl) || s(o.path)
  const linkText = [s(o.linkType), s(o.linkName)].filter(Boolean).join(" | ")
  if (!link && !linkText) return null
  return { name: (s(o.name) || s(o.title) || s(o.text)).trim(), linkText, link }
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
      if (/live/i.test(type) && !Array.isArray(m.items)) liveModule = true
      for (const list of Object.values(m)) {
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
        if (k === "modules" && Array.isArray(x)) {
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

export function readHomepage(doc: Document): HomepageReading {
  return { editorItems: readEditorNavItems(doc), data: homepageFromData(inlineJsonObjects(doc)), editorLiveModule: editorShowsLiveModule(doc) }
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
