"""Fonts the reader may choose: the OS default, Atkinson Hyperlegible (shipped with the app)
and, where the computer has them, DejaVu Sans and fonts made for dyslexia.

Atkinson's own zero is slashed and reads as Ø in Danish; the app asks for "Ballerup Zero"
(Atkinson's digits, the zero without its slash, resources/fonts) before it, so Qt takes the
digits from there and every other letter from Atkinson (``qfont``, ``render.font_families``)."""
from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from desktop_app.core.render import ATKINSON, PLAIN_ZERO, font_families, font_files  # noqa: F401
from desktop_app.i18n import N_

log = logging.getLogger(__name__)

# (family, N_ description); only the ones the font database has are offered.
OPTIONAL = [
    ("DejaVu Sans", N_("Wide letters that are easy to tell apart")),
    ("OpenDyslexic", N_("Made for readers with dyslexia")),
    ("Lexend", N_("Wide letters and spacing, made for easier reading")),
    ("Verdana", N_("Wide letters that are easy to tell apart")),
]
_loaded: list[str] | None = None


def load_fonts() -> list[str]:
    """Register the shipped fonts with Qt once; returns the families that were added.
    Needs a QGuiApplication."""
    global _loaded
    if _loaded is not None:
        return _loaded
    families: list[str] = []
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font could not be loaded: %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    _loaded = families
    return families


def qfont(family: str) -> QFont:
    """A QFont for the chosen ``family`` ('' is the computer's own font), with the plain zero
    before Atkinson Hyperlegible."""
    font = QFont(family) if family else QFont()
    if family:
        font.setFamilies(font_families(family))
    return font


def available(family: str) -> bool:
    return not family or family in QFontDatabase.families()


def choices() -> list[tuple[str, str]]:
    """(family, N_ description) for each font that can be chosen here; family '' is the
    computer's own font (shown with a translated label, the others by their names)."""
    load_fonts()
    result = [("", N_("The font your computer normally uses"))]
    if available(ATKINSON):
        result.append((ATKINSON, N_("Made for readers with low vision: letters that are hard "
                                    "to mix up")))
    result += [entry for entry in OPTIONAL if available(entry[0])]
    return result
