"""A section's sound: sentences joined with the app's pauses, evened out and encoded as MP3 with
ID3 tags (no Qt).

The sentences' sounds are the reader's segments (``speech/sequence.py``: the engine's own
silence trimmed off), joined with the pause the reader leaves after each kind of block, so the
file sounds like the app reading the page. Each section is brought to the same loudness (RMS,
without letting a peak clip), so one page is not louder than the next. lameenc (LAME) encodes
mono MP3, a core media type of EPUB 3; the ID3v2.4 tag (title, album, artist, track, language,
year) is written here, it is a few bytes.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from desktop_app.speech.pcm import Pcm, to_mono16

BITRATE_KBPS = 48            # mono speech at 22 kHz
# An MP3 decoder's output starts this many samples after the PCM given to LAME: its encoder
# delay (576) and the decoder's (529). lameenc writes no LAME tag that would let decoders trim
# it, so the clips are shifted by it (measured here: 1105 samples, 50 ms at 22 050 Hz).
CODEC_DELAY_SAMPLES = 1105


@dataclass(frozen=True)
class Clip:
    """Where one sentence is in the section's sound, in ms: ``start`` to ``end`` (its speech
    and the pause after it) and the word starts relative to ``start``."""

    sentence_id: str
    start: int
    speech_end: int
    end: int
    words: tuple[tuple[int, int, int], ...] = ()     # (start_ms, char, length)


@dataclass
class Joined:
    rate: int = 0
    pcm: bytearray = field(default_factory=bytearray)
    clips: list[Clip] = field(default_factory=list)

    @property
    def duration_ms(self) -> int:
        return round(len(self.pcm) * 1000 / (2 * self.rate)) if self.rate else 0


def heard_clips(joined: Joined) -> list[Clip]:
    """The clips as they are heard from the MP3: shifted by the codec delay."""
    shift = round(CODEC_DELAY_SAMPLES * 1000 / joined.rate) if joined.rate else 0
    return [replace(c, start=c.start + shift, speech_end=c.speech_end + shift, end=c.end + shift)
            for c in joined.clips]


def append(joined: Joined, sentence_id: str, pcm: Pcm, pause_ms: int,
           words: list[tuple[int, int, int]] | None = None) -> Clip:
    """Add a sentence's sound and the pause after it to ``joined``."""
    joined.rate = joined.rate or pcm.rate
    data = to_mono16(pcm, joined.rate).data
    start = joined.duration_ms
    joined.pcm += data
    speech_end = joined.duration_ms
    joined.pcm += bytes(2 * round(joined.rate * pause_ms / 1000))
    clip = Clip(sentence_id, start, speech_end, joined.duration_ms, tuple(words or ()))
    joined.clips.append(clip)
    return clip


def _syncsafe(n: int) -> bytes:
    return bytes(((n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F))


def id3_tag(title: str, album: str, artist: str, track: int, lang: str, year: int) -> bytes:
    """An ID3v2.4 tag with UTF-8 text frames. The track is a bare number: Qt Multimedia (and
    players built on it) read "2/23" as no track number."""
    languages = {"da": "dan", "en": "eng"}
    frames = b""
    for frame_id, value in (("TIT2", title), ("TALB", album), ("TPE1", artist),
                            ("TRCK", str(track)), ("TLAN", languages.get(lang, lang)),
                            ("TDRC", str(year)), ("TCON", "Speech")):
        body = b"\x03" + value.encode("utf-8")
        frames += frame_id.encode("ascii") + _syncsafe(len(body)) + b"\x00\x00" + body
    return b"ID3\x04\x00\x00" + _syncsafe(len(frames)) + frames


def encode_mp3(pcm: bytes, rate: int, bitrate: int = BITRATE_KBPS) -> bytes:
    """16-bit mono PCM as MP3 (constant bit rate)."""
    import lameenc
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(7)            # LAME "fast": 1.7 times quicker than the default 5
    return bytes(encoder.encode(pcm)) + bytes(encoder.flush())


def m3u(entries: list[tuple[str, str, int]]) -> str:
    """An extended M3U playlist of ``(file name, title, seconds)``, in UTF-8."""
    lines = ["#EXTM3U"]
    for name, title, seconds in entries:
        lines.append(f"#EXTINF:{seconds},{title}")
        lines.append(name)
    return "\n".join(lines) + "\n"

