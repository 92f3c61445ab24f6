#!/usr/bin/env bash
# The Commission as a cluster on one machine (docs/cluster.md):
#   3 MariaDB Galera nodes (Debian mariadb-server + galera-4, run as the mysql user) on loopback,
#   HAProxy in front: SOAP/HTTP on :BASE (health-checked through /actuator/health/readiness), the database on
#   :BASE+1 (single writer: galera n1, n2 and n3 as backups, D-170), statistics on :BASE+2,
#   2 Commission nodes (:BASE+51, :BASE+52) on the database through HAProxy, sharing one attachment directory,
#   1 portal-role node (:BASE+53, read-only, straight on galera n3),
#   2 authority nodes KZ (:BASE+61) and RU (:BASE+62), each on its own embedded MariaDB, whose outbox and mirror
#   talk to the Commission through HAProxy.
#
#   scripts/cluster.sh up | down | status | kill NODE | start NODE
#     NODE: g1 g2 g3 (Galera), c1 c2 (Commission), portal, kz, ru, haproxy
#   PMM03_CLUSTER_DIR  state directory (default target/cluster; not under /tmp, see stack-notes)
#   PMM03_CLUSTER_PORT base port (default 18400)
#   PMM03_CLUSTER_WAIT seconds a node may take to start (default 900)
# As root it installs what is missing (apt-get install -y mariadb-server galera-4 haproxy).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STATE=$(realpath -m "${PMM03_CLUSTER_DIR:-target/cluster}")
BASE="${PMM03_CLUSTER_PORT:-18400}"
JAR=server/target/pmm03-server-$(sed -n 's/^-Drevision=//p' .mvn/maven.config)-exec.jar   # the development version (D-200)
LB_HTTP=$BASE; LB_DB=$((BASE + 1)); LB_STATS=$((BASE + 2))
gport() { echo $((BASE + 10 + $1)); }   # Galera node i: SQL port
declare -A PORT=([c1]=$((BASE + 51)) [c2]=$((BASE + 52)) [portal]=$((BASE + 53)) [kz]=$((BASE + 61)) [ru]=$((BASE + 62)))
declare -A PART=([kz]=KZ-MOH [ru]=RU-RZN)
DBUSER=pmm03; DBPASS=pmm03-cluster-dev-password; DBNAME=pmm03
WAIT="${PMM03_CLUSTER_WAIT:-900}"   # seconds a node may take to become ready (a loaded 2-core machine needs minutes)
JVM_OPTS="${PMM03_CLUSTER_JVM_OPTS:--Xmx256m -XX:+UseSerialGC}"

