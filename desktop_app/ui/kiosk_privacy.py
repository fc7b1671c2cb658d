"""What the kiosk's reset wipes beyond the window's own state: every text field's undo and redo
history and selection, the clipboard and the X primary selection (a middle click pastes it),
and the speech cache written during the session."""
from __future__ import annotations

import logging

from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit,
                               QPlainTextEdit, QTextEdit)

from desktop_app.speech.cache import wipe_kiosk_cache
from desktop_app.ui.speak_interface import belongs_to

log = logging.getLogger(__name__)


def _text_widgets(window):
    """The window's text widgets, and those of its dialogs (other top-level widgets)."""
    seen = set()
    tops = [window] + [w for w in QApplication.topLevelWidgets()
                       if w is not window and belongs_to(w, window)]
    for top in tops:
        for widget in top.findChildren(QLineEdit) + top.findChildren(QTextEdit) \
                + top.findChildren(QPlainTextEdit):
            if id(widget) not in seen:
                seen.add(id(widget))
                yield widget


def clear_fields(window) -> None:
    """Empty every typed field with ``setText("")`` (``clear()`` can be undone with Ctrl+Z)
    and drop the undo/redo history and the selection of every text view."""
    for widget in _text_widgets(window):
        if isinstance(widget, QLineEdit):
            if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
                widget.deselect()
                continue
            blocked = widget.blockSignals(True)
            widget.setText("")
            widget.blockSignals(blocked)
        else:
            cursor = widget.textCursor()
            cursor.clearSelection()
            widget.setTextCursor(cursor)
            widget.document().clearUndoRedoStacks()


def clear_clipboards() -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        clipboard.clear(QClipboard.Mode.FindBuffer)


def wipe_traces(window) -> None:
    clear_fields(window)
    clear_clipboards()
    removed = wipe_kiosk_cache()
    if removed:
        log.info("kiosk: %d speech cache files removed", removed)
