"""Logging to a size-bounded rotating file in the user's log folder, which staff can find."""
from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop_app import APP_ID


def log_dir() -> Path:
    override = os.environ.get("DESKTOP_APP_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir
    return Path(user_log_dir(APP_ID, appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path | None:
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return None
    root.setLevel(level)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(folder / "app.log", maxBytes=1_000_000, backupCount=3,
                                      encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return folder / "app.log"
