#!/usr/bin/env bash
# Vendors the ZXing JavaScript barcode library (npm @zxing/library, Apache-2.0), served by the node from the jar and
# used by the pack check where the browser has no BarcodeDetector (Firefox, Safari, desktop Chromium on Linux).
# The result is committed, so building and CI need no npm; rerun this (with npm) to move to another version.
set -euo pipefail
VERSION="${1:-0.23.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/server/src/main/resources/static/portal/vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "@zxing/library@$VERSION" >/dev/null && tar xzf zxing-library-"$VERSION".tgz)
mkdir -p "$DEST"
cp "$TMP/package/umd/index.min.js" "$DEST/zxing.min.js"
cp "$TMP/package/LICENSE" "$DEST/zxing.LICENSE"
echo "@zxing/library $VERSION (Apache-2.0), vendored by scripts/vendor-zxing.sh" > "$DEST/zxing.VERSION"
echo "vendored @zxing/library $VERSION into $DEST"
