#!/usr/bin/env bash
# Builds the macOS disk image from the PyInstaller app bundle:
#
#   pyinstaller --noconfirm build.spec        (makes "dist/Handicappolitik Ballerup.app")
#   packaging/macos/make-dmg.sh [APP]
#
# The image, dist/ballerup-handicap-VERSION.dmg, holds the app and a link to /Applications to
# drag it onto. The app is signed ad hoc only (no Apple Developer ID): on first start macOS asks
# the user to allow it (right-click > Open). Built and run by .github/workflows/release.yml.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP=${1:-$ROOT/dist/Handicappolitik Ballerup.app}
NAME="Handicappolitik Ballerup"
if [ ! -x "$APP/Contents/MacOS/ballerup-handicap" ]; then
    echo "make-dmg.sh: $APP is not the app bundle (run pyinstaller build.spec first)" >&2
    exit 1
fi
VERSION=$("$APP/Contents/MacOS/ballerup-handicap" --version)
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
codesign --force --deep --sign - "$STAGE/$NAME.app"
DMG=$ROOT/dist/ballerup-handicap-$VERSION.dmg
rm -f "$DMG"
hdiutil create -volname "$NAME" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG" >/dev/null
echo "$DMG"
