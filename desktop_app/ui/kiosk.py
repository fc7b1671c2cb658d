"""The library kiosk: locked full screen, idle warning and reset, staff exit, web addresses as QR.

``KioskController(app, window, config, state, speech, speaker)`` does it all for one
``MainWindow`` (the window it locks down), with the reader's state and the speech services:

- an application event filter notes every input (mouse, touch, key, wheel) and restarts the
  idle timer; swallows Alt+F4, Ctrl+Q/W, Ctrl+P/O/S, F11, context menus and tooltips, and Esc
  (which only does the window's own Esc: stop reading, close a panel);
  ignores the window's close event unless the staff exit allowed it; rejects file and print
  dialogs; opens the staff exit on Ctrl+Alt+Shift+E.
- after ``idle_seconds`` the warning is shown and spoken, with one big "More time" button and a
  countdown of ``warning_seconds``; then ``reset()`` puts everything back for the next person.
- a 3-second press on the top-right corner, or the chord, opens the PIN dialog (lockout in
  ``core.kiosk_pin.Lockout``); the right PIN shows where the logs are and a button that closes the
  app.
- the window keeps the screen (``ui.kiosk_screen.ScreenGuard``), reading aloud ends
  (``ui.kiosk_reading.ReadingLimit``), and the reset leaves nothing of the last visitor
  (``ui.kiosk_privacy.wipe_traces``: undo histories, selections, clipboards, speech cache).

Tests drive time through ``idle_timer``, ``show_warning()`` and ``tick()``.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractScrollArea, QApplication, QComboBox, QDialog, QLayout,
                               QScroller, QScrollerProperties, QStyledItemDelegate, QWidget)

from desktop_app.core.kiosk import KioskConfig
from desktop_app.core.kiosk_pin import LOCKOUT_FILE, Lockout
from desktop_app.i18n import _
from desktop_app.speech.cache import use_kiosk_cache
from desktop_app.speech.state import SOUNDING
from desktop_app.ui import os_prefs
from desktop_app.ui.kiosk_privacy import wipe_traces
from desktop_app.ui.kiosk_reading import ReadingLimit
from desktop_app.ui.kiosk_screen import ScreenGuard
from desktop_app.ui.kiosk_dialogs import KioskDialog, WarningDialog, WebAddressDialog
from desktop_app.ui.kiosk_staff import PinDialog, StaffCorner
from desktop_app.ui.speak_interface import TAP_DIRECT, InterfaceSpeaker, belongs_to
from desktop_app.ui.speech_controller import SpeechController
from desktop_app.ui.state import ReaderState

log = logging.getLogger(__name__)
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


class KioskController(QObject):
    """Signals: ``sig_warning_shown()``, ``sig_reset()``."""

    sig_warning_shown = Signal()
    sig_reset = Signal()

    def __init__(self, app, window, config: KioskConfig, state: ReaderState,
                 speech: SpeechController, speaker: InterfaceSpeaker,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        from desktop_app.logs import log_dir
        self.app, self.window, self.config = app, window, config
        self.state, self.speech = state, speech
        self.defaults = config.settings()
        self.exit_allowed = False
        self.lockout = Lockout(clock, store=log_dir() / LOCKOUT_FILE)   # survives a restart
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
        self.warning = WarningDialog(window, state)
        self.warning.sig_more_time.connect(self.more_time)
        self.web = WebAddressDialog(window, state, self._speak)
        self.staff = PinDialog(window, state, config, self.lockout, str(log_dir()))
        self.staff.sig_exit.connect(self.exit_app)
        self.corner = StaffCorner(window)
        self.corner.sig_long_press.connect(self.request_staff_exit)
        self.corner.place()
        window.links.set_web_address_handler(self.show_web_address)
        for scheme in ("http", "https", "mailto", "file", "ftp"):
            QDesktopServices.setUrlHandler(scheme, self, "open_url")
        window.lazy_reader.when_made(lambda reader: reader.sig_tapped.connect(self._tapped))
        # the reader, a topic's list and Help are made when first shown: finger scrolling then
        window.stack.sig_view_made.connect(lambda _view: self.grab_scrollers())
        for widget in (window.home.speak_hint, window.speech_bar.read_button):
            widget.setProperty(TAP_DIRECT, True)   # their action is speech: no first-tap rule
        self.grab_scrollers()
        # the content's minimum size must never make the window taller than the screen: the
        # window manager would then refuse full screen (measured: 1280 x 874 on an 800 px
        # screen with a notice and the search view)
        window.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        window.setMinimumSize(0, 0)
        self.screen_guard = ScreenGuard(window, self._raise_dialogs)
        self.reading = ReadingLimit(state, speech, config.read_on_pages, config.idle_seconds,
                                    lambda: self.show_warning(listening=True), clock)
        speech.set_read_on_rule(self.reading.may_read_on)
        use_kiosk_cache()
        wipe_traces(window)
        self.speaker = speaker
        speaker.attach(False)
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
            self.window.notices.show_notice(_("That is not available on this kiosk."))
            return True
        elif kind == QEvent.Type.Show:
            self._shown(obj)
        elif kind == QEvent.Type.Resize and obj is self.window:
            self.corner.place()
        elif kind == QEvent.Type.WindowActivate and obj is self.window:
            self._raise_dialogs()
        # one application filter in kiosk mode: interface speech and touch-to-hear come next
        return self.speaker.handle(obj, event, kind)

    def _shown(self, widget) -> None:
        """Touch rows in every list that drops down (Qt's default rows ignore the style
        sheet's 64 px), and the staff corner above every layer of the window (the picture
        viewer, the dimmer)."""
        if isinstance(widget, QComboBox) and not isinstance(widget.itemDelegate(),
                                                              QStyledItemDelegate):
            widget.setItemDelegate(QStyledItemDelegate(widget))
        elif widget is not self.corner and isinstance(widget, QWidget) \
                and widget.parentWidget() is self.window:
            QTimer.singleShot(0, self.corner, self.corner.raise_)   # after the layer's own raise

    def _raise_dialogs(self) -> None:
        """A window manager raises a focused full-screen window over everything (openbox
        does): keep an open kiosk dialog on top of it."""
        for dialog in (self.staff, self.web, self.warning):   # the warning last: on top
            if dialog.isVisible():
                dialog.raise_()
                dialog.activateWindow()

    def _own_dialog_escape(self, event) -> bool:
        """Esc closes the kiosk's own dialogs and a pop-up (a list that dropped down); it
        never leaves the app."""
        return event.key() == Qt.Key.Key_Escape and (
            isinstance(QApplication.activeModalWidget(), KioskDialog)
            or QApplication.activePopupWidget() is not None)

    def _key(self, event) -> bool:
        if staff_chord(event.key(), event.modifiers()):
            self.request_staff_exit()
            return True
        if not blocked_key(event.key(), event.modifiers()) or self._own_dialog_escape(event):
            return False
        if event.key() == Qt.Key.Key_Escape and QApplication.activeModalWidget() is None:
            self.window.escape()   # stops reading, closes a panel: never leaves the app
        return True

    def note_activity(self) -> None:
        if not self.warning.isVisible():
            self.idle_timer.start()
            self.reading.activity()

    # -- idle ------------------------------------------------------------------------------
    def _session_busy(self) -> bool:
        """A page is being read aloud (a control's name being said is not that)."""
        speech = self.speech
        return speech.is_sounding() and not speech.is_reading_text()

    def _idle(self) -> None:
        if self._session_busy():   # someone may be listening to a page: ask after a while
            if self.reading.idle_while_reading():
                self.show_warning(listening=True)
            else:
                self.idle_timer.start()
            return
        self.show_warning()

    def show_warning(self, listening: bool = False) -> None:
        """The idle warning; ``listening``: "Are you still listening?" (reading aloud goes on
        where it was if the visitor answers)."""
        self.idle_timer.stop()
        self.remaining = self.config.warning_seconds
        self.warning.prepare(self.remaining, listening)
        self.warning.present()
        self.warning.more_button.setFocus()
        self.corner.raise_()
        self.countdown_timer.start()
        self._speak(self.warning.message())
        log.info("kiosk: idle warning shown%s", " (still listening?)" if listening else "")
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
        self.reading.resume()

    # -- the reset -------------------------------------------------------------------------
    def reset(self) -> None:
        """Nothing of the previous person remains: speech, dialogs, page, settings, history."""
        window = self.window
        self.countdown_timer.stop()
        self.reading.forget()
        self.speech.reset_for_next_person()
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
            if isinstance(widget, QDialog) and widget.isVisible() \
                    and belongs_to(widget, self.window):
                widget.reject()
        window.reset(self.defaults)
        if not self.state.library.pages:   # staff must still see that nothing could be loaded
            window.notices.add_startup_notice(lambda: _(
                "The pages cannot be shown right now. Start the program again, or ask someone "
                "for help."))
        bar = window.speech_bar
        bar.more_button.setChecked(False)
        bar.set_message("")
        self.speaker.reset()
        wipe_traces(window)
        self.grab_scrollers()
        for area in window.findChildren(QAbstractScrollArea):
            QScroller.scroller(area.viewport()).stop()
            area.verticalScrollBar().setValue(0)
        self.screen_guard.activate()   # the closed dialog had the keyboard: give it back
        window.home.speak_hint.setFocus(Qt.FocusReason.OtherFocusReason)
        self.corner.place()
        self.idle_timer.start()
        log.info("kiosk: reset")
        self.sig_reset.emit()

    # -- speech ----------------------------------------------------------------------------
    def _speak(self, text: str) -> None:
        speech = self.speech
        if speech is not None:
            speech.speak(text)

    def _stop_spoken_label(self) -> None:
        if self.speech.is_reading_text():
            self.speech.stop()

    def _tapped(self, position: int) -> None:
        """A tap on the text when nothing is being read starts reading at that sentence."""
        if self.state.location[0] != "page":
            return
        session = self.speech.ensure_session()
        if session is not None and session.state not in SOUNDING:
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
            # a tap reaches the button under the finger at once (Qt holds a press back 0.25 s
            # to see whether it becomes a drag, and quick taps on the search's letters were
            # lost); a drag that follows still scrolls and the button is not pressed
            properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay,
                                       0.0)
            properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
                                       off)
            properties.setScrollMetric(
                QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
            if os_prefs.reduced_motion(self.app):
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
        self.screen_guard.stop()
        self.app.removeEventFilter(self)
        self.idle_timer.stop()
        self.countdown_timer.stop()
        self.staff.timer.stop()
        for scheme in ("http", "https", "mailto", "file", "ftp"):
            QDesktopServices.unsetUrlHandler(scheme)
        self.window.links.set_web_address_handler(None)
