"""One continuous voice: sound segments fed to one open audio output, with marks reported as
they are heard, or a stand-in that says why there is no sound.

A screen reader's say-all keeps one output open and writes the next sentence and the silence
before it while the current one is still playing; so does this player. ``queue`` adds a
segment (16-bit mono PCM, the pause after it, and marks at moments of its sound) to the
stream; a timer on the UI thread writes the stream into a ``QAudioSink`` in push mode as its
buffer frees up. Nothing runs on the audio thread, and the pause a listener hears between two
sentences is the pause written, whatever the output's latency (a Bluetooth headset, a busy
sound server): no sentence waits for the device to drain before the next is handed over.

Marks are reported from the position the output has played, ``QAudioSink.processedUSecs()``:
with PulseAudio that is the stream's playback time, which already leaves out what is still
buffered on its way to the speaker (measured with bench/listening.py against a recording of
the output: marks come 15–40 ms before the sound at normal latency).

Create the ``Player`` once and keep it.
"""
from __future__ import annotations

import bisect
import logging
import os
import time
from collections import deque

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer, Signal

from desktop_app.core.settings import RANGES
from desktop_app.i18n import _
from desktop_app.speech.engine import speech_broken_message
from desktop_app.speech.pcm import Pcm, SoundFileError, read_pcm, to_mono16

log = logging.getLogger(__name__)

try:  # Qt Multimedia is in PySide6-Addons; the app must keep working without it.
    from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSink, QMediaDevices
    _IMPORT_ERROR = ""
except Exception as exc:  # noqa: BLE001 - ImportError, or a broken library
    QAudio = QAudioFormat = QAudioSink = QMediaDevices = None  # type: ignore[assignment]
    _IMPORT_ERROR = str(exc) or type(exc).__name__

POSITION_INTERVAL_MS = 100
FEED_INTERVAL_MS = 20
# The output's own buffer: 1 s of sound, so a UI thread held up for most of a second (a busy
# machine, a large page being laid out) does not make the voice stutter. Pause and stop act
# at once whatever it holds (the output is suspended or reset).
BUFFER_MS = 1000
END_GRACE_MS = 1500            # an output that stops counting this long past the end is done
IDLE_CLOSE_MS = 5000           # an output left with nothing to play is closed after this


def unavailable_message(detail: str = "") -> str:
    """What a person is told when this computer gives no sound; ``detail`` (technical) goes to
    the log, not to the screen."""
    if detail:
        log.warning("no sound: %s", detail)
    return _("The computer gives no sound, so the text cannot be read aloud. Check that the "
             "speaker or headphones are connected, or ask someone for help.")


def broken_message(detail: str) -> str:
    """What a person is told when a sentence could not be played; ``detail`` goes to the log."""
    return speech_broken_message(f"sound could not be played: {detail}")


