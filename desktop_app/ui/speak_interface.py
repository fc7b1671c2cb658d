"""Reading the interface aloud: focus speech and the kiosk's touch-to-hear rule.

When ``settings.speak_interface`` is on, or in kiosk mode, a control that gets keyboard focus
(Tab, Shift+Tab, a shortcut) has its accessible name and description spoken in the UI language.

Touch-to-hear (kiosk): the FIRST tap on a button speaks what it is (its name first) and marks
it with the focus ring and a visible "tap again" cue; a SECOND tap on the same button uses it.
The second tap counts while the name is being said and for ``TapRule.window_s`` (5 s) after the
voice has finished: people who rely on speech wait for it to end before they tap. The spoken
"tap again" instruction is said only the first ``HINT_TIMES`` times in a visit (the kiosk's
reset starts a new visit); the cue is shown every time, as long as the second tap counts. A
tap on another button, or later, counts as a first tap again. A double tap uses the button at
once. Widgets with the property ``kioskTapDirect`` (on themselves or a parent) act on the first
tap (the "read aloud" buttons, whose action is speech, the on-screen keyboard's keys and the
idle warning's "More time"); widgets with ``speakSilent`` are never spoken (the staff PIN
keypad, the keyboard's keys).
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWidget

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.i18n import _, pgettext

TAP_DIRECT = "kioskTapDirect"
SILENT = "speakSilent"
_SPOKEN_FOCUS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                 Qt.FocusReason.ShortcutFocusReason)
_MOUSE_PRESS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
HINT_TIMES = 3   # a visit hears "tap again to use it" this many times; then the name only


def belongs_to(widget: QWidget | None, window: QWidget) -> bool:
    """``widget`` is ``window`` or inside it, also in a dialog of it (``isAncestorOf`` stops at
    a dialog's own window)."""
    while widget is not None:
        if widget is window:
            return True
        widget = widget.parentWidget()
    return False


class TapRule:
    """The touch-to-hear rule, without Qt: ``tap(target)`` says ``"speak"`` or ``"activate"``.

    After a first tap the second one counts while the target's name is being said, then
    ``window_s`` from ``heard()`` (the voice has finished); a name that is never reported as
    heard counts for at most ``speaking_limit_s`` from the first tap."""

    window_s = 5.0
    speaking_limit_s = 60.0

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.armed: object | None = None
        self.speaking = False   # the armed target's name is still being said
        self._until = 0.0

    def tap(self, target: object, double: bool = False) -> str:
        now = self.clock()
        if double or (target is self.armed and now <= self._until):
            self.armed = None
            return "activate"
        self.armed, self.speaking = target, True
        self._until = now + self.speaking_limit_s
        return "speak"

    def heard(self) -> None:
        """The armed target's name has been said: its second tap counts ``window_s`` more."""
        if self.armed is not None and self.speaking:
            self.speaking = False
            self._until = self.clock() + self.window_s

    def remaining(self) -> float:
        """Seconds the second tap still counts (0 when nothing is armed)."""
        return max(0.0, self._until - self.clock()) if self.armed is not None else 0.0

    def clear(self) -> None:
        self.armed = None
        self.speaking = False


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
    """Interface speech for one main window (``speech``, the speech controller, speaks;
    ``state``'s ``speak_interface`` setting turns it on; a kiosk has it always).

    An application event filter is installed only while it is needed (``speak_interface`` on),
    so the app pays nothing otherwise; in kiosk mode the kiosk's own filter calls ``handle``
    (``attach(False)``), so there is one filter. ``policy`` (a ``KioskPolicy``) says whether
    every control is spoken and whether the first-tap rule is on;
    ``rule`` is its ``TapRule``; ``utterance_finished`` is connected to the speech
    controller's ``sig_utterance_finished`` (``MainWindow.use_services``)."""

    def __init__(self, app, window: QWidget, state, speech,
                 policy: KioskPolicy = NOT_A_KIOSK, clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self.window = window
        self._state = state
        self._speech = speech
        self.policy = policy
        self.rule = TapRule(clock)
        self._swallow_release: QWidget | None = None
        self._keyboard_moved = False
        self.spoken: list[str] = []   # the last texts spoken (for tests and the soak bench)
        self._app = app
        self._installed = False
        self._auto = True
        self.cue = None   # the visible "tap again" cue, made at the first tap
        self.hints = 0    # times "tap again to use it" was said in this visit
        self._tap_utterance = 0   # the speech of the armed target's name
        state.sig_speech_changed.connect(self._follow_settings)
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
        return self.policy.speaks_every_control or bool(self._state.settings.speak_interface)

    def say(self, text: str) -> int:
        """Speak ``text``; its utterance id (0: nothing is said)."""
        if text.strip():
            self.spoken.append(text)
            del self.spoken[:-20]
            return self._speech.speak(text) or 0
        return 0

    def utterance_finished(self, utterance: int) -> None:
        """The speech controller says an interface text has ended: if it was the name of the
        armed target, the second tap counts from now, and the cue shows as long as it does."""
        if utterance and utterance == self._tap_utterance:
            self._tap_utterance = 0
            self._name_heard()

    def _name_heard(self) -> None:
        self.rule.heard()
        if self.cue is not None and self.cue.target is not None \
                and self.cue.target is self.rule.armed:
            self.cue.keep_for(self.rule.remaining())

    def stop_interface_speech(self) -> None:
        """The user acted: a spoken label (not the page being read) stops."""
        session = self._speech.session
        if session is not None and session.reading_text:
            self._speech.stop()

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
        if not self.policy.first_tap_speaks or not isinstance(obj, (QAbstractButton, QComboBox)):
            return False
        if kind in _MOUSE_PRESS:
            if event.button() != Qt.MouseButton.LeftButton or not belongs_to(obj, self.window):
                return False
            if _has_property(obj, TAP_DIRECT):
                self.rule.clear()
                self._hide_cue()
                return False
            double = kind == QEvent.Type.MouseButtonDblClick
            if self.rule.tap(obj, double) == "activate":
                self._swallow_release = None   # this press goes through, so does its release
                self._hide_cue()
                self.stop_interface_speech()
                return False
            self._swallow_release = obj
            self._show_cue(obj)
            self._tap_utterance = 0   # first: the end of the last name is not this one's
            if not _has_property(obj, SILENT):
                self._tap_utterance = self.say(self._tap_text(obj))
            if not self._speech.still_speaking(self._tap_utterance):
                self._tap_utterance = 0
                self._name_heard()   # nothing to listen to (or already said): counts from now
            obj.setFocus(Qt.FocusReason.OtherFocusReason)   # the focus ring shows the choice
            return True
        if kind == QEvent.Type.MouseButtonRelease and obj is self._swallow_release:
            self._swallow_release = None
            return True
        return False

    def _tap_text(self, target: QWidget) -> str:
        """The name first; "tap again to use it" only the first few times in a visit."""
        text = describe(target)
        if self.hints < HINT_TIMES:
            self.hints += 1
            text += " " + _("Tap again to use it.")
        return text

    def _show_cue(self, target: QWidget) -> None:
        from desktop_app.ui.tap_cue import TapCue
        if target.window() is not self.window:
            return   # in a dialog: the spoken cue only
        if self.cue is None:
            self.cue = TapCue(self.window)
        self.cue.show_for(target, self.rule.remaining(), self._state.theme)

    def _hide_cue(self) -> None:
        if self.cue is not None:
            self.cue.dismiss()

    def reset(self) -> None:
        self._hide_cue()
        self.rule.clear()
        self._swallow_release = None
        self._tap_utterance = 0
        self.hints = 0     # the next visitor hears how touch works again
        self.spoken.clear()
