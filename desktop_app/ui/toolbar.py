"""The window's chrome: one row of what a first-time reader needs, and the "More" panel.

Row: Home, Back, Read aloud (Pause, Resume), Easy read, the other language, Smaller text,
the text size ("300 %", in a label of fixed width), Larger text, Search, More, and Stop while
reading. The "More" panel (hidden until More is pressed): Forward,
the colour theme, the other reading controls (sentence by sentence, speed, volume), the word
list, saved pages, the handout, help and settings.

Every control keeps its size and place at every text size (the chrome does not grow with the
text), so a second press of Larger hits Larger again, and the text keeps the screen.
"""
from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QStyledItemDelegate, QWidget)

from desktop_app.core.model import LANG_NAMES, other_lang
from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.core.settings import SCALES
from desktop_app.core.themes import CUSTOM_ID, THEMES
from desktop_app.i18n import _, pgettext
from desktop_app.ui.actions import setup_command_button
from desktop_app.ui.buttons import setup_button, steady_width
from desktop_app.ui.flow import FlowLayout
from desktop_app.ui.speech_bar import SpeechBar
from desktop_app.ui.style import CHROME_PX


class Toolbar:
    """The chrome's widgets, as attributes (``home_button`` …); ``bar`` is the row and
    ``more_panel`` the panel that the row's More button (``speech_bar.more_button``) opens."""

    def __init__(self, speech_bar: SpeechBar, policy: KioskPolicy):
        self.speech_bar = speech_bar
        self.bar = QWidget()
        self.bar.setObjectName("topbar")
        self.more_panel = QWidget()
        self.more_panel.setObjectName("morepanel")
        self.more_panel.hide()
        names = ("home", "back", "forward", "handout", "my_topics", "search", "glossary",
                 "lang", "level", "smaller", "bigger", "settings", "help")
        for name in names:
            setattr(self, f"{name}_button", QPushButton())
        self.level_button.setCheckable(True)
        self.theme_box = QComboBox()
        self.theme_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # rows as tall as the style sheet asks (Qt's default rows ignore it): touch targets
        self.theme_box.setItemDelegate(QStyledItemDelegate(self.theme_box))
        self.theme_label = QLabel()
        self.theme_label.setBuddy(self.theme_box)
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
        panel = FlowLayout(self.more_panel, spacing=12)
        # Each group wraps as one: a stepper never has its label on another line.
        for group in speech_bar.groups():
            panel.addWidget(_group(group))
        panel.addWidget(_group([self.theme_label, self.theme_box]))
        for widget in (self.forward_button, self.glossary_button, self.my_topics_button,
                       self.handout_button, self.help_button, self.settings_button):
            panel.addWidget(widget)
            # a new view: the panel closes, so the text has its room again
            widget.clicked.connect(lambda: self.more_button.setChecked(False))
        for command_id, button in self.buttons_by_action().items():
            if not policy.allows_command(command_id):
                button.hide()      # a command that does not exist on a kiosk
        self.more_button.toggled.connect(self.more_panel.setVisible)

    def buttons_by_action(self) -> dict[str, QPushButton]:
        """The buttons of the commands of ``ui/actions.py``, by the command's id (the read-aloud
        ones are the speech bar's)."""
        return {**self._own_buttons(), **self.speech_bar.buttons_by_action()}

    def _own_buttons(self) -> dict[str, QPushButton]:
        return {"home": self.home_button, "back": self.back_button,
                "forward": self.forward_button, "language": self.lang_button,
                "level": self.level_button, "bigger": self.bigger_button,
                "smaller": self.smaller_button, "help": self.help_button,
                "search": self.search_button, "glossary": self.glossary_button,
                "settings": self.settings_button, "handout": self.handout_button,
                "bookmarks": self.my_topics_button}

    def regions(self) -> list[QWidget]:
        return [self.bar, self.more_panel]

    def retranslate(self, settings, theme) -> None:
        """Texts, names, icons and enabled states for ``settings`` in the UI language."""
        s, px = settings, CHROME_PX

        size = _("Text size %d percent") % s.text_scale
        for command_id, button in self._own_buttons().items():
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
        self.theme_box.clear()
        for theme_id, item in THEMES.items():
            self.theme_box.addItem(_(item.name), theme_id)
        if s.text_colour and s.background_colour:
            self.theme_box.addItem(_("Own colours"), CUSTOM_ID)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(theme.id)))
        self.theme_box.setAccessibleName(_("Choose colours"))
        self.theme_label.setText(_("Colours") + ":")
        self.theme_box.setToolTip(_("Choose colours"))
        setup_button(self.more_button, _("More"), _("More"), "menu", theme, px,
                     _("Colours, speed, volume, word list, saved pages, handout, help and "
                       "settings"))
        self.speech_bar.apply_theme(theme, px)


def _group(widgets: list[QWidget], spacing: int = 6) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget)
    return box
