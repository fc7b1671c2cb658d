"""The message line over the view: a passing message ("Saved in …"), or the start-up notices
(settings that could not be read, pages that cannot be shown), with Close and, after a save,
a button that opens the folder."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.i18n import _
from desktop_app.ui.announce import announce
from desktop_app.ui.saved_folder import SavedFolder, breakable


class NoticeBar(QWidget):
    """``say(text)`` reads a message aloud (a saved file's place); ``policy`` says whether
    the file manager may be opened (not on a kiosk: it would leave the app)."""

    def __init__(self, say: Callable[[str], None], policy: KioskPolicy = NOT_A_KIOSK):
        super().__init__()
        self._say = say
        self._policy = policy
        self._startup: list[Callable[[], str]] = []
        self._lasting = False
        self.label = QLabel()
        self.label.setObjectName("notice")
        self.label.setWordWrap(True)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(lambda: self.dismiss())
        self.saved_folder = SavedFolder()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.saved_folder.button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def text(self) -> str:
        return self.label.accessibleName()

    def show_notice(self, text: str, lasting: bool = False) -> None:
        """A message over the view; it goes when the person moves on, unless ``lasting`` (the
        start-up notices stay until closed). Paths in it wrap."""
        self._lasting = lasting
        self.saved_folder.show_for(None, self._policy)
        self.label.setText(breakable(text))
        self.label.setAccessibleName(text)
        self.show()

    def show_saved(self, path: str) -> None:
        """The message says where ``path`` was saved: offer its folder and say it aloud."""
        self.saved_folder.show_for(Path(path), self._policy)
        text = self.label.accessibleName()
        announce(self.label, text, assertive=True)
        self._say(text)

    def dismiss(self, moving_on: bool = False) -> None:
        """Hide the message (``moving_on``: only a passing one, not a start-up notice)."""
        if not (moving_on and self._lasting):
            self.hide()

    def add_startup_notice(self, make_text: Callable[[], str]) -> None:
        """A notice that is made again in the new language when the language changes."""
        self._startup.append(make_text)
        self._show_startup()

    def forget(self) -> None:
        """The next person (kiosk): no notice is left."""
        self._startup.clear()
        self.dismiss()

    def retranslate(self) -> None:
        self.saved_folder.retranslate()
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close the message"))
        if self._startup and not self.isHidden():
            self._show_startup()

    def _show_startup(self) -> None:
        self.show_notice(" ".join(make() for make in self._startup), lasting=True)
