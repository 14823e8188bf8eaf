// Lint: typescript-eslint's recommended rules, and the import boundaries of docs/architecture.md,
// so that data keeps flowing one way (collect in sites/ → decide in core/ → act in features/ →
// store in background/ and db/). Formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from "@eslint/js"
import globals from "globals"
import tseslint from "typescript-eslint"

/** `no-restricted-imports` patterns for a folder: what it must not import (gitignore-style groups, or `{ regex }`), and why. */
const forbid = (...rules) => ({
  "no-restricted-imports": ["error", { patterns: rules.map(([what, message]) => (Array.isArray(what) ? { group: what, message } : { ...what, message })) }]
})

export default tseslint.config(
  { ignores: ["build/", ".plasmo/", "node_modules/", "artifacts/", "coverage/", "test/sandbox/**/*.js", "store/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-empty": ["error", { allowEmptyCatch: true }],
      // Page data is untrusted: never evaluated.
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error"
    }
  },
  // core/: pure rules, imports nothing of ours outside core/.
  {
    files: ["src/core/**"],
    rules: forbid([["~*", "!~core", "!~core/**", "../*"], "core/ is pure: it imports nothing of ours outside core/"])
  },
  // sites/: page knowledge; never features, the worker or the database.
  {
    files: ["src/sites/**"],
    rules: forbid(
      [["~features", "~features/**"], "sites/ collect; features act on what they collect, not the other way round"],
      [["~background", "~background/**", "~db", "~db/**"], "sites/ run in the page: they reach the worker by message only"]
    )
  },
  // features/: one feature per file; the registries (himall-admin.ts, wechat.ts) list them and
  // registry.ts holds the contract and the page-scoped object they share. Shared pieces of UI
  // and behaviour that are no feature live in features/parts/: features may import parts, parts
  // never import a feature (nor the registries).
  {
    files: ["src/features/**"],
    ignores: ["src/features/himall-admin.ts", "src/features/wechat.ts", "src/features/registry.ts", "src/features/parts/**"],
    rules: forbid(
      [
        { regex: "^(\\./|~features/)(?!registry$|parts/)" },
        "features do not import each other: share page state through the page-scoped object (features/registry.ts), shared pieces through features/parts/"
      ],
      [["~background", "~background/**", "~db", "~db/**"], "content scripts reach the worker by message only (IndexedDB there is the page's)"]
    )
  },
  {
    files: ["src/features/parts/**"],
    rules: forbid(
      [
        { regex: "^(\\.\\./|~features/(?!parts/))" },
        "features/parts/ are shared by features and import none of them (nor the registries): what a part needs of the page is given to it"
      ],
      [["~background", "~background/**", "~db", "~db/**"], "content scripts reach the worker by message only (IndexedDB there is the page's)"]
    )
  },
  // lib/: generic helpers; never the database.
  {
    files: ["src/lib/**"],
    rules: forbid([["~db", "~db/**", "../db", "../db/**"], "lib/ does not import db/: the protocol (src/protocol) and the worker do"])
  },
  // Tests and scripts may reach anything; they are Node too.
  {
    files: ["test/**", "scripts/**", "*.config.*"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      // Unit tests run the sandbox's own page scripts in jsdom, as the page would.
      "no-new-func": "off"
    }
  }
)
