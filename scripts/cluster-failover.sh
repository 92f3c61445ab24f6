#!/usr/bin/env bash
# Failure test of the cluster (docs/cluster.md, issue #17): sustained load through HAProxy while
#   (a) Commission node c1 is killed with SIGKILL and restarted,
#   (b) Galera node n1 — the single writer — is killed with SIGKILL and rejoins (IST),
#   (c) the authorities' outboxes (KZ, RU) target the balancer all along.
# Load: includes (MSG.001) and changes (MSG.002) submitted through both authorities' operator APIs, their mirrors
# asking MSG.005/MSG.010 every few seconds, pack checks through the portal role, the update clock sampled.
# Before the faults: a UsernameToken nonce replayed to the other Commission node is refused, the portal role refuses
# writes (scripts/cluster_load.py guards).
# Checks: every acknowledged message (MSG.004 received by the authority) stored exactly once at the Commission, no
# MSG.013 stored or delivered twice, the mirrors (MSG.010) have every version (no gap), the update time never goes
# backwards, the killed nodes catch up (Galera Synced, same last committed; c1 ready again).
#   scripts/cluster-failover.sh [seconds of load besides the restarts, default 150]     (brings the cluster up if it is not)
# Environment as scripts/cluster.sh (PMM03_CLUSTER_DIR, PMM03_CLUSTER_PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-150}"
STATE=$(realpath -m "${PMM03_CLUSTER_DIR:-target/cluster}")
BASE="${PMM03_CLUSTER_PORT:-18400}"
C=scripts/cluster.sh
OUT="$STATE/failover"; mkdir -p "$OUT"
say() { echo "[$(date -u +%H:%M:%S)] $*"; }

curl -fs "http://127.0.0.1:$BASE/actuator/health/readiness" >/dev/null 2>&1 || "$C" up
"$C" status
# shared state across nodes before any fault: replay cache (D-179), idempotency by EDocId, portal read-only (D-174)
say "guards: a nonce replayed to the other Commission node, writes sent to the portal role"
GUARDS=0; /usr/bin/python3 scripts/cluster_load.py guards --base "$BASE" --out "$OUT" || GUARDS=1

# the load runs in the background until the fault plan is over (restarts take minutes on a loaded machine)
STOP="$OUT/stop"; rm -f "$STOP"
/usr/bin/python3 scripts/cluster_load.py load --base "$BASE" --seconds 36000 --stop-file "$STOP" --out "$OUT" &
LOAD=$!
trap 'touch "$STOP"; kill $LOAD 2>/dev/null || true' EXIT
T0=$(date +%s)
phase() { sleep "$PHASE"; }
PHASE=$((DURATION / 6))
phase; say "(a) SIGKILL Commission node c1"; "$C" kill c1
phase; say "(a) restarting c1"; t=$(date +%s); "$C" start c1; say "(a) c1 ready after $(( $(date +%s) - t )) s"
phase; say "(b) SIGKILL Galera n1 (the writer)"; "$C" kill g1
phase; say "(b) restarting Galera n1"; t=$(date +%s); "$C" start g1; say "(b) n1 Synced after $(( $(date +%s) - t )) s"
phase; touch "$STOP"; wait $LOAD
trap - EXIT
say "load ran $(( $(date +%s) - T0 )) s; waiting for the outboxes to drain and the mirrors to catch up, then checking"
/usr/bin/python3 scripts/cluster_load.py check --base "$BASE" --out "$OUT" --state "$STATE"
[ "$GUARDS" = 0 ] || { say "FAIL: the guards above failed"; exit 1; }
