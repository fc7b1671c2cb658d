"""About the app: its version, the date of its content, and the licences of what it ships
(the font, the voices, the libraries). Opened from the Help page."""
from __future__ import annotations

import html
import re
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QTextBrowser, QVBoxLayout

from desktop_app import __version__
from desktop_app.core.model import Library
from desktop_app.i18n import _

ABOUT_LINK = "about:app"
APP_LICENCE = "EUPL-1.2"
# (name, distribution for its version, module for its version when frozen, licence)
LIBRARIES = (
    ("Python", "", "", "PSF-2.0"),
    ("Qt / PySide6", "PySide6-Essentials", "PySide6", "LGPL-3.0-only"),
    ("pyttsx3", "pyttsx3", "pyttsx3", "MPL-2.0"),
    ("Python-Markdown", "markdown", "markdown", "BSD-3-Clause"),
    ("Babel", "babel", "babel", "BSD-3-Clause"),
    ("platformdirs", "platformdirs", "platformdirs", "MIT"),
    ("segno", "segno", "segno", "BSD-3-Clause"),
    ("snowballstemmer", "snowballstemmer", "snowballstemmer", "BSD-3-Clause"),
)
FONT = ("Atkinson Hyperlegible", "OFL-1.1")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def content_date(library: Library) -> str:
    """The newest date among the pages' sources (ISO, e.g. 2025-03-01), or ""."""
    dates = [ref.date for page in library.pages.values() for ref in page.sources]
    dates += [doc.date for doc in library.sources.values()]
    dates = [d for d in dates if isinstance(d, str) and _DATE.match(d)]
    return max(dates, default="")


def library_version(distribution: str, module: str) -> str:
    if not distribution:
        import platform   # (its import compiles regular expressions: not at start-up)
        return platform.python_version()
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(distribution)
    except PackageNotFoundError:   # a frozen bundle keeps no metadata for most packages
        pass
    try:
        return str(getattr(__import__(module), "__version__", ""))
    except ImportError:
        return ""


def voices_line() -> tuple[str, str]:
    """(what speaks, its licence) on this system."""
    if sys.platform == "win32":
        return _("The voices of Windows"), _("Part of Windows")
    if sys.platform == "darwin":
        return _("The voices of macOS"), _("Part of macOS")
    return "eSpeak NG", "GPL-3.0-or-later"


def about_html(library: Library) -> str:
    esc = html.escape
    date = content_date(library)
    rows = [(_("Program version"), __version__),
            (_("Content dated"), date or _("Not known")),
            (_("Pages"), str(len(library.page_ids())))]
    facts = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in rows)
    voice, voice_licence = voices_line()
    parts = [(FONT[0], "", FONT[1]), (voice, "", voice_licence)]
    parts += [(name, library_version(dist, module), licence)
              for name, dist, module, licence in LIBRARIES]
    listed = "".join(f"<li>{esc(name)}{' ' + esc(ver) if ver else ''}: {esc(licence)}</li>"
                     for name, ver, licence in parts)
    title, name = _("About this program"), _("Disability policy in Ballerup")
    made = _("Made for Ballerup Kommune. Licence: %s.") % APP_LICENCE
    shipped = _("What the program contains, and under which licence")
    return (f"<h1>{esc(title)}</h1><p>{esc(name)}. {esc(made)}</p>"
            f"<table cellpadding='6'>{facts}</table>"
            f"<h2>{esc(shipped)}</h2><ul>{listed}</ul>")


class AboutView(QDialog):
    """A window with ``about_html`` and a Close button."""

    def __init__(self, window, library: Library):
        super().__init__(window)
        self.setObjectName("aboutView")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.close_button)
        self.library = library
        self.retranslate()
        self.resize(720, 640)

    def retranslate(self) -> None:
        self.text.setHtml(about_html(self.library))
        self.text.setAccessibleName(_("About this program"))
        self.setWindowTitle(_("About this program"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))

    def open_view(self) -> None:
        """Show (or raise) it, in the language chosen now."""
        self.retranslate()
        self.show()
        self.raise_()
        self.activateWindow()
