"""Pieces of the settings view: a row of large toggle buttons, colour swatches, and the
contrast of a colour pair in words (and as a number)."""
from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.themes import contrast_level
from desktop_app.i18n import _, language
from desktop_app.ui.flow import FlowLayout


def number(value: float) -> str:
    """A number as the UI language writes it: '1.5' or '1,5'."""
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "da" else text


def contrast_text(ratio: float) -> str:
    """The contrast of a colour pair in words a reader knows: 'Very good contrast' and the
    like, in the UI language (the number is ``contrast_ratio``)."""
    level = contrast_level(ratio)
    if level == "AAA":
        return _("Very good contrast")
    if level == "AA":
        return _("Good contrast")
    return _("Contrast too low")


def contrast_ratio(ratio: float) -> str:
    """The contrast as a number, '7.4:1' or '7,4:1', for staff who know the WCAG levels."""
    return f"{number(math.floor(ratio * 10) / 10)}:1"


def swatch(text: str, background: str, size: int = 64) -> QIcon:
    """A square in ``background`` with 'Aa' in ``text``: how a colour choice looks."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(background))
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor(text), 4))
    painter.drawRect(QRect(2, 2, size - 4, size - 4))
    font = QFont()
    font.setPixelSize(size // 2)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "Aa")
    painter.end()
    return QIcon(pixmap)


CHOICE = "choice"   # a widget property: one of several options, not a switch


class ChoiceRow(QWidget):
    """A titled row of large toggle buttons of which one is chosen (each one a Tab stop)."""

    def __init__(self, values: list, choose: Callable[[object], None]):
        super().__init__()
        self.values = list(values)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setObjectName("choiceTitle")
        self.box = QWidget()
        flow = FlowLayout(self.box, spacing=8)
        # No QButtonGroup: in one, Tab stops only at one button. Here every option is a Tab
        # stop, and the checked one is set from the settings.
        self.buttons: list[QPushButton] = []
        for value in self.values:
            button = QPushButton()
            button.setCheckable(True)
            button.setProperty(CHOICE, True)   # spoken as chosen / not chosen, not on / off
            button.clicked.connect(lambda _on=False, v=value: self._clicked(choose, v))
            flow.addWidget(button)
            self.buttons.append(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.box)

    def _clicked(self, choose: Callable[[object], None], value) -> None:
        choose(value)
        self.set_value(value)    # a click on the chosen one must not un-check it

    def set_texts(self, title: str, labels: list[str], names: list[str] | None = None,
                  descriptions: list[str] | None = None) -> None:
        self.title.setText(title)
        for i, button in enumerate(self.buttons):
            button.setText(labels[i])
            button.setAccessibleName(f"{title}: {(names or labels)[i]}")
            description = descriptions[i] if descriptions else ""
            button.setAccessibleDescription(description)
            button.setToolTip(description or button.accessibleName())

    def set_value(self, value) -> None:
        for button, option in zip(self.buttons, self.values):
            chosen = option == value if not isinstance(value, float) else \
                abs(float(option) - value) < 1e-6
            button.setChecked(chosen)
