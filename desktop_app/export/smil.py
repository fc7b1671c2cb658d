"""EPUB 3 Media Overlays: a SMIL document per section (no Qt).

Each sentence is a ``par`` (its text and its clip in the section's sound file, from the start
of its speech to the start of the next sentence, so the pause is heard). Where the engine gave
word timings, the sentence is a ``seq`` pointing at the sentence, holding one ``par`` per word;
the words' clips tile the sentence's clip, so playback is the same sound either way. Reading
systems mark the element being heard with ``-epub-media-overlay-active``: the word where there
are word timings, else the sentence. (A style rule that also marks the sentence around the
word needs ``:has()``, which epubcheck's CSS parser rejects.)
"""
from __future__ import annotations

from xml.sax.saxutils import quoteattr

from desktop_app.export.audio import Clip

ACTIVE_CLASS = "-epub-media-overlay-active"


def clock(ms: int) -> str:
    """A SMIL full clock value, e.g. ``0:01:02.345``."""
    hours, rest = divmod(max(0, int(ms)), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def usable_words(marks: list[tuple[int, int, int]], speech_ms: int) -> list[tuple[int, int, int]]:
    """``(start_ms, char, length)`` word marks kept where both the time and the place in the
    text only move forward and the word starts while the sentence is spoken: what a media
    overlay can play in order."""
    kept: list[tuple[int, int, int]] = []
    for start, char, length in sorted(marks):
        if length <= 0 or start >= speech_ms:
            continue
        if kept and (start <= kept[-1][0] or char < kept[-1][1] + kept[-1][2]):
            continue
        kept.append((start, char, length))
    return kept


def word_clips(clip: Clip) -> list[tuple[int, int]]:
    """The (begin, end) in ms of each word of ``clip``, tiling the sentence's clip."""
    starts = [clip.start] + [clip.start + w[0] for w in clip.words[1:]]
    ends = starts[1:] + [clip.end]
    return list(zip(starts, ends))


def smil_document(text_href: str, audio_href: str, clips: list[Clip]) -> str:
    """The overlay of one XHTML file (``text_href``) and its sound (``audio_href``), both
    relative to the SMIL file."""
    audio = quoteattr(audio_href)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops"'
             ' version="3.0">', "<body>"]

    def par(ident: str, fragment: str, begin: int, end: int) -> str:
        return (f'<par id="{ident}"><text src={quoteattr(text_href + "#" + fragment)}/>'
                f'<audio src={audio} clipBegin="{clock(begin)}" clipEnd="{clock(end)}"/></par>')

    for clip in clips:
        sid = clip.sentence_id
        if not clip.words:
            lines.append(par(f"par-{sid}", sid, clip.start, clip.end))
            continue
        lines.append(f'<seq id="seq-{sid}" epub:textref={quoteattr(text_href + "#" + sid)}>')
        for number, (begin, end) in enumerate(word_clips(clip), 1):
            lines.append(par(f"par-{sid}w{number}", f"{sid}w{number}", begin, end))
        lines.append("</seq>")
    lines += ["</body>", "</smil>"]
    return "\n".join(lines) + "\n"
