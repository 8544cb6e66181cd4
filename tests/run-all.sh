#!/usr/bin/env bash
# The whole suite: lint and typecheck, production build, unit + integration (real PostgreSQL), then e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export ATENDO_TEST_RUN="${ATENDO_TEST_RUN:-ci$$}"
npx biome lint --error-on-warnings .
npx tsc --noEmit -p tests/tsconfig.json
npm run build
npx vitest run --config tests/vitest.config.ts
npx playwright test --config tests/playwright.config.ts
