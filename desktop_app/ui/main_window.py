"""The main window: top bar, the stack of views, navigation, and the switches."""
from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QMainWindow, QPushButton,
                               QStackedWidget, QTextBrowser, QVBoxLayout, QWidget)

from desktop_app import i18n
from desktop_app.core.model import Library
from desktop_app.core.render import GLOSSARY_ID, TextStyle, glossary_page
from desktop_app.core.settings import SCALES, Settings
from desktop_app.core.themes import CUSTOM_ID, DEFAULT_THEME, THEMES, Theme, custom_theme
from desktop_app.i18n import N_, _
from desktop_app.ui.flow import FlowLayout
from desktop_app.ui.reader import ReaderView
from desktop_app.core.bookmarks import BookmarkStore
from desktop_app.ui import bookmarks_view
from desktop_app.ui.bookmarks_view import BookmarkButton, BookmarksView, notice_text
from desktop_app.ui.speech_bar import SpeechBar
from desktop_app.ui.accessible import announce, mark_document
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.style import COMPACT_SCALE, application_qss, control_px
from desktop_app.ui.views import HomeView, TopicView
# Personal visual adjustments: the settings view, dimming, reading ruler, large pictures.
from desktop_app.ui.dimmer import Dimmer
from desktop_app.ui.picture_viewer import PictureViewer
from desktop_app.ui.ruler import ReadingRuler

# The button that opens the handout view (the view itself is built on first use).
HANDOUT_TEXT = N_("Handout")
HANDOUT_NAME = N_("Handout for the citizen")
HANDOUT_DESCRIPTION = N_("Print or save pages in large print for the citizen")

SHORTCUTS = [  # (key sequence, N_ description); actions are bound by name in _shortcuts()
    ("home", "Ctrl+Home", N_("Go to the home screen")),
    ("back", "Alt+Left", N_("Go back")),
    ("forward", "Alt+Right", N_("Go forward")),
    ("language", "Ctrl+L", N_("Switch language (Danish/English)")),
    ("level", "Ctrl+E", N_("Switch between standard text and easy-read")),
    ("bigger", "Ctrl++", N_("Larger text")),
    ("smaller", "Ctrl+-", N_("Smaller text")),
    ("reset_size", "Ctrl+0", N_("Normal text size")),
    ("theme", "Ctrl+T", N_("Next colour theme")),
    ("help", "F1", N_("Help and keyboard shortcuts")),
    ("search", "Ctrl+F", N_("Search the pages")),
    ("glossary", "Ctrl+G", N_("Word list: the hard words explained")),
    ("settings", "Ctrl+,", N_("Settings: colours, text, reading aids and reading aloud")),
    ("ruler_up", "Alt+Up", N_("Move the reading ruler up (when it is on)")),
    ("ruler_down", "Alt+Down", N_("Move the reading ruler down (when it is on)")),
    ("read", "Ctrl+Space", N_("Read aloud, pause or resume")),
    ("stop", "Ctrl+.", N_("Stop reading")),
    ("previous", "Ctrl+Up", N_("Read the previous sentence")),
    ("next", "Ctrl+Down", N_("Read the next sentence")),
    ("repeat", "Ctrl+R", N_("Repeat the sentence")),
    ("from_here", "Ctrl+Return", N_("Read from the cursor, or read the selected text")),
]
MEDIA_KEYS = {"read": [Qt.Key.Key_MediaTogglePlayPause, Qt.Key.Key_MediaPlay,
                       Qt.Key.Key_MediaPause],
              "stop": [Qt.Key.Key_MediaStop], "previous": [Qt.Key.Key_MediaPrevious],
              "next": [Qt.Key.Key_MediaNext]}


