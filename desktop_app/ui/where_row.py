"""The line over the view: where the reader is (a page's title with its topic and number, or
the view's name), and beside a page or a topic "Take it home" and "Save the page"."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.core.bookmarks import BookmarkStore
from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.core.model import Library, Page
from desktop_app.core.themes import Theme
from desktop_app.i18n import _
from desktop_app.ui.bookmarks_view import BookmarkButton
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.style import CHROME_PX


class WhereRow(QWidget):
    """``title`` is the place's name; ``take_home()`` is called by "Take it home"; ``policy``
    says whether bookmarks may be saved."""

    def __init__(self, bookmarks: BookmarkStore, policy: KioskPolicy,
                 take_home: Callable[[], object]):
        super().__init__()
        self.setObjectName("whererow")
        self.title = QLabel()
        self.title.setObjectName("whereami")
        self.title.setWordWrap(True)
        self.take_home_button = QPushButton()
        self.take_home_button.clicked.connect(take_home)
        self.bookmark_button = BookmarkButton(bookmarks)
        self.bookmark_button.set_policy(policy)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title, 1)
        row.addWidget(self.take_home_button, 0)
        row.addWidget(self.bookmark_button, 0)

    def show_page_title(self, library: Library, page: Page) -> None:
        """The page's title, its topic and its number in the topic."""
        siblings = library.pages_in(page.topic, page.lang, page.level)
        number = next((i for i, p in enumerate(siblings, 1) if p.id == page.id), 1)
        topic = library.topics.get(page.topic)
        if topic is None:
            self.title.setText(page.title)
        else:
            self.title.setText(_("%(topic)s › %(page)s (page %(n)d of %(total)d)") % {
                "topic": topic.title[page.lang], "page": page.title, "n": number,
                "total": len(siblings)})

    def show_place(self, kind: str, key: str, theme: Theme, policy: KioskPolicy) -> None:
        """The buttons for the place shown (``kind``, ``key``), in the UI language: "Save the
        page" beside a page, "Take it home" beside a page or a topic's list where ``policy``
        allows saving (on a kiosk only with ``allow_export``). A hidden button gets its icon
        when it is shown."""
        self.title.setAccessibleName(self.title.text())
        if kind == "page":
            self.bookmark_button.apply_theme(theme, CHROME_PX)
        self.bookmark_button.set_page(key if kind == "page" else "")
        button = self.take_home_button
        shown = kind in ("page", "topic") and policy.may_export
        if shown:   # (core/render.py loads when a page or a topic is shown)
            from desktop_app.core.render import GLOSSARY_ID
            shown = key != GLOSSARY_ID
        button.setVisible(shown)
        setup_button(button, _("Take it home"), _("Take the whole topic home") if kind == "topic"
                     else _("Take this page home"), "pdf", theme if shown else None, CHROME_PX,
                     _("Save it as sound, as a talking book or in large print"))
