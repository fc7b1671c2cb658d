"""What is settled before Qt starts: a screen to show the window on, and Qt Multimedia's
start-up chatter kept off the terminal.

Qt Multimedia reports on every start that it could not load PipeWire (it then uses PulseAudio)
and which backend it uses; neither is a problem, so those categories are switched off through
``QT_LOGGING_RULES`` before Qt reads it (rules the user sets still win: they come after). What
Qt Multimedia reports beyond that (e.g. no sound server) goes to the app's log as one plain
line, once, not to the terminal.
"""
from __future__ import annotations

import logging
import os
import sys

# qt.multimedia.symbolsresolver: "Couldn't load pipewire-0.3 library" (optional, dlopened);
# *.info: "Using Qt multimedia with FFmpeg ..." and the like.
QUIET_RULES = ("qt.multimedia.symbolsresolver=false", "qt.multimedia.*.info=false",
               "qt.multimedia.*.debug=false")
# Platforms that need no display server.
_HEADLESS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")
NO_DISPLAY = (
    "Handicappolitik Ballerup: der er ingen skærm at vise programmet på (hverken DISPLAY eller "
    "WAYLAND_DISPLAY er sat). Start programmet fra skrivebordet.\n"
    "Handicappolitik Ballerup: there is no screen to show the program on (neither DISPLAY nor "
    "WAYLAND_DISPLAY is set). Start it from the desktop.")
EXIT_NO_DISPLAY = 2

_log = logging.getLogger("desktop_app.qt")
_logged: set[str] = set()


def quiet_multimedia(environ=os.environ) -> None:
    """Put QUIET_RULES before any logging rules already in the environment."""
    rules = [r for r in environ.get("QT_LOGGING_RULES", "").split(";") if r.strip()]
    if not set(QUIET_RULES) <= set(rules):
        environ["QT_LOGGING_RULES"] = ";".join([*QUIET_RULES, *rules])


def display_missing(argv: list[str], environ=os.environ, platform: str = sys.platform) -> bool:
    """True on Linux/BSD when Qt would have no display to connect to: no X11 or Wayland session
    and no platform that needs none (QT_QPA_PLATFORM or -platform)."""
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if "-platform" in argv[:-1]:
        chosen = argv[argv.index("-platform") + 1]
    if chosen.split(":")[0] in _HEADLESS:
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def route_multimedia_messages() -> None:
    """Qt messages of Qt Multimedia (and its PulseAudio backend, which logs without a
    category) go to the log, each distinct one once; all other messages print as before."""
    from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

    def handler(kind, context, message):
        category = context.category or ""
        if category.startswith("qt.multimedia") or message.startswith("PulseAudioService"):
            if message not in _logged:
                _logged.add(message)
                level = logging.INFO if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) \
                    else logging.WARNING
                _log.log(level, "sound (Qt Multimedia): %s", message)
            return
        try:
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")
        except (OSError, ValueError):
            pass

    qInstallMessageHandler(handler)


_quick_scan = None   # the quick look, once installed


def quick_import_scan() -> bool:
    """Make PySide6's look at each newly imported module quick; True if it is.

    After PySide6 is imported, it reads the source of every module imported later, to see
    whether the text "PySide6" is in it (its ``__feature__`` support, PYSIDE-2029), through
    ``inspect.getsource``: about 80 µs a module, 8 ms for the ~100 modules the app loads before
    its window is painted. The same search in the bytes of the module's ``.py`` file gives the
    same answer in a fraction of that; a compiled extension has no source (no); a module whose
    ``.py`` cannot be read (the frozen build's) has what its loader's ``get_source`` gives; any
    other is looked at as PySide6 does. Call it after PySide6 is imported."""
    global _quick_scan
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if original is _quick_scan:
        return True

    def mentions_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str):
            return original(module)
        if path.endswith((".so", ".pyd")):
            return False             # a compiled extension has no source
        if path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        # no .py to read (the frozen build's modules): what the loader gives, as inspect asks
        spec = getattr(module, "__spec__", None)
        get_source = getattr(getattr(spec, "loader", None), "get_source", None)
        if get_source is not None:
            try:
                source = get_source(module.__name__)
                return source is not None and "PySide6" in source
            except (ImportError, OSError, UnicodeDecodeError):
                pass
        return original(module)

    feature._mod_uses_pyside = _quick_scan = mentions_pyside
    return True
