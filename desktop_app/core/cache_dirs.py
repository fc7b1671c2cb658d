"""Where the app keeps synthesised speech (no Qt, no speech engine): the folder outside kiosk
mode, the kiosk's own folder (emptied at start and at every reset by the speech side,
``speech/cache.py``), and the private temporary folders used when those cannot be written.
``DESKTOP_APP_CACHE_DIR`` moves them all (tests, benchmarks)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app import APP_ID

SPEECH = "speech"
KIOSK_SPEECH = "speech-kiosk"
ENV_CACHE_DIR = "DESKTOP_APP_CACHE_DIR"


def cache_base() -> Path:
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    from desktop_app.core.user_dirs import cache_dir
    return cache_dir()


def speech_cache_dir(name: str = SPEECH) -> Path:
    """The cache folder called ``name`` (``SPEECH`` or ``KIOSK_SPEECH``)."""
    return cache_base() / name


def fallback_dir(name: str) -> Path:
    """The private temporary folder used when the cache folder ``name`` cannot be written."""
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"{APP_ID}-{name}-{user}"
