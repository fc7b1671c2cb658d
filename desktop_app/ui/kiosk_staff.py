"""The kiosk's staff exit: the corner to press for 3 s, and the PIN dialog (the keypad, the
lockout countdown, then where the logs are, "Close the program" and "Back to the kiosk").

The PIN's hash is checked in a thread (up to half a second of scrypt or PBKDF2): the window
keeps answering, and the keypad waits for the answer.
"""
from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QRegularExpressionValidator
from PySide6.QtWidgets import (QGridLayout, QLineEdit, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from desktop_app.core.kiosk import KioskConfig, short
from desktop_app.core.kiosk_pin import Lockout, verify_pin
from desktop_app.i18n import _, ngettext
from desktop_app.logs import recent_problems
from desktop_app.ui.kiosk_dialogs import KioskDialog
from desktop_app.ui.speak_interface import SILENT, TAP_DIRECT
from desktop_app.ui.state import ReaderState

log = logging.getLogger(__name__)

LONG_PRESS_MS = 3000
STAFF_LINES = 5           # problems listed on the staff screen (all of them are in the log)
CORNER_PX = 64


class PinCheck(QObject):
    """Checks a PIN against the stored hash in a thread; ``sig_done(attempt, right)`` comes
    back on the UI thread."""

    sig_done = Signal(int, bool)

    def start(self, attempt: int, pin: str, stored: str) -> None:
        def work() -> None:
            try:
                right = verify_pin(pin, stored)
            except Exception:  # noqa: BLE001 - a failed check is a wrong PIN, never a crash
                log.exception("kiosk: the PIN check failed")
                right = False
            self.sig_done.emit(attempt, right)
        threading.Thread(target=work, name="kiosk-pin-check", daemon=True).start()


class PinDialog(KioskDialog):
    """The staff exit: a PIN keypad, then where the logs are and "Close the program".
    ``sig_exit()`` when staff choose to close the app, ``sig_checked(result)`` when a PIN has
    been checked ("ok", "wrong"). Nothing in it is ever spoken."""

    sig_exit = Signal()
    sig_checked = Signal(str)

    def __init__(self, window: QWidget, state: ReaderState, config: KioskConfig,
                 lockout: Lockout, log_location: str):
        super().__init__(window, state)
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
        self.checking = False     # a PIN is being checked: the keys wait
        self.attempt = 0          # a check answered after the dialog closed changes no page
        self.check = PinCheck(self)
        self.check.sig_done.connect(self._checked)
        for button in self.findChildren(QPushButton):
            # Return in the PIN field submits; QDialog would also "click" an auto-default
            # button with it (a digit, or Cancel once the keys are locked)
            button.setAutoDefault(False)

    def open_entry(self) -> None:
        self.attempt += 1
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
        pin = self.field.text()
        self.field.clear()
        if self.checking or self.lockout.ready(self.config.pin_hash):
            self.refresh()                  # locked or no PIN: not tried
            return
        self.checking = True
        self._message = _("Checking the PIN …")
        self.refresh()
        self.check.start(self.attempt, pin, self.config.pin_hash)

    def _checked(self, attempt: int, right: bool) -> None:
        """The thread's answer: counted even when the dialog closed meanwhile (closing it does
        not undo a wrong PIN), but only the dialog that asked opens the staff page."""
        self.checking = False
        result = self.lockout.record(right)
        if result == "wrong":
            log.warning("kiosk: wrong staff PIN (%d in a row)", self.lockout.failures)
        self._message = _("Wrong PIN.") if result == "wrong" else ""
        if result == "ok" and attempt == self.attempt and self.isVisible():
            log.info("kiosk: staff PIN accepted")
            self.pages.setCurrentIndex(1)
            self.retranslate()
            self.exit_button.setFocus()
        self.refresh()
        self.sig_checked.emit(result)

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
        usable = bool(self.config.pin_hash) and not waiting and not self.checking
        if not usable and self.isVisible():
            self.cancel_button.setFocus()   # keep focus here, or the WM may raise the window
        for button in self.keys.values():
            button.setEnabled(usable)
        self.field.setEnabled(usable)
        if usable and self.isVisible() and self.pages.currentIndex() == 0 \
                and not self.field.hasFocus():
            self.field.setFocus()

    def done(self, result: int) -> None:
        self.attempt += 1
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
        content = [str(p) for p in self._state.library.all_problems()]
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
