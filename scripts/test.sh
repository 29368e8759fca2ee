#!/usr/bin/env bash
# npm test: installs what the tests need (Debian's chromium), then lint, typecheck, every
# unit/integration test and the Playwright suite. Prints one summary line at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium"; exit 1; }
fi

REPORTS="$PWD/.tmp"
mkdir -p "$REPORTS"
rm -f "$REPORTS/vitest.json" "$REPORTS/playwright.json"
status=0
step() {
  echo "::: $1"
  shift
  "$@" || status=1
}

step "lint" npm run --silent lint
step "typecheck" npm run --silent typecheck
step "unit and integration tests" npx vitest run --reporter=default --reporter=json --outputFile="$REPORTS/vitest.json"
step "build the console" npx vite build --logLevel warn
step "browser tests" env PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" \
  npx playwright test -c e2e/playwright.config.ts --reporter=list,json


node scripts/test-summary.mjs "$REPORTS/vitest.json" "$REPORTS/playwright.json" || status=1
exit $status
