"""Where each word falls in a synthesised sentence's audio (no Qt).

The engines know it while they synthesise: espeak-ng's word events carry ``audio_position``
(ms into the audio), SAPI 5's word events carry the audio stream position in bytes. pyttsx3
drops both, so a capture is attached to the driver when the engine starts (``attach``); the
engine context starts it before a sentence and finishes it once the sound file is written.
Drivers that give no positions (macOS's nsss) get no capture, and sentences are highlighted
without word timings.

The timings of a cached sound file live beside it as ``<key>.words.json`` (``save``/``load``).
"""
from __future__ import annotations

import json
import logging
import os
import wave
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.files import write_json

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".words.json"


@dataclass(frozen=True)
class WordTiming:
    """One word of the spoken text: its characters ``[char, char + length)`` and when it is
    heard, in milliseconds from the start of the sound file."""

    word: str
    char: int
    length: int
    start_ms: int
    end_ms: int


def _wav_shape(path: str | os.PathLike) -> tuple[int, float]:
    """A WAV file's length in milliseconds and its audio bytes per millisecond ((0, 0.0) if
    it is not one)."""
    try:
        with wave.open(str(path), "rb") as wav:
            per_ms = wav.getframerate() * wav.getnchannels() * wav.getsampwidth() / 1000
            return round(wav.getnframes() * 1000 / wav.getframerate()), per_ms
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return 0, 0.0


def audio_ms(path: str | os.PathLike) -> int:
    """The length of a WAV file in milliseconds (0 if it is not one)."""
    return _wav_shape(path)[0]


def build(text: str, starts: list[tuple[int, int, int]], duration_ms: int) -> list[WordTiming]:
    """Word timings from ``(char, length, start_ms)`` events: in order of time, each word
    ending where the next begins and the last at ``duration_ms``; events outside the text or
    the audio are dropped."""
    clean = sorted({(max(0, ms), char, length) for char, length, ms in starts
                    if 0 <= char < len(text) and length > 0 and ms <= duration_ms})
    words: list[WordTiming] = []
    for index, (start, char, length) in enumerate(clean):
        end = clean[index + 1][0] if index + 1 < len(clean) else duration_ms
        words.append(WordTiming(text[char:char + length], char, length, start, max(start, end)))
    return words


class WordCapture:
    """Collects one sentence's word events while the engine synthesises it."""

    def __init__(self) -> None:
        self._events: list[tuple[int, int, int]] | None = None

    def begin(self) -> None:
        self._events = []

    def record(self, char: int, length: int, position: int) -> None:
        events = self._events
        if events is not None:
            events.append((char, length, position))

    def finish(self, text: str, wav_path: str | os.PathLike) -> list[WordTiming] | None:
        """The sentence's timings (``None`` if the engine reported no words)."""
        events, self._events = self._events, None
        if not events:
            return None
        duration_ms, per_ms = _wav_shape(wav_path)
        return build(text, [self._to_ms(e, per_ms) for e in events], duration_ms)

    def _to_ms(self, event: tuple[int, int, int], per_ms: float) -> tuple[int, int, int]:
        return event


class EspeakCapture(WordCapture):
    """espeak-ng: a synth callback in front of pyttsx3's own sees every word event first."""

    def __init__(self, driver: Any) -> None:
        super().__init__()
        from pyttsx3.drivers import _espeak
        original = driver._onSynth
        record = self.record

        def callback(wav, numsamples, events):  # on espeak-ng's thread
            index = 0
            while True:
                event = events[index]
                if event.type == _espeak.EVENT_LIST_TERMINATED:
                    break
                if event.type == _espeak.EVENT_WORD:  # text_position is 1-based characters
                    record(event.text_position - 1, event.length, event.audio_position)
                index += 1
            return original(wav, numsamples, events)

        _espeak.SetSynthCallback(callback)


class Sapi5Capture(WordCapture):
    """SAPI 5: the word events' stream position is in bytes of the audio written."""

    def _to_ms(self, event, per_ms):
        char, length, position = event
        return char, length, round(position / per_ms) if per_ms else 0


def attach(engine: Any, driver_name: str) -> WordCapture | None:
    """A word capture for ``engine``'s driver, or ``None`` where the driver gives no positions
    (or its internals are not what this code knows)."""
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is None:
        return None
    try:
        if driver_name == "espeak":
            return EspeakCapture(driver)
        if driver_name == "sapi5":
            capture = Sapi5Capture()
            driver._word_capture = capture  # read by the event hook in speech/sapi.py
            return capture
    except Exception as exc:  # noqa: BLE001 - a changed driver: sentences only
        log.warning("word timings are not available from %s: %r", driver_name, exc)
    return None


def sidecar(sound_path: str | os.PathLike) -> Path:
    path = Path(sound_path)
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def save(words: list[WordTiming], path: str | os.PathLike) -> None:
    """Write ``words`` as JSON: ``[{"word", "char", "length", "start_ms", "end_ms"}, ...]``."""
    write_json(Path(path), [asdict(w) for w in words], durable=False)   # a cache


def load(path: str | os.PathLike) -> list[WordTiming] | None:
    """Timings written by ``save``; ``None`` if there are none or the file is damaged."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
        return [WordTiming(str(d["word"]), int(d["char"]), int(d["length"]),
                           int(d["start_ms"]), int(d["end_ms"])) for d in data]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring damaged word timings %s: %r", path, exc)
        return None
