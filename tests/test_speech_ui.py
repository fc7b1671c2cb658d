"""Read-aloud from the window: the bar drives the real session and player, the highlight
follows the sentence being heard, and failures leave a working app with a clear message."""
from __future__ import annotations

import argparse
import re

import pytest
from PySide6.QtGui import QTextCursor

from desktop_app.app import build
from desktop_app.speech.player import Player
from desktop_app.speech.session import ReadingSession
from desktop_app.speech.synth import Synthesizer

TIMEOUT = 20000


def options(content, **values):
    base = dict(lang=None, level=None, theme=None, text_scale=None, page=None, kiosk=False,
                content_dir=str(content), smoke=False)
    base.update(values)
    return argparse.Namespace(**base)


@pytest.fixture(scope="module")
def player():
    from PySide6.QtWidgets import QApplication
    QApplication.instance() or QApplication([])
    return Player()


@pytest.fixture
def window(qtbot, good_content, player, tmp_path):
    def factory():
        session = ReadingSession(Synthesizer(cache_dir=tmp_path / "cache"), player,
                                 pause_scale=0.2)
        return session
    _app, win, _ = build(options(good_content, page="values", lang="en"),
                         session_factory=factory)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.speech.ensure_session()
    win.speech.session.set_rate(200)
    yield win
    win.speech.stop()
    release(player)


def release(player) -> None:
    """The shared player forgets the session of the test that used it."""
    for signal in (player.sig_finished, player.sig_position, player.sig_error):
        try:
            signal.disconnect()
        except (RuntimeError, TypeError):
            pass


def highlighted_text(win) -> str:
    selections = win.reader.browser.extraSelections()
    return selections[0].cursor.selectedText() if selections else ""


def test_read_highlights_each_sentence_as_it_is_heard(qtbot, window):
    session = window.speech.session
    first = window.reader.sentences()[0].text
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        window.speech_bar.read_button.click()
    assert blocker.args == [0]
    assert highlighted_text(window) == first == "Visions and values"
    assert window.speech_bar.read_button.text() == "Pause"
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args == [1]
    assert highlighted_text(window).startswith("Ballerup Municipality gives priority")


def test_pause_resume_next_previous_and_stop(qtbot, window):
    session = window.speech.session
    bar = window.speech_bar
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
        bar.read_button.click()
    bar.read_button.click()
    qtbot.waitUntil(lambda: session.state == "paused", timeout=TIMEOUT)
    assert bar.read_button.text() == "Resume"
    bar.read_button.click()
    qtbot.waitUntil(lambda: session.state == "playing", timeout=TIMEOUT)
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        bar.next_button.click()
    target = blocker.args[0]
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        bar.previous_button.click()
    assert blocker.args == [target - 1]
    bar.stop_button.click()
    qtbot.waitUntil(lambda: session.state in ("stopped", "idle"), timeout=TIMEOUT)
    assert highlighted_text(window) == ""
    assert bar.read_button.text() == "Read aloud"


def test_read_from_the_cursor_and_the_selection(qtbot, window):
    session = window.speech.session
    spans = window.reader.spans
    cursor = QTextCursor(window.reader.browser.document())
    cursor.setPosition(spans[3].start + 2)
    window.reader.browser.setTextCursor(cursor)
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        window.speech_bar.from_here_button.click()
    assert blocker.args == [3]
    assert highlighted_text(window) == spans[3].sentence.text
    cursor.setPosition(spans[1].start)
    cursor.setPosition(spans[1].end, QTextCursor.MoveMode.KeepAnchor)
    window.reader.browser.setTextCursor(cursor)
    with qtbot.waitSignal(session.sig_text_finished, timeout=TIMEOUT):
        window.speech_bar.from_here_button.click()
    assert session.reading_text is False


def test_highlight_follows_at_400_percent_and_stays_in_view(qtbot, good_content, window):
    window.state.change(text_scale=400)
    session = window.speech.session
    last = len(window.reader.sentences()) - 1
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
        session.play(last)
    browser = window.reader.browser
    span = window.reader.spans[last]
    cursor = QTextCursor(browser.document())
    cursor.setPosition(span.start)
    top = browser.cursorRect(cursor).top()
    assert 0 <= top < browser.viewport().height()
    assert highlighted_text(window) == span.sentence.text


def test_a_new_page_stops_reading(qtbot, window):
    session = window.speech.session
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
        window.speech_bar.read_button.click()
    window.state.open_page("housing")
    qtbot.waitUntil(lambda: session.state == "idle", timeout=TIMEOUT)
    assert [s.text for s in session.sentences] == [s.text for s in window.reader.sentences()]


