"""Reading the interface aloud: focus speech and the kiosk's touch-to-hear rule.

When ``settings.speak_interface`` is on, or in kiosk mode, a control that gets keyboard focus
(Tab, Shift+Tab, a shortcut) has its accessible name and description spoken in the UI language.

Touch-to-hear (kiosk): the FIRST tap on a button speaks what it is and marks it with the focus
ring; a SECOND tap on the same button within ``TapRule.window_s`` (5 s) uses it. A tap on another
button, or after 5 s, counts as a first tap again. A double tap uses the button at once. Widgets
with the property ``kioskTapDirect`` (on themselves or a parent) act on the first tap (the
"read aloud" buttons, whose action is speech, and the idle warning's "More time"); widgets with
``speakSilent`` are never spoken (the staff PIN keypad).
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWidget

from desktop_app.i18n import _, pgettext

TAP_DIRECT = "kioskTapDirect"
SILENT = "speakSilent"
_SPOKEN_FOCUS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                 Qt.FocusReason.ShortcutFocusReason)
_MOUSE_PRESS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


def belongs_to(widget: QWidget | None, window: QWidget) -> bool:
    """``widget`` is ``window`` or inside it, also in a dialog of it (``isAncestorOf`` stops at
    a dialog's own window)."""
    while widget is not None:
        if widget is window:
            return True
        widget = widget.parentWidget()
    return False


class TapRule:
    """The touch-to-hear rule, without Qt: ``tap(target)`` says ``"speak"`` or ``"activate"``."""

    window_s = 5.0

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.armed: object | None = None
        self._armed_at = 0.0

    def tap(self, target: object, double: bool = False) -> str:
        now = self.clock()
        if double or (target is self.armed and now - self._armed_at <= self.window_s):
            self.armed = None
            return "activate"
        self.armed, self._armed_at = target, now
        return "speak"

    def clear(self) -> None:
        self.armed = None


def _has_property(widget: QWidget | None, name: str) -> bool:
    while widget is not None:
        if widget.property(name):
            return True
        widget = widget.parentWidget()
    return False


def describe(widget: QWidget) -> str:
    """What to say for a control: its name, state and description."""
    name = widget.accessibleName()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text() or widget.toolTip()
    parts = [name]
    if isinstance(widget, QComboBox) and widget.currentText() != name:
        parts.append(widget.currentText())
    if isinstance(widget, QAbstractButton) and widget.isCheckable() and widget.property("choice"):
        parts.append(pgettext("one of several options", "chosen") if widget.isChecked()
                     else pgettext("one of several options", "not chosen"))
    elif isinstance(widget, QAbstractButton) and widget.isCheckable():
        parts.append(pgettext("a switch", "on") if widget.isChecked()
                     else pgettext("a switch", "off"))
    if not widget.isEnabled():
        parts.append(_("not available now"))
    description = widget.accessibleDescription()
    if description and description != name:
        parts.append(description)
    return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."


class InterfaceSpeaker(QObject):
    """Interface speech for one main window (``window.speech`` speaks).

    An application event filter is installed only while it is needed (``speak_interface`` on),
    so the app pays nothing otherwise; in kiosk mode the kiosk's own filter calls ``handle``
    (``attach(False)``), so there is one filter. ``touch_to_hear`` turns on the first-tap rule;
    ``rule`` is its ``TapRule``."""

    def __init__(self, app, window, touch_to_hear: bool = False,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self.window = window
        self.touch_to_hear = touch_to_hear
        self.rule = TapRule(clock)
        self._swallow_release: QWidget | None = None
        self._keyboard_moved = False
        self.spoken: list[str] = []   # the last texts spoken (for tests and the soak bench)
        self._app = app
        self._installed = False
        self._auto = True
        self.cue = None   # the visible "tap again" cue, made at the first tap
        window.sig_settings_changed.connect(self._follow_settings)
        self._follow_settings()

    def attach(self, on: bool) -> None:
        """``False``: never install a filter of its own (someone else calls ``handle``)."""
        self._auto = on
        self._follow_settings()

    def _follow_settings(self) -> None:
        wanted = self._auto and self.active()
        if wanted and not self._installed:
            self._app.installEventFilter(self)
        elif self._installed and not wanted:
            self._app.removeEventFilter(self)
        self._installed = wanted

    def remove(self) -> None:
        self._auto = False
        self._follow_settings()

    def active(self) -> bool:
        return bool(self.window.kiosk or self.window.settings.speak_interface)

    def say(self, text: str) -> None:
        speech = self.window.speech
        if speech is not None and text.strip():
            self.spoken.append(text)
            del self.spoken[:-20]
            speech.speak(text)

    def stop_interface_speech(self) -> None:
        """The user acted: a spoken label (not the page being read) stops."""
        session = self.window.speech.session if self.window.speech is not None else None
        if session is not None and session.reading_text:
            self.window.speech.stop()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        return self.handle(obj, event, event.type())

    def handle(self, obj, event, kind) -> bool:
        """True when the event is used up (a first tap)."""
        if kind == QEvent.Type.FocusIn:
            # only focus the person moved: Qt also moves focus "by Tab" when a screen changes
            if self._keyboard_moved and isinstance(obj, QWidget) \
                    and event.reason() in _SPOKEN_FOCUS and self.active() \
                    and belongs_to(obj, self.window) and not _has_property(obj, SILENT):
                self._keyboard_moved = False
                self.say(describe(obj))
            return False
        if kind == QEvent.Type.KeyPress:
            if self.active() and not event.isAutoRepeat() and isinstance(obj, QWidget) \
                    and belongs_to(obj, self.window):
                self._keyboard_moved = True   # Tab, arrows, a shortcut: focus may follow
                self.stop_interface_speech()
            return False
        if kind in _MOUSE_PRESS:
            self._keyboard_moved = False
        if not self.touch_to_hear or not isinstance(obj, (QAbstractButton, QComboBox)):
            return False
        if kind in _MOUSE_PRESS:
            if event.button() != Qt.MouseButton.LeftButton or not belongs_to(obj, self.window):
                return False
            if _has_property(obj, TAP_DIRECT):
                self.rule.clear()
                return False
            double = kind == QEvent.Type.MouseButtonDblClick
            if self.rule.tap(obj, double) == "activate":
                self._swallow_release = None   # this press goes through, so does its release
                self._hide_cue()
                self.stop_interface_speech()
                return False
            self._swallow_release = obj
            if not _has_property(obj, SILENT):
                self.say(describe(obj) + " " + _("Tap again to use it."))
            self._show_cue(obj)
            obj.setFocus(Qt.FocusReason.OtherFocusReason)   # the focus ring shows the choice
            return True
        if kind == QEvent.Type.MouseButtonRelease and obj is self._swallow_release:
            self._swallow_release = None
            return True
        return False

    def _show_cue(self, target: QWidget) -> None:
        from desktop_app.ui.tap_cue import TapCue
        if target.window() is not self.window:
            return   # in a dialog: the spoken cue only
        if self.cue is None:
            self.cue = TapCue(self.window)
        self.cue.show_for(target, self.rule.window_s)

    def _hide_cue(self) -> None:
        if self.cue is not None:
            self.cue.dismiss()

    def reset(self) -> None:
        self._hide_cue()
        self.rule.clear()
        self._swallow_release = None
        self.spoken.clear()
