#!/usr/bin/env bash
# Builds the macOS disk image from the PyInstaller app bundle:
#
#   pyinstaller --noconfirm build.spec        (makes "dist/Handicappolitik Ballerup.app")
#   packaging/macos/make-dmg.sh [APP]
#
# The image, dist/ballerup-handicap-VERSION-ARCH.dmg (ARCH: arm64 for Apple silicon, x86_64 for
# Intel; PyInstaller builds for the machine's own architecture), holds the app and a link to
# /Applications to drag it onto.
#
# Signing: with MACOS_SIGN_IDENTITY (a "Developer ID Application: ..." certificate in the
# keychain) the app and the image are signed with it (hardened runtime, secure timestamp);
# with APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD as well, the image is notarised by Apple
# and the ticket stapled, so it opens without a warning. Without them the app is signed ad hoc
# only, and the user allows it once (README, "Installing"). Built by .github/workflows/release.yml.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP=${1:-$ROOT/dist/Handicappolitik Ballerup.app}
NAME="Handicappolitik Ballerup"
if [ ! -x "$APP/Contents/MacOS/ballerup-handicap" ]; then
    echo "make-dmg.sh: $APP is not the app bundle (run pyinstaller build.spec first)" >&2
    exit 1
fi
VERSION=$("$APP/Contents/MacOS/ballerup-handicap" --version)
ARCH=$(uname -m)
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
IDENTITY=${MACOS_SIGN_IDENTITY:-}
if [ -n "$IDENTITY" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$IDENTITY" "$STAGE/$NAME.app"
else
    echo "make-dmg.sh: no MACOS_SIGN_IDENTITY: the app is signed ad hoc only" >&2
    codesign --force --deep --sign - "$STAGE/$NAME.app"
fi
DMG=$ROOT/dist/ballerup-handicap-$VERSION-$ARCH.dmg
rm -f "$DMG"
hdiutil create -volname "$NAME" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG" >/dev/null
if [ -n "$IDENTITY" ]; then
    codesign --force --timestamp --sign "$IDENTITY" "$DMG"
    if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
        xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
            --password "$APPLE_APP_PASSWORD" --wait
        xcrun stapler staple "$DMG"
    else
        echo "make-dmg.sh: no APPLE_ID/APPLE_TEAM_ID/APPLE_APP_PASSWORD: not notarised" >&2
    fi
fi
echo "$DMG"
