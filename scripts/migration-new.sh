#!/usr/bin/env bash
# Usage: scripts/migration-new.sh NAME [FROM_SCHEMA]
#
# Writes prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql with the SQL
# that turns FROM_SCHEMA (default: prisma/schema.prisma of the last commit) into
# the current prisma/schema.prisma. Review the file before committing it; it is
# applied by src/db/migrate.ts and checked by test/db/migration-drift.test.ts.
#
# `prisma migrate` cannot run offline with Prisma 7, but Prisma 6.19's JavaScript
# schema engine prints diff SQL through a driver adapter. It is installed once
# into a cache folder (not a project dependency). It connects to a PostgreSQL
# server without changing anything there.
#
# Environment:
#   MIGRATION_DIFF_DATABASE_URL  server the diff engine connects to
#                                (default postgresql://postgres@127.0.0.1:5432/postgres)
#   ORDERGRAPH_PRISMA6_CACHE     cache folder (default node_modules/.cache/ordergraph-prisma6)
set -euo pipefail

usage() {
  echo "usage: $0 NAME [FROM_SCHEMA]" >&2
  echo "  NAME         what the migration does, e.g. add_order_priority" >&2
  echo "  FROM_SCHEMA  schema the migrations so far match (default: git HEAD:prisma/schema.prisma)" >&2
  exit 2
}
die() {
  echo "migration-new: $*" >&2
  exit 1
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
case "$1" in -h | --help) usage ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
schema="$root/prisma/schema.prisma"
migrations="$root/prisma/migrations"
prisma_version=6.19.0
db_url="${MIGRATION_DIFF_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
cache="${ORDERGRAPH_PRISMA6_CACHE:-$root/node_modules/.cache/ordergraph-prisma6}"

name="$(printf '%s' "$1" | tr '[:upper:] -' '[:lower:]__')"
[[ "$name" =~ ^[a-z0-9_]+$ ]] || die "invalid name '$1': use letters, digits and underscores"
[ -f "$schema" ] || die "$schema not found"
mkdir -p "$migrations"

# ------------------------------------------------------------------ the "from" schema

run=""
cleanup() { [ -n "$run" ] && rm -rf "$run"; }
trap cleanup EXIT

mkdir -p "$cache"
run="$(mktemp -d "$cache/run.XXXXXX")"

