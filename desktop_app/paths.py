"""The one place that finds content/, i18n/ and resources/: in a frozen bundle, in an installed
package, or in a source checkout.

- Frozen (PyInstaller): the bundle's folder (``sys._MEIPASS``).
- Installed from a wheel (``pip install .``): the package's ``data/`` folder, found with
  ``importlib.resources``; setup.py copies the top-level folders there when it builds.
- A checkout (or an editable install): the folder above ``desktop_app/``.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

DATA_FOLDERS = ("content", "i18n", "resources")
PACKAGE_DATA = "data"   # desktop_app/data/ in a wheel


def _installed_data() -> Path | None:
    """desktop_app/data/ of an installed package, if it has the data folders."""
    package = Path(__file__).resolve().parent
    if (package / "__init__.py").is_file():
        # A package in a folder: the same answer importlib.resources gives, without
        # importing it (and its readers) at every start.
        folder = package / PACKAGE_DATA
    else:
        from importlib import resources
        try:
            folder = resources.files("desktop_app") / PACKAGE_DATA
        except (ModuleNotFoundError, TypeError):
            return None
    if not isinstance(folder, Path):     # only a real folder: Qt and gettext need file paths
        folder = Path(str(folder))
    if all((folder / name).is_dir() for name in DATA_FOLDERS):
        return folder
    return None


@lru_cache(maxsize=1)
def root() -> Path:
    """The folder that holds content/, i18n/ and resources/."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return _installed_data() or Path(__file__).resolve().parent.parent


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


def app_icon_dir() -> Path:
    """The app's own icon: app.svg and PNG/ICO/ICNS renderings (resources/icons/app/)."""
    return resources_dir() / "icons" / "app"


def pictogram_names() -> set[str]:
    """The names of the pictograms a page's ``icon`` may use."""
    folder = resources_dir() / "pictograms"
    return {p.stem for p in folder.glob("*.svg")} if folder.is_dir() else set()
