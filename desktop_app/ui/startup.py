"""Work that can wait until the first frame is on the screen: ``defer_until_painted``."""
from __future__ import annotations

import gc
import logging
import weakref
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

log = logging.getLogger(__name__)
READY = "start-up: ready"   # logged once the work that waited for the first paint is done

FALLBACK_MS = 5000   # a window that is never painted (started minimised) still gets the work


class _FirstPaint(QObject):
    def __init__(self, widget, callbacks: list[Callable[[], object]]):
        super().__init__(widget)
        self.widget = widget
        self.callbacks = callbacks
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if _waiting.get(self.widget) is self:
            del _waiting[self.widget]
        self.widget.removeEventFilter(self)
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()
        self.deleteLater()


_waiting: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # widget -> its _FirstPaint


def after_first_paint(widget, *callbacks: Callable[[], object]) -> None:
    """Run ``callbacks`` in the event loop once ``widget`` has been painted, after those
    given for it before (one watch per widget, so they run in the order given)."""
    watch = _waiting.get(widget)
    if watch is None:
        watch = _waiting[widget] = _FirstPaint(widget, [])
    watch.callbacks.extend(callbacks)


def defer_until_painted(window) -> None:
    """What the home screen does not need waits for its first paint: Qt Multimedia, the
    sound server and the speech engine (the reading session), Markdown, Babel's dates and the
    reader view, the app icon's large renderings, and Python's garbage collector (``run_app``
    turns it off). ``READY`` is logged when that is done (the log says when a start ended)."""
    after_first_paint(window, window.speech.ensure_session, lambda: warm_up(window),
                      full_window_icon, gc.enable, lambda: log.info(READY))


def warm_up(window=None) -> None:
    """What the first page needs (Markdown, Babel's dates, and ``window``'s reader view), made
    while the person looks at the home screen."""
    from desktop_app.core.document import body_document
    from desktop_app.core.render import format_source_date
    body_document("*warm*")
    format_source_date("2025-01-01", "da")
    if window is not None:
        window.lazy_reader.get()


def full_window_icon() -> None:
    """The app icon with its large renderings too (128-512 px: a task switcher, a
    high-density screen); the window starts with those up to ``app.FIRST_ICON_PX``."""
    from PySide6.QtWidgets import QApplication
    from desktop_app.app import app_icon
    QApplication.instance().setWindowIcon(app_icon())
