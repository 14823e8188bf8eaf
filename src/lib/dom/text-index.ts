// The text of a document's elements, read once and reused until the document changes.
//
// Finding things by the text a person reads (lib/dom/text.ts elementsReading) means
// looking at every element's own text; a page load asks a dozen such questions, and each used to
// walk the whole document again. Here the walk is done once per state of the document: a
// MutationObserver (child lists and text, the whole tree) says when the answer may have changed,
// and its pending records are taken at every question, so a change made a moment ago — even in
// the same task — is always seen. Only what the walk read is kept (which elements, their text);
// everything else (visibility, attributes, closest()) the callers still ask the live DOM.

export interface TextEntry {
  el: HTMLElement
  /** The element's own text: its text-node children, joined (not its children's text). */
  own: string
  /** Its textContent when it has no element children (else null). */
  leaf: string | null
  /** Normalised forms of `own` / `leaf`, by normaliser, computed when first asked. */
  forms?: Map<(s: string) => string, { own: string; leaf: string | null }>
}

interface Index {
  entries: TextEntry[] | null
  observer: MutationObserver
}

const indexes = new WeakMap<Document, Index>()

function ownText(el: Element): string {
  let own = ""
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === Node.TEXT_NODE) own += (n as Text).data
  return own
}

function build(doc: Document): TextEntry[] {
  const entries: TextEntry[] = []
  for (const el of doc.querySelectorAll<HTMLElement>("*")) {
    entries.push({ el, own: ownText(el), leaf: el.firstElementChild ? null : (el.textContent ?? "") })
  }
  return entries
}

/** Every element of the document in document order with its own text; null when there is no observer to keep it true. */
function textEntries(doc: Document): TextEntry[] | null {
  if (typeof MutationObserver === "undefined") return null
  let index = indexes.get(doc)
  if (!index) {
    const created: Index = { entries: null, observer: new MutationObserver(() => (created.entries = null)) }
    created.observer.observe(doc, { childList: true, characterData: true, subtree: true })
    indexes.set(doc, created)
    index = created
  }
  if (index.observer.takeRecords().length) index.entries = null
  index.entries ??= build(doc)
  return index.entries
}

/** An entry's own text and leaf text through `normalise`, each computed once per state of the document. */
export function normalised(entry: TextEntry, normalise: (s: string) => string): { own: string; leaf: string | null } {
  entry.forms ??= new Map()
  let form = entry.forms.get(normalise)
  if (!form) {
    form = { own: normalise(entry.own), leaf: entry.leaf === null ? null : normalise(entry.leaf) }
    entry.forms.set(normalise, form)
  }
  return form
}

/**
 * The elements `root.querySelectorAll(selector)` would give that pass `keep`, in the same order,
 * read from the document's text index when `root` is a connected document or element (else
 * null: the caller walks `root` itself).
 */
export function indexedElements(root: ParentNode, selector: string, keep: (entry: TextEntry) => boolean): HTMLElement[] | null {
  const node = root as Node
  const doc = node.nodeType === Node.DOCUMENT_NODE ? (node as Document) : node.nodeType === Node.ELEMENT_NODE && node.isConnected ? node.ownerDocument : null
  if (!doc) return null
  const entries = textEntries(doc)
  if (!entries) return null
  const out: HTMLElement[] = []
  for (const entry of entries) {
    if (!keep(entry)) continue
    const el = entry.el
    // querySelectorAll on an element looks at its descendants only.
    if (node !== doc && (el === node || !node.contains(el))) continue
    if (selector !== "*" && !el.matches(selector)) continue
    out.push(el)
  }
  return out
}
