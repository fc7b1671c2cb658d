"""The settings view's voices, reading aloud and preview (mixed into ``SettingsView``, which
has ``window_``, ``voice_boxes``, ``voices_status`` and ``preview``)."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt

from desktop_app.core.render import TextStyle, normal_case_html
from desktop_app.i18n import N_, _, translate_for
from desktop_app.ui.reader import styled_document

VOICE_SAMPLE = N_("This is how this voice sounds when it reads the text aloud.")


class SettingsSpeech:
    def _choose_voice(self, lang: str) -> None:
        box = self.voice_boxes[lang]
        self.window_.change(**{f"voice_{lang}": box.currentData() or ""})

    def _session(self):
        speech = self.window_.speech
        return speech.ensure_session() if speech is not None else None

    def read_preview(self) -> None:
        session = self._session()
        if session is not None:
            session.read_text(self.preview.toPlainText(), self.window_.settings.lang)

    def listen(self, lang: str) -> None:
        """Say a sample sentence with the voice chosen for ``lang``."""
        session = self._session()
        if session is None:
            return
        voice = self.voice_boxes[lang].currentData() or None
        session.set_voice_override(lang, voice)
        session.read_text(translate_for(lang, VOICE_SAMPLE), lang)

    def ask_for_voices(self) -> None:
        if self._voices_asked:
            return
        session = self._session()
        synth = session.synth if session is not None else None
        if synth is None:   # no speech, or a session without an engine of its own
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
        s = self.window_.settings
        for lang, box in self.voice_boxes.items():
            box.clear()
            box.addItem(_("Automatic (the best voice for the language)"), "")
            for voice in sorted((v for v in self._voices if speaks(v, lang)),
                                key=lambda v: v.name.lower()):
                box.addItem(voice.name, voice.id)
            chosen = box.findData(getattr(s, f"voice_{lang}"))
            box.setCurrentIndex(max(0, chosen))
            # the list that drops down shows whole names, wrapped within the window (Qt
            # widens it to the longest name, past the screen's edge)
            view = box.view()
            view.setTextElideMode(Qt.TextElideMode.ElideNone)
            view.setWordWrap(True)
            widest = max(box.width(), self.window_.width() - 32)
            screen = self.window_.screen()
            if screen is not None:   # and within the screen (a window can be wider than it)
                widest = min(widest, screen.availableGeometry().width() - 32)
            view.window().setMaximumWidth(widest)
        count = sum(self.voice_boxes[lang].count() - 1 for lang in self.voice_boxes)
        self.voices_status.setText("" if count or not self._voices_asked else
                                   _("No voices were found yet. Reading aloud uses the "
                                     "computer's voices."))

    # -- the preview -----------------------------------------------------------------------
    def preview_html(self) -> str:
        title = html.escape(_("Help with education"))
        first = html.escape(_("This is how the pages look with your settings. IMPORTANT: a "
                              "young person can apply for STU, a special education."))
        # One sentence with its markup, so a translator can move the bold words and the link
        example = _("<b>Words in bold</b> look like this, and <a href=\"page:\">a link</a> "
                    "looks like this.")
        markup = f"<h2>{title}</h2><p>{first}</p><p>{example}</p>"
        return normal_case_html(markup) if self.window_.settings.plain_styling else markup

    def show_preview(self) -> None:
        style: TextStyle = self.window_.text_style()
        theme = self.window_.theme
        self.preview.setDocument(styled_document(self.preview, theme, style))
        self.preview.setHtml(self.preview_html())
        self.preview.setStyleSheet(f"background-color: {theme.background};")
