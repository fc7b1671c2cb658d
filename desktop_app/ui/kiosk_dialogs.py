"""The kiosk's dialogs for visitors (idle warning, web address with QR code); the staff exit is
in ``ui.kiosk_staff``.

Used by ``ui.kiosk.KioskController``; each dialog is large, spoken and touch-friendly.
"""
from __future__ import annotations

import io
import logging
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from desktop_app.i18n import _, ngettext
from desktop_app.ui.speak_interface import TAP_DIRECT
from desktop_app.ui.state import ReaderState
from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.ui.style import control_px, target_px

log = logging.getLogger(__name__)



def qr_pixmap(text: str, size: int) -> QPixmap:
    """A QR code for ``text``, made locally with segno, black on white, about ``size`` px."""
    import segno
    code = segno.make(text, error="m", micro=False)
    modules = code.symbol_size(scale=1, border=4)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(2, size // modules), border=4, dark="#000000",
              light="#ffffff")
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class KioskDialog(QDialog):
    """A frameless modal dialog over the whole main window, with a centred panel."""

    def __init__(self, window: QWidget, state: ReaderState):
        super().__init__(window)
        self.window_ = window
        self._state = state
        self.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        self.setModal(True)
        self.panel = QFrame()
        self.panel.setObjectName("kioskPanel")
        self.body = QVBoxLayout(self.panel)
        self.body.setSpacing(24)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel, 8)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

    def px(self) -> int:
        return control_px(self._state.settings.text_scale)

    def big_label(self, factor: float = 1.0, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setProperty("kioskFactor", factor)
        label.setProperty("kioskBold", bold)
        return label

    def big_button(self, direct: bool = False) -> QPushButton:
        button = QPushButton()
        button.setProperty(TAP_DIRECT, direct)
        return button

    def _style(self) -> None:
        theme, px = self._state.theme, self.px()
        self.panel.setStyleSheet(f"QFrame#kioskPanel {{ border: 4px solid {theme.control_border};"
                                 f" border-radius: 16px; padding: 32px; }}")
        for label in self.findChildren(QLabel):
            factor = label.property("kioskFactor") or 1.0
            weight = "bold" if label.property("kioskBold") else "normal"
            label.setStyleSheet(f"font-size: {round(px * factor)}px; font-weight: {weight};")
        touch = target_px(self._state.settings.text_scale, KioskPolicy(locked=True))
        height = max(touch, round(px * 4))
        for button in self.findChildren(QPushButton):
            button.setMinimumHeight(height)
            button.setStyleSheet(f"font-size: {round(px * 1.3)}px; font-weight: bold;")

    def present(self) -> None:
        self.retranslate()
        self._style()
        self.setGeometry(self.window_.frameGeometry())
        self.show()
        self.raise_()
        self.activateWindow()

    def retranslate(self) -> None:
        pass


class WarningDialog(KioskDialog):
    """"Are you still there?" with a countdown and one big "More time" button.
    ``sig_more_time()`` when the person answers (the button, Enter, Esc or a close)."""

    sig_more_time = Signal()

    def __init__(self, window: QWidget, state: ReaderState):
        super().__init__(window, state)
        self.setObjectName("kioskWarning")
        self.title = self.big_label(2.0, bold=True)
        self.text = self.big_label(1.2)
        self.countdown = self.big_label(2.4, bold=True)
        self.more_button = self.big_button(direct=True)
        self.more_button.setDefault(True)
        self.more_button.clicked.connect(self.accept)
        for widget in (self.title, self.text, self.countdown, self.more_button):
            self.body.addWidget(widget)
        self.remaining = 0
        self.listening = False   # asked while a page was read aloud

    def prepare(self, seconds: int, listening: bool) -> None:
        """The warning for a visitor who stopped touching (``listening``: while a page was
        read aloud), with ``seconds`` left."""
        self.listening = listening
        self.remaining = seconds

    def set_remaining(self, seconds: int) -> None:
        self.remaining = seconds
        self.text.setText(ngettext(
            "The screen will be cleared in %d second, so the next person can start afresh.",
            "The screen will be cleared in %d seconds, so the next person can start afresh.",
            seconds) % seconds + " " + _("Press More time to go on."))
        self.countdown.setText(ngettext("%d second left", "%d seconds left", seconds) % seconds)
        self.countdown.setAccessibleName(self.countdown.text())

    def message(self) -> str:
        """What is shown and spoken."""
        return " ".join((self.title.text(), self.text.text()))

    def retranslate(self) -> None:
        self.title.setText(_("Are you still listening?") if self.listening
                           else _("Are you still there?"))
        self.more_button.setText(_("More time"))
        self.more_button.setAccessibleName(_("More time"))
        self.more_button.setAccessibleDescription(_("Keeps your choices, so you can go on"))
        self.setAccessibleName(self.title.text())
        self.set_remaining(self.remaining)

    def done(self, result: int) -> None:  # accept, reject (Esc), close: the person answered
        super().done(result)
        self.sig_more_time.emit()

    def dismiss(self) -> None:
        """Hide without answering (the reset)."""
        self.hide()
        self.setResult(0)


class WebAddressDialog(KioskDialog):
    """A web address in large text and as a QR code, with "Scan with your phone"."""

    def __init__(self, window: QWidget, state: ReaderState, speak: Callable[[str], None]):
        super().__init__(window, state)
        self.setObjectName("kioskWebAddress")
        self._speak = speak
        self.url = ""
        self.title = self.big_label(1.6, bold=True)
        self.address = self.big_label(1.6)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scan = self.big_label(1.4, bold=True)
        self.read_button = self.big_button(direct=True)
        self.read_button.clicked.connect(lambda: self._speak(self.spoken_text()))
        self.close_button = self.big_button()
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.close_button)
        for widget in (self.title, self.address, self.qr, self.scan):
            self.body.addWidget(widget)
        self.body.addLayout(buttons)

    def show_address(self, url: str) -> None:
        self.url = url
        # break long addresses after / . ? & = so they wrap instead of running off the screen
        shown = url
        for mark in "/.?&=":
            shown = shown.replace(mark, mark + "\u200b")
        self.address.setText(shown)
        self.address.setAccessibleName(url)
        size = max(240, min(480, self.window_.height() // 3))
        self.qr.setPixmap(qr_pixmap(url, size))
        self.present()
        self.close_button.setFocus()

    def spoken_text(self) -> str:
        return f"{self.title.text()}: {self.url}. {self.scan.text()}."

    def retranslate(self) -> None:
        self.title.setText(_("Web address"))
        self.scan.setText(_("Scan with your phone"))
        self.qr.setAccessibleName(_("QR code with the web address"))
        self.read_button.setText(_("Read aloud"))
        self.read_button.setAccessibleName(_("Read the web address aloud"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close the web address"))
        self.setAccessibleName(self.title.text())
