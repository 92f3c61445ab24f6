#!/usr/bin/env bash
# Builds pmm03 (once) and starts a node: by default the Commission on the embedded MariaDB (data in ./data),
# SOAP at http://localhost:8080/ws/commission (WSDL: ?wsdl). Extra arguments go to the application, e.g.
#   scripts/run.sh --server.port=9090 --pmm03.roles=commission,authority
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=server/target/pmm03-server-$(sed -n 's/^-Drevision=//p' .mvn/maven.config)-exec.jar   # the development version (D-200)
if [ ! -f "$JAR" ] || [ -n "$(find server/src wsdl/src security/src -newer "$JAR" -type f -print -quit 2>/dev/null)" ]; then
  mvn -B -q -ntp -pl server -am install -DskipTests
fi
exec java -jar "$JAR" "$@"
