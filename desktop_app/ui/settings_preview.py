"""The preview of the settings view: a short sample page in the look chosen now (text size,
spacing, font, colours, simple letters), with a button that reads it aloud."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.render import normal_case_html
from desktop_app.i18n import _
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.reader import PageBrowser, styled_document
from desktop_app.ui.state import ReaderState
from desktop_app.ui.style import control_px

if TYPE_CHECKING:
    from desktop_app.ui.speech_controller import SpeechController


class PreviewSection(QWidget):
    """``speech()`` gives the speech controller (or None without speech), which reads the
    preview aloud (``read(text, lang)``)."""

    def __init__(self, state: ReaderState, speech: Callable[[], SpeechController | None]):
        super().__init__()
        self.state = state
        self._speech = speech
        self.heading = QLabel()
        self.preview = PageBrowser()
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.read_button = QPushButton()
        self.read_button.clicked.connect(self.read_preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)

    def controls(self) -> list[QWidget]:
        return [self.read_button]

    def read_preview(self) -> None:
        speech = self._speech()
        if speech is not None:
            speech.read(self.preview.toPlainText(), self.state.settings.lang)

    def preview_html(self) -> str:
        title = html.escape(_("Help with education"))
        first = html.escape(_("This is how the pages look with your settings. IMPORTANT: a "
                              "young person can apply for STU, a special education."))
        # One sentence with its markup, so a translator can move the bold words and the link
        example = _("<b>Words in bold</b> look like this, and <a href=\"page:\">a link</a> "
                    "looks like this.")
        markup = f"<h2>{title}</h2><p>{first}</p><p>{example}</p>"
        return normal_case_html(markup) if self.state.settings.plain_styling else markup

    def refresh(self) -> None:
        """Show the sample page in the look chosen now."""
        theme = self.state.theme
        self.preview.setDocument(styled_document(self.preview, theme, self.state.text_style()))
        self.preview.setHtml(self.preview_html())
        self.preview.setStyleSheet(f"background-color: {theme.background};")

    def set_below(self, below: bool, px: int) -> None:
        """Under the choices the preview gets a height of its own (beside them it has the
        column's)."""
        self.preview.setMinimumHeight(px * 14 if below else 0)

    def retranslate(self) -> None:
        theme, px = self.state.theme, control_px(self.state.settings.text_scale)
        self.heading.setText(_("Preview"))
        self.preview.setAccessibleName(_("Preview of the text with your settings"))
        setup_button(self.read_button, _("Read aloud"), _("Read the preview aloud"), "speaker",
                     theme, px)
