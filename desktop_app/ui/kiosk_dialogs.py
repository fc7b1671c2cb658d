"""The kiosk's dialogs (idle warning, web address with QR code, staff PIN) and the staff corner.

Used by ``ui.kiosk.KioskController``; each dialog is large, spoken and touch-friendly.
"""
from __future__ import annotations

import io
import logging
from typing import Callable

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from desktop_app.core.kiosk import KioskConfig, Lockout, short
from desktop_app.i18n import _, ngettext
from desktop_app.logs import recent_problems
from desktop_app.ui.speak_interface import SILENT, TAP_DIRECT
from desktop_app.ui.style import control_px, target_px

log = logging.getLogger(__name__)

LONG_PRESS_MS = 3000
STAFF_LINES = 5           # problems listed on the staff screen (all of them are in the log)
CORNER_PX = 64


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

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
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
        return control_px(self.window_.settings.text_scale)

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
        theme, px = self.window_.theme, self.px()
        self.panel.setStyleSheet(f"QFrame#kioskPanel {{ border: 4px solid {theme.control_border};"
                                 f" border-radius: 16px; padding: 32px; }}")
        for label in self.findChildren(QLabel):
            factor = label.property("kioskFactor") or 1.0
            weight = "bold" if label.property("kioskBold") else "normal"
            label.setStyleSheet(f"font-size: {round(px * factor)}px; font-weight: {weight};")
        height = max(target_px(self.window_.settings.text_scale, True), round(px * 4))
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

    def __init__(self, window):
        super().__init__(window)
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

    def __init__(self, window, speak: Callable[[str], None]):
        super().__init__(window)
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


