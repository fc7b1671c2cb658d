"""Where the reader left off, kept apart from the preferences (``settings.json``): the page
being read and how far down it, and the window's size and place on the screen, in
``window.json`` next to the preferences, and the folder last saved in. Saved when the window
closes (the folder when a file is saved). Qt-free: the geometry
is the bytes Qt's ``saveGeometry`` gives, stored as base64."""
from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import NamedTuple

from desktop_app.core.files import read_json, write_json


class ReadingPlace(NamedTuple):
    page: str = ""        # a page id, or "" (the home screen)
    position: int = 0     # how far down the page, in thousandths


class PlaceStore:
    def __init__(self, folder: Path):
        self.path = folder / "window.json"

    def _read(self) -> dict:
        try:
            data = read_json(self.path)
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, **values) -> bool:
        data = self._read()
        data.update(values)
        try:
            write_json(self.path, data)
            return True
        except OSError:
            return False

    def load_geometry(self) -> bytes:
        """The saved geometry, or b"" (first start, or a file that cannot be read)."""
        try:
            return base64.b64decode(self._read()["geometry"], validate=True)
        except (KeyError, TypeError, ValueError, binascii.Error):
            return b""

    def save_geometry(self, geometry: bytes) -> bool:
        return self._write(geometry=base64.b64encode(geometry).decode("ascii"))

    def load_place(self) -> ReadingPlace:
        data = self._read()
        page, position = data.get("page", ""), data.get("position", 0)
        if not isinstance(page, str) or not isinstance(position, int) \
                or not 0 <= position <= 1000:
            return ReadingPlace()
        return ReadingPlace(page, position)

    def save_place(self, place: ReadingPlace) -> bool:
        return self._write(page=place.page, position=place.position)

    def load_folder(self) -> str:
        """The folder the person last saved in ("" if none was remembered)."""
        folder = self._read().get("save_folder", "")
        return folder if isinstance(folder, str) else ""

    def save_folder(self, folder: str) -> bool:
        return self._write(save_folder=folder)
