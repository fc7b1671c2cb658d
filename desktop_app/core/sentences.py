"""Splitting text into sentences, the unit that is read aloud and highlighted."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations whose full stop does not end a sentence (lower case, without the final dot).
_ABBREVIATIONS = {
    "da": {"bl.a", "fx", "f.eks", "ca", "pct", "kr", "mio", "mia", "nr", "jf", "m.fl", "m.m",
           "evt", "hhv", "i.f.t", "ift", "inkl", "osv", "dvs", "mht", "vedr", "stk", "pkt",
           "tlf", "bl", "f", "e.l", "ang"},
    "en": {"e.g", "i.e", "etc", "no", "mr", "mrs", "ms", "dr", "vs", "approx", "incl", "dkk",
           "m", "st"},
}
_CANDIDATE = re.compile(r"[.!?:]+[\"”’)]*(?=\s+)")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a page, in reading order.

    ``block`` is the index of the block (paragraph, heading or list item) it belongs to in
    the page's document model (``core/document.py``); ``kind`` is that block's kind:
    ``heading``, ``paragraph``, ``item`` or ``caption``.
    """

    index: int
    text: str
    lang: str
    block: int
    kind: str

    @property
    def id(self) -> str:
        """Its stable id in the page ("s1" for the first), as the talking book's spans have."""
        return f"s{self.index + 1}"


def split_sentences(text: str, lang: str = "da") -> list[str]:
    """Split ``text`` into sentences, keeping abbreviations, ordinals and dates together."""
    text = " ".join(text.split())
    if not text:
        return []
    abbreviations = _ABBREVIATIONS.get(lang, set()) | _ABBREVIATIONS["da"]
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        mark = match.group(0)
        before = text[start:match.start()]
        last_word = before.split()[-1].lower() if before.split() else ""
        following = text[end:].lstrip()
        if mark.startswith("."):
            if last_word.rstrip(".") in abbreviations or last_word in abbreviations:
                continue
            if last_word.isdigit() and following[:1].islower():
                continue  # "1. januar", "18. år"
            if len(last_word) == 1 and last_word.isalpha():
                continue  # initials
        if mark.startswith(":") and not following[:1].isupper():
            continue
        if following and not (following[0].isupper() or following[0].isdigit()
                              or following[0] in "\"“«(§"):
            continue
        sentences.append(text[start:end].strip())
        start = end
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences
