// The language override: t() answers from the chosen locale's messages.json with
// chrome.i18n's placeholder rules, falls back to chrome.i18n, and is chrome.i18n when "auto".
import { afterEach, describe, expect, it } from "vitest"

import { applyLanguage, currentLanguage, formatMessage, setLanguageOverride, t, uiLanguage } from "~lib/i18n"

import { installLocaleFetch } from "../support/extension-send"
import { getMessageFrom, installFakeChrome, loadMessages } from "../support/fake-chrome"

afterEach(() => setLanguageOverride(null))

describe("formatMessage", () => {
  it("follows chrome.i18n on every message of both locales", () => {
    for (const lang of ["zh_CN", "en"] as const) {
      const messages = loadMessages(lang)
      for (const key of Object.keys(messages)) {
        const subs = ["甲", "乙", "丙", "丁"]
        expect(formatMessage(messages, key, subs), key).toBe(getMessageFrom(messages, key, subs))
      }
    }
  })

  it("substitutes $1…$9 and $$ like chrome.i18n, and is empty for an unknown key", () => {
    const m = { a: { message: "$WHO$ 付了 $$$1 · $2", placeholders: { who: { content: "客人 $2" } } } }
    expect(formatMessage(m, "a", ["5", "小王"])).toBe("客人 小王 付了 $5 · 小王")
    expect(formatMessage(m, "missing")).toBe("")
  })
})

describe("t() with an override", () => {
  it("auto: chrome.i18n in the browser's language", async () => {
    installFakeChrome()
    expect(await applyLanguage("auto")).toBe("auto")
    expect(t("popup_title")).toBe("直播助手")
    expect(uiLanguage()).toBe("zh-CN")
  })

  it("answers in the chosen language, from the package's messages.json", async () => {
    installFakeChrome()
    installLocaleFetch()
    expect(await applyLanguage("en")).toBe("en")
    expect(currentLanguage()).toBe("en")
    expect(t("popup_title")).toBe("Live Helper")
    expect(t("popup_products_count", "3")).toBe(getMessageFrom(loadMessages("en"), "popup_products_count", "3"))
    expect(uiLanguage()).toBe("en")
    expect(await applyLanguage("zh_CN")).toBe("zh_CN")
    expect(t("popup_title")).toBe("直播助手")
  })

  it("falls back to chrome.i18n for a key the locale lacks, and to the key itself", async () => {
    const fake = installFakeChrome()
    fake.lang = "zh_CN"
    setLanguageOverride("en", { only_here: { message: "Only here" } })
    expect(t("only_here")).toBe("Only here")
    expect(t("popup_title")).toBe("直播助手")
    expect(t("no_such_key_anywhere")).toBe("no_such_key_anywhere")
  })

  it("a locale that cannot be loaded leaves chrome.i18n in charge; nonsense settings are auto", async () => {
    installFakeChrome()
    globalThis.fetch = (async () => new Response("", { status: 404 })) as typeof fetch
    expect(await applyLanguage("en")).toBe("auto")
    expect(t("popup_title")).toBe("直播助手")
    expect(await applyLanguage("fr")).toBe("auto")
    expect(await applyLanguage(42)).toBe("auto")
  })
})
