"""What every view needs to show itself, in one object: the content, the language and level
being read, the colours, the text size, and what the kiosk policy allows."""
from __future__ import annotations

from typing import NamedTuple

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.model import Library
from desktop_app.core.themes import THEMES, Theme
from desktop_app.ui.style import control_px


class ViewContext(NamedTuple):  # (see core/model.py)
    library: Library | None
    lang: str = "da"
    level: str = "standard"
    theme: Theme = THEMES["light"]
    scale: int = 100
    policy: KioskPolicy = NOT_A_KIOSK     # what a kiosk allows
    search_index: object | None = None    # core.search.SearchIndex, built on first search

    @property
    def px(self) -> int:
        """The font size of controls in the views at this text size."""
        return control_px(self.scale)
