"""The handout screen: staff choose pages (or sections) for a large-print handout, see it, and
save it as PDF or print it. ``HandoutView`` signals: ``sig_message(str)`` for "Saved to …" and for errors (a sentence,
never a traceback), ``sig_saved(str path)`` after a PDF is saved. Methods: ``set_context(library, ui_lang, theme)``, ``preselect(page_id)``,
``clear()``, ``retranslate()``, ``set_policy(policy)``, ``save_pdf(path)``, ``print_to(printer)``.

Saving and printing are in ``handout_print.py`` (``HandoutOutput``, ``render_handout``), the
save dialog in ``save_place.py``. At large text the list lies above the preview, each showing
at least five rows, and the view scrolls (``fitting.py``).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QLabel, QPushButton, QSplitter,
                               QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop_app.core.handout import Handout, HandoutItem, build_handout, page_sections
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy, policy_for
from desktop_app.core.model import Library
from desktop_app.core.themes import THEMES, Theme
from desktop_app.i18n import _
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.handout_print import (HandoutOutput, a4_pdf_writer,  # noqa: F401
                                          handout_document, printers_available,
                                          render_handout)
from desktop_app.ui.check_marks import (check_sections, checked_pages, page_items,
                                        tree_stylesheet)
from desktop_app.ui.fitting import MIN_ROWS, button_row, group, whole_rows
from desktop_app.ui.save_place import PdfSaving
from desktop_app.ui.style import control_px, target_px
from desktop_app.ui.view_context import ViewContext

PAGE_ROLE = Qt.ItemDataRole.UserRole
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
LANG_NAMES = {"da": "Dansk", "en": "English"}   # each language in its own name


class HandoutView(PdfSaving, HandoutOutput, QWidget):
    """Choose pages and sections, language and level; preview; save as PDF or print."""

    sig_message = Signal(str)
    sig_saved = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.library: Library | None = None
        self.ui_lang = "da"
        self.theme: Theme = THEMES["light"]
        self.scale = 100
        self.policy = NOT_A_KIOSK
        self._chosen = False
        self._handout: Handout | None = None
        self._file_dialog = None
        self._print_dialog = None
        self._filling = False
        self._printers = False
        self.today = None           # the date printed; None: today (tests set a fixed one)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.lang_label = QLabel()
        self.lang_box = QComboBox()
        for code in ("da", "en"):
            self.lang_box.addItem(LANG_NAMES[code], code)
        self.lang_label.setBuddy(self.lang_box)
        self.level_label = QLabel()
        self.level_box = QComboBox()
        self.level_box.addItem("", "standard")
        self.level_box.addItem("", "easy")
        self.level_label.setBuddy(self.level_box)
        self.lang_box.activated.connect(self._language_chosen)
        self.level_box.activated.connect(self._language_chosen)
        choices = button_row([group([self.lang_label, self.lang_box]),
                              group([self.level_label, self.level_box])])

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.itemChanged.connect(self._item_changed)
        self.preview = QTextBrowser()
        self.preview.setObjectName("handoutPreview")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.pages_label = QLabel()
        self.pages_label.setBuddy(self.tree)
        self.preview_label = QLabel()
        self.preview_label.setBuddy(self.preview)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.pages_label)
        left_box.addWidget(self.tree, 1)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.preview_label)
        right_box.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.choose_file)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_handout)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_choices)
        self.book_button = QPushButton()        # export: desktop_app/ui/export_dialog.py
        self.book_button.clicked.connect(lambda: self.export("epub"))
        self.mp3_button = QPushButton()
        self.mp3_button.clicked.connect(lambda: self.export("mp3"))
        self.speak = None                       # set by the window: speaks "done"
        self.settings = None                    # set by the window: voice and speed
        buttons = button_row([self.save_button, self.book_button, self.mp3_button,
                              self.print_button, self.clear_button])

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(choices)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(buttons)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(60)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.retranslate()

    # -- context ------------------------------------------------------------------------------
    def set_context(self, ctx: ViewContext) -> None:
        """The content, the interface language (the handout's language until staff choose
        one), the theme and text size of the controls, and the level being read (the
        handout's level until staff choose one)."""
        library, ui_lang, theme, level, scale = ctx.library, ctx.lang, ctx.theme, ctx.level, \
            ctx.scale
        changed = library is not self.library
        self.library = library
        self.ui_lang = ui_lang
        self.theme = theme
        self.scale = scale
        if not self._chosen:
            self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(ui_lang)))
        if level and not self._chosen:
            self.level_box.setCurrentIndex(max(0, self.level_box.findData(level)))
        if changed or self.tree.topLevelItemCount() == 0:
            self._rebuild_tree()
        else:
            self._rebuild_tree(keep=True)
        self._update_print_button()
        self.retranslate()

    @property
    def lang(self) -> str:
        return self.lang_box.currentData() or "da"

    @property
    def level(self) -> str:
        return self.level_box.currentData() or "standard"

    def set_language(self, lang: str) -> None:
        """The handout's language ('da' or 'en'), independent of the interface."""
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(lang)))
        self._language_chosen()

    def set_level(self, level: str) -> None:
        """The handout's level ('standard' or 'easy')."""
        self.level_box.setCurrentIndex(max(0, self.level_box.findData(level)))
        self._chosen = True
        self._rebuild_tree()

    def _language_chosen(self, *_args) -> None:
        """Staff chose the language or level: it no longer follows the interface."""
        self._chosen = True
        self._rebuild_tree()

    def set_policy(self, policy: KioskPolicy) -> None:
        """Save, print and export as the policy allows (``save_pdf(path)`` always works)."""
        self.policy = policy
        self.save_button.setVisible(policy.may_save_pdf)
        for kind, button in (("epub", self.book_button), ("mp3", self.mp3_button)):
            button.setVisible(kind in policy.export_formats)
        self._update_print_button()

    def set_kiosk(self, kiosk: bool, config=None) -> None:
        """For a caller that holds a ``bool`` and the kiosk's config: ``set_policy``."""
        self.set_policy(policy_for(kiosk, config))

    def _update_print_button(self) -> None:
        """Print is shown where the policy allows it, enabled when there is a printer."""
        self._printers = printers_available()
        self.print_button.setVisible(self.policy.may_print)
        self._update_buttons()

    def _update_buttons(self) -> None:
        # Save and Clear stay enabled (pressed with nothing chosen they say so): a disabled
        # button is skipped by Tab and gives no reason.
        self.print_button.setEnabled(self.policy.may_print and self._printers)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_print_button()

    # -- the tree of pages --------------------------------------------------------------------
    def _rebuild_tree(self, keep: bool = True) -> None:
        if self.library is None:
            return
        chosen = {item.page_id: item.sections for item in self.selected_items()} if keep else {}
        expanded = {self.tree.topLevelItem(i).data(0, PAGE_ROLE)
                    for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        lang, level = self.lang, self.level
        self._filling = True
        self.tree.clear()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
            | Qt.ItemFlag.ItemIsUserCheckable
        for topic in self.library.topics_in_order():
            pages = self.library.pages_in(topic.key, lang, level)
            if not pages:
                continue
            topic_item = QTreeWidgetItem([topic.title.get(lang, topic.key)])
            topic_item.setData(0, PAGE_ROLE, f"topic:{topic.key}")
            topic_item.setFlags(flags | Qt.ItemFlag.ItemIsAutoTristate)
            topic_item.setCheckState(0, Qt.CheckState.Unchecked)
            self.tree.addTopLevelItem(topic_item)
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
        self._schedule_preview()

    def _page_items(self) -> list[QTreeWidgetItem]:
        return page_items(self.tree)

    def page_item(self, page_id: str) -> QTreeWidgetItem | None:
        return next((i for i in self._page_items() if i.data(0, PAGE_ROLE) == page_id), None)

    def selected_items(self) -> list[HandoutItem]:
        """The chosen pages in reading order: a page checked whole, or only its checked
        sections."""
        return [HandoutItem(page, sections) for page, sections
                in checked_pages(self.tree, PAGE_ROLE, SECTION_ROLE)]

    def choose(self, page_id: str, sections: tuple[str, ...] | list[str] = ()) -> bool:
        """Check a page whole, or only the sections with these headings (for tests and
        ``preselect``). False if the page is not in the list."""
        item = self.page_item(page_id)
        if item is None:
            return False
        check_sections(item, sections, SECTION_ROLE)
        return True

    def preselect(self, page_id: str) -> None:
        """Check the page being read (whole) and show it in the list."""
        if self.choose(page_id):
            item = self.page_item(page_id)
            item.parent().setExpanded(True)
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def clear_choices(self) -> None:
        self._filling = True
        for t in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(t).setCheckState(0, Qt.CheckState.Unchecked)
        self._filling = False
        self._accessible_states()
        self._schedule_preview()

    def clear(self) -> None:
        """Forget everything chosen (a new citizen; the kiosk reset): no pages, the language
        and level follow the interface again, no preview."""
        self._chosen = False
        self.clear_choices()
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(self.ui_lang)))
        self.level_box.setCurrentIndex(0)
        self._rebuild_tree(keep=False)
        self.refresh_preview()

    def _item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._filling:
            return
        self._accessible_states()
        self._schedule_preview()

    def _accessible_states(self) -> None:
        """Tell screen readers what a page's check mark means (whole page or some parts)."""
        for item in self._page_items():
            state = item.checkState(0)
            item.setToolTip(0, "" if state == Qt.CheckState.Unchecked else
                            _("The whole page is in the handout") if state == Qt.CheckState.Checked
                            else _("Only the chosen parts are in the handout"))

    # -- preview --------------------------------------------------------------------------------
    def _schedule_preview(self) -> None:
        self._update_buttons()
        self._preview_timer.start()

    def handout(self) -> Handout | None:
        """The handout as chosen now (None without content)."""
        if self.library is None:
            return None
        return build_handout(self.library, self.selected_items(), self.lang, self.level,
                             today=self.today, font_family=self.font_family())

    def refresh_preview(self) -> None:
        self._preview_timer.stop()
        self._handout = self.handout()
        if self._handout is None or self._handout.empty:
            self.preview.clear()
            self.preview.setPlaceholderText(_("Choose pages on the left. The handout is shown "
                                              "here as it will be printed."))
            self._update_buttons()
            return
        document = handout_document(self._handout, self.font_family())
        document.setDocumentMargin(24)
        document.setParent(self.preview)   # the old one, a child too, is deleted by Qt
        self.preview.setDocument(document)
        self._update_buttons()

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    # -- texts and look ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        theme, px = self.theme, control_px(self.scale)
        self.heading.setText(_("Handout for the person you are helping"))
        self.heading.setStyleSheet(f"font-size: {round(px * 1.6)}px; font-weight: bold;")
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(_("Choose the pages the person takes home, in the language and "
                             "text they want. Open a page to choose only some parts of "
                             "it. The handout is printed in large letters."))
        self.lang_label.setText(_("Language of the handout:"))
        self.lang_box.setAccessibleName(_("Language of the handout"))
        self.level_label.setText(_("Text:"))
        self.level_box.setItemText(0, _("Standard text"))
        self.level_box.setItemText(1, _("Easy read"))
        self.level_box.setAccessibleName(_("Standard text or easy read in the handout"))
        self.pages_label.setText(_("Pages and parts of pages:"))
        self.tree.setAccessibleName(_("Pages for the handout"))
        self.tree.setAccessibleDescription(_("Check a page to take all of it, or open it and "
                                             "check only some parts. Space checks and unchecks."))
        self.preview_label.setText(_("Preview:"))
        self.preview.setAccessibleName(_("Preview of the handout"))
        setup_button(self.save_button, _("Save as PDF"), _("Save as PDF"), "pdf", theme, px,
                     _("Save the handout as a PDF file"))
        setup_button(self.print_button, _("Print"), _("Print"), "print", theme, px,
                     _("Print the handout") if self._printers or not self.policy.may_print
                     else _("No printer is set up on this computer"))
        setup_button(self.clear_button, _("Clear the choices"), _("Clear the choices"), "close",
                     theme, px, _("Uncheck all pages"))
        setup_button(self.book_button, _("Talking book"), _("Save as a talking book"),
                     "speaker", theme, px, _("The text with the sound, for a reading app on "
                                             "a phone or tablet (EPUB)"))
        setup_button(self.mp3_button, _("Sound files"), _("Save as sound files"), "volume-up",
                     theme, px, _("One sound file (MP3) for each page, for a phone or a "
                                  "DAISY player"))
        self._apply_look()
        if self.library is not None and not self._preview_timer.isActive():
            self._schedule_preview()

    def _apply_look(self) -> None:
        row = target_px(self.scale, self.policy)
        # a box is ticked by clicking it alone: with its frame a target of 44 px (kiosk 64)
        box = max(control_px(self.scale) + 8, target_px(100, self.policy) - 6)
        self.tree.setStyleSheet(tree_stylesheet(self.theme, row, box))
        whole_rows(self.tree, row + 4)
        # From 200 % the list lies above the preview, with the whole width for its rows.
        self.splitter.setOrientation(Qt.Orientation.Vertical if self.scale >= 200
                                     else Qt.Orientation.Horizontal)
        self.preview.setMinimumHeight(MIN_ROWS * self.preview.fontMetrics().lineSpacing())
        # The preview is the paper: black on white whatever the theme.
        self.preview.setStyleSheet("QTextBrowser#handoutPreview { color: #000000; "
                                   "background-color: #ffffff; }")
