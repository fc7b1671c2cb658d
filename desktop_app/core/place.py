"""Where the reader left the window: its size and place on the screen, kept apart from the
preferences (``settings.json``) in ``window.json`` next to them. Qt-free: the geometry is the
bytes Qt's ``saveGeometry`` gives, stored as base64."""
from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path


class PlaceStore:
    def __init__(self, folder: Path):
        self.path = folder / "window.json"

    def load_geometry(self) -> bytes:
        """The saved geometry, or b"" (first start, or a file that cannot be read)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return base64.b64decode(data["geometry"], validate=True)
        except (OSError, ValueError, KeyError, TypeError, binascii.Error):
            return b""

    def save_geometry(self, geometry: bytes) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"geometry": base64.b64encode(geometry).decode("ascii")})
            self.path.write_text(text, encoding="utf-8")
            return True
        except OSError:
            return False
