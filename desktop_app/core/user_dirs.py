"""Where the app keeps this user's files: settings, cache and logs (one place for the rule).

On Linux the XDG base directory rules are read here (``$XDG_CONFIG_HOME``, ``$XDG_CACHE_HOME``
and ``$XDG_STATE_HOME`` when they are absolute paths, else ``~/.config``, ``~/.cache`` and
``~/.local/state``): the folders platformdirs gives, without loading it (~2 ms) before the
window shows. Elsewhere (Windows, macOS) platformdirs decides."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop_app import APP_ID


def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / default


def config_dir() -> Path:
    if sys.platform == "linux":
        return _xdg("XDG_CONFIG_HOME", ".config") / APP_ID
    from platformdirs import user_config_dir
    return Path(user_config_dir(APP_ID, appauthor=False))


def cache_dir() -> Path:
    if sys.platform == "linux":
        return _xdg("XDG_CACHE_HOME", ".cache") / APP_ID
    from platformdirs import user_cache_dir
    return Path(user_cache_dir(APP_ID, appauthor=False))


def log_dir() -> Path:
    if sys.platform == "linux":
        return _xdg("XDG_STATE_HOME", ".local/state") / APP_ID / "log"
    from platformdirs import user_log_dir
    return Path(user_log_dir(APP_ID, appauthor=False))
