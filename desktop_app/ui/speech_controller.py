"""Connects the read-aloud bar, the reader and a ReadingSession.

The session (Qt Multimedia and the speech engine) is created after the first paint, so start-up
does not wait for it, and kept, so the first press of Read is quick.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Qt, Signal

from desktop_app.i18n import _
from desktop_app.speech.state import ENDED, SOUNDING, UNDER_WAY, ReadingState
from desktop_app.ui.announce import announce
from desktop_app.ui.lazy import Lazy
from desktop_app.ui.speech_bar import SpeechBar
from desktop_app.ui.state import ReaderState
from desktop_app.ui.views import HomeView

if TYPE_CHECKING:   # the reader is made (and imported) when a page is first opened
    from desktop_app.ui.reader import ReaderView

log = logging.getLogger(__name__)


class SpeechController(QObject):
    """Signals: ``sig_utterance_finished(int id)`` when the interface text that ``speak()``
    returned ``id`` for has ended: said to the end, or cut off (stopped, replaced by other
    speech, failed)."""

    sig_utterance_finished = Signal(int)

    def __init__(self, state: ReaderState, reader: Lazy[ReaderView], bar: SpeechBar,
                 home: HomeView,
                 where: Callable[[], str], notify: Callable[[str], None],
                 session_factory: Callable[[], object], parent: QObject | None = None):
        """``where()`` is the name of the place shown (said when Read is pressed away from a
        page); ``notify(text)`` shows a message. The reader's signals are followed once it is
        made (when a page is first opened)."""
        super().__init__(parent)
        self.state = state
        self.bar = bar
        self._reader = reader
        self.home = home
        self._where = where
        self._notify = notify
        self._factory = session_factory
        self.session = None
        self._failed = False
        self._last_state = ReadingState.IDLE
        self._menu: dict[int, object] = {}   # home read aloud: sentence index -> its tile
        # (kiosk) asked before "go on to the next page" opens ``page_id``: False stops there
        self.may_read_on: Callable[[str], bool] | None = None
        self._label = False   # a control's name is being spoken: the read-aloud buttons stay
        self._utterances = 0   # the last id ``speak()`` gave
        self._speaking = 0     # the id of the interface text being said, or 0
        bar = self.bar
        bar.sig_read.connect(self.read_or_pause)
        bar.sig_stop.connect(self.stop_by_user)
        bar.sig_previous.connect(lambda: self._on_page(lambda session: session.previous()))
        bar.sig_next.connect(lambda: self._on_page(lambda session: session.next()))
        bar.sig_repeat.connect(lambda: self._on_page(lambda session: session.repeat()))
        bar.sig_read_from_cursor.connect(self.read_from_cursor)
        bar.sig_rate.connect(self._rate_changed)
        bar.sig_volume.connect(self._volume_changed)
        reader.when_made(self._follow_reader)
        state.sig_speech_changed.connect(self._settings_changed)

    @property
    def reader(self) -> ReaderView:
        """The reader (made now if it was not yet)."""
        return self._reader.get()

    def _follow_reader(self, reader: ReaderView) -> None:
        reader.sig_tapped.connect(self._tapped)
        reader.sig_read_aloud.connect(self._read_explanation)
        reader.sig_page_shown.connect(self._page_shown)
        reader.set_highlight_style(self.state.settings.highlight_style)
        if self.session is not None:
            self._follow_session(self.session, reader)

    def _follow_session(self, session, reader: ReaderView) -> None:
        session.sig_sentence_started.connect(reader.highlight)
        session.sig_word.connect(reader.highlight_word)

    def set_read_on_rule(self, may_read_on: Callable[[str], bool] | None) -> None:
        """(kiosk) Asked before "go on to the next page" opens a page: False stops there."""
        self.may_read_on = may_read_on

    # -- the session -----------------------------------------------------------------------
    def ensure_session(self):
        if self.session is not None or self._failed:
            return self.session
        try:
            session = self._factory()
        except Exception as exc:  # the app keeps working without speech
            log.exception("speech could not start")
            self._failed = True
            self.bar.set_state(ReadingState.ERROR)
            from desktop_app.speech.engine import EngineError
            self.bar.set_message(str(exc) if isinstance(exc, EngineError) else _(
                "Reading aloud does not work right now. Start the program again, or ask "
                "someone for help."))
            return None
        reader = self._reader.made()
        if reader is not None:
            self._follow_session(session, reader)
        session.sig_text_sentence_started.connect(self._text_sentence_started)
        session.sig_state_changed.connect(self._state_changed)
        session.sig_error.connect(self._error)
        session.sig_page_finished.connect(self._page_finished)
        session.sig_text_finished.connect(self._end_utterance)
        self.session = session
        self._apply_settings(self.state.settings)
        if self.state.location[0] == "page":
            session.set_sentences(self.reader.sentences())
            session.prepare()
        return session

    def _settings_changed(self) -> None:
        self._apply_settings(self.state.settings)

    def _apply_settings(self, settings) -> None:
        session = self.session
        self.bar.set_values(settings.speech_rate, settings.speech_volume)
        reader = self._reader.made()
        if reader is not None:
            reader.set_highlight_style(settings.highlight_style)
        if session is None:
            return
        session.set_rate(settings.speech_rate)
        session.set_volume(settings.speech_volume)
        session.set_stop_mode(settings.stop_mode)
        session.set_continue_to_next_page(settings.continue_to_next_page)
        session.set_voice_override("da", settings.voice_da or None)
        session.set_voice_override("en", settings.voice_en or None)
        if self.state.location[0] == "page":
            session.prepare()   # the first press of Read is heard at once

    def _on_page(self, action: Callable[[object], object]) -> None:
        """Previous, next or repeat: on a page, with the session."""
        self._not_label()
        session = self.ensure_session()
        if session is not None and self.state.location[0] == "page":
            action(session)

    # -- user actions ----------------------------------------------------------------------
    def read_or_pause(self) -> None:
        session = self.ensure_session()
        if session is None:
            return
        if self._not_label():
            session.stop()   # a button's name was being said: Read reads, it does not pause
        if self.state.location[0] != "page":
            self.read_screen()
            return
        if session.state in UNDER_WAY:
            session.toggle()
        else:
            self.bar.set_message("")
            session.play(max(0, session.index) if session.state == ReadingState.STOPPED else 0)

    def read_from_cursor(self) -> None:
        self._not_label()
        session = self.ensure_session()
        if session is None or self.state.location[0] != "page":
            return
        selected = self.reader.browser.textCursor().selectedText().replace("\u2029", " ")
        if selected.strip():
            self._menu = {}
            session.read_text(selected, self.reader.page.lang)
        else:
            session.play(self.reader.cursor_sentence())

    def read_screen(self) -> None:
        """Away from a page, Read speaks what the screen is: its place and what to do; on the
        home screen then the topics as a numbered menu, each tile marked while it is said."""
        self._not_label()
        session = self.ensure_session()
        if session is None:
            return
        from desktop_app.core.sentences import split_sentences
        lang = self.state.settings.lang
        text = f"{self._where()}. {self.home.intro.text()}"
        lines = {}
        if self.state.location[0] == "home":
            for number, tile in enumerate(self.home.tiles_list(), 1):
                lines[_("Topic %(n)d, %(title)s.") % {"n": number, "title": tile.text()}] = tile
            text = " ".join([text, *lines])
        self._menu = {i: lines[sentence] for i, sentence in
                      enumerate(split_sentences(text, lang)) if sentence in lines}
        session.read_text(text, lang)
        self.bar.set_state(session.state)   # also when a button's name was still being said

    def _text_sentence_started(self, index: int) -> None:
        tile = self._menu.get(index)
        if tile is not None and tile.isVisible():
            from desktop_app.ui.focus import show_in_scroll_areas
            tile.setFocus(Qt.FocusReason.OtherFocusReason)   # the focus ring marks it
            show_in_scroll_areas(tile)

    def read(self, text: str, lang: str) -> None:
        """Read ``text`` aloud in ``lang`` (a picture's text, a preview)."""
        self._not_label()
        session = self.ensure_session()
        if session is not None:
            self._menu = {}
            session.read_text(text, lang)

    def try_voice(self, lang: str, voice: str | None, text: str) -> None:
        """Read ``text`` in ``lang`` with ``voice`` (an engine's voice id; None: the best for
        the language), which stays the voice of ``lang`` (a voice being chosen)."""
        session = self.ensure_session()
        if session is not None:
            session.set_voice_override(lang, voice)
            self.read(text, lang)

    def voices_source(self):
        """What knows the speech engine's voices (a ``speech.synth.Synthesizer``:
        ``voices()``, ``request_voices()`` and its answer ``sig_voices``), or None when there
        is no speech or no engine."""
        session = self.ensure_session()
        return session.synth if session is not None else None

    def speak(self, text: str) -> int:
        """Speak an interface text (a button's name) in the UI language, interrupting. Returns
        its id for ``sig_utterance_finished`` and ``still_speaking``; 0 when nothing is said
        (no speech, no text)."""
        session = self.ensure_session()
        if session is None or not text.strip():
            return 0
        self._end_utterance()
        self._menu = {}
        self._label = True
        self._utterances += 1
        self._speaking = utterance = self._utterances
        session.read_text(text, self.state.settings.lang)
        return utterance

    def still_speaking(self, utterance: int) -> bool:
        """The interface text ``speak()`` returned ``utterance`` for has not ended yet."""
        return bool(utterance) and utterance == self._speaking

    def _end_utterance(self) -> None:
        utterance, self._speaking = self._speaking, 0
        if utterance:
            self.sig_utterance_finished.emit(utterance)

    def _not_label(self) -> bool:
        """Other speech than an interface text starts: the one being said (if any) ends.
        True when one was being said."""
        was = self._speaking != 0
        self._label = False
        self._end_utterance()
        return was

    def _read_explanation(self, text: str) -> None:
        if self.reader.page is not None:
            self.read(text, self.reader.page.lang)

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop()

    def is_sounding(self) -> bool:
        """Something is being read aloud or about to be heard (not paused, not stopped)."""
        return self.session is not None and self.session.state in SOUNDING

    def is_reading_text(self) -> bool:
        """What is being said is a text (a control's name, a selection, the screen), not
        the page's sentences."""
        return self.session is not None and self.session.reading_text

    def reset_for_next_person(self) -> None:
        """The kiosk's reset: reading stops, and speech that failed to start gets a fresh try
        for the next person."""
        self.stop()
        self._failed = False

    def reading(self) -> bool:
        """A page, a selection or the screen is being read aloud, or paused (a button's name
        being said is not reading)."""
        return self.session is not None and not self._speaking \
            and self.session.state in UNDER_WAY

    def quiet(self) -> None:
        """A button's name being said stops (a reading goes on)."""
        if self._speaking and self.session is not None:
            self.session.stop()

    def stop_by_user(self) -> None:
        """The Stop button, Ctrl+. or Esc: reading stops and the keyboard goes to Read aloud,
        where reading goes on (not to a tile the reading had marked, nor nowhere because Stop
        hides)."""
        self.stop()
        read = self.bar.read_button
        if read.isVisible():
            read.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tapped(self, position: int) -> None:
        """A click or tap in the text while reading moves the reading there."""
        if self.session is not None and self.session.state in SOUNDING:
            self.session.play(self.reader.sentence_at(position))

    def _rate_changed(self, rate: int) -> None:
        self.state.change(speech_rate=rate)

    def _volume_changed(self, volume: int) -> None:
        self.state.change(speech_volume=volume)

    # -- session events --------------------------------------------------------------------
    def _page_shown(self, _page_id: str) -> None:
        """A new page stops the reading; the same text re-rendered (a new size or theme) keeps
        it, with the highlight moved to the new layout."""
        session = self.session
        if session is None:
            return
        sentences = self.reader.sentences()
        if [s.text for s in sentences] == [s.text for s in session.sentences] and \
                session.state in UNDER_WAY:
            self.reader.highlight(session.index)
        else:
            session.set_sentences(sentences)
            session.prepare()

    def _state_changed(self, state: str) -> None:
        if state in ENDED:
            self._end_utterance()   # an interface text being said ended with it
        if self._label and state in UNDER_WAY:
            return   # hearing a button's name is not reading: Pause and Stop do not appear
        self._label = False
        self.bar.set_state(state)
        if state in (ReadingState.IDLE, ReadingState.STOPPED) and self._reader.made() is not None:
            self.reader.highlight(-1)
        if state in SOUNDING and self._last_state in SOUNDING:
            message = ""  # the next sentence of the same reading
        else:
            message = {ReadingState.LOADING: _("Reading aloud"),
                       ReadingState.PLAYING: _("Reading aloud"),
                       ReadingState.PAUSED: _("Reading paused"),
                       ReadingState.STOPPED: _("Reading stopped")}.get(state)
        self._last_state = state
        if message and not (self.session and self.session.reading_text):
            announce(self.bar, message)

    def _error(self, message: str) -> None:
        self.bar.set_message(message)
        self._notify(message)

    def _page_finished(self) -> None:
        session = self.session
        if session is None or not session.continue_to_next_page:
            return
        following = self.state.next_page_id()
        if following and (self.may_read_on is None or self.may_read_on(following)):
            self.state.open_page(following)
            session.play(0)
