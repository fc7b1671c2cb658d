"""The kiosk keeps the screen: whatever the window manager or another program does to the
window (minimise, hide, unmap, leave full screen, move, send to another desktop, take "above"
away, open its window menu, keep the keyboard), it comes back full screen, on top, on every
desktop and with the keyboard within ``CHECK_MS`` (+ the window manager's time).

``ScreenGuard(window, on_restored)`` checks on every change Qt reports (window state, hide,
move, expose) and every ``CHECK_MS`` anyway, since not every change reaches Qt (another
desktop, a window manager that only changes ``_NET_WM_STATE``). Under X11 it also asks for
"all desktops", full screen and above through EWMH (``ui.x11``), checks that the keyboard is
with a window of the app (X's input focus, not only Qt's idea of it), and closes a window
manager's menu that holds the keyboard; elsewhere Qt's full screen and stays-on-top are what
the platform offers.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CHECK_MS = 250
LOG_EVERY_S = 10.0     # a window manager fighting back every check must not flood the log
SETTLE_S = 0.5         # a window shown again is mapped (exposed) this long after, at most
_WATCHED = frozenset({QEvent.Type.WindowStateChange, QEvent.Type.Hide, QEvent.Type.Move,
                      QEvent.Type.Resize, QEvent.Type.Expose, QEvent.Type.WindowDeactivate})


class ScreenGuard(QObject):
    """Armed once the window has been full screen (the app shows a kiosk full screen at
    start); ``stop()`` ends it (the staff exit). ``restored`` counts how often it acted."""

    def __init__(self, window, on_restored: Callable[[], None] | None = None):
        super().__init__(window)
        self.window = window
        self.on_restored = on_restored
        self.enabled = True
        self.armed = False
        self.restored = 0
        self._logged_at: dict[str, float] = {}    # each reason's last log line
        self._shown_at = -SETTLE_S
        self._pending = False
        self.x11 = None
        if QGuiApplication.platformName() == "xcb":
            from desktop_app.ui.x11 import X11
            self.x11 = X11.open()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self.claim)

    def stop(self) -> None:
        self.enabled = False
        self.timer.stop()
        self.window.removeEventFilter(self)
        if self.x11 is not None:
            self.x11.close()
            self.x11 = None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.window and event.type() in _WATCHED and not self._pending:
            self._pending = True    # check once the window manager's change has settled
            QTimer.singleShot(50, self, self.check)
        return False

    def _wid(self) -> int:
        handle = self.window.windowHandle()
        return int(handle.winId()) if handle is not None else 0

    def claim(self) -> None:
        """Ask the window manager for all desktops, full screen and on top (X11)."""
        if self.enabled and self.x11 is not None and self.window.isVisible():
            self.x11.claim(self._wid())

    def activate(self) -> None:
        """Give the window (or its open dialog) the keyboard, e.g. after a dialog of its own
        closed and the window manager kept the focus on a window of its own."""
        self.window.raise_()
        self.window.activateWindow()
        if self.enabled and self.x11 is not None and self.window.isVisible():
            self.x11.activate(self._wid())
            modal = QApplication.activeModalWidget()
            target = modal if modal is not None and modal.isVisible() else self.window
            self.x11.set_focus(int(target.winId()))

    def _ours(self) -> set[int]:
        """The X windows of the app that are shown (the window, its dialogs, its pop-ups)."""
        return {int(w.winId()) for w in QGuiApplication.allWindows() if w.isVisible()}

    def _x11_problem(self) -> str:
        x11, wid = self.x11, self._wid()
        if x11.showing_desktop():
            return "desktop shown"
        states = x11.states(wid)
        if "HIDDEN" in states:
            return "minimised"
        if "FULLSCREEN" not in states:
            return "not full screen"
        if "ABOVE" not in states or "BELOW" in states:
            return "not on top"
        desktop = x11.desktop(wid)
        if desktop is not None and desktop != 0xFFFFFFFF:
            return "on one desktop"
        ours = self._ours()
        if x11.foreign_windows(ours) and x11.keyboard_held():
            return "covered by a menu"      # another program's window holds the keyboard
        focus = x11.focus()
        if focus not in ours and x11.top_level(focus) not in {x11.top_level(w) for w in ours}:
            return "without the keyboard"
        return ""

    def problem(self) -> str:
        """Why the window is not as a kiosk must be, or ''."""
        window = self.window
        handle = window.windowHandle()
        if not window.isVisible() or handle is None:
            return "hidden"
        if window.isMinimized():
            return "minimised"
        if not window.isFullScreen():
            return "not full screen"
        if not handle.isExposed():
            return "unmapped"
        screen = window.screen()
        if screen is not None and window.frameGeometry() != screen.geometry():
            return "moved"
        if self.x11 is not None:   # what the X server says, not what Qt has heard so far
            return self._x11_problem()
        if QGuiApplication.focusWindow() is None and QGuiApplication.applicationState() \
                != Qt.ApplicationState.ApplicationActive:
            return "not active"
        return ""

    def check(self) -> None:
        self._pending = False
        if not self.enabled:
            return
        if not self.armed:
            handle, screen = self.window.windowHandle(), self.window.screen()
            # full screen in its state AND its size: the size can follow a moment later (a
            # heavier layout, at a larger text size), which is not the window manager's doing
            self.armed = self.window.isFullScreen() and self.window.isVisible() \
                and handle is not None and handle.isExposed() \
                and (screen is None or self.window.frameGeometry() == screen.geometry())
            if not self.armed:
                return
            self.claim()
        reason = self.problem()
        if reason == "unmapped" and time.monotonic() - self._shown_at < SETTLE_S:
            return      # shown again a moment ago: the window system has not mapped it yet
        if reason:
            self.restore(reason)

    def restore(self, reason: str) -> None:
        window = self.window
        self.restored += 1
        now = time.monotonic()
        if now - self._logged_at.get(reason, -LOG_EVERY_S) >= LOG_EVERY_S:
            self._logged_at[reason] = now
            geometry = window.frameGeometry()
            log.warning("kiosk: the window was %s; taking the screen back (window %d x %d "
                        "at %d, %d)", reason, geometry.width(), geometry.height(),
                        geometry.x(), geometry.y())
        if self.x11 is not None and reason == "desktop shown":
            self.x11.stop_showing_desktop()
        if reason == "covered by a menu":
            self.x11.press_escape()         # it holds the keyboard: Escape goes to it
            return
        if reason == "not on top":
            self.claim()                    # above again, not below
        if reason in ("not active", "without the keyboard", "not on top"):   # in place
            self.activate()
            if self.on_restored is not None:
                self.on_restored()
            return
        if reason in ("hidden", "unmapped"):
            window.hide()           # Qt maps it again only after it knows it is unmapped
            self._shown_at = now
        if reason == "moved" and window.isFullScreen():
            window.setWindowState(Qt.WindowState.WindowNoState)
        window.setWindowState(Qt.WindowState.WindowFullScreen)
        window.showFullScreen()
        self.claim()
        self.activate()
        if self.on_restored is not None:
            self.on_restored()
