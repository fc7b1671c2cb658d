"""The settings view: colours, text, pictures, reading aids, dimming and read-aloud, with a live
preview, and one button back to the standard settings (with undo). Every choice goes through
``ReaderState.change`` at once, so it is applied and remembered (and a kiosk reset of the
settings resets all of it).

The colours (``settings_colours.ColoursSection``), reading aloud
(``settings_speech.SpeechSection``) and the preview (``settings_preview.PreviewSection``) are
parts of their own; this view holds the text, pictures, reading aids and dimming, and puts the
parts together."""
from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.settings import RANGES, SCALES, Settings
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui import fonts
from desktop_app.ui.actions import keys_of
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.choices import ChoiceRow
from desktop_app.ui.fitting import button_row
from desktop_app.ui.settings_colours import ColoursSection
from desktop_app.ui.settings_preview import PreviewSection
from desktop_app.ui.settings_speech import SpeechSection
from desktop_app.ui.state import ReaderState
from desktop_app.ui.style import control_px

if TYPE_CHECKING:
    from desktop_app.ui.speech_controller import SpeechController

LINE_HEIGHTS = RANGES["line_height"].steps
PARAGRAPH = RANGES["paragraph_spacing"].steps
LETTER = RANGES["letter_spacing"].steps
WORD = RANGES["word_spacing"].steps
WIDE = N_("Normal"), N_("Wide"), N_("Wider"), N_("Widest")
DIMMING = RANGES["dimming"].steps
KEPT_ON_RESET = ("lang", "level")


