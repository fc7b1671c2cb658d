"""Read a synthesised sound file into raw PCM, and prepare it for the output (no Qt).

espeak-ng and SAPI 5 write WAV; macOS's NSSpeechSynthesizer writes AIFF. Both hold plain
integer PCM, which is all the player needs: no decoder library is involved. ``to_mono16``
converts to 16-bit mono (at a given rate), ``trim_silence`` cuts the engine's own silence
before and after the voice, and ``even_loudness`` brings a sentence, or an exported section,
to one loudness (``speech/sequence.py`` uses all three).
"""
from __future__ import annotations

import array
import os
import struct
import sys
import warnings
import wave
from dataclasses import dataclass, replace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # Python 3.13+: the audioop-lts package

# Quieter than this (of full scale) is silence when a sentence's sound is trimmed: espeak-ng
# ends each sentence with about 0.3 s of silence, which would add to the designed pause.
SILENCE_LEVEL = 0.01
TRIM_MARGIN_MS = 10      # kept around the voice, so no consonant is clipped
TARGET_RMS_DBFS = -18.0  # every sentence and every exported section as loud as the others
PEAK_LIMIT = 0.97        # of full scale: no clipping after the gain


class SoundFileError(ValueError):
    """The file is not a sound file this app can play."""


@dataclass(frozen=True)
class Pcm:
    rate: int            # frames per second
    channels: int
    sample_width: int    # bytes per sample: 1 (unsigned), 2 or 4 (signed), little-endian
    data: bytes

    @property
    def duration_ms(self) -> int:
        frame = self.channels * self.sample_width
        return int(1000 * len(self.data) / (frame * self.rate)) if frame and self.rate else 0

    @property
    def bytes_per_ms(self) -> float:
        return self.rate * self.channels * self.sample_width / 1000


class AudioFormatError(SoundFileError):
    """The sound cannot be brought to the format it has to be joined with."""


def to_mono16(pcm: Pcm, rate: int | None = None) -> Pcm:
    """``pcm`` as 16-bit mono at ``rate`` (its own rate when ``None``)."""
    data = pcm.data
    if pcm.sample_width == 1:
        data = audioop.bias(data, 1, -128)
    if pcm.sample_width != 2:
        data = audioop.lin2lin(data, pcm.sample_width, 2)
    if pcm.channels == 2:
        data = audioop.tomono(data, 2, 0.5, 0.5)
    elif pcm.channels != 1:
        raise AudioFormatError(f"{pcm.channels} channels")
    rate = rate or pcm.rate
    if rate != pcm.rate:
        data, _state = audioop.ratecv(data, 2, 1, pcm.rate, rate, None)
    return Pcm(rate, 1, 2, data)


def even_loudness(data: bytes | bytearray, target_dbfs: float = TARGET_RMS_DBFS) -> bytes:
    """``data`` (16-bit mono) scaled to ``target_dbfs`` RMS, or less where a peak would clip:
    voices and engines differ by 10 dB or more, and a quiet voice is hard to follow."""
    if not data:
        return bytes(data)
    rms = audioop.rms(bytes(data), 2)
    peak = audioop.max(bytes(data), 2)
    if not rms or not peak:
        return bytes(data)
    gain = min(32768 * 10 ** (target_dbfs / 20) / rms, PEAK_LIMIT * 32767 / peak)
    return audioop.mul(bytes(data), 2, gain)


