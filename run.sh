#!/usr/bin/env bash
# Starts the app. On first use it creates a virtual environment in .venv and installs the app
# into it. Arguments go to the app, e.g. ./run.sh --lang en --level easy --text-scale 200
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-app-$(cat pyproject.toml | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e .
    touch "$stamp"
fi
exec .venv/bin/python -m desktop_app "$@"
