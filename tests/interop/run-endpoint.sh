#!/usr/bin/env bash
# Foreign SOAP clients (Python zeep, Node soap) against a RUNNING pmm03 node: load ?wsdl, call every operation,
# assert result codes. See tests/interop/README.md.
#
#   tests/interop/run-endpoint.sh --endpoint http://host:8080 [--authority-endpoint URL] [--user ru] [--password P] [-v]
#   tests/interop/run-endpoint.sh --start-node [...]   # start server/target/pmm03-server-*-exec.jar on a free port
#                                                      # with a fresh embedded MariaDB, run, stop it
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

node_pid=""
cleanup() { [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null; [ -n "${tmp:-}" ] && rm -rf "$tmp"; }
trap cleanup EXIT

if [ $start = 1 ]; then
  jar=$(ls "$REPO"/server/target/pmm03-server-*-exec.jar 2>/dev/null | head -1)
  [ -n "$jar" ] || { echo "FAIL no server/target/pmm03-server-*-exec.jar (mvn -B -pl server -am package -DskipTests)"; exit 1; }
  port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  tmp=$(mktemp -d)
  echo "== starting $jar on port $port (log $tmp/node.log)"
  java -jar "$jar" --server.port="$port" --pmm03.db.data-dir="$tmp/db" >"$tmp/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 180); do
    curl -sf -o /dev/null "http://localhost:$port/ws/commission?wsdl" && break
    kill -0 "$node_pid" 2>/dev/null || { echo "FAIL the node exited"; tail -50 "$tmp/node.log"; exit 1; }
    sleep 1
  done
  curl -sf -o /dev/null "http://localhost:$port/ws/commission?wsdl" || { echo "FAIL the node did not start"; tail -50 "$tmp/node.log"; exit 1; }
  args=(--endpoint "http://localhost:$port" "${args[@]}")
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
