"""The handout's list of pages: the topics, their pages and the sections of each page, each
with a check box, so that staff take a page whole or only some parts of it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from desktop_app.core.handout import HandoutItem, page_sections
from desktop_app.core.model import Library
from desktop_app.i18n import _
from desktop_app.ui.check_marks import check_sections, checked_pages, page_items

PAGE_ROLE = Qt.ItemDataRole.UserRole
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1


class HandoutPages(QTreeWidget):
    """Signal ``sig_changed()``: what is checked may have changed (the person checked
    something, or the list was filled or cleared)."""

    sig_changed = Signal()

    def __init__(self):
        super().__init__()
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self._filling = False
        self.itemChanged.connect(self._item_changed)

    def fill(self, library: Library, lang: str, level: str, keep: bool = True) -> None:
        """The pages of ``library`` in ``lang`` and ``level``, by topic; ``keep``: what was
        checked stays checked (a page's sections gone from it: the whole page)."""
        chosen = {item.page_id: item.sections for item in self.selected_items()} if keep else {}
        expanded = {self.topLevelItem(i).data(0, PAGE_ROLE)
                    for i in range(self.topLevelItemCount())
                    if self.topLevelItem(i).isExpanded()}
        self._filling = True
        self.clear()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
            | Qt.ItemFlag.ItemIsUserCheckable
        for topic in library.topics_in_order():
            pages = library.pages_in(topic.key, lang, level)
            if not pages:
                continue
            topic_item = QTreeWidgetItem([topic.title.get(lang, topic.key)])
            topic_item.setData(0, PAGE_ROLE, f"topic:{topic.key}")
            topic_item.setFlags(flags | Qt.ItemFlag.ItemIsAutoTristate)
            topic_item.setCheckState(0, Qt.CheckState.Unchecked)
            self.addTopLevelItem(topic_item)
            for page in pages:
                page_item = QTreeWidgetItem([page.title])
                page_item.setData(0, PAGE_ROLE, page.id)
                sections = page_sections(page)
                page_item.setFlags(flags | (Qt.ItemFlag.ItemIsAutoTristate if sections
                                            else Qt.ItemFlag.NoItemFlags))
                page_item.setCheckState(0, Qt.CheckState.Unchecked)
                topic_item.addChild(page_item)
                wanted = chosen.get(page.id)
                known = {text for _level, text in sections}
                for heading_level, text in sections:
                    section = QTreeWidgetItem(["   " * (heading_level - 2) + text])
                    section.setData(0, PAGE_ROLE, page.id)
                    section.setData(0, SECTION_ROLE, text)
                    section.setFlags(flags)
                    section.setCheckState(0, Qt.CheckState.Unchecked)
                    page_item.addChild(section)
                if wanted is not None:   # sections gone from the page: the whole page
                    check_sections(page_item, wanted if known & set(wanted) else (), SECTION_ROLE)
            topic_item.setExpanded(not expanded or f"topic:{topic.key}" in expanded)
        self._filling = False
        self._accessible_states()
        self.sig_changed.emit()

    def page_item(self, page_id: str) -> QTreeWidgetItem | None:
        return next((i for i in page_items(self) if i.data(0, PAGE_ROLE) == page_id), None)

    def selected_items(self) -> list[HandoutItem]:
        """The chosen pages in reading order: a page checked whole, or only its checked
        sections."""
        return [HandoutItem(page, sections) for page, sections
                in checked_pages(self, PAGE_ROLE, SECTION_ROLE)]

    def choose(self, page_id: str, sections: tuple[str, ...] | list[str] = ()) -> bool:
        """Check a page whole, or only the sections with these headings. False if the page is
        not in the list."""
        item = self.page_item(page_id)
        if item is None:
            return False
        check_sections(item, sections, SECTION_ROLE)
        return True

    def preselect(self, page_id: str) -> None:
        """Check the page (whole) and show it in the list."""
        if self.choose(page_id):
            item = self.page_item(page_id)
            item.parent().setExpanded(True)
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def clear_choices(self) -> None:
        self._filling = True
        for t in range(self.topLevelItemCount()):
            self.topLevelItem(t).setCheckState(0, Qt.CheckState.Unchecked)
        self._filling = False
        self._accessible_states()
        self.sig_changed.emit()

    def _item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        if not self._filling:
            self._accessible_states()
            self.sig_changed.emit()

    def _accessible_states(self) -> None:
        """Tell screen readers what a page's check mark means (whole page or some parts)."""
        for item in page_items(self):
            state = item.checkState(0)
            item.setToolTip(0, "" if state == Qt.CheckState.Unchecked else
                            _("The whole page is in the handout") if state == Qt.CheckState.Checked
                            else _("Only the chosen parts are in the handout"))

    def retranslate(self) -> None:
        self.setAccessibleName(_("Pages for the handout"))
        self.setAccessibleDescription(_("Check a page to take all of it, or open it and "
                                        "check only some parts. Space checks and unchecks."))
