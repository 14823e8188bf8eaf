// The React shell of extension pages: one QueryClient for async browser calls; database
// data comes from Dexie live queries (they update when the background writes). The page
// speaks the merchant's chosen language (`settings` key `language`, lib/i18n.ts): it renders
// once that language is loaded, and again from scratch when it changes.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { useLiveQuery } from "dexie-react-hooks"
import { Fragment, useEffect, useState, type ReactNode } from "react"

import { getDb } from "~db/schema"
import { getSetting } from "~db/settings"
import { applyLanguage, t, type LanguageSetting } from "~lib/i18n"

import "./base.css"

export function Shell({ title, children }: { title: string | (() => string); children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  const wanted = useLiveQuery(() => getSetting(getDb(), "language"), [])
  const [applied, setApplied] = useState<{ wanted: unknown; lang: LanguageSetting } | null>(null)

  useEffect(() => {
    if (wanted === undefined) return
    let live = true
    void applyLanguage(wanted).then((lang) => live && setApplied({ wanted, lang }))
    return () => {
      live = false
    }
  }, [wanted])

  const ready = applied !== null && applied.wanted === wanted
  useEffect(() => {
    if (!ready) return
    // The page says which language it speaks, so screen readers read it right.
    document.documentElement.lang = t("html_lang")
    document.title = typeof title === "function" ? title() : title
  }, [ready, title, applied?.lang])

  if (!ready) return null
  return (
    <QueryClientProvider client={client}>
      <Fragment key={applied.lang}>{children}</Fragment>
    </QueryClientProvider>
  )
}
