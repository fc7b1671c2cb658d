"""Kiosk hardening offscreen, with real widgets: the screen comes back, nothing of the last
visitor is left (undo history, selection, clipboard, options, speech cache), reading ends."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence

from desktop_app.speech import cache as cache_module
from tests.test_kiosk import make_kiosk  # noqa: F401 - the fixture


# -- the screen ------------------------------------------------------------------------------
@pytest.mark.parametrize("attack", ["showMinimized", "showNormal", "hide", "move"])
def test_the_window_takes_the_screen_back_within_a_second(make_kiosk, qtbot, attack):
    win, kiosk, _session, _store = make_kiosk()
    guard = kiosk.screen_guard
    win.showFullScreen()
    # the guard may act while the window settles (not active yet): attack once it sees
    # nothing wrong, and count only what it does after the attack
    qtbot.waitUntil(lambda: win.isFullScreen() and guard.armed and guard.problem() == "",
                    timeout=3000)
    before = guard.restored
    screen = win.screen().geometry()
    if attack == "move":
        win.setWindowState(Qt.WindowState.WindowNoState)
        win.setGeometry(screen.x() + 100, screen.y() + 80, 400, 300)
    else:
        getattr(win, attack)()
    qtbot.waitUntil(lambda: guard.restored > before, timeout=1000)
    # back means mapped again too (the window system exposes it a moment after the show)
    qtbot.waitUntil(lambda: win.isVisible() and win.isFullScreen() and not win.isMinimized()
                    and win.frameGeometry() == screen and guard.problem() == "",
                    timeout=1000)


def test_the_guard_lets_go_after_the_staff_exit(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    win.showFullScreen()
    qtbot.waitUntil(lambda: kiosk.screen_guard.armed, timeout=3000)
    kiosk.shutdown()
    restored = kiosk.screen_guard.restored   # it may have acted before (the window not active)
    win.showMinimized()
    qtbot.waitUntil(win.isMinimized, timeout=1000)
    assert not kiosk.screen_guard.timer.isActive()
    kiosk.screen_guard.check()            # what the timer would do: nothing any more
    assert win.isMinimized() and kiosk.screen_guard.restored == restored


# -- leave nothing ---------------------------------------------------------------------------
def test_the_next_visitor_cannot_undo_paste_or_see_the_last_search(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    win.show_search()
    field = win.views.search.field
    qtbot.keyClicks(field, "botilbud")
    win.views.search.both_levels.setChecked(True)
    qtbot.waitUntil(lambda: bool(win.views.search.hits()), timeout=3000)
    field.selectAll()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("botilbud")
    if clipboard.supportsSelection():
        clipboard.setText("botilbud", QClipboard.Mode.Selection)
    kiosk.reset()
    win.show_search()
    assert field.text() == "" and not win.views.search.both_levels.isChecked()
    assert not field.isUndoAvailable() and not field.isRedoAvailable()
    qtbot.keySequence(field, QKeySequence.StandardKey.Undo)
    qtbot.keySequence(field, QKeySequence.StandardKey.Redo)
    assert field.text() == "" and win.views.search.hits() == []
    qtbot.keySequence(field, QKeySequence.StandardKey.Paste)
    assert field.text() == "" and clipboard.text() == ""
    if clipboard.supportsSelection():
        assert clipboard.text(QClipboard.Mode.Selection) == ""


def test_the_reader_forgets_its_undo_history_and_selection(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    win.state.open_page("housing")
    browser = win.reader.browser
    cursor = browser.textCursor()
    cursor.select(cursor.SelectionType.WordUnderCursor)
    browser.setTextCursor(cursor)
    assert browser.textCursor().hasSelection()
    kiosk.reset()
    assert not browser.textCursor().hasSelection()
    assert not browser.document().isUndoAvailable()


def test_the_speech_cache_of_a_session_is_wiped_at_reset(make_kiosk, qtbot, tmp_path,
                                                         monkeypatch):
    monkeypatch.setenv("DESKTOP_APP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setitem(cache_module._FOLDER, "name", "speech")
    win, kiosk, _session, _store = make_kiosk()
    folder = cache_module.default_cache_dir()
    assert folder == Path(tmp_path / "cache" / "speech-kiosk")   # the kiosk's own folder
    cache = cache_module.WavCache()
    part = cache.part_path("a" * 64)
    part.write_bytes(b"RIFF" + b"\0" * 100)
    sentence = cache.commit("a" * 64, part)
    half_written = cache.part_path("b" * 64)
    half_written.write_bytes(b"RIFF")
    home_cache = tmp_path / "cache" / "speech"
    home_cache.mkdir()
    (home_cache / "kept.wav").write_bytes(b"RIFF")
    kiosk.reset()
    assert not sentence.exists() and not half_written.exists()
    assert list(folder.iterdir()) == []
    assert (home_cache / "kept.wav").exists()     # not the kiosk's: not touched
    assert cache.lookup("a" * 64) is None


# -- reading ends ----------------------------------------------------------------------------
def _more_pages(content: Path, count: int) -> None:
    """``count`` more pages in the topic "areas" after housing, in every variant."""
    for source in content.glob("*/*/housing.md"):
        text = source.read_text(encoding="utf-8")
        for n in range(2, count + 2):
            page = text.replace("id: housing", f"id: housing{n}").replace(
                "order: 1", f"order: {n}")
            source.with_name(f"housing{n}.md").write_text(page, encoding="utf-8")


def test_reading_on_stops_at_the_end_of_the_topic(make_kiosk, qtbot, good_content):
    win, kiosk, session, _store = make_kiosk()
    win.state.change(continue_to_next_page=True)
    win.state.open_page("values")                    # topic "policy"; the next page is another topic
    win.speech.read_or_pause()
    session.finish_page()
    assert win.state.location == ("page", "values")


def test_reading_on_stops_after_the_set_number_of_pages(make_kiosk, qtbot, good_content):
    _more_pages(good_content, 4)
    win, kiosk, session, _store = make_kiosk("read_on_pages = 2\n")
    win.state.change(continue_to_next_page=True)
    win.state.open_page("housing")
    win.speech.read_or_pause()
    for expected in ("housing2", "housing3", "housing3"):
        session.finish_page()
        assert win.state.location == ("page", expected)
    kiosk.note_activity()                      # a touch: two more pages are allowed again
    session.finish_page()
    assert win.state.location == ("page", "housing4")


def test_a_visitor_who_stopped_touching_is_asked_if_still_listening(make_kiosk, qtbot,
                                                                    good_content):
    _more_pages(good_content, 2)
    now = [1000.0]
    win, kiosk, session, _store = make_kiosk("idle_seconds = 60\n")
    kiosk.reading.clock = lambda: now[0]
    kiosk.reading.activity()
    win.state.change(continue_to_next_page=True)
    win.state.open_page("housing")
    win.speech.read_or_pause()
    now[0] += 61                               # a minute without a touch
    session.finish_page()
    assert kiosk.warning.isVisible() and win.state.location == ("page", "housing")
    assert kiosk.warning.title.text() == "Lytter du stadig?"
    assert session.spoken[-1][0].startswith("Lytter du stadig?")
    qtbot.mouseClick(kiosk.warning.more_button, Qt.MouseButton.LeftButton)
    assert win.state.location == ("page", "housing2") and session.state == "playing"
    # no answer: the screen is cleared for the next person
    now[0] += 61
    session.finish_page()
    assert kiosk.warning.isVisible()
    for _ in range(kiosk.config.warning_seconds):
        kiosk.tick()
    assert win.state.location == ("home", "") and not kiosk.warning.isVisible()


def test_a_long_page_read_to_nobody_is_asked_about_too(make_kiosk, qtbot):
    win, kiosk, session, _store = make_kiosk("idle_seconds = 60\n")
    win.state.open_page("housing")
    win.speech.read_or_pause()
    session.play(3)
    for _ in range(2):
        kiosk.idle_timer.timeout.emit()
        assert not kiosk.warning.isVisible()   # listening to one page is not idle at first
    kiosk.idle_timer.timeout.emit()
    assert kiosk.warning.isVisible() and kiosk.warning.listening
    qtbot.mouseClick(kiosk.warning.more_button, Qt.MouseButton.LeftButton)
    assert session.state == "playing" and session.played[-1] == session.index
