#!/usr/bin/env bash
# Figures of issue #17 (docs/cluster.md "Figures"), with one load driver (scripts/cluster_load.py) on one machine:
#   galera  MSG.001 ingest through HAProxy -> 2 Commission nodes -> single-writer Galera (3 nodes); needs the cluster
#           up (scripts/cluster.sh up), and pack checks through HAProxy -> the portal role on Galera n3
#   single  the same ingest against 1 Commission node on 1 Debian MariaDB (scripts/external-mariadb.sh), started
#           here with the cluster's JVM options (run it with the cluster down), warmed up by 20 s of the same load
#   scripts/cluster-figures.sh galera|single [seconds, default 30] [threads, default 4]
# Prints one JSON line per measurement with the machine's load average before and after, and the CPU time the
# server processes used (Commission nodes, database servers, HAProxy), in all and per answer: on a machine shared
# with other work the rate shows the scheduler's share as much as the topology, the CPU per answer less so.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:?galera|single}"; SECONDS_="${2:-30}"; THREADS="${3:-4}"
BASE="${PMM03_CLUSTER_PORT:-18400}"
JAR=${PMM03_JAR:-server/target/pmm03-server-$(sed -n 's/^-Drevision=//p' .mvn/maven.config)-exec.jar}   # the development version (D-200); PMM03_JAR: the jar the cluster runs
JVM_OPTS="${PMM03_CLUSTER_JVM_OPTS:--Xmx256m -XX:+UseSerialGC}"
load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu() { # CPU seconds (user + system, all threads) used so far by the processes $PIDS
  local t=0 p; for p in $PIDS; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  awk -v t="$t" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}'
}
run() { # label, then cluster_load.py arguments; CPU time of $PIDS over the run, and per answer
  local label=$1; shift
  local before c0 out c1 n
  before=$(load); c0=$(cpu)
  out=$(/usr/bin/python3 scripts/cluster_load.py "$@" --seconds "$SECONDS_" --threads "$THREADS")
  c1=$(cpu)
  n=$(echo "$out" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print(r.get("included", r.get("answered", 0)))')
  echo "{\"what\": \"$label\", \"cores\": $(nproc), \"load_before\": \"$before\", \"load_after\": \"$(load)\", \"at\": \"$(date -u +%FT%TZ)\", \"server_cpu_s\": $(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%.1f", b - a}'), \"server_cpu_ms_per_answer\": $(awk -v a="$c0" -v b="$c1" -v n="$n" 'BEGIN {printf "%.1f", n ? (b - a) * 1000 / n : 0}'), \"result\": $out}"
}
case $MODE in
  galera)
    STATE=$(realpath -m "${PMM03_CLUSTER_DIR:-target/cluster}")
    PIDS=$(cat "$STATE"/run/{c1,c2,g1,g2,g3,haproxy}.pid)
    run "ingest MSG.001: HAProxy -> 2 Commission nodes -> Galera (3 nodes, single writer)" ingest \
      --url "http://127.0.0.1:$BASE/ws/commission"
    PIDS=$(cat "$STATE"/run/{portal,g3,haproxy}.pid)
    run "pack check: HAProxy -> portal role on Galera n3" packcheck --url "http://127.0.0.1:$BASE/api/v1/pack-check" ;;
  single)
    [ -f "$JAR" ] || mvn -B -q -ntp -o -pl server -am package -DskipTests
    NODE_PORT=$((BASE + 71)); DIR=$(realpath -m "${PMM03_CLUSTER_DIR:-target/cluster}")/single
    mkdir -p "$DIR/attachments"
    PMM03_EXT_DB_PORT=$((BASE + 70)) scripts/external-mariadb.sh bash -c '
      # shellcheck disable=SC2086
      java '"$JVM_OPTS"' -jar '"$JAR"' --server.port='"$NODE_PORT"' --pmm03.roles=commission --pmm03.db.embedded=false \
        --spring.datasource.url="$PMM03_EXT_DB_URL" --spring.datasource.username=app --spring.datasource.password=app \
        --pmm03.portal.demo-data=false --pmm03.attachments.dir='"$DIR"'/attachments >'"$DIR"'/node.log 2>&1 &
      NODE=$!
      trap "kill $NODE 2>/dev/null; wait $NODE 2>/dev/null || true" EXIT
      for _ in $(seq 1 1800); do
        curl -fs http://127.0.0.1:'"$NODE_PORT"'/actuator/health/readiness >/dev/null 2>&1 && break
        kill -0 $NODE 2>/dev/null || { tail -20 '"$DIR"'/node.log; exit 1; }
        sleep 0.5
      done
      '"$(declare -f load cpu run)"'
      PIDS="$NODE $(pgrep -f -- "--port='"$((BASE + 70))"'" | tr "\n" " ")"
      # warm-up, not measured: the cluster nodes had served the failover load before they were measured
      /usr/bin/python3 scripts/cluster_load.py ingest --url http://127.0.0.1:'"$NODE_PORT"'/ws/commission \
        --seconds 20 --threads '"$THREADS"' >/dev/null
      SECONDS_='"$SECONDS_"' THREADS='"$THREADS"'
      run "ingest MSG.001: 1 Commission node -> 1 MariaDB (Debian, no Galera)" ingest \
        --url http://127.0.0.1:'"$NODE_PORT"'/ws/commission' ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
