import type { Site } from "../http"

// Placeholder until the himall sandbox lands.
export function createHimallSite(host: string, _deps: { wechat: Site }): Site {
  let state: Record<string, unknown> = {}
  return {
    async handle() { return false },
    getState: () => state,
    setState: (p) => { state = { ...state, ...p } },
    reset: () => { state = {} }
  }
}
