"""The kiosk, simple by default: tiles that fill the touch screen, a visible "tap again" cue,
search without a keyboard, and the home screen read aloud as a numbered menu."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from tests.test_kiosk import make_kiosk  # noqa: F401 - the fixture


def test_tiles_fill_a_full_hd_touch_screen(make_kiosk, qtbot):
    win, _kiosk, _session, _store = make_kiosk(content_dir=None)   # the real seven topics
    win.resize(1920, 1080)
    tiles = win.home.tiles_list()
    qtbot.waitUntil(lambda: all(t.width() >= 400 for t in tiles))
    right = max(t.mapTo(win, QPoint(t.width(), 0)).x() for t in tiles)
    assert right >= 0.9 * win.width()
    qtbot.waitUntil(lambda: max(t.mapTo(win, QPoint(0, t.height())).y() for t in tiles)
                    >= 0.75 * win.height())



def test_a_first_tap_shows_tap_again_by_the_button(make_kiosk, qtbot):
    from PySide6.QtCore import QRect, Qt
    win, _kiosk, _session, _store = make_kiosk(text_scale=100)   # both on the test's screen
    tile, other = win.home.tiles_list()[1], win.home.tiles_list()[0]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    cue = win.interface_speaker.cue
    from desktop_app.i18n import _
    assert cue is not None and cue.isVisible()
    assert cue.text() == _("Tap again to open") != "Tap again to open"   # in Danish
    box = QRect(cue.mapTo(win, QPoint(0, 0)), cue.size())
    tile_box = QRect(tile.mapTo(win, QPoint(0, 0)), tile.size())
    assert box.intersects(tile_box) and win.rect().contains(box)
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)           # the cue follows the choice
    assert cue.isVisible() and cue.target is other
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)           # the cue lets the tap through
    assert win.state.location == ("topic", other.key) and not cue.isVisible()


def test_search_by_touch_alone(make_kiosk, qtbot):
    from PySide6.QtCore import Qt
    win, _kiosk, _session, _store = make_kiosk()
    qtbot.mouseClick(win.toolbar.search_button, Qt.MouseButton.LeftButton)   # heard
    qtbot.mouseClick(win.toolbar.search_button, Qt.MouseButton.LeftButton)   # used
    assert win.state.location == ("search", "")
    keyboard = win.views.search.keyboard
    assert keyboard is not None and keyboard.isVisible()
    assert {"æ", "ø", "å"} <= set(keyboard.keys)
    for letter in "bolig":
        qtbot.mouseClick(keyboard.keys[letter], Qt.MouseButton.LeftButton)   # one tap each
    qtbot.mouseClick(keyboard.keys["delete"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keyboard.keys["g"], Qt.MouseButton.LeftButton)
    assert win.views.search.field.text() == "bolig"
    qtbot.waitUntil(lambda: win.views.search.results.count() > 0)
    assert all(min(k.width(), k.height()) >= 44 for k in keyboard.keys.values())


def test_the_next_visitor_searches_by_touch_as_the_first_did(make_kiosk, qtbot):
    """After a reset every scroll area scrolls by finger; the search's letters must still
    take every tap (a finger scroller on the search view once ate some)."""
    from PySide6.QtCore import Qt
    win, kiosk, _session, _store = make_kiosk()
    win.show_search()                       # the first visitor: the search view is built
    kiosk.reset()
    qtbot.mouseClick(win.toolbar.search_button, Qt.MouseButton.LeftButton)   # heard
    qtbot.mouseClick(win.toolbar.search_button, Qt.MouseButton.LeftButton)   # used
    assert win.state.location == ("search", "")
    keyboard = win.views.search.keyboard
    for letter in "bolig":
        qtbot.mouseClick(keyboard.keys[letter], Qt.MouseButton.LeftButton)   # one tap each
    assert win.views.search.field.text() == "bolig"


def test_a_finger_drag_over_a_letter_scrolls_and_types_nothing(make_kiosk, qtbot):
    """Taps reach the letters at once, and a drag that starts on one still scrolls the view
    without typing it."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    win, kiosk, _session, _store = make_kiosk()
    win.resize(1280, 500)                   # the search view is taller than the window
    win.show_search()
    kiosk.reset()
    win.show_search()
    key = win.views.search.keyboard.keys["b"]
    bar = win.stack.currentWidget().verticalScrollBar()
    start = key.rect().center()
    QTest.mousePress(key, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 13):
        QTest.mouseMove(key, start - QPoint(0, 15 * step), 10)
    QTest.mouseRelease(key, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start - QPoint(0, 180), 10)
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)
    assert win.views.search.field.text() == ""


