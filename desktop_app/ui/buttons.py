"""Setting up a labelled icon button: text, accessible name, tooltip and theme-tinted icon."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton

from desktop_app import paths
from desktop_app.core.themes import Theme
from desktop_app.ui import icons


def setup_button(button: QAbstractButton, text: str, name: str, icon_name: str,
                 theme: Theme | None, px: int, description: str = "") -> None:
    """The button's words, icon (tinted to ``theme``), name and description."""
    button.setText(text)
    button.setAccessibleName(name)
    button.setAccessibleDescription(description)
    button.setToolTip(description or name)
    if theme is None or not icon_name:
        return
    path = str(paths.icon(icon_name) if paths.icon(icon_name).exists()
               else paths.pictogram(icon_name))
    # Drawn when shown, at the size and in the state shown (ui/icons.py).
    button.setIcon(icons.tinted_icon(path, theme.control_text, theme.selected_text,
                                     theme.disabled_text))
    size = round(px * 1.5)
    button.setIconSize(QSize(size, size))


def steady_width(button: QAbstractButton, texts: list[str]) -> None:
    """A button whose text changes (Read aloud, Pause, Resume) as wide as its widest text, so
    neither it nor the buttons after it move when it is pressed."""
    button.ensurePolished()
    current, widest = button.text(), 0
    button.setMinimumWidth(0)
    for text in texts:
        button.setText(text)
        widest = max(widest, button.sizeHint().width())
    button.setText(current)
    button.setMinimumWidth(widest)

