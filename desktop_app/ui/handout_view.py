"""The handout screen: staff choose pages (or sections) for a large-print handout, see it, and
save it as PDF or print it.

``HandoutView`` signals: ``sig_message(str)`` for "Saved to …" and for errors (a sentence,
never a traceback), ``sig_saved(str path)`` after a PDF is saved. Methods:
``set_context(ctx)``, ``preselect(page_id)``, ``clear()``, ``retranslate()``,
``set_policy(policy)``, ``save_pdf(path)``, ``print_to(printer)``, ``export(kind)``.

Saving, printing and exporting are done by the view's ``output``, a ``HandoutOutput``
(``handout_output.py``); the handout on paper is ``handout_print.py``. At large text the list
lies above the preview, each showing at least five rows, and the view scrolls (``fitting.py``).
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QLabel, QPushButton, QSplitter, QTextBrowser,
                               QVBoxLayout, QWidget)

from desktop_app.core.handout import Handout, HandoutItem
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.model import LANG_NAMES, LANGS, Library
from desktop_app.core.themes import THEMES, Theme
from desktop_app.core.settings import Settings
from desktop_app.i18n import N_, _
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.check_marks import tree_stylesheet
from desktop_app.ui.fitting import MIN_ROWS, button_row, group, whole_rows
from desktop_app.ui.handout_output import Chosen, HandoutOutput
from desktop_app.ui.handout_pages import HandoutPages
from desktop_app.ui.handout_print import handout_document, printers_available
from desktop_app.ui.style import control_px, target_px
from desktop_app.ui.view_context import ViewContext



class HandoutView(QWidget):
    """Choose pages and sections, language and level; preview; save as PDF or print."""

    sig_message = Signal(str)
    sig_saved = Signal(str)

    def __init__(self, parent: QWidget | None = None,
                 settings: Callable[[], Settings] | None = None,
                 speak: Callable[[str], object] | None = None):
        super().__init__(parent)
        self.library: Library | None = None
        self.ui_lang = "da"
        self.theme: Theme = THEMES["light"]
        self.scale = 100
        self.policy = NOT_A_KIOSK
        self._chosen = False
        self._handout: Handout | None = None
        self._printers = False
        self.today = None           # the date printed; None: today (tests set a fixed one)
        self.output = HandoutOutput(self, self._selection, N_("Save the handout as PDF"),
                                    settings, speak)
        self.output.sig_message.connect(self.sig_message)
        self.output.sig_saved.connect(self.sig_saved)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.lang_label = QLabel()
        self.lang_box = QComboBox()
        for code in LANGS:
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

        self.tree = HandoutPages()
        self.tree.sig_changed.connect(self._schedule_preview)
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
        self.save_button.clicked.connect(self.output.choose_file)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.output.print_handout)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.tree.clear_choices)
        self.book_button = QPushButton()        # export: desktop_app/ui/export_dialog.py
        self.book_button.clicked.connect(lambda: self.export("epub"))
        self.mp3_button = QPushButton()
        self.mp3_button.clicked.connect(lambda: self.export("mp3"))
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
        self.output.set_policy(policy)
        self.save_button.setVisible(policy.may_save_pdf)
        for kind, button in (("epub", self.book_button), ("mp3", self.mp3_button)):
            button.setVisible(kind in policy.export_formats)
        self._update_print_button()


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

    # -- the list of pages ----------------------------------------------------------------------
    def _rebuild_tree(self, keep: bool = True) -> None:
        if self.library is not None:
            self.tree.fill(self.library, self.lang, self.level, keep)

    def selected_items(self) -> list[HandoutItem]:
        """The chosen pages in reading order: a page checked whole, or only its checked
        sections."""
        return self.tree.selected_items()

    def choose(self, page_id: str, sections: tuple[str, ...] | list[str] = ()) -> bool:
        """Check a page whole, or only the sections with these headings (for tests and
        ``preselect``). False if the page is not in the list."""
        return self.tree.choose(page_id, sections)

    def preselect(self, page_id: str) -> None:
        """Check the page being read (whole) and show it in the list."""
        self.tree.preselect(page_id)

    def clear(self) -> None:
        """Forget everything chosen (a new citizen; the kiosk reset): no pages, the language
        and level follow the interface again, no preview."""
        self._chosen = False
        self.tree.clear_choices()
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(self.ui_lang)))
        self.level_box.setCurrentIndex(0)
        self._rebuild_tree(keep=False)
        self.refresh_preview()

    # -- preview --------------------------------------------------------------------------------
    def _schedule_preview(self) -> None:
        self._update_buttons()
        self._preview_timer.start()

    def _selection(self) -> Chosen:
        return Chosen(self.library, self.selected_items(), self.lang, self.level, self.today)

    def handout(self) -> Handout | None:
        """The handout as chosen now (None without content)."""
        return self.output.handout()

    def save_pdf(self, path) -> bool:
        return self.output.save_pdf(path)

    def print_to(self, printer) -> bool:
        return self.output.print_to(printer)

    def export(self, kind: str) -> None:
        """A talking book ('epub') or sound files ('mp3') of the chosen pages."""
        self.output.export(kind)

    def refresh_preview(self) -> None:
        self._preview_timer.stop()
        self._handout = self.handout()
        if self._handout is None or self._handout.empty:
            self.preview.clear()
            self.preview.setPlaceholderText(_("Choose pages on the left. The handout is shown "
                                              "here as it will be printed."))
            self._update_buttons()
            return
        document = handout_document(self._handout, self.output.font_family())
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
        self.tree.retranslate()
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
