"""Speech sequences: what is said, in which language, where its marks are and how long the
silence after it is (no Qt).

Reading is planned the way a screen reader plans it: a sequence of utterances, each carrying
an index mark (the sentence it reads), its language and the designed pause after it. An
engine's driver turns an utterance into sound with its word marks (``speech/engine.py``,
``speech/timings.py``); ``segment`` trims the engine's own silence off that sound, brings it
to one loudness and puts the marks on the trimmed sound, so the pause a listener hears is the
designed pause; the player (``speech/player.py``) hands each segment and its pause to one
open output before the one before it has been heard, and reports each mark when the sound
reaches it. The page, a selection, the home screen's numbered menu and a spoken control's
name are planned here; the export (``export/runner.py``) makes the same segments.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Protocol

from desktop_app.core.settings import CHOICES
from desktop_app.speech.normalize import pause_ms, speakable
from desktop_app.speech.pcm import Pcm, even_loudness, to_mono16, trim_silence

STOP_MODES = CHOICES["stop_mode"]     # the settings table's


class Readable(Protocol):
    """What the planner needs of a sentence (``core.sentences.Sentence`` has it)."""

    text: str
    lang: str
    block: int
    kind: str


@dataclass(frozen=True)
class Utterance:
    """One sentence to say: ``index`` is its mark (its place in what is read), ``pause_ms``
    the silence after it."""

    index: int
    text: str
    lang: str
    pause_ms: int


def plan(sentences: list[Readable], start: int = 0, stop_mode: str = "none",
         pause_scale: float = 1.0) -> list[Utterance]:
    """The utterances that reading from ``start`` says, in order: sentences with nothing to
    say are left out; ``stop_mode`` ``sentence`` or ``paragraph`` ends the plan after the
    first sentence or at the end of the first block; the last utterance has no pause."""
    if stop_mode not in STOP_MODES:
        raise ValueError(f"unknown stop mode {stop_mode!r}")
    planned: list[Utterance] = []
    first_block = None
    for index in range(max(0, start), len(sentences)):
        sentence = sentences[index]
        if first_block is not None and (
                stop_mode == "sentence"
                or (stop_mode == "paragraph" and sentence.block != first_block)):
            break
        if not speakable(sentence.text, sentence.lang):
            continue
        if first_block is None:
            first_block = sentence.block
        planned.append(Utterance(index, sentence.text, sentence.lang,
                                 round(pause_ms(sentence.kind) * pause_scale)))
    if planned:
        last = planned[-1]
        planned[-1] = Utterance(last.index, last.text, last.lang, 0)
    return planned


@dataclass(frozen=True)
class Segment:
    """An utterance's sound ready for the output: 16-bit mono PCM without the engine's
    leading and trailing silence, the designed pause to follow it, and its word marks as
    ``(ms into the sound, char, length)``."""

    index: int
    pcm: Pcm
    pause_ms: int
    words: tuple[tuple[int, int, int], ...] = ()

    @property
    def speech_ms(self) -> int:
        return self.pcm.duration_ms

    def marks(self) -> list[tuple[int, tuple]]:
        """The index marks the player reports as they are heard, ``(ms into the sound,
        payload)``: ``("start", index)``, ``("word", index, char, length)`` for each word and,
        where there are words, ``("end", index)`` when the voice stops."""
        marks: list[tuple[int, tuple]] = [(0, ("start", self.index))]
        marks += [(ms, ("word", self.index, char, length)) for ms, char, length in self.words]
        if self.words:
            marks.append((self.speech_ms, ("end", self.index)))
        return marks


def segment(utterance: Utterance, pcm: Pcm,
            words: Iterable[tuple[int, int, int]] = ()) -> Segment:
    """``pcm`` (the engine's sound for ``utterance``) trimmed and evened out, with ``words``
    (``(ms into the engine's sound, char, length)``) moved onto the trimmed sound."""
    trimmed, cut_ms = trim_silence(to_mono16(pcm))
    trimmed = replace(trimmed, data=even_loudness(trimmed.data))
    end = trimmed.duration_ms
    moved = tuple((min(end, max(0, ms - cut_ms)), char, length) for ms, char, length in words)
    return Segment(utterance.index, trimmed, utterance.pause_ms, moved)
