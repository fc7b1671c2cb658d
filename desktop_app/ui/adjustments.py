"""The personal visual adjustments that lie over the text: dimming of the whole window, the
reading ruler over the reader, and pictures shown large. They follow the reader's state; a
change to one of them never lays out the page again."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QMainWindow

from desktop_app.ui.dimmer import Dimmer
from desktop_app.ui.lazy import Lazy
from desktop_app.ui.state import ReaderState
from desktop_app.ui.style import control_px

if TYPE_CHECKING:   # made (and imported) when first needed, never before the first paint
    from desktop_app.ui.picture_viewer import PictureViewer
    from desktop_app.ui.reader import ReaderView
    from desktop_app.ui.ruler import ReadingRuler


class Adjustments:
    """``read_aloud(text, lang)`` reads a picture's text aloud. The ruler lies over the reader:
    it is made with the reader (when a page is first opened) if it is on."""

    def __init__(self, window: QMainWindow, state: ReaderState, reader: Lazy[ReaderView],
                 read_aloud: Callable[[str, str], None]):
        self._window = window
        self._state = state
        self._reader = reader
        self._read_aloud = read_aloud
        self._ruler: ReadingRuler | None = None           # made when first turned on
        self._picture_viewer: PictureViewer | None = None  # made when a picture is opened
        self.dimmer = Dimmer(window)   # last, so it lies over everything
        state.sig_adjustments_changed.connect(self.apply)
        reader.when_made(lambda _view: self.apply())

    @property
    def ruler(self) -> ReadingRuler:
        if self._ruler is None:
            from desktop_app.ui.ruler import ReadingRuler
            self._ruler = ReadingRuler(self._reader.get())
        return self._ruler

    @property
    def picture_viewer(self) -> PictureViewer:
        if self._picture_viewer is None:
            from desktop_app.ui.picture_viewer import PictureViewer
            self._picture_viewer = PictureViewer(self._window, self._state, self._reader.get(),
                                                 self._read_aloud)
            self._picture_viewer.sig_original_changed.connect(
                lambda on: self._state.change(pictures_original=on))
            self.dimmer.raise_()      # the dimming layer stays over everything
        return self._picture_viewer

    def show_picture(self, name: str) -> None:
        self.picture_viewer.open_from_page(name)

    def picture_open(self) -> bool:
        return self._picture_viewer is not None and self._picture_viewer.is_open()

    def close_picture(self) -> None:
        if self._picture_viewer is not None:
            self._picture_viewer.close_viewer()

    def apply(self) -> None:
        """Dimming, the ruler and an open picture as the settings say (also after the theme or
        the text size changed: the ruler's band and the picture's bar follow them)."""
        s, theme = self._state.settings, self._state.theme
        px = control_px(s.text_scale)
        self.dimmer.set_level(s.dimming)
        if (s.reading_ruler or self._ruler is not None) and self._reader.made() is not None:
            self.ruler.retranslate()
            self.ruler.apply(s.reading_ruler, s.ruler_lines, theme, self._state.text_style(), px)
        if self.picture_open():
            self._picture_viewer.apply_theme(theme, px)
