"""Sentence synthesis off the UI thread: ``Synthesizer`` (Qt signals) and a blocking helper.

One pyttsx3 engine lives on one worker thread (see ``engine.py``). A request is answered by
``sig_ready(job_id, path)`` or ``sig_failed(job_id, message)``, always later, on the UI thread.
Results are cached as sound files keyed by sha256(engine, voice, rate, spoken text).
"""
from __future__ import annotations

import itertools
import logging
import os
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from desktop_app.i18n import _
from desktop_app.speech import timings
from desktop_app.speech.cache import DEFAULT_LIMIT, WavCache, render_cached, unlink_quietly
from desktop_app.speech.engine import (EngineContext, EngineError, EngineWorker, SynthJob,
                                       cache_key, clamp_rate, shared_worker,
                                       speech_broken_message)
from desktop_app.speech.normalize import speakable
from desktop_app.speech.voices import Voice, voice_for

log = logging.getLogger(__name__)

__all__ = ["Synthesizer", "SynthJob", "synthesize_to_file", "EngineError"]

DEFAULT_TIMEOUT_S = 30.0


def _message(exc: BaseException) -> str:
    if isinstance(exc, EngineError):
        return str(exc)
    return speech_broken_message(str(exc) or type(exc).__name__)


class _Known:
    """What the worker learnt about the engine: (driver, base wpm, extension, voices)."""

    def __init__(self) -> None:
        self.value: tuple[str, int, str, list[Voice]] | None = None

    def publish(self, ctx: EngineContext) -> None:
        self.value = (ctx.driver, ctx.base_wpm, ctx.ext, list(ctx.voices()))


class _Relay(QObject):
    """Carries results from the worker to the UI thread. One per process, never deleted:
    work on the worker holds no reference to a ``Synthesizer``, so a Synthesizer is only ever
    destroyed on the UI thread, never by the worker dropping the last reference to it."""

    sig_done = Signal(int, str, str, str)   # owner, job id, path, error message
    sig_voices = Signal(int, object)        # owner, list[Voice]


_relay: _Relay | None = None
_owners = itertools.count(1)


def _get_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None and _relay.thread() is not app.thread():
            _relay.moveToThread(app.thread())
    return _relay


def _render(ctx: EngineContext, job: SynthJob, cache: WavCache, known: _Known) -> str:
    """On the worker: plan, look in the cache, render into it (moving folder if needed)."""
    ctx.plan(job)
    known.publish(ctx)
    return render_cached(ctx, job, cache)


def _deliver(relay: _Relay, owner: int, job_id: str, future: Future) -> None:
    """Done-callback, on the worker thread: hand the result to the UI thread."""
    if future.cancelled():
        return
    exc = future.exception()
    if exc is not None:
        log.info("speech job %s failed: %r", job_id, exc)
        relay.sig_done.emit(owner, job_id, "", _message(exc))
    else:
        relay.sig_done.emit(owner, job_id, future.result(), "")


