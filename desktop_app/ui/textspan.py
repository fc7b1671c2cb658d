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
