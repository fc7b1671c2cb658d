"""A few EWMH window-manager hints under X11, through libX11 (ctypes), for the kiosk's screen
guard: read and ask for ``_NET_WM_STATE`` and ``_NET_WM_DESKTOP`` of one window.

Qt has no API for "on all desktops" (``_NET_WM_DESKTOP`` = 0xFFFFFFFF) and does not say when a
window manager moved a window to another desktop, so this opens its own connection to the
X server (the same ``DISPLAY`` as Qt's) and talks EWMH: read a property, send the client
message a window manager acts on. ``X11.open()`` is ``None`` off X11 or without libX11.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

log = logging.getLogger(__name__)

ALL_DESKTOPS = 0xFFFFFFFF
_ADD, _REMOVE = 1, 0
_SOURCE_APPLICATION, _SOURCE_PAGER = 1, 2
_CLIENT_MESSAGE = 33
_SUBSTRUCTURE_MASK = (1 << 19) | (1 << 20)   # SubstructureNotify | SubstructureRedirect
_ANY_PROPERTY_TYPE = 0


class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


@_ERROR_HANDLER
def _ignore_error(_display, _event) -> int:
    """Xlib's default error handler ends the process (a window that just went away): ignore
    the error instead; the guard's next check tries again."""
    return 0


class X11:
    """One connection to the X server; every call is cheap (one round trip at most)."""

    def __init__(self, lib, display):
        self.lib, self.display = lib, display
        self.root = lib.XDefaultRootWindow(display)
        self._atoms: dict[str, int] = {}

    @classmethod
    def open(cls) -> "X11 | None":
        if not os.environ.get("DISPLAY"):
            return None
        name = ctypes.util.find_library("X11")
        if not name:
            return None
        try:
            lib = ctypes.cdll.LoadLibrary(name)
        except OSError:
            return None
        lib.XOpenDisplay.restype = ctypes.c_void_p
        lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib.XDefaultRootWindow.restype = ctypes.c_ulong
        lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        lib.XInternAtom.restype = ctypes.c_ulong
        lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
        lib.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                                   ctypes.POINTER(_XEvent)]
        lib.XFlush.argtypes = [ctypes.c_void_p]
        lib.XFree.argtypes = [ctypes.c_void_p]
        lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        lib.XSetErrorHandler.argtypes = [_ERROR_HANDLER]
        lib.XSetErrorHandler.restype = ctypes.c_void_p
        lib.XSetErrorHandler(_ignore_error)
        display = lib.XOpenDisplay(None)
        if not display:
            return None
        return cls(lib, display)

    def close(self) -> None:
        if self.display:
            self.lib.XCloseDisplay(self.display)
            self.display = None

    def atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self.lib.XInternAtom(self.display, name.encode(), 0)
        return self._atoms[name]

    def _cardinals(self, window: int, prop: str) -> list[int] | None:
        """A 32-bit property as numbers; ``None`` when the window does not have it."""
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self.lib.XGetWindowProperty(
            self.display, window, self.atom(prop), 0, 64, 0, _ANY_PROPERTY_TYPE,
            ctypes.byref(actual_type), ctypes.byref(actual_format), ctypes.byref(count),
            ctypes.byref(after), ctypes.byref(data))
        if status != 0 or not data.value:
            return None
        try:
            if actual_format.value != 32:
                return None
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [values[i] & 0xFFFFFFFF for i in range(count.value)]
        finally:
            self.lib.XFree(data)

    def desktop(self, window: int) -> int | None:
        """``_NET_WM_DESKTOP``: the desktop the window is on (``ALL_DESKTOPS``: all)."""
        values = self._cardinals(window, "_NET_WM_DESKTOP")
        return values[0] if values else None

    def states(self, window: int) -> set[str]:
        """``_NET_WM_STATE`` without the prefix: {"FULLSCREEN", "ABOVE", "HIDDEN", ...}."""
        wanted = {self.atom(f"_NET_WM_STATE_{name}"): name for name in
                  ("FULLSCREEN", "ABOVE", "HIDDEN", "STICKY", "BELOW", "SHADED")}
        return {wanted[value] for value in self._cardinals(window, "_NET_WM_STATE") or []
                if value in wanted}

    def _message(self, window: int, kind: str, data: list[int]) -> None:
        event = _XEvent()
        message = event.xclient
        message.type, message.send_event, message.display = _CLIENT_MESSAGE, 1, self.display
        message.window, message.message_type, message.format = window, self.atom(kind), 32
        for i, value in enumerate(data[:5]):
            message.data[i] = value
        self.lib.XSendEvent(self.display, self.root, 0, _SUBSTRUCTURE_MASK, ctypes.byref(event))

    def claim(self, window: int) -> None:
        """Ask the window manager: on all desktops, full screen, above, not hidden."""
        self._message(window, "_NET_WM_DESKTOP", [ALL_DESKTOPS, _SOURCE_APPLICATION])
        self._message(window, "_NET_WM_STATE", [
            _ADD, self.atom("_NET_WM_STATE_FULLSCREEN"), self.atom("_NET_WM_STATE_ABOVE"),
            _SOURCE_APPLICATION])
        self._message(window, "_NET_WM_STATE", [
            _ADD, self.atom("_NET_WM_STATE_STICKY"), 0, _SOURCE_APPLICATION])
        self._message(window, "_NET_WM_STATE", [
            _REMOVE, self.atom("_NET_WM_STATE_HIDDEN"), self.atom("_NET_WM_STATE_BELOW"),
            _SOURCE_APPLICATION])
        self.lib.XFlush(self.display)

    def activate(self, window: int) -> None:
        """Give ``window`` the keyboard. Sent as a pager would: Openbox refuses an
        application's own request when another window had the focus more recently (after a
        closed dialog, the focus went to Openbox itself)."""
        self._message(window, "_NET_ACTIVE_WINDOW", [_SOURCE_PAGER, 0, 0])
        self.lib.XFlush(self.display)

    def showing_desktop(self) -> bool:
        """``_NET_SHOWING_DESKTOP`` on the root: the window manager hides every window."""
        values = self._cardinals(self.root, "_NET_SHOWING_DESKTOP")
        return bool(values and values[0])

    def stop_showing_desktop(self) -> None:
        self._message(self.root, "_NET_SHOWING_DESKTOP", [0])
        self.lib.XFlush(self.display)
