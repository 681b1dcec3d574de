#!/usr/bin/env bash
# Installs Debian's chromium, chromium-driver and chromium-l10n for the browser test (BrowserIT), unless present.
# chromium-l10n holds Chromium's Norwegian: without it the browser runs in English whatever --lang says, and the
# Tasklist's date fields (form-js follows the browser's locale) would be tested as mm/dd/yyyy.
# Called by Maven before the integration tests. Needs root or password-less sudo on Debian/Ubuntu.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
    && [ -f /usr/lib/chromium/locales/nb.pak ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found. Install Chromium with its Norwegian locale and ChromeDriver yourself (chromium, chromedriver on PATH)." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "install-chromium: need root or password-less sudo to run: apt-get install chromium chromium-driver chromium-l10n" >&2
  exit 1
fi
echo "install-chromium: installing Debian packages chromium, chromium-driver and chromium-l10n ..."
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3; do
  if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver chromium-l10n >/dev/null; then
    break
  fi
  if [ "$attempt" -eq 3 ]; then
    echo "install-chromium: apt-get failed three times" >&2
    exit 1
  fi
  sleep $((attempt * 10))
done
chromium --version
chromedriver --version
