"""The library kiosk: locked full screen, idle warning and reset, staff exit, web addresses as QR.

``KioskController(app, window, config)`` does it all for one ``MainWindow``:

- an application event filter notes every input (mouse, touch, key, wheel) and restarts the
  idle timer; swallows Alt+F4, Ctrl+Q/W, Esc, Ctrl+P/O/S, F11, context menus and tooltips;
  ignores the window's close event unless the staff exit allowed it; rejects file and print
  dialogs; opens the staff exit on Ctrl+Alt+Shift+E.
- after ``idle_seconds`` the warning is shown and spoken, with one big "More time" button and a
  countdown of ``warning_seconds``; then ``reset()`` puts everything back for the next person.
- a 3-second press on the top-right corner, or the chord, opens the PIN dialog (lockout in
  ``core.kiosk.Lockout``); the right PIN shows where the logs are and a button that closes the
  app.

Tests drive time through ``idle_timer``, ``show_warning()`` and ``tick()``.
"""
from __future__ import annotations

import io
import logging
import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (QColor, QDesktopServices, QGuiApplication, QPainter, QPixmap,
                           QRegularExpressionValidator)
from PySide6.QtWidgets import (QAbstractScrollArea, QApplication, QDialog, QFrame, QGridLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QScroller,
                               QScrollerProperties, QStackedWidget, QVBoxLayout, QWidget)

from desktop_app.core.kiosk import KioskConfig, Lockout
from desktop_app.i18n import _, ngettext
from desktop_app.ui.speak_interface import SILENT, TAP_DIRECT
from desktop_app.ui.style import control_px, target_px

log = logging.getLogger(__name__)

LONG_PRESS_MS = 3000
CORNER_PX = 64
_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TabletPress})
_BLOCKED_DIALOGS = ("QFileDialog", "QAbstractPrintDialog", "QPageSetupDialog",
                    "QPrintPreviewDialog", "QColorDialog", "QFontDialog")
_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


def blocked_key(key: int, modifiers) -> bool:
    """Keys that could leave or cover the app: swallowed in kiosk mode."""
    if key == Qt.Key.Key_F4 and modifiers & _ALT:
        return True
    if key in (Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_P, Qt.Key.Key_O, Qt.Key.Key_S) \
            and modifiers & _CTRL:
        return True
    return key in (Qt.Key.Key_Escape, Qt.Key.Key_F11, Qt.Key.Key_Menu)


