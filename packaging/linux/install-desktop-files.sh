#!/bin/sh
# Installs the desktop entry, the AppStream metainfo and the icons (hicolor theme) under
# DESTDIR/PREFIX/share. Used by packaging/debian/build-deb.sh; after 'pip install --user .'
# run it as  packaging/linux/install-desktop-files.sh "" "$HOME/.local"  to get a menu entry.
#   install-desktop-files.sh DESTDIR PREFIX
# SCREENSHOT_BASE_URL: the web folder (https://...) where the publisher puts the pictures of
# docs/gallery/ that the metainfo names; without it the metainfo is installed without
# screenshots, and the script says so.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ICONS=$HERE/../../resources/icons/app
ID=dk.ballerup.handicappolitik
DESTDIR=${1-}
PREFIX=${2:-/usr}
SHARE=$DESTDIR$PREFIX/share

install -D -m 644 "$HERE/$ID.desktop" "$SHARE/applications/$ID.desktop"
install -d "$SHARE/metainfo"
if [ -n "${SCREENSHOT_BASE_URL:-}" ]; then
    case $SCREENSHOT_BASE_URL in
        https://*) ;;
        *) echo "install-desktop-files.sh: SCREENSHOT_BASE_URL must start with https://" >&2
           exit 1 ;;
    esac
    sed "s|@SCREENSHOT_BASE_URL@|${SCREENSHOT_BASE_URL%/}|g" "$HERE/$ID.metainfo.xml" \
        > "$SHARE/metainfo/$ID.metainfo.xml"
else
    echo "install-desktop-files.sh: SCREENSHOT_BASE_URL is not set, so the AppStream" \
         "metainfo has no screenshots" >&2
    sed '/<screenshots>/,/<\/screenshots>/d' "$HERE/$ID.metainfo.xml" \
        > "$SHARE/metainfo/$ID.metainfo.xml"
fi
chmod 644 "$SHARE/metainfo/$ID.metainfo.xml"
for png in "$ICONS"/app-*.png; do
    size=$(basename "$png" .png | sed 's/^app-//')
    install -D -m 644 "$png" "$SHARE/icons/hicolor/${size}x${size}/apps/$ID.png"
done
install -D -m 644 "$ICONS/app.svg" "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
