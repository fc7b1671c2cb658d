"""The reading-aloud part of the settings view: how the sentence being read is marked, when
reading stops, reading on to the next page, reading the interface aloud, and a voice for each
language with a button to listen to it."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.model import LANGS
from desktop_app.core.settings import CHOICES
from desktop_app.i18n import N_, _, pgettext, translate_for
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.choices import ChoiceRow
from desktop_app.ui.fitting import button_row
from desktop_app.ui.state import ReaderState
from desktop_app.ui.style import control_px

if TYPE_CHECKING:
    from desktop_app.ui.speech_controller import SpeechController

VOICE_SAMPLE = N_("This is how this voice sounds when it reads the text aloud.")


class SpeechSection(QWidget):
    """Every choice changes ``state`` at once. ``speech()`` gives the speech controller (or
    None without speech): it lists the voices (``voices_source()``) and says the samples
    (``try_voice``)."""

    def __init__(self, state: ReaderState, speech: Callable[[], SpeechController | None]):
        super().__init__()
        self.state = state
        self._speech = speech
        self._voices_asked = False
        self._voices: list = []
        change = state.change
        self.heading = QLabel()
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.highlight_row, self.stop_row, self.continue_check,
                       self.interface_check):
            layout.addWidget(widget)
        for lang in LANGS:
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
            layout.addWidget(label)
            layout.addWidget(button_row([box, listen]))
        self.voices_status = QLabel()
        self.voices_status.setWordWrap(True)
        layout.addWidget(self.voices_status)

    def controls(self) -> list[QWidget]:
        """The controls, in screen order."""
        chosen = [*self.highlight_row.buttons, *self.stop_row.buttons, self.continue_check,
                  self.interface_check]
        for lang in LANGS:
            chosen += [self.voice_boxes[lang], self.listen_buttons[lang]]
        return chosen

    # -- voices -------------------------------------------------------------------------------
    def _choose_voice(self, lang: str) -> None:
        box = self.voice_boxes[lang]
        self.state.change(**{f"voice_{lang}": box.currentData() or ""})

    def listen(self, lang: str) -> None:
        """Say a sample sentence with the voice chosen for ``lang``."""
        speech = self._speech()
        if speech is not None:
            voice = self.voice_boxes[lang].currentData() or None
            speech.try_voice(lang, voice, translate_for(lang, VOICE_SAMPLE))

    def ask_for_voices(self) -> None:
        """Ask the speech engine for its voices, once (the lists fill when it answers)."""
        if self._voices_asked:
            return
        speech = self._speech()
        synth = speech.voices_source() if speech is not None else None
        if synth is None:
            return
        self._voices_asked = True
        known = synth.voices()
        if known is not None:
            self.set_voices(known)
        else:
            synth.sig_voices.connect(self.set_voices)
            synth.request_voices()

    def set_voices(self, voices: list) -> None:
        self._voices = list(voices)
        self._fill_voices()

    def _fill_voices(self) -> None:
        from desktop_app.speech.voices import speaks
        s = self.state.settings
        chosen_voice = {"da": s.voice_da, "en": s.voice_en}
        for lang, box in self.voice_boxes.items():
            box.clear()
            box.addItem(_("Automatic (the best voice for the language)"), "")
            for voice in sorted((v for v in self._voices if speaks(v, lang)),
                                key=lambda v: v.name.lower()):
                box.addItem(voice.name, voice.id)
            box.setCurrentIndex(max(0, box.findData(chosen_voice[lang])))
            # the list that drops down shows whole names, wrapped within the window (Qt
            # widens it to the longest name, past the screen's edge)
            view = box.view()
            view.setTextElideMode(Qt.TextElideMode.ElideNone)
            view.setWordWrap(True)
            widest = max(box.width(), self.window().width() - 32)
            screen = self.window().screen()
            if screen is not None:   # and within the screen (a window can be wider than it)
                widest = min(widest, screen.availableGeometry().width() - 32)
            view.window().setMaximumWidth(widest)
        count = sum(self.voice_boxes[lang].count() - 1 for lang in self.voice_boxes)
        self.voices_status.setText("" if count or not self._voices_asked else
                                   _("No voices were found yet. Reading aloud uses the "
                                     "computer's voices."))

    # -- showing ------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ask_for_voices()

    def refresh(self) -> None:
        """Show the reading-aloud settings chosen now."""
        s = self.state.settings
        self.highlight_row.set_value(s.highlight_style)
        self.stop_row.set_value(s.stop_mode)
        for check, on in ((self.continue_check, s.continue_to_next_page),
                          (self.interface_check, s.speak_interface)):
            check.blockSignals(True)
            check.setChecked(on)
            check.blockSignals(False)
        self._fill_voices()
        if self.isVisible():
            self.ask_for_voices()

    def retranslate(self) -> None:
        theme, px = self.state.theme, control_px(self.state.settings.text_scale)
        self.heading.setText(pgettext("settings heading", "Reading aloud"))
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