class SettingsView(QWidget):
    """The settings screen: every choice changes ``state`` at once; ``speech()`` gives the
    speech controller (or None) for the voices and reading aloud."""

    def __init__(self, state: ReaderState, speech: Callable[[], SpeechController | None],
                 policy: KioskPolicy = NOT_A_KIOSK):
        super().__init__()
        self.state = state
        self.policy = policy
        self._undo: Settings | None = None
        fonts.load_fonts()
        change = state.change

        self.heading = QLabel()
        self.heading.setObjectName("h1")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_reset)
        self.undo_button.hide()

        self.colours_section = ColoursSection(state, policy)

        # Text
        self.text_heading = QLabel()
        self.size_row = ChoiceRow(list(SCALES), lambda v: change(text_scale=v))
        self.line_row = ChoiceRow(list(LINE_HEIGHTS), lambda v: change(line_height=v))
        self.paragraph_row = ChoiceRow(list(PARAGRAPH), lambda v: change(paragraph_spacing=v))
        self.letter_row = ChoiceRow(list(LETTER), lambda v: change(letter_spacing=v))
        self.word_row = ChoiceRow(list(WORD), lambda v: change(word_spacing=v))
        self.wide_button = QPushButton()
        # "Wide spacing everywhere": the third step ("Wider") of paragraphs, letters and words,
        # and lines at least their first
        self.wide_button.clicked.connect(lambda: change(
            line_height=max(LINE_HEIGHTS[0], state.settings.line_height),
            paragraph_spacing=PARAGRAPH[2], letter_spacing=LETTER[2], word_spacing=WORD[2]))
        self.font_choices = fonts.choices()
        self.font_row = ChoiceRow([f for f, _d in self.font_choices],
                                  lambda v: change(font_family=v))
        self.plain_check = QCheckBox()
        self.plain_check.toggled.connect(lambda on: change(plain_styling=on))
        self.plain_note = self._note()

        # Pictures
        self.pictures_heading = QLabel()
        self.pictures_check = QCheckBox()
        self.pictures_check.toggled.connect(lambda on: change(show_pictures=on))
        self.original_check = QCheckBox()
        self.original_check.toggled.connect(lambda on: change(pictures_original=on))
        self.pictures_hint = QLabel()
        self.pictures_hint.setWordWrap(True)

        # Reading aids and dimming
        self.aids_heading = QLabel()
        self.ruler_check = QCheckBox()
        self.ruler_check.toggled.connect(lambda on: change(reading_ruler=on))
        self.ruler_note = self._note()
        self.ruler_row = ChoiceRow(list(RANGES["ruler_lines"].steps),
                                   lambda v: change(ruler_lines=v))
        self.dim_heading = QLabel()
        self.dim_row = ChoiceRow(list(DIMMING), lambda v: change(dimming=v))

        self.speech_section = SpeechSection(state, speech)
        self.preview_section = PreviewSection(state, speech)

        inner = QWidget()
        column = QVBoxLayout(inner)
        for widget in (self.heading, self.intro,
                       button_row([self.reset_button, self.undo_button]),
                       self.colours_section,
                       self.text_heading, self.size_row, self.line_row, self.paragraph_row,
                       self.letter_row, self.word_row, button_row([self.wide_button]),
                       self.font_row, self.plain_check, self.plain_note,
                       self.pictures_heading, self.pictures_check, self.original_check,
                       self.pictures_hint,
                       self.aids_heading, self.ruler_check, self.ruler_note, self.ruler_row,
                       self.dim_heading, self.dim_row, self.speech_section):
            column.addWidget(widget)
        column.addStretch(1)
        for label in self._headings():
            label.setObjectName("h2")
            label.setWordWrap(True)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(inner)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 3)
        layout.addWidget(self.preview_section, 2)
        self._column = column

    def _headings(self) -> list[QLabel]:
        return [self.colours_section.heading, self.text_heading, self.pictures_heading,
                self.aids_heading, self.dim_heading, self.speech_section.heading,
                self.preview_section.heading]

    def _place_preview(self, below: bool, px: int) -> None:
        """The preview beside the choices, or under them (from 200 %, where a column beside
        them is too narrow for a heading's words)."""
        side, column, row = self.preview_section, self._column, self.layout()
        if below and column.indexOf(side) < 0:
            row.removeWidget(side)
            column.insertWidget(column.count() - 1, side)     # before the closing stretch
        elif not below and column.indexOf(side) >= 0:
            column.removeWidget(side)
            row.addWidget(side, 2)
        side.set_below(below, px)

    @staticmethod
    def _note() -> QLabel:
        """A wrapping explanation under a check box (whose own text must stay short: a check
        box does not wrap, and a long one would make the view wider than the window)."""
        label = QLabel()
        label.setWordWrap(True)
        label.setIndent(8)
        return label

    # -- choices ---------------------------------------------------------------------------
    def controls(self) -> list[QWidget]:
        """Every control of the view, in screen order."""
        chosen = [self.reset_button] + ([self.undo_button] if self.undo_button.isVisibleTo(self)
                                        else [])
        chosen += self.colours_section.controls()
        for row in (self.size_row, self.line_row, self.paragraph_row, self.letter_row,
                    self.word_row):
            chosen += row.buttons
        chosen += [self.wide_button, *self.font_row.buttons, self.plain_check,
                   self.pictures_check, self.original_check, self.ruler_check,
                   *self.ruler_row.buttons, *self.dim_row.buttons]
        return chosen + self.speech_section.controls() + self.preview_section.controls()

    def refresh(self) -> None:
        """Show the current settings (called whenever they change)."""
        s = self.state.settings
        self.retranslate()
        self.colours_section.refresh()
        self.size_row.set_value(s.text_scale)
        self.line_row.set_value(s.line_height)
        self.paragraph_row.set_value(float(s.paragraph_spacing))
        self.letter_row.set_value(float(s.letter_spacing))
        self.word_row.set_value(float(s.word_spacing))
        self.font_row.set_value(s.font_family)
        self.ruler_row.set_value(s.ruler_lines)
        self.ruler_row.setEnabled(s.reading_ruler)
        self.dim_row.set_value(s.dimming)
        for check, on in ((self.plain_check, s.plain_styling),
                          (self.pictures_check, s.show_pictures),
                          (self.original_check, s.pictures_original),
                          (self.ruler_check, s.reading_ruler)):
            check.blockSignals(True)
            check.setChecked(on)
            check.blockSignals(False)
        self.speech_section.refresh()
        self.preview_section.refresh()

    def hideEvent(self, event) -> None:
        """Leaving the view forgets the undo of a reset (on a kiosk, the next person must not
        get the previous person's settings back)."""
        super().hideEvent(event)
        self._undo = None
        self.undo_button.hide()

    def retranslate(self) -> None:
        s, theme = self.state.settings, self.state.theme
        px = control_px(s.text_scale)
        self.heading.setText(_("Settings"))
        self._place_preview(below=s.text_scale >= 200, px=px)
        for label in self._headings():
            label.setStyleSheet(f"font-size: {round(px * 1.3)}px; font-weight: bold;")
        if self.policy.remembers_settings:
            self.intro.setText(_("Choose how the pages look and sound. Your choices work at "
                                 "once and are remembered."))
        else:
            self.intro.setText(_("Choose how the pages look and sound. Your choices work at "
                                 "once, until the screen is cleared for the next person."))
        setup_button(self.reset_button, _("Back to standard settings"),
                     _("Back to standard settings"), "repeat", theme, px,
                     _("Undoes all your changes here. The language and the page are kept."))
        setup_button(self.undo_button, _("Undo"), _("Undo: get my settings back"), "back",
                     theme, px)
        self.colours_section.retranslate()
        self.text_heading.setText(_("Text"))
        self.size_row.set_texts(_("Text size"), [f"{v} %" for v in SCALES])
        wide = [_(w) for w in WIDE]
        self.line_row.set_texts(_("Space between lines"), wide)
        self.paragraph_row.set_texts(_("Space between paragraphs"), wide)
        self.letter_row.set_texts(_("Space between letters"), wide)
        self.word_row.set_texts(_("Space between words"), wide)
        setup_button(self.wide_button, _("Wide spacing everywhere"),
                     _("Wide spacing everywhere"), "text-size", theme, px,
                     _("Gives more space between lines, paragraphs, letters and words."))
        self.font_row.set_texts(_("Font"), [family or _("The computer's font")
                                             for family, _d in self.font_choices],
                                descriptions=[_(d) for _f, d in self.font_choices])
        for button, (family, _d) in zip(self.font_row.buttons, self.font_choices):
            font = fonts.qfont(family)
            font.setPixelSize(px)
            button.setFont(font)
        self.plain_check.setText(_("Simple letters"))
        self.plain_check.setAccessibleName(self.plain_check.text())
        self.plain_note.setText(_("No bold or slanted letters. Words in capitals are shown in "
                                  "small letters. Abbreviations like STU stay as they are."))
        self.plain_check.setAccessibleDescription(self.plain_note.text())
        self.pictures_heading.setText(_("Pictures"))
        self.pictures_check.setText(_("Show pictures in the pages"))
        self.pictures_check.setAccessibleName(self.pictures_check.text())
        self.original_check.setText(_("Large pictures in black on white"))
        self.original_check.setAccessibleName(self.original_check.text())
        self.pictures_hint.setText(_("To see a picture large, click or tap it, or move to it "
                                     "with Tab and press Enter."))
        self.aids_heading.setText(_("Reading aids"))
        self.ruler_check.setText(_("Reading ruler"))
        self.ruler_check.setAccessibleName(self.ruler_check.text())
        self.ruler_note.setText(_("Shows only a few lines of the page clearly. Move it with "
                                  "%(up)s and %(down)s, by dragging it, or by clicking a line.")
                                % {"up": keys_of("ruler_up"), "down": keys_of("ruler_down")})
        self.ruler_check.setAccessibleDescription(self.ruler_note.text())
        self.ruler_row.set_texts(_("Lines in the reading ruler"),
                                 [str(n) for n in self.ruler_row.values],
                                 names=[ngettext("%d line", "%d lines", n) % n
                                        for n in self.ruler_row.values])
        self.dim_heading.setText(_("Dim the screen"))
        self.dim_row.set_texts(_("Dimming"), [_("Off") if v == 0 else f"{v} %" for v in DIMMING],
                               descriptions=[_("Makes this program darker. It does not "
                                               "change the rest of the computer.")] * len(DIMMING))
        self.speech_section.retranslate()
        self.preview_section.retranslate()

    # -- back to the standard settings --------------------------------------------------------
    def reset(self) -> None:
        """Every setting back to its default, except the language, the level and the page."""
        self._undo = self.state.settings
        defaults = {k: v for k, v in asdict(Settings()).items() if k not in KEPT_ON_RESET}
        self.state.change(**defaults)
        self.undo_button.show()
        self.undo_button.setFocus()

    def undo_reset(self) -> None:
        if self._undo is not None:
            before = {k: v for k, v in asdict(self._undo).items() if k not in KEPT_ON_RESET}
            self._undo = None
            self.undo_button.hide()
            self.reset_button.setFocus()
            self.state.change(**before)