def staff_chord(key: int, modifiers) -> bool:
    return key == Qt.Key.Key_E and modifiers & _CTRL and modifiers & _ALT and modifiers & _SHIFT


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
        self.title.setText(_("Are you still there?"))
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
    """The staff exit: a PIN keypad, then where the logs are and "Close the app".
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
        if not self.config.pin_hash:
            text = _("No staff PIN is set. Set one with: python -m desktop_app kiosk set-pin")
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
        lines = [_("Log files: %s") % self.log_location,
                 _("Kiosk settings: %s") % (self.config.path or "")]
        lines += [_("Problem in the kiosk settings: %s") % p for p in self.config.problems]
        self.logs.setText("\n".join(lines))
        self.exit_button.setText(_("Close the app"))
        self.exit_button.setAccessibleName(_("Close the app"))
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


class KioskController(QObject):
    """Signals: ``sig_warning_shown()``, ``sig_reset()``."""

    sig_warning_shown = Signal()
    sig_reset = Signal()

    def __init__(self, app, window, config: KioskConfig,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        from desktop_app.logs import log_dir
        self.app, self.window, self.config = app, window, config
        self.defaults = config.settings()
        self.exit_allowed = False
        self.lockout = Lockout(clock)
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse: up to 5 % off
        self.idle_timer.setInterval(config.idle_seconds * 1000)
        self.idle_timer.timeout.connect(self._idle)
        self.countdown_timer = QTimer(self)
        self.countdown_timer.setInterval(1000)
        self.countdown_timer.timeout.connect(self.tick)
        self.remaining = 0
        self.warning = WarningDialog(window)
        self.warning.sig_more_time.connect(self.more_time)
        self.web = WebAddressDialog(window, self._speak)
        self.staff = PinDialog(window, config, self.lockout, str(log_dir()))
        self.staff.sig_exit.connect(self.exit_app)
        self.corner = StaffCorner(window)
        self.corner.sig_long_press.connect(self.request_staff_exit)
        self.corner.place()
        window.web_address_handler = self.show_web_address
        for scheme in ("http", "https", "mailto", "file", "ftp"):
            QDesktopServices.setUrlHandler(scheme, self, "open_url")
        window.reader.sig_tapped.connect(self._tapped)
        for widget in (window.home.speak_hint, window.speech_bar.read_button):
            widget.setProperty(TAP_DIRECT, True)   # their action is speech: no first-tap rule
        self.grab_scrollers()
        self.speaker = getattr(window, "interface_speaker", None)
        if self.speaker is not None:
            self.speaker.attach(False)
        app.installEventFilter(self)
        self.idle_timer.start()
        for problem in config.problems:
            log.warning("kiosk config %s: %s", config.path, problem)
        log.info("kiosk: started (idle %d s, warning %d s, config %s, PIN %s)",
                 config.idle_seconds, config.warning_seconds, config.path,
                 "set" if config.pin_hash else "NOT set")

    # -- input -----------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in _INPUT:
            if kind != QEvent.Type.MouseMove or event.spontaneous():
                self.note_activity()
            if kind == QEvent.Type.KeyPress and self._key(event):
                return True
        elif kind == QEvent.Type.ShortcutOverride:
            if blocked_key(event.key(), event.modifiers()) and not self._own_dialog_escape(event) \
                    or staff_chord(event.key(), event.modifiers()):
                event.accept()   # no shortcut fires; the key press then comes here and is eaten
                return True
            return False
        elif kind in (QEvent.Type.ContextMenu, QEvent.Type.ToolTip, QEvent.Type.WhatsThis):
            return True
        elif kind == QEvent.Type.Close and obj is self.window and not self.exit_allowed:
            event.ignore()
            log.info("kiosk: close request ignored")
            return True
        elif kind == QEvent.Type.Show and isinstance(obj, QDialog) \
                and any(obj.inherits(name) for name in _BLOCKED_DIALOGS):
            log.info("kiosk: %s refused", obj.metaObject().className())
            QTimer.singleShot(0, obj.reject)
            self.window.show_notice(_("That is not available on this kiosk."))
            return True
        elif kind == QEvent.Type.Resize and obj is self.window:
            self.corner.place()
        elif kind == QEvent.Type.WindowActivate and obj is self.window:
            self._raise_dialogs()
        # one application filter in kiosk mode: interface speech and touch-to-hear come next
        return self.speaker is not None and self.speaker.handle(obj, event, kind)

    def _raise_dialogs(self) -> None:
        """A window manager raises a focused full-screen window over everything (openbox
        does): keep an open kiosk dialog on top of it."""
        for dialog in (self.staff, self.web, self.warning):   # the warning last: on top
            if dialog.isVisible():
                dialog.raise_()
                dialog.activateWindow()

    def _own_dialog_escape(self, event) -> bool:
        """Esc closes the kiosk's own dialogs (it never leaves the app)."""
        return event.key() == Qt.Key.Key_Escape and \
            isinstance(QApplication.activeModalWidget(), KioskDialog)

    def _key(self, event) -> bool:
        if staff_chord(event.key(), event.modifiers()):
            self.request_staff_exit()
            return True
        return blocked_key(event.key(), event.modifiers()) and not self._own_dialog_escape(event)

    def note_activity(self) -> None:
        if not self.warning.isVisible():
            self.idle_timer.start()

    # -- idle ------------------------------------------------------------------------------
    def _session_busy(self) -> bool:
        session = getattr(self.window.speech, "session", None)
        return session is not None and session.state in ("playing", "loading") \
            and not getattr(session, "reading_text", False)

    def _idle(self) -> None:
        if self._session_busy():   # someone is listening to a page: that is not idle
            self.idle_timer.start()
            return
        self.show_warning()

    def show_warning(self) -> None:
        self.idle_timer.stop()
        self.remaining = self.config.warning_seconds
        self.warning.remaining = self.remaining
        self.warning.present()
        self.warning.more_button.setFocus()
        self.corner.raise_()
        self.countdown_timer.start()
        self._speak(self.warning.message())
        log.info("kiosk: idle warning shown")
        self.sig_warning_shown.emit()

    def tick(self) -> None:
        """One second of the warning's countdown (tests call it to fast-forward)."""
        if not self.warning.isVisible():
            self.countdown_timer.stop()
            return
        self.remaining -= 1
        self.warning.set_remaining(max(0, self.remaining))
        if self.remaining <= 0:
            self.reset()

    def more_time(self) -> None:
        self.countdown_timer.stop()
        self._stop_spoken_label()
        self.idle_timer.start()
        log.info("kiosk: more time")

    # -- the reset -------------------------------------------------------------------------
    def reset(self) -> None:
        """Nothing of the previous person remains: speech, dialogs, page, settings, history."""
        window = self.window
        self.countdown_timer.stop()
        speech = window.speech
        speech.stop()
        if getattr(speech, "_failed", False):
            speech._failed = False   # the next person gets a fresh try at starting speech
        self.warning.dismiss()
        self.web.hide()
        self.staff.timer.stop()
        self.staff.hide()
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            next_popup = QApplication.activePopupWidget()
            popup = None if next_popup is popup else next_popup
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and self._ours(widget):
                widget.reject()
        window.reset(self.defaults)
        bar = window.speech_bar
        bar.more_button.setChecked(False)
        bar.set_message("")
        speaker = getattr(window, "interface_speaker", None)
        if speaker is not None:
            speaker.reset()
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.grab_scrollers()
        for area in window.findChildren(QAbstractScrollArea):
            QScroller.scroller(area.viewport()).stop()
            area.verticalScrollBar().setValue(0)
        window.home.speak_hint.setFocus(Qt.FocusReason.OtherFocusReason)
        self.corner.place()
        self.idle_timer.start()
        log.info("kiosk: reset")
        self.sig_reset.emit()

    def _ours(self, widget) -> bool:
        while widget is not None:
            if widget is self.window:
                return True
            widget = widget.parentWidget()
        return False

    # -- speech ----------------------------------------------------------------------------
    def _speak(self, text: str) -> None:
        speech = getattr(self.window, "speech", None)
        if speech is not None:
            speech.speak(text)

    def _stop_spoken_label(self) -> None:
        session = getattr(self.window.speech, "session", None)
        if session is not None and getattr(session, "reading_text", False):
            self.window.speech.stop()

    def _tapped(self, position: int) -> None:
        """A tap on the text when nothing is being read starts reading at that sentence."""
        if self.window.location[0] != "page":
            return
        session = self.window.speech.ensure_session()
        if session is not None and session.state not in ("playing", "loading"):
            session.play(self.window.reader.sentence_at(position))

    # -- touch -----------------------------------------------------------------------------
    def grab_scrollers(self) -> None:
        """Finger scrolling with momentum on every scrolling area of the window (no glide when
        the system asks for reduced motion). A left-button gesture serves touch screens too:
        Qt turns unhandled touches into mouse events."""
        for area in self.window.findChildren(QAbstractScrollArea):
            viewport = area.viewport()
            if area.window() is not self.window or viewport.property("kioskScroller"):
                continue
            viewport.setProperty("kioskScroller", True)
            QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
            scroller = QScroller.scroller(viewport)
            properties = scroller.scrollerProperties()
            off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
            properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
                                       off)
            properties.setScrollMetric(
                QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
            if getattr(self.window, "reduced_motion", False):
                # the page follows the finger but stops when it lets go (measured: a flick
                # glides ~24 px instead of ~2,400)
                properties.setScrollMetric(
                    QScrollerProperties.ScrollMetric.DecelerationFactor, 20.0)
            scroller.setScrollerProperties(properties)

    # -- web addresses ---------------------------------------------------------------------
    def show_web_address(self, url: str) -> None:
        log.info("kiosk: web address shown as QR code")
        self.web.show_address(url)
        self.corner.raise_()

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        """Every QDesktopServices.openUrl in kiosk mode ends here: nothing leaves the app."""
        self.show_web_address(url.toString())

    # -- the staff exit --------------------------------------------------------------------
    def request_staff_exit(self) -> None:
        log.info("kiosk: staff exit requested")
        self.staff.open_entry()

    def exit_app(self) -> None:
        log.info("kiosk: staff exit")
        self.shutdown()
        self.staff.hide()
        self.window.close()

    def shutdown(self) -> None:
        """Unlock: the window may close; filters, timers and URL handlers are removed."""
        self.exit_allowed = True
        self.app.removeEventFilter(self)
        self.idle_timer.stop()
        self.countdown_timer.stop()
        self.staff.timer.stop()
        for scheme in ("http", "https", "mailto", "file", "ftp"):
            QDesktopServices.unsetUrlHandler(scheme)
        if getattr(self.window, "web_address_handler", None) == self.show_web_address:
            self.window.web_address_handler = None
