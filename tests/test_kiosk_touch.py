"""The kiosk for touch and for staff: every target at least 64 px, pop-ups close with Esc,
nothing offered that can only refuse, and what staff need to know on the staff screen."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QScrollBar, QSlider

from tests.fit_check import target_size
from tests.test_kiosk import make_kiosk  # noqa: F401 - the fixture
from tests.test_speech_ui import player, release  # noqa: F401 - the fixture

KIOSK_TARGET = 64


def _small_targets(win) -> list[str]:
    small = []
    for widget in win.findChildren(QAbstractButton) + win.findChildren(QComboBox) \
            + win.findChildren(QLineEdit) + win.findChildren(QSlider):
        if widget.isVisible() and widget.window() is win \
                and not isinstance(widget.parentWidget(), QComboBox) \
                and target_size(widget).height() < KIOSK_TARGET:
            small.append(f"{type(widget).__name__} {widget.accessibleName()}: "
                         f"{target_size(widget).height()}")
    for bar in win.findChildren(QScrollBar):
        if bar.isVisible() and bar.window() is win:
            thickness = bar.width() if bar.orientation() == Qt.Orientation.Vertical \
                else bar.height()
            if thickness < KIOSK_TARGET:
                small.append(f"scroll bar: {thickness}")
    return small


@pytest.mark.parametrize("where", ["home", "page", "settings", "search"])
def test_every_touch_target_is_at_least_64_px(make_kiosk, qtbot, where):
    win, _kiosk, _session, _store = make_kiosk()
    if where == "page":
        win.state.open_page("housing")
    elif where == "settings":
        win.state.go(("settings", ""))
    elif where == "search":
        win.show_search()
        qtbot.keyClicks(win.views.search.field, "bolig")
        qtbot.waitUntil(lambda: bool(win.views.search.hits()), timeout=3000)
        results = win.views.search.results
        heights = [results.visualItemRect(results.item(i)).height()
                   for i in range(results.count())]
        assert min(heights) >= KIOSK_TARGET, heights
    assert _small_targets(win) == []


def test_the_theme_list_has_64_px_rows_and_esc_closes_it(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    box = win.toolbar.theme_box
    box.showPopup()
    popup = box.view()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    heights = [popup.visualRect(box.model().index(i, 0)).height() for i in range(box.count())]
    assert min(heights) >= KIOSK_TARGET, heights
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)
    assert win.isVisible() and not kiosk.exit_allowed
    qtbot.keyClick(win, Qt.Key.Key_Escape)       # without a pop-up Esc still does nothing
    assert win.isVisible() and win.state.location == ("home", "")


def test_the_staff_corner_works_over_the_picture_viewer(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    win.state.open_page("housing")
    win.adjustments.show_picture("housing")
    assert win.adjustments.picture_viewer.is_open()
    corner = kiosk.corner
    centre = corner.geometry().center()
    qtbot.waitUntil(lambda: win.childAt(centre) is corner, timeout=2000)
    with qtbot.waitSignal(corner.sig_long_press, timeout=5000):
        qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)


def test_settings_offer_nothing_that_can_only_refuse_and_promise_nothing(make_kiosk, qtbot):
    win, _kiosk, _session, _store = make_kiosk()
    win.state.go(("settings", ""))
    view = win.views.settings_view
    assert not view.colours_section.text_colour_button.isVisible()
    assert not view.colours_section.background_colour_button.isVisible()
    assert view.colours_section.text_colour_button not in view.controls()
    assert "husket" not in view.intro.text() and "næste person" in view.intro.text()


def test_voice_lists_show_whole_names(make_kiosk, qtbot):
    from desktop_app.speech.voices import Voice
    win, _kiosk, _session, _store = make_kiosk()
    win.state.go(("settings", ""))
    view = win.views.settings_view
    long_name = "Danish (Denmark), a very long voice name from the speech engine " * 3
    voices = view.speech_section
    voices.set_voices([Voice("da-long", long_name, ("da",)), Voice("da", "Dansk", ("da",))])
    box = voices.voice_boxes["da"]
    box.showPopup()
    popup = box.view()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    row = popup.visualRect(box.model().index(box.findText(long_name), 0))
    one_line = popup.visualRect(box.model().index(box.findText("Dansk"), 0))
    assert row.width() <= popup.viewport().width()            # not cut at the side
    assert row.height() > one_line.height()                    # but wrapped onto lines
    assert popup.window().geometry().right() <= win.geometry().right()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)


def test_no_pages_notice_survives_the_reset(make_kiosk, qtbot, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    win, kiosk, _session, _store = make_kiosk(content_dir=str(empty))
    assert "Siderne kan ikke vises" in win.notices.label.text() and win.notices.isVisibleTo(win)
    kiosk.reset()
    assert "Siderne kan ikke vises" in win.notices.label.text() and win.notices.isVisibleTo(win)


def test_a_broken_glossary_is_logged_and_shown_to_staff(make_kiosk, qtbot, good_content,
                                                        caplog):
    (good_content / "glossary.toml").write_text("[botilbud\nda = 'x'\n", encoding="utf-8")
    win, kiosk, _session, _store = make_kiosk()
    # (the glossary is read, and its problems logged, once the window is painted)
    qtbot.waitUntil(lambda: any("glossary.toml" in r.getMessage() for r in caplog.records
                                if r.getMessage().startswith("content:")))
    kiosk.request_staff_exit()
    qtbot.keyClicks(kiosk.staff.field, "2468")
    with qtbot.waitSignal(kiosk.staff.sig_checked, timeout=5000):
        qtbot.keyClick(kiosk.staff.field, Qt.Key.Key_Return)
    assert "Problem i indholdet" in kiosk.staff.logs.text()
    assert "glossary.toml" in kiosk.staff.logs.text()


def test_staff_are_told_why_the_pin_cannot_be_used(make_kiosk, qtbot, monkeypatch):
    from tests import test_kiosk
    monkeypatch.setattr(test_kiosk, "PIN_HASH",   # scrypt with 1 GB of memory per try
                        "scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA==$" + "A" * 43 + "=")
    win, kiosk, _session, _store = make_kiosk()
    kiosk.request_staff_exit()
    status = kiosk.staff.status.text()
    assert "kan ikke bruges" in status and "vejledningen" in status and len(status) < 400
    assert not kiosk.staff.field.isEnabled()


def test_the_help_intro_is_in_danish(make_kiosk, qtbot):
    win, _kiosk, _session, _store = make_kiosk()
    win.state.go(("help", ""))
    assert "Brug Tab og Shift+Tab" in win.help.toPlainText()


# -- touch-to-hear that waits for the person (real espeak-ng speech and the real session) ----
@pytest.fixture
def speaking_kiosk(make_kiosk, qtbot, player, tmp_path, listening):
    """A kiosk with real speech into the test sound server, and ``shift`` to move the kiosk's
    touch clock on (the clock runs with real time, plus what the test adds)."""
    from desktop_app.speech.session import ReadingSession
    from desktop_app.speech.synth import Synthesizer
    import time
    session = ReadingSession(Synthesizer(cache_dir=tmp_path / "speech"), player, pause_scale=0.2)
    win, kiosk, _session, _store = make_kiosk(session=session)
    offset = [0.0]
    win.interface_speaker.rule.clock = lambda: time.monotonic() + offset[0]
    yield win, session, listening, lambda seconds: offset.__setitem__(0, offset[0] + seconds)
    win.speech.stop()
    release(player)


def _listen_until_quiet(qtbot, win, session, recorder, tapped_at: float) -> float:
    """Waits until the voice heard since ``tapped_at`` has stopped; returns how long the
    spoken text lasted from the tap (s)."""
    import time
    qtbot.waitUntil(lambda: bool(recorder.loud_between(tapped_at, time.monotonic() + 1)),
                    timeout=20000)                       # speech really came out
    qtbot.waitUntil(lambda: session.state in ("idle", "stopped"), timeout=30000)
    qtbot.waitUntil(lambda: recorder.quiet_for() > 0.3, timeout=10000)
    return recorder.last_loud - tapped_at


def _tap(qtbot, widget) -> float:
    import time
    tapped_at = time.monotonic()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    return tapped_at


@pytest.mark.parametrize("kind", ["tile", "toolbar"])
def test_a_second_tap_after_listening_to_the_name_opens_it(speaking_kiosk, qtbot, kind):
    win, session, recorder, shift = speaking_kiosk
    target, opened = {"tile": (win.home.tiles_list()[0], ("topic", "policy")),
                      "toolbar": (win.toolbar.search_button, ("search", ""))}[kind]
    with qtbot.waitSignal(win.speech.sig_utterance_finished, timeout=30000):
        tapped_at = _tap(qtbot, target)
        assert win.state.location == ("home", "")              # the first tap only speaks
        assert "Tryk igen" in win.interface_speaker.spoken[-1]
    spoken_for = _listen_until_quiet(qtbot, win, session, recorder, tapped_at)
    cue = win.interface_speaker.cue
    assert cue.isVisible() and cue.target is target       # the tap still counts: still shown
    shift(2.0)                                             # the person waits 2 s more
    _tap(qtbot, target)
    assert win.state.location == opened, f"spoken for {spoken_for:.1f} s"
    assert not cue.isVisible()


@pytest.mark.parametrize("button", ["toolbar", "big"])
def test_the_read_button_reads_again_after_listening(speaking_kiosk, qtbot, button):
    win, session, recorder, shift = speaking_kiosk
    session.set_rate(200)
    read = win.speech_bar.read_button if button == "toolbar" else win.home.speak_hint
    with qtbot.waitSignal(session.sig_text_finished, timeout=30000):
        tapped_at = _tap(qtbot, read)                      # reads at the first tap
    _listen_until_quiet(qtbot, win, session, recorder, tapped_at)
    shift(2.0)
    with qtbot.waitSignal(session.sig_text_sentence_started, timeout=20000):
        _tap(qtbot, read)                                  # and again: not taken as a first tap
    assert session.state in ("loading", "playing")
    assert win.speech_bar.read_button.text() == "Pause"
    assert win.state.location == ("home", "")


def test_read_while_a_name_is_said_reads_the_screen(speaking_kiosk, qtbot):
    win, session, _recorder, _shift = speaking_kiosk
    with qtbot.waitSignal(session.sig_text_sentence_started, timeout=20000):
        _tap(qtbot, win.home.tiles_list()[0])              # its name is being said
    with qtbot.waitSignal(win.speech.sig_utterance_finished, timeout=5000):
        _tap(qtbot, win.speech_bar.read_button)
    assert session.state in ("loading", "playing")        # reading, not the name paused
    assert win.speech_bar.read_button.text() == "Pause"


def test_a_keyboard_key_types_after_listening(speaking_kiosk, qtbot):
    win, session, recorder, shift = speaking_kiosk
    with qtbot.waitSignal(win.speech.sig_utterance_finished, timeout=30000):
        tapped_at = _tap(qtbot, win.toolbar.search_button)
    _listen_until_quiet(qtbot, win, session, recorder, tapped_at)
    shift(2.0)
    _tap(qtbot, win.toolbar.search_button)
    assert win.state.location == ("search", "")
    keyboard = win.views.search.keyboard
    _tap(qtbot, keyboard.keys["a"])                       # a key types at the first tap
    assert win.views.search.field.text() == "a"
    shift(2.0)
    _tap(qtbot, keyboard.keys["a"])
    assert win.views.search.field.text() == "aa"


def test_tap_again_is_said_the_first_three_times_in_a_visit(make_kiosk, qtbot):
    from tests.fakes import FakeSession
    win, kiosk, _session, _store = make_kiosk(session=FakeSession(auto_finish=True))
    speaker = win.interface_speaker
    targets = [win.home.tiles_list()[0], win.toolbar.search_button, win.toolbar.lang_button, win.toolbar.level_button]
    for target in targets:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
        assert speaker.spoken[-1].startswith(target.accessibleName())   # the name first
        assert speaker.cue.isVisible() and speaker.cue.target is target
    hints = ["Tryk igen" in text for text in speaker.spoken]
    assert hints == [True, True, True] + [False] * (len(targets) - 3)
    kiosk.reset()                                          # the next visitor
    tile = win.home.tiles_list()[0]
    qtbot.waitUntil(lambda: win.childAt(tile.mapTo(win, tile.rect().center())) is tile)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert "Tryk igen" in speaker.spoken[-1]
