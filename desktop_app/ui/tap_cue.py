"""The kiosk's visible "tap again to open" cue: after a first tap has spoken what a button is,
a label by the button says that a second tap opens it (the cue is seen, not only heard). It
lets taps through and stays as long as the second tap counts (while the name is said, then
the tap window: ``keep_for``); it goes away then, on the second tap, or on a reset."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.themes import Theme
from desktop_app.i18n import _


class TapCue(QLabel):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window_widget = window
        self.setObjectName("tapcue")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.target: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def show_for(self, target: QWidget, seconds: float, theme: Theme) -> None:
        """By ``target``, in ``theme``'s colours, for ``seconds``."""
        self.setStyleSheet(
            f"color: {theme.highlight_text}; background-color: {theme.highlight_background};"
            f" border: 3px solid {theme.focus}; border-radius: 8px; padding: 8px 16px;"
            " font-weight: bold;")
        self.setText(_("Tap again to open"))
        self.setAccessibleName(self.text())
        self.adjustSize()
        self.target = target
        window = self.window_widget
        below = target.mapTo(window, QPoint(0, target.height()))
        x = below.x() + (target.width() - self.width()) // 2
        y = below.y() - self.height() // 2        # over the button's lower edge
        x = max(0, min(x, window.width() - self.width()))
        y = max(0, min(y, window.height() - self.height()))
        self.move(x, y)
        self.show()
        self.raise_()
        self.keep_for(seconds)

    def keep_for(self, seconds: float) -> None:
        """Shown ``seconds`` from now (the second tap counts that long)."""
        self._timer.start(max(1, round(seconds * 1000)))

    def dismiss(self) -> None:
        self._timer.stop()
        self.target = None
        self.hide()
