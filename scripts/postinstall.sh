#!/usr/bin/env bash
# npm's postinstall for this package: generates the Prisma client and Pothos types
# (src/db/generated), so every npm script works right after `npm ci` on a fresh clone.
# A production install (`npm ci --omit=dev`) has no prisma CLI and needs none: the
# client is compiled into dist/ by `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x node_modules/.bin/prisma ] && [ -f prisma/schema.prisma ]; then
  bash scripts/generate.sh
  echo "ordergraph postinstall: generated the Prisma client (src/db/generated)"
else
  echo "ordergraph postinstall: no prisma CLI (production install): nothing to generate; run dist/ from npm run build"
fi
