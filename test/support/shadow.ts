// The extension's injected UI lives in open shadow roots (src/lib/dom/shadow.ts): `document.querySelector`
// does not look inside them. These find an element in the document or in any open shadow root in it,
// the way Playwright's CSS locators do in the browser tests.

/** All elements matching `selector` in `root` and in every open shadow root under it, in tree order. */
function deepQueryAll<E extends Element = Element>(selector: string, root: Document | Element | ShadowRoot = document): E[] {
  const found: E[] = [...root.querySelectorAll<E>(selector)]
  for (const el of root.querySelectorAll("*")) if (el.shadowRoot) found.push(...deepQueryAll<E>(selector, el.shadowRoot))
  return found
}

/** The first element matching `selector` in `root` or an open shadow root under it, or null. */
export function deepQuery<E extends Element = Element>(selector: string, root: Document | Element | ShadowRoot = document): E | null {
  return deepQueryAll<E>(selector, root)[0] ?? null
}
