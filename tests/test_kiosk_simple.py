"""The kiosk, simple by default: tiles that fill the touch screen, a visible "tap again" cue,
search without a keyboard, and the home screen read aloud as a numbered menu."""
from __future__ import annotations

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

