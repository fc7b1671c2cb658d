"""An on-screen keyboard for the kiosk's search (a touch screen has no keyboard): the Danish
letters with æ, ø and å, a space bar and a delete key. Each key types on the first tap (the
kiosk's touch-to-hear rule would make every letter a double tap) and never takes the focus
from the field."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.ui.speak_interface import SILENT, TAP_DIRECT

ROWS = ("qwertyuiopå", "asdfghjklæø", "zxcvbnm")
KEY_PX = 80


class TouchKeyboard(QWidget):
    def __init__(self, field: QLineEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setObjectName("touchKeyboard")
        self.setProperty(TAP_DIRECT, True)   # a key types at the first tap
        self.setProperty(SILENT, True)       # and is not spoken: the field says what it has
        self.setStyleSheet("QPushButton { font-size: 28px; font-weight: bold; }")
        self.keys: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for letters in ROWS:
            row = QHBoxLayout()
            row.addStretch(1)
            for letter in letters:
                row.addWidget(self._key(letter, letter, lambda _=False, t=letter: self.type(t)))
            row.addStretch(1)
            layout.addLayout(row)
        row = QHBoxLayout()
        row.addStretch(1)
        self.space = self._key("space", "", lambda: self.type(" "))
        self.space.setMinimumWidth(360)
        self.delete = self._key("delete", "", self.field.backspace)
        row.addWidget(self.space)
        row.addWidget(self.delete)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate()

    def _key(self, name: str, text: str, action) -> QPushButton:
        key = QPushButton(text)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAccessibleName(text)
        key.setMinimumSize(KEY_PX, KEY_PX)   # a finger's width on a touch screen
        key.clicked.connect(action)
        self.keys[name] = key
        return key

    def type(self, text: str) -> None:
        self.field.insert(text)

    def retranslate(self) -> None:
        self.space.setText(_("Space"))
        self.space.setAccessibleName(_("Space"))
        self.delete.setText(_("Delete"))
        self.delete.setAccessibleName(_("Delete the last letter"))
