"""After a save: a button that opens the saved file's folder in the file manager, and a long
path that wraps in a message. Apart from ``ui/save_place.py`` (Qt's file dialog), so the
message line does not load the dialog's classes before the first paint."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton

from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.i18n import _

BREAK = "\u200b"   # zero-width space: where a long path may wrap


def breakable(text: str) -> str:
    """``text`` with a place to wrap after each '/', '\\', '-' and '_', so a long path in a
    message wraps instead of being cut off."""
    for mark in "/\\-_":
        text = text.replace(mark, mark + BREAK)
    return text


class SavedFolder:
    """A button that opens the folder of the file last saved, in the file manager (hidden on a
    kiosk: the file manager would leave the app)."""

    def __init__(self, button: QPushButton | None = None):
        self.button = button or QPushButton()
        self.folder: Path | None = None
        self.button.clicked.connect(self.open)
        self.button.hide()

    def retranslate(self) -> None:
        self.button.setText(_("Open the folder"))
        self.button.setAccessibleName(_("Open the folder"))
        self.button.setAccessibleDescription(_("Show the folder with the saved file"))
        self.button.setToolTip(_("Show the folder with the saved file"))

    def show_for(self, saved: Path | None, policy: KioskPolicy) -> None:
        """Offer the folder of ``saved`` (a file, or the folder of sound files) where the
        policy allows opening it; None hides."""
        if saved is None:
            self.folder = None
        else:
            saved = Path(saved)
            self.folder = saved if saved.is_dir() else saved.parent
        self.retranslate()
        self.button.setVisible(self.folder is not None and policy.may_open_folder)

    def open(self) -> bool:
        if self.folder is None:
            return False
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices   # (its class loads when first used)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
