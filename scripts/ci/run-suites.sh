#!/usr/bin/env bash
# Runs inside `dbus-run-session`: unlock a fresh login keyring, then every suite with JSON reports.
set -uo pipefail
reports=$1

printf %s ci-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null

npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
# playwright.config.ts writes its JSON report into .artifacts/reports.
npx playwright test
npm run --silent bench -- --memories 2000 --runs 1 --out "$reports/bench.json" || echo "bench failed" > "$reports/bench.failed"
exit 0
