"""Readability figures for Markdown page bodies: words, sentences and LIX.

LIX = words / sentences + 100 * long_words / words, where a long word has more than six
letters. A sentence ends at ``.``, ``!``, ``?`` or ``:``; a heading or list item without such a
mark counts as one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.document import body_blocks

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
_WEB = re.compile(r"https?://\S+")


def plain_lines(markdown: str) -> list[str]:
    """The body's visible text, one string per block (paragraph, heading or list item), from
    the document model; web addresses are left out. Headings and list items with no end mark
    get a full stop, so that they count as sentences."""
    result = []
    for block in body_blocks(markdown):
        text = " ".join(_WEB.sub("", block.text).split())
        if not text:
            continue
        if not re.search(r"[.!?:]\s*$", text):
            text += "."
        result.append(text)
    return result


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        return self.long_words / self.words if self.words else 0.0

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words_per_sentence + 100.0 * self.long_word_share


def measure(markdown: str) -> Readability:
    """Words, sentences and long words of a Markdown body."""
    text = "\n".join(plain_lines(markdown))
    words = [w for w in _WORD.findall(text) if any(c.isalpha() for c in w)]
    long_words = sum(1 for w in words if sum(c.isalpha() for c in w) > 6)
    sentences = sum(max(1, len(_SENTENCE_END.findall(block))) for block in plain_lines(markdown)
                    if _WORD.search(block))
    return Readability(words=len(words), sentences=max(sentences, 1 if words else 0),
                       long_words=long_words)


def lix_band(lix: float) -> str:
    """The LIX band's name (English key; the UI translates it)."""
    if lix <= 24:
        return "very easy"
    if lix <= 34:
        return "easy"
    if lix <= 44:
        return "medium"
    if lix <= 54:
        return "hard"
    return "very hard"
