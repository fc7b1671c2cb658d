#!/usr/bin/env bash
# Builds the Debian package from the frozen (PyInstaller) bundle:
#
#   packaging/debian/build-deb.sh [BUNDLE_DIR]
#
# Without BUNDLE_DIR it first builds the bundle with build.spec into dist/ballerup-handicap/
# (needs .venv with ".[build]", see the README). The package goes to dist/ (or $OUT_DIR):
# ballerup-handicap_VERSION-1_ARCH.deb. It installs the bundle under /opt/ballerup-handicap,
# links /usr/bin/ballerup-handicap to it, and adds the desktop entry, AppStream metainfo,
# icons, a man page, the disabled kiosk (a systemd system unit for the kiosk user's X session,
# the session script and its Openbox configuration) and a kiosk.toml example.
#
# Environment: DEB_MAINTAINER ("Name <address>", required: the publisher's own contact for the
# package; nothing is assumed), SCREENSHOT_BASE_URL (optional, see
# packaging/linux/install-desktop-files.sh), PYTHON (default .venv/bin/python), OUT_DIR,
# DEB_COMPRESS (gzip, the default, or xz: smaller, slower to build).
#
# The bundle carries Python, Qt and PySide6 (from the wheels); the system libraries it links to
# and espeak-ng are the package's dependencies (Depends is worked out by dpkg-shlibdeps).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PKG=ballerup-handicap
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
OUT_DIR=${OUT_DIR:-$ROOT/dist}
MAINTAINER=${DEB_MAINTAINER:-}
if ! printf '%s' "$MAINTAINER" | grep -Eq '^[^<>]+ <[^<>@ ]+@[^<>@ ]+>$'; then
    echo "build-deb.sh: set DEB_MAINTAINER to the publisher's contact for the package," \
         "as \"Name <address>\" (e.g. a department's shared mailbox); it is not guessed" >&2
    exit 1
fi
COMPRESS=${DEB_COMPRESS:-gzip}

BUNDLE=${1:-}
if [ -z "$BUNDLE" ]; then
    (cd "$ROOT" && "$PYTHON" i18n/catalogs.py compile >/dev/null &&
        "$PYTHON" -m PyInstaller --noconfirm --log-level WARN build.spec)
    BUNDLE=$ROOT/dist/$PKG
fi
if [ ! -x "$BUNDLE/$PKG" ] || [ ! -d "$BUNDLE/_internal" ]; then
    echo "build-deb.sh: $BUNDLE is not a frozen bundle (no $PKG and _internal/ in it)" >&2
    exit 1
fi
for tool in dpkg-deb dpkg dpkg-shlibdeps strip readelf patchelf; do
    command -v "$tool" >/dev/null || { echo "build-deb.sh: $tool is needed" >&2; exit 1; }
done

VERSION=$(QT_QPA_PLATFORM=offscreen "$BUNDLE/$PKG" --version)-1
ARCH=$(dpkg --print-architecture)
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
umask 022

# -- the program ------------------------------------------------------------------------------
mkdir -p "$STAGE/opt" "$STAGE/usr/bin"
cp -a "$BUNDLE" "$STAGE/opt/$PKG"
ln -s "/opt/$PKG/$PKG" "$STAGE/usr/bin/$PKG"
"$ROOT/packaging/linux/install-desktop-files.sh" "$STAGE" /usr

# -- libraries as Debian wants them: no symbol tables, no search paths of the build machine ----
# (only files that still have a symbol table are stripped: Qt's own libraries come stripped,
# and strip can break FFmpeg's; a RUNPATH that is not $ORIGIN-relative points at the build
# machine, e.g. pyenv's lib/, and the bundle's loader path makes it unnecessary)
while IFS= read -r -d '' file; do
    sections=$(readelf -S "$file" 2>/dev/null) || continue      # not an ELF file
    case "$file" in *libav*|*libsw*|*ffmpeg*) continue ;; esac
    case "$sections" in
        *.symtab*) strip --strip-unneeded --remove-section=.comment --remove-section=.note \
                       "$file" ;;
    esac
    rpath=$(patchelf --print-rpath "$file" 2>/dev/null || true)
    if [ -n "$rpath" ]; then
        # shellcheck disable=SC2016  # a literal $ORIGIN
        kept=$(printf '%s' "$rpath" | tr ':' '\n' | grep '^\$ORIGIN' | paste -sd: || true)
        if [ "$kept" != "$rpath" ]; then
            if [ -n "$kept" ]; then patchelf --set-rpath "$kept" "$file"
            else patchelf --remove-rpath "$file"; fi
        fi
    fi
done < <(find "$STAGE/opt/$PKG/_internal" -type f -name '*.so*' -print0)   # not the launcher:
# PyInstaller's bootloader carries the app's archive and comes from PyInstaller as it is

# -- the kiosk, disabled: a system unit for the kiosk user's X session, the session (Openbox
#    with the files below, then the app), Openbox's and X's kiosk configuration, an example config
install -D -m 644 "$ROOT/packaging/linux/ballerup-handicap-kiosk.service" \
    "$STAGE/usr/lib/systemd/system/ballerup-handicap-kiosk.service"
