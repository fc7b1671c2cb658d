"""'Saved pages': the pages a reader saved, and the reader's button that saves a page.

``BookmarksView``: the saved pages as large buttons (title in the current language and level;
an id whose page is not loaded is skipped), each with a "Remove" button. Signals:
``sig_open_page(str page_id)``, ``sig_changed()`` after a removal.

``BookmarkButton``: a checkable button for the reader, "Save the page" / "Saved".
``set_page(page_id)``; signal ``sig_toggled(str page_id, bool saved)`` after the store
was changed.

Both take the same ``BookmarkStore``. Where the policy says bookmarks may not be saved (a kiosk:
``set_policy``) both are hidden and never read or write the store: nothing a person saves
outlives their visit.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from desktop_app.core.bookmarks import BookmarkStore
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.model import Library
from desktop_app.core.themes import THEMES, Theme
from desktop_app.i18n import N_, _
from desktop_app.ui import icons
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.style import control_px
from desktop_app.ui.view_context import ViewContext

# The view's title (its button is the command "bookmarks" of ui/actions.py)
OPEN_TEXT = N_("Saved pages")


def notice_text(store: BookmarkStore) -> str:
    """The sentence to show when the saved list could not be read or written ('' if fine)."""
    if not store.notice:
        return ""
    if store.broken:
        return _("Your saved pages could not be read, so the list is empty now.")
    return _("Your saved pages could not be saved. They are kept until you close the program.")


class BookmarkButton(QPushButton):
    """Save the page being read to 'Saved pages', or take it off again."""

    sig_toggled = Signal(str, bool)

    def __init__(self, store: BookmarkStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.page_id = ""
        self.policy = NOT_A_KIOSK
        self.theme: Theme | None = None
        self.px = control_px(100)
        self.setCheckable(True)
        self.setObjectName("bookmark")
        self.clicked.connect(self._clicked)
        self.hide()
        self.retranslate()

    def set_store(self, store: BookmarkStore) -> None:
        self.store = store
        self.set_page(self.page_id)

    def set_page(self, page_id: str) -> None:
        """The page being read ('' for none): shows whether it is saved. Hidden for no page,
        the word list, and in kiosk mode."""
        if page_id:   # (core/render.py loads when a page is shown, not at start-up)
            from desktop_app.core.render import GLOSSARY_ID
            page_id = page_id if page_id != GLOSSARY_ID else ""
        self.page_id = page_id
        usable = bool(self.page_id) and self.policy.may_save_bookmarks \
            and self.store is not None
        if usable:
            self.blockSignals(True)
            self.setChecked(self.store.contains(self.page_id))
            self.blockSignals(False)
        self.setVisible(usable)
        self.retranslate()

    def set_policy(self, policy: KioskPolicy) -> None:
        """Where bookmarks may not be saved: hidden, and the store is never touched."""
        self.policy = policy
        self.set_page(self.page_id)


    def _clicked(self) -> None:
        if not (self.page_id and self.policy.may_save_bookmarks and self.store is not None):
            return
        saved = self.store.toggle(self.page_id)
        self.blockSignals(True)
        self.setChecked(saved)
        self.blockSignals(False)
        self.retranslate()
        self.sig_toggled.emit(self.page_id, saved)

    def apply_theme(self, theme: Theme, px: int) -> None:
        self.theme, self.px = theme, px
        self.retranslate()

    def retranslate(self) -> None:
        if self.isChecked():
            text = _("Saved")
            description = _("This page is in Saved pages. Press to take it off the list.")
        else:
            text = _("Save the page")
            description = _("Keep this page in Saved pages, so you can find it again quickly.")
        setup_button(self, text, text, "bookmark", self.theme, self.px, description)


class BookmarksView(QWidget):
    """The pages in 'Saved pages', oldest first."""

    sig_open_page = Signal(str)
    sig_changed = Signal()

    def __init__(self, store: BookmarkStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.library: Library | None = None
        self.lang, self.level = "da", "standard"
        self.theme: Theme = THEMES["light"]
        self.px = control_px(100)
        self.policy = NOT_A_KIOSK
        inner = QWidget()
        self._layout = QVBoxLayout(inner)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        self._rows: list[QWidget] = []
        self._buttons: list[QPushButton] = []
        self._remove_buttons: list[QPushButton] = []
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.area.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.area)
        self.retranslate()

    def set_store(self, store: BookmarkStore) -> None:
        self.store = store
        self.refresh()

    def set_context(self, ctx: ViewContext) -> None:
        self.library, self.lang, self.level, self.theme = ctx.library, ctx.lang, ctx.level, \
            ctx.theme
        self.px = ctx.px
        self.refresh()

    def set_policy(self, policy: KioskPolicy) -> None:
        """Where bookmarks may not be saved: everything hidden and the list emptied; the
        store is not read."""
        self.policy = policy
        usable = policy.may_save_bookmarks
        self.area.setVisible(usable)   # stays hidden even if a stacked widget shows the view
        self.setVisible(usable)
        self.refresh()


    def page_ids(self) -> list[str]:
        """The saved ids shown, in order (those whose page is loaded)."""
        if not self.policy.may_save_bookmarks or self.store is None or self.library is None:
            return []
        return [i for i in self.store.list()
                if self.library.page(i, self.lang, self.level) is not None]

    def refresh(self, *_args) -> None:
        """Show the list again (connect ``BookmarkButton.sig_toggled`` here)."""
        for row in self._rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._rows, self._buttons, self._remove_buttons = [], [], []
        ids = self.page_ids()
        for page_id in ids:
            page = self.library.page(page_id, self.lang, self.level)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            button = QPushButton(page.title)
            button.setObjectName("tile")
            button.setIcon(icons.pictogram(page.icon, self.theme.control_text, 96))
            button.setIconSize(QSize(self.px * 3, self.px * 3))
            button.setAccessibleName(page.title)
            topic = self.library.topics.get(page.topic)
            description = _("Open the page")
            if topic is not None:
                description = _("Open the page. Topic: %s") % topic.title.get(self.lang, "")
            button.setAccessibleDescription(description)
            button.setToolTip(page.summary or description)
            button.clicked.connect(lambda _=False, i=page_id: self.sig_open_page.emit(i))
            remove = QPushButton()
            setup_button(remove, _("Remove"), _("Remove %s from Saved pages") % page.title,
                         "close", self.theme, self.px,
                         _("Take the page off the list. The page itself is not deleted."))
            remove.clicked.connect(lambda _=False, i=page_id: self.remove(i))
            line.addWidget(button, 1)
            line.addWidget(remove, 0, Qt.AlignmentFlag.AlignVCenter)
            self._layout.insertWidget(self._layout.count() - 1, row)
            self._rows.append(row)
            self._buttons.append(button)
            self._remove_buttons.append(remove)
        self.empty.setVisible(not ids)
        self.retranslate()

    def remove(self, page_id: str) -> None:
        if not self.policy.may_save_bookmarks or self.store is None:
            return
        self.store.remove(page_id)
        self.refresh()
        self.sig_changed.emit()
        # Keep the keyboard focus in the list after the row it was on disappears.
        target = self._buttons[0] if self._buttons else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def remove_buttons(self) -> list[QPushButton]:
        return list(self._remove_buttons)

    def retranslate(self) -> None:
        self.heading.setText(_(OPEN_TEXT))
        self.heading.setAccessibleName(self.heading.text())
        self.heading.setStyleSheet(f"font-size: {round(self.px * 1.6)}px; font-weight: bold;")
        self.empty.setText(_("You have not saved any pages yet. Press \"Save the page\" on a "
                             "page to find it here quickly."))