class Synthesizer(QObject):
    """Turns ``SynthJob``s into sound files without blocking the caller.

    Signals: ``sig_ready(str job_id, str path)``; ``sig_failed(str job_id, str message)`` with a
    translated, user-facing message; ``sig_voices(list[Voice])`` after ``request_voices()``.
    ``engine_factory`` (tests) gives this synthesizer a private worker and engine; by default
    the process's one shared engine worker is used.
    """

    sig_ready = Signal(str, str)
    sig_failed = Signal(str, str)
    sig_voices = Signal(list)

    def __init__(self, parent: QObject | None = None, *, cache_dir: str | os.PathLike | None = None,
                 cache_limit: int = DEFAULT_LIMIT,
                 engine_factory: Callable[[], Any] | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S):
        super().__init__(parent)
        self._worker = EngineWorker(engine_factory) if engine_factory else shared_worker()
        self.cache = WavCache(cache_dir, cache_limit)
        self._timeout_ms = int(timeout_s * 1000)
        self._ids = itertools.count(1)
        self._owner = next(_owners)
        self._pending: dict[str, Future | None] = {}
        self._deadlines: dict[str, float] = {}
        self._watchdog = QTimer(self)  # one timer for all jobs: no QObject per job
        self._watchdog.setInterval(min(1000, max(50, self._timeout_ms // 4)))
        self._watchdog.timeout.connect(self._check_deadlines)
        self._known = _Known()
        self._relay = _get_relay()
        self._relay.sig_done.connect(self._on_done)
        self._relay.sig_voices.connect(self._on_voices)

    # -- public API ------------------------------------------------------------------------
    def request(self, job: SynthJob, urgent: bool = False) -> str:
        """Start synthesising ``job``; returns its job id (``job.job_id`` or a new one).

        Never blocks: a cache hit is answered on the next event-loop turn, the rest on the
        worker. ``urgent`` puts the job before prefetches already waiting.
        """
        job_id = job.job_id or f"job-{next(self._ids)}"
        job = replace(job, job_id=job_id, rate=clamp_rate(job.rate))
        self._pending[job_id] = None
        hit = self._cached(job)
        if hit is not None:
            QTimer.singleShot(0, self, lambda: self._finish(job_id, str(hit), ""))
            return job_id
        cache, known, relay, owner = self.cache, self._known, self._relay, self._owner
        future = self._worker.submit(lambda ctx: _render(ctx, job, cache, known), front=urgent)
        self._pending[job_id] = future
        future.add_done_callback(lambda f: _deliver(relay, owner, job_id, f))
        self._deadlines[job_id] = time.monotonic() + self._timeout_ms / 1000
        if not self._watchdog.isActive():
            self._watchdog.start()
        return job_id

    def cancel(self, job_id: str) -> None:
        """Forget ``job_id``: no signal will be emitted for it."""
        future = self._pending.pop(job_id, None)
        if future is not None:
            future.cancel()
        self._deadlines.pop(job_id, None)

    def cancel_all(self) -> None:
        for job_id in list(self._pending):
            self.cancel(job_id)

    def pending(self) -> int:
        return len(self._pending)

    def voices(self) -> list[Voice] | None:
        """The engine's voices if already known, else ``None`` (see ``request_voices``)."""
        known = self._known.value
        return list(known[3]) if known else None

    def request_voices(self) -> None:
        """Ask the worker for the voices; ``sig_voices`` answers (``[]`` without an engine)."""
        known, relay, owner = self._known, self._relay, self._owner

        def fetch(ctx: EngineContext) -> None:
            try:
                known.publish(ctx)
                voices = ctx.voices()
            except Exception:  # noqa: BLE001 - no engine: no voices
                voices = []
            relay.sig_voices.emit(owner, voices)

        self._worker.submit(fetch, front=True)

    # -- UI side ---------------------------------------------------------------------------
    def _cached(self, job: SynthJob) -> Path | None:
        known = self._known.value
        if known is None:
            return None
        driver, base_wpm, ext, voices = known
        text = speakable(job.text, job.lang) if job.normalize else " ".join(job.text.split())
        voice = voice_for(job.lang, voices, job.voice_id)
        if not text or voice is None:
            return None
        wpm = round(base_wpm * job.rate / 100)
        return self.cache.lookup(cache_key(driver, voice.id, wpm, text), ext)

    @Slot(int, str, str, str)
    def _on_done(self, owner: int, job_id: str, path: str, error: str) -> None:
        if owner == self._owner:
            self._finish(job_id, path, error)

    def _finish(self, job_id: str, path: str, error: str) -> None:
        if job_id not in self._pending:
            return  # cancelled, timed out or already answered
        self._pending.pop(job_id, None)
        self._deadlines.pop(job_id, None)
        if error:
            self.sig_failed.emit(job_id, error)
        else:
            self.sig_ready.emit(job_id, path)

    def _check_deadlines(self) -> None:
        now = time.monotonic()
        for job_id in [j for j, t in self._deadlines.items() if t <= now]:
            self._finish(job_id, "", speech_broken_message(f"no answer in time ({job_id})"))
        if not self._deadlines:
            self._watchdog.stop()

    @Slot(int, object)
    def _on_voices(self, owner: int, voices: list[Voice]) -> None:
        if owner == self._owner:
            self.sig_voices.emit(list(voices))


def synthesize_to_file(text: str, lang: str, out_path: str | os.PathLike,
                       voice_id: str | None = None, rate: int = 100,
                       timeout_s: float = 60.0,
                       timings_out: str | os.PathLike | None = None) -> Path:
    """Blocking: say ``text`` in ``lang`` into the WAV file ``out_path`` (for the CLI), and
    where each word is heard into the JSON file ``timings_out`` (an empty list where the
    engine gives no word positions).

    Uses the same worker, normalisation, voice choice and checks as ``Synthesizer``. Raises
    ``EngineError`` with a user-facing message on any failure.
    """
    out = Path(out_path)
    job = SynthJob(text=text, lang=lang, voice_id=voice_id, rate=clamp_rate(rate))

    def render(ctx: EngineContext) -> Path:
        target = out
        try:
            ctx.render(job, out)
            if timings_out is not None:
                target = Path(timings_out)
                timings.save(ctx.last_words or [], target)
            return out
        except OSError as exc:
            raise EngineError(_("The sound file %(path)s cannot be saved: %(reason)s")
                              % {"path": target, "reason": exc.strerror or exc}) from exc

    future = shared_worker().submit(render)
    try:
        return future.result(timeout_s)
    except FutureTimeout as exc:
        raise EngineError(speech_broken_message("no answer in time")) from exc
    except EngineError:
        if out.exists() and out.stat().st_size == 0:
            unlink_quietly(out)
        raise
