// A part (no feature): `fetch` tied to a feature's signal, for the site readers that take a
// fetch function (sites/himall/*): when the page's root stops, every request still on its way
// is aborted and its answer changes nothing.
export function fetchWith(signal: AbortSignal): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal })
}
