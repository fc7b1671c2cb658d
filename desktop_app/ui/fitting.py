"""Nothing cut off at any text size: rows of buttons that wrap, lists whose rows wrap and that
show at least ``MIN_ROWS`` rows (the view around them scrolls instead), dialogs sized to their
wrapped words."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QTreeView,
                               QWidget)

from desktop_app.ui.flow import FlowLayout

MIN_ROWS = 5


def button_row(buttons: list[QWidget], spacing: int = 8) -> QWidget:
    """The buttons on one line, wrapping onto the next when the window is narrow."""
    row = QWidget()
    flow = FlowLayout(row, spacing=spacing)
    for button in buttons:
        flow.addWidget(button)
    return row


def group(widgets: list[QWidget]) -> QWidget:
    """Widgets that wrap as one (a label and its box)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return box


def whole_rows(view: QAbstractItemView, row_px: int, rows: int = MIN_ROWS) -> None:
    """Rows as wide as the list, whose words wrap and are never cut with '…'; at least
    ``rows`` rows of ``row_px`` tall showing."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if isinstance(view, QTreeView):
        view.setUniformRowHeights(False)
        view.header().setStretchLastSection(True)
        view.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    frame = 2 * view.frameWidth() + 16
    view.setMinimumHeight(rows * row_px + frame)


def fit_to_window(dialog: QDialog) -> None:
    """Size ``dialog`` to its words, at most as large as its window (wrapped words otherwise
    get the height of one line and are cut)."""
    parent = dialog.parentWidget()
    area = parent.window().geometry() if parent is not None else \
        dialog.screen().availableGeometry()
    width = max(1, min(area.width() - 32, max(dialog.sizeHint().width(), area.width() * 2 // 3)))
    layout = dialog.layout()
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() \
        else layout.totalSizeHint().height()
    dialog.resize(width, max(1, min(max(height, dialog.minimumSizeHint().height()),
                                    area.height() - 32)))