log() { echo "cluster: $*"; }
pidof_node() { cat "$STATE/run/$1.pid" 2>/dev/null || true; }
alive() { local p; p=$(pidof_node "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

prerequisites() {
  local need=()
  [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
  [ -f /usr/lib/galera/libgalera_smm.so ] || need+=(galera-4)
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
  command -v rsync >/dev/null 2>&1 || need+=(rsync)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      log "installing ${need[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      echo "cluster: missing Debian packages: ${need[*]} (sudo apt-get install -y ${need[*]})" >&2; exit 1
    fi
  fi
  if [ ! -f "$JAR" ] || [ -n "$(find server/src wsdl/src security/src -newer "$JAR" -type f -print -quit 2>/dev/null)" ]; then
    log "building $JAR"
    mvn -B -q -ntp -o -pl server -am package -DskipTests
  fi
}

# ---- Galera --------------------------------------------------------------------------------------------------------
galera_cnf() { # i
  local i=$1 d="$STATE/galera/n$1"
  cat >"$d/my.cnf" <<EOF
[mysqld]
user=mysql
datadir=$d/data
socket=$d/sock
pid-file=$d/pid
log-error=$d/error.log
port=$(gport "$i")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
max-allowed-packet=256M
innodb_buffer_pool_size=96M
binlog_format=ROW
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=pmm03
wsrep_cluster_address=gcomm://127.0.0.1:$((BASE + 21)),127.0.0.1:$((BASE + 22)),127.0.0.1:$((BASE + 23))
wsrep_node_address=127.0.0.1
wsrep_node_name=n$i
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$((BASE + 20 + i));ist.recv_addr=127.0.0.1:$((BASE + 30 + i));gcache.size=256M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((BASE + 40 + i))
# every table has a primary key (D-171: V22.170 adds the one V2 lacked; 'status' lists offenders). Not enforced with
# wsrep_mode=REQUIRED_PRIMARY_KEY, which would refuse V2 itself before V22.170 repairs it
EOF
}

sql() { # i statements...
  local i=$1; shift
  mariadb --no-defaults --socket="$STATE/galera/n$i/sock" -uroot -N -B -e "$*"
}

galera_start() { # i [--wsrep-new-cluster]
  local i=$1 d="$STATE/galera/n$1"; shift
  mkdir -p "$d"
  galera_cnf "$i"
  if [ ! -d "$d/data/mysql" ]; then
    chown -R mysql:mysql "$STATE/galera"
    mariadb-install-db --defaults-file="$d/my.cnf" --user=mysql --auth-root-authentication-method=socket \
      --skip-test-db >"$d/install.log" 2>&1
  fi
  chown -R mysql:mysql "$d"
  # after a crash (kill -9) grastate.dat holds no position (seqno -1) and the node would rejoin by a full state
  # transfer (SST); recovered from InnoDB first, as Debian's galera_recovery does, it rejoins by IST
  local pos=()
  if grep -q '^seqno: *-1' "$d/data/grastate.dat" 2>/dev/null; then
    /usr/sbin/mariadbd --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/recover.log" >/dev/null 2>&1 || true
    local p; p=$(sed -n 's/.*WSREP: Recovered position: *//p' "$d/recover.log" 2>/dev/null | tail -1)
    [ -n "$p" ] && { pos=(--wsrep-start-position="$p"); log "galera n$i: recovered position $p"; }
  fi
  /usr/sbin/mariadbd --defaults-file="$d/my.cnf" "${pos[@]}" "$@" >>"$d/stdout.log" 2>&1 &
  echo $! >"$STATE/run/g$i.pid"
}

galera_wait() { # i: until the node is Synced in a primary component
  local i=$1
  for _ in $(seq 1 $((WAIT * 2))); do
    if [ "$(sql "$i" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = Synced ]; then return 0; fi
    alive "g$i" || { echo "cluster: galera n$i died, see $STATE/galera/n$i/error.log" >&2; tail -20 "$STATE/galera/n$i/error.log" >&2; return 1; }
    sleep 0.5
  done
  echo "cluster: galera n$i not synced after $WAIT s" >&2; return 1
}

galera_up() {
  local bootstrap=()
  if [ ! -f "$STATE/galera/bootstrapped" ]; then
    bootstrap=(--wsrep-new-cluster)
  else
    # restart of a stopped cluster: the node that was stopped last may bootstrap (safe_to_bootstrap: 1)
    for i in 1 2 3; do
      if grep -q 'safe_to_bootstrap: 1' "$STATE/galera/n$i/data/grastate.dat" 2>/dev/null; then FIRST=$i; fi
    done
    bootstrap=(--wsrep-new-cluster)
  fi
  local first=${FIRST:-1}
  alive "g$first" || galera_start "$first" "${bootstrap[@]}"
  galera_wait "$first"
  if [ ! -f "$STATE/galera/bootstrapped" ]; then
    sql "$first" "CREATE DATABASE IF NOT EXISTS $DBNAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
      CREATE USER IF NOT EXISTS '$DBUSER'@'127.0.0.1' IDENTIFIED BY '$DBPASS';
      GRANT ALL ON $DBNAME.* TO '$DBUSER'@'127.0.0.1';
      CREATE USER IF NOT EXISTS 'haproxy_check'@'127.0.0.1';"
    touch "$STATE/galera/bootstrapped"
  fi
  for i in 1 2 3; do
    [ "$i" = "$first" ] && continue
    alive "g$i" || galera_start "$i"
  done
  for i in 1 2 3; do galera_wait "$i"; done
  log "galera: cluster size $(sql "$first" "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2) (SQL ports $(gport 1) $(gport 2) $(gport 3))"
}

# ---- HAProxy -------------------------------------------------------------------------------------------------------
haproxy_cfg() {
  cat >"$STATE/haproxy.cfg" <<EOF
global
    maxconn 2000
    log stderr format short local0 warning
defaults
    log global
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    timeout check 2s
# the SQL entry of the Commission nodes: one writer at a time (D-170); n2 and n3 take over in order when it fails
listen galera
    bind 127.0.0.1:$LB_DB
    mode tcp
    option mysql-check user haproxy_check post-41
    # a writer marked down loses its sessions; when n1 is back, the sessions on a backup are closed, so that there
    # is again one writer only
    default-server check inter 1s fall 2 rise 3 on-marked-down shutdown-sessions
    server g1 127.0.0.1:$(gport 1) on-marked-up shutdown-backup-sessions
    server g2 127.0.0.1:$(gport 2) backup
    server g3 127.0.0.1:$(gport 3) backup
frontend pmm03
    bind 127.0.0.1:$LB_HTTP
    mode http
    option httplog
    acl public path_beg /portal /api/ /feed.atom /static/ /export
    acl public path /
    use_backend portal if public
    default_backend commission
# SOAP (and everything not public) to the Commission nodes; a node is taken out while its readiness is not UP
backend commission
    mode http
    balance roundrobin
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    retry-on conn-failure empty-response response-timeout
    retries 2
    option redispatch
    server c1 127.0.0.1:${PORT[c1]} check inter 1s fall 2 rise 2
    server c2 127.0.0.1:${PORT[c2]} check inter 1s fall 2 rise 2
# the public portal and JSON API: the portal-role node, the Commission nodes only if it is down
backend portal
    mode http
    balance roundrobin
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    server portal 127.0.0.1:${PORT[portal]} check inter 1s fall 2 rise 2
    server c1 127.0.0.1:${PORT[c1]} check inter 1s fall 2 rise 2 backup
    server c2 127.0.0.1:${PORT[c2]} check inter 1s fall 2 rise 2 backup
listen stats
    bind 127.0.0.1:$LB_STATS
    mode http
    stats enable
    stats uri /
EOF
}

haproxy_up() {
  alive haproxy && return 0
  haproxy_cfg
  haproxy -c -q -f "$STATE/haproxy.cfg" || { haproxy -c -f "$STATE/haproxy.cfg"; exit 1; }
  haproxy -f "$STATE/haproxy.cfg" >"$STATE/haproxy.log" 2>&1 &
  echo $! >"$STATE/run/haproxy.pid"
  log "haproxy: SOAP/HTTP http://127.0.0.1:$LB_HTTP  database 127.0.0.1:$LB_DB  stats http://127.0.0.1:$LB_STATS/"
}

# ---- pmm03 nodes ---------------------------------------------------------------------------------------------------
node_args() { # name
  local n=$1 common=(--server.port="${PORT[$n]}" --spring.application.name="pmm03-$n"
    --pmm03.outbox.time-scale="${PMM03_CLUSTER_TIME_SCALE:-0.001}" --pmm03.outbox.poll=PT0.5S
    --pmm03.outbox.request-timeout=PT20S --pmm03.portal.demo-data=false)
  local galera_db=(--pmm03.db.embedded=false --spring.datasource.username="$DBUSER" --spring.datasource.password="$DBPASS")
  case $n in
    c1|c2)
      # through HAProxy's single-writer entry; wsrep_sync_wait: a read sees every write committed anywhere (D-173)
      printf '%s\n' "${common[@]}" "${galera_db[@]}" --pmm03.roles=commission \
        "--spring.datasource.url=jdbc:mariadb://127.0.0.1:$LB_DB/$DBNAME?sessionVariables=wsrep_sync_wait=1" \
        --spring.datasource.hikari.maximum-pool-size=12 \
        --pmm03.attachments.dir="$STATE/shared/attachments" ;;
    portal)
      # read-only, on a database node of its own choosing; Flyway is left to the Commission nodes (D-174)
      printf '%s\n' "${common[@]}" "${galera_db[@]}" --pmm03.roles=portal \
        "--spring.datasource.url=jdbc:mariadb://127.0.0.1:$(gport 3)/$DBNAME" \
        --spring.datasource.hikari.read-only=true --spring.flyway.enabled=false \
        --pmm03.attachments.dir="$STATE/shared/attachments" ;;
    kz|ru)
      local me=$n other; other=$([ "$n" = kz ] && echo ru || echo kz)
      printf '%s\n' "${common[@]}" --pmm03.roles=authority --pmm03.authority.participant="${PART[$me]}" \
        --pmm03.db.data-dir="$STATE/$n/mariadb" --pmm03.db.embedded-buffer-pool=64M \
        --pmm03.authority.commission.url="http://127.0.0.1:$LB_HTTP/ws/commission" \
        --pmm03.authority.commission.username="$me" --pmm03.authority.commission.password="$me-dev-password" \
        --pmm03.authority.peers[0].participant="${PART[$other]}" \
        --pmm03.authority.peers[0].url="http://127.0.0.1:${PORT[$other]}/ws/authority" \
        --pmm03.authority.peers[0].username="$me" --pmm03.authority.peers[0].password="$me-dev-password" \
        --pmm03.authority.mirror.interval="${PMM03_CLUSTER_MIRROR_INTERVAL:-PT10S}" \
        --pmm03.authority.mirror.initial-delay=PT5S ;;
  esac
}

