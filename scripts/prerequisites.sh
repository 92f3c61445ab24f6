#!/usr/bin/env bash
# Installs what the tests need beyond Java and Maven, on Debian, when it is missing:
#   python3-zeep (foreign client), node-soap (npm ci in tests/interop/node), mariadb-server (external-server tests),
#   chromium + chromium-driver (the portal's browser tests; they FAIL, not skip, without them),
#   podman + buildah + runc + debootstrap (the OCI image test, scripts/image.sh test); systemd (systemd-analyze),
#   adduser and openjdk-17-jre-headless (the Debian package's test and its dependency, scripts/deb.sh test).
# As root it installs; otherwise it says what is missing and the tests that need it fail loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
/usr/bin/python3 -c 'import zeep' 2>/dev/null || need_apt+=(python3-zeep)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need_apt+=(mariadb-server)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
# the image test's tools are installed apart: a machine whose apt cannot install them still runs every other test,
# and scripts/image.sh test says SKIPPED with the reason (PMM03_IMAGE_TEST=required makes that a failure)
need_image=()
for p in podman buildah runc debootstrap; do command -v $p >/dev/null 2>&1 || [ -x /usr/sbin/$p ] || need_image+=($p); done
command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)
for p in adduser openjdk-17-jre-headless; do dpkg -s $p >/dev/null 2>&1 || need_apt+=($p); done

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "prerequisites: installing ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "prerequisites: missing Debian packages: ${need_apt[*]} (run as root or: sudo apt-get install -y ${need_apt[*]})" >&2
  fi
fi
if [ ${#need_image[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "prerequisites: installing ${need_image[*]} (the OCI image test)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_image[@]}" >/dev/null; } \
      || echo "prerequisites: WARNING: could not install ${need_image[*]}; the image test will say SKIPPED" >&2
  else
    echo "prerequisites: missing Debian packages: ${need_image[*]} (the OCI image test)" >&2
  fi
fi

if [ ! -d tests/interop/node/node_modules/soap ]; then
  echo "prerequisites: npm ci in tests/interop/node"
  (cd tests/interop/node && npm ci --no-audit --no-fund --loglevel=error)
fi
