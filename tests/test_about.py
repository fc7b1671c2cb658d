"""The app's icon on its windows, and the About view opened from the Help page."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QUrl
from PySide6.QtWidgets import QApplication

from desktop_app import __version__, i18n, paths
from desktop_app.app import build
from desktop_app.core.loader import load
from desktop_app.ui.about_view import ABOUT_LINK, content_date


def options(content: Path) -> argparse.Namespace:
    return argparse.Namespace(lang="en", level=None, theme=None, text_scale=None, page=None,
                              kiosk=False, content_dir=str(content), smoke=False)


@pytest.fixture
def window(qtbot, good_content):
    _app, win, _store = build(options(good_content))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    i18n.set_language("da")


def test_every_window_gets_the_app_icon(window):
    icon = QApplication.windowIcon()
    sizes = {size.width() for size in icon.availableSizes()}
    # up to 48 px with the window; 128-512 px after the first paint (tests/test_startup.py)
    assert {16, 24, 32, 48} <= sizes
    assert not window.windowIcon().isNull()
    assert window.windowIcon().pixmap(QSize(32, 32)).toImage().pixelColor(16, 16).alpha() > 0


def test_content_date_is_the_newest_source_date(good_content):
    library = load(good_content, paths.pictogram_names())
    dates = [ref.date for page in library.pages.values() for ref in page.sources]
    dates += [doc.date for doc in library.sources.values()]
    assert content_date(library) == max(dates) != ""


def test_about_view_is_reached_from_the_help_page(window, qtbot):
    window.state.go(("help", ""))
    assert ABOUT_LINK in window.help.toHtml()
    window.help.anchorClicked.emit(QUrl(ABOUT_LINK))
    about = window.about_view
    qtbot.waitUntil(about.isVisible)
    text = about.text.toPlainText()
    assert "Program version" in text and __version__ in text
    assert content_date(window.state.library) in text
    for licence in ("OFL-1.1", "LGPL-3.0-only", "MPL-2.0", "EUPL-1.2"):
        assert licence in text
    if sys.platform.startswith("linux"):
        assert "eSpeak NG" in text and "GPL-3.0-or-later" in text
    import PySide6
    assert PySide6.__version__ in text
    about.close_button.click()
    assert not about.isVisible()


def test_about_view_speaks_the_interface_language(window, qtbot):
    window.state.change(lang="da")
    window.state.go(("help", ""))
    window.help.anchorClicked.emit(QUrl(ABOUT_LINK))
    about = window.about_view
    assert about.windowTitle() == "Om programmet"
    assert "Programversion" in about.text.toPlainText()
    assert about.close_button.text() == "Luk"