class Player(QObject):
    """A stream of sound segments on one output.

    Signals: ``sig_mark(object payload)`` when the sound reaches a mark given to ``queue``;
    ``sig_position(int ms)`` (the stream's heard position) while playing; ``sig_finished()``
    when everything queued has been heard; ``sig_error(str message)`` (translated) when the
    sound cannot be played.
    """

    sig_mark = Signal(object)
    sig_position = Signal(int)
    sig_finished = Signal()
    sig_error = Signal(str)

    def __init__(self, parent: QObject | None = None, *, force_unavailable: str = ""):
        super().__init__(parent)
        self._volume = 80
        self._problem = force_unavailable or _IMPORT_ERROR
        self._sink = None              # QAudioSink, made for one rate and device
        self._sink_key = None          # (rate, device id) it was made for
        self._io = None                # the sink's push-mode device while a stream runs
        self._rate = 0                 # frames per second of the running stream
        self._pending: deque[bytes] = deque()   # written to the output as it frees up
        self._written = 0              # bytes handed to the output since the stream began
        self._queued = 0               # bytes in the stream: written and pending
        self._marks: list[tuple[int, int, object]] = []   # (ms, order, payload), by time
        self._order = 0
        self._busy = False             # the stream has sound not yet heard
        self._paused = False
        self._last_pos = (-1, 0)       # (position, when it last moved), to notice a stall
        self._feed = self._timer(FEED_INTERVAL_MS, self._on_feed)
        self._mark_timer = self._timer(0, self._on_marks, single=True)
        self._ticker = self._timer(POSITION_INTERVAL_MS, self._tick)
        # Once all is heard the output stays open a moment, so the next sentence goes on the
        # same stream and the end of the last one is never cut off by closing it.
        self._idle = self._timer(IDLE_CLOSE_MS, self.stop, single=True)
        self._devices = None
        if not self._problem:
            try:
                self._devices = QMediaDevices(self)
                self._devices.audioOutputsChanged.connect(self._on_devices_changed)
            except Exception as exc:  # noqa: BLE001
                log.warning("Qt Multimedia failed to start: %r", exc)
                self._problem = str(exc) or type(exc).__name__
        if self._problem:
            log.warning("no sound playback: %s", self._problem)

    # -- API -------------------------------------------------------------------------------
    def play(self, path: str | os.PathLike) -> None:
        """Play the sound file ``path`` from its start, replacing whatever was playing."""
        self.stop()
        if self._problem:
            self._report_later(unavailable_message(self._problem))
            return
        try:
            pcm = read_pcm(path)
        except (OSError, SoundFileError) as exc:
            self._report_later(broken_message(str(exc)))
            return
        self.queue(pcm)

    def queue(self, pcm: Pcm, marks: list[tuple[int, object]] | tuple = (),
              pause_ms: int = 0) -> int | None:
        """Add ``pcm`` and ``pause_ms`` of silence after it to the stream; each mark
        ``(ms into pcm, payload)`` is reported with ``sig_mark`` when it is heard. Returns
        where the sound starts in the stream (ms), or ``None`` when it cannot be played (and
        ``sig_error`` follows)."""
        if self._problem:
            self._report_later(unavailable_message(self._problem))
            return None
        if self._io is None and not self._open(pcm.rate):
            return None
        try:
            data = to_mono16(pcm, self._rate).data
        except SoundFileError as exc:
            self._report_later(broken_message(str(exc)))
            return None
        self._idle.stop()
        self._busy = True
        self._last_pos = (-1, 0)
        start = self._bytes_to_ms(self._queued)
        for ms, payload in marks:
            self._order += 1
            bisect.insort(self._marks, (start + max(0, int(ms)), self._order, payload))
        silence = bytes(2 * round(self._rate * max(0, pause_ms) / 1000))
        for chunk in (data, silence):
            if chunk:
                self._pending.append(chunk)
                self._queued += len(chunk)
        self._on_feed()
        self._run(not self._paused)
        return start

    def truncate(self, boundaries: list[int]) -> int:
        """Forget the stream after the first of ``boundaries`` (ms, where segments end) that
        has not been handed to the output yet, so what is cut is whole segments (a new rate or
        voice for the sentences after the current one). Returns where the stream now ends."""
        written = self._bytes_to_ms(self._written)
        cut = next((ms for ms in sorted(boundaries) if ms >= written), None)
        keep = self._queued if cut is None else min(self._queued, self._ms_to_bytes(cut))
        if keep < self._queued:
            joined = b"".join(self._pending)[: keep - self._written]
            self._pending = deque([joined] if joined else [])
            self._queued = keep
            end = self._bytes_to_ms(keep)
            self._marks = [m for m in self._marks if m[0] < end]
        return self._bytes_to_ms(self._queued)

    def pause(self) -> None:
        if self._busy and not self._paused:
            self._paused = True
            self._sink.suspend()
            self._run(False)

    def resume(self) -> None:
        if self._busy and self._paused:
            self._paused = False
            self._sink.resume()
            self._on_feed()
            self._run(True)

    def stop(self) -> None:
        """Silence now and forget the stream."""
        self._idle.stop()
        self._busy = False
        self._run(False)
        self._pending.clear()
        self._marks.clear()
        self._written = self._queued = 0
        self._paused = False
        self._last_pos = (-1, 0)
        io, self._io = self._io, None
        if io is not None and self._sink is not None:
            self._sink.reset()
            self._sink.stop()

    def is_playing(self) -> bool:
        return self._busy and not self._paused

    def is_paused(self) -> bool:
        return self._busy and self._paused

    def position(self) -> int:
        """How much of the stream has been heard (ms)."""
        if self._io is None or self._sink is None:
            return 0
        return min(int(self._sink.processedUSecs() // 1000), self.duration())

    def duration(self) -> int:
        """Where the stream's sound ends, in ms (0 when there is none)."""
        return self._bytes_to_ms(self._queued)

    def volume(self) -> int:
        return self._volume

    def set_volume(self, percent: int) -> None:
        """0–100, perceptual: 50 % sounds about half as loud as 100 %."""
        volume = RANGES["speech_volume"]
        self._volume = int(max(volume.low, min(volume.high, int(percent))))
        if self._sink is not None:
            self._sink.setVolume(self._linear_volume())

    # -- the stream ------------------------------------------------------------------------
    def _timer(self, interval_ms: int, slot, single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.setSingleShot(single)
        timer.setTimerType(Qt.TimerType.PreciseTimer)   # coarse timers fire up to 5 % early
        timer.timeout.connect(slot)
        return timer

    def _run(self, on: bool) -> None:
        """Feed the output, report the position and the marks (or stop doing so)."""
        if on:
            self._feed.start()
            self._ticker.start()
            self._schedule_marks()
        else:
            self._feed.stop()
            self._ticker.stop()
            self._mark_timer.stop()

    def _bytes_to_ms(self, count: int) -> int:
        return int(count * 1000 / (2 * self._rate)) if self._rate else 0

    def _ms_to_bytes(self, ms: int) -> int:
        return 2 * round(self._rate * ms / 1000)

    def _open(self, rate: int) -> bool:
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            self._report_later(unavailable_message("no audio output device"))
            return False
        sink = self._sink_for(rate, device)
        if sink is None:
            self._report_later(broken_message("the audio output does not accept this format"))
            return False
        io = sink.start()
        if io is None or (_error(sink) != "NoError" and _state(sink) == "StoppedState"):
            message = broken_message(_error_text(sink))
            self._drop_sink()
            self._report_later(message)
            return False
        self._io, self._rate = io, rate
        return True

    def _on_feed(self) -> None:
        if self._io is None or self._paused:
            return
        if _error(self._sink) not in ("NoError", "UnderrunError"):
            self._failed(_error_text(self._sink))
            return
        free = self._sink.bytesFree()
        while self._pending and free > 0:
            chunk = self._pending[0]
            written = self._io.write(QByteArray(chunk[:free]))
            if written <= 0:
                break
            self._written += written
            free -= written
            if written < len(chunk):
                self._pending[0] = chunk[written:]
            else:
                self._pending.popleft()
        if self._busy and not self._pending and self._heard_all():
            self._finish()

    def _heard_all(self) -> bool:
        """True once the output has played the whole stream, or has stopped counting for a
        while past the last sound written (some outputs never report the last few ms)."""
        position = self.position()
        end = self.duration()
        if position >= end:
            return True
        now = int(time.monotonic() * 1000)
        if position != self._last_pos[0]:
            self._last_pos = (position, now)
            return False
        return end - position < 200 and now - self._last_pos[1] > END_GRACE_MS

    def _finish(self) -> None:
        self._on_marks()
        self.sig_position.emit(self.duration())
        self._busy = False
        self._run(False)
        self._idle.start()
        self.sig_finished.emit()

    def _schedule_marks(self) -> None:
        if not self._marks or self._paused or self._io is None:
            return
        wait = self._marks[0][0] - self.position()
        self._mark_timer.start(max(5, min(wait, POSITION_INTERVAL_MS)))

    def _on_marks(self) -> None:
        position = self.position()
        if position <= 0:
            # The output has not started playing yet: even a mark at 0 ms is not heard yet.
            self._schedule_marks()
            return
        while self._marks and self._marks[0][0] <= position and self._io is not None:
            _ms, _order, payload = self._marks.pop(0)
            self.sig_mark.emit(payload)
        self._schedule_marks()

    def _tick(self) -> None:
        if self.is_playing():
            self.sig_position.emit(self.position())

    def _failed(self, detail: str) -> None:
        message = broken_message(detail)
        self.stop()
        self._drop_sink()   # a device that failed is opened afresh next time
        self.sig_error.emit(message)

    # -- Qt side ---------------------------------------------------------------------------
    def _linear_volume(self) -> float:
        return QAudio.convertVolume(self._volume / 100,
                                    QAudio.VolumeScale.LogarithmicVolumeScale,
                                    QAudio.VolumeScale.LinearVolumeScale)

    def _sink_for(self, rate: int, device):
        key = (rate, bytes(device.id()))
        if self._sink is not None and key == self._sink_key:
            return self._sink
        fmt = QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(fmt):
            log.warning("%s does not accept %s Hz mono 16-bit", device.description(), rate)
            return None
        self._drop_sink()
        sink = QAudioSink(device, fmt, self)
        sink.setBufferSize(2 * rate * BUFFER_MS // 1000)
        sink.setVolume(self._linear_volume())
        self._sink, self._sink_key = sink, key
        log.info("sound output: %s", device.description())
        return sink

    def _drop_sink(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink = self._sink_key = None
        self._io = None

    def _report_later(self, message: str) -> None:
        QTimer.singleShot(0, self, lambda: self.sig_error.emit(message))

    def _on_devices_changed(self) -> None:
        """Headphones plugged in or out: the next stream goes to the new default output (the
        running one goes on where the sound server moves it)."""
        default = QMediaDevices.defaultAudioOutput()
        if self._sink_key is not None and not self._busy and (
                default.isNull() or bytes(default.id()) != self._sink_key[1]):
            self.stop()
            self._drop_sink()


# Compared by name: QAudioSink's state() and error() return QtAudio's enums, which PySide
# does not treat as equal to QAudio's.
def _state(sink) -> str:
    return sink.state().name


def _error(sink) -> str:
    return sink.error().name


def _error_text(sink) -> str:
    """The audio output's error, for the log (in English: it is read by staff)."""
    return f"QAudioSink {_error(sink)}"
