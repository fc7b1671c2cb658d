"""The settings view's colours (themes, colour pairs, own colours in Qt's colour dialog) and
resetting every setting, with undo (mixed into ``SettingsView``, which has ``state``,
``reset_button`` and ``undo_button``)."""
from __future__ import annotations

from dataclasses import asdict, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from desktop_app.core.settings import Settings
from desktop_app.core.themes import CUSTOM_ID, PALETTE
from desktop_app.i18n import _

KEPT_ON_RESET = ("lang", "level")


class SettingsColours:
    _undo: Settings | None = None

    def _choose_theme(self, theme_id: str) -> None:
        s = self.state.settings
        if theme_id == CUSTOM_ID:
            text, background = s.text_colour or PALETTE[0][2], s.background_colour or \
                PALETTE[0][3]
            self.state.change(own_colours=True, text_colour=text, background_colour=background)
        else:
            self.state.change(theme=theme_id, own_colours=False)

    def _choose_pair(self, pair_id: str) -> None:
        _pid, _name, text, background = next(p for p in PALETTE if p[0] == pair_id)
        self.set_custom_colours(text, background)

    def set_custom_colours(self, text: str, background: str) -> None:
        self.state.change(own_colours=True, text_colour=text.lower(),
                            background_colour=background.lower())

    def _swap(self) -> None:
        theme = self.state.theme
        self.set_custom_colours(theme.background, theme.text)

    def pick_colour(self, role: str) -> QColorDialog:
        """Open Qt's own colour dialog (not the OS one, so it follows the app's look and keys)
        for the text or the background colour; the choice applies when accepted."""
        theme = self.state.theme
        dialog = QColorDialog(QColor(theme.text if role == "text" else theme.background), self)
        dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog, True)
        dialog.setWindowTitle(_("Choose the text colour") if role == "text"
                              else _("Choose the background colour"))
        dialog.setAccessibleName(dialog.windowTitle())

        def chosen(colour: QColor) -> None:
            current = self.state.theme
            text = colour.name() if role == "text" else current.text
            background = colour.name() if role == "background" else current.background
            self.set_custom_colours(text, background)
        dialog.colorSelected.connect(chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.colour_dialog = dialog
        dialog.open()
        return dialog

    def reset(self) -> None:
        """Every setting back to its default, except the language, the level and the page."""
        s = self.state.settings
        self._undo = s
        defaults = {k: v for k, v in asdict(Settings()).items() if k not in KEPT_ON_RESET}
        self.state.change(**defaults)
        self.undo_button.show()
        self.undo_button.setFocus()

    def undo_reset(self) -> None:
        if self._undo is not None:
            before = {f.name: getattr(self._undo, f.name) for f in fields(Settings)
                      if f.name not in KEPT_ON_RESET}
            self._undo = None
            self.undo_button.hide()
            self.reset_button.setFocus()
            self.state.change(**before)

    # -- showing ---------------------------------------------------------------------------
