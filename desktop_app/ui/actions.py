"""The window's commands, each declared once in ``COMMANDS``: its id, keys, Help page line and
button (words, spoken name, icon, description; other words for a state, e.g. Pause while
reading). From the table come the QActions (``install``), the buttons' texts
(``setup_command_button``) and the Help page (``help_html``); a button does what its command's
action does. The window gives a handler for every id. Which commands a kiosk has is the kiosk
policy's answer (``KioskPolicy.allows_command``)."""
from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.themes import Theme
from desktop_app.speech.state import ReadingState
from desktop_app.i18n import N_, NP_, _, pgettext
from desktop_app.ui.buttons import setup_button

Text = str | tuple[str, str]   # an N_ text, or an NP_ (context, text) pair


def tr(text: Text) -> str:
    """``text`` in the UI language."""
    if not text:
        return ""
    return pgettext(*text) if isinstance(text, tuple) else _(text)


class Face(NamedTuple):  # (see core/model.py)
    """What a command's button shows and says: its words, its name (what a screen reader and
    the kiosk's touch-to-hear say; the words when empty), its icon and its description."""

    label: Text = ""
    name: Text = ""
    icon: str = ""
    description: Text = ""


class Command(NamedTuple):  # (see core/model.py)
    id: str
    help: Text                       # its line on the Help page
    keys: tuple[str, ...] = ()       # the first is the one the Help page shows
    face: Face | None = None         # its button, if it has one
    states: Mapping[str, Face] = MappingProxyType({})   # a state's own Face ("playing": Pause)
    media: tuple = ()                # the keyboard's media keys that do it too

    def face_for(self, state: str = "") -> Face:
        return self.states.get(state) or self.face or Face()


_PAUSE = Face(N_("Pause"), N_("Pause reading"), "pause")
COMMANDS: dict[str, Command] = {c.id: c for c in [
    Command("home", N_("Go to the home screen"), ("Ctrl+Home",),
            Face(N_("Home"), N_("Home"), "home", N_("Go to the home screen"))),
    # Alt+Left is also QKeySequence.Back on Linux and Windows: not registered twice.
    Command("back", N_("Go back"), ("Alt+Left",),
            Face(N_("Back"), N_("Back"), "back", N_("Go back to where you were"))),
    Command("forward", N_("Go forward"), ("Alt+Right",),
            Face(N_("Forward"), N_("Forward"), "forward",
                 N_("Go forward again after going back"))),
    # its words are the other language's own name (core.model.LANG_NAMES)
    Command("language", N_("Switch language (Danish/English)"), ("Ctrl+L",),
            Face(icon="language"),
            states={"da": Face(name=N_("Change language to English"), icon="language"),
                    "en": Face(name=N_("Change language to Danish"), icon="language")}),
    Command("level", N_("Switch between standard text and easy read"), ("Ctrl+E",),
            Face(N_("Easy read"), N_("Easy read"), "easy-read",
                 N_("Show the pages in easy read"))),
    # their description is the text size (``Toolbar.retranslate``)
    Command("bigger", N_("Larger text"), ("Ctrl++", "Ctrl+="),
            Face(N_("Larger"), N_("Larger text"), "zoom-in")),
    Command("smaller", N_("Smaller text"), ("Ctrl+-",),
            Face(N_("Smaller"), N_("Smaller text"), "zoom-out")),
    Command("reset_size", N_("Normal text size"), ("Ctrl+0",)),
    Command("theme", N_("Switch to the next colours"), ("Ctrl+T",)),
    Command("help", N_("Help and keyboard shortcuts"), ("F1",),
            Face(N_("Help"), N_("Help"), "info", N_("Help and keyboard shortcuts"))),
    Command("search", N_("Search the pages"), ("Ctrl+F",),
            Face(N_("Search"), N_("Search"), "search", N_("Search the pages"))),
    Command("glossary", N_("Word list: the hard words explained"), ("Ctrl+G",),
            Face(N_("Word list"), N_("Word list"), "glossary",
                 N_("Word list: the hard words explained"))),
    Command("settings", N_("Settings: colours, text, reading aids and reading aloud"),
            ("Ctrl+,",), Face(N_("Settings"), N_("Settings"), "settings",
                              N_("Colours, text, pictures, reading aids and reading aloud"))),
    Command("handout", N_("Handout for the person you are helping: print or save pages"),
            ("Ctrl+P",), Face(N_("Handout"), N_("Handout for the person you are helping"),
                              "print", N_("Print or save pages in large print for the person "
                                          "you are helping"))),
    Command("bookmarks", N_("Saved pages"), (),
            Face(N_("Saved pages"), N_("Saved pages"), "bookmark",
                 N_("The pages you have saved"))),
    Command("region", N_("Move between the text, the buttons at the top and the More panel"),
            ("F6",)),
    Command("region_back", N_("Move between the parts of the window, backwards"),
            ("Shift+F6",)),
    Command("ruler_up", N_("Move the reading ruler up (when it is on)"), ("Alt+Up",)),
    Command("ruler_down", N_("Move the reading ruler down (when it is on)"), ("Alt+Down",)),
    Command("read", N_("Read aloud, pause or resume"), ("Ctrl+Space",),
            Face(N_("Read aloud"), N_("Read the page aloud"), "speaker",
                 N_("Reads the page aloud and highlights the sentence you hear")),
            states={ReadingState.PLAYING: _PAUSE, ReadingState.LOADING: _PAUSE,
                    ReadingState.PAUSED: Face(N_("Resume"), N_("Resume reading"), "play")},
            media=(Qt.Key.Key_MediaTogglePlayPause, Qt.Key.Key_MediaPlay,
                   Qt.Key.Key_MediaPause)),
    Command("stop", NP_("button", "Stop reading"), ("Ctrl+.",),
            Face(NP_("button", "Stop"), NP_("button", "Stop reading"), "stop"),
            media=(Qt.Key.Key_MediaStop,)),
    Command("escape", N_("Stop reading; when nothing is being read, close what is open "
                         "(More, search, help, settings)"), ("Esc",)),
    Command("previous", N_("Read the previous sentence"), ("Ctrl+Up",),
            Face(N_("Previous"), N_("Previous sentence"), "previous"),
            media=(Qt.Key.Key_MediaPrevious,)),
    Command("next", N_("Read the next sentence"), ("Ctrl+Down",),
            Face(N_("Next"), N_("Next sentence"), "next"), media=(Qt.Key.Key_MediaNext,)),
    Command("repeat", N_("Repeat the sentence"), ("Ctrl+R",),
            Face(N_("Repeat"), N_("Repeat the sentence"), "repeat")),
    Command("from_here", N_("Read from where you tapped, or read the selected text"),
            ("Ctrl+Return",), Face(N_("Read from here"), N_("Read from where you tapped"),
                                   "play", N_("Tap or click in the text first, then press "
                                              "here"))),
    Command("quit", N_("Quit the program"), ("Ctrl+Q",)),
]}


