"""The reading session: a page's sentences read one by one, with prefetch and pauses.

Sentence i plays while i+1 and i+2 are synthesised; between sentences a single-shot QTimer
waits ``pause_ms(kind)``. Nothing here waits on the worker: results arrive as signals.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop_app.core.sentences import Sentence, split_sentences
from desktop_app.speech.engine import SynthJob, clamp_rate
from desktop_app.speech.normalize import pause_ms, speakable
from desktop_app.speech.player import Player
from desktop_app.speech.synth import Synthesizer
from desktop_app.speech.timings import load as load_timings
from desktop_app.speech.timings import sidecar
from desktop_app.speech.wordclock import WordClock
from desktop_app.speech.wordmap import shown_words

log = logging.getLogger(__name__)

STATES = ("idle", "loading", "playing", "paused", "stopped", "error")
STOP_MODES = ("none", "sentence", "paragraph")


class ReadingSession(QObject):
    """Reads a list of ``Sentence`` aloud.

    Signals: ``sig_sentence_started(int index)`` when a sentence's sound starts;
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
                 parent: QObject | None = None, prefetch: int = 2, pause_scale: float = 1.0):
        super().__init__(parent)
        self.synth = synthesizer or Synthesizer(self)
        self.player = player or Player(self)
        self.prefetch = prefetch
        self.pause_scale = pause_scale
        self._page: list[Sentence] = []
        self._queue: list[Sentence] = []      # the page, or the sentences of read_text()
        self._reading_text = False
        self._index = 0
        self._state = "idle"
        self._rate = 100
        self._overrides: dict[str, str] = {}
        self._stop_mode = "none"
        self._continue = False
        self._gen = 0                          # bumped when earlier results become stale
        self._ready: dict[int, str] = {}       # index -> sound file, for this generation
        self._requested: dict[int, str] = {}   # index -> job id, for this generation
        self._jobs: dict[str, tuple[int, int]] = {}  # job id -> (generation, index)
        self._resume_at = 0
        self._saved_index = 0                  # the page's place while read_text() speaks
        self._gap = QTimer(self)
        self._gap.setSingleShot(True)
        self._gap.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers fire up to 5 % early
        self._gap.timeout.connect(self._after_gap)
        self._words = WordClock(self)
        self._words.sig_word.connect(self.sig_word)
        self.synth.sig_ready.connect(self._on_ready)
        self.synth.sig_failed.connect(self._on_failed)
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
        self._invalidate()
        self._index = 0
        self._set_state("idle")

    def play(self, from_index: int = 0) -> None:
        """Read the page from sentence ``from_index`` (interrupting anything being read)."""
        self._halt()
        if self._reading_text:
            self._back_to_page()
        if not self._queue:
            self._set_state("idle")
            return
        self._start(max(0, min(from_index, len(self._queue) - 1)))

    def prepare(self, index: int = 0) -> None:
        """Synthesise the page's first speakable sentence from ``index`` ahead (when a page
        opens), so the first press of Read is heard at once."""
        if self._reading_text or self._state in ("playing", "loading"):
            return
        self._request(self._next_speakable(index))

    def is_prepared(self, index: int) -> bool:
        return index in self._ready

    def pause(self) -> None:
        if self._state == "playing":
            if self._gap.isActive():
                self._gap.stop()
                self._resume_at = self._index + 1
            elif self.player.is_playing():
                self.player.pause()
                self._words.pause()
                self._resume_at = -1  # resume the paused sound
            else:
                self._resume_at = self._index
            self._set_state("paused")
        elif self._state == "loading":
            self._resume_at = self._index
            self._set_state("paused")

    def resume(self) -> None:
        if self._state != "paused":
            return
        if self._resume_at == -1 and self.player.is_paused():
            self._set_state("playing")
            self.player.resume()
            self._words.resume()
        elif self._resume_at >= len(self._queue):
            self._end_of_queue()
        else:
            self._start(self._index if self._resume_at < 0 else self._resume_at)

    def toggle(self) -> None:
        if self._state in ("playing", "loading"):
            self.pause()
        elif self._state == "paused":
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
        self._set_state("stopped" if self._state != "idle" else "idle")

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
        self._invalidate()
        self._start(0)

    def set_rate(self, percent: int) -> None:
        rate = clamp_rate(percent)
        if rate != self._rate:
            self._rate = rate
            self._invalidate()
            self._prefetch_from(self._index)

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
            self._invalidate()
            self._prefetch_from(self._index)

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
        self._gap.stop()
        self.player.stop()
        self._words.stop()

    def _invalidate(self) -> None:
        """Prepared sounds no longer fit (new page, rate or voice): forget them."""
        self._gen += 1
        for job_id in list(self._jobs):
            self.synth.cancel(job_id)
        self._jobs.clear()
        self._ready.clear()
        self._requested.clear()

    def _back_to_page(self) -> None:
        self._queue = self._page
        self._reading_text = False
        self._invalidate()
        self._index = min(self._saved_index, max(0, len(self._page) - 1))

    def _request(self, index: int, urgent: bool = False) -> None:
        if index in self._ready or index in self._requested or index >= len(self._queue):
            return
        sentence = self._queue[index]
        job = SynthJob(text=sentence.text, lang=sentence.lang, rate=self._rate,
                       voice_id=self._overrides.get(sentence.lang))
        job_id = self.synth.request(job, urgent=urgent)
        self._requested[index] = job_id
        self._jobs[job_id] = (self._gen, index)

    def _prefetch_from(self, index: int) -> None:
        for ahead in range(1, self.prefetch + 1):
            self._request(index + ahead)

    def _next_speakable(self, index: int) -> int:
        """``index``, or the next sentence after it with something to say (not a lone dash
        or an empty block); ``len(queue)`` if there is none."""
        while index < len(self._queue) and not speakable(self._queue[index].text,
                                                          self._queue[index].lang):
            index += 1
        return index

    def _start(self, index: int) -> None:
        index = self._next_speakable(index)
        if index >= len(self._queue):
            self._end_of_queue()
            return
        self._index = index
        if index in self._ready:
            self._begin(index)
        else:
            self._set_state("loading")
            self._request(index, urgent=True)
            self._prefetch_from(index)

    def _begin(self, index: int) -> None:
        self._set_state("playing")
        path = self._ready[index]
        self.player.play(path)
        if self._reading_text:
            self.sig_text_sentence_started.emit(index)
        else:
            self.sig_sentence_started.emit(index)
            words = load_timings(sidecar(path))
            if words:
                self._words.start(index, shown_words(self._queue[index].text, words))
        self._prefetch_from(index)

    def _on_ready(self, job_id: str, path: str) -> None:
        entry = self._jobs.pop(job_id, None)
        if entry is None or entry[0] != self._gen:
            return
        index = entry[1]
        self._requested.pop(index, None)
        self._ready[index] = path
        if self._state == "loading" and index == self._index:
            self._begin(index)

    def _on_failed(self, job_id: str, message: str) -> None:
        entry = self._jobs.pop(job_id, None)
        if entry is None or entry[0] != self._gen:
            return
        index = entry[1]
        self._requested.pop(index, None)  # a failed prefetch is tried again when needed
        if self._state == "loading" and index == self._index:
            self._fail(message)

    def _fail(self, message: str) -> None:
        self._halt()
        self._set_state("error")
        self.sig_error.emit(message)

    def _on_player_error(self, message: str) -> None:
        if self._state in ("playing", "loading", "paused"):
            self._fail(message)

    def _on_position(self, ms: int) -> None:
        if self._state == "playing" and not self._reading_text:
            self.sig_progress.emit(self._index, ms)

    def _on_finished(self) -> None:
        if self._state != "playing" or self._gap.isActive():
            return
        self._words.stop()
        index = self._index
        sentence = self._queue[index]
        last = index + 1 >= len(self._queue)
        if not self._reading_text and not last and (
                self._stop_mode == "sentence" or (
                    self._stop_mode == "paragraph"
                    and self._queue[index + 1].block != sentence.block)):
            self._index = index + 1
            self._set_state("stopped")
            return
        if last:
            self._end_of_queue()
            return
        self._request(index + 1, urgent=True)
        self._gap.start(int(pause_ms(sentence.kind) * self.pause_scale))

    def _after_gap(self) -> None:
        if self._state == "playing":
            self._start(self._index + 1)

    def _end_of_queue(self) -> None:
        if self._reading_text:
            self._back_to_page()
            self._set_state("stopped" if self._page else "idle")
            self.sig_text_finished.emit()
            return
        self._index = 0
        self._set_state("idle")
        self.sig_page_finished.emit()