def test_read_aloud_on_home_says_the_topics_as_a_numbered_menu(qtbot, good_content, tmp_path):
    from PySide6.QtWidgets import QApplication
    from desktop_app.app import build
    from desktop_app.speech.player import Player
    from desktop_app.speech.session import ReadingSession
    from desktop_app.speech.synth import Synthesizer
    from tests.test_window import options
    player = Player()
    _app, win, _ = build(options(good_content, lang="da"), session_factory=lambda: ReadingSession(
        Synthesizer(cache_dir=tmp_path / "cache"), player, pause_scale=0.2))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    session = win.speech.ensure_session()
    session.set_rate(200)
    win.speech_bar.read_button.click()
    tiles = win.home.tiles_list()
    qtbot.waitUntil(lambda: win.focusWidget() is tiles[0], timeout=20000)
    qtbot.waitUntil(lambda: win.focusWidget() is tiles[1], timeout=20000)
    assert [w.text() for w in win.speech._menu.values()] == [t.text() for t in tiles]
    from desktop_app.i18n import _
    said = [s.text for s in session._queue]
    assert _("Topic %(n)d, %(title)s.") % {"n": 1, "title": tiles[0].text()} in said
    assert said.index(_("Topic %(n)d, %(title)s.") % {"n": 2, "title": tiles[1].text()}) \
        == said.index(_("Topic %(n)d, %(title)s.") % {"n": 1, "title": tiles[0].text()}) + 1
    assert win.state.location == ("home", "")
    win.speech.stop()



def test_hearing_a_button_s_name_does_not_show_pause_and_stop(make_kiosk, qtbot):
    """A first tap speaks the button's name; the read-aloud buttons stay as they were (no
    Pause, no Stop), so the screen does not change under the person's finger."""
    from PySide6.QtCore import Qt
    win, _kiosk, session, _store = make_kiosk()
    bar = win.speech_bar
    before = bar.read_button.text()
    qtbot.mouseClick(win.home.tiles_list()[0], Qt.MouseButton.LeftButton)   # heard
    assert session.state == "playing" and session.spoken
    assert bar.read_button.text() == before and not bar.stop_button.isVisible()
    qtbot.mouseClick(bar.read_button, Qt.MouseButton.LeftButton)            # Read: the screen
    assert not bar.stop_button.isHidden()


@pytest.mark.parametrize("config, scale, reported", [("", 150, False),
                                                     ("text_scale = 200\n", 200, False),
                                                     ("text_scale = 1000\n", 150, True)])
def test_the_kiosk_text_reads_at_arm_s_length(make_kiosk, qtbot, config, scale, reported):
    """On a 1920 x 1080 touch screen the body text is at least 24 px, at the size kiosk.toml
    gives (a size outside 100-400 % is reported and the kiosk's own used)."""
    from tests.test_simple_window import body_px
    win, kiosk, _session, _store = make_kiosk(config_text=config, content_dir=None)
    win.resize(1920, 1080)
    assert win.state.settings.text_scale == scale
    assert win.home.intro.font().pixelSize() >= 24
    win.state.open_page("area-employment")
    assert body_px(win) >= 24
    assert ("text_scale = 1000" in " ".join(kiosk.config.problems)) is reported
    kiosk.reset()                                      # the next visitor starts at it too
    assert win.state.settings.text_scale == scale