def available(policy: KioskPolicy = NOT_A_KIOSK) -> list[Command]:
    """The commands that exist here: those ``policy`` allows."""
    return [c for c in COMMANDS.values() if policy.allows_command(c.id)]


def install(window: QWidget, handlers: dict[str, Callable[[], object]],
            policy: KioskPolicy = NOT_A_KIOSK) -> dict[str, QAction]:
    """One QAction per command that exists in this mode, on ``window``, with its keys,
    triggering ``handlers[id]``; the handlers must be exactly the table's ids."""
    if set(handlers) != set(COMMANDS):
        raise ValueError(f"handlers differ from the commands: "
                         f"{sorted(set(handlers) ^ set(COMMANDS))}")
    actions: dict[str, QAction] = {}
    for command in available(policy):
        action = QAction(window)
        action.setObjectName(command.id)
        action.setShortcuts([QKeySequence(k) for k in command.keys]
                            + [QKeySequence(k) for k in command.media])
        action.triggered.connect(handlers[command.id])
        window.addAction(action)
        actions[command.id] = action
    return actions


def connect_buttons(actions: dict[str, QAction], buttons: dict[str, QAbstractButton]) -> None:
    """Each command's button triggers its action (one command: a button and keys)."""
    for command_id, button in buttons.items():
        if command_id in actions:
            button.clicked.connect(actions[command_id].trigger)


def setup_command_button(button: QAbstractButton, command_id: str, theme: Theme | None,
                         px: int, state: str = "", label: str | None = None,
                         description: str | None = None) -> None:
    """The button of ``command_id`` with its words, name, icon and description from the table
    (``state``: its face in that state; ``label``/``description``: words made at run time)."""
    face = COMMANDS[command_id].face_for(state)
    text = tr(face.label) if label is None else label
    setup_button(button, text, tr(face.name) or text, face.icon, theme, px,
                 tr(face.description) if description is None else description)


def state_labels(command_id: str) -> list[str]:
    """Every text the command's button can show (for a button as wide as the widest)."""
    command = COMMANDS[command_id]
    faces = [command.face_for()] + list(command.states.values())
    return list(dict.fromkeys(tr(f.label) for f in faces))


def key_text(keys: str) -> str:
    """A key sequence as the Help page shows it (on this platform, in the UI language)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def keys_of(command_id: str) -> str:
    """A command's keys as a text may name them (``key_text`` of the first)."""
    return key_text(COMMANDS[command_id].keys[0])


def help_html(policy: KioskPolicy = NOT_A_KIOSK) -> str:
    """The Help page: the keys, what "More" holds, and the link to About this program."""
    import html
    from desktop_app.ui.about_view import ABOUT_LINK   # Help and About are made when opened
    rows = "".join(f"<tr><td><b>{html.escape(key_text(c.keys[0]))}</b></td>"
                   f"<td>{html.escape(tr(c.help))}</td></tr>"
                   for c in available(policy) if c.keys)
    intro = _("Use Tab and Shift+Tab to move between buttons. Press Enter or Space to use "
              "a button. These keys do the most important things:")
    more = _("The More button shows colours, speed and volume, the word list, saved pages, "
             "the handout, help and settings.")
    about = _("About this program: version and licences")
    return (f"<h1>{html.escape(_('Help'))}</h1><p>{html.escape(intro)}</p>"
            f"<p>{html.escape(more)}</p><table cellpadding='8'>{rows}</table>"
            f"<p><a href='{ABOUT_LINK}'>{html.escape(about)}</a></p>")
