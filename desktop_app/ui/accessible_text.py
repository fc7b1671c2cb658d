"""The text and attributes interfaces of the reader's accessible document and its blocks (see
``accessible.py``): text by character, word or line over a range of the document, the heading
level and the language."""
from __future__ import annotations

from PySide6.QtCore import QLocale, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleAttributesInterface, QAccessibleTextInterface, \
    QTextCursor
from PySide6.QtWidgets import QTextEdit


class TextAttributes(QAccessibleAttributesInterface):
    """Heading level and language (AT-SPI ``level`` attribute and ``GetLocale``)."""

    def __init__(self, level: int = 0):
        super().__init__()
        self.level = level

    def attributeKeys(self):
        keys = [QAccessible.Attribute.Locale]
        if self.level:
            keys.insert(0, QAccessible.Attribute.Level)
        return keys

    def attributeValue(self, key):
        if key == QAccessible.Attribute.Level and self.level:
            return self.level
        if key == QAccessible.Attribute.Locale:
            from desktop_app import i18n
            return QLocale(i18n.language())
        return None


class TextRange(QAccessibleTextInterface):
    """The text interface over a range of the browser's document: the whole document
    (``start`` 0) or one block. Offsets are relative to ``start``. Word, sentence and line
    boundaries come from Qt's default implementation (a line ends at a line feed, so a
    "line" is a paragraph)."""

    def __init__(self, owner):
        super().__init__()
        self._owner = owner

    # where this text lives
    def _range(self) -> tuple[QTextEdit | None, int, str]:
        return self._owner.text_range()

    def text(self, start: int, end: int) -> str:
        _browser, _base, text = self._range()
        if end < 0 or end > len(text):
            end = len(text)
        return text[max(0, start):end]

    def characterCount(self) -> int:
        return len(self._range()[2])

    def cursorPosition(self) -> int:
        browser, base, text = self._range()
        if browser is None:
            return 0
        position = browser.textCursor().position() - base
        return position if 0 <= position <= len(text) else 0

    def setCursorPosition(self, position: int) -> None:
        browser, base, text = self._range()
        if browser is not None and 0 <= position <= len(text):
            cursor = QTextCursor(browser.document())
            cursor.setPosition(base + position)
            browser.setTextCursor(cursor)

    def selectionCount(self) -> int:
        # QAccessibleTextInterface::selection() has no Python binding, so no selection is
        # reported (a reported one could not be read back).
        return 0

    def addSelection(self, start: int, end: int) -> None:
        self.setSelection(0, start, end)

    def removeSelection(self, index: int) -> None:
        browser = self._range()[0]
        if browser is not None:
            cursor = browser.textCursor()
            cursor.clearSelection()
            browser.setTextCursor(cursor)

    def setSelection(self, index: int, start: int, end: int) -> None:
        browser, base, text = self._range()
        if browser is None:
            return
        cursor = QTextCursor(browser.document())
        cursor.setPosition(base + max(0, min(start, len(text))))
        cursor.setPosition(base + max(0, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
        browser.setTextCursor(cursor)

    def characterRect(self, offset: int) -> QRect:
        browser, base, text = self._range()
        if browser is None or not 0 <= offset < len(text):
            return QRect()
        cursor = QTextCursor(browser.document())
        cursor.setPosition(base + offset)
        left = browser.cursorRect(cursor)
        cursor.setPosition(base + offset + 1)
        right = browser.cursorRect(cursor)
        width = right.x() - left.x() if right.top() == left.top() and right.x() > left.x() \
            else max(1, browser.fontMetrics().averageCharWidth())
        rect = QRect(left.x(), left.y(), width, left.height())
        return QRect(browser.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def offsetAtPoint(self, point: QPoint) -> int:
        browser, base, text = self._range()
        if browser is None:
            return -1
        local = browser.viewport().mapFromGlobal(point)
        if not browser.viewport().rect().contains(local):
            return -1
        offset = browser.cursorForPosition(local).position() - base
        return offset if 0 <= offset < len(text) else -1

    def scrollToSubstring(self, start: int, end: int) -> None:
        browser, base, text = self._range()
        if browser is None:
            return
        cursor = QTextCursor(browser.document())
        cursor.setPosition(base + max(0, min(start, len(text))))
        rect = browser.cursorRect(cursor)
        view = browser.viewport().rect()
        if not view.contains(rect):
            bar = browser.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - view.height() // 3)
