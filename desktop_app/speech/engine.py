"""One pyttsx3 engine on one dedicated worker thread (no Qt).

Every engine call happens on the worker thread: pyttsx3's drivers are not thread-safe, SAPI5 is
COM (apartment-bound), and pyttsx3 caches one engine per driver name per process. Work is sent
as callables taking an :class:`EngineContext`; each returns a ``concurrent.futures.Future``.
The thread is a daemon, so a driver that hangs cannot keep the program from exiting.
"""
from __future__ import annotations

import collections
import hashlib
import logging
import os
import sys
import threading
import time
import wave
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from desktop_app.core.settings import RANGES
from desktop_app.i18n import _
from desktop_app.speech import timings
from desktop_app.speech.normalize import speakable
from desktop_app.speech.voices import Voice, missing_voice_message, voice_for

log = logging.getLogger(__name__)

RATE_MIN, RATE_MAX = RANGES["speech_rate"].low, RANGES["speech_rate"].high
ESPEAK_DEFAULT_WPM = 175  # espeak-ng's own default; pyttsx3 sets 200 on init


class EngineError(Exception):
    """A failure with a user-facing message (already translated, in plain words) as
    ``str(error)``; the technical cause is logged where it happens."""


class NoVoiceError(EngineError):
    def __init__(self, lang: str):
        super().__init__(missing_voice_message(lang))
        self.lang = lang


@dataclass(frozen=True)
class SynthJob:
    """What to say: display ``text`` in ``lang``; ``voice_id`` overrides the automatic choice;
    ``rate`` in percent of the engine's default speed (50–200)."""

    text: str
    lang: str
    voice_id: str | None = None
    rate: int = 100
    job_id: str = ""
    normalize: bool = True


def clamp_rate(percent: int | float) -> int:
    return int(max(RATE_MIN, min(RATE_MAX, round(percent))))


def cache_key(driver: str, voice_id: str, wpm: int, text: str) -> str:
    return hashlib.sha256("\0".join((driver, voice_id, str(wpm), text)).encode()).hexdigest()


def default_engine_factory() -> Any:
    import pyttsx3
    if sys.platform == "win32":
        from desktop_app.speech import sapi
        sapi.prepare_driver_module()
        engine = pyttsx3.init()
        sapi.after_start(engine)
        return engine
    return pyttsx3.init()


def engine_unavailable_message(detail: str) -> str:
    """What a person is told when no voice can be started at all. ``detail`` and what staff
    can do about it go to the log."""
    if sys.platform.startswith("linux"):
        log.warning("speech engine could not start (%s); install espeak-ng "
                    "(Debian/Ubuntu: sudo apt install espeak-ng) and restart", detail)
    else:
        log.warning("speech engine could not start (%s); check the system's speech voices",
                    detail)
    return _("Reading aloud does not work on this computer. Ask someone to install a voice "
             "on the computer. Then start the program again.")


def speech_broken_message(detail: str) -> str:
    """What a person is told when a sentence could not be prepared; ``detail`` is logged."""
    log.warning("speech failed: %s", detail)
    return _("Reading aloud does not work right now. Try again, or ask someone for help.")


def wav_frames(path: str | os.PathLike) -> int:
    """Number of audio frames in a WAV file; 0 if it is missing, empty or not a WAV."""
    try:
        if os.path.getsize(path) <= 44:
            return 0
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes()
    except (OSError, EOFError, wave.Error):
        return 0


def has_sound(path: str | os.PathLike) -> bool:
    """Does ``path`` hold audio: a WAV with frames, or (macOS) a non-trivial AIFF?"""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
        if head == b"FORM":
            return os.path.getsize(path) > 512
    except OSError:
        return False
    return wav_frames(path) > 0


def _quiet_driver_prints() -> None:
    """pyttsx3's espeak driver prints "Audio saved to ..." on stdout; the CLI's stdout is data."""
    module = sys.modules.get("pyttsx3.drivers.espeak")
    if module is not None:
        module.print = lambda *args, **kwargs: None


def _espeak_idle(limit_s: float = 2.0) -> None:
    """Wait until espeak-ng's command queue is empty (its own Synchronize polls every 20 ms)."""
    from pyttsx3.drivers import _espeak
    deadline = time.monotonic() + limit_s
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.001)


