#!/usr/bin/env bash
# Runs the whole test suite. On first use it installs what the tests need: on Debian/Ubuntu as
# root the system packages (speech, virtual screen, sound server, screen-reader bus), then a
# virtual environment in .venv with the app and its test dependencies.
# Extra arguments go to pytest, e.g. ./test.sh -k loader
set -euo pipefail
cd "$(dirname "$0")"

DEBIAN_PACKAGES="espeak-ng xvfb pulseaudio pulseaudio-utils at-spi2-core python3-pyatspi
dbus-x11 libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
libxcb-render-util0 libxcb-image0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu
imagemagick xdotool wmctrl x11-utils openbox poppler-utils libwayland-cursor0 libwayland-egl1
binutils patchelf desktop-file-utils appstream lintian shellcheck epubcheck chromium"

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    missing=$(for p in $DEBIAN_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
    if [ -n "$missing" ]; then
        echo "Installing Debian packages: $(echo $missing)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
            >/dev/null
    fi
    if ! command -v npm >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm \
            >/dev/null
    fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,build]"
    touch "$stamp"
fi
# Ace by DAISY checks the talking book's accessibility (tests/test_epub_ace.py). It runs with
# Debian's chromium, so puppeteer's own browser is not downloaded. Installed once, in .venv/ace.
if [ ! -e .venv/ace/bin/ace ] && [ ! -e .venv/ace/bin/ace-cli ] && command -v npm >/dev/null 2>&1; then
    PUPPETEER_SKIP_DOWNLOAD=1 npm install -g --silent --prefix .venv/ace @daisy/ace-cli \
        >/dev/null 2>&1 || echo "Ace by DAISY could not be installed; its test is skipped."
fi
if [ -x /usr/bin/chromium ]; then
    export PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}
fi
.venv/bin/python i18n/catalogs.py compile >/dev/null
exec .venv/bin/python -m pytest "$@"
