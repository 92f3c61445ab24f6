#!/usr/bin/env bash
# Starts Debian's mariadb-server (no systemd) in a fresh data directory on 127.0.0.1:${PMM03_EXT_DB_PORT:-3307},
# creates database/user app/app, runs the given command with PMM03_EXT_DB_URL set, and stops the server.
#   scripts/external-mariadb.sh <command...>
set -euo pipefail
PORT="${PMM03_EXT_DB_PORT:-3307}"
BASE="$(mktemp -d "${TMPDIR:-/tmp}/pmm03-mariadb.XXXXXX")"
D="$BASE/data"; R="$BASE/run"; mkdir -p "$D" "$R"
MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$D" --auth-root-authentication-method=socket \
  --skip-test-db >"$R/install.log" 2>&1
"$MARIADBD" --no-defaults --user="$(id -un)" --datadir="$D" --socket="$R/mysqld.sock" --pid-file="$R/mysqld.pid" \
  --bind-address=127.0.0.1 --port="$PORT" --skip-name-resolve --log-error="$R/error.log" &
trap 'mariadb-admin --no-defaults --socket="$R/mysqld.sock" -uroot shutdown >/dev/null 2>&1 || true; rm -rf "$BASE"' EXIT
for _ in $(seq 1 300); do
  mariadb-admin --no-defaults --socket="$R/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
  sleep 0.1
done
mariadb --no-defaults --socket="$R/mysqld.sock" -uroot -e "CREATE DATABASE app CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
 CREATE USER 'app'@'127.0.0.1' IDENTIFIED BY 'app'; GRANT ALL ON app.* TO 'app'@'127.0.0.1';"
echo "external MariaDB $(mariadb --no-defaults --socket="$R/mysqld.sock" -uroot -N -e 'SELECT VERSION()') on 127.0.0.1:$PORT"
export PMM03_EXT_DB_URL="jdbc:mariadb://127.0.0.1:$PORT/app"
"$@"