install -D -m 755 "$ROOT/packaging/linux/kiosk-session" "$STAGE/usr/lib/$PKG/kiosk-session"
for file in openbox/rc.xml openbox/menu.xml xorg/10-kiosk.conf; do
    install -D -m 644 "$ROOT/resources/kiosk/$file" "$STAGE/usr/share/$PKG/kiosk/$file"
done
example=$ROOT/resources/kiosk/kiosk.toml.example
install -D -m 644 "$example" "$STAGE/usr/share/doc/$PKG/examples/kiosk.toml"

# -- documentation ----------------------------------------------------------------------------
DOC=$STAGE/usr/share/doc/$PKG
install -m 644 "$HERE/copyright" "$DOC/copyright"
if [ -e "$BUNDLE/_internal/libespeak-ng.so.1" ]; then     # built with BUNDLE_ESPEAK=1
    cat "$HERE/copyright-espeak-ng" >> "$DOC/copyright"
fi
install -m 644 "$ROOT/docs/KIOSK.md" "$DOC/KIOSK.md"
DATE=$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")
printf '%s (%s) stable; urgency=medium\n\n  * Release %s, built from the frozen bundle.\n\n -- %s  %s\n' \
    "$PKG" "$VERSION" "${VERSION%-1}" "$MAINTAINER" "$DATE" | gzip -9n > "$DOC/changelog.Debian.gz"
install -d "$STAGE/usr/share/man/man1"
gzip -9n < "$HERE/$PKG.1" > "$STAGE/usr/share/man/man1/$PKG.1.gz"
install -D -m 644 "$HERE/lintian-overrides" "$STAGE/usr/share/lintian/overrides/$PKG"

# -- permissions: directories 755, files 644, programs 755 ------------------------------------
find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE" -type f -exec chmod 644 {} +
chmod 755 "$STAGE/opt/$PKG/$PKG"
chmod 755 "$STAGE/usr/lib/$PKG/kiosk-session"
find "$STAGE/opt/$PKG/_internal" -type f -name 'python3*' -path '*/bin/*' -exec chmod 755 {} +

# -- control ----------------------------------------------------------------------------------
# Depends: the Debian packages of every system library the bundle's programs and libraries link
# to, with the versions their symbols need (dpkg-shlibdeps, as in any Debian package), and
# espeak-ng, which pyttsx3 loads by name (so no ELF file names it).
mkdir -p "$STAGE/DEBIAN"
INTERNAL=$STAGE/opt/$PKG/_internal
SHLIBS_WORK=$(mktemp -d)
trap 'rm -rf "$STAGE" "$SHLIBS_WORK"' EXIT
mkdir "$SHLIBS_WORK/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PKG" "$PKG" \
    > "$SHLIBS_WORK/debian/control"
elf_files=()
while IFS= read -r -d '' file; do                  # ELF programs and libraries only
    [ "$(head -c 4 "$file")" = $'\x7fELF' ] && elf_files+=("$file")
done < <(find "$STAGE/opt/$PKG" -type f \( -name '*.so*' -o -name "$PKG" \) -print0)
DEPENDS=""
if [ ${#elf_files[@]} -gt 0 ]; then
    DEPENDS=$(cd "$SHLIBS_WORK" && dpkg-shlibdeps -O --warnings=0 --ignore-missing-info \
                  -S"$STAGE" -l"$INTERNAL" -l"$INTERNAL/PySide6/Qt/lib" -l"$INTERNAL/PySide6" \
                  -l"$INTERNAL/shiboken6" "${elf_files[@]}" 2>"$SHLIBS_WORK/log" |
              sed -n 's/^shlibs:Depends=//p')
    if [ -z "$DEPENDS" ]; then
        echo "build-deb.sh: dpkg-shlibdeps failed:" >&2
        grep -v 'should already be installed' "$SHLIBS_WORK/log" | tail -n 20 >&2
        exit 1
    fi
fi
if [ ! -e "$BUNDLE/_internal/libespeak-ng.so.1" ]; then
    DEPENDS="${DEPENDS:+$DEPENDS, }libespeak-ng1, espeak-ng-data"
fi
SIZE=$(du -sk --apparent-size "$STAGE" | cut -f1)
sed -e "s|@VERSION@|$VERSION|" -e "s|@ARCH@|$ARCH|" -e "s|@SIZE@|$SIZE|" \
    -e "s|@DEPENDS@|$DEPENDS|" -e "s|@MAINTAINER@|$MAINTAINER|" "$HERE/control.in" \
    > "$STAGE/DEBIAN/control"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' | LC_ALL=C sort |
    xargs -d '\n' md5sum) > "$STAGE/DEBIAN/md5sums"
chmod 644 "$STAGE/DEBIAN/control" "$STAGE/DEBIAN/md5sums"

mkdir -p "$OUT_DIR"
DEB=$OUT_DIR/${PKG}_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Z"$COMPRESS" --build "$STAGE" "$DEB" >/dev/null
echo "$DEB"
