#!/usr/bin/env bash
# The whole suite: production build, unit + integration (real PostgreSQL), then e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export ATENDO_TEST_RUN="${ATENDO_TEST_RUN:-ci$$}"
npm run build
npx vitest run --config tests/vitest.config.ts
npx playwright test --config tests/playwright.config.ts
