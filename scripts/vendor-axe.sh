#!/usr/bin/env bash
# Vendors axe-core (the accessibility engine PortalBrowserTest runs inside Chromium) as a test resource.
# The result is committed, so CI needs no npm; rerun this (with npm) to move to another version.
set -euo pipefail
VERSION="${1:-4.14.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/server/src/test/resources/axe"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "axe-core@$VERSION" >/dev/null && tar xzf "axe-core-$VERSION.tgz")
mkdir -p "$DEST"
cp "$TMP/package/axe.min.js" "$DEST/axe.min.js"
cp "$TMP/package/LICENSE" "$DEST/LICENSE"
echo "axe-core $VERSION (npm package axe-core, MPL-2.0), vendored by scripts/vendor-axe.sh" > "$DEST/VERSION"
echo "vendored axe-core $VERSION into $DEST"
