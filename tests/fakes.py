"""One stand-in per interface the app talks to, for tests and benchmarks that need no sound.

``FakeSession`` stands in for ``speech/session.py`` ``ReadingSession``, ``FakeSynth`` for
``speech/synth.py`` ``Synthesizer``, ``FakeEngine`` for a pyttsx3 ``Engine`` and
``FakeStyleHints`` for Qt's ``QStyleHints`` (what the operating system asks for). Each has the
real class's signals, methods and properties with the same parameters (``tests/test_fakes.py``
checks that, and that everything the app uses on the real object is here), and records what it
was asked. What exists only for tests is listed in each class's ``TEST_ONLY``.
"""
from __future__ import annotations

import array
import itertools
import math
import threading
import wave
from types import SimpleNamespace

from PySide6.QtCore import QObject, QTimer, Signal


class FakeSession(QObject):
    """The reading session without sound. ``play`` and ``read_text`` start "playing" at once;
    with ``auto_finish`` they run to the end at once, otherwise they stay "playing" until
    stopped (or until a test calls ``finish_page``). ``fail_with`` makes ``play`` and
    ``read_text`` report that error instead. Records: ``calls`` (every command with its
    arguments, in order), ``spoken`` ((text, lang) of ``read_text``), ``played`` (the sentence
    each ``play`` started from), ``volume`` and ``overrides`` (voice per language); with
    ``record=False`` it keeps no lists that grow (for the soak run)."""

    TEST_ONLY = ("auto_finish", "record", "fail_with", "calls", "spoken", "played", "volume",
                 "overrides", "finish_page")

    sig_sentence_started = Signal(int)
    sig_text_sentence_started = Signal(int)
    sig_state_changed = Signal(str)
    sig_error = Signal(str)
    sig_progress = Signal(int, int)
    sig_page_finished = Signal()
    sig_text_finished = Signal()
    sig_word = Signal(int, int, int)

    def __init__(self, auto_finish: bool = False, synth: FakeSynth | None = None,
                 record: bool = True):
        super().__init__()
        self.synth = synth
        self.auto_finish = auto_finish
        self.record = record
        self.fail_with = ""
        self.calls: list[tuple] = []
        self.spoken: list[tuple[str, str]] = []
        self.played: list[int] = []
        self.volume: int | None = None
        self.overrides: dict[str, str | None] = {}
        self._page: list = []
        self._index = 0
        self._state = "idle"
        self._rate = 100
        self._reading_text = False
        self._continue = False

    # -- properties, as the real session's ----------------------------------------------------
    state = property(lambda self: self._state)
    index = property(lambda self: self._index)
    sentences = property(lambda self: list(self._page))
    continue_to_next_page = property(lambda self: self._continue)
    reading_text = property(lambda self: self._reading_text)

    # -- commands ------------------------------------------------------------------------------
    def set_sentences(self, sentences) -> None:
        self._note("set_sentences", len(sentences))
        self._page, self._index, self._reading_text = list(sentences), 0, False
        self._set_state("idle")

    def play(self, from_index: int = 0) -> None:
        self._note("play", from_index)
        self._reading_text = False
        if self._failed() or not self._page:
            return
        self._index = max(0, min(from_index, len(self._page) - 1))
        if self.record:
            self.played.append(self._index)
        self._set_state("playing")
        self.sig_sentence_started.emit(self._index)
        if self.auto_finish:
            for i in range(self._index + 1, len(self._page)):
                self._index = i
                self.sig_sentence_started.emit(i)
            self._index = 0
            self._set_state("idle")
            self.sig_page_finished.emit()

    def prepare(self, index: int = 0) -> None:
        self._note("prepare", index)

    def read_text(self, text: str, lang: str) -> None:
        self._note("read_text", text, lang)
        if self._failed():
            return
        if self.record:
            self.spoken.append((text, lang))
        self._reading_text = True
        self._set_state("playing")
        if self.auto_finish:
            self._reading_text = False
            self._set_state("stopped" if self._page else "idle")
            self.sig_text_finished.emit()

    def pause(self) -> None:
        self._note("pause")
        if self._state == "playing":
            self._set_state("paused")

    def resume(self) -> None:
        self._note("resume")
        if self._state == "paused":
            self._set_state("playing")

    def toggle(self) -> None:
        self._note("toggle")
        if self._state == "playing":
            self.pause()
        elif self._state == "paused":
            self.resume()
        else:
            self.play(self._index)

    def stop(self) -> None:
        self._note("stop")
        self._reading_text = False
        self._set_state("stopped" if self._state != "idle" else "idle")

    def next(self) -> None:
        self._note("next")
        self.play(self._index + 1)

    def previous(self) -> None:
        self._note("previous")
        self.play(max(0, self._index - 1))

    def repeat(self) -> None:
        self._note("repeat")
        self.play(self._index)

    def set_rate(self, percent: int) -> None:
        self._note("set_rate", percent)
        self._rate = percent

    def rate(self) -> int:
        return self._rate

    def set_volume(self, percent: int) -> None:
        self._note("set_volume", percent)
        self.volume = percent

    def set_voice_override(self, lang: str, voice_id: str | None) -> None:
        self._note("set_voice_override", lang, voice_id)
        self.overrides[lang] = voice_id

    def set_stop_mode(self, mode: str) -> None:
        self._note("set_stop_mode", mode)

    def set_continue_to_next_page(self, on: bool) -> None:
        self._note("set_continue_to_next_page", on)
        self._continue = bool(on)

    # -- for tests -----------------------------------------------------------------------------
    def finish_page(self) -> None:
        """The page has been read to its end (as the real session reports it)."""
        self._set_state("idle")
        self.sig_page_finished.emit()

    def _note(self, *call) -> None:
        if self.record:
            self.calls.append(call)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.sig_state_changed.emit(state)

    def _failed(self) -> bool:
        if self.fail_with:
            self._set_state("error")
            self.sig_error.emit(self.fail_with)
            return True
        return False


