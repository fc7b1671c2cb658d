"""Reading synthesised sound files (WAV from espeak-ng/SAPI 5, AIFF from macOS) into PCM."""
from __future__ import annotations

import array
import subprocess
import sys
import warnings
import wave

import pytest

from desktop_app.speech.pcm import SoundFileError, read_pcm

SAMPLES = array.array("h", [0, 1000, -1000, 32767, -32768, 12345, -2, 7])


def test_wav_written_by_espeak_ng(tmp_path):
    path = tmp_path / "espeak.wav"
    subprocess.run(["espeak-ng", "-v", "da", "-w", str(path), "Hej med dig."], check=True)
    pcm = read_pcm(path)
    with wave.open(str(path)) as wav:
        assert (pcm.rate, pcm.channels, pcm.sample_width) == (wav.getframerate(),
                                                              wav.getnchannels(),
                                                              wav.getsampwidth())
        assert pcm.data == wav.readframes(wav.getnframes())
    assert 500 < pcm.duration_ms < 3000


@pytest.mark.parametrize("compression", [b"NONE", b"sowt"])
def test_aiff_as_macos_writes_it(tmp_path, compression):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        aifc = pytest.importorskip("aifc")   # the standard library's reader/writer, to 3.12
    path = tmp_path / "nsss.aiff"
    with aifc.open(str(path), "wb") as out:
        if compression == b"sowt":
            out.aifc()
            out.setcomptype(b"sowt", b"")
        else:
            out.aiff()
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
        frames = array.array("h", SAMPLES)
        if sys.byteorder == "little":
            frames.byteswap()                 # aifc takes big-endian frames (AIFF's order)
        out.writeframes(frames.tobytes())
    pcm = read_pcm(path)
    assert (pcm.rate, pcm.channels, pcm.sample_width) == (22050, 1, 2)
    expected = array.array("h", SAMPLES)
    if sys.byteorder == "big":
        expected.byteswap()
    assert pcm.data == expected.tobytes()


def test_not_a_sound_file(tmp_path):
    path = tmp_path / "x.wav"
    path.write_bytes(b"RIFF\x10\x00\x00\x00WAVEjunk")
    with pytest.raises(SoundFileError):
        read_pcm(path)
    path.write_text("hello")
    with pytest.raises(SoundFileError):
        read_pcm(path)
    with pytest.raises(OSError):
        read_pcm(tmp_path / "missing.wav")
