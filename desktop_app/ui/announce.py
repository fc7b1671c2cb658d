"""Spoken announcements of state changes: ``QAccessibleAnnouncementEvent`` (Qt 6.8+; on Linux
it arrives as the AT-SPI event ``object:announcement``)."""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)


def announce(widget: QObject, text: str, assertive: bool = False) -> None:
    """Ask the screen reader to say ``text`` (politely: after what it is saying now, unless
    ``assertive``). Does nothing when no assistive technology is listening."""
    # Imported here: QAccessible's enums (about 3 ms) are made when the class is first loaded,
    # and the first announcement comes after the first paint.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
    if not text or widget is None or not QAccessible.isActive():
        return
    try:
        event = QAccessibleAnnouncementEvent(widget, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                            else QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
    except Exception:  # never let accessibility break the app
        log.exception("announcement failed")
