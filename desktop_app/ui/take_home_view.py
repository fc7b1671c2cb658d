"""Take it home: a page, or every page of a topic, saved for the reader to hear or read at
home, as sound (MP3 files), as a talking book (EPUB) or in large print (PDF). Opened with the
"Take it home" button beside a page's title and above a topic's list of pages.

It takes the handout's way out: its ``output``, a ``HandoutOutput`` (``handout_output.py``),
asks where, saves the PDF and starts the export. The kiosk policy says what is offered: on a
kiosk only what ``kiosk.toml`` allows (``allow_export``), and no PDF.

Signals: ``sig_message(str)`` (saved, or what went wrong), ``sig_saved(str path)``.
Methods: ``set_context(ctx, pages, what, whole_topic)``, ``set_policy(policy)``,
``clear()``, ``retranslate()``, ``save_pdf(path)``, ``export(kind)``.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.handout import HandoutItem
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.themes import THEMES
from desktop_app.core.settings import Settings
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.handout_output import Chosen, HandoutOutput
from desktop_app.ui.save_place import folder_store, start_folder
from desktop_app.ui.saved_folder import breakable
from desktop_app.ui.style import control_px
from desktop_app.ui.view_context import ViewContext

TITLE = N_("Take it home")


class TakeHomeView(QWidget):
    """Three ways to take the chosen pages home, each one button and a line about it."""

    sig_message = Signal(str)
    sig_saved = Signal(str)

    def __init__(self, parent: QWidget | None = None,
                 settings: Callable[[], Settings] | None = None,
                 speak: Callable[[str], object] | None = None):
        super().__init__(parent)
        self.library = None
        self.lang, self.level, self.theme, self.scale = "da", "standard", THEMES["light"], 100
        self.policy = NOT_A_KIOSK
        self.pages: list[str] = []
        self.what = ""              # the page's title, or the topic's
        self.whole_topic = False
        self.today = None           # the date printed; None: today
        self.output = HandoutOutput(self, self._selection, N_("Save in large print (PDF)"),
                                    settings, speak)
        self.output.sig_message.connect(self.sig_message)
        self.output.sig_saved.connect(self.sig_saved)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.sound_button, self.book_button, self.pdf_button = (QPushButton() for _i in range(3))
        self.sound_button.clicked.connect(lambda: self.export("mp3"))
        self.book_button.clicked.connect(lambda: self.export("epub"))
        self.pdf_button.clicked.connect(self.output.choose_file)
        self.explanations = [QLabel() for _i in range(3)]
        self.where = QLabel()
        self.where.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.chosen, self.intro):
            layout.addWidget(widget)
        for button, explanation in zip(self.buttons(), self.explanations):
            explanation.setWordWrap(True)
            explanation.setBuddy(button)
            layout.addSpacing(12)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(explanation)
        layout.addSpacing(12)
        layout.addWidget(self.where)
        layout.addStretch(1)
        self.retranslate()

    def buttons(self) -> list[QPushButton]:
        return [self.sound_button, self.book_button, self.pdf_button]

    def set_context(self, ctx: ViewContext, pages: list[str], what: str,
                    whole_topic: bool) -> None:
        """Take ``pages`` (ids) home: one page, or the pages of the topic called ``what``."""
        self.library, self.lang, self.level = ctx.library, ctx.lang, ctx.level
        self.theme, self.scale = ctx.theme, ctx.scale
        self.pages, self.what, self.whole_topic = list(pages), what, whole_topic
        self.retranslate()

    def set_policy(self, policy: KioskPolicy) -> None:
        """Sound and the talking book where the policy allows export; the PDF where it
        allows a file dialog."""
        self.policy = policy
        self.output.set_policy(policy)
        formats = policy.export_formats
        for kind, widgets in (("mp3", (self.sound_button, self.explanations[0])),
                              ("epub", (self.book_button, self.explanations[1]))):
            for widget in widgets:
                widget.setVisible(kind in formats)
        for widget in (self.pdf_button, self.explanations[2]):
            widget.setVisible(policy.may_save_pdf)
        self.retranslate()


    def clear(self) -> None:
        """Forget the pages (a new person at the kiosk)."""
        self.pages, self.what = [], ""
        self.retranslate()

    def selected_items(self) -> list[HandoutItem]:
        return [HandoutItem(page_id) for page_id in self.pages]

    def _selection(self) -> Chosen:
        return Chosen(self.library, self.selected_items(), self.lang, self.level, self.today)

    def save_pdf(self, path) -> bool:
        return self.output.save_pdf(path)

    def export(self, kind: str) -> None:
        """Sound files ('mp3') or a talking book ('epub') of the pages."""
        self.output.export(kind)

    def retranslate(self) -> None:
        theme, px = self.theme, control_px(self.scale)
        self.heading.setText(_(TITLE))
        self.heading.setStyleSheet(f"font-size: {round(px * 1.6)}px; font-weight: bold;")
        count = len(self.pages)
        if self.whole_topic:
            self.chosen.setText(ngettext("The whole topic “%(topic)s”: %(n)d page.",
                                         "The whole topic “%(topic)s”: %(n)d pages.", count)
                                % {"topic": self.what, "n": count})
        else:
            self.chosen.setText(_("The page “%s”.") % self.what if self.what else "")
        self.intro.setText(_("Save it, so you can hear it or read it at home, for example on "
                             "your phone. Choose how:"))
        setup_button(self.sound_button, _("As sound (MP3 files)"), _("Take it home as sound"),
                     "volume-up", theme, px, _("One sound file for each page"))
        setup_button(self.book_button, _("As a talking book (EPUB)"),
                     _("Take it home as a talking book"), "speaker", theme, px,
                     _("The text and the sound together, for a reading app"))
        setup_button(self.pdf_button, _("In large print (PDF)"),
                     _("Take it home in large print"), "pdf", theme, px,
                     _("Large letters, to print or to read on a screen"))
        for explanation, button in zip(self.explanations, self.buttons()):
            explanation.setText(button.accessibleDescription() + ".")
        if self.policy.names_save_folder:
            folder = str(start_folder(folder_store(self.policy)))
            where = _("It is saved in %s unless you choose another folder.") % folder
        else:   # a folder on the library's computer means nothing to a visitor
            where = _("It is saved on this computer. Ask a member of staff to help you take "
                      "it with you.")
        self.where.setText(breakable(where))
        self.where.setAccessibleName(where)
