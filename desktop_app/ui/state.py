"""What the reader has chosen and where they are, apart from any widget: the settings, the
place in the content and the way back and forward. The window and the controllers are views
of it: they change it through its methods and follow its signals.

Signals (no Python object as an argument: one crashed PySide6 at exit):
``sig_settings_changed(list names)``: any remembered setting changed (it is saved);
``sig_speech_changed()``: only reading aloud is affected (rate, volume, voices, ...);
``sig_look_changed()``: the text must be laid out again (size, spacing, colours, font);
``sig_language_changed()``, ``sig_level_changed()``: another variant of the same place;
``sig_adjustments_changed()``: dimming, reading ruler, pictures (layers over the text);
``sig_location_changed(bool record)``: the reader went somewhere else."""
from __future__ import annotations

from dataclasses import fields, replace

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop_app.core.model import Library, other_lang
from desktop_app.core.navigator import HOME, Location, Navigator
from desktop_app.core.settings import SCALES, Settings
from desktop_app.core.themes import CUSTOM_ID, DEFAULT_THEME, THEMES, Theme, custom_theme
from desktop_app.i18n import _

if TYPE_CHECKING:   # core/render.py (and the document model) load when a page is shown
    from desktop_app.core.render import TextStyle

# What a change of each setting affects. A setting not named here (a reading-aloud choice)
# affects only reading aloud.
LANGUAGE = frozenset({"lang"})
LEVEL = frozenset({"level"})
LOOK = frozenset({"theme", "own_colours", "text_colour", "background_colour", "text_scale",
                  "line_height", "paragraph_spacing", "letter_spacing", "word_spacing",
                  "font_family", "plain_styling", "show_pictures"})
ADJUSTMENTS = frozenset({"dimming", "reading_ruler", "ruler_lines", "pictures_original"})
SPEECH = frozenset(f.name for f in fields(Settings)) - LANGUAGE - LEVEL - LOOK - ADJUSTMENTS


class ReaderState(QObject):
    sig_settings_changed = Signal(list)
    sig_speech_changed = Signal()
    sig_look_changed = Signal()
    sig_language_changed = Signal()
    sig_level_changed = Signal()
    sig_adjustments_changed = Signal()
    sig_location_changed = Signal(bool)

    def __init__(self, library: Library, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self._settings = settings.validated()
        self.nav = Navigator()
        self.previous: Location = HOME   # where the reader was before the location now

    # -- settings ---------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    def change(self, **values) -> list[str]:
        """Change settings (out-of-range values become their defaults); the signals say what
        changed. Returns the names of the settings that changed."""
        return self.replace_settings(replace(self._settings, **values))

    def replace_settings(self, settings: Settings) -> list[str]:
        """All settings at once (a kiosk's next person)."""
        new = settings.validated()
        old, self._settings = self._settings, new
        changed = [f.name for f in fields(Settings) if getattr(old, f.name) != getattr(new, f.name)]
        if not changed:
            return changed
        names = set(changed)
        if names & LANGUAGE:
            self.sig_language_changed.emit()
        if names & LEVEL:
            self.sig_level_changed.emit()
        if names & LOOK:
            self.sig_look_changed.emit()
        if names & ADJUSTMENTS:
            self.sig_adjustments_changed.emit()
        if names & SPEECH:
            self.sig_speech_changed.emit()
        self.sig_settings_changed.emit(changed)
        return changed

    @staticmethod
    def relayout_needed(names: list[str]) -> bool:
        """A change of the settings ``names`` lays the text out again."""
        return bool(set(names) & (LANGUAGE | LEVEL | LOOK))

    def describe_change(self, names: list[str]) -> str:
        """What changed (the settings ``names``), in the UI language, for a screen reader."""
        s = self._settings
        if "lang" in names:
            return _("Language: Danish") if s.lang == "da" else _("Language: English")
        if "level" in names:
            return _("Easy read is on") if s.level == "easy" else _("Easy read is off")
        if "text_scale" in names:
            return _("Text size %d percent") % s.text_scale
        if "theme" in names:
            return _("Colours: %s") % _(self.theme.name)
        return _("Setting changed")

    @property
    def theme(self) -> Theme:
        s = self._settings
        if s.own_colours and s.text_colour and s.background_colour:
            return custom_theme(s.text_colour, s.background_colour)
        return THEMES.get(s.theme, THEMES[DEFAULT_THEME])

    def text_style(self) -> TextStyle:
        from desktop_app.core.render import TextStyle
        s = self._settings
        return TextStyle(scale=s.text_scale, line_height=s.line_height,
                         paragraph_spacing=s.paragraph_spacing, letter_spacing=s.letter_spacing,
                         word_spacing=s.word_spacing, font_family=s.font_family,
                         plain=s.plain_styling, show_pictures=s.show_pictures)

    def toggle_language(self) -> None:
        self.change(lang=other_lang(self._settings.lang))

    def toggle_level(self) -> None:
        self.change(level="standard" if self._settings.level == "easy" else "easy")

    def step_size(self, step: int) -> None:
        current = self._settings.text_scale
        if step > 0:
            bigger = [s for s in SCALES if s > current]
            self.change(text_scale=bigger[0] if bigger else SCALES[-1])
        else:
            smaller = [s for s in SCALES if s < current]
            self.change(text_scale=smaller[-1] if smaller else SCALES[0])

    def next_theme(self) -> None:
        ids = list(THEMES)
        current = ids.index(self._settings.theme) if self._settings.theme in ids else 0
        self.change(theme=ids[(current + 1) % len(ids)], own_colours=False)

    def choose_theme(self, theme_id: str) -> None:
        """A theme, or the reader's own colours (``CUSTOM_ID``)."""
        if theme_id == CUSTOM_ID:
            self.change(own_colours=True)
        else:
            self.change(theme=theme_id, own_colours=False)

    # -- where the reader is ----------------------------------------------------------------
    @property
    def location(self) -> Location:
        return self.nav.location

    @property
    def can_go_back(self) -> bool:
        return bool(self.nav.history)

    @property
    def can_go_forward(self) -> bool:
        return bool(self.nav.future)

    def go(self, location: Location, record: bool = True) -> None:
        """Go to ``location`` (recorded in the history unless ``record`` is False); the views
        follow ``sig_location_changed``, also when it is the same place again."""
        self.previous = self.nav.location
        self.nav.go(location, record)
        self.sig_location_changed.emit(record)

    def settle(self, location: Location) -> None:
        """Where the views could show the reader (a page that cannot be shown: home),
        without a new signal."""
        self.nav.settle(location)

    def back(self) -> None:
        self._step(self.nav.back)

    def forward(self) -> None:
        self._step(self.nav.forward)

    def _step(self, step) -> None:
        before = self.nav.location
        if step() is not None:
            self.previous = before
            self.sig_location_changed.emit(False)

    def forget(self) -> None:
        """A new person (kiosk): home, with no way back or forward."""
        self.nav.forget()
        self.previous = HOME

    def go_home(self) -> None:
        self.go(HOME)

    def open_topic(self, topic: str) -> None:
        self.go(("topic", topic))

    def open_page(self, page_id: str, remember: bool = True) -> None:
        self.go(("page", page_id), record=remember)

    def page_id(self) -> str:
        """The page being read, or '' away from a page."""
        kind, key = self.nav.location
        return key if kind == "page" else ""

    def next_page_id(self) -> str:
        """The page after the current one in home-screen order, or '' at the end."""
        return self.nav.next_in(self.library.page_ids())
