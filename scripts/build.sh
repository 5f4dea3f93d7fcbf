#!/usr/bin/env bash
# npm run build: the production build. Generates the Prisma client, compiles the
# server and the operator scripts to dist/ (dist/src/main.js, dist/scripts/*.js) and
# copies the SQL migrations beside them (dist/prisma/migrations, where
# dist/src/db/migrate.js looks). Needs the dev dependencies (TypeScript, prisma);
# the result runs on a production install (`npm ci --omit=dev`) with node alone.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
bash scripts/generate.sh
npx --no-install tsc -p tsconfig.build.json
mkdir -p dist/prisma
cp -R prisma/migrations dist/prisma/migrations
echo "built dist/: node dist/src/main.js"
