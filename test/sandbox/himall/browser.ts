// Headless Chromium pointed at a running sandbox, for the HiMall sandbox's own scripts.
import { chromium, type Browser } from "playwright-core"

export function launchBrowser(hostRules: string): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      `--host-resolver-rules=${hostRules}`,
      "--ignore-certificate-errors",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run"
    ]
  })
}
