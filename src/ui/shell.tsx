// The React shell of extension pages: one QueryClient for async browser calls; database
// data comes from Dexie live queries (they update when the background writes).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { useEffect, useState, type ReactNode } from "react"

import { t } from "~lib/i18n"

import "./base.css"

export function Shell({ title, children }: { title: string; children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  useEffect(() => {
    // The page speaks the language chrome.i18n chose, so screen readers read it right.
    document.documentElement.lang = t("html_lang")
    document.title = title
  }, [title])
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>
}