class FakeSynth(QObject):
    """The synthesiser without an engine. With ``wav`` every request is answered on the next
    turn of the event loop with that sound file (a sentence ready at once); without, requests
    stay unanswered. ``voices()`` is ``None`` (not known yet) until ``request_voices()``, which
    answers ``sig_voices`` with ``voice_list``. Records ``jobs`` (the ``SynthJob``s requested),
    ``cancelled`` (job ids) and ``asked`` (how often the voices were asked for)."""

    TEST_ONLY = ("wav", "voice_list", "jobs", "cancelled", "asked")

    sig_ready = Signal(str, str)
    sig_failed = Signal(str, str)
    sig_voices = Signal(list)

    def __init__(self, wav: str | None = None, voice_list=()):
        super().__init__()
        self.wav = str(wav) if wav is not None else None
        self.voice_list = list(voice_list)
        self.jobs: list = []
        self.cancelled: list[str] = []
        self.asked = 0
        self._known: list | None = None
        self._ids = itertools.count(1)

    def request(self, job, urgent: bool = False) -> str:
        job_id = job.job_id or f"job-{next(self._ids)}"
        self.jobs.append(job)
        if self.wav is not None:
            wav = self.wav
            QTimer.singleShot(0, self, lambda: self.sig_ready.emit(job_id, wav))
        return job_id

    def cancel(self, job_id: str) -> None:
        self.cancelled.append(job_id)

    def voices(self) -> list | None:
        return None if self._known is None else list(self._known)

    def request_voices(self) -> None:
        self.asked += 1
        self._known = list(self.voice_list)
        self.sig_voices.emit(list(self.voice_list))


class FakeEngine:
    """A pyttsx3 engine that writes a short tone for each ``save_to_file`` + ``runAndWait``,
    or fails (``fail``: raised by ``runAndWait``), or waits for ``block`` first. ``voices`` are
    (id, name, languages); the engine reports 200 words a minute. Records
    ``said``: (voice id, text) of each sound made."""

    TEST_ONLY = ("frames", "fail", "block", "said", "voice")

    driver_name = "fake"

    def __init__(self, voices=(("gmw/en", "English", ["en-gb"]),), frames: int = 4410,
                 fail: BaseException | None = None, block: threading.Event | None = None):
        self._voices = [SimpleNamespace(id=i, name=n, languages=list(ls)) for i, n, ls in voices]
        self.frames, self.fail, self.block = frames, fail, block
        self.said: list[tuple[str | None, str]] = []
        self.voice: str | None = None
        self._job: tuple[str, str] | None = None

    def getProperty(self, name: str) -> object:  # noqa: N802 - pyttsx3's API
        return {"voices": self._voices, "rate": 200, "voice": self.voice}[name]

    def setProperty(self, name: str, value) -> None:  # noqa: N802
        if name == "voice":
            self.voice = value

    def isBusy(self) -> bool:  # noqa: N802
        return False

    def save_to_file(self, text: str, filename: str, name: str | None = None) -> None:
        self._job = (text, filename)

    def runAndWait(self) -> None:  # noqa: N802
        if self.block is not None:
            self.block.wait(10)
        if self.fail is not None:
            raise self.fail
        text, filename = self._job
        self.said.append((self.voice, text))
        with wave.open(filename, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(array.array(
                "h", (int(8000 * math.sin(i / 8)) for i in range(self.frames))).tobytes())


class FakeAccessibilityHints:
    """Qt's ``QAccessibilityHints`` with the contrast preference given."""

    def __init__(self, contrast):
        self._contrast = contrast

    def contrastPreference(self):  # noqa: N802 - Qt's name
        return self._contrast


class FakeStyleHints:
    """Qt's ``QStyleHints`` with the colour scheme and contrast preference given (the offscreen
    platform cannot be told them)."""

    def __init__(self, scheme, contrast):
        self._scheme = scheme
        self._accessibility = FakeAccessibilityHints(contrast)

    def colorScheme(self):  # noqa: N802 - Qt's name
        return self._scheme

    def accessibility(self) -> FakeAccessibilityHints:
        return self._accessibility
