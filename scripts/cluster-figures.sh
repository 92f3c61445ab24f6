#!/usr/bin/env bash
# Figures of issue #17 (docs/cluster.md "Figures"), with one load driver (scripts/cluster_load.py) on one machine:
#   galera  MSG.001 ingest through HAProxy -> 2 Commission nodes -> single-writer Galera (3 nodes); needs the cluster
#           up (scripts/cluster.sh up), and pack checks through HAProxy -> the portal role on Galera n3
#   single  the same ingest against 1 Commission node on 1 Debian MariaDB (scripts/external-mariadb.sh), started
#           here with the cluster's JVM options (run it with the cluster down, so the two share the machine alike)
#   scripts/cluster-figures.sh galera|single [seconds, default 30] [threads, default 4]
# Prints one JSON line per measurement with the machine's load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:?galera|single}"; SECONDS_="${2:-30}"; THREADS="${3:-4}"
BASE="${PMM03_CLUSTER_PORT:-18400}"
JAR=server/target/pmm03-server-$(sed -n 's/^-Drevision=//p' .mvn/maven.config)-exec.jar   # the development version (D-200)
JVM_OPTS="${PMM03_CLUSTER_JVM_OPTS:--Xmx256m -XX:+UseSerialGC}"
load() { cut -d' ' -f1-3 /proc/loadavg; }
run() { # label, then cluster_load.py arguments
  local label=$1; shift
  local before; before=$(load)
  local out; out=$(/usr/bin/python3 scripts/cluster_load.py "$@" --seconds "$SECONDS_" --threads "$THREADS")
  echo "{\"what\": \"$label\", \"cores\": $(nproc), \"load_before\": \"$before\", \"load_after\": \"$(load)\", \"at\": \"$(date -u +%FT%TZ)\", \"result\": $out}"
}
case $MODE in
  galera)
    run "ingest MSG.001: HAProxy -> 2 Commission nodes -> Galera (3 nodes, single writer)" ingest \
      --url "http://127.0.0.1:$BASE/ws/commission"
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
      '"$(declare -f load run)"'
      SECONDS_='"$SECONDS_"' THREADS='"$THREADS"'
      run "ingest MSG.001: 1 Commission node -> 1 MariaDB (Debian, no Galera)" ingest \
        --url http://127.0.0.1:'"$NODE_PORT"'/ws/commission' ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
