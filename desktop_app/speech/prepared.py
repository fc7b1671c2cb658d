"""The sound files made for one reading, by sentence index, as the synthesiser delivers them.

A new page, speech rate or voice makes what was prepared useless: ``forget`` drops it and
cancels what is still being made, and late results of the old requests are ignored.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.speech.engine import SynthJob
from desktop_app.speech.synth import Synthesizer


class Prepared(QObject):
    """Signals ``sig_ready(int index)`` when a requested sound is made and
    ``sig_failed(int index, str message)`` (translated) when it could not be."""

    sig_ready = Signal(int)
    sig_failed = Signal(int, str)

    def __init__(self, synth: Synthesizer, parent: QObject | None = None):
        super().__init__(parent)
        self.synth = synth
        self._gen = 0                          # bumped when earlier results become stale
        self._ready: dict[int, str] = {}       # index -> sound file
        self._requested: dict[int, str] = {}   # index -> job id
        self._jobs: dict[str, tuple[int, int]] = {}  # job id -> (generation, index)
        synth.sig_ready.connect(self._on_ready)
        synth.sig_failed.connect(self._on_failed)

    def request(self, index: int, job: SynthJob, urgent: bool = False) -> None:
        """Have sentence ``index`` made (``job``), unless it is made or being made."""
        if index in self._ready or index in self._requested:
            return
        job_id = self.synth.request(job, urgent=urgent)
        self._requested[index] = job_id
        self._jobs[job_id] = (self._gen, index)

    def path(self, index: int) -> str | None:
        """Sentence ``index``'s sound file, if it is made."""
        return self._ready.get(index)

    def forget(self) -> None:
        self._gen += 1
        for job_id in list(self._jobs):
            self.synth.cancel(job_id)
        self._jobs.clear()
        self._ready.clear()
        self._requested.clear()

    def _take(self, job_id: str) -> int | None:
        entry = self._jobs.pop(job_id, None)
        if entry is None or entry[0] != self._gen:
            return None
        self._requested.pop(entry[1], None)
        return entry[1]

    def _on_ready(self, job_id: str, path: str) -> None:
        index = self._take(job_id)
        if index is not None:
            self._ready[index] = path
            self.sig_ready.emit(index)

    def _on_failed(self, job_id: str, message: str) -> None:
        index = self._take(job_id)
        if index is not None:     # a failed request is made again when it is needed
            self.sig_failed.emit(index, message)
