"""Readability figures for Markdown page bodies: words, sentences and LIX.

LIX = words / sentences + 100 * long_words / words, where a long word has more than six
letters. A sentence ends at ``.``, ``!``, ``?`` or ``:``; a heading or list item without such a
mark counts as one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_BLOCK_MARK = re.compile(r"^\s*(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


def plain_lines(markdown: str) -> list[str]:
    """The body's visible text, one string per block (paragraph, heading or list item).

    Markdown marks are removed and wrapped paragraph lines joined. Headings and list items with
    no end mark get a full stop, so that they count as sentences.
    """
    blocks: list[tuple[bool, list[str]]] = []
    for raw in markdown.splitlines():
        line = _IMAGE.sub("", raw)
        line = _AUTOLINK.sub("", line)
        line = _LINK.sub(r"\1", line)
        marked = bool(_BLOCK_MARK.match(line))
        line = _BLOCK_MARK.sub("", line)
        line = line.replace("**", "").replace("__", "").replace("*", "").replace("`", "").strip()
        if not line:
            if not raw.strip():
                blocks.append((False, []))
            continue
        if marked or not blocks or not blocks[-1][1] or blocks[-1][0] and raw[:1] not in " \t":
            blocks.append((marked, [line]))
        else:
            blocks[-1][1].append(line)
    result = []
    for marked, parts in blocks:
        if not parts:
            continue
        text = " ".join(parts)
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
