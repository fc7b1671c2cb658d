"""The colours part of the settings view: a theme, a colour pair that is easy to read, or own
colours from Qt's colour dialog, with the contrast of the colours in words (the number for
staff) and a warning when it is low."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.settings import CHOICES
from desktop_app.core.themes import CUSTOM_ID, PALETTE, THEMES, contrast
from desktop_app.i18n import _
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.choices import ChoiceRow, contrast_ratio, contrast_text, swatch
from desktop_app.ui.fitting import button_row
from desktop_app.ui.state import ReaderState
from desktop_app.ui.style import control_px


class ColoursSection(QWidget):
    """Every choice changes ``state`` at once. Where the policy refuses the colour dialog (a
    kiosk) there are no own colours from it; the colour pairs and swapping stay."""

    def __init__(self, state: ReaderState, policy: KioskPolicy = NOT_A_KIOSK):
        super().__init__()
        self.state = state
        self.heading = QLabel()
        self.theme_row = ChoiceRow(list(CHOICES["theme"]) + [CUSTOM_ID], self._choose_theme)
        self.palette_row = ChoiceRow([p[0] for p in PALETTE], self._choose_pair)
        self.text_colour_button = QPushButton()
        self.text_colour_button.clicked.connect(lambda: self.pick_colour("text"))
        self.background_colour_button = QPushButton()
        self.background_colour_button.clicked.connect(lambda: self.pick_colour("background"))
        self.swap_button = QPushButton()
        self.swap_button.clicked.connect(self._swap)
        for button in (self.text_colour_button, self.background_colour_button):
            button.setHidden(not policy.may_pick_colours)
        self.contrast_label = QLabel()
        self.contrast_label.setWordWrap(True)
        self.contrast_label.setObjectName("contrast")
        self.warning = QLabel()
        self.warning.setObjectName("notice")
        self.warning.setWordWrap(True)
        self.colour_dialog: QColorDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.theme_row, self.palette_row,
                       button_row([self.text_colour_button, self.background_colour_button,
                                   self.swap_button]),
                       self.contrast_label, self.warning):
            layout.addWidget(widget)

    def controls(self) -> list[QWidget]:
        """The controls, in screen order (the own-colour buttons not on a kiosk)."""
        return [*self.theme_row.buttons, *self.palette_row.buttons,
                *(b for b in (self.text_colour_button, self.background_colour_button,
                              self.swap_button) if not b.isHidden())]

    # -- choosing -----------------------------------------------------------------------------
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

    # -- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the colours chosen now and their contrast."""
        s, theme = self.state.settings, self.state.theme
        self.theme_row.set_value(CUSTOM_ID if s.own_colours else s.theme)
        pair = next((p[0] for p in PALETTE if s.own_colours and
                     (p[2], p[3]) == (s.text_colour, s.background_colour)), None)
        self.palette_row.set_value(pair)
        ratio = contrast(theme.text, theme.background)
        self.contrast_label.setText(contrast_text(ratio))
        self.contrast_label.setAccessibleName(self.contrast_label.text())
        self.contrast_label.setToolTip(contrast_ratio(ratio))   # the number, for staff
        self.warning.setVisible(ratio < 7.0)

    def retranslate(self) -> None:
        s, theme = self.state.settings, self.state.theme
        px = control_px(s.text_scale)
        icon = QSize(round(px * 1.8), round(px * 1.8))
        self.heading.setText(_("Colours"))
        labels = [_(t.name) for t in THEMES.values()] + [_("Own colours")]
        self.theme_row.set_texts(_("Choose colours"), labels)
        for button, theme_id in zip(self.theme_row.buttons, self.theme_row.values):
            if theme_id in THEMES:
                t = THEMES[theme_id]
                button.setIcon(swatch(t.text, t.background))
            else:
                button.setIcon(swatch(s.text_colour or PALETTE[0][2],
                                      s.background_colour or PALETTE[0][3]))
            button.setIconSize(icon)
        names = [_(p[1]) for p in PALETTE]
        self.palette_row.set_texts(_("Colour pairs that are easy to read"), names,
                                   descriptions=[contrast_text(contrast(p[2], p[3]))
                                                 for p in PALETTE])
        for button, (_pid, _name, text, background) in zip(self.palette_row.buttons, PALETTE):
            button.setIcon(swatch(text, background))
            button.setIconSize(icon)
        setup_button(self.text_colour_button, _("Text colour…"), _("Choose your own text colour"),
                     "contrast", theme, px)
        setup_button(self.background_colour_button, _("Background colour…"),
                     _("Choose your own background colour"), "contrast", theme, px)
        setup_button(self.swap_button, _("Swap"), _("Swap the text and background colours"),
                     "repeat", theme, px)
        self.warning.setText(_("With these colours some people find the text hard to read. "
                               "You can still use them."))
