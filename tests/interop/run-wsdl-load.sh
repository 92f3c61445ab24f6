#!/usr/bin/env bash
# Loads the pmm03 WSDLs (from the local contract files, no server) with two foreign SOAP clients, Python zeep and
# Node soap, and builds an IncludeRecord request with each. Runnable from anywhere; exits non-zero if either
# client fails a check or cannot run. See tests/interop/README.md.
#
#   tests/interop/run-wsdl-load.sh [--wsdl-dir DIR] [-v]     (arguments are passed to both scripts)
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="${ZEEP_PYTHON:-/usr/bin/python3}"   # Debian's python3-zeep; `python3` on PATH may be a pyenv shim without it
NODE="${NODE:-node}"

rc_zeep=0; rc_node=0
echo "== zeep ($PY)"
if ! "$PY" -c 'import zeep' 2>/dev/null; then
  echo "FAIL zeep is not importable by $PY -- apt-get install -y python3-zeep"; rc_zeep=1
else
  "$PY" "$HERE/zeep_wsdl_load.py" "$@" || rc_zeep=$?
fi

echo "== node-soap ($NODE)"
if [ ! -d "$HERE/node/node_modules/soap" ]; then
  echo "FAIL node-soap is not installed -- (cd tests/interop/node && npm ci)"; rc_node=1
else
  (cd "$HERE/node" && "$NODE" wsdl_load.js "$@") || rc_node=$?
fi

echo "== zeep: $([ $rc_zeep -eq 0 ] && echo OK || echo "FAILED (rc $rc_zeep)"), node-soap: $([ $rc_node -eq 0 ] && echo OK || echo "FAILED (rc $rc_node)")"
[ $rc_zeep -eq 0 ] && [ $rc_node -eq 0 ]
