"""The window's chrome: one row of what a first-time reader needs, and the "More" panel.

Row: Home, Back, Read aloud (Pause, Resume), Easy read, the other language, Smaller text,
the text size ("300 %", in a label of fixed width), Larger text, Search, More, and Stop while
reading. The "More" panel (hidden until More is pressed): Forward,
the colour theme, the other reading controls (sentence by sentence, speed, volume), the word
list, saved pages, the handout, help and settings.

The panel's own widgets are made, and their icons drawn, when More is first pressed (or one
of them is first asked for): start-up does not wait for them.

Every control keeps its size and place at every text size (the chrome does not grow with the
text), so a second press of Larger hits Larger again, and the text keeps the screen.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.core.model import LANG_NAMES, other_lang
from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.core.settings import SCALES
from desktop_app.core.themes import CUSTOM_ID, THEMES, Theme
from desktop_app.i18n import _, pgettext
from desktop_app.ui.actions import connect_buttons, setup_command_button
from desktop_app.ui.buttons import setup_button, steady_width
from desktop_app.ui.flow import FlowLayout
from desktop_app.ui.speech_bar import SpeechBar
from desktop_app.ui.style import CHROME_PX

if TYPE_CHECKING:   # made with the More panel, when it is first opened
    from PySide6.QtWidgets import QComboBox

# the commands of the panel's own buttons, in the panel's order
PANEL_COMMANDS = ("forward", "glossary", "bookmarks", "handout", "help", "settings")


class Toolbar:
    """The chrome's widgets, as attributes (``home_button`` …); ``bar`` is the row and
    ``more_panel`` the panel that the row's More button (``speech_bar.more_button``) opens.
    ``choose_theme(theme_id)``: a colour theme chosen in the panel."""

    def __init__(self, speech_bar: SpeechBar, policy: KioskPolicy,
                 choose_theme: Callable[[str], object]):
        self.speech_bar = speech_bar
        self._policy = policy
        self._choose_theme = choose_theme
        self._actions: dict[str, QAction] = {}
        self._look = None           # (settings, theme) of the last ``retranslate``
        self._history = (False, False)
        self.bar = QWidget()
        self.bar.setObjectName("topbar")
        self.more_panel = QWidget()   # filled when first opened: ``_fill_panel``
        self.more_panel.setObjectName("morepanel")
        self.more_panel.hide()
        self._panel: dict[str, QPushButton] = {}
        self.home_button, self.back_button, self.search_button = \
            QPushButton(), QPushButton(), QPushButton()
        self.lang_button, self.level_button = QPushButton(), QPushButton()
        self.smaller_button, self.bigger_button = QPushButton(), QPushButton()
        self.level_button.setCheckable(True)
        self.size_label = QLabel()   # the text size, between Smaller and Larger
        self.size_label.setObjectName("textSize")
        self.size_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more_button = speech_bar.more_button
        row = FlowLayout(self.bar, spacing=6)
        # Stop comes last: it shows only while reading, and nothing moves when it does.
        for widget in (self.home_button, self.back_button, speech_bar.read_button,
                       self.level_button, self.lang_button,
                       _group([self.smaller_button, self.size_label, self.bigger_button], 0),
                       self.search_button, self.more_button, speech_bar.stop_button):
            row.addWidget(widget)
        self._hide_missing({**self._row_buttons(), **speech_bar.buttons_by_action()})
        self.more_button.toggled.connect(self._show_panel)

    def _show_panel(self, on: bool) -> None:
        if on:
            self._fill_panel()
        self.more_panel.setVisible(on)

    def _fill_panel(self) -> None:
        """The panel's widgets, made once: the speech bar's groups, the colours, then Forward,
        the word list, saved pages, the handout, help and settings."""
        if self._panel:
            return
        from PySide6.QtWidgets import QComboBox, QStyledItemDelegate   # made with the panel
        self._panel = {command_id: QPushButton() for command_id in PANEL_COMMANDS}
        self._theme_box = QComboBox()
        self._theme_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # rows as tall as the style sheet asks (Qt's default rows ignore it): touch targets
        self._theme_box.setItemDelegate(QStyledItemDelegate(self._theme_box))
        self._theme_box.activated.connect(
            lambda i: self._choose_theme(self._theme_box.itemData(i)))
        self._theme_label = QLabel()
        self._theme_label.setBuddy(self._theme_box)
        panel = FlowLayout(self.more_panel, spacing=12)
        # Each group wraps as one: a stepper never has its label on another line.
        for group in self.speech_bar.groups():
            panel.addWidget(_group(group))
        panel.addWidget(_group([self._theme_label, self._theme_box]))
        for button in self._panel.values():
            panel.addWidget(button)
            # a new view: the panel closes, so the text has its room again
            button.clicked.connect(lambda: self.more_button.setChecked(False))
        self._hide_missing(self._panel)
        connect_buttons(self._actions, self._panel)
        self.set_history(*self._history)
        if self._look is not None:
            self.retranslate(*self._look)   # (the speech bar's labels measured in the panel)

    def _hide_missing(self, buttons: dict[str, QPushButton]) -> None:
        for command_id, button in buttons.items():
            if not self._policy.allows_command(command_id):
                button.hide()      # a command that does not exist on a kiosk

    def _panel_button(self, command_id: str) -> QPushButton:
        self._fill_panel()
        return self._panel[command_id]

    forward_button = property(lambda self: self._panel_button("forward"))
    glossary_button = property(lambda self: self._panel_button("glossary"))
    my_topics_button = property(lambda self: self._panel_button("bookmarks"))
    handout_button = property(lambda self: self._panel_button("handout"))
    help_button = property(lambda self: self._panel_button("help"))
    settings_button = property(lambda self: self._panel_button("settings"))

    @property
    def theme_box(self) -> QComboBox:
        self._fill_panel()
        return self._theme_box

    @property
    def theme_label(self) -> QLabel:
        self._fill_panel()
        return self._theme_label

    def connect_actions(self, actions: dict[str, QAction]) -> None:
        """Each button triggers its command's action (the panel's once it is made)."""
        self._actions = actions
        connect_buttons(actions, {**self._row_buttons(), **self.speech_bar.buttons_by_action()})
        connect_buttons(actions, self._panel)

    def set_history(self, can_go_back: bool, can_go_forward: bool) -> None:
        self._history = (can_go_back, can_go_forward)
        self.back_button.setEnabled(can_go_back)
        if self._panel:
            self._panel["forward"].setEnabled(can_go_forward)

    def buttons_by_action(self) -> dict[str, QPushButton]:
        """The buttons of the commands of ``ui/actions.py``, by the command's id (the read-aloud
        ones are the speech bar's); the panel's are made if they were not yet."""
        self._fill_panel()
        return {**self._row_buttons(), **self._panel, **self.speech_bar.buttons_by_action()}

    def _row_buttons(self) -> dict[str, QPushButton]:
        return {"home": self.home_button, "back": self.back_button,
                "language": self.lang_button, "level": self.level_button,
                "bigger": self.bigger_button, "smaller": self.smaller_button,
                "search": self.search_button}

    def regions(self) -> list[QWidget]:
        return [self.bar, self.more_panel]

    def retranslate(self, settings, theme: Theme) -> None:
        """Texts, names, icons and enabled states for ``settings`` in the UI language (the
        panel's when it is made)."""
        s, px = settings, CHROME_PX
        self._look = (settings, theme)
        size = _("Text size %d percent") % s.text_scale
        for command_id, button in {**self._row_buttons(), **self._panel}.items():
            setup_command_button(button, command_id, theme, px,
                                 state=s.lang if command_id == "language" else "",
                                 label=LANG_NAMES[other_lang(s.lang)]
                                 if command_id == "language" else None,
                                 description=size if command_id in ("bigger", "smaller")
                                 else None)
        steady_width(self.lang_button, list(LANG_NAMES.values()))
        self.level_button.setChecked(s.level == "easy")
        self.smaller_button.setEnabled(s.text_scale > SCALES[0])
        self.bigger_button.setEnabled(s.text_scale < SCALES[-1])
        self.size_label.setText(pgettext("text size", "%d %%") % s.text_scale)
        self.size_label.setAccessibleName(_("Text size %d percent") % s.text_scale)
        self.size_label.ensurePolished()   # a fixed width: Larger never moves when pressed
        self.size_label.setFixedWidth(QFontMetrics(self.size_label.font()).horizontalAdvance(
            pgettext("text size", "%d %%") % SCALES[-1]) + 12)
        if self._panel:
            self._retranslate_colours(s, theme)
        setup_button(self.more_button, _("More"), _("More"), "menu", theme, px,
                     _("Colours, speed, volume, word list, saved pages, handout, help and "
                       "settings"))
        self.speech_bar.apply_theme(theme, px)

    def _retranslate_colours(self, settings, theme: Theme) -> None:
        box = self._theme_box
        box.clear()
        for theme_id, item in THEMES.items():
            box.addItem(_(item.name), theme_id)
        if settings.text_colour and settings.background_colour:
            box.addItem(_("Own colours"), CUSTOM_ID)
        box.setCurrentIndex(max(0, box.findData(theme.id)))
        box.setAccessibleName(_("Choose colours"))
        self._theme_label.setText(_("Colours") + ":")
        box.setToolTip(_("Choose colours"))


def _group(widgets: list[QWidget], spacing: int = 6) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget)
    return box
