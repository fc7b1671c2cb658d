"""The reading session: a page's sentences read aloud as one continuous voice.

``read`` plans what to say (``speech/sequence.py``: the sentences from a place, with the pause
after each), asks the synthesiser for each utterance a few ahead, and hands each one's sound
and pause to the player as soon as it is ready, before the one before it has been heard. The
player reports the marks as the sound reaches them: the start of each sentence (the sentence
highlight), each word (the word highlight) and the end of its speech. Nothing here waits on
the worker or the output: results and marks arrive as signals.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop_app.core.sentences import Sentence, split_sentences
from desktop_app.speech.engine import SynthJob, clamp_rate
from desktop_app.speech.pcm import SoundFileError, read_pcm
from desktop_app.speech.player import Player, broken_message
from desktop_app.speech.prepared import Prepared
from desktop_app.speech.state import SOUNDING, UNDER_WAY, ReadingState
from desktop_app.speech.sequence import STOP_MODES, Utterance, plan, segment
from desktop_app.speech.synth import Synthesizer
from desktop_app.speech.timings import load as load_timings
from desktop_app.speech.timings import sidecar
from desktop_app.speech.wordmap import shown_words

log = logging.getLogger(__name__)

STATES = tuple(ReadingState)
__all__ = ["ReadingSession", "STATES", "STOP_MODES"]


class ReadingSession(QObject):
    """Reads a list of ``Sentence`` aloud.

    Signals: ``sig_sentence_started(int index)`` when a sentence starts being heard;
    ``sig_text_sentence_started(int index)`` the same for a ``read_text`` utterance's sentences;
    ``sig_state_changed(str state)`` (one of ``STATES``); ``sig_error(str message)``, translated;
    ``sig_progress(int index, int ms_into_sentence)``; ``sig_page_finished()`` after the last
    sentence; ``sig_text_finished()`` when a ``read_text`` utterance has been spoken;
    ``sig_word(int index, int char, int length)`` as each word of sentence ``index`` is heard
    (where the engine gives word timings), ``sig_word(-1, 0, 0)`` when no word is.
    """

    sig_sentence_started = Signal(int)
    sig_text_sentence_started = Signal(int)
    sig_state_changed = Signal(str)
    sig_error = Signal(str)
    sig_progress = Signal(int, int)
    sig_page_finished = Signal()
    sig_text_finished = Signal()
    sig_word = Signal(int, int, int)

    def __init__(self, synthesizer: Synthesizer | None = None, player: Player | None = None,
                 parent: QObject | None = None, prefetch: int = 3, pause_scale: float = 1.0):
        super().__init__(parent)
        self.synth = synthesizer or Synthesizer(self)
        self.player = player or Player(self)
        self.prefetch = max(1, prefetch)
        self.pause_scale = pause_scale
        self._page: list[Sentence] = []
        self._queue: list[Sentence] = []      # the page, or the sentences of read_text()
        self._reading_text = False
        self._index = 0                        # the sentence being heard (or next to be)
        self._state = ReadingState.IDLE
        self._rate = 100
        self._overrides: dict[str, str] = {}
        self._stop_mode = "none"
        self._continue = False
        self._plan: list[Utterance] = []       # what this reading says, in order
        self._handed = 0                       # how many of the plan the player has
        self._spans: dict[int, tuple[int, int]] = {}   # index -> (start, end) ms in the stream
        self._sounds = Prepared(self.synth, self)
        self._saved_index = 0                  # the page's place while read_text() speaks
        self._sounds.sig_ready.connect(lambda _index: self._hand_over())
        self._sounds.sig_failed.connect(self._on_failed)
        self.player.sig_mark.connect(self._on_mark)
        self.player.sig_finished.connect(self._on_finished)
        self.player.sig_position.connect(self._on_position)
        self.player.sig_error.connect(self._on_player_error)

    # -- properties ------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def index(self) -> int:
        return self._index

    @property
    def sentences(self) -> list[Sentence]:
        return list(self._page)

    @property
    def continue_to_next_page(self) -> bool:
        return self._continue

    @property
    def reading_text(self) -> bool:
        """True while a ``read_text`` utterance (not the page) is being read."""
        return self._reading_text

    # -- commands --------------------------------------------------------------------------
    def set_sentences(self, sentences: list[Sentence]) -> None:
        """A new page: stops reading and forgets what was prepared."""
        self._halt()
        self._page = list(sentences)
        self._queue = self._page
        self._reading_text = False
        self._sounds.forget()
        self._index = 0
        self._set_state(ReadingState.IDLE)

    def play(self, from_index: int = 0) -> None:
        """Read the page from sentence ``from_index`` (interrupting anything being read)."""
        self._halt()
        if self._reading_text:
            self._back_to_page()
        if not self._queue:
            self._set_state(ReadingState.IDLE)
            return
        self._start(max(0, min(from_index, len(self._queue) - 1)))

    def prepare(self, index: int = 0) -> None:
        """Synthesise the page's first speakable sentence from ``index`` ahead (when a page
        opens), so the first press of Read is heard at once."""
        if self._reading_text or self._state in SOUNDING:
            return
        upcoming = plan(self._queue, index, "sentence")
        if upcoming:
            self._request(upcoming[0])

    def is_prepared(self, index: int) -> bool:
        return self._sounds.path(index) is not None

    def sound_file(self, index: int) -> str | None:
        """The engine's sound file made for sentence ``index`` (for measuring what is heard)."""
        return self._sounds.path(index)

    def pause(self) -> None:
        if self._state in SOUNDING:
            self.player.pause()
            self._set_state(ReadingState.PAUSED)

    def resume(self) -> None:
        if self._state != ReadingState.PAUSED:
            return
        if self.player.is_paused():
            self._set_state(ReadingState.PLAYING)
            self.player.resume()
        else:
            self._set_state(ReadingState.LOADING)
        self._hand_over()

    def toggle(self) -> None:
        if self._state in SOUNDING:
            self.pause()
        elif self._state == ReadingState.PAUSED:
            self.resume()
        elif self._reading_text:
            self.play(self._index)
        else:
            self.play(self._index if self._index < len(self._queue) else 0)

    def stop(self) -> None:
        """Stop reading; the current sentence stays marked, and Read continues from it."""
        self._halt()
        if self._reading_text:
            self._back_to_page()
        self._set_state(ReadingState.IDLE if self._state == ReadingState.IDLE
                        else ReadingState.STOPPED)

    def next(self) -> None:
        if self._reading_text:
            return
        if self._index + 1 < len(self._queue):
            self.play(self._index + 1)

    def previous(self) -> None:
        if self._reading_text:
            return
        self.play(max(0, self._index - 1))

    def repeat(self) -> None:
        if self._reading_text:
            self._halt()
            self._start(self._index)
        else:
            self.play(self._index)

    def read_text(self, text: str, lang: str) -> None:
        """Speak ``text`` (a selection, a label) now, interrupting the page; the page's place
        is kept. Ends with ``sig_text_finished``."""
        self._halt()
        parts = split_sentences(text, lang) or ([text] if text.strip() else [])
        if not parts:
            return
        if not self._reading_text:
            self._saved_index = self._index
        self._queue = [Sentence(i, part, lang, 0, "paragraph") for i, part in enumerate(parts)]
        self._reading_text = True
        self._sounds.forget()
        self._start(0)

    def set_rate(self, percent: int) -> None:
        rate = clamp_rate(percent)
        if rate != self._rate:
            self._rate = rate
            self._respeak_after_current()

    def rate(self) -> int:
        return self._rate

    def set_volume(self, percent: int) -> None:
        self.player.set_volume(percent)

    def set_voice_override(self, lang: str, voice_id: str | None) -> None:
        if self._overrides.get(lang) != voice_id:
            if voice_id:
                self._overrides[lang] = voice_id
            else:
                self._overrides.pop(lang, None)
            self._respeak_after_current()

    def set_stop_mode(self, mode: str) -> None:
        """``none`` reads on; ``sentence`` or ``paragraph`` stops after one."""
        if mode not in STOP_MODES:
            raise ValueError(f"unknown stop mode {mode!r}")
        self._stop_mode = mode

    def set_continue_to_next_page(self, on: bool) -> None:
        """Remembered for the UI, which loads the next page on ``sig_page_finished``."""
        self._continue = bool(on)

    # -- the machinery ---------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.sig_state_changed.emit(state)

    def _halt(self) -> None:
        had_words = bool(self._spans)
        self.player.stop()
        self._plan, self._handed, self._spans = [], 0, {}
        if had_words:
            self.sig_word.emit(-1, 0, 0)

    def _respeak_after_current(self) -> None:
        """A new rate or voice: what the output already has is heard as it is (at least the
        sentence being heard); the sentences after it are made again and replace the rest."""
        self._sounds.forget()
        if not self._plan:
            return
        heard = self._plan_position(self._index)
        ends = [self._spans[u.index][1] for u in self._plan[heard:self._handed]]
        end = self.player.truncate(ends) if ends else 0
        kept = [u for u in self._plan[:self._handed] if self._spans[u.index][1] <= end]
        for utterance in self._plan[len(kept):self._handed]:
            self._spans.pop(utterance.index, None)
        self._handed = len(kept)
        self._request_ahead()

    def _back_to_page(self) -> None:
        self._queue = self._page
        self._reading_text = False
        self._sounds.forget()
        self._index = min(self._saved_index, max(0, len(self._page) - 1))

    def _job(self, utterance: Utterance) -> SynthJob:
        return SynthJob(text=utterance.text, lang=utterance.lang, rate=self._rate,
                        voice_id=self._overrides.get(utterance.lang))

    def _request(self, utterance: Utterance, urgent: bool = False) -> None:
        self._sounds.request(utterance.index, self._job(utterance), urgent)

    def _request_ahead(self) -> None:
        """Ask for the next utterances not yet handed to the player: the first of them
        urgently, and as many as ``prefetch`` beyond the one being heard."""
        heard = self._plan_position(self._index)
        last = max(heard + self.prefetch, self._handed)
        for position in range(self._handed, min(last + 1, len(self._plan))):
            self._request(self._plan[position], urgent=position == self._handed)

    def _plan_position(self, index: int) -> int:
        return next((k for k, u in enumerate(self._plan) if u.index >= index), len(self._plan))

    def _start(self, index: int) -> None:
        stop_mode = "none" if self._reading_text else self._stop_mode
        self._plan = plan(self._queue, index, stop_mode, self.pause_scale)
        self._handed, self._spans = 0, {}
        if not self._plan:
            self._end_of_queue()
            return
        self._index = self._plan[0].index
        self._set_state(ReadingState.PLAYING if self.is_prepared(self._index)
                        else ReadingState.LOADING)
        self._request_ahead()
        self._hand_over()

    def _hand_over(self) -> None:
        """Give the player every prepared utterance up to ``prefetch`` beyond the one being
        heard, so the next sound and its pause are there before the current one ends."""
        if self._state not in SOUNDING:
            return
        limit = self._plan_position(self._index) + self.prefetch
        while self._handed < len(self._plan) and self._handed <= limit:
            utterance = self._plan[self._handed]
            path = self._sounds.path(utterance.index)
            if path is None:
                break
            if not self._give(utterance, path):
                return
            self._handed += 1
        if self._handed and self._state == ReadingState.LOADING and self.player.is_playing():
            self._set_state(ReadingState.PLAYING)
        self._request_ahead()

    def _give(self, utterance: Utterance, path: str) -> bool:
        try:
            pcm = read_pcm(path)
        except (OSError, SoundFileError) as exc:
            self._fail(broken_message(str(exc)))
            return False
        heard = () if self._reading_text else load_timings(sidecar(path))
        part = segment(utterance, pcm, shown_words(utterance.text, heard) if heard else ())
        start = self.player.queue(part.pcm, part.marks(), part.pause_ms)
        if start is None:
            return False       # the player reports why
        self._spans[utterance.index] = (start, start + part.speech_ms + part.pause_ms)
        return True

    def _on_failed(self, index: int, message: str) -> None:
        waiting = self._handed < len(self._plan) and self._plan[self._handed].index == index
        if waiting and self._state == ReadingState.LOADING and not self.player.is_playing():
            self._fail(message)

    def _fail(self, message: str) -> None:
        self._halt()
        self._set_state(ReadingState.ERROR)
        self.sig_error.emit(message)

    def _on_player_error(self, message: str) -> None:
        if self._state in UNDER_WAY:
            self._fail(message)

    def _on_mark(self, payload) -> None:
        kind, index = payload[0], payload[1]
        if kind == "start":
            self._index = index
            if self._reading_text:
                self.sig_text_sentence_started.emit(index)
            else:
                self.sig_sentence_started.emit(index)
            self._hand_over()
        elif kind == "word":
            self.sig_word.emit(index, payload[2], payload[3])
        else:
            self.sig_word.emit(-1, 0, 0)

    def _on_position(self, ms: int) -> None:
        span = self._spans.get(self._index)
        if self._state == ReadingState.PLAYING and not self._reading_text and span is not None:
            self.sig_progress.emit(self._index, max(0, ms - span[0]))

    def _on_finished(self) -> None:
        """The player has played all it was given."""
        if self._state not in SOUNDING:
            return
        if self._handed < len(self._plan):
            self._set_state(ReadingState.LOADING)   # the next sentence is still being made
            self._request_ahead()           # (again, if making it failed)
            return
        last = self._plan[-1].index if self._plan else self._index
        self._plan, self._handed, self._spans = [], 0, {}
        if not self._reading_text and last + 1 < len(self._queue) and self._stop_mode != "none":
            self._index = last + 1
            self._set_state(ReadingState.STOPPED)
            return
        self._end_of_queue()

    def _end_of_queue(self) -> None:
        if self._reading_text:
            self._back_to_page()
            self._set_state(ReadingState.STOPPED if self._page else ReadingState.IDLE)
            self.sig_text_finished.emit()
            return
        self._index = 0
        self._set_state(ReadingState.IDLE)
        self.sig_page_finished.emit()
