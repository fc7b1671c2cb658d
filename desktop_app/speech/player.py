"""Playback of synthesised sentences through Qt's audio output, or a stand-in that says why not.

The sound file is read into memory (``pcm.read_pcm``) and played by a ``QAudioSink`` pulling
from a ``QBuffer``: no media decoder and no Python code runs on the audio thread. The sink
reports the end of the sound when the device has played it (measured with
bench/speech_latency.py against a recording of the output: the first sample is heard
5–15 ms after ``play()``).

Create the ``Player`` once and keep it.
"""
from __future__ import annotations

import logging
import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer, Signal

from desktop_app.i18n import _
from desktop_app.speech.engine import speech_broken_message
from desktop_app.speech.pcm import Pcm, SoundFileError, read_pcm

log = logging.getLogger(__name__)

try:  # Qt Multimedia is in PySide6-Addons; the app must keep working without it.
    from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSink, QMediaDevices
    _IMPORT_ERROR = ""
except Exception as exc:  # noqa: BLE001 - ImportError, or a broken library
    QAudio = QAudioFormat = QAudioSink = QMediaDevices = None  # type: ignore[assignment]
    _IMPORT_ERROR = str(exc) or type(exc).__name__

POSITION_INTERVAL_MS = 100


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
    """Plays one sound file at a time.

    Signals: ``sig_position(int ms)`` while playing; ``sig_finished()`` when a file has played
    to its end; ``sig_error(str message)`` (translated) when it cannot be played.
    """

    sig_position = Signal(int)
    sig_finished = Signal()
    sig_error = Signal(str)

    def __init__(self, parent: QObject | None = None, *, force_unavailable: str = ""):
        super().__init__(parent)
        self._volume = 80
        self._problem = force_unavailable or _IMPORT_ERROR
        self._sink = None              # QAudioSink, made for one format and device
        self._sink_key = None          # (rate, channels, width, device id) it was made for
        self._buffer: QBuffer | None = None
        self._path = ""
        self._pcm: Pcm | None = None
        self._devices = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(POSITION_INTERVAL_MS)
        self._ticker.timeout.connect(self._tick)
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
    @property
    def available(self) -> bool:
        """False when sound can never be played in this process (no Qt Multimedia)."""
        return not self._problem

    @property
    def problem(self) -> str:
        """Why sound cannot be played ("" when it can)."""
        return self._problem

    def play(self, path: str | os.PathLike) -> None:
        """Play ``path`` from its start, replacing whatever was playing."""
        self.stop()
        if self._problem:
            self._report_later(unavailable_message(self._problem))
            return
        path = str(path)
        try:
            if path != self._path or self._pcm is None:
                self._pcm = read_pcm(path)
                self._path = path
        except (OSError, SoundFileError) as exc:
            self._path, self._pcm = "", None
            self._report_later(broken_message(str(exc)))
            return
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            self._report_later(unavailable_message("no audio output device"))
            return
        sink = self._sink_for(self._pcm, device)
        if sink is None:
            self._report_later(broken_message("the audio output does not accept this format"))
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self._pcm.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink.start(self._buffer)
        if _error(sink) != "NoError" and _state(sink) == "StoppedState":
            message = broken_message(_error_text(sink))
            self.stop()
            self._drop_sink()
            self._report_later(message)
            return
        self._ticker.start()

    def pause(self) -> None:
        if self._sink is not None and _state(self._sink) in ("ActiveState", "IdleState"):
            self._sink.suspend()
            self._ticker.stop()

    def resume(self) -> None:
        if self._sink is not None and _state(self._sink) == "SuspendedState":
            self._sink.resume()
            self._ticker.start()

    def stop(self) -> None:
        self._ticker.stop()
        buffer, self._buffer = self._buffer, None   # _on_state ignores what stop() causes
        if self._sink is not None and _state(self._sink) != "StoppedState":
            self._sink.stop()
        if buffer is not None:
            buffer.close()
            buffer.deleteLater()

    def is_playing(self) -> bool:
        return self._sink is not None and self._buffer is not None and _state(self._sink) in (
            "ActiveState", "IdleState")

    def is_paused(self) -> bool:
        return (self._sink is not None and self._buffer is not None
                and _state(self._sink) == "SuspendedState")

    def position(self) -> int:
        if self._sink is None or self._buffer is None:
            return 0
        return int(self._sink.processedUSecs() // 1000)

    def duration(self) -> int:
        """Length of the current sound in ms (0 when none)."""
        return self._pcm.duration_ms if self._pcm is not None else 0

    def volume(self) -> int:
        return self._volume

    def set_volume(self, percent: int) -> None:
        """0–100, perceptual: 50 % sounds about half as loud as 100 %."""
        self._volume = max(0, min(100, int(percent)))
        if self._sink is not None:
            self._sink.setVolume(self._linear_volume())

    # -- Qt side ---------------------------------------------------------------------------
    def _linear_volume(self) -> float:
        return QAudio.convertVolume(self._volume / 100,
                                    QAudio.VolumeScale.LogarithmicVolumeScale,
                                    QAudio.VolumeScale.LinearVolumeScale)

    def _sink_for(self, pcm: Pcm, device):
        key = (pcm.rate, pcm.channels, pcm.sample_width, bytes(device.id()))
        if self._sink is not None and key == self._sink_key:
            return self._sink
        fmt = QAudioFormat()
        fmt.setSampleRate(pcm.rate)
        fmt.setChannelCount(pcm.channels)
        fmt.setSampleFormat({1: QAudioFormat.SampleFormat.UInt8,
                             2: QAudioFormat.SampleFormat.Int16,
                             4: QAudioFormat.SampleFormat.Int32}[pcm.sample_width])
        if not device.isFormatSupported(fmt):
            log.warning("%s does not accept %s Hz × %s × %s bytes", device.description(),
                        pcm.rate, pcm.channels, pcm.sample_width)
            return None
        self._drop_sink()
        sink = QAudioSink(device, fmt, self)
        sink.setVolume(self._linear_volume())
        sink.stateChanged.connect(self._on_state)
        self._sink, self._sink_key = sink, key
        log.info("sound output: %s", device.description())
        return sink

    def _drop_sink(self) -> None:
        if self._sink is not None:
            self._sink.stateChanged.disconnect(self._on_state)
            self._sink.stop()
            self._sink.deleteLater()
        self._sink = self._sink_key = None

    def _on_state(self, state) -> None:
        if self._buffer is None or self.sender() is not self._sink:
            return  # stop() or a new play() already moved on
        if state.name == "IdleState":
            # Pull mode: idle means the buffer is used up and the device has played it.
            if self._buffer.atEnd():
                self.sig_position.emit(self.duration())
                self.stop()
                self.sig_finished.emit()
        elif state.name == "StoppedState" and _error(self._sink) != "NoError":
            message = broken_message(_error_text(self._sink))
            self.stop()
            self._drop_sink()  # a device that failed is opened afresh next time
            self.sig_error.emit(message)

    def _tick(self) -> None:
        if self.is_playing():
            self.sig_position.emit(self.position())

    def _report_later(self, message: str) -> None:
        QTimer.singleShot(0, self, lambda: self.sig_error.emit(message))

    def _on_devices_changed(self) -> None:
        """Headphones plugged in or out: the next sentence goes to the new default output."""
        default = QMediaDevices.defaultAudioOutput()
        if self._sink_key is not None and (default.isNull()
                                           or bytes(default.id()) != self._sink_key[3]):
            if self.is_playing() or self.is_paused():
                return  # the running sound finishes (or fails) on its device; then switch
            self._drop_sink()


# Compared by name: QAudioSink's stateChanged carries QAudio.State while state() and error()
# return QtAudio's enums, which PySide does not treat as equal.
def _state(sink) -> str:
    return sink.state().name


def _error(sink) -> str:
    return sink.error().name


def _error_text(sink) -> str:
    """The audio output's error, for the log (in English: it is read by staff)."""
    return f"QAudioSink {_error(sink)}"
