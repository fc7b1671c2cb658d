"""Check boxes in a tree: checking sections, and check boxes that show a tick and a dash, not only a colour, for checked and partly
checked (also on the selected row, whose colours are swapped)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from desktop_app.core.themes import Theme

_MARKS = {"tick": "M5 12.5 L10 17.5 L19.5 6.5", "dash": "M5.5 12 H18.5"}
_mark_folder: Path | None = None


def tree_stylesheet(t: Theme, target: int, box: int) -> str:
    """A QTreeView's stylesheet: rows of at least ``target`` px, check boxes of ``box`` px."""
    tick = lambda colour: _mark("tick", colour)   # noqa: E731
    dash = lambda colour: _mark("dash", colour)   # noqa: E731
    return f"""
QTreeView {{ border: 2px solid {t.control_border}; padding: 4px; }}
QTreeView:focus {{ border: 4px solid {t.focus}; }}
QTreeView::item {{ min-height: {target}px; padding: 2px; }}
QTreeView::item:selected {{ color: {t.selected_text}; background-color: {t.selected_background}; }}
QTreeView::indicator {{ width: {box}px; height: {box}px; border: 3px solid {t.control_border};
    background-color: {t.control_background}; }}
QTreeView::indicator:checked {{ background-color: {t.selected_background};
    image: url({tick(t.selected_text)}); }}
QTreeView::indicator:indeterminate {{ background-color: {t.control_background};
    image: url({dash(t.control_text)}); }}
QTreeView::indicator:unchecked:selected {{ border-color: {t.selected_text};
    background-color: {t.selected_background}; }}
QTreeView::indicator:checked:selected {{ border-color: {t.selected_text};
    background-color: {t.selected_text}; image: url({tick(t.selected_background)}); }}
QTreeView::indicator:indeterminate:selected {{ border-color: {t.selected_text};
    background-color: {t.selected_background}; image: url({dash(t.selected_text)}); }}
"""


def check_sections(page_item: QTreeWidgetItem, sections, role: int) -> None:
    """Check the children whose ``role`` data is in ``sections``, or the whole item when none
    are given."""
    if not sections:
        page_item.setCheckState(0, Qt.CheckState.Checked)
        return
    for i in range(page_item.childCount()):
        child = page_item.child(i)
        if child.data(0, role) in sections:
            child.setCheckState(0, Qt.CheckState.Checked)


def page_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The second level of a tree of topics and pages: the pages, in order."""
    return [tree.topLevelItem(t).child(p) for t in range(tree.topLevelItemCount())
            for p in range(tree.topLevelItem(t).childCount())]


def checked_pages(tree: QTreeWidget, page_role: int, section_role: int) -> list[tuple]:
    """(page, sections) for each page checked whole (sections ``()``) or in part (the checked
    sections), in the tree's order."""
    result = []
    for item in page_items(tree):
        state = item.checkState(0)
        if state == Qt.CheckState.Checked:
            result.append((item.data(0, page_role), ()))
        elif state == Qt.CheckState.PartiallyChecked:
            sections = tuple(item.child(i).data(0, section_role) for i in range(item.childCount())
                             if item.child(i).checkState(0) == Qt.CheckState.Checked)
            if sections:
                result.append((item.data(0, page_role), sections))
    return result


def _mark(kind: str, colour: str) -> str:
    """An SVG file with a tick or a dash in ``colour``, for the check boxes' stylesheet (Qt
    style sheets take images from files only)."""
    global _mark_folder
    if _mark_folder is None:
        import tempfile
        _mark_folder = Path(tempfile.mkdtemp(prefix="ballerup-marks-"))
    path = _mark_folder / f"{kind}-{colour.lstrip('#')}.svg"
    if not path.exists():
        path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
                        f'viewBox="0 0 24 24"><path d="{_MARKS[kind]}" fill="none" '
                        f'stroke="{colour}" stroke-width="3.5" stroke-linecap="round" '
                        f'stroke-linejoin="round"/></svg>', encoding="utf-8")
    return path.as_posix()
