#!/usr/bin/env bash
# Foreign SOAP clients (Python zeep, Node soap) against a RUNNING pmm03 node: load ?wsdl, call every operation,
# assert result codes. See tests/interop/README.md.
#
#   tests/interop/run-endpoint.sh --endpoint http://host:8080 [--authority-endpoint URL [--answer-to EDOCID]]
#                                 [--user ru] [--password P] [-v]
#   tests/interop/run-endpoint.sh --start-node [...]   # start server/target/pmm03-server-*-exec.jar twice, each on
#          # a free port with a fresh embedded MariaDB: a Commission node, and an authority node of Kazakhstan
#          # (--pmm03.roles=authority, participant KZ-MOH, peer RU-RZN) whose operator API first asks RU for
#          # additional information (a MSG.014); the clients then call both nodes as ru, answering that MSG.014
#          # (--answer-to); both nodes are stopped at the end
# The authority endpoint is another authority's node: the user (default ru) must not be that node's own user.
# Exits non-zero if either client fails a check or cannot run.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY="${ZEEP_PYTHON:-/usr/bin/python3}"
NODE="${NODE:-node}"

args=(); start=0
for a in "$@"; do
  if [ "$a" = "--start-node" ]; then start=1; else args+=("$a"); fi
done

node_pid=""; auth_pid=""
cleanup() {
  [ -n "$auth_pid" ] && kill "$auth_pid" 2>/dev/null && wait "$auth_pid" 2>/dev/null
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null
  [ -n "${tmp:-}" ] && rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { "$PY" "$REPO/scripts/free_port.py"; }   # below the ephemeral range (as FreePorts)

# waits until URL answers; $1 pid, $2 url, $3 log
await_up() {
  for _ in $(seq 180); do
    curl -sf -o /dev/null "$2" && return 0
    kill -0 "$1" 2>/dev/null || { echo "FAIL the node exited"; tail -50 "$3"; exit 1; }
    sleep 1
  done
  curl -sf -o /dev/null "$2" || { echo "FAIL the node did not start ($2)"; tail -50 "$3"; exit 1; }
}

if [ $start = 1 ]; then
  jar=$(ls "$REPO"/server/target/pmm03-server-*-exec.jar 2>/dev/null | head -1)
  [ -n "$jar" ] || { echo "FAIL no server/target/pmm03-server-*-exec.jar (mvn -B -pl server -am package -DskipTests)"; exit 1; }
  port=$(free_port); aport=$(free_port); nobody=$(free_port)
  tmp=$(mktemp -d)
  echo "== starting $jar: Commission on port $port (log $tmp/node.log)"
  java -jar "$jar" --server.port="$port" --pmm03.db.data-dir="$tmp/db" >"$tmp/node.log" 2>&1 &
  node_pid=$!
  # one node at a time: two embedded MariaDB installations at the same moment can collide in /tmp
  await_up "$node_pid" "http://localhost:$port/ws/commission?wsdl" "$tmp/node.log"
  echo "== starting $jar: authority KZ-MOH on port $aport (log $tmp/authority.log)"
  java -jar "$jar" --server.port="$aport" --pmm03.db.data-dir="$tmp/db-kz" --pmm03.roles=authority \
    --pmm03.authority.participant=KZ-MOH \
    --pmm03.authority.commission.url="http://localhost:$port/ws/commission" \
    --pmm03.authority.commission.username=kz --pmm03.authority.commission.password=kz-dev-password \
    --pmm03.authority.peers[0].participant=RU-RZN --pmm03.authority.peers[0].url="http://localhost:$nobody/ws/authority" \
    --pmm03.authority.peers[0].username=kz --pmm03.authority.peers[0].password=kz-dev-password \
    --pmm03.authority.mirror.initial-delay=PT1H >"$tmp/authority.log" 2>&1 &
  auth_pid=$!
  await_up "$auth_pid" "http://localhost:$aport/ws/authority?wsdl" "$tmp/authority.log"
  # the KZ operator asks RU for additional information (the MSG.014 sample with a new EDocId); the clients answer it
  edoc=$("$PY" -c 'import uuid; print(uuid.uuid4())')
  sed -e "s|<csdo:EDocId>[^<]*</csdo:EDocId>|<csdo:EDocId>$edoc</csdo:EDocId>|" \
    -e "s|<csdo:EDocDateTime>[^<]*</csdo:EDocDateTime>|<csdo:EDocDateTime>$(date -u +%Y-%m-%dT%H:%M:%SZ)</csdo:EDocDateTime>|" \
    "$REPO/wsdl/src/main/resources/eaeu/pmm03/samples/cdr-msg014-request.xml" >"$tmp/msg014.xml"
  curl -sf -u kz:kz-dev-password -H 'Content-Type: application/xml' --data-binary @"$tmp/msg014.xml" \
    "http://localhost:$aport/authority/api/requests?peer=RU-RZN" >"$tmp/msg014.json" \
    || { echo "FAIL the KZ node's operator API refused the MSG.014 to RU-RZN"; cat "$tmp/msg014.json"; tail -30 "$tmp/authority.log"; exit 1; }
  echo "== KZ-MOH sent MSG.014 $edoc to RU-RZN: $(cat "$tmp/msg014.json")"
  args=(--endpoint "http://localhost:$port" --authority-endpoint "http://localhost:$aport" --answer-to "$edoc" "${args[@]}")
fi

rc_zeep=0; rc_node=0
echo "== zeep ($PY)"
if ! "$PY" -c 'import zeep' 2>/dev/null; then
  echo "FAIL zeep is not importable by $PY -- apt-get install -y python3-zeep"; rc_zeep=1
else
  "$PY" "$HERE/zeep_endpoint.py" "${args[@]}" || rc_zeep=$?
fi
echo "== node-soap ($NODE)"
if [ ! -d "$HERE/node/node_modules/soap" ]; then
  echo "FAIL node-soap is not installed -- (cd tests/interop/node && npm ci)"; rc_node=1
else
  (cd "$HERE/node" && "$NODE" endpoint.js "${args[@]}") || rc_node=$?
fi
echo "== zeep: $([ $rc_zeep -eq 0 ] && echo OK || echo "FAILED (rc $rc_zeep)"), node-soap: $([ $rc_node -eq 0 ] && echo OK || echo "FAILED (rc $rc_node)")"
[ $rc_zeep -eq 0 ] && [ $rc_node -eq 0 ]
