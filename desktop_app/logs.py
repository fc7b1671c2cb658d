"""Logging to a size-bounded rotating file in the user's log folder, which staff can find.

A citizen is told in plain words what a problem means for them and what to do; the technical
detail goes to the log, and the last few problems are kept in memory for the kiosk's staff
screen (``recent_problems``).
"""
from __future__ import annotations

import collections
import logging
import os
from pathlib import Path


MAX_BYTES = 1_000_000
BACKUPS = 3
RECENT = 5


class RecentProblems(logging.Handler):
    """Keeps the last ``RECENT`` warnings and errors (time and message) for the staff screen."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: collections.deque[str] = collections.deque(maxlen=RECENT)
        self.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.append(self.format(record).splitlines()[0])
        except Exception:  # noqa: BLE001 - logging must never break the app
            self.handleError(record)


_recent = RecentProblems()


def recent_problems() -> list[str]:
    """The last few problems logged in this run, newest last (technical, for staff)."""
    return list(_recent.records)


class AppLogHandler(logging.FileHandler):
    """Appends to app.log; a log that reaches ``MAX_BYTES`` (at start or while a kiosk runs
    for days) becomes app.log.1, and so on, ``BACKUPS`` kept. The same as logging.handlers'
    RotatingFileHandler, without importing that module (and the socket, pickle and queue
    modules it brings) at start-up."""

    def __init__(self, path: Path):
        self.path = Path(path)
        _rotate(self.path)
        super().__init__(self.path, encoding="utf-8")

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= MAX_BYTES:
                self.stream.close()
                self.stream = None
                _rotate(self.path)
                self.stream = self._open()
        except OSError:
            pass
        super().emit(record)


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size < MAX_BYTES:
            return
    except OSError:
        return
    for n in range(BACKUPS - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


def log_dir() -> Path:
    override = os.environ.get("DESKTOP_APP_LOG_DIR")
    if override:
        return Path(override)
    from desktop_app.core.user_dirs import log_dir as user_log_dir
    return user_log_dir()


def setup_logging(level: int = logging.INFO) -> Path | None:
    root = logging.getLogger()
    if _recent not in root.handlers:
        root.addHandler(_recent)
    if any(isinstance(h, AppLogHandler) for h in root.handlers):
        return None
    root.setLevel(level)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = AppLogHandler(folder / "app.log")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return folder / "app.log"
