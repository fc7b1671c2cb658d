"""Playback of synthesised sentences with Qt Multimedia, or a stand-in that reports why not.

Create the ``Player`` once and keep it. (Measured with bench/speech_latency.py: a new sentence
is heard ~70–85 ms after ``play()``, the first one in a process included, once the recorder
itself is running; the 1–2 s "first playback" seen before was the recorder starting up.)
"""
from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from desktop_app.i18n import _

log = logging.getLogger(__name__)

try:  # Qt Multimedia is in PySide6-Addons; the app must keep working without it.
    from PySide6.QtMultimedia import QAudio, QAudioOutput, QMediaDevices, QMediaPlayer
    _IMPORT_ERROR = ""
except Exception as exc:  # noqa: BLE001 - ImportError, or a broken plugin
    QAudio = QAudioOutput = QMediaDevices = QMediaPlayer = None  # type: ignore[assignment]
    _IMPORT_ERROR = str(exc) or type(exc).__name__


def unavailable_message(detail: str = "") -> str:
    message = _("Sound cannot be played on this computer, so the text cannot be read aloud.")
    return f"{message} ({detail})" if detail else message


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
        self._path = ""
        self._error_reported = False  # one sig_error per play(), though Qt may report twice
        self._player = None
        self._output = None
        self._devices = None
        self._problem = force_unavailable or _IMPORT_ERROR
        if not self._problem:
            try:
                self._setup()
            except Exception as exc:  # noqa: BLE001
                log.warning("Qt Multimedia failed to start: %r", exc)
                self._problem = str(exc) or type(exc).__name__
                self._player = self._output = None
        if self._problem:
            log.warning("no sound playback: %s", self._problem)

    def _setup(self) -> None:
        self._output = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        if not self._player.isAvailable():
            raise RuntimeError("Qt Multimedia has no media backend")
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._player.positionChanged.connect(self._on_position)
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._follow_default_device)
        self.set_volume(self._volume)

    # -- API -------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._player is not None

    @property
    def problem(self) -> str:
        """Why sound cannot be played ("" when it can)."""
        return self._problem

    def play(self, path: str | os.PathLike) -> None:
        """Play ``path`` from its start, replacing whatever was playing."""
        if self._player is None:
            message = unavailable_message(self._problem)
            QTimer.singleShot(0, self, lambda: self.sig_error.emit(message))
            return
        path = str(path)
        self._error_reported = False
        if path == self._path:
            self._player.setPosition(0)
        else:
            self._path = path
            self._player.setSource(QUrl.fromLocalFile(path))
        self._player.play()

    def pause(self) -> None:
        if self._player is not None:
            self._player.pause()

    def resume(self) -> None:
        if self._player is not None and self._path:
            self._player.play()

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def is_playing(self) -> bool:
        return (self._player is not None
                and self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)

    def is_paused(self) -> bool:
        return (self._player is not None
                and self._player.playbackState() == QMediaPlayer.PlaybackState.PausedState)

    def position(self) -> int:
        return self._player.position() if self._player is not None else 0

    def volume(self) -> int:
        return self._volume

    def set_volume(self, percent: int) -> None:
        """0–100, perceptual: 50 % sounds about half as loud as 100 %."""
        self._volume = max(0, min(100, int(percent)))
        if self._output is not None:
            linear = QAudio.convertVolume(self._volume / 100,
                                          QAudio.VolumeScale.LogarithmicVolumeScale,
                                          QAudio.VolumeScale.LinearVolumeScale)
            self._output.setVolume(linear)

    # -- Qt side ---------------------------------------------------------------------------
    def _on_status(self, status) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.sig_finished.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._on_error(None, self._player.errorString())

    def _on_error(self, _error, text: str) -> None:
        self._path = ""  # force a fresh setSource next time
        if self._error_reported:
            return
        self._error_reported = True
        self.sig_error.emit(_("The sound could not be played: %s") % (text or _("unknown error")))

    def _on_position(self, ms: int) -> None:
        self.sig_position.emit(int(ms))

    def _follow_default_device(self) -> None:
        """Headphones plugged in or out: follow the system's default output."""
        if self._output is not None:
            self._output.setDevice(QMediaDevices.defaultAudioOutput())
