"""Keyboard: the whole tab chain of each screen, in screen order, with no trap."""
from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QWidget

from desktop_app.app import build


def tab_chain(qtbot, window, start: QWidget) -> list[QWidget]:
    """Tab from ``start`` until focus is back at it; fails on a focus trap."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    chain = [start]
    for _ in range(300):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        current = QApplication.focusWidget()
        if current is start:
            return chain
        if current is chain[-1]:
            continue  # Tab moves between the links inside the page text, then leaves it
        assert current not in chain, f"focus trap at {current}"
        chain.append(current)
    raise AssertionError("Tab never came back to the start")


def interactive(window) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget)
            if isinstance(w, (QAbstractButton, QComboBox)) and w.isVisibleTo(window)
            and w.isEnabled()]


def position(window, widget):
    point = widget.mapTo(window, QPoint(0, 0))
    return point.y(), point.x()


def open_screen(qtbot, content, screen: str):
    """The real main window, shown at 1280x800, on one of its screens."""
    args = argparse.Namespace(lang=None, level=None, theme=None, text_scale=None, page=None,
                              kiosk=False, content_dir=str(content), smoke=False)
    _app, window, _ = build(args)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    {"home": window.go_home, "topic": lambda: window.open_topic("areas"),
     "page": lambda: window.open_page("housing"), "help": window.show_help,
     "search": window.show_search, "settings": lambda: window._show(("settings", "")),
     "handout": lambda: window._show(("handout", "")),
     "bookmarks": lambda: window._show(("bookmarks", ""))}[screen]()
    return window


@pytest.mark.parametrize("screen", ["home", "topic", "page", "help"])
def test_tab_chain_reaches_everything_in_screen_order(qtbot, good_content, screen):
    window = open_screen(qtbot, good_content, screen)
    chain = tab_chain(qtbot, window, window.home_button)
    missing = [w.accessibleName() or w.text() for w in interactive(window) if w not in chain]
    assert missing == []
    # Screen order: the top bar row by row, then the view below it.
    bar = [w for w in chain if window.bar.isAncestorOf(w)]
    assert chain[:len(bar)] == bar
    rows = [position(window, w) for w in bar]
    assert rows == sorted(rows, key=lambda p: (p[0] // 20, p[1]))
    rest = [position(window, w) for w in chain[len(bar):]]
    bar_bottom = window.bar.mapTo(window, QPoint(0, window.bar.height())).y()
    assert all(y >= bar_bottom - 1 for y, _x in rest)


@pytest.mark.parametrize("screen", ["home", "topic", "page", "help", "search", "settings",
                                    "handout", "bookmarks"])
def test_every_interactive_element_is_at_least_44_px(qtbot, good_content, screen):
    from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QLineEdit
    window = open_screen(qtbot, good_content, screen)
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSlider, QAbstractSpinBox)
    small = [(w.accessibleName() or w.objectName() or type(w).__name__, w.width(), w.height())
             for w in window.findChildren(QWidget)
             if isinstance(w, kinds) and w.isVisibleTo(window) and w.isEnabled()
             and not isinstance(w.parentWidget(), QAbstractSlider)
             and (w.width() < 44 or w.height() < 44)]
    assert small == []
