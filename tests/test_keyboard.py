"""Keyboard: the whole tab chain of each screen, in screen order, with no trap."""
from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QWidget

from desktop_app.app import build
from tests.test_kiosk import make_kiosk  # noqa: F401 - the fixture
from tests.test_speech_ui import player, window  # noqa: F401 - the fixtures (real speech)


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
    qtbot.waitUntil(window.isActiveWindow)   # keys reach the window's shortcuts
    {"home": window.state.go_home, "topic": lambda: window.state.open_topic("areas"),
     "page": lambda: window.state.open_page("housing"), "help": lambda: window.state.go(("help", "")),
     "search": window.show_search, "settings": lambda: window.state.go(("settings", "")),
     "handout": lambda: window.state.go(("handout", "")),
     "bookmarks": lambda: window.state.go(("bookmarks", ""))}[screen]()
    return window


@pytest.mark.parametrize("screen", ["home", "topic", "page", "help"])
def test_tab_chain_reaches_everything_in_screen_order(qtbot, good_content, screen):
    window = open_screen(qtbot, good_content, screen)
    chain = tab_chain(qtbot, window, window.toolbar.home_button)
    missing = [w.accessibleName() or w.text() for w in interactive(window) if w not in chain]
    assert missing == []
    # Screen order: the top bar row by row, then the view below it.
    bar = [w for w in chain if window.toolbar.bar.isAncestorOf(w)]
    assert chain[:len(bar)] == bar
    rows = [position(window, w) for w in bar]
    assert rows == sorted(rows, key=lambda p: (p[0] // 20, p[1]))
    rest = [position(window, w) for w in chain[len(bar):]]
    bar_bottom = window.toolbar.bar.mapTo(window, QPoint(0, window.toolbar.bar.height())).y()
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


# -- keys people expect while listening --------------------------------------------------------
@pytest.mark.parametrize("how", ["Esc", "Ctrl+.", "Stop button"])
def test_stop_while_the_home_screen_is_read_puts_the_keyboard_on_read(qtbot, window, how):
    """Reading the home screen marks each tile with the focus; stopping gives the keyboard
    back to Read aloud (Stop itself hides), where reading goes on."""
    win = window
    win.state.go_home()
    session = win.speech.session
    tiles = win.home.tiles_list()
    win.speech_bar.read_button.click()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in tiles, timeout=20000)
    if how == "Stop button":
        qtbot.mouseClick(win.speech_bar.stop_button, Qt.MouseButton.LeftButton)
    else:
        key, modifiers = {"Esc": (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          "Ctrl+.": (Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)}[how]
        qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
    qtbot.waitUntil(lambda: session.state in ("stopped", "idle"), timeout=5000)
    assert QApplication.focusWidget() is win.speech_bar.read_button
    assert not win.speech_bar.stop_button.isVisible()


def test_esc_stops_a_page_being_read_before_it_closes_anything(qtbot, window):
    win = window
    session = win.speech.session
    win.toolbar.more_button.click()
    with qtbot.waitSignal(session.sig_sentence_started, timeout=20000):
        win.speech_bar.read_button.click()
    qtbot.keyClick(win.reader.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: session.state == "stopped", timeout=5000)
    assert win.toolbar.more_panel.isVisible()             # the first Esc only stopped reading
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not win.toolbar.more_panel.isVisible() and win.state.location == ("page", "values")


def test_esc_closes_what_is_open_when_nothing_is_read(qtbot, good_content):
    win = open_screen(qtbot, good_content, "page")
    win.toolbar.more_button.click()
    win.toolbar.theme_box.setFocus(Qt.FocusReason.TabFocusReason)   # inside the More panel
    qtbot.keyClick(win.toolbar.theme_box, Qt.Key.Key_Escape)
    assert not win.toolbar.more_panel.isVisible()
    assert QApplication.focusWidget() is win.toolbar.more_button
    win.links.follow("term:botilbud")
    assert win.reader.explanation_box.isVisible()
    qtbot.keyClick(win.reader.browser, Qt.Key.Key_Escape)
    assert not win.reader.explanation_box.isVisible() and win.state.location[0] == "page"
    win.show_search()
    qtbot.keyClicks(win.views.search.field, "bolig")
    qtbot.keyClick(win.views.search.field, Qt.Key.Key_Escape)     # the words go first
    assert win.views.search.field.text() == "" and win.state.location == ("search", "")
    qtbot.keyClick(win.views.search.field, Qt.Key.Key_Escape)     # then the search closes
    assert win.state.location == ("page", "housing")
    win.state.go(("help", ""))
    qtbot.keyClick(win.help, Qt.Key.Key_Escape)
    assert win.state.location == ("page", "housing")


@pytest.mark.parametrize("view", ["search", "help", "settings", "handout", "bookmarks",
                                  "take_home"])
def test_esc_closes_every_view_opened_from_a_page(qtbot, good_content, view):
    """Every view a person opens from a page closes with Esc, back to the page."""
    win = open_screen(qtbot, good_content, "page")
    if view == "take_home":
        win.take_home_button.click()
    else:
        win.state.go((view, ""))
    assert win.state.location[0] == view
    target = QApplication.focusWidget() or win
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    if view == "search" and win.state.location[0] == "search":  # the first Esc empties the words
        qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_Escape)
    assert win.state.location == ("page", "housing")


def test_ctrl_p_opens_the_handout_and_ctrl_q_quits(qtbot, good_content):
    win = open_screen(qtbot, good_content, "page")
    qtbot.keyClick(win.reader.browser, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert win.state.location == ("handout", "")
    assert win.views.handout.isVisible()
    win.state.go(("help", ""))
    help_text = win.help.toPlainText()
    for keys, text in (("Esc", "Stop oplæsningen"), ("Ctrl+P", "Udskrift til borgeren"),
                       ("Ctrl+Q", "Afslut programmet")):
        assert keys in help_text and text in help_text, keys
    with qtbot.waitSignal(win.sig_closing, timeout=2000):
        qtbot.keyClick(win.help, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not win.isVisible()


def test_the_kiosk_neither_prints_nor_quits_but_esc_stops_reading(make_kiosk, qtbot):
    win, kiosk, session, _store = make_kiosk()
    for name in ("handout", "quit"):
        assert name not in win.actions_by_name      # no such command on a kiosk
    win.state.go(("help", ""))
    assert "Ctrl+Q" not in win.help.toPlainText() and "Ctrl+P" not in win.help.toPlainText()
    qtbot.keyClick(win.help, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win.help, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert win.isVisible() and win.state.location == ("help", "") and not kiosk.exit_allowed
    win.state.open_page("housing")
    win.speech_bar.read_button.click()
    assert session.state == "playing"
    qtbot.keyClick(win.reader.browser, Qt.Key.Key_Escape)
    assert session.state == "stopped" and win.isVisible()
    assert QApplication.focusWidget() is win.speech_bar.read_button


@pytest.mark.parametrize("kiosk", [False, True])
def test_the_keyboard_starts_on_the_first_stop_of_the_home_screen(qtbot, good_content,
                                                                  make_kiosk, kiosk):
    """At the start the focus goes to the home screen's first Tab stop (the speech hint on a
    kiosk, else the first tile), found without walking the focus chain: the same widget the
    chain gives."""
    if kiosk:
        window = make_kiosk()[0]
    else:
        args = argparse.Namespace(content_dir=str(good_content))
        window = build(args)[1]
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
    first = window.focus.first_in(window.stack)
    assert first is window.home.first_stop() is window.focusWidget()
    assert first is (window.home.speak_hint if kiosk else window.home.tiles_list()[0])
