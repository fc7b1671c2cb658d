"""'Saved pages': the pages a reader has saved, as a JSON list in the config folder (no Qt).

``bookmarks.json`` holds the page ids in the order they were added. The file is read the first
time it is needed (so a kiosk, which never asks, never touches it) and written after every
change. A missing file is an empty list; a corrupt one gives an empty list, is kept aside as
``bookmarks.json.broken`` and sets ``notice``, like ``SettingsStore``.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from desktop_app.core.files import read_json, write_json

log = logging.getLogger(__name__)

FILE_NAME = "bookmarks.json"
MAX_BOOKMARKS = 500
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class BookmarkStore:
    """The saved page ids. ``notice`` says what went wrong on loading or saving, if anything
    (``path: error``, for the log; the interface shows its own sentence)."""

    def __init__(self, folder: Path | None = None):
        self._folder = folder
        self._ids: list[str] | None = None
        self.notice = ""
        self.broken = False        # the file was corrupt and was kept aside

    @property
    def path(self) -> Path:
        if self._folder is None:
            from desktop_app.core.settings import config_dir
            self._folder = config_dir()
        return self._folder / FILE_NAME

    @property
    def loaded(self) -> bool:
        return self._ids is not None

    # -- reading and writing --------------------------------------------------------------
    def load(self) -> list[str]:
        """Read the file (again); the ids in the order added."""
        self.notice = ""
        self.broken = False
        self._ids = []
        path = self.path
        if not path.exists():
            return []
        try:
            data = read_json(path)
            if isinstance(data, dict):   # tolerate {"pages": [...]}
                data = data.get("pages")
            if not isinstance(data, list) or not all(isinstance(i, str) and _ID.match(i)
                                                     for i in data):
                raise ValueError("not a list of page ids")
            for page_id in data:
                if page_id not in self._ids:
                    self._ids.append(page_id)
            del self._ids[MAX_BOOKMARKS:]
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            self.notice = f"{path}: {exc}"
            self.broken = True
            log.warning("saved pages could not be read (%s); the file is kept as %s.broken",
                        self.notice, FILE_NAME)
            try:
                path.replace(path.with_name(FILE_NAME + ".broken"))
            except OSError:
                pass
            self._ids = []
        return list(self._ids)

    def save(self) -> bool:
        path = self.path
        try:
            write_json(path, self._list(), indent=2)
            return True
        except OSError as exc:
            self.notice = f"{path}: {exc}"
            log.warning("saved pages could not be saved: %s", self.notice)
            return False

    def _list(self) -> list[str]:
        if self._ids is None:
            self.load()
        return self._ids  # type: ignore[return-value]

    # -- the list ---------------------------------------------------------------------------
    def list(self) -> list[str]:
        """The saved page ids, oldest first."""
        return list(self._list())

    def contains(self, page_id: str) -> bool:
        return page_id in self._list()

    __contains__ = contains

    def __len__(self) -> int:
        return len(self._list())

    def add(self, page_id: str) -> bool:
        """Save ``page_id`` at the end; False if it was there already or is not a page id."""
        ids = self._list()
        if page_id in ids or not _ID.match(page_id or "") or len(ids) >= MAX_BOOKMARKS:
            return False
        ids.append(page_id)
        self.save()
        return True

    def remove(self, page_id: str) -> bool:
        ids = self._list()
        if page_id not in ids:
            return False
        ids.remove(page_id)
        self.save()
        return True

    def toggle(self, page_id: str) -> bool:
        """Add or remove ``page_id``; returns whether it is saved now."""
        if self.contains(page_id):
            self.remove(page_id)
            return False
        return self.add(page_id)

    def clear(self) -> None:
        self._list().clear()
        self.save()
