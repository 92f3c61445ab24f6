#!/usr/bin/env bash
# Builds a release of pmm03: every module at VERSION (no -SNAPSHOT anywhere), installed into a local Maven
# repository, then checks what was installed (D-200). Usage:
#   scripts/release.sh 0.2.0                       # tests run, installs into ~/.m2/repository
#   scripts/release.sh 0.2.0 --skip-tests --local-repo target/release-m2 [-o]   # e.g. to try it on a shared machine
# Deploying is the same build with `deploy` and a <distributionManagement> of your repository; the poms it
# uploads are the flattened ones (versions written out), as installed here.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/release.sh VERSION [--skip-tests] [--local-repo DIR] [-o]" >&2; exit 2; }
[ $# -ge 1 ] || usage
VERSION=$1; shift
[[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "release version must be X.Y.Z (no -SNAPSHOT, no qualifier): $VERSION" >&2; exit 2; }
REPO=$HOME/.m2/repository
ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --skip-tests) ARGS+=(-DskipTests) ;;
    --local-repo) [ $# -ge 2 ] || usage; REPO=$(realpath -m "$2"); shift ;;
    -o|--offline) ARGS+=(-o) ;;
    *) usage ;;
  esac
  shift
done

case $REPO/ in "$PWD"/target/*) echo "--local-repo may not lie under target/: the release build cleans it" >&2; exit 2 ;; esac

echo "== building pmm03 $VERSION (installing into $REPO)"
# the maven-enforcer rule of the root pom refuses a SNAPSHOT dependency or parent of a release
mvn -B -ntp "${ARGS[@]}" -Drevision="$VERSION" -Dmaven.repo.local="$REPO" clean install

echo "== checking the installed artifacts"
fail=0
# the root and every <module> of it, by their artifactIds; in each installed pom no element (comments aside) names a
# SNAPSHOT or an unresolved ${revision}
python3 - "$REPO" "$VERSION" <<'PY' || fail=1
import sys, xml.etree.ElementTree as ET
repo, version = sys.argv[1], sys.argv[2]
ns = {'m': 'http://maven.apache.org/POM/4.0.0'}
root = ET.parse('pom.xml').getroot()
ids = [root.find('m:artifactId', ns).text] + [ET.parse(m.text + '/pom.xml').getroot().find('m:artifactId', ns).text
                                             for m in root.findall('m:modules/m:module', ns)]
bad = 0
for a in ids:
    pom = f'{repo}/eaeu/pmm03/{a}/{version}/{a}-{version}.pom'
    try:
        tree = ET.parse(pom)  # the parser drops comments
    except OSError:
        print('missing:', pom); bad = 1; continue
    for e in tree.iter():
        if e.text and ('SNAPSHOT' in e.text or '${revision}' in e.text):
            print(f'{pom}: <{e.tag.split("}")[1]}>{e.text.strip()}'); bad = 1
print(len(ids), 'modules:', ' '.join(ids))
sys.exit(bad)
PY
[ $fail = 0 ] || { echo "release $VERSION: NOT clean" >&2; exit 1; }
echo "release $VERSION: every module installed, no SNAPSHOT and no \${revision} in their poms"
