#!/bin/sh
# Installs the desktop entry, the AppStream metainfo and the icons (hicolor theme) under
# DESTDIR/PREFIX/share. Used by packaging/debian/build-deb.sh; after 'pip install --user .'
# run it as  packaging/linux/install-desktop-files.sh "" "$HOME/.local"  to get a menu entry.
#   install-desktop-files.sh DESTDIR PREFIX
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ICONS=$HERE/../../resources/icons/app
ID=dk.ballerup.handicappolitik
DESTDIR=${1-}
PREFIX=${2:-/usr}
SHARE=$DESTDIR$PREFIX/share

install -D -m 644 "$HERE/$ID.desktop" "$SHARE/applications/$ID.desktop"
install -D -m 644 "$HERE/$ID.metainfo.xml" "$SHARE/metainfo/$ID.metainfo.xml"
for png in "$ICONS"/app-*.png; do
    size=$(basename "$png" .png | sed 's/^app-//')
    install -D -m 644 "$png" "$SHARE/icons/hicolor/${size}x${size}/apps/$ID.png"
done
install -D -m 644 "$ICONS/app.svg" "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
