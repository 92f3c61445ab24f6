#!/usr/bin/env bash
# The fault-injection suite of issue #12 (docs/reliability.md) in its long form: more SIGKILLs of a node under
# include load, the database killed under load, and a 10-minute soak with heap and RSS sampled into
# server/target/soak.csv. The test command (scripts/test.sh) runs the same tests in a bounded form.
#   scripts/reliability.sh [kills (default 10)] [soak duration (default PT10M)]
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS="${1:-10}"
SOAK="${2:-PT10M}"
mvn -B -ntp -o -q -pl server -am test -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='NodeSigkillTest,DatabaseOutageTest,SoakTest' -Dsurefire.excludedGroups=benchmark \
  -Dpmm03.reliability.kills="$KILLS" -Dpmm03.soak.duration="$SOAK"
cat server/target/reliability-*.txt
echo "memory samples: server/target/soak.csv"
