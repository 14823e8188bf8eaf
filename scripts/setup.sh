#!/usr/bin/env bash
# Install what building, the demo and the tests need on a fresh Debian machine:
# Debian's Chromium (with chromium-l10n, whose zh-CN locale chrome.i18n follows) when
# missing, then the pinned npm packages. No tool downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/lib/chromium/locales/zh-CN.pak ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing: run 'sudo apt-get install chromium chromium-l10n' (or set CHROMIUM_PATH)" >&2
  else
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-l10n >/dev/null
  fi
fi
# A Chinese font, so that screenshots (npm run store:assets, docs/screens) show Chinese text.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "No Chinese font: run 'sudo apt-get install fonts-noto-cjk' before npm run store:assets" >&2
  else
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
  fi
fi

npm ci --no-audit --no-fund
