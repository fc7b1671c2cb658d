"""The reading ruler (line focus): over the page text, everything but a band of a few lines is
faded into the background, so the eye keeps its place.

The band stays where it is put on the screen while the text scrolls under it. It moves with the
keyboard (Alt+Up/Alt+Down anywhere; Up/Down, Page Up/Down, Home/End on its handle), by a click or
tap on a faded line, by dragging its handle, and it follows the sentence being read aloud.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextCursor
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.core.render import TextStyle
from desktop_app.core.themes import Theme
from desktop_app.i18n import _
from desktop_app.ui import icons
from desktop_app.ui.actions import keys_of

FADE = 0.72        # how much of the background colour covers the text outside the band


class RulerHandle(QPushButton):
    """The grip at the right end of the band, in a strip beside the text (so it never covers
    it): drag it, or focus it and use the arrow keys."""

    def __init__(self, ruler: "ReadingRuler", browser: QWidget):
        super().__init__(browser)
        self.ruler = ruler
        self.setObjectName("rulerHandle")
        self._drag_from: int | None = None
        self.setCursor(Qt.CursorShape.SizeVerCursor)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1,
                 Qt.Key.Key_PageUp: -self.ruler.lines, Qt.Key.Key_PageDown: self.ruler.lines}
        if key in steps:
            self.ruler.move_lines(steps[key])
        elif key == Qt.Key.Key_Home:
            self.ruler.set_top(0)
        elif key == Qt.Key.Key_End:
            self.ruler.set_top(self.ruler.height())
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self._drag_from = round(event.position().y())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag_from is not None:
            y = self.ruler.mapFromGlobal(event.globalPosition().toPoint()).y()
            self.ruler.centre_on(y - self._drag_from + self.height() // 2)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        self._drag_from = None
        super().mouseReleaseEvent(event)


class ReadingRuler(QWidget):
    """A mouse-transparent layer over ``reader.browser``'s viewport."""

    def __init__(self, reader):
        viewport = reader.browser.viewport()
        super().__init__(viewport)
        self.reader = reader
        self.setObjectName("readingRuler")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.handle = RulerHandle(self, reader.browser)
        QWidget.setTabOrder(reader.browser, self.handle)   # Tab: the text, then its ruler
        self.on = False
        self.lines = 3
        self.line_px = 27
        self.top = 40
        self.fade = QColor(255, 255, 255, round(255 * FADE))
        self.edge = QColor("#b3006b")
        viewport.installEventFilter(self)
        reader.sig_highlighted.connect(self.follow_sentence)
        self.hide()
        self.handle.hide()
        self.retranslate()

    # -- settings --------------------------------------------------------------------------
    def apply(self, on: bool, lines: int, theme: Theme, style: TextStyle, px: int = 18) -> None:
        self.on, self.lines = on, max(1, lines)
        self.line_px = max(8, round(style.body_px * style.line_height / 100))
        fade = QColor(theme.background)
        fade.setAlpha(round(255 * FADE))
        self.fade, self.edge = fade, QColor(theme.focus)
        size = max(44, round(px * 2.4))
        self.handle.setFixedSize(size, size)
        self.reader.browser.setViewportMargins(0, 0, size + 8 if on else 0, 0)
        self.handle.setIcon(icons.icon("ruler", theme.control_text))
        self.handle.setIconSize(QSize(size - 16, size - 16))
        turned_on = on and not self.isVisible()
        self.setVisible(on)
        self.handle.setVisible(on)
        self._fit()
        if turned_on:
            self.set_top(0)

    def retranslate(self) -> None:
        self.handle.setAccessibleName(_("Reading ruler"))
        self.handle.setAccessibleDescription(_(
            "Use the up and down arrow keys to move the ruler, or drag it. %(up)s and %(down)s "
            "move it from anywhere.") % {"up": keys_of("ruler_up"),
                                         "down": keys_of("ruler_down")})
        self.handle.setToolTip(self.handle.accessibleDescription())

    # -- geometry --------------------------------------------------------------------------
    # The band snaps to the lines of the page's layout, so it never cuts a line in two,
    # whatever the line spacing and heading sizes.
    PAD = 4

    def _cursor_at(self, y: int) -> QTextCursor:
        browser = self.reader.browser
        x = round(browser.document().documentMargin()) + 2
        return browser.cursorForPosition(QPoint(x, max(0, y)))

    def _line_top(self, cursor: QTextCursor) -> int:
        return self.reader.browser.cursorRect(cursor).top() - self.PAD

    def band_height(self) -> int:
        fallback = self.lines * self.line_px + 2 * self.PAD
        browser = self.reader.browser
        if browser.document().isEmpty():
            return fallback
        cursor = self._cursor_at(self.top + self.PAD + 2)
        first = self._line_top(cursor)
        if not cursor.movePosition(QTextCursor.MoveOperation.Down,
                                   QTextCursor.MoveMode.MoveAnchor, self.lines):
            return fallback
        height = self._line_top(cursor) - first
        return height if height > 0 else fallback

    def band(self) -> QRect:
        return QRect(0, self.top, self.width(), self.band_height())

    def set_top(self, top: int, snap: bool = True) -> None:
        if snap and not self.reader.browser.document().isEmpty():
            top = self._line_top(self._cursor_at(int(top) + self.line_px // 3))
        self.top = max(0, min(int(top), max(0, self.height() - self.band_height())))
        self._place_handle()
        self.update()

    def move_lines(self, steps: int) -> None:
        """Move the band ``steps`` lines; at the top or bottom edge the text scrolls instead."""
        if steps == 0:
            return
        cursor = self._cursor_at(self.top + self.PAD + 2)
        operation = QTextCursor.MoveOperation.Down if steps > 0 else \
            QTextCursor.MoveOperation.Up
        cursor.movePosition(operation, QTextCursor.MoveMode.MoveAnchor, abs(steps))
        wanted = self._line_top(cursor)
        bar = self.reader.browser.verticalScrollBar()
        height = self.band_height()
        if wanted + height > self.height() and bar.value() < bar.maximum():
            before = bar.value()
            bar.setValue(before + wanted + height - self.height())
            wanted -= bar.value() - before
        elif wanted < 0 and bar.value() > 0:
            before = bar.value()
            bar.setValue(before + wanted)
            wanted -= bar.value() - before
        self.set_top(wanted + self.PAD, snap=True)

    def centre_on(self, y: int) -> None:
        """Put the line at ``y`` in the middle of the band."""
        cursor = self._cursor_at(y)
        cursor.movePosition(QTextCursor.MoveOperation.Up, QTextCursor.MoveMode.MoveAnchor,
                            (self.lines - 1) // 2)
        self.set_top(self._line_top(cursor) + self.PAD)

    def follow_sentence(self, index: int) -> None:
        """Put the band on the sentence being read (it is already scrolled into view)."""
        if not self.on or index < 0 or index >= len(self.reader.spans):
            return
        span = self.reader.spans[index]
        cursor = QTextCursor(self.reader.browser.document())
        cursor.setPosition(span.start)
        self.set_top(self._line_top(cursor) + self.PAD)

    def _fit(self) -> None:
        viewport = self.parentWidget()
        self.setGeometry(viewport.rect())
        self.raise_()
        self.set_top(self.top)

    def _place_handle(self) -> None:
        size = self.handle.height()
        viewport = self.parentWidget().geometry()     # in the browser's coordinates
        y = self.top + (self.band_height() - size) // 2
        self.handle.move(QPoint(viewport.right() + 5,
                                viewport.top() + max(0, min(y, self.height() - size))))
        self.handle.raise_()

    # -- events ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and self.on:
            self._fit()
        elif kind == QEvent.Type.MouseButtonPress and self.on:
            y = round(event.position().y())
            if not self.band().contains(QPoint(5, y)):
                self.centre_on(y)   # a click or tap on a faded line brings the band there
        return False

    def paintEvent(self, _event) -> None:
        if not self.on:
            return
        painter = QPainter(self)
        band = self.band()
        painter.fillRect(QRect(0, 0, self.width(), band.top()), self.fade)
        painter.fillRect(QRect(0, band.bottom() + 1, self.width(),
                               self.height() - band.bottom() - 1), self.fade)
        pen = QPen(self.edge)
        pen.setWidth(3)
        painter.setPen(pen)
        painter.drawLine(0, band.top(), self.width(), band.top())
        painter.drawLine(0, band.bottom(), self.width(), band.bottom())
        painter.end()
