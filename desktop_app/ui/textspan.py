"""Small helpers for marking a stretch of a page's text (the read-aloud highlights)."""
from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

OBJECT = "\ufffc"  # the character a picture takes in a document's text


def selection(cursor: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format = fmt
    return selection


def solid_count(text: str) -> int:
    """How many characters of ``text`` are not white space."""
    return sum(1 for c in text if not c.isspace())


def advance(text: str, start: int, solid: int) -> int:
    """The index in ``text`` after ``solid`` non-space characters from ``start``."""
    index = start
    while solid > 0 and index < len(text):
        if not (text[index].isspace() or text[index] == OBJECT):
            solid -= 1
        index += 1
    return index


def locate(document, sentences: list[str]) -> list[tuple[int, int]]:
    """Where each of ``sentences`` (in reading order, white space folded) is in
    ``document``'s text: (start, end), looked for from where the one before it ended; an
    empty span where one is not found."""
    texts = []
    block = document.begin()
    while block.isValid():
        if block.text().replace(OBJECT, "").strip():
            texts.append((block.position(), block.text()))
        block = block.next()
    places, at, offset = [], 0, 0
    for sentence in sentences:
        found = None
        for number in range(at, len(texts)):
            position, text = texts[number]
            start = find_sentence(text, sentence, offset if number == at else 0)
            if start >= 0:
                found = (number, position + start,
                         position + start + span_length(text, start, sentence))
                break
        if found is None:
            where = texts[at][0] + offset if at < len(texts) else 0
            places.append((where, where))
            continue
        at, start, end = found
        offset = end - texts[at][0]
        places.append((start, end))
    return places


def find_sentence(text: str, sentence: str, start: int) -> int:
    """Where ``sentence`` (whitespace-normalised) starts in ``text`` at or after ``start``."""
    first = sentence.split()[0] if sentence.split() else sentence
    position = text.find(first, start)
    while position >= 0:
        if span_length(text, position, sentence) > 0:
            return position
        position = text.find(first, position + 1)
    return -1


def span_length(text: str, offset: int, sentence: str) -> int:
    """The length in ``text`` from ``offset`` that matches ``sentence`` up to whitespace."""
    i, j = offset, 0
    while j < len(sentence) and i < len(text):
        if sentence[j].isspace():
            j += 1
            continue
        if text[i].isspace() or text[i] == OBJECT:
            i += 1
            continue
        if text[i] != sentence[j]:
            return 0
        i += 1
        j += 1
    return i - offset if j >= len(sentence) else 0