def trim_silence(pcm: Pcm, level: float = SILENCE_LEVEL,
                 margin_ms: int = TRIM_MARGIN_MS) -> tuple[Pcm, int]:
    """``pcm`` (16-bit mono) without the silence before and after the voice, keeping
    ``margin_ms`` of it; and how many ms were cut from the start (to move word timings by).
    A sound that is all silence is kept as it is."""
    samples = array.array("h", pcm.data[: len(pcm.data) // 2 * 2])
    limit = int(level * 32768)
    step = max(1, pcm.rate // 1000)               # look at 1 ms at a time
    first = next((i for i in range(0, len(samples), step)
                  if audioop.max(samples[i:i + step].tobytes(), 2) > limit), None)
    if first is None:
        return pcm, 0
    last = next(i for i in range(len(samples) - step, -step, -step)
                if audioop.max(samples[max(0, i):i + step].tobytes(), 2) > limit)
    margin = margin_ms * pcm.rate // 1000
    start = max(0, first - margin)
    end = min(len(samples), last + step + margin)
    return replace(pcm, data=samples[start:end].tobytes()), round(start * 1000 / pcm.rate)


def read_pcm(path: str | os.PathLike) -> Pcm:
    """The PCM in ``path`` (WAV or AIFF); raises ``SoundFileError`` or ``OSError``."""
    with open(path, "rb") as handle:
        head = handle.read(12)
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return _read_wav(path)
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return _read_aiff(path)
    raise SoundFileError("not a WAV or AIFF file")


def _read_wav(path) -> Pcm:
    try:
        with wave.open(str(path), "rb") as wav:
            pcm = Pcm(wav.getframerate(), wav.getnchannels(), wav.getsampwidth(),
                      wav.readframes(wav.getnframes()))
    except (EOFError, wave.Error) as exc:
        raise SoundFileError(f"broken WAV file: {exc}") from exc
    return _checked(pcm)


def _read_aiff(path) -> Pcm:
    with open(path, "rb") as handle:
        blob = handle.read()
    form_type = blob[8:12]
    pos, comm, sound = 12, None, None
    while pos + 8 <= len(blob):
        kind, size = blob[pos:pos + 4], struct.unpack(">I", blob[pos + 4:pos + 8])[0]
        body = blob[pos + 8:pos + 8 + size]
        if kind == b"COMM":
            comm = body
        elif kind == b"SSND" and len(body) >= 8:
            offset = struct.unpack(">I", body[:4])[0]
            sound = body[8 + offset:]
        pos += 8 + size + (size & 1)
    if comm is None or sound is None or len(comm) < 18:
        raise SoundFileError("broken AIFF file: no COMM or SSND chunk")
    channels, _frames, bits = struct.unpack(">hIh", comm[:8])
    rate = _extended_to_int(comm[8:18])
    compression = comm[18:22] if form_type == b"AIFC" else b"NONE"
    width = (bits + 7) // 8
    if compression == b"sowt":           # little-endian PCM already
        data = sound
    elif compression == b"NONE":
        data = _big_to_little(sound, width)
    else:
        raise SoundFileError(f"compressed AIFF ({compression.decode('latin-1')}) is not supported")
    if width == 1:                        # AIFF 8-bit is signed; the player wants unsigned
        data = bytes((b + 128) & 0xFF for b in data)
    return _checked(Pcm(rate, channels, width, data))


def _extended_to_int(raw: bytes) -> int:
    """An IEEE 754 80-bit extended float (AIFF's sample rate) as an integer."""
    exponent = struct.unpack(">H", raw[:2])[0] & 0x7FFF
    mantissa = struct.unpack(">Q", raw[2:10])[0]
    if exponent == 0 and mantissa == 0:
        return 0
    return int(round(mantissa * 2.0 ** (exponent - 16383 - 63)))


def _big_to_little(data: bytes, width: int) -> bytes:
    if width == 1:
        return data
    if width not in (2, 4):
        raise SoundFileError(f"{8 * width}-bit samples are not supported")
    import array
    samples = array.array("h" if width == 2 else "i")
    samples.frombytes(data[: len(data) // width * width])
    if sys.byteorder == "little":
        samples.byteswap()
    return samples.tobytes()


def _checked(pcm: Pcm) -> Pcm:
    if pcm.sample_width not in (1, 2, 4):
        raise SoundFileError(f"{8 * pcm.sample_width}-bit samples are not supported")
    if not 1 <= pcm.channels <= 8 or not 1000 <= pcm.rate <= 384000:
        raise SoundFileError(f"unusual sound format ({pcm.channels} channels, {pcm.rate} Hz)")
    return pcm
