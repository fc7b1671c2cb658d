"""The main window: the toolbar, the stack of views, notices, the keyboard's regions. Its
navigation is in ``navigation.py``, its settings in ``window_settings.py``."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMainWindow, QPushButton, QSizePolicy,
                               QStackedWidget, QTextBrowser, QVBoxLayout, QWidget)

from desktop_app.core.bookmarks import BookmarkStore
from desktop_app.core.model import Library
from desktop_app.core.navigator import Navigator
from desktop_app.core.place import ReadingPlace
from desktop_app.core.render import GLOSSARY_ID
from desktop_app.core.settings import Settings
from desktop_app.i18n import _
from desktop_app.ui import actions, bookmarks_view
from desktop_app.ui.about_view import ABOUT_LINK, show_about
from desktop_app.ui.accessible import announce, mark_document
from desktop_app.ui.bookmarks_view import BookmarkButton, BookmarksView, notice_text
from desktop_app.ui.focus import RegionFocus, press_focused
from desktop_app.ui.reader import ReaderView
from desktop_app.ui.save_place import SavedFolder, breakable
from desktop_app.ui.speech_bar import SpeechBar
from desktop_app.ui.style import CHROME_PX
from desktop_app.ui.toolbar import Toolbar
from desktop_app.ui.navigation import Navigation
from desktop_app.ui.window_settings import WindowSettings
from desktop_app.ui.views import HomeView, TopicView, scrolling as _scrolling
# Personal visual adjustments: the settings view, dimming, reading ruler, large pictures.
from desktop_app.ui.dimmer import Dimmer
from desktop_app.ui.picture_viewer import PictureViewer
from desktop_app.ui.ruler import ReadingRuler


class MainWindow(Navigation, WindowSettings, QMainWindow):
    """Signals: ``sig_settings_changed()`` whenever a remembered setting changes (read
    ``settings``; a Python object as a signal argument crashed PySide6 at exit);
    ``sig_page_shown(str page_id)`` after a page is rendered; ``sig_closing()``."""

    sig_settings_changed = Signal()
    sig_page_shown = Signal(str)
    sig_closing = Signal()   # the window is closing (its place on the screen is saved)

    def __init__(self, library: Library, settings: Settings, kiosk: bool = False,
                 place: ReadingPlace = ReadingPlace()):
        super().__init__()
        self.library = library
        self.settings = settings
        self.kiosk = kiosk
        self.nav = Navigator()   # where the reader is, Back and Forward
        self._start_place = place   # the page (and how far down) to open at the start
        # Services given by app.py (``use_services``): reading aloud, interface speech, kiosk.
        self.speech = None
        self.interface_speaker = None
        self.kiosk_controller = None
        self._notices: list = []
        self._lasting_notice = False
        self._shown_once = False
        self.web_address_handler = None   # kiosk: desktop_app/ui/kiosk.py shows a QR code
        self._build()
        self._shortcuts()
        self.apply_settings(settings, initial=True)

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        self.speech_bar = SpeechBar()
        self.toolbar = Toolbar(self.speech_bar, self.kiosk)
        self.bar = self.toolbar.bar
        for name in ("home", "back", "forward", "handout", "my_topics", "search", "glossary",
                     "lang", "level", "smaller", "bigger", "settings", "help", "more"):
            setattr(self, f"{name}_button", getattr(self.toolbar, f"{name}_button"))
        self.theme_box = self.toolbar.theme_box
        self.theme_box.activated.connect(
            lambda i: self.choose_theme(self.theme_box.itemData(i)))
        self.where = QLabel()
        self.where.setObjectName("whereami")
        self.where.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice_close = QPushButton()
        self.saved_folder = SavedFolder()       # in a "Saved in …" message
        self.notice_close.clicked.connect(lambda: self.dismiss_notice())
        self.notice_box = QWidget()
        notice_row = QHBoxLayout(self.notice_box)
        notice_row.setContentsMargins(0, 0, 0, 0)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.saved_folder.button, 0, Qt.AlignmentFlag.AlignTop)
        notice_row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self.notice_box.hide()
        self.stack = QStackedWidget()
        # Only the view showing decides the stack's size: a large view elsewhere in the stack
        # never makes the window taller or wider than the screen.
        self.stack.currentChanged.connect(self._size_by_current_view)
        self.home = HomeView()
        self.home.set_kiosk(self.kiosk)
        self.topic = TopicView()
        self.reader = ReaderView()
        self.help = QTextBrowser()
        self.help.setObjectName("pageText")
        self.help.setOpenLinks(False)
        self.help.anchorClicked.connect(self._help_link)
        mark_document(self.help)
        # Settings, search, handout and "saved pages" are built when first opened (start-up).
        self._views: dict[str, QWidget] = {}
        self.search_index = None
        self.bookmark_store = BookmarkStore()
        self.bookmark_button = BookmarkButton(self.bookmark_store)
        self.bookmark_button.set_enabled_for_kiosk(not self.kiosk)
        self.take_home_button = QPushButton()   # beside the page's title: ``take_home()``
        self.take_home_button.clicked.connect(self.take_home)
        self.bookmark_button.sig_toggled.connect(
            lambda: self.built("bookmarks") and self.bookmarks_view.refresh())
        if not self.kiosk:
            self.bookmark_store.load()
            if self.bookmark_store.notice:
                self._notices.append(lambda: notice_text(self.bookmark_store))
        for view in (self.home, self.topic, self.reader, self.help):
            self.stack.addWidget(view)
        self.home.sig_open_topic.connect(self.open_topic)
        self.topic.sig_open_page.connect(self.open_page)
        self.reader.sig_link.connect(self.follow_link)
        outer.addWidget(self.bar)
        outer.addWidget(self.toolbar.more_panel)
        self.where_row = QWidget()
        self.where_row.setObjectName("whererow")   # the page's title and its buttons
        where_row = QHBoxLayout(self.where_row)
        where_row.setContentsMargins(0, 0, 0, 0)
        where_row.addWidget(self.where, 1)
        where_row.addWidget(self.take_home_button, 0)
        where_row.addWidget(self.bookmark_button, 0)
        outer.addWidget(self.where_row)
        outer.addWidget(self.notice_box)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.speech_bar)
        self.focus = RegionFocus(self, lambda: [self.stack, self.bar, self.toolbar.more_panel,
                                                self.where_row, self.notice_box])
        self.setCentralWidget(central)
        # -- personal visual adjustments: layers over the reader and over the whole window
        self._ruler = None           # the reading ruler, made when first turned on
        self._picture_viewer = None   # made when a picture is first opened
        self.stack.currentChanged.connect(
            lambda _i: self._picture_viewer is not None and self._picture_viewer.close_viewer())
        self.dimmer = Dimmer(self)   # last, so it lies over everything
        self.resize(1280, 800)

    def use_services(self, speech, interface_speaker) -> None:
        """The speech controller (``ui/speech_controller.py``) and the interface speaker
        (``ui/speak_interface.py``), made by ``app.py``."""
        self.speech, self.interface_speaker = speech, interface_speaker
        self.home.sig_speak_hint.connect(speech.read_screen)
        speech.sig_utterance_finished.connect(interface_speaker.utterance_finished)

    def use_kiosk(self, kiosk_controller) -> None:
        """The kiosk controller (``ui/kiosk.py``), made by ``app.py`` on a kiosk."""
        self.kiosk_controller = kiosk_controller

    def _size_by_current_view(self, _index: int = -1) -> None:
        current = self.stack.currentWidget()
        for i in range(self.stack.count()):
            view = self.stack.widget(i)
            policy = QSizePolicy.Policy.Preferred if view is current \
                else QSizePolicy.Policy.Ignored
            view.setSizePolicy(policy, policy)
        self.stack.updateGeometry()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._shown_once:   # the keyboard starts in the view: the first tile, the text
            self._shown_once = True
            self._focus_into_view(self.location[0], force=True)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.sig_closing.emit()
        super().closeEvent(event)

    # -- keyboard --------------------------------------------------------------------------
    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        """Tab: the view first (the text, the tiles), then the toolbar and the rest."""
        return self.focus.step(forward)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or \
                not press_focused(event.key()):
            super().keyPressEvent(event)

    # -- views built on first use -----------------------------------------------------------
    def built(self, name: str):
        """The view ``name`` (settings, search, handout, bookmarks) if it exists, else None."""
        return self._views.get(name)

    def _view(self, name: str) -> QWidget:
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = getattr(self, f"_make_{name}")()
            self.stack.addWidget(_scrolling(view) if name in ("search", "handout", "take_home")
                                 else view)
        return view

    def _current_is(self, view: QWidget) -> None:
        """Show ``view`` (or the scroll area it lies in)."""
        while view.parentWidget() is not None and view.parentWidget() is not self.stack:
            view = view.parentWidget()
        self.stack.setCurrentWidget(view)

    settings_view = property(lambda self: self._view("settings"))
    search = property(lambda self: self._view("search"))
    handout_view = property(lambda self: self._view("handout"))
    bookmarks_view = property(lambda self: self._view("bookmarks"))
    take_home_view = property(lambda self: self._view("take_home"))

    def _make_settings(self) -> QWidget:
        from desktop_app.ui.settings_view import SettingsView
        return SettingsView(self)

    def _make_search(self) -> QWidget:
        from desktop_app.ui.search_view import SearchView
        view = SearchView()
        if self.kiosk:
            view.add_touch_keyboard()
        view.sig_open.connect(self._open_search_hit)
        view.sig_open_term.connect(self.open_term)
        view.retranslate()
        return view

    def _make_handout(self) -> QWidget:
        from desktop_app.ui.handout_view import HandoutView
        return self._saving(HandoutView())

    def _make_take_home(self) -> QWidget:
        from desktop_app.ui.take_home_view import TakeHomeView
        return self._saving(TakeHomeView())

    def _saving(self, view: QWidget) -> QWidget:
        """A view that saves and exports (the handout, take it home)."""
        view.set_kiosk(self.kiosk, self.kiosk_config())
        view.sig_message.connect(self.show_notice)
        view.sig_saved.connect(self.show_saved)
        view.settings = lambda: self.settings   # the export's voice and speed, and "done":
        view.speak = self._say
        view.retranslate()
        return view

    def kiosk_config(self):
        return self.kiosk_controller.config if self.kiosk_controller else None

    def _say(self, text: str) -> None:
        if self.speech is not None:
            self.speech.speak(text)

    def _make_bookmarks(self) -> QWidget:
        view = BookmarksView(self.bookmark_store)
        view.set_enabled_for_kiosk(not self.kiosk)
        view.sig_open_page.connect(self.open_page)
        view.retranslate()
        return view

    @property
    def picture_viewer(self) -> PictureViewer:
        if self._picture_viewer is None:
            self._picture_viewer = PictureViewer(self)
            self._picture_viewer.sig_original_changed.connect(
                lambda on: self.change(pictures_original=on))
            self.dimmer.raise_()      # the dimming layer stays over everything
        return self._picture_viewer

    @property
    def ruler(self) -> ReadingRuler:
        if self._ruler is None:
            self._ruler = ReadingRuler(self.reader)
        return self._ruler

    def _shortcuts(self) -> None:
        handlers = {
            "home": self.go_home, "back": self.go_back, "forward": self.go_forward,
            "language": self.toggle_language,
            "level": self.toggle_level, "bigger": lambda: self.step_size(1),
            "smaller": lambda: self.step_size(-1),
            "reset_size": lambda: self.change(text_scale=Settings().text_scale),
            "theme": self.next_theme, "help": self.show_help, "search": self.show_search,
            "glossary": lambda: self.open_page(GLOSSARY_ID), "settings": self.show_settings,
            "handout": lambda: self._show(("handout", "")),
            "bookmarks": lambda: self._show(("bookmarks", "")),
            "region": lambda: self.focus.next_region(True),
            "region_back": lambda: self.focus.next_region(False),
            "ruler_up": lambda: self.ruler.move_lines(-1),
            "ruler_down": lambda: self.ruler.move_lines(1),
            "read": lambda: self.speech_bar.sig_read.emit(),
            "stop": lambda: self.speech_bar.sig_stop.emit(),
            "previous": lambda: self.speech_bar.sig_previous.emit(),
            "next": lambda: self.speech_bar.sig_next.emit(),
            "repeat": lambda: self.speech_bar.sig_repeat.emit(),
            "from_here": lambda: self.speech_bar.sig_read_from_cursor.emit(),
            "escape": self.escape, "quit": self.close,
        }
        # One QAction per command of the table (ui/actions.py) that exists here; the toolbar's
        # and the speech bar's buttons trigger them: one command, a button and keys.
        self.actions_by_name = actions.install(self, handlers, self.kiosk)
        actions.connect_buttons(self.actions_by_name, self.toolbar.buttons_by_action())

    def _help_link(self, url) -> None:
        if url.toString() == ABOUT_LINK:
            show_about(self)

    # -- notices ---------------------------------------------------------------------------
    def show_notice(self, text: str, lasting: bool = False) -> None:
        """A message over the view; it goes when the person moves on, unless ``lasting`` (the
        start-up notices stay until closed). Paths in it wrap."""
        self._lasting_notice = lasting
        self.saved_folder.show_for(None, self.kiosk)
        self.notice.setText(breakable(text))
        self.notice.setAccessibleName(text)
        self.notice_box.show()

    def show_saved(self, path: str) -> None:
        """The message says where ``path`` was saved: offer its folder and say it aloud."""
        self.saved_folder.show_for(Path(path), self.kiosk)
        text = self.notice.accessibleName()
        announce(self.notice, text, assertive=True)
        self._say(text)

    def dismiss_notice(self, moving_on: bool = False) -> None:
        """Hide the message (``moving_on``: only a passing one, not a start-up notice)."""
        if not (moving_on and self._lasting_notice):
            self.notice_box.hide()

    # -- kiosk reset (called by desktop_app/ui/kiosk.py) -----------------------------------
    def reset(self, settings: Settings) -> None:
        """Forget the previous person: notices, explanation, search, picture, history; the
        home screen with ``settings``. Add here whatever else a person can leave behind."""
        self._notices.clear()
        self.dismiss_notice()
        self.reader.hide_explanation()
        if self._picture_viewer is not None:
            self._picture_viewer.close_viewer()
        for name in ("search", "handout", "take_home"):
            if self.built(name):
                self.built(name).clear()
        self.nav.forget()
        self.apply_settings(settings)
    # -- end of kiosk reset ------------------------------------------------------------------

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        theme, s = self.theme, self.settings
        self.toolbar.retranslate(s, theme, self.kiosk)
        for name in ("handout", "bookmarks", "take_home"):
            if self.built(name):
                self.built(name).retranslate()
        self.saved_folder.retranslate()
        self.retranslate_take_home()
        self.bookmark_button.apply_theme(theme, CHROME_PX)
        self.notice_close.setText(_("Close"))
        self.notice_close.setAccessibleName(_("Close the message"))
        self.reader.retranslate()
        if self.built("search"):
            self.search.retranslate()
        if self._notices and not self.notice_box.isHidden():
            self.show_notice(" ".join(make() for make in self._notices), lasting=True)

    def add_startup_notice(self, make_text) -> None:
        """A notice that is re-made in the new language when the language changes."""
        self._notices.append(make_text)
        self.show_notice(" ".join(make() for make in self._notices), lasting=True)