node_start() { # name
  local n=$1
  alive "$n" && return 0
  mkdir -p "$STATE/$n" "$STATE/shared/attachments"
  local args; mapfile -t args < <(node_args "$n")
  # shellcheck disable=SC2086
  java $JVM_OPTS -jar "$ROOT/$JAR" "${args[@]}" >>"$STATE/$n/node.log" 2>&1 &
  echo $! >"$STATE/run/$n.pid"
}

node_wait() { # name
  local n=$1
  for _ in $(seq 1 $((WAIT * 2))); do
    curl -fs "http://127.0.0.1:${PORT[$n]}/actuator/health/readiness" >/dev/null 2>&1 && return 0
    alive "$n" || { echo "cluster: node $n exited, see $STATE/$n/node.log" >&2; tail -30 "$STATE/$n/node.log" >&2; return 1; }
    sleep 0.5
  done
  echo "cluster: node $n not ready after $WAIT s" >&2; return 1
}

up() {
  prerequisites
  mkdir -p "$STATE/run" "$STATE/galera" "$STATE/shared/attachments"
  galera_up
  haproxy_up
  # both Commission nodes start together: Flyway's lock makes one migrate, the other wait (D-176)
  node_start c1; node_start c2
  node_wait c1; node_wait c2
  node_start portal; node_start kz
  node_wait portal; node_wait kz
  node_start ru; node_wait ru
  status
}

