"""Keyboard focus across the window's regions: the view (the text, the tiles) first, then the
toolbar, the "More" panel and the rest. Tab walks them in that order; F6 jumps to the next
region; Enter presses the focused button as Space does."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget


def _tab_focusable(widget: QWidget) -> bool:
    return (bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible()
            and widget.isEnabled() and widget.focusProxy() is None)


class RegionFocus:
    """``regions()`` gives the regions in order (widgets; a hidden one is skipped)."""

    def __init__(self, window: QWidget, regions: Callable[[], list[QWidget]]):
        self.window = window
        self.regions = regions

    def chain(self) -> list[QWidget]:
        """Every Tab stop, region by region, each region in Qt's own focus order."""
        natural, widget = [], self.window.nextInFocusChain()
        while widget is not self.window and widget not in natural:
            natural.append(widget)
            widget = widget.nextInFocusChain()
        stops = [w for w in natural if _tab_focusable(w)]
        ordered = []
        for region in self.regions():
            if region.isVisible():
                ordered += [w for w in stops if region.isAncestorOf(w) and w not in ordered]
        return ordered + [w for w in stops if w not in ordered]

    def step(self, forward: bool) -> bool:
        chain = self.chain()
        if not chain:
            return False
        current = QApplication.focusWidget()
        if current in chain:
            index = chain.index(current) + (1 if forward else -1)
        else:
            index = 0 if forward else -1
        target = chain[index % len(chain)]
        target.setFocus(Qt.FocusReason.TabFocusReason if forward
                        else Qt.FocusReason.BacktabFocusReason)
        show_in_scroll_areas(target)
        return True

    def first_in(self, region: QWidget) -> QWidget | None:
        return next((w for w in self.chain() if region.isAncestorOf(w)), None)

    def next_region(self, forward: bool = True) -> None:
        """F6: the first Tab stop of the next region that has one."""
        regions = [r for r in self.regions() if r.isVisible() and self.first_in(r) is not None]
        if not regions:
            return
        current = QApplication.focusWidget()
        here = next((i for i, r in enumerate(regions)
                     if current is not None and (r is current or r.isAncestorOf(current))), -1)
        if here < 0:
            target = regions[0] if forward else regions[-1]
        else:
            target = regions[(here + (1 if forward else -1)) % len(regions)]
        widget = self.first_in(target)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        show_in_scroll_areas(widget)


def show_in_scroll_areas(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` so that it is in view."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def press_focused(key: int) -> bool:
    """Enter and Return press the focused button (Qt does this only in dialogs)."""
    if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    widget = QApplication.focusWidget()
    if isinstance(widget, QAbstractButton) and widget.isEnabled():
        widget.click()
        return True
    return False
