"""The window's commands as one list of QActions: each has its keys (some have none) and is
what the toolbar's button for it triggers. The Help page lists the keys. A command the kiosk
policy does not allow (``KioskPolicy.allows_command``) is switched off and not listed."""
from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy, policy_for
from desktop_app.i18n import N_, _, pgettext
from desktop_app.ui.about_view import ABOUT_LINK

def shortcut_text(text: str | tuple[str, str]) -> str:
    """A shortcut's description in the UI language: an N_ text or a (context, text) pair."""
    return pgettext(*text) if isinstance(text, tuple) else _(text)


SHORTCUTS = [  # (name, key sequence or "", N_ description); handlers are given by name
    ("home", "Ctrl+Home", N_("Go to the home screen")),
    ("back", "Alt+Left", N_("Go back")),
    ("forward", "Alt+Right", N_("Go forward")),
    ("language", "Ctrl+L", N_("Switch language (Danish/English)")),
    ("level", "Ctrl+E", N_("Switch between standard text and easy read")),
    ("bigger", "Ctrl++", N_("Larger text")),
    ("smaller", "Ctrl+-", N_("Smaller text")),
    ("reset_size", "Ctrl+0", N_("Normal text size")),
    ("theme", "Ctrl+T", N_("Switch to the next colours")),
    ("help", "F1", N_("Help and keyboard shortcuts")),
    ("search", "Ctrl+F", N_("Search the pages")),
    ("glossary", "Ctrl+G", N_("Word list: the hard words explained")),
    ("settings", "Ctrl+,", N_("Settings: colours, text, reading aids and reading aloud")),
    ("handout", "Ctrl+P", N_("Handout for the person you are helping: print or save pages")),
    ("bookmarks", "", N_("Saved pages")),
    ("region", "F6", N_("Move between the text, the buttons at the top and the More panel")),
    ("region_back", "Shift+F6", N_("Move between the parts of the window, backwards")),
    ("ruler_up", "Alt+Up", N_("Move the reading ruler up (when it is on)")),
    ("ruler_down", "Alt+Down", N_("Move the reading ruler down (when it is on)")),
    ("read", "Ctrl+Space", N_("Read aloud, pause or resume")),
    ("stop", "Ctrl+.", ("button", "Stop reading")),   # the Stop button's name: see speech_bar
    ("escape", "Esc", N_("Stop reading; when nothing is being read, close what is open "
                         "(More, search, help, settings)")),
    ("previous", "Ctrl+Up", N_("Read the previous sentence")),
    ("next", "Ctrl+Down", N_("Read the next sentence")),
    ("repeat", "Ctrl+R", N_("Repeat the sentence")),
    ("from_here", "Ctrl+Return", N_("Read from where you tapped, or read the selected text")),
    ("quit", "Ctrl+Q", N_("Quit the program")),
]
MEDIA_KEYS = {"read": [Qt.Key.Key_MediaTogglePlayPause, Qt.Key.Key_MediaPlay,
                       Qt.Key.Key_MediaPause],
              "stop": [Qt.Key.Key_MediaStop], "previous": [Qt.Key.Key_MediaPrevious],
              "next": [Qt.Key.Key_MediaNext]}
# Alt+Left is already Back (QKeySequence.Back on Linux and Windows): not registered twice.
EXTRA_KEYS = {"bigger": ["Ctrl+="]}


def install(window: QWidget, handlers: dict[str, Callable[[], object]],
            kiosk: bool | KioskPolicy = NOT_A_KIOSK) -> dict[str, QAction]:
    """One QAction per shortcut on ``window``, triggering ``handlers[name]``; ``kiosk``: the
    policy (or a ``bool``)."""
    policy = policy_for(kiosk)
    actions: dict[str, QAction] = {}
    for name, keys, _description in SHORTCUTS:
        action = QAction(window)
        action.setEnabled(policy.allows_command(name))
        sequences = [QKeySequence(keys)] if keys else []
        sequences += [QKeySequence(extra) for extra in EXTRA_KEYS.get(name, [])]
        sequences += [QKeySequence(key) for key in MEDIA_KEYS.get(name, [])]
        action.setShortcuts(sequences)
        action.triggered.connect(handlers[name])
        window.addAction(action)
        actions[name] = action
    return actions


def help_html(kiosk: bool | KioskPolicy = NOT_A_KIOSK) -> str:
    """The Help page: the keys (of the commands the policy allows), what "More" holds, and
    the link to About this program."""
    policy = policy_for(kiosk)
    native = QKeySequence.SequenceFormat.NativeText
    rows = "".join(f"<tr><td><b>{html.escape(QKeySequence(keys).toString(native))}</b></td>"
                   f"<td>{html.escape(shortcut_text(text))}</td></tr>"
                   for name, keys, text in SHORTCUTS
                   if keys and policy.allows_command(name))
    intro = _("Use Tab and Shift+Tab to move between buttons. Press Enter or Space to use "
              "a button. These keys do the most important things:")
    more = _("The More button shows colours, speed and volume, the word list, saved pages, "
             "the handout, help and settings.")
    about = _("About this program: version and licences")
    return (f"<h1>{html.escape(_('Help'))}</h1><p>{html.escape(intro)}</p>"
            f"<p>{html.escape(more)}</p><table cellpadding='8'>{rows}</table>"
            f"<p><a href='{ABOUT_LINK}'>{html.escape(about)}</a></p>")
