"""The word being heard: a clock that runs with the sound of one sentence.

The sentence's sound starts being heard within a few tens of milliseconds of ``play`` (the
player feeds the output from memory), so the words' places in the sound file, counted from the
moment it starts, are the moments they are heard. Pausing stops the clock with the sound.
"""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal


class WordClock(QObject):
    """Signals ``sig_word(int sentence, int char, int length)`` as each word starts being
    heard (``char``/``length`` in the sentence's shown text); ``sig_word(-1, 0, 0)`` when the
    sentence is over or stopped."""

    sig_word = Signal(int, int, int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._before_pause = 0           # ms of sound heard before the last pause
        self._sentence = -1
        self._marks: list[tuple[int, int, int]] = []
        self._next = 0

    def start(self, sentence: int, marks: list[tuple[int, int, int]]) -> None:
        """Sentence ``sentence`` starts being heard now; ``marks`` are its
        ``(start_ms, char, length)``."""
        self.stop()
        if not marks:
            return
        self._sentence, self._marks, self._next = sentence, marks, 0
        self._before_pause = 0
        self._clock.start()
        self._tick()

    def elapsed(self) -> int:
        running = self._clock.elapsed() if self._clock.isValid() else 0
        return self._before_pause + running

    def pause(self) -> None:
        if self._clock.isValid():
            self._before_pause += self._clock.elapsed()
            self._clock.invalidate()
        self._timer.stop()

    def resume(self) -> None:
        if self._sentence >= 0 and not self._clock.isValid():
            self._clock.start()
            self._tick()

    def stop(self) -> None:
        self._timer.stop()
        self._clock.invalidate()
        if self._sentence >= 0:
            self._sentence, self._marks = -1, []
            self.sig_word.emit(-1, 0, 0)

    def _tick(self) -> None:
        now = self.elapsed()
        due = None
        while self._next < len(self._marks) and self._marks[self._next][0] <= now:
            due = self._marks[self._next]
            self._next += 1
        if due is not None:
            self.sig_word.emit(self._sentence, due[1], due[2])
        if self._next < len(self._marks):
            self._timer.start(max(0, self._marks[self._next][0] - now))
