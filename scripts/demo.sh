#!/usr/bin/env bash
# The whole P.MM.03 network on one machine: the Commission (port BASE, default 8080) and the five authorities
# AM BASE+1, BY BASE+2, KZ BASE+3, KG BASE+4, RU BASE+5, each a pmm03 node with its own embedded MariaDB
# (./data/demo/<node>). Every few seconds an authority includes a record of its country through its operator API;
# you see the Commission's answer, the MSG.013 notifications arriving at the other authorities and the mirrors.
#   scripts/demo.sh [--base-port 8080] [--heap 192m] [--buffer-pool 32M] [--rounds 5]   (Ctrl-C stops every node)
# Sized for a 2-core machine: each node -Xmx192m, serial GC and a 32 MB InnoDB buffer pool (six JVMs, six mariadbd);
# the nodes start one after the other. The script prints the resident memory of all twelve processes at the end
# (measured: 3.3 GB after startup, 3.5 GB after a small load; docs/operations.md, "Memory of the demo").
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=5; BASE=8080; HEAP=192m; POOL=32M
while [ $# -gt 0 ]; do
  case "$1" in
    --base-port) BASE="$2"; shift 2;;
    --heap) HEAP="$2"; shift 2;;
    --buffer-pool) POOL="$2"; shift 2;;
    --rounds) ROUNDS="$2"; shift 2;;
    [0-9]*) ROUNDS="$1"; shift;;
    -h|--help) sed -n '2,9p' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done
JAR=server/target/pmm03-server-$(sed -n 's/^-Drevision=//p' .mvn/maven.config)-exec.jar   # the development version (D-200)
if [ ! -f "$JAR" ]; then mvn -B -q -ntp -pl server -am install -DskipTests; fi
DATA=./data/demo; mkdir -p "$DATA"
declare -A PORT=([commission]=$BASE [am]=$((BASE+1)) [by]=$((BASE+2)) [kz]=$((BASE+3)) [kg]=$((BASE+4)) [ru]=$((BASE+5)))
declare -A PART=([am]=AM-MOH [by]=BY-MOH [kz]=KZ-MOH [kg]=KG-MOH [ru]=RU-RZN)
declare -A CC=([am]=AM [by]=BY [kz]=KZ [kg]=KG [ru]=RU)
PIDS=()
cleanup() { echo; echo "stopping nodes"; kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

start() { # name args...
  local n=$1; shift
  java -Xmx"$HEAP" -XX:+UseSerialGC -jar "$JAR" --server.port="${PORT[$n]}" --pmm03.db.data-dir="$DATA/$n/mariadb" \
    --pmm03.db.embedded-buffer-pool="$POOL" \
    --spring.application.name="pmm03-$n" --pmm03.outbox.time-scale=0.001 --pmm03.outbox.poll=PT1S \
    --pmm03.authority.mirror.interval=PT15S --pmm03.authority.mirror.initial-delay=PT5S "$@" \
    >"$DATA/$n.log" 2>&1 &
  PIDS+=($!)
  # one node at a time: two embedded MariaDB installations at the same moment can collide in /tmp
  until curl -fs "http://localhost:${PORT[$n]}/actuator/health" >/dev/null 2>&1; do
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "node $n exited, see $DATA/$n.log"; exit 1; }
    sleep 1
  done
  echo "  $n up on http://localhost:${PORT[$n]}/ws/$([ $n = commission ] && echo commission || echo authority)?wsdl"
}

echo "starting 6 nodes one after the other (logs in $DATA/*.log) ..."
start commission --pmm03.roles=commission
for n in am by kz kg ru; do
  args=(--pmm03.roles=authority --pmm03.authority.participant="${PART[$n]}"
        --pmm03.authority.commission.url="http://localhost:${PORT[commission]}/ws/commission"
        --pmm03.authority.commission.username="$n" --pmm03.authority.commission.password="$n-dev-password")
  i=0
  for p in am by kz kg ru; do
    [ "$p" = "$n" ] && continue
    args+=(--pmm03.authority.peers[$i].participant="${PART[$p]}" --pmm03.authority.peers[$i].url="http://localhost:${PORT[$p]}/ws/authority"
           --pmm03.authority.peers[$i].username="$n" --pmm03.authority.peers[$i].password="$n-dev-password")
    i=$((i+1))
  done
  start "$n" "${args[@]}"
done


submit() { # node -> prints the outbox answer
  local n=$1 name="Демо-${CC[$1]}-$RANDOM"
  /usr/bin/env python3 - "$n" "${CC[$n]}" "$name" <<'PY' > "$DATA/req-$n.xml"
import sys, uuid, datetime, re, pathlib
node, cc, name = sys.argv[1:]
x = pathlib.Path("wsdl/src/main/resources/eaeu/pmm03/samples/dmd-msg001-include.xml").read_text(encoding="utf-8")
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
x = re.sub(r"<csdo:EDocId>[^<]*<", f"<csdo:EDocId>{uuid.uuid4()}<", x, count=1)
x = re.sub(r"<csdo:EDocDateTime>[^<]*<", f"<csdo:EDocDateTime>{now.isoformat()}<", x, count=1)
x = x.replace('<csdo:UnifiedCountryCode codeListId="P.CLS.019">RU</csdo:UnifiedCountryCode>',
              f'<csdo:UnifiedCountryCode codeListId="P.CLS.019">{cc}</csdo:UnifiedCountryCode>', 1)
x = re.sub(r"<hcsdo:DrugTradeName>[^<]*<", f"<hcsdo:DrugTradeName>{name}<", x, count=1)
x = re.sub(r"<csdo:StartDateTime>[^<]*<", f"<csdo:StartDateTime>{(now - datetime.timedelta(hours=1)).isoformat()}<", x, count=1)
print(x)
PY
  curl -fsS -u "$n:$n-dev-password" -H 'Content-Type: application/xml' --data-binary @"$DATA/req-$n.xml" \
    "http://localhost:${PORT[$n]}/authority/api/submissions"; echo "   <- $n submitted «$name»"
}

for r in $(seq 1 "$ROUNDS"); do
  for n in am by kz kg ru; do submit "$n"; done
  sleep 6
  echo "--- round $r: what each authority knows"
  for n in am by kz kg ru; do
    notices=$(curl -fsS -u "$n:$n-dev-password" "http://localhost:${PORT[$n]}/authority/api/notices" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    mirror=$(curl -fsS -u "$n:$n-dev-password" "http://localhost:${PORT[$n]}/authority/api/mirror" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["versions"]))')
    outbox=$(curl -fsS -u "$n:$n-dev-password" "http://localhost:${PORT[$n]}/authority/api/outbox" | python3 -c 'import json,sys,collections; print(dict(collections.Counter(m["status"] for m in json.load(sys.stdin))))')
    printf '  %-3s MSG.013 received: %-3s mirror records: %-3s outbox: %s\n' "${CC[$n]}" "$notices" "$mirror" "$outbox"
  done
done
echo "resident memory of the twelve processes: $(ps -o rss= -p "$(pgrep -d, -f "$DATA/" || echo 1)" 2>/dev/null | awk '{s+=$1} END {printf "%.0f MB", s/1024}')"
echo "demo done; nodes keep running until Ctrl-C (SOAP: http://localhost:${PORT[commission]}/ws/commission?wsdl)"
wait
