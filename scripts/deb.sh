#!/usr/bin/env bash
# A Debian package of the pmm03 node with a systemd unit (D-208), from server/target/pmm03-server-*-exec.jar:
#   scripts/deb.sh [build]  — target/deb/pmm03_<version>_amd64.deb (dpkg-deb): /usr/share/pmm03/pmm03-server.jar,
#                             /etc/pmm03/application.properties, /etc/default/pmm03, /lib/systemd/system/pmm03.service
#                             (user pmm03, hardening, data in /var/lib/pmm03, logs to the journal)
#   scripts/deb.sh test     — build; `systemd-analyze verify` the unit; dpkg -i; start the unit's ExecStart as its
#                             user exactly as the unit would (packaging/deb/run-as-unit.py: systemd is not PID 1
#                             here), GET ?wsdl and /actuator/health/readiness, SIGTERM; dpkg -r, dpkg --purge
# Install on a host with systemd: apt-get install ./pmm03_<version>_amd64.deb (starts pmm03.service);
# journalctl -u pmm03 -f. Needs root for `test`.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/deb
# the node's executable jar (the newest, if several versions were built)
jar() {
  local j; j=$(ls -t server/target/pmm03-server-*-exec.jar 2>/dev/null | head -1)
  [ -n "$j" ] || { echo "no server/target/pmm03-server-*-exec.jar: mvn -B -pl server -am package -DskipTests" >&2; exit 1; }
  echo "$j"
}
# its version as a Debian version: 0.2.0-SNAPSHOT -> 0.2.0~snapshot (sorts before the release 0.2.0)
version() { local j; j=$(basename "$(jar)"); j=${j#pmm03-server-}; j=${j%-exec.jar}; echo "${j/-SNAPSHOT/~snapshot}"; }

build() {
  local jar v root; jar=$(jar); v=$(version)
  root=$OUT/root; rm -rf "$root"; mkdir -p "$root/DEBIAN"
  install -D -m 0644 "$jar" "$root/usr/share/pmm03/pmm03-server.jar"
  install -D -m 0644 packaging/deb/pmm03.service "$root/lib/systemd/system/pmm03.service"
  install -D -m 0640 packaging/deb/application.properties "$root/etc/pmm03/application.properties"
  install -D -m 0644 packaging/deb/default "$root/etc/default/pmm03"
  install -D -m 0644 /dev/stdin "$root/usr/share/doc/pmm03/README" <<<"pmm03 node: see docs/operations.md#installing of the project. Unit: systemctl status pmm03; logs: journalctl -u pmm03."
  install -D -m 0644 LICENSE "$root/usr/share/doc/pmm03/copyright"
  install -m 0755 packaging/deb/DEBIAN/postinst packaging/deb/DEBIAN/prerm packaging/deb/DEBIAN/postrm "$root/DEBIAN/"
  install -m 0644 packaging/deb/DEBIAN/conffiles "$root/DEBIAN/"
  sed -e "s/@VERSION@/$v/" -e "s/@SIZE@/$(du -sk --exclude=DEBIAN "$root" | cut -f1)/" \
    packaging/deb/DEBIAN/control.in >"$root/DEBIAN/control"
  DEB="$OUT/pmm03_${v}_amd64.deb"
  dpkg-deb --root-owner-group -Zgzip --build "$root" "$DEB" >/dev/null
  rm -rf "$root"
  echo "== $DEB ($(du -h "$DEB" | cut -f1))"
}

# a port below the kernel's ephemeral range that nobody listens on (as FreePorts does for the Java tests)
free_port() { /usr/bin/python3 scripts/free_port.py; }

test_deb() {
  local t0=$SECONDS
  [ "$(id -u)" = 0 ] || { echo "FAIL scripts/deb.sh test needs root (dpkg -i)"; exit 1; }
  if dpkg -s pmm03 >/dev/null 2>&1; then echo "FAIL a pmm03 package is installed already; not touching it"; exit 1; fi
  build
  local out; out=$(systemd-analyze verify packaging/deb/pmm03.service 2>&1) || true
  [ -z "$out" ] || { echo "FAIL systemd-analyze verify pmm03.service:"; echo "$out"; exit 1; }
  echo "   systemd-analyze verify pmm03.service: no complaint"
  node_pid=""
  trap 'cleanup_deb' EXIT
  dpkg -i "$DEB" >/dev/null
  echo "   dpkg -i: installed $(dpkg-query -W -f '${Package} ${Version}' pmm03); user $(id pmm03)"
  [ -d /run/systemd/system ] && echo "   (systemd is PID 1 here: postinst started pmm03.service)"
  [ "$(stat -c %U:%a /var/lib/pmm03)" = pmm03:750 ] || { echo "FAIL /var/lib/pmm03 is $(stat -c %U:%a /var/lib/pmm03)"; exit 1; }
  port=$(free_port)
  echo "PMM03_PORT=$port" >>/etc/default/pmm03      # as an operator would choose the port
  log=$(mktemp /var/tmp/pmm03-deb-test.XXXXXX.log)
  /usr/bin/python3 packaging/deb/run-as-unit.py /lib/systemd/system/pmm03.service >"$log" 2>&1 &
  node_pid=$!
  local ok=0
  for _ in $(seq 300); do
    curl -sf -o /dev/null "http://localhost:$port/actuator/health/readiness" && { ok=1; break; }
    kill -0 "$node_pid" 2>/dev/null || break
    sleep 1
  done
  [ $ok = 1 ] || { echo "FAIL the installed node did not become ready"; tail -40 "$log"; exit 1; }
  echo "== the unit's command line is ready after $((SECONDS - t0)) s: $(head -1 "$log" | cut -c1-160)"
  grep -q "soap:address location=\"http://localhost:$port/ws/commission\"" <(curl -sf "http://localhost:$port/ws/commission?wsdl") \
    || { echo "FAIL ?wsdl does not name http://localhost:$port/ws/commission"; exit 1; }
  echo "   GET /ws/commission?wsdl: soap:address http://localhost:$port/ws/commission"
  curl -sf "http://localhost:$port/actuator/health/readiness" | grep -q '"status":"UP"' || { echo "FAIL readiness not UP"; exit 1; }
  echo "   GET /actuator/health/readiness: UP"
  [ "$(stat -c %U /proc/$node_pid)" = pmm03 ] || { echo "FAIL the node runs as $(stat -c %U /proc/$node_pid)"; exit 1; }
  # /etc/pmm03/application.properties (root:pmm03 0640) was read: it puts the database in /var/lib/pmm03/mariadb
  [ -d /var/lib/pmm03/mariadb/mysql ] || { echo "FAIL no database in /var/lib/pmm03/mariadb"; exit 1; }
  echo "   the node runs as pmm03, its database is in /var/lib/pmm03/mariadb (/etc/pmm03/application.properties)"
  kill -TERM "$node_pid"; local code=0; wait "$node_pid" || code=$?
  node_pid=""
  [ $code = 0 ] || [ $code = 143 ] || { echo "FAIL the node exited with $code on SIGTERM (SuccessExitStatus=143)"; tail -20 "$log"; exit 1; }
  echo "   SIGTERM: exit code $code"
  dpkg -r pmm03 >/dev/null
  [ ! -e /usr/share/pmm03/pmm03-server.jar ] && [ -d /var/lib/pmm03/mariadb ] \
    || { echo "FAIL dpkg -r must remove the program and keep the data"; exit 1; }
  dpkg --purge pmm03 >/dev/null
  [ ! -e /var/lib/pmm03 ] && [ ! -e /etc/pmm03/application.properties ] || { echo "FAIL dpkg --purge left files"; exit 1; }
  echo "== dpkg -r kept /var/lib/pmm03, dpkg --purge removed it and /etc/pmm03; $((SECONDS - t0)) s in all"
}
cleanup_deb() {
  [ -n "${node_pid:-}" ] && { kill -TERM "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null || true; }
  dpkg -s pmm03 >/dev/null 2>&1 && dpkg --purge pmm03 >/dev/null 2>&1 || true
  # the embedded MariaDB's binaries, unpacked by the node as pmm03 (systemd would give it a private /tmp)
  rm -rf /tmp/pmm03-mariadb-*-pmm03 /tmp/pmm03-mariadb-*-pmm03.lock
  [ -n "${log:-}" ] && rm -f "$log"
  return 0
}

case "${1:-build}" in
  build) build;;
  test) test_deb;;
  -h|--help) sed -n '2,11p' "$0";;
  *) echo "unknown command $1 (build|test)" >&2; exit 2;;
esac