class PinDialog(KioskDialog):
    """The staff exit: a PIN keypad, then where the logs are and "Close the program".
    ``sig_exit()`` when staff choose to close the app. Nothing in it is ever spoken."""

    sig_exit = Signal()

    def __init__(self, window, config: KioskConfig, lockout: Lockout, log_location: str):
        super().__init__(window)
        self.setObjectName("kioskStaff")
        self.setProperty(SILENT, True)
        self.setProperty(TAP_DIRECT, True)
        self.config, self.lockout, self.log_location = config, lockout, log_location
        self.pages = QStackedWidget()
        self.body.addWidget(self.pages)
        entry = QWidget()
        column = QVBoxLayout(entry)
        self.title = self.big_label(1.6, bold=True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMaxLength(12)
        self.field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}")))
        self.field.returnPressed.connect(self.submit)
        self.status = self.big_label(1.0, bold=True)
        keypad = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate("123456789" + "<0>"):
            button = self.big_button(direct=True)
            button.setMinimumWidth(120)
            keypad.addWidget(button, i // 3, i % 3)
            self.keys[key] = button
            if key.isdigit():
                button.setText(key)
                button.setAccessibleName(key)
                button.clicked.connect(lambda _=False, k=key: self.field.insert(k))
        self.keys["<"].clicked.connect(self.field.backspace)
        self.keys[">"].clicked.connect(self.submit)
        self.cancel_button = self.big_button(direct=True)
        self.cancel_button.clicked.connect(self.reject)
        for widget in (self.title, self.field, self.status):
            column.addWidget(widget)
        column.addLayout(keypad)
        column.addWidget(self.cancel_button)
        staff = QWidget()
        column = QVBoxLayout(staff)
        self.staff_title = self.big_label(1.6, bold=True)
        self.logs = self.big_label(1.0)
        self.logs.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.exit_button = self.big_button(direct=True)
        self.exit_button.clicked.connect(self.sig_exit)
        self.back_button = self.big_button(direct=True)
        self.back_button.clicked.connect(self.reject)
        for widget in (self.staff_title, self.logs, self.exit_button, self.back_button):
            column.addWidget(widget)
        self.pages.addWidget(entry)
        self.pages.addWidget(staff)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        self._message = ""
        for button in self.findChildren(QPushButton):
            # Return in the PIN field submits; QDialog would also "click" an auto-default
            # button with it (a digit, or Cancel once the keys are locked)
            button.setAutoDefault(False)

    def open_entry(self) -> None:
        if not self.config.pin_hash:
            log.warning("kiosk: no staff PIN is set; set one with: "
                        "python -m desktop_app kiosk set-pin")
        self.pages.setCurrentIndex(0)
        self.field.clear()
        self._message = ""
        self.present()
        self.timer.start()
        self.refresh()
        self.field.setFocus()

    def submit(self) -> None:
        result = self.lockout.check(self.field.text(), self.config.pin_hash)
        self.field.clear()
        if result == "ok":
            log.info("kiosk: staff PIN accepted")
            self.pages.setCurrentIndex(1)
            self.retranslate()
            self.exit_button.setFocus()
            return
        if result == "wrong":
            log.warning("kiosk: wrong staff PIN (%d in a row)", self.lockout.failures)
            self._message = _("Wrong PIN.")
        self.refresh()

    def refresh(self) -> None:
        """Show the lockout countdown, or why the exit cannot be used, and (un)lock the keys."""
        waiting = self.lockout.remaining()
        text = self._message
        if self.config.pin_problem:
            text = _("The staff PIN in the kiosk settings cannot be used, so you cannot close "
                     "the program here. Staff: see the kiosk guide.")
        elif not self.config.pin_hash:
            text = _("No PIN is set yet, so you cannot close the program here. Staff: see the "
                     "kiosk guide.")
        elif waiting:
            text = (self._message + " " if self._message else "") + ngettext(
                "Too many wrong PINs. Try again in %d second.",
                "Too many wrong PINs. Try again in %d seconds.", waiting) % waiting
        self.status.setText(text)
        self.status.setAccessibleName(text)
        usable = bool(self.config.pin_hash) and not waiting
        if not usable and self.isVisible():
            self.cancel_button.setFocus()   # keep focus here, or the WM may raise the window
        for button in self.keys.values():
            button.setEnabled(usable)
        self.field.setEnabled(usable)
        if usable and self.isVisible() and self.pages.currentIndex() == 0 \
                and not self.field.hasFocus():
            self.field.setFocus()

    def done(self, result: int) -> None:
        self.timer.stop()
        self.field.clear()
        self.pages.setCurrentIndex(0)
        super().done(result)

    def retranslate(self) -> None:
        self.title.setText(_("Staff exit: enter the PIN"))
        self.field.setAccessibleName(_("PIN"))
        self.keys["<"].setText(_("Delete"))
        self.keys["<"].setAccessibleName(_("Delete"))
        self.keys[">"].setText(_("OK"))
        self.keys[">"].setAccessibleName(_("OK"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.staff_title.setText(_("Staff"))
        lines = [_("Log files: %s") % short(self.log_location, 200),
                 _("Kiosk settings: %s") % short(self.config.path or "", 200)]
        lines += [_("Problem in the kiosk settings: %s") % short(p, 200)
                  for p in self.config.problems[:STAFF_LINES]]
        content = [str(p) for p in self.window_.library.problems]
        lines += [_("Problem in the content: %s") % short(p, 200)
                  for p in content[:STAFF_LINES]]
        lines += [_("Recent problem: %s") % short(p, 200) for p in recent_problems()]
        hidden = max(0, len(self.config.problems) - STAFF_LINES) \
            + max(0, len(content) - STAFF_LINES)
        if hidden:
            lines.append(ngettext("%d more problem: see the log.",
                                  "%d more problems: see the log.", hidden) % hidden)
        self.logs.setText("\n".join(lines))
        self.exit_button.setText(_("Close the program"))
        self.exit_button.setAccessibleName(_("Close the program"))
        self.back_button.setText(_("Back to the kiosk"))
        self.back_button.setAccessibleName(_("Back to the kiosk"))
        self.setAccessibleName(_("Staff exit"))


class StaffCorner(QWidget):
    """A discreet area in the top-right corner: pressed for 3 s it emits ``sig_long_press()``."""

    sig_long_press = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("staffCorner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFixedSize(CORNER_PX, CORNER_PX)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LONG_PRESS_MS)
        self.timer.timeout.connect(self.sig_long_press)
        self.colour = "#808080"

    def place(self) -> None:
        parent = self.parentWidget()
        self.move(parent.width() - self.width(), 0)
        self.raise_()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.timer.start()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        self.timer.stop()

    def paintEvent(self, event) -> None:  # noqa: N802 - a small mark staff can find
        painter = QPainter(self)
        colour = QColor(self.colour)
        colour.setAlpha(90)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(self.width() - 18, 6, 12, 12)
        painter.end()