class EngineContext:
    """The engine and what is known about it. Used only on the worker thread."""

    def __init__(self, factory: Callable[[], Any]):
        self._factory = factory
        self.engine: Any = None
        self.driver = ""
        self.base_wpm = ESPEAK_DEFAULT_WPM
        self.ext = ".wav"  # macOS's nsss writes AIFF whatever the name says
        self._voices: list[Voice] | None = None
        self.error: EngineError | None = None
        self._words: timings.WordCapture | None = None
        self.last_words: list[timings.WordTiming] | None = None

    def start(self) -> Any:
        if self.engine is not None:
            return self.engine
        if self.error is not None:
            raise self.error
        try:
            engine = self._factory()
        except Exception as exc:  # noqa: BLE001 - any driver failure
            log.warning("speech engine failed to start: %r", exc)
            self.error = EngineError(engine_unavailable_message(str(exc) or type(exc).__name__))
            raise self.error from exc
        _quiet_driver_prints()
        self.engine = engine
        self.driver = str(getattr(engine, "driver_name", "") or type(engine).__name__)
        self.ext = ".aiff" if self.driver == "nsss" else ".wav"
        self._words = timings.attach(engine, self.driver)
        if self.driver != "espeak":
            try:
                self.base_wpm = int(engine.getProperty("rate")) or ESPEAK_DEFAULT_WPM
            except Exception:  # noqa: BLE001
                self.base_wpm = ESPEAK_DEFAULT_WPM
        return engine

    def reset(self) -> None:
        """Drop the engine so the next job makes a fresh one (after a silent result)."""
        try:
            import pyttsx3
            pyttsx3._activeEngines.pop(self.driver, None)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            pass
        self.engine = None

    def voices(self) -> list[Voice]:
        if self._voices is None:
            engine = self.start()
            found = []
            for v in engine.getProperty("voices") or []:
                languages = tuple(
                    lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang)
                    for lang in (getattr(v, "languages", None) or ()))
                found.append(Voice(str(v.id), str(getattr(v, "name", "") or v.id), languages))
            self._voices = found
        return self._voices

    def plan(self, job: SynthJob) -> tuple[str, Voice, int]:
        """The text to speak, the voice and the words per minute for ``job``."""
        text = speakable(job.text, job.lang) if job.normalize else " ".join(job.text.split())
        if not text:
            raise EngineError(_("There is nothing to read here."))
        voice = voice_for(job.lang, self.voices(), job.voice_id)
        if voice is None:
            raise NoVoiceError(job.lang)
        return text, voice, round(self.base_wpm * clamp_rate(job.rate) / 100)

    def _apply(self, engine: Any, voice_id: str, wpm: int) -> None:
        """Set voice and speed. espeak-ng applies parameters asynchronously: unless we wait for
        it to be idle, a sentence is sometimes spoken at the previous speed or voice."""
        espeak = self.driver == "espeak"
        if espeak:
            _espeak_idle()
        for _attempt in (1, 2):
            engine.setProperty("voice", voice_id)
            engine.setProperty("rate", wpm)
            if not espeak or engine.isBusy():
                return  # queued until runAndWait (first run): applied in order there
            _espeak_idle()
            if engine.getProperty("rate") == wpm and engine.getProperty("voice") == voice_id:
                return
        log.warning("speech engine did not take voice %s at %d wpm", voice_id, wpm)

    def render(self, job: SynthJob, out_path: str | os.PathLike) -> Path:
        """Synthesise ``job`` into the WAV file ``out_path``; raise EngineError on failure.
        ``last_words`` then holds where each spoken word falls in it (``None`` where the
        engine gives no word positions)."""
        text, voice, wpm = self.plan(job)
        self.last_words = None
        out = Path(out_path)
        with open(out, "wb"):  # fail here, not inside the driver's callback
            pass
        for attempt in (1, 2):
            engine = self.start()
            try:
                self._apply(engine, voice.id, wpm)
                words = self._words
                if words is not None:
                    words.begin()
                engine.save_to_file(text, str(out))
                engine.runAndWait()
            except Exception as exc:  # noqa: BLE001 - driver errors become messages
                raise EngineError(speech_broken_message(f"speech engine error: {exc!r}")) \
                    from exc
            if has_sound(out):
                if words is not None:
                    self.last_words = words.finish(text, out)
                return out
            if attempt == 1:
                self.reset()  # pyttsx3 2.99 + SAPI5: later runs can be silent (#402)
        raise EngineError(speech_broken_message(f"no sound from {self.driver} for {text!r}"))


class EngineWorker:
    """A daemon thread that runs submitted callables, in order, with one EngineContext."""

    def __init__(self, factory: Callable[[], Any] | None = None, name: str = "speech-engine"):
        self.context = EngineContext(factory or default_engine_factory)
        self._queue: collections.deque[tuple[Future, Callable]] = collections.deque()
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def submit(self, fn: Callable[[EngineContext], Any], front: bool = False) -> Future:
        """Run ``fn(context)`` on the worker; ``front`` puts it before the waiting jobs."""
        future: Future = Future()
        with self._cond:
            if front:
                self._queue.appendleft((future, fn))
            else:
                self._queue.append((future, fn))
            self._cond.notify()
        return future

    def voices(self, timeout: float | None = None) -> list[Voice]:
        if threading.current_thread() is self._thread:
            return self.context.voices()
        return self.submit(lambda ctx: ctx.voices(), front=True).result(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue:
                    self._cond.wait()
                future, fn = self._queue.popleft()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(self.context)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                future.set_exception(exc)
            else:
                future.set_result(result)


_shared: EngineWorker | None = None
_shared_lock = threading.Lock()


def shared_worker() -> EngineWorker:
    """The process's one worker with the real pyttsx3 engine."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = EngineWorker()
        return _shared
