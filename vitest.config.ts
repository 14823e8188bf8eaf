import { fileURLToPath } from "node:url"

import { defineConfig } from "vitest/config"

const src = fileURLToPath(new URL("./src/", import.meta.url))
const alias = [{ find: /^~(?!\/)(.*)$/, replacement: `${src}$1` }]
// Plasmo's tsconfig preserves JSX for its bundler; tests compile it with the React runtime.
const oxc = { jsx: { runtime: "automatic" as const } }

export default defineConfig({
  resolve: { alias },
  oxc,
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        resolve: { alias },
        oxc,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["test/unit/setup.ts"]
        }
      },
      {
        resolve: { alias },
        oxc,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false
        }
      }
    ]
  }
})
