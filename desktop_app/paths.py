"""The one place that finds content/, i18n/ and resources/, from source or a frozen bundle."""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def root() -> Path:
    """The folder that holds content/, i18n/ and resources/."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    return root() / "content"


def i18n_dir() -> Path:
    return root() / "i18n"


def resources_dir() -> Path:
    return root() / "resources"


def pictogram(name: str) -> Path:
    return resources_dir() / "pictograms" / f"{name}.svg"


def icon(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


def pictogram_names() -> set[str]:
    """The names of the pictograms a page's ``icon`` may use."""
    folder = resources_dir() / "pictograms"
    return {p.stem for p in folder.glob("*.svg")} if folder.is_dir() else set()
