"""What a person cannot read or reach on screen, from Qt's geometry (offscreen is fine):

- a button, label, box or field narrower or lower than its words need (cut off, or elided);
- a widget that sticks out of its parent (clipped), or out of a scroll area sideways;
- a list row wider than the list, a row cut with '…', or a list that shows fewer than
  ``MIN_ROWS`` rows while it has more;
- the row with the keyboard on it lower than it needs with its focus frame (its words are
  then cut or shortened with '…' exactly when the person moves to it).

``cut_off(root)`` gives one line per problem (empty: nothing cut off).
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractScrollArea,
                               QCheckBox, QComboBox, QLabel, QLineEdit, QScrollArea, QStyle,
                               QStyleOptionButton, QStyleOptionViewItem, QWidget)

MIN_ROWS = 5


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")() if not isinstance(widget, QComboBox) \
        else widget.currentText()
    return f"{type(widget).__name__} {widget.objectName()!r} {str(text)[:40]!r}"


def _needs(widget: QWidget) -> tuple[int, int]:
    if isinstance(widget, QLabel) and widget.wordWrap():
        return 0, widget.heightForWidth(widget.width()) if widget.text() else 0
    if isinstance(widget, QLabel):
        return widget.minimumSizeHint().width(), widget.minimumSizeHint().height()
    if isinstance(widget, QLineEdit):   # its words scroll inside; its frame may be 2 px less
        return 0, widget.minimumSizeHint().height() - 3
    hint = widget.sizeHint()
    return hint.width(), hint.height()


def _showing(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0 and (
        widget is root or root.isAncestorOf(widget))


def _rows(view: QAbstractItemView) -> list:
    model, found = view.model(), []
    if model is None:
        return found

    def walk(parent, depth=0):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            found.append(index)
            if depth < 3 and getattr(view, "isExpanded", lambda i: False)(index):
                walk(index, depth + 1)
    walk(view.rootIndex())
    return found


def _list_problems(view: QAbstractItemView) -> list[str]:
    problems, viewport = [], view.viewport().rect()
    rows = [i for i in _rows(view) if not view.visualRect(i).isEmpty()]
    if not rows:
        return problems
    shown = [i for i in rows if view.visualRect(i).intersects(viewport)]
    heights = sorted(view.visualRect(i).height() for i in rows)
    row_height = heights[len(heights) // 2]
    if len(rows) > len(shown) and viewport.height() < MIN_ROWS * row_height - 2:
        problems.append(f"{_name(view)}: shows {viewport.height() / row_height:.1f} rows")
    option = QStyleOptionViewItem()
    option.initFrom(view)
    for index in shown:
        rect = view.visualRect(index)
        if rect.right() > viewport.right() + 2:
            problems.append(f"{_name(view)}: row {index.data()!r:.40} sticks out sideways")
        elif view.textElideMode().name != "ElideNone" and \
                view.itemDelegate().sizeHint(option, index).width() > rect.width() + 2:
            problems.append(f"{_name(view)}: row {index.data()!r:.40} cut with '…'")
    current = view.currentIndex()
    if view.hasFocus() and current.isValid() and not view.visualRect(current).isEmpty():
        focused = QStyleOptionViewItem()
        view.initViewItemOption(focused)     # the view's font and style sheet, as it paints
        focused.state |= QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected
        focused.rect = view.visualRect(current)
        need = view.itemDelegate().sizeHint(focused, current).height()
        if need > focused.rect.height() + 1:
            problems.append(f"{_name(view)}: row {current.data()!r:.40} with the keyboard on it "
                            f"is {focused.rect.height()} px high but needs {need}")
    return problems


def cut_off(root: QWidget) -> list[str]:
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _showing(widget, root):
            continue
        if isinstance(widget, QAbstractItemView):
            problems += _list_problems(widget)
            continue
        parent = widget.parentWidget()
        if parent is not None and parent is not root.parentWidget() and widget.isWindow() is False:
            inside = QRect(0, 0, parent.width(), parent.height())
            scrolled = isinstance(parent.parentWidget(), QScrollArea) and \
                parent is parent.parentWidget().widget()
            viewport_parent = isinstance(parent.parentWidget(), QAbstractScrollArea) and \
                parent is parent.parentWidget().viewport()
            if scrolled and widget.geometry().right() > parent.width() + 1:
                problems.append(f"{_name(widget)}: sideways out of the scroll area")
            elif not scrolled and not viewport_parent and \
                    not inside.adjusted(-1, -1, 1, 1).contains(widget.geometry()):
                problems.append(f"{_name(widget)}: sticks out of its parent")
        if isinstance(widget, (QAbstractButton, QLabel, QComboBox, QLineEdit)):
            need_w, need_h = _needs(widget)
            if widget.width() + 1 < need_w or widget.height() + 1 < need_h:
                problems.append(f"{_name(widget)}: {widget.width()}x{widget.height()} but "
                                f"needs {need_w}x{need_h}")
    return problems


def target_size(widget: QWidget) -> QSize:
    """The part of ``widget`` a click or tap uses: a check box takes only its box and its
    words (Qt's hitButton), however tall the widget is; other controls take all of it."""
    if isinstance(widget, QCheckBox):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        return widget.style().subElementRect(QStyle.SubElement.SE_CheckBoxClickRect, option,
                                             widget).size()
    return widget.size()


def small_targets(root: QWidget, minimum: int = 44) -> list[str]:
    """Controls showing whose clickable part is smaller than ``minimum`` px either way."""
    return [_name(w) for w in root.findChildren(QWidget)
            if isinstance(w, (QAbstractButton, QComboBox, QLineEdit)) and _showing(w, root)
            and min(target_size(w).width(), target_size(w).height()) < minimum]
