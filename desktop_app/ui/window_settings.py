"""The main window's settings: the theme and text style they make, changing and applying
them, the switches (language, easy-read, size, theme) and the personal visual adjustments.
Mixed into ``MainWindow``."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer

from desktop_app import i18n
from desktop_app.core.place import ReadingPlace
from desktop_app.core.render import TextStyle
from desktop_app.core.settings import SCALES, Settings
from desktop_app.core.themes import CUSTOM_ID, DEFAULT_THEME, THEMES, Theme, custom_theme
from desktop_app.i18n import _
from desktop_app.ui.accessible import announce
from desktop_app.ui.style import application_qss, control_px


class WindowSettings:
    """Needs ``settings``, ``sig_settings_changed``, ``reader`` and the navigation."""

    @property
    def theme(self) -> Theme:
        s = self.settings
        if s.own_colours and s.text_colour and s.background_colour:
            return custom_theme(s.text_colour, s.background_colour)
        return THEMES.get(s.theme, THEMES[DEFAULT_THEME])

    def text_style(self) -> TextStyle:
        s = self.settings
        if s.font_family:   # a saved shipped font (Atkinson) is registered before it is used
            from desktop_app.ui import fonts
            fonts.load_fonts()
        return TextStyle(scale=s.text_scale, line_height=s.line_height,
                         paragraph_spacing=s.paragraph_spacing, letter_spacing=s.letter_spacing,
                         word_spacing=s.word_spacing, font_family=s.font_family,
                         plain=s.plain_styling, show_pictures=s.show_pictures)

    def change(self, **values) -> None:
        """Change settings, apply them at once and keep the page and reading position."""
        new = replace(self.settings, **values).validated()
        if new != self.settings:
            old = self.settings
            self.apply_settings(new)
            announce(self, self._describe_change(old, new))

    def _describe_change(self, old: Settings, new: Settings) -> str:
        """What a screen reader is told after a setting changed, in the new UI language."""
        if old.lang != new.lang:
            return _("Language: Danish") if new.lang == "da" else _("Language: English")
        if old.level != new.level:
            return _("Easy read is on") if new.level == "easy" else _("Easy read is off")
        if old.text_scale != new.text_scale:
            return _("Text size %d percent") % new.text_scale
        if old.theme != new.theme:
            return _("Colours: %s") % _(self.theme.name)
        return _("Setting changed")

    def apply_settings(self, settings: Settings, initial: bool = False) -> None:
        position = self.reader.scroll_permille() if self.location[0] == "page" else 0
        language_changed = initial or settings.lang != i18n.language()
        self.settings = settings
        if language_changed:
            i18n.set_language(settings.lang)
        self.setStyleSheet(application_qss(self.theme, settings.text_scale, self.kiosk))
        self.retranslate()
        start = self._start_place
        if initial and start.page and self.library.page(start.page, settings.lang,
                                                        settings.level):
            self.open_page(start.page, remember=False)
            QTimer.singleShot(0, lambda: self.reader.set_scroll_permille(start.position))
        else:
            self._show(self.location, record=False, rerender=True)
            if self.location[0] == "page":
                self.reader.set_scroll_permille(position)
        self._apply_personal()
        if not initial:
            self._save()

    def _save(self) -> None:
        self.sig_settings_changed.emit()

    def reading_place(self) -> ReadingPlace:
        """Where the reader is: the page and how far down it (saved when the window closes,
        apart from the settings)."""
        page = self.location[1] if self.location[0] == "page" else ""
        return ReadingPlace(page, self.reader.scroll_permille() if page else 0)

    def toggle_language(self) -> None:
        self.change(lang="en" if self.settings.lang == "da" else "da")

    def toggle_level(self) -> None:
        self.change(level="standard" if self.settings.level == "easy" else "easy")

    def step_size(self, step: int) -> None:
        current = self.settings.text_scale
        if step > 0:
            bigger = [s for s in SCALES if s > current]
            self.change(text_scale=bigger[0] if bigger else SCALES[-1])
        else:
            smaller = [s for s in SCALES if s < current]
            self.change(text_scale=smaller[-1] if smaller else SCALES[0])

    def next_theme(self) -> None:
        ids = list(THEMES)
        current = ids.index(self.settings.theme) if self.settings.theme in ids else 0
        self.change(theme=ids[(current + 1) % len(ids)], own_colours=False)

    def choose_theme(self, theme_id: str) -> None:
        """A theme, or the reader's own colours (``CUSTOM_ID``)."""
        if theme_id == CUSTOM_ID:
            self.change(own_colours=True)
        else:
            self.change(theme=theme_id, own_colours=False)

    # -- personal visual adjustments -------------------------------------------------------
    def show_settings(self) -> None:
        self._show(("settings", ""))

    def show_picture(self, name: str) -> None:
        self.picture_viewer.open_from_page(name)

    def _apply_personal(self) -> None:
        s, px = self.settings, control_px(self.settings.text_scale)
        self.dimmer.set_level(s.dimming)
        if s.reading_ruler or self._ruler is not None:
            self.ruler.retranslate()
            self.ruler.apply(s.reading_ruler, s.ruler_lines, self.theme, self.text_style(), px)
        for name in ("ruler_up", "ruler_down"):
            self.actions_by_name[name].setEnabled(s.reading_ruler)
        if self._picture_viewer is not None and self._picture_viewer.is_open():
            self._picture_viewer.apply_theme(self.theme, px)

