#!/usr/bin/env bash
# Generates a TEST-ONLY PKI for pmm03 (docs/security.md): a test CA, PKCS#12 keystores for the Commission (EEC) and
# the five authorities (AM-MOH, BY-MOH, KZ-MOH, KG-MOH, RU-RZN), an expired and an untrusted certificate, and a TLS
# certificate for localhost. Pure JDK + BouncyCastle, no openssl. All with the password pmm03-test-only.
#   usage: scripts/test-pki.sh [out-dir]        (default: pki/, which git ignores)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-pki}"
mvn -B -q ${MVN_ARGS:-} -pl wsdl,security -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
java -cp "security/target/classes:$(cat security/target/classpath.txt)" eaeu.pmm03.security.pki.TestPki --out "$OUT"
