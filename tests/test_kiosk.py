"""Kiosk mode offscreen: locked, idle warning and reset, staff exit, QR codes, touch and speech.

Time is driven, not waited for: the idle timer runs for real once (1 s), the countdown is
fast-forwarded with ``tick()``, the PIN lockout uses an injected clock, and the long press
fires its timer.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent, QDesktopServices, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QFileDialog, QLineEdit,
                               QMessageBox, QScrollArea, QScroller)

from desktop_app import i18n
from desktop_app.app import build
from desktop_app.core.kiosk_pin import hash_pin
from desktop_app.core.settings import SettingsStore
from desktop_app.logs import log_dir
from desktop_app.ui.speak_interface import TapRule
from tests.fakes import FakeSession

PIN = "2468"
PIN_HASH = hash_pin(PIN)


def options(content: Path, **values) -> argparse.Namespace:
    base = dict(lang=None, level=None, theme=None, text_scale=None, page=None, kiosk=True,
                content_dir=str(content), smoke=False, idle_seconds=None)
    base.update(values)
    return argparse.Namespace(**base)


class CountingStore(SettingsStore):
    def __init__(self, folder: Path):
        super().__init__(folder)
        self.saved = 0

    def save(self, settings) -> bool:
        self.saved += 1
        return super().save(settings)


@pytest.fixture
def make_kiosk(qtbot, good_content, tmp_path, monkeypatch):
    """make_kiosk(config_text="", **options) -> (window, controller, session, store)."""
    def make(config_text: str = "", session=None, **values):
        path = tmp_path / "kiosk.toml"
        path.write_text(f'pin_hash = "{PIN_HASH}"\nwarning_seconds = 20\n' + config_text,
                        encoding="utf-8")
        monkeypatch.setenv("DESKTOP_APP_KIOSK_CONFIG", str(path))
        session = session or FakeSession()
        store = CountingStore(tmp_path / "user")
        _app, win, _store = build(options(good_content, **values), store, lambda: session)
        qtbot.addWidget(win, before_close_func=lambda w: w.kiosk_controller.shutdown())
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        win.speech.ensure_session()
        return win, win.kiosk_controller, session, store
    yield make
    i18n.set_language("da")


# -- locked ----------------------------------------------------------------------------------
def test_escape_keys_and_close_requests_do_not_close_it(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    flags = win.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    for key, modifiers in ((Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                           (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(win.home.speak_hint, key, modifiers)
    assert win.close() is False          # the close event (Alt+F4 from the window manager)
    assert win.isVisible()
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5),
                             Qt.KeyboardModifier.NoModifier)
    assert QApplication.sendEvent(win.reader.browser.viewport(), menu) is True  # swallowed
    assert QApplication.activePopupWidget() is None


def test_file_and_print_dialogs_are_refused(make_kiosk, qtbot):
    win, _kiosk, _session, _store = make_kiosk()
    dialog = QFileDialog(win)
    dialog.open()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert dialog.result() == 0
    assert win.notices.isVisibleTo(win)


def test_web_links_show_address_and_qr_code_in_the_app(make_kiosk, qtbot):
    win, kiosk, session, _store = make_kiosk()
    url = "https://www.ballerup.dk/borger/handicap?side=1"
    win.links.follow(url)
    assert kiosk.web.isVisible()
    assert kiosk.web.address.accessibleName() == url
    assert kiosk.web.address.text().replace("\u200b", "") == url
    assert kiosk.web.scan.text() == "Scan med din telefon"
    image = kiosk.web.qr.pixmap().toImage()
    assert image.width() >= 240
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert colours == {"#000000", "#ffffff"}
    qtbot.mouseClick(kiosk.web.read_button, Qt.MouseButton.LeftButton)
    assert url in session.spoken[-1][0]
    qtbot.keyClick(kiosk.web.close_button, Qt.Key.Key_Escape)   # Esc closes the kiosk's dialog
    assert not kiosk.web.isVisible() and win.isVisible()
    assert QDesktopServices.openUrl(QUrl("https://example.org/")) is True
    assert kiosk.web.isVisible() and kiosk.web.url == "https://example.org/"


# -- idle warning and reset ------------------------------------------------------------------
def test_idle_warning_is_shown_and_spoken_and_more_time_keeps_everything(make_kiosk, qtbot):
    win, kiosk, session, _store = make_kiosk("idle_seconds = 1\n")
    win.state.open_topic("areas")
    win.state.open_page("housing")
    win.state.change(lang="en", text_scale=200)
    assert kiosk.idle_timer.interval() == 1000
    with qtbot.waitSignal(kiosk.sig_warning_shown, timeout=3000):
        pass                                                       # 1 s without input
    assert kiosk.warning.isVisible()
    assert kiosk.warning.countdown.text() == "20 seconds left"
    text, lang = session.spoken[-1]
    assert lang == "en" and text.startswith("Are you still there?") and "20 seconds" in text
    for _ in range(5):
        kiosk.tick()
    assert kiosk.warning.countdown.text() == "15 seconds left"
    qtbot.mouseClick(kiosk.warning.more_button, Qt.MouseButton.LeftButton)  # one tap suffices
    assert not kiosk.warning.isVisible() and not kiosk.countdown_timer.isActive()
    assert kiosk.idle_timer.isActive()
    assert win.state.location == ("page", "housing")
    assert (win.state.settings.lang, win.state.settings.text_scale) == ("en", 200)
    assert win.state.nav.history


def test_a_page_being_read_is_not_idle(make_kiosk, qtbot):
    win, kiosk, session, _store = make_kiosk("idle_seconds = 1\n")
    win.state.open_page("housing")
    win.speech.read_or_pause()
    assert session.state == "playing"
    kiosk.idle_timer.timeout.emit()
    assert not kiosk.warning.isVisible() and kiosk.idle_timer.isActive()
    session.stop()
    kiosk.idle_timer.timeout.emit()
    assert kiosk.warning.isVisible()


def test_input_restarts_the_idle_time(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk("idle_seconds = 60\n")
    kiosk.idle_timer.setInterval(60_000)
    kiosk.idle_timer.start()
    qtbot.wait(1)
    before = kiosk.idle_timer.remainingTime()
    qtbot.waitUntil(lambda: kiosk.idle_timer.remainingTime() < before - 20, timeout=2000)
    qtbot.keyClick(win.home.speak_hint, Qt.Key.Key_Tab)
    assert kiosk.idle_timer.remainingTime() > before - 20


@pytest.mark.parametrize("change", [{}, {"speech_volume": 90}, {"dimming": 30},
                                    {"text_scale": 200}])
def test_reset_shows_the_home_screen_whatever_the_visitor_changed(make_kiosk, qtbot, change):
    """A visitor who changed only the volume (or nothing, or the dimming) leaves the page shown:
    the next one still starts on the home screen, at the defaults."""
    win, kiosk, _session, _store = make_kiosk('[defaults]\nvolume = 70\n')
    win.state.open_page("housing")
    win.state.change(**change)
    assert win.stack.currentWidget() is win.reader
    kiosk.reset()
    assert win.state.location == ("home", "") and win.stack.currentWidget() is win.home
    assert win.where.text() == "Forside" and win.state.settings == kiosk.defaults


def test_reset_restores_every_default(make_kiosk, qtbot):
    win, kiosk, session, store = make_kiosk(
        '[defaults]\nlang = "da"\ntext_scale = 125\nvolume = 70\n')
    defaults = kiosk.defaults
    assert win.state.settings == defaults and session.volume == 70
    # the previous person: English, easy-read, dark, large, loud, a page, notices, dialogs
    win.state.open_topic("areas")
    win.state.open_page("housing")
    win.state.change(lang="en", level="easy", theme="hc-dark", text_scale=300, line_height=200)
    win.speech_bar.more_button.setChecked(True)
    qtbot.mouseClick(win.speech_bar.louder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.speech_bar.louder_button, Qt.MouseButton.LeftButton)  # 2nd tap: do it
    assert win.state.settings.speech_volume == 80 and session.volume == 80
    win.links.follow("term:botilbud")
    assert win.reader.explanation_box.isVisibleTo(win)
    win.notices.show_notice("Something for the previous person")
    win.views.search.field.setText("bolig")
    QGuiApplication.clipboard().setText("private")
    win.speech.read_or_pause()
    assert session.state == "playing"
    win.links.follow("https://www.ballerup.dk/")
    other = QMessageBox(win)                           # any other dialog of the window
    other.open()
    kiosk.request_staff_exit()
    kiosk.show_warning()
    for _ in range(19):
        kiosk.tick()
    assert kiosk.warning.isVisible()
    with qtbot.waitSignal(kiosk.sig_reset, timeout=1000):
        kiosk.tick()                                                   # the 20th second
    assert session.state == "stopped"
    assert not any(d.isVisible() for d in (kiosk.warning, kiosk.web, kiosk.staff, other))
    assert win.state.location == ("home", "") and win.stack.currentWidget() is win.home
    assert win.state.nav.history == [] and not win.toolbar.back_button.isEnabled()
    assert win.state.settings == defaults
    assert (win.state.settings.lang, win.state.settings.text_scale, win.state.settings.speech_volume) == \
        ("da", 125, 70)
    assert i18n.language() == "da" and win.toolbar.home_button.accessibleName() == "Forside"
    assert session.volume == 70 and win.speech_bar.volume == 70
    assert not win.speech_bar.more_button.isChecked()
    assert not win.notices.isVisibleTo(win)
    assert not win.reader.explanation_box.isVisibleTo(win)
    assert win.views.search.field.text() == ""
    assert QGuiApplication.clipboard().text() == ""
    assert kiosk.idle_timer.isActive() and not kiosk.countdown_timer.isActive()
    assert store.saved == 0 and not store.path.exists()    # nothing was written for anyone


# -- the staff exit --------------------------------------------------------------------------
def _enter(qtbot, dialog, pin: str) -> None:
    """Type ``pin`` on the keypad and press OK; wait for the check (in a thread) if one runs."""
    for digit in pin:
        qtbot.mouseClick(dialog.keys[digit], Qt.MouseButton.LeftButton)
    _answered(qtbot, dialog, lambda: qtbot.mouseClick(dialog.keys[">"],
                                                      Qt.MouseButton.LeftButton))


def _answered(qtbot, dialog, action) -> None:
    """Do ``action`` (a submit); if it started a PIN check, wait for its answer."""
    answers = []
    dialog.sig_checked.connect(answers.append)
    try:
        action()
        if dialog.checking:
            qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    finally:
        dialog.sig_checked.disconnect(answers.append)


def test_staff_exit_with_the_right_pin_closes_the_app(make_kiosk, qtbot):
    win, kiosk, session, _store = make_kiosk()
    qtbot.keyClick(win.home.speak_hint, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    staff = kiosk.staff
    assert staff.isVisible() and staff.pages.currentIndex() == 0
    spoken = len(session.spoken)
    _enter(qtbot, staff, PIN)
    assert len(session.spoken) == spoken            # the keypad is never spoken
    assert staff.pages.currentIndex() == 1
    assert str(log_dir()) in staff.logs.text()      # staff can see where the logs are
    assert win.isVisible()
    qtbot.mouseClick(staff.exit_button, Qt.MouseButton.LeftButton)
    assert kiosk.exit_allowed and not win.isVisible()


def test_the_staff_screen_shows_the_cause_a_visitor_was_spared(make_kiosk, qtbot):
    """A visitor reads what a problem means for them; staff behind the PIN see the cause."""
    import logging

    from desktop_app import logs
    from desktop_app.speech.player import unavailable_message
    root = logging.getLogger()
    root.addHandler(logs._recent)      # as setup_logging() does when the app starts
    try:
        win, kiosk, _session, _store = make_kiosk()
        message = unavailable_message("PulseAudio: Connection refused")
        assert "Connection refused" not in message
        kiosk.request_staff_exit()
        _enter(qtbot, kiosk.staff, PIN)
        assert kiosk.staff.pages.currentIndex() == 1
        assert "Connection refused" in kiosk.staff.logs.text()
    finally:
        root.removeHandler(logs._recent)
        logs._recent.records.clear()


def test_long_press_on_the_corner_opens_the_staff_exit(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    corner = kiosk.corner
    assert corner.geometry().topRight().x() == win.width() - 1 and corner.y() == 0
    qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    assert corner.timer.isActive() and corner.timer.interval() == 3000
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)   # let go early: nothing
    assert not corner.timer.isActive() and not kiosk.staff.isVisible()
    qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    corner.timer.timeout.emit()                              # 3 s later
    assert kiosk.staff.isVisible()
    qtbot.mouseClick(kiosk.staff.cancel_button, Qt.MouseButton.LeftButton)
    assert not kiosk.staff.isVisible() and win.isVisible()


def test_wrong_pins_lock_out_with_increasing_delay(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    now = [5000.0]
    kiosk.lockout.clock = lambda: now[0]
    staff = kiosk.staff
    kiosk.request_staff_exit()
    for _ in range(2):                                # typed, with Return, as staff might
        staff.field.setText("1111")
        _answered(qtbot, staff, lambda: qtbot.keyClick(staff.field, Qt.Key.Key_Return))
        assert staff.field.text() == ""
    assert staff.status.text() == "Forkert pinkode." and staff.keys["1"].isEnabled()
    _enter(qtbot, staff, "1111")
    assert "Prøv igen om 8 sekunder" in staff.status.text()
    assert not staff.keys["1"].isEnabled() and not staff.field.isEnabled()
    assert staff.isVisible()
    qtbot.keyClick(staff, Qt.Key.Key_Return)          # Return does not close it or type
    assert staff.isVisible() and staff.field.text() == ""
    staff.field.setText(PIN)
    staff.submit()                                    # refused unseen while locked
    assert staff.pages.currentIndex() == 0
    now[0] += 5
    staff.refresh()
    assert "3 sekunder" in staff.status.text()
    staff.reject()                                    # closing does not undo the lockout
    kiosk.request_staff_exit()
    assert not staff.keys["1"].isEnabled()
    now[0] += 3
    staff.refresh()
    assert staff.keys["1"].isEnabled()
    _enter(qtbot, staff, "9999")
    assert "16 sekunder" in staff.status.text()
    now[0] += 16
    staff.refresh()
    _enter(qtbot, staff, PIN)
    assert staff.pages.currentIndex() == 1 and kiosk.lockout.failures == 0


def test_without_a_pin_the_exit_stays_shut(make_kiosk, qtbot, tmp_path, monkeypatch):
    win, kiosk, _session, _store = make_kiosk()
    kiosk.staff.config = kiosk.config.__class__()     # as if no pin_hash were configured
    kiosk.request_staff_exit()
    assert kiosk.staff.status.text().startswith("Der er ikke sat en pinkode endnu")
    assert "set-pin" not in kiosk.staff.status.text()   # a visitor can see it; the log has it
    assert not kiosk.staff.keys["1"].isEnabled()


# -- speech first and touch ------------------------------------------------------------------
def test_speak_hint_reads_the_screen_on_the_first_tap(make_kiosk, qtbot):
    win, _kiosk, session, _store = make_kiosk()
    qtbot.mouseClick(win.home.speak_hint, Qt.MouseButton.LeftButton)
    text, lang = session.spoken[-1]
    assert lang == "da" and win.home.intro.text() in text


def test_touch_to_hear_first_tap_speaks_second_tap_acts(make_kiosk, qtbot):
    win, kiosk, session, _store = make_kiosk(text_scale=100)   # both tiles on the test's screen
    tile, other = win.home.tiles_list()[1], win.home.tiles_list()[0]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert win.state.location == ("home", "")                  # nothing happened but speech
    assert session.spoken[-1][0].startswith(tile.accessibleName())
    assert "Tryk igen" in session.spoken[-1][0]
    assert win.focusWidget() is tile                      # the focus ring shows it
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)   # another button: a first tap again
    assert win.state.location == ("home", "") and win.focusWidget() is other
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert win.state.location == ("home", "")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)    # second tap on the same one
    assert win.state.location == ("topic", "areas")
    page_button = win.topic.buttons()[0]
    # a double tap as Qt delivers it (press, release, double-click, release) acts at once
    qtbot.mousePress(page_button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(page_button, Qt.MouseButton.LeftButton)
    qtbot.mouseDClick(page_button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(page_button, Qt.MouseButton.LeftButton)
    assert win.state.location == ("page", "housing")


def test_tap_rule_counts_from_the_end_of_the_spoken_name():
    now = [0.0]
    rule = TapRule(clock=lambda: now[0])
    a, b = object(), object()
    assert rule.tap(a) == "speak"
    now[0] += 8.0                                      # a long name, still being said
    assert rule.tap(a) == "activate"
    assert rule.tap(a) == "speak"
    now[0] += 7.0
    rule.heard()                                       # the voice has finished
    assert rule.remaining() == 5.0
    now[0] += 4.9
    assert rule.tap(a) == "activate"                   # 4.9 s after the voice: it counts
    assert rule.tap(a) == "speak"
    rule.heard()
    now[0] += 5.1
    assert rule.tap(a) == "speak"                      # too late: heard again
    assert rule.tap(b) == "speak" and rule.tap(a) == "speak"
    now[0] += rule.speaking_limit_s + 0.1              # a name never reported as heard
    assert rule.tap(a) == "speak"


def test_keyboard_focus_is_spoken(make_kiosk, qtbot):
    win, _kiosk, session, _store = make_kiosk()
    first, second = win.home.tiles_list()
    first.setFocus()
    assert session.spoken == []                       # focus set by the program: silent
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second
    assert session.spoken[-1][0] == f"{second.accessibleName()}. " \
        f"{second.accessibleDescription()}."


def test_tap_on_the_text_reads_from_that_sentence(make_kiosk, qtbot):
    win, _kiosk, session, _store = make_kiosk()
    win.state.open_page("housing")
    browser = win.reader.browser
    span = win.reader.spans[2]
    cursor = QTextCursor(browser.document())
    cursor.setPosition(span.start + 2)
    point = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert session.state == "playing" and session.played[-1] == 2


def test_finger_scrolling_on_every_scroll_area(make_kiosk):
    win, _kiosk, _session, _store = make_kiosk()
    for viewport in (win.reader.browser.viewport(), win.reader.toc.viewport(),
                     win.help.viewport()):
        assert QScroller.hasScroller(viewport)
    areas = win.home.findChildren(QScrollArea)
    assert areas and all(QScroller.hasScroller(area.viewport()) for area in areas)


def _flick(qtbot, browser) -> int:
    """A finger flick up over the text; returns the scroll position when the finger lets go."""
    browser.setPlainText("\n".join(f"Linje {i}" for i in range(3000)))
    bar, scroller = browser.verticalScrollBar(), QScroller.scroller(browser.viewport())
    t = 0
    scroller.handleInput(QScroller.Input.InputPress, QPointF(200, 350), t)
    for y in range(350, 100, -25):
        t += 10
        scroller.handleInput(QScroller.Input.InputMove, QPointF(200, y), t)
    qtbot.waitUntil(lambda: bar.value() > 150, timeout=2000)   # the text follows the finger
    released = bar.value()
    scroller.handleInput(QScroller.Input.InputRelease, QPointF(200, 100), t + 5)
    return released


def test_finger_flick_glides_on(make_kiosk, qtbot):
    win, _kiosk, _session, _store = make_kiosk()
    win.state.open_page("housing")
    released = _flick(qtbot, win.reader.browser)
    bar = win.reader.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > released + 500, timeout=3000)   # momentum
    QScroller.scroller(win.reader.browser.viewport()).stop()


def test_finger_flick_stops_when_motion_is_reduced(make_kiosk, qtbot, monkeypatch):
    monkeypatch.setattr("desktop_app.ui.os_prefs.reduced_motion", lambda app: True)
    win, _kiosk, _session, _store = make_kiosk()
    win.state.open_page("housing")
    released = _flick(qtbot, win.reader.browser)
    scroller = QScroller.scroller(win.reader.browser.viewport())
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=3000)
    assert win.reader.browser.verticalScrollBar().value() - released < 60


def _interactive(win):
    for kind in (QAbstractButton, QComboBox, QLineEdit):
        for widget in win.findChildren(kind):
            if widget.isVisible() and widget.window() is win:
                yield widget


@pytest.mark.parametrize("screen", ["home", "topic", "page", "help", "search", "settings"])
def test_touch_targets_are_at_least_60_px(make_kiosk, qtbot, screen):
    win, _kiosk, _session, _store = make_kiosk()
    win.resize(1920, 1080)
    {"home": win.state.go_home, "topic": lambda: win.state.open_topic("areas"),
     "page": lambda: win.state.open_page("housing"), "help": lambda: win.state.go(("help", "")),
     "search": win.show_search, "settings": lambda: win.state.go(("settings", ""))}[screen]()
    QApplication.processEvents()
    small = [(w.accessibleName() or w.objectName() or type(w).__name__, w.width(), w.height())
             for w in _interactive(win) if w.width() < 60 or w.height() < 60]
    assert small == []


def test_kiosk_dialog_targets_are_at_least_60_px(make_kiosk):
    win, kiosk, _session, _store = make_kiosk()
    for show in (kiosk.show_warning, lambda: win.links.follow("https://x.dk"),
                 kiosk.request_staff_exit):
        show()
    QApplication.processEvents()
    for dialog in (kiosk.warning, kiosk.web, kiosk.staff):
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisible():
                assert button.width() >= 60 and button.height() >= 60, button.text()


def test_interface_speech_outside_the_kiosk_only_when_switched_on(qtbot, good_content):
    session = FakeSession()
    _app, win, _store = build(options(good_content, kiosk=False), SettingsStore(
        good_content.parent / "user"), lambda: session)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.speech.ensure_session()
    assert not win.interface_speaker._installed
    first, second = win.home.tiles_list()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert session.spoken == []
    win.state.change(speak_interface=True)
    assert win.interface_speaker._installed
    first, second = win.home.tiles_list()             # the home screen was rebuilt
    qtbot.waitUntil(first.isVisible)
    first.setFocus()
    assert QApplication.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert session.spoken and session.spoken[-1][0].startswith(second.accessibleName())
    qtbot.mouseClick(win.home.tiles_list()[0], Qt.MouseButton.LeftButton)
    assert win.state.location[0] == "topic"                  # no touch-to-hear outside the kiosk
    win.state.change(speak_interface=False)
    assert not win.interface_speaker._installed