class MainWindow(QMainWindow):
    """Signals: ``sig_settings_changed()`` whenever a remembered setting changes (read
    ``settings``; a Python object as a signal argument crashed PySide6 at exit);
    ``sig_page_shown(str page_id)`` after a page is rendered."""

    sig_settings_changed = Signal()
    sig_page_shown = Signal(str)

    def __init__(self, library: Library, settings: Settings, kiosk: bool = False):
        super().__init__()
        self.library = library
        self.settings = settings
        self.kiosk = kiosk
        self.history: list[tuple[str, str]] = []
        self.future: list[tuple[str, str]] = []   # where Forward goes, after Back
        self.location: tuple[str, str] = ("home", "")
        self._notices: list = []
        self.web_address_handler = None   # kiosk: desktop_app/ui/kiosk.py shows a QR code
        self._build()
        self._shortcuts()
        self.apply_settings(settings, initial=True)

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        self.bar = QWidget()
        self.bar.setObjectName("topbar")
        bar = FlowLayout(self.bar, spacing=8)
        self.home_button = QPushButton()
        self.back_button = QPushButton()
        self.forward_button = QPushButton()
        self.handout_button = QPushButton()
        self.my_topics_button = QPushButton()
        self.search_button = QPushButton()
        self.glossary_button = QPushButton()
        self.lang_button = QPushButton()
        self.level_button = QPushButton()
        self.level_button.setCheckable(True)
        self.smaller_button = QPushButton()
        self.size_label = QLabel()
        self.bigger_button = QPushButton()
        self.theme_box = QComboBox()
        self.settings_button = QPushButton()
        self.help_button = QPushButton()
        for widget in (self.home_button, self.back_button, self.forward_button,
                       self.search_button, self.glossary_button, self.my_topics_button,
                       self.handout_button, self.lang_button, self.level_button,
                       self.smaller_button, self.size_label, self.bigger_button, self.theme_box,
                       self.settings_button, self.help_button):
            bar.addWidget(widget)
        self.home_button.clicked.connect(self.go_home)
        self.back_button.clicked.connect(self.go_back)
        self.forward_button.clicked.connect(self.go_forward)
        self.handout_button.clicked.connect(lambda: self._show(("handout", "")))
        self.my_topics_button.clicked.connect(lambda: self._show(("bookmarks", "")))
        self.handout_button.setVisible(not self.kiosk)
        self.my_topics_button.setVisible(not self.kiosk)
        self.search_button.clicked.connect(self.show_search)
        self.glossary_button.clicked.connect(lambda: self.open_page(GLOSSARY_ID))
        self.lang_button.clicked.connect(self.toggle_language)
        self.level_button.clicked.connect(self.toggle_level)
        self.smaller_button.clicked.connect(lambda: self.step_size(-1))
        self.bigger_button.clicked.connect(lambda: self.step_size(1))
        self.theme_box.activated.connect(
            lambda i: self.choose_theme(self.theme_box.itemData(i)))
        self.settings_button.clicked.connect(self.show_settings)
        self.help_button.clicked.connect(self.show_help)
        self.where = QLabel()
        self.where.setObjectName("whereami")
        self.where.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice_close = QPushButton()
        self.notice_close.clicked.connect(self.dismiss_notice)
        self.notice_box = QWidget()
        notice_row = QHBoxLayout(self.notice_box)
        notice_row.setContentsMargins(0, 0, 0, 0)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self.notice_box.hide()
        self.stack = QStackedWidget()
        self.home = HomeView()
        self.topic = TopicView()
        self.reader = ReaderView()
        self.help = QTextBrowser()
        self.help.setOpenLinks(False)
        mark_document(self.help)
        # Settings, search, handout and "my topics" are built when first opened (start-up).
        self._views: dict[str, QWidget] = {}
        self.search_index = None
        self.bookmark_store = BookmarkStore()
        self.bookmark_button = BookmarkButton(self.bookmark_store)
        self.bookmark_button.set_enabled_for_kiosk(not self.kiosk)
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
        self.speech_bar = SpeechBar()
        outer.addWidget(self.bar)
        where_row = QHBoxLayout()
        where_row.addWidget(self.where, 1)
        where_row.addWidget(self.bookmark_button, 0)
        outer.addLayout(where_row)
        outer.addWidget(self.notice_box)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.speech_bar)
        self.setCentralWidget(central)
        # -- personal visual adjustments: layers over the reader and over the whole window
        self._ruler = None           # the reading ruler, made when first turned on
        self._picture_viewer = None   # made when a picture is first opened
        self.stack.currentChanged.connect(
            lambda _i: self._picture_viewer is not None and self._picture_viewer.close_viewer())
        self.dimmer = Dimmer(self)   # last, so it lies over everything
        self.resize(1280, 800)

    # -- views built on first use -----------------------------------------------------------
    def built(self, name: str):
        """The view ``name`` (settings, search, handout, bookmarks) if it exists, else None."""
        return self._views.get(name)

    def _view(self, name: str) -> QWidget:
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = getattr(self, f"_make_{name}")()
            self.stack.addWidget(view)
        return view

    settings_view = property(lambda self: self._view("settings"))
    search = property(lambda self: self._view("search"))
    handout_view = property(lambda self: self._view("handout"))
    bookmarks_view = property(lambda self: self._view("bookmarks"))

    def _make_settings(self) -> QWidget:
        from desktop_app.ui.settings_view import SettingsView
        return SettingsView(self)

    def _make_search(self) -> QWidget:
        from desktop_app.ui.search_view import SearchView
        view = SearchView()
        view.sig_open.connect(self._open_search_hit)
        view.sig_open_term.connect(self.open_term)
        view.retranslate()
        return view

    def _make_handout(self) -> QWidget:
        from desktop_app.ui.handout_view import HandoutView
        view = HandoutView()
        view.set_kiosk(self.kiosk)
        view.sig_message.connect(self.show_notice)
        view.settings = lambda: self.settings   # the export's voice and speed, and "done":
        view.speak = lambda text: hasattr(self, "speech") and self.speech.speak(text)
        view.retranslate()
        return view

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
            "smaller": lambda: self.step_size(-1), "reset_size": lambda: self.change(text_scale=100),
            "theme": self.next_theme, "help": self.show_help, "search": self.show_search,
            "glossary": lambda: self.open_page(GLOSSARY_ID), "settings": self.show_settings,
            "ruler_up": lambda: self.ruler.move_lines(-1),
            "ruler_down": lambda: self.ruler.move_lines(1),
            "read": lambda: self.speech_bar.sig_read.emit(),
            "stop": lambda: self.speech_bar.sig_stop.emit(),
            "previous": lambda: self.speech_bar.sig_previous.emit(),
            "next": lambda: self.speech_bar.sig_next.emit(),
            "repeat": lambda: self.speech_bar.sig_repeat.emit(),
            "from_here": lambda: self.speech_bar.sig_read_from_cursor.emit(),
        }
        self.actions_by_name: dict[str, QAction] = {}
        for name, keys, _description in SHORTCUTS:
            action = QAction(self)
            self.actions_by_name[name] = action
            sequences = [QKeySequence(keys)]
            if name == "bigger":
                sequences.append(QKeySequence("Ctrl+="))
            if name == "back":
                sequences.append(QKeySequence(QKeySequence.StandardKey.Back))
            sequences += [QKeySequence(key) for key in MEDIA_KEYS.get(name, [])]
            action.setShortcuts(sequences)
            action.triggered.connect(handlers[name])
            self.addAction(action)

    # -- settings --------------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        s = self.settings
        if s.own_colours and s.text_colour and s.background_colour:
            return custom_theme(s.text_colour, s.background_colour)
        return THEMES.get(s.theme, THEMES[DEFAULT_THEME])

    def text_style(self) -> TextStyle:
        s = self.settings
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
            return _("Easy-read on") if new.level == "easy" else _("Easy-read off")
        if old.text_scale != new.text_scale:
            return _("Text size %d percent") % new.text_scale
        if old.theme != new.theme:
            return _("Colour theme: %s") % _(self.theme.name)
        return _("Setting changed")

    def apply_settings(self, settings: Settings, initial: bool = False) -> None:
        position = self.reader.scroll_permille() if self.location[0] == "page" else 0
        language_changed = initial or settings.lang != i18n.language()
        self.settings = settings
        if language_changed:
            i18n.set_language(settings.lang)
        self.setStyleSheet(application_qss(self.theme, settings.text_scale, self.kiosk))
        self.retranslate()
        if initial and settings.page and self.library.page(settings.page, settings.lang,
                                                           settings.level):
            self.open_page(settings.page, remember=False)
            QTimer.singleShot(0, lambda: self.reader.set_scroll_permille(settings.position))
        else:
            self._show(self.location, record=False)
            if self.location[0] == "page":
                self.reader.set_scroll_permille(position)
        self._apply_personal()
        if not initial:
            self._save()

    def _save(self) -> None:
        page = self.location[1] if self.location[0] == "page" else ""
        position = self.reader.scroll_permille() if page else 0
        self.settings = replace(self.settings, page=page, position=position)
        self.sig_settings_changed.emit()

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

    # -- navigation ------------------------------------------------------------------------
    def go_home(self) -> None:
        self._show(("home", ""))

    def open_topic(self, topic: str) -> None:
        self._show(("topic", topic))

    def open_page(self, page_id: str, remember: bool = True) -> None:
        self._show(("page", page_id), record=remember)

    def show_help(self) -> None:
        self._show(("help", ""))

    def show_search(self) -> None:
        self._show(("search", ""))
        self.search.field.setFocus()

    def _open_search_hit(self, page_id: str, sentence_index: int) -> None:
        from desktop_app.core.search import title_sentence_count
        hit = self.search.opened
        if hit is not None and hit.level != self.settings.level:
            self.change(level=hit.level)
        self.open_page(page_id)
        page = self.reader.page
        if page is not None and page.id == page_id:
            self.reader.highlight(sentence_index + title_sentence_count(page))

    def open_term(self, term_id: str) -> None:
        """The word list, at the term."""
        term = self.library.glossary.get(term_id)
        self.open_page(GLOSSARY_ID)
        if term is not None:
            self.reader.go_to_heading_text(term.term[self.settings.lang])

    def next_page_id(self) -> str:
        """The page after the current one in home-screen order, or '' at the end."""
        if self.location[0] != "page":
            return ""
        ids = self.library.page_ids()
        position = ids.index(self.location[1]) if self.location[1] in ids else len(ids)
        return ids[position + 1] if position + 1 < len(ids) else ""

    def go_back(self) -> None:
        if self.history:
            self.future.append(self.location)
            self._show(self.history.pop(), record=False)

    def go_forward(self) -> None:
        if self.future:
            self.history.append(self.location)
            self._show(self.future.pop(), record=False)

    def follow_link(self, url: str) -> None:
        scheme, _, target = url.partition(":")
        if scheme == "page":
            self.open_page(target.split("#")[0])
        elif scheme == "term":
            term = self.library.glossary.get(target)
            if term:
                lang, level = self.settings.lang, self.settings.level
                self.reader.show_explanation(f"{term.term[lang]}: {term.explain(lang, level)}")
        elif scheme == "picture":
            self.show_picture(target)
        elif scheme in ("http", "https"):
            self.show_web_address(url)

    def show_web_address(self, url: str) -> None:
        """Web links never leave the app: the address is shown so it can be typed or noted
        (in kiosk mode large, with a QR code, by ``web_address_handler``)."""
        if self.web_address_handler is not None:
            self.web_address_handler(url)
            return
        self.show_notice(_("Web address: %s") % url)

    def _show(self, location: tuple[str, str], record: bool = True) -> None:
        kind, key = location
        if record and location != self.location:
            self.history.append(self.location)
            del self.history[:-50]
            self.future.clear()
        lang, level, theme = self.settings.lang, self.settings.level, self.theme
        px = control_px(self.settings.text_scale)
        if kind == "page":
            page = (glossary_page(self.library, lang, level, _("Word list"))
                    if key == GLOSSARY_ID else self.library.page(key, lang, level))
            if page is None:
                self.show_notice(_("This page could not be shown."))
                kind, key = "home", ""
            else:
                self.reader.show_page(self.library, page, theme, self.text_style())
                self.stack.setCurrentWidget(self.reader)
                siblings = self.library.pages_in(page.topic, lang, level)
                number = next((i for i, p in enumerate(siblings, 1) if p.id == page.id), 1)
                topic = self.library.topics.get(page.topic)
                if topic is None:
                    self.where.setText(page.title)
                else:
                    self.where.setText(_("%(topic)s › %(page)s (page %(n)d of %(total)d)") % {
                        "topic": topic.title[lang], "page": page.title, "n": number,
                        "total": len(siblings)})
                self.setWindowTitle(f"{page.title} – {_('Disability policy in Ballerup')}")
        if kind == "topic":
            self.topic.populate(self.library, key, lang, level, theme, px)
            self.stack.setCurrentWidget(self.topic)
            self.where.setText(self.topic.heading.text())
            self.setWindowTitle(f"{self.topic.heading.text()} – "
                                f"{_('Disability policy in Ballerup')}")
        elif kind == "help":
            self.help.setHtml(self._help_html())
            self.help.setAccessibleName(_("Help"))
            self.stack.setCurrentWidget(self.help)
            self.where.setText(_("Help"))
            self.setWindowTitle(f"{_('Help')} – {_('Disability policy in Ballerup')}")
        elif kind == "settings":
            self.settings_view.refresh()
            self.stack.setCurrentWidget(self.settings_view)
            self.where.setText(_("Settings"))
            self.setWindowTitle(f"{_('Settings')} – {_('Disability policy in Ballerup')}")
        elif kind == "search":
            if self.search_index is None:
                from desktop_app.core.search import SearchIndex
                self.search_index = SearchIndex.build(self.library)
            self.search.set_context(self.search_index, lang, level)
            self.search.apply_theme(theme)
            self.stack.setCurrentWidget(self.search)
            self.where.setText(_("Search"))
            self.setWindowTitle(f"{_('Search')} – {_('Disability policy in Ballerup')}")
        elif kind == "handout":
            self.handout_view.set_context(self.library, lang, theme, level=level,
                                          scale=self.settings.text_scale)
            if self.location[0] == "page":
                self.handout_view.preselect(self.location[1])
            self.stack.setCurrentWidget(self.handout_view)
            self.where.setText(_("Handout for the citizen"))
        elif kind == "bookmarks":
            self.bookmarks_view.set_context(self.library, lang, level, theme, px)
            self.stack.setCurrentWidget(self.bookmarks_view)
            self.where.setText(_("My topics"))
        elif kind == "home":
            self.home.populate(self.library, lang, level, theme, px)
            self.stack.setCurrentWidget(self.home)
            self.where.setText(_("Home"))
            self.setWindowTitle(_("Disability policy in Ballerup"))
        self.location = (kind, key)
        self.back_button.setEnabled(bool(self.history))
        self.forward_button.setEnabled(bool(self.future))
        self.bookmark_button.set_page(key if kind == "page" else "")
        self.where.setAccessibleName(self.where.text())
        if kind == "page":
            self.sig_page_shown.emit(key)
            announce(self.reader.browser, _("Page shown: %s") % self.reader.page.title)
        self._save()

    def _help_html(self) -> str:
        rows = "".join(f"<tr><td><b>{html.escape(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))}</b></td>"
                       f"<td>{html.escape(_(text))}</td></tr>"
                       for _name, keys, text in SHORTCUTS)
        return (f"<h1>{html.escape(_('Help'))}</h1><p>{html.escape(_('Use Tab and Shift+Tab to move between buttons, Enter or Space to press them. These keys do the main things:'))}</p>"
                f"<table cellpadding='8'>{rows}</table>")

    # -- notices ---------------------------------------------------------------------------
    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice_box.show()

    def dismiss_notice(self) -> None:
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
        for name in ("search", "handout"):
            if self.built(name):
                self.built(name).clear()
        self.future.clear()
        self.history.clear()
        self.location = ("home", "")
        self.apply_settings(settings)
        self.history.clear()
        self.back_button.setEnabled(False)
    # -- end of kiosk reset ------------------------------------------------------------------

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        theme, s = self.theme, self.settings
        px = control_px(s.text_scale)
        compact = s.text_scale >= COMPACT_SCALE

        def setup(button, text, name, icon_name, description=""):
            setup_button(button, text, name, icon_name, theme, px, description, compact)
        setup(self.home_button, _("Home"), _("Home"), "home", _("Go to the home screen"))
        setup(self.back_button, _("Back"), _("Back"), "back", _("Go back to where you were"))
        setup(self.forward_button, _("Forward"), _("Forward"), "forward",
              _("Go forward again after going back"))
        setup(self.search_button, _("Search"), _("Search"), "search", _("Search the pages"))
        setup(self.handout_button, _(HANDOUT_TEXT), _(HANDOUT_NAME), "print",
              _(HANDOUT_DESCRIPTION))
        setup(self.my_topics_button, _(bookmarks_view.OPEN_TEXT), _(bookmarks_view.OPEN_TEXT),
              "bookmark", _(bookmarks_view.OPEN_DESCRIPTION))
        for name in ("handout", "bookmarks"):
            if self.built(name):
                self.built(name).retranslate()
        self.bookmark_button.apply_theme(theme, px, compact)
        setup(self.glossary_button, _("Word list"), _("Word list"), "glossary",
              _("Word list: the hard words explained"))
        other = "English" if s.lang == "da" else "Dansk"
        setup(self.lang_button, other, _("Change language to English") if s.lang == "da"
              else _("Change language to Danish"), "language")
        setup(self.level_button, _("Easy-read"), _("Easy-read"), "easy-read",
              _("Show the pages in easy-read"))
        self.level_button.setChecked(s.level == "easy")
        setup(self.smaller_button, _("Smaller"), _("Smaller text"), "zoom-out")
        setup(self.bigger_button, _("Larger"), _("Larger text"), "zoom-in")
        self.size_label.setVisible(not compact)
        self.size_label.setText(_("Text %d %%") % s.text_scale)
        self.size_label.setAccessibleName(_("Text size %d percent") % s.text_scale)
        self.smaller_button.setEnabled(s.text_scale > SCALES[0])
        self.bigger_button.setEnabled(s.text_scale < SCALES[-1])
        self.theme_box.clear()
        for theme_id, item in THEMES.items():
            self.theme_box.addItem(_(item.name), theme_id)
        if s.text_colour and s.background_colour:
            self.theme_box.addItem(_("Own colours"), CUSTOM_ID)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(self.theme.id)))
        self.theme_box.setAccessibleName(_("Colour theme"))
        self.theme_box.setToolTip(_("Colour theme"))
        setup(self.settings_button, _("Settings"), _("Settings"), "settings",
              _("Colours, text, pictures, reading aids and reading aloud"))
        setup(self.help_button, _("Help"), _("Help"), "info", _("Help and keyboard shortcuts"))
        self.notice_close.setText(_("Close"))
        self.notice_close.setAccessibleName(_("Close the message"))
        self.reader.retranslate()
        if self.built("search"):
            self.search.retranslate()
        self.speech_bar.apply_theme(theme, px, compact)
        if self._notices and not self.notice_box.isHidden():
            self.show_notice(" ".join(make() for make in self._notices))

    def add_startup_notice(self, make_text) -> None:
        """A notice that is re-made in the new language when the language changes."""
        self._notices.append(make_text)
        self.show_notice(" ".join(make() for make in self._notices))
