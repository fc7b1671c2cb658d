#!/usr/bin/env bash
# Starts the app. On first use it creates a virtual environment in .venv and installs the app's
# libraries into it (a minute or two; it says so and shows its progress; pip's full output goes
# to .venv/install.log). The app then runs from this folder, so edits take effect at once.
# Arguments go to the app, e.g. ./run.sh --lang en --level easy --text-scale 200
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
stamp=.venv/.installed-app-$(sha1sum < pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
    echo "First start: installing the app's libraries into .venv (once; a minute or two)..."
    [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
    log=.venv/install.log
    : > "$log"
    # One status line, rewritten as pip goes: each package it fetches, then the install.
    # A non-editable install: setuptools prints nothing to the terminal (pip keeps its build
    # output), and python -m desktop_app below still runs the checkout's own code.
    if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
           .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off .
         } 2>&1 | tee -a "$log" | awk '
            /^Collecting / { n++; printf "\r\033[K  %d: %s", n, $2; fflush() }
            /^Installing collected packages/ { printf "\r\033[K  installing..."
                                               fflush() }
            END { printf "\r\033[K" }'; then
        echo "The installation failed; the last lines of $log:" >&2
        tail -n 15 "$log" >&2
        exit 1
    fi
    touch "$stamp"
    echo "  done."
fi
exec .venv/bin/python -m desktop_app "$@"