def test_speech_that_cannot_start_leaves_a_working_app(qtbot, good_content):
    def broken():
        raise RuntimeError("no speech engine here")
    _app, win, _ = build(options(good_content, page="values"), session_factory=broken)
    qtbot.addWidget(win)
    win.speech_bar.read_button.click()
    assert win.speech_bar.status.text() == \
        "Oplæsningen virker ikke lige nu. Start programmet igen, eller bed om hjælp."
    win.state.open_page("housing")
    assert win.state.location == ("page", "housing")


def test_missing_voice_is_said_in_the_ui_language(qtbot, good_content, player, tmp_path):
    from tests.fakes import FakeEngine    # one English voice, no Danish one
    factory = lambda: ReadingSession(Synthesizer(cache_dir=tmp_path / "c",  # noqa: E731
                                                 engine_factory=FakeEngine), player)
    _app, win, _ = build(options(good_content, page="values", lang="da"), session_factory=factory)
    qtbot.addWidget(win)
    win.speech.ensure_session()
    with qtbot.waitSignal(win.speech.session.sig_error, timeout=TIMEOUT):
        win.speech_bar.read_button.click()
    assert "Der er ingen dansk stemme" in win.notices.label.text()
    assert "Bed en om at installere en stemme" in win.notices.label.text()
    assert "espeak" not in win.notices.label.text() and "sudo" not in win.notices.label.text()


def test_a_glossary_explanation_can_be_read_aloud(qtbot, window):
    window.state.open_page("housing")
    window.links.follow("term:botilbud")
    session = window.speech.session
    with qtbot.waitSignal(session.sig_text_finished, timeout=TIMEOUT):
        window.reader.explanation_read.click()
    assert window.reader.explanation.text().startswith("residential service: A place to live")


def test_the_first_sentence_is_ready_when_a_page_opens(qtbot, window):
    """The first press of Read plays at once: the page's first sentence was synthesised when
    the page opened (and again after a change of speed)."""
    session = window.speech.session
    window.state.open_page("housing")
    qtbot.waitUntil(lambda: session.is_prepared(0), timeout=TIMEOUT)
    window.state.change(speech_rate=150)
    qtbot.waitUntil(lambda: session.is_prepared(0), timeout=TIMEOUT)
    states = []
    session.sig_state_changed.connect(states.append)
    window.speech_bar.read_button.click()
    assert states[0] == "playing"          # no "loading": the sound was there
    window.speech.stop()
def test_the_word_being_heard_is_marked_inside_the_sentence(qtbot, window):
    """With "the sentence and the word you hear", the word highlight walks through the
    sentence's words in order, in the swapped colours of the sentence highlight."""
    window.state.change(highlight_style="words")
    session, reader = window.speech.session, window.reader
    session.set_rate(100)
    seen: list[tuple[int, str]] = []
    session.sig_word.connect(lambda i, c, n: seen.append((i, reader.highlighted_word())))
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT,
                          check_params_cb=lambda i: i == 1):
        window.speech_bar.read_button.click()
    sentence = reader.sentences()[1].text
    qtbot.waitUntil(lambda: sum(i == 1 for i, _w in seen) >= 5, timeout=TIMEOUT)
    session.stop()
    words = [w for i, w in seen if i == 1]
    tokens = re.findall(r"\w+", sentence)
    place = 0
    for word in words:  # each a word of the sentence, in the order they are said
        place = tokens.index(word, place) + 1
    assert len(words) >= 5
    selections = reader.browser.extraSelections()
    assert len(selections) <= 1  # stopped: no word is marked any more
    theme = window.state.theme
    assert theme.word_background == theme.highlight_text


def test_what_the_kiosk_asks_the_speech_controller(qtbot, good_content):
    """The controller's small public interface: is a page being read, is a text being said,
    and the reset that gives speech that failed to start a fresh try."""
    from tests.fakes import FakeSession
    session, calls = FakeSession(), []

    def factory():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("no speech engine here")
        return session
    _app, win, _ = build(options(good_content, page="values"), session_factory=factory)
    qtbot.addWidget(win)
    speech = win.speech
    assert speech.ensure_session() is None and speech.ensure_session() is None
    assert len(calls) == 1                        # a failed start is not retried by itself
    assert not speech.is_sounding() and not speech.is_reading_text()
    speech.reset_for_next_person()
    assert speech.ensure_session() is session     # ... but for the next person
    speech.read_or_pause()
    assert speech.is_sounding() and not speech.is_reading_text()
    speech.speak("Hjem")
    assert speech.is_sounding() and speech.is_reading_text()
    speech.reset_for_next_person()
    assert not speech.is_sounding() and not speech.is_reading_text()
