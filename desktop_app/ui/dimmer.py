"""In-app dimming: a translucent black layer over the whole window, for light-sensitive readers.

It is independent of the OS brightness, lets every click and tap through and never takes focus.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from desktop_app.core.settings import MAX_DIMMING


class Dimmer(QWidget):
    """A child of ``window`` that covers it and paints black at ``level`` percent (0–70)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("dimmer")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.level = 0
        window.installEventFilter(self)
        self.hide()

    def set_level(self, percent: int) -> None:
        self.level = max(0, min(MAX_DIMMING, int(percent)))
        self.setVisible(self.level > 0)
        if self.level:
            self._cover()
        self.update()

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded) and self.level:
            self._cover()
        return False

    def paintEvent(self, _event) -> None:
        if self.level:
            painter = QPainter(self)
            painter.fillRect(self.rect(), QColor(0, 0, 0, round(255 * self.level / 100)))
            painter.end()