existing=0
for f in "$migrations"/*/migration.sql; do [ -f "$f" ] && existing=$((existing + 1)); done
from_desc=""
if [ $# -eq 2 ]; then
  [ -f "$2" ] || die "from schema $2 not found"
  cp "$2" "$run/from.source.prisma"
  from_desc="$2"
elif git -C "$root" cat-file -e "HEAD:./prisma/schema.prisma" 2>/dev/null; then
  git -C "$root" show "HEAD:./prisma/schema.prisma" >"$run/from.source.prisma"
  from_desc="HEAD:prisma/schema.prisma"
elif [ "$existing" -gt 0 ]; then
  die "the last commit has no prisma/schema.prisma, but prisma/migrations already holds $existing migration(s);
a diff from an empty schema would repeat them. Pass the schema those migrations match:
  $0 $1 path/to/previous/schema.prisma"
else
  from_desc="an empty schema"
fi

# ------------------------------------------------------------------ Prisma 6.19 (cached)

installed="$(node -p "try { require('$cache/node_modules/prisma/package.json').version } catch { '' }")"
if [ "$installed" != "$prisma_version" ]; then
  echo "migration-new: installing prisma@$prisma_version into $cache (once) ..." >&2
  [ -f "$cache/package.json" ] || printf '{ "name": "ordergraph-prisma6", "private": true }\n' >"$cache/package.json"
  (cd "$cache" && npm install --no-audit --no-fund --loglevel=error \
    "prisma@$prisma_version" "@prisma/adapter-pg@$prisma_version" "pg@^8.16.3" >&2) ||
    die "could not install prisma@$prisma_version into $cache"
fi

# Prisma 6 wants a datasource url and no Prisma 7 generators: rewrite both blocks,
# keeping the datasource's other settings and the generators' preview features.
prepare() { # prepare SOURCE TARGET
  node - "$1" "$2" "$db_url" <<'EOF'
const fs = require('node:fs');
const [source, target, url] = process.argv.slice(2);
const lines = fs.readFileSync(source, 'utf8').split('\n');
const out = [];
const features = new Set();
let datasource = null;
for (let i = 0; i < lines.length; i++) {
  const head = /^\s*(generator|datasource)\s+(\w+)\s*\{/.exec(lines[i]);
  if (!head) { out.push(lines[i]); continue; }
  const body = [];
  let depth = 0;
  for (; i < lines.length; i++) {
    const code = lines[i].replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/\/.*$/, '');
    depth += (code.match(/\{/g) || []).length - (code.match(/\}/g) || []).length;
    body.push(lines[i]);
    if (depth <= 0) break;
  }
  const inner = body.slice(1, -1);
  if (head[1] === 'generator') {
    for (const line of inner) {
      const m = /^\s*previewFeatures\s*=\s*\[(.*)\]/.exec(line);
      if (m) for (const f of m[1].matchAll(/"([^"]+)"/g)) features.add(f[1]);
    }
  } else {
    datasource = [
      `datasource ${head[2]} {`,
      ...inner.filter((l) => !/^\s*(url|directUrl|shadowDatabaseUrl)\s*=/.test(l)),
      `  url = ${JSON.stringify(url)}`,
      '}',
    ];
  }
}
if (!datasource) throw new Error(`${source}: no datasource block`);
const generator = ['generator client {', '  provider = "prisma-client-js"'];
if (features.size) generator.push(`  previewFeatures = ${JSON.stringify([...features])}`);
generator.push('}');
fs.writeFileSync(target, [...datasource, '', ...generator, '', ...out].join('\n'));
EOF
}

prepare "$schema" "$run/to.prisma"
from_args=(--from-empty)
if [ -f "$run/from.source.prisma" ]; then
  prepare "$run/from.source.prisma" "$run/from.prisma"
  from_args=(--from-schema-datamodel from.prisma)
fi

cat >"$run/prisma.config.ts" <<EOF
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'to.prisma',
  async adapter() {
    return new PrismaPg({ connectionString: $(node -p 'JSON.stringify(process.argv[1])' "$db_url") });
  },
});
EOF
: >"$run/no-engine"

# ------------------------------------------------------------------ diff

if ! (cd "$run" && PRISMA_HIDE_UPDATE_MESSAGE=1 \
  PRISMA_QUERY_ENGINE_LIBRARY="$run/no-engine" \
  PRISMA_SCHEMA_ENGINE_BINARY="$run/no-engine" \
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1 \
  "$cache/node_modules/.bin/prisma" migrate diff "${from_args[@]}" \
  --to-schema-datamodel to.prisma --script >"$run/diff.sql" 2>"$run/diff.err"); then
  grep -v '^Loaded Prisma config' "$run/diff.err" >&2 || true
  die "prisma migrate diff failed (it needs a PostgreSQL server at $db_url; set MIGRATION_DIFF_DATABASE_URL)"
fi

if ! grep -v -E '^[[:space:]]*(--.*)?$' "$run/diff.sql" >/dev/null; then
  die "schema unchanged: prisma/schema.prisma matches $from_desc, no migration written"
fi

# ------------------------------------------------------------------ write

stamp="$(date -u +%Y%m%d%H%M%S)"
last=""
for d in "$migrations"/[0-9]*/; do
  [ -d "$d" ] && last="$(basename "$d")" # glob order is sorted
done
if [[ "${last:0:14}" =~ ^[0-9]{14}$ ]] && ((10#$stamp <= 10#${last:0:14})); then
  die "timestamp $stamp does not sort after the latest migration $last (clock behind?); not written"
fi
dir="$migrations/${stamp}_$name"
[ -e "$dir" ] && die "$dir already exists"
mkdir "$dir"
{
  echo "-- ${stamp}_$name: prisma/schema.prisma changes since $from_desc"
  echo "-- (generated by scripts/migration-new.sh with prisma migrate diff $prisma_version; review before committing)"
  echo
  cat "$run/diff.sql"
} >"$dir/migration.sql"

echo "Wrote ${dir#"$root"/}/migration.sql"
