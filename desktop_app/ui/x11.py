"""A few EWMH window-manager hints under X11, through libX11 (ctypes), for the kiosk's screen
guard: read and ask for ``_NET_WM_STATE`` and ``_NET_WM_DESKTOP`` of one window, who has the
keyboard, and the window manager's menus (windows of another program that hold the keyboard).

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
_IS_VIEWABLE = 2
_REVERT_TO_PARENT = 2
_GRAB_SUCCESS = 0
_GRAB_MODE_ASYNC = 1
_CURRENT_TIME = 0
_ESCAPE_KEYSYM = 0xFF1B


class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


class _Attributes(ctypes.Structure):
    """XWindowAttributes."""
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("border_width", ctypes.c_int),
                ("depth", ctypes.c_int), ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong),
                ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
                ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
                ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int),
                ("all_event_masks", ctypes.c_long), ("your_event_mask", ctypes.c_long),
                ("do_not_propagate_mask", ctypes.c_long), ("override_redirect", ctypes.c_int),
                ("screen", ctypes.c_void_p)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


@_ERROR_HANDLER
def _ignore_error(_display, _event) -> int:
    """Xlib's default error handler ends the process (a window that just went away): ignore
    the error instead; the guard's next check tries again."""
    return 0


def _xtest():
    """libXtst (typing a key as the keyboard would), or None."""
    name = ctypes.util.find_library("Xtst")
    try:
        lib = ctypes.cdll.LoadLibrary(name) if name else None
    except OSError:
        return None
    if lib is not None:
        lib.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                          ctypes.c_ulong]
    return lib


class X11:
    """One connection to the X server; every call is cheap (one round trip at most)."""

    def __init__(self, lib, display, xtest=None):
        self.lib, self.display, self.xtest = lib, display, xtest
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
        ulong_p = ctypes.POINTER(ctypes.c_ulong)
        lib.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ulong_p, ulong_p,
                                   ctypes.POINTER(ulong_p), ctypes.POINTER(ctypes.c_uint)]
        lib.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                             ctypes.POINTER(_Attributes)]
        lib.XGetInputFocus.argtypes = [ctypes.c_void_p, ulong_p, ctypes.POINTER(ctypes.c_int)]
        lib.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int,
                                       ctypes.c_ulong]
        lib.XGrabKeyboard.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int,
                                      ctypes.c_int, ctypes.c_int, ctypes.c_ulong]
        lib.XUngrabKeyboard.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        lib.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        lib.XKeysymToKeycode.restype = ctypes.c_ubyte
        lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.XSetErrorHandler(_ignore_error)
        display = lib.XOpenDisplay(None)
        if not display:
            return None
        return cls(lib, display, _xtest())

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

    def focus(self) -> int:
        """The window that has the keyboard (0: none, 1: whatever is under the pointer)."""
        window, revert = ctypes.c_ulong(), ctypes.c_int()
        self.lib.XGetInputFocus(self.display, ctypes.byref(window), ctypes.byref(revert))
        return window.value

    def set_focus(self, window: int) -> None:
        """Give ``window`` the keyboard at once (after ``activate``, for a window manager
        that left the focus on a window of its own)."""
        self.lib.XSetInputFocus(self.display, window, _REVERT_TO_PARENT, _CURRENT_TIME)
        self.lib.XFlush(self.display)

    def _tree(self, window: int) -> tuple[int, list[int]]:
        """(parent, children) of ``window``; (0, []) when it is gone."""
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        if not self.lib.XQueryTree(self.display, window, ctypes.byref(root),
                                   ctypes.byref(parent), ctypes.byref(children),
                                   ctypes.byref(count)):
            return 0, []
        try:
            return parent.value, [children[i] for i in range(count.value)]
        finally:
            if children:
                self.lib.XFree(children)

    def top_level(self, window: int) -> int:
        """The child of the root window that holds ``window`` (a window manager's frame)."""
        for _ in range(32):
            parent = self._tree(window)[0]
            if parent in (0, self.root):
                return window
            window = parent
        return window

    def foreign_windows(self, ours: set[int]) -> list[int]:
        """Viewable windows on the screen that are not ``ours`` and hold none of them: a
        window manager's menu (Openbox's are its own top-level windows, override-redirect or
        not) or message, another program's window. The app's own pop-ups are ``ours``; the
        window manager's 1 x 1 check window off the screen is left out."""
        holders = {self.top_level(window) for window in ours} | set(ours)
        holders.update(self._cardinals(self.root, "_NET_SUPPORTING_WM_CHECK") or [])
        found = []
        for child in self._tree(self.root)[1]:
            if child in holders:
                continue
            a = _Attributes()
            if self.lib.XGetWindowAttributes(self.display, child, ctypes.byref(a)) \
                    and a.map_state == _IS_VIEWABLE \
                    and a.x + a.width > 0 and a.y + a.height > 0:
                found.append(child)
        return found

    def keyboard_held(self) -> bool:
        """Another program holds the keyboard (a menu open): it cannot be grabbed."""
        status = self.lib.XGrabKeyboard(self.display, self.root, 0, _GRAB_MODE_ASYNC,
                                        _GRAB_MODE_ASYNC, _CURRENT_TIME)
        if status == _GRAB_SUCCESS:
            self.lib.XUngrabKeyboard(self.display, _CURRENT_TIME)
            self.lib.XFlush(self.display)
            return False
        return True

    def press_escape(self) -> None:
        """Escape, as typed on the keyboard (XTest): it goes to whoever holds the keyboard,
        which closes a window manager's menu. Nothing without libXtst."""
        if self.xtest is None:
            return
        code = self.lib.XKeysymToKeycode(self.display, _ESCAPE_KEYSYM)
        for press in (1, 0):
            self.xtest.XTestFakeKeyEvent(self.display, code, press, _CURRENT_TIME)
        self.lib.XSync(self.display, 0)

    def showing_desktop(self) -> bool:
        """``_NET_SHOWING_DESKTOP`` on the root: the window manager hides every window."""
        values = self._cardinals(self.root, "_NET_SHOWING_DESKTOP")
        return bool(values and values[0])

    def stop_showing_desktop(self) -> None:
        self._message(self.root, "_NET_SHOWING_DESKTOP", [0])
        self.lib.XFlush(self.display)
