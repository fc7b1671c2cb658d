"""The settings view: colours, text, pictures, reading aids, dimming and read-aloud, with a live
preview. Every choice goes through ``window.change`` at once, so it is applied and remembered
(and a kiosk reset of the settings resets all of it)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (QCheckBox, QColorDialog, QComboBox, QHBoxLayout,
                               QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from desktop_app.core.kiosk_policy import KioskPolicy, policy_for
from desktop_app.core.settings import CHOICES, RANGES, SCALES, Settings
from desktop_app.core.themes import PALETTE, THEMES, contrast
from desktop_app.i18n import N_, _, ngettext, pgettext
from desktop_app.ui import fonts
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.choices import ChoiceRow, contrast_ratio, contrast_text, swatch
from desktop_app.ui.fitting import button_row
from desktop_app.ui.reader import PageBrowser
from desktop_app.ui.settings_colours import KEPT_ON_RESET, SettingsColours  # noqa: F401
from desktop_app.ui.settings_speech import VOICE_SAMPLE, SettingsSpeech  # noqa: F401
from desktop_app.ui.style import control_px

LINE_HEIGHTS = RANGES["line_height"].steps
PARAGRAPH = RANGES["paragraph_spacing"].steps
LETTER = RANGES["letter_spacing"].steps
WORD = RANGES["word_spacing"].steps
WIDE = N_("Normal"), N_("Wide"), N_("Wider"), N_("Widest")
DIMMING = RANGES["dimming"].steps


class SettingsView(SettingsColours, SettingsSpeech, QWidget):
    """The settings screen of ``window`` (a MainWindow)."""

    def __init__(self, window, policy: KioskPolicy | None = None):
        super().__init__()
        self.window_ = window
        # the window's kiosk flag until the window passes its policy
        self.policy = policy if policy is not None else policy_for(window.kiosk)
        self._undo: Settings | None = None
        self._voices_asked = False
        self._voices: list = []
        fonts.load_fonts()
        change = window.change

        self.heading = QLabel()
        self.heading.setObjectName("h1")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_reset)
        self.undo_button.hide()

        # Colours
        self.colours_heading = QLabel()
        self.theme_row = ChoiceRow(list(THEMES) + ["custom"], self._choose_theme)
        self.palette_row = ChoiceRow([p[0] for p in PALETTE], self._choose_pair)
        self.text_colour_button = QPushButton()
        self.text_colour_button.clicked.connect(lambda: self.pick_colour("text"))
        self.background_colour_button = QPushButton()
        self.background_colour_button.clicked.connect(lambda: self.pick_colour("background"))
        self.swap_button = QPushButton()
        self.swap_button.clicked.connect(self._swap)
        for button in (self.text_colour_button, self.background_colour_button):
            button.setHidden(not self.policy.may_pick_colours)   # a kiosk refuses the dialog
        self.contrast_label = QLabel()
        self.contrast_label.setWordWrap(True)
        self.contrast_label.setObjectName("contrast")
        self.warning = QLabel()
        self.warning.setObjectName("notice")
        self.warning.setWordWrap(True)
        self.colour_dialog: QColorDialog | None = None

        # Text
        self.text_heading = QLabel()
        self.size_row = ChoiceRow(list(SCALES), lambda v: change(text_scale=v))
        self.line_row = ChoiceRow(list(LINE_HEIGHTS), lambda v: change(line_height=v))
        self.paragraph_row = ChoiceRow(list(PARAGRAPH), lambda v: change(paragraph_spacing=v))
        self.letter_row = ChoiceRow(list(LETTER), lambda v: change(letter_spacing=v))
        self.word_row = ChoiceRow(list(WORD), lambda v: change(word_spacing=v))
        self.wide_button = QPushButton()
        self.wide_button.clicked.connect(lambda: change(
            line_height=max(150, window.settings.line_height), paragraph_spacing=2.0,
            letter_spacing=0.12, word_spacing=0.16))
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

        # Read aloud
        self.speech_heading = QLabel()
        self.highlight_row = ChoiceRow(list(CHOICES["highlight_style"]),
                                       lambda v: change(highlight_style=v))
        self.stop_row = ChoiceRow(list(CHOICES["stop_mode"]),
                                  lambda v: change(stop_mode=v))
        self.continue_check = QCheckBox()
        self.continue_check.toggled.connect(lambda on: change(continue_to_next_page=on))
        self.interface_check = QCheckBox()
        self.interface_check.toggled.connect(lambda on: change(speak_interface=on))
        self.voice_boxes: dict[str, QComboBox] = {}
        self.voice_labels: dict[str, QLabel] = {}
        self.listen_buttons: dict[str, QPushButton] = {}
        voice_rows = []
        for lang in ("da", "en"):
            label, box, listen = QLabel(), QComboBox(), QPushButton()
            label.setBuddy(box)
            label.setWordWrap(True)
            box.activated.connect(lambda _i, lang=lang: self._choose_voice(lang))
            listen.clicked.connect(lambda _on=False, lang=lang: self.listen(lang))
            self.voice_labels[lang], self.voice_boxes[lang] = label, box
            self.listen_buttons[lang] = listen
            # Long voice names must not make the view wider than the window.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(18)
            voice_rows += [label, button_row([box, listen])]
        self.voices_status = QLabel()
        self.voices_status.setWordWrap(True)

        # The preview
        self.preview_heading = QLabel()
        self.preview = PageBrowser()
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.preview_read = QPushButton()
        self.preview_read.clicked.connect(self.read_preview)

        inner = QWidget()
        column = QVBoxLayout(inner)
        for widget in (self.heading, self.intro,
                       button_row([self.reset_button, self.undo_button]),
                       self.colours_heading, self.theme_row, self.palette_row,
                       button_row([self.text_colour_button, self.background_colour_button,
                                   self.swap_button]),
                       self.contrast_label, self.warning,
                       self.text_heading, self.size_row, self.line_row, self.paragraph_row,
                       self.letter_row, self.word_row, button_row([self.wide_button]),
                       self.font_row, self.plain_check, self.plain_note,
                       self.pictures_heading, self.pictures_check, self.original_check,
                       self.pictures_hint,
                       self.aids_heading, self.ruler_check, self.ruler_note, self.ruler_row,
                       self.dim_heading, self.dim_row,
                       self.speech_heading, self.highlight_row, self.stop_row,
                       self.continue_check, self.interface_check, *voice_rows,
                       self.voices_status):
            column.addWidget(widget)
        column.addStretch(1)
        for label in (self.colours_heading, self.text_heading, self.pictures_heading,
                      self.aids_heading, self.dim_heading, self.speech_heading,
                      self.preview_heading):
            label.setObjectName("h2")
            label.setWordWrap(True)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(inner)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.preview_heading)
        side_layout.addWidget(self.preview, 1)
        side_layout.addWidget(self.preview_read, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 3)
        layout.addWidget(side, 2)
        self._column, self._side = column, side

    def _place_preview(self, below: bool, px: int) -> None:
        """The preview beside the choices, or under them (from 200 %, where a column beside
        them is too narrow for a heading's words)."""
        side, column, row = self._side, self._column, self.layout()
        if below and column.indexOf(side) < 0:
            row.removeWidget(side)
            column.insertWidget(column.count() - 1, side)     # before the closing stretch
        elif not below and column.indexOf(side) >= 0:
            column.removeWidget(side)
            row.addWidget(side, 2)
        self.preview.setMinimumHeight(px * 14 if below else 0)

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
        rows = [self.theme_row, self.palette_row]
        chosen = [self.reset_button] + ([self.undo_button] if self.undo_button.isVisibleTo(self)
                                        else [])
        chosen += [b for r in rows for b in r.buttons]
        chosen += [b for b in (self.text_colour_button, self.background_colour_button,
                               self.swap_button) if not b.isHidden()]
        for row in (self.size_row, self.line_row, self.paragraph_row, self.letter_row,
                    self.word_row):
            chosen += row.buttons
        chosen += [self.wide_button, *self.font_row.buttons, self.plain_check,
                   self.pictures_check, self.original_check, self.ruler_check,
                   *self.ruler_row.buttons, *self.dim_row.buttons, *self.highlight_row.buttons,
                   *self.stop_row.buttons, self.continue_check, self.interface_check]
        for lang in ("da", "en"):
            chosen += [self.voice_boxes[lang], self.listen_buttons[lang]]
        return chosen + [self.preview_read]

    def refresh(self) -> None:
        """Show the window's current settings (called whenever they change)."""
        s, theme = self.window_.settings, self.window_.theme
        self.retranslate()
        self.theme_row.set_value("custom" if s.own_colours else s.theme)
        pair = next((p[0] for p in PALETTE if s.own_colours and
                     (p[2], p[3]) == (s.text_colour, s.background_colour)), None)
        self.palette_row.set_value(pair)
        self.size_row.set_value(s.text_scale)
        self.line_row.set_value(s.line_height)
        self.paragraph_row.set_value(float(s.paragraph_spacing))
        self.letter_row.set_value(float(s.letter_spacing))
        self.word_row.set_value(float(s.word_spacing))
        self.font_row.set_value(s.font_family)
        self.ruler_row.set_value(s.ruler_lines)
        self.ruler_row.setEnabled(s.reading_ruler)
        self.dim_row.set_value(s.dimming)
        self.highlight_row.set_value(s.highlight_style)
        self.stop_row.set_value(s.stop_mode)
        for check, on in ((self.plain_check, s.plain_styling),
                          (self.pictures_check, s.show_pictures),
                          (self.original_check, s.pictures_original),
                          (self.ruler_check, s.reading_ruler),
                          (self.continue_check, s.continue_to_next_page),
                          (self.interface_check, s.speak_interface)):
            check.blockSignals(True)
            check.setChecked(on)
            check.blockSignals(False)
        ratio = contrast(theme.text, theme.background)
        self.contrast_label.setText(contrast_text(ratio))
        self.contrast_label.setAccessibleName(self.contrast_label.text())
        self.contrast_label.setToolTip(contrast_ratio(ratio))   # the number, for staff
        self.warning.setVisible(ratio < 7.0)
        self._fill_voices()
        self.show_preview()
        if self.isVisible():
            self.ask_for_voices()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ask_for_voices()

    def hideEvent(self, event) -> None:
        """Leaving the view forgets the undo of a reset (on a kiosk, the next person must not
        get the previous person's settings back)."""
        super().hideEvent(event)
        self._undo = None
        self.undo_button.hide()

    def retranslate(self) -> None:
        s, theme = self.window_.settings, self.window_.theme
        px = control_px(s.text_scale)
        self.heading.setText(_("Settings"))
        self.heading.setStyleSheet(f"font-size: {round(px * 1.6)}px; font-weight: bold;")
        self._place_preview(below=s.text_scale >= 200, px=px)
        for label in (self.colours_heading, self.text_heading, self.pictures_heading,
                      self.aids_heading, self.dim_heading, self.speech_heading,
                      self.preview_heading):
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
        self.colours_heading.setText(_("Colours"))
        labels = [_(t.name) for t in THEMES.values()] + [_("Own colours")]
        self.theme_row.set_texts(_("Choose colours"), labels)
        for button, theme_id in zip(self.theme_row.buttons, self.theme_row.values):
            if theme_id in THEMES:
                t = THEMES[theme_id]
                button.setIcon(swatch(t.text, t.background))
            else:
                button.setIcon(swatch(s.text_colour or PALETTE[0][2],
                                      s.background_colour or PALETTE[0][3]))
            button.setIconSize(QSize(round(px * 1.8), round(px * 1.8)))
        names = [_(p[1]) for p in PALETTE]
        self.palette_row.set_texts(_("Colour pairs that are easy to read"), names,
                                   descriptions=[contrast_text(contrast(p[2], p[3]))
                                                 for p in PALETTE])
        for button, (_pid, _name, text, background) in zip(self.palette_row.buttons, PALETTE):
            button.setIcon(swatch(text, background))
            button.setIconSize(QSize(round(px * 1.8), round(px * 1.8)))
        setup_button(self.text_colour_button, _("Text colour…"), _("Choose your own text colour"),
                     "contrast", theme, px)
        setup_button(self.background_colour_button, _("Background colour…"),
                     _("Choose your own background colour"), "contrast", theme, px)
        setup_button(self.swap_button, _("Swap"), _("Swap the text and background colours"),
                     "repeat", theme, px)
        self.warning.setText(_("With these colours some people find the text hard to read. "
                               "You can still use them."))
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
                                  "Alt+Up and Alt+Down, by dragging it, or by clicking a line."))
        self.ruler_check.setAccessibleDescription(self.ruler_note.text())
        self.ruler_row.set_texts(_("Lines in the reading ruler"),
                                 [str(n) for n in self.ruler_row.values],
                                 names=[ngettext("%d line", "%d lines", n) % n
                                        for n in self.ruler_row.values])
        self.dim_heading.setText(_("Dim the screen"))
        self.dim_row.set_texts(_("Dimming"), [_("Off") if v == 0 else f"{v} %" for v in DIMMING],
                               descriptions=[_("Makes this program darker. It does not "
                                               "change the rest of the computer.")] * len(DIMMING))
        self.speech_heading.setText(pgettext("settings heading", "Reading aloud"))
        self.highlight_row.set_texts(_("Highlight the sentence being read"),
                                     [_("Colour behind the sentence"),
                                      _("Colour behind the sentence and the word you hear"),
                                      _("Line under the sentence"), _("No highlight")])
        self.stop_row.set_texts(pgettext("settings row", "Reading stops"),
                                [_("Only when I press Stop"), _("After each sentence"),
                                 _("After each paragraph")])
        self.continue_check.setText(_("Read on to the next page"))
        self.continue_check.setAccessibleDescription(
            _("Go on to the next page when a page has been read"))
        self.continue_check.setAccessibleName(self.continue_check.text())
        self.interface_check.setText(_("Read buttons and messages aloud"))
        self.interface_check.setAccessibleName(self.interface_check.text())
        voices = {"da": (_("Danish voice"), _("Listen to the Danish voice")),
                  "en": (_("English voice"), _("Listen to the English voice"))}
        for lang, (label, listen) in voices.items():
            self.voice_labels[lang].setText(label)
            self.voice_boxes[lang].setAccessibleName(label)
            setup_button(self.listen_buttons[lang], _("Listen"), listen, "speaker", theme, px)
        self.preview_heading.setText(_("Preview"))
        self.preview.setAccessibleName(_("Preview of the text with your settings"))
        setup_button(self.preview_read, _("Read aloud"), _("Read the preview aloud"), "speaker",
                     theme, px)