stop_pid() { # name [signal]
  local n=$1 sig=${2:-TERM} p; p=$(pidof_node "$n")
  [ -n "$p" ] || return 0
  kill -"$sig" "$p" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$p" 2>/dev/null || true
  rm -f "$STATE/run/$n.pid"
}

down() {
  for n in ru kz portal c2 c1 haproxy; do stop_pid "$n"; done
  # Galera: the last one stopped is marked safe to bootstrap the next 'up'
  for i in 3 2 1; do stop_pid "g$i"; done
  log "stopped (state kept in $STATE; rm -rf it for a fresh cluster)"
}

status() {
  echo "state: $STATE"
  for i in 1 2 3; do
    if alive "g$i"; then
      echo "  galera n$i :$(gport "$i") $(sql "$i" "SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment','wsrep_cluster_size','wsrep_cluster_status','wsrep_last_committed')" 2>/dev/null | tr '\t\n' '= ')"
    else echo "  galera n$i :$(gport "$i") DOWN"; fi
  done
  for n in c1 c2 portal kz ru; do
    printf '  %-7s :%s %s\n' "$n" "${PORT[$n]}" "$(curl -fs "http://127.0.0.1:${PORT[$n]}/actuator/health/readiness" 2>/dev/null || echo DOWN)"
  done
  if alive haproxy; then
    echo "  haproxy :$LB_HTTP (SOAP http://127.0.0.1:$LB_HTTP/ws/commission, portal http://127.0.0.1:$LB_HTTP/portal/)"
    curl -fs "http://127.0.0.1:$LB_STATS/;csv" 2>/dev/null | awk -F, 'NR>1 && $2!="FRONTEND" && $2!="BACKEND" {printf "    %s/%s %s\n",$1,$2,$18}'
  else echo "  haproxy DOWN"; fi
  for i in 1 2 3; do
    if alive "g$i"; then
      local nopk
      nopk=$(sql "$i" "SELECT GROUP_CONCAT(t.table_name) FROM information_schema.tables t WHERE t.table_schema='$DBNAME'
        AND t.table_type='BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c WHERE
        c.table_schema=t.table_schema AND c.table_name=t.table_name AND c.constraint_type='PRIMARY KEY')" 2>/dev/null)
      [ "$nopk" = NULL ] && nopk=none
      echo "  tables without primary key: ${nopk:-none}"
      break
    fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) [[ "$2" == g[123] || "$2" == haproxy || -n "${PORT[$2]:-}" ]] || { echo "unknown node $2" >&2; exit 2; }
        stop_pid "$2" KILL; log "$2 killed (SIGKILL)" ;;
  start) n=$2
         case $n in
           g[123]) galera_start "${n#g}"; galera_wait "${n#g}" ;;
           haproxy) haproxy_up ;;
           *) node_start "$n"; node_wait "$n" ;;
         esac
         log "$n started" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
