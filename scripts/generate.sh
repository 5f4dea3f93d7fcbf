#!/usr/bin/env bash
# Generates the Prisma client and Pothos types offline: prisma checks for a
# schema engine it does not need for `generate`, so point it at any file.
set -euo pipefail
cd "$(dirname "$0")/.."
fake="${TMPDIR:-/tmp}/ordergraph-no-schema-engine"
[ -e "$fake" ] || : > "$fake"
PRISMA_SCHEMA_ENGINE_BINARY="$fake" PRISMA_HIDE_UPDATE_MESSAGE=1 exec npx --no-install prisma generate >/dev/null
