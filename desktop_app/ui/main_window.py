"""The main window: a view of the reader's state (``ui/state.py``). It holds the toolbar, the
stack of views, the message line and the read-aloud bar; it shows the state's location and
follows its settings. Only the home screen is made before the first paint: the reader, a
topic's list and Help are made when first shown, the other views in ``ui/more_views.py``; the
layers over the text are in ``ui/adjustments.py``, where links lead in ``ui/links.py``."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from desktop_app import i18n
from desktop_app.core.bookmarks import BookmarkStore
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.navigator import Location
from desktop_app.core.place import ReadingPlace
from desktop_app.core.settings import Settings
from desktop_app.i18n import _
from desktop_app.ui import actions
from desktop_app.ui.announce import announce
from desktop_app.ui.adjustments import Adjustments
from desktop_app.ui.bookmarks_view import notice_text
from desktop_app.ui.focus import RegionFocus, press_focused
from desktop_app.ui.more_views import MoreViews
from desktop_app.ui.notices import NoticeBar
from desktop_app.ui.lazy import Lazy
from desktop_app.ui.links import Links
from desktop_app.ui.speech_bar import SpeechBar
from desktop_app.ui.state import ReaderState
from desktop_app.ui.style import application_qss
from desktop_app.ui.toolbar import Toolbar
from desktop_app.ui.view_context import ViewContext
from desktop_app.ui.views import HomeView, TopicView, ViewStack
from desktop_app.ui.where_row import WhereRow

if TYPE_CHECKING:   # made (and imported) when first opened
    from desktop_app.ui.about_view import AboutView
    from desktop_app.ui.reader import ReaderView

TITLE = "Disability policy in Ballerup"


class MainWindow(QMainWindow):
    """Signal: ``sig_closing()`` when the window closes (its place on the screen is saved)."""

    sig_closing = Signal()

    def __init__(self, state: ReaderState, policy: KioskPolicy = NOT_A_KIOSK,
                 place: ReadingPlace = ReadingPlace(), reduced_motion: bool = False):
        super().__init__()
        self.state = state
        self.policy = policy   # what a kiosk allows (core/kiosk_policy.py)
        self.reduced_motion = reduced_motion
        self._start_place = place   # the page (and how far down) to open at the start
        self._shown_once = False
        self._about: AboutView | None = None
        self.speech = None             # reading aloud and the interface speech: use_services
        self.interface_speaker = None
        self.kiosk_controller = None   # on a kiosk: use_kiosk
        self._build()
        # One QAction per command of the table (ui/actions.py) that exists here; the toolbar's
        # and the speech bar's buttons trigger them: one command, a button and keys.
        self.actions_by_name = actions.install(self, self._handlers(), policy)
        self.toolbar.connect_actions(self.actions_by_name)
        state.sig_location_changed.connect(lambda record: self.show_location(record))
        state.sig_language_changed.connect(self._language_changed)
        state.sig_level_changed.connect(self._relayout)
        state.sig_look_changed.connect(self._relayout)
        state.sig_adjustments_changed.connect(self._adjustments_changed)
        state.sig_settings_changed.connect(self._announce_change)
        self._language_changed(start=True)

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        self.speech_bar = SpeechBar()
        self.toolbar = Toolbar(self.speech_bar, self.policy, self.state.choose_theme)
        self.notices = NoticeBar(self.say, self.policy)
        self.stack = ViewStack()
        self.home = HomeView()
        self.home.set_policy(self.policy)
        self.stack.addWidget(self.home)
        # The other views are made when first shown: the first paint does not wait for them.
        self.lazy_reader: Lazy[ReaderView] = self.stack.later(self._make_reader)
        self._topic = self.stack.later(self._make_topic)
        self._help = self.stack.later(self._make_help)
        self.bookmark_store = BookmarkStore()
        self.where_row = WhereRow(self.bookmark_store, self.policy, self.take_home)
        self.where = self.where_row.title   # the place's name, over the view
        self.take_home_button = self.where_row.take_home_button
        self.bookmark_button = self.where_row.bookmark_button
        # Settings, search, handout, saved pages and "take it home": built when first opened.
        self.views = MoreViews(self.state, self.stack, self.bookmark_store, self.notices,
                               self.say, self.policy, lambda: self.speech)
        self.bookmark_button.sig_toggled.connect(self.views.refresh_bookmarks)
        if self.policy.may_save_bookmarks:
            self.bookmark_store.load()
            if self.bookmark_store.notice:
                self.notices.add_startup_notice(lambda: notice_text(self.bookmark_store))
        self.home.sig_open_topic.connect(self.state.open_topic)
        outer.addWidget(self.toolbar.bar)
        outer.addWidget(self.toolbar.more_panel)
        outer.addWidget(self.where_row)
        outer.addWidget(self.notices)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.speech_bar)
        self.focus = RegionFocus(self, lambda: [self.stack, self.toolbar.bar,
                                                self.toolbar.more_panel, self.where_row,
                                                self.notices])
        self.setCentralWidget(central)
        self.adjustments = Adjustments(self, self.state, self.lazy_reader, self.read_aloud)
        self.stack.currentChanged.connect(lambda _i: self.adjustments.close_picture())
        self.links = Links(self.state, self.lazy_reader, self.notices,
                           self.adjustments.show_picture)
        self.views.sig_open_hit.connect(lambda page_id, index: self.links.open_search_hit(
            page_id, index, self.views.opened_level()))
        self.views.sig_open_term.connect(
            lambda term_id: self.links.open_term(term_id, self.views.opened_hit()))
        self.resize(1280, 800)

    reader = property(lambda self: self.lazy_reader.get(), doc="The reader (made if need be).")
    topic = property(lambda self: self._topic.get(), doc="A topic's pages (made if need be).")
    help = property(lambda self: self._help.get(), doc="Help (made if need be).")

    def _make_reader(self) -> ReaderView:
        from desktop_app.ui.reader import ReaderView
        reader = ReaderView()
        reader.retranslate()
        return reader

    def _make_topic(self) -> TopicView:
        topic = TopicView()
        topic.sig_open_page.connect(self.state.open_page)
        return topic

    def _make_help(self) -> QTextBrowser:
        view = QTextBrowser()
        view.setObjectName("pageText")
        view.setOpenLinks(False)
        view.anchorClicked.connect(self._help_link)
        from desktop_app.ui.accessible import mark_document
        mark_document(view)
        return view

    def use_services(self, speech, interface_speaker) -> None:
        """The speech controller (``ui/speech_controller.py``) and the interface speaker
        (``ui/speak_interface.py``), made by ``app.py``."""
        self.speech, self.interface_speaker = speech, interface_speaker
        self.home.sig_speak_hint.connect(speech.read_screen)
        speech.sig_utterance_finished.connect(interface_speaker.utterance_finished)

    def use_kiosk(self, kiosk_controller) -> None:
        """The kiosk controller (``ui/kiosk.py``), made by ``app.py`` on a kiosk."""
        self.kiosk_controller = kiosk_controller

    def say(self, text: str) -> None:
        """An interface text said aloud (a saved file's place)."""
        if self.speech is not None:
            self.speech.speak(text)

    def read_aloud(self, text: str, lang: str) -> None:
        """A text read aloud as reading (a picture's text)."""
        if self.speech is not None:
            self.speech.read(text, lang)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._shown_once:   # the keyboard starts in the view: the first tile, the text
            self._shown_once = True
            self._focus_into_view(self.state.location[0], force=True)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.sig_closing.emit()
        super().closeEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        """Tab: the view first (the text, the tiles), then the toolbar and the rest."""
        return self.focus.step(forward)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or \
                not press_focused(event.key()):
            super().keyPressEvent(event)

    # -- commands --------------------------------------------------------------------------
    def _handlers(self) -> dict:
        state, bar, show = self.state, self.speech_bar, self.state.go
        return {
            "home": state.go_home, "back": state.back, "forward": state.forward,
            "language": state.toggle_language, "level": state.toggle_level,
            "bigger": lambda: state.step_size(1), "smaller": lambda: state.step_size(-1),
            "reset_size": lambda: state.change(text_scale=Settings().text_scale), "theme": state.next_theme,
            "help": lambda: show(("help", "")), "search": self.show_search,
            "glossary": self._open_glossary,
            "settings": lambda: show(("settings", "")),
            "handout": lambda: show(("handout", "")),
            "bookmarks": lambda: show(("bookmarks", "")),
            "region": lambda: self.focus.next_region(True),
            "region_back": lambda: self.focus.next_region(False),
            "ruler_up": lambda: self.adjustments.ruler.move_lines(-1),
            "ruler_down": lambda: self.adjustments.ruler.move_lines(1),
            "read": bar.sig_read.emit, "stop": bar.sig_stop.emit,
            "previous": bar.sig_previous.emit, "next": bar.sig_next.emit,
            "repeat": bar.sig_repeat.emit, "from_here": bar.sig_read_from_cursor.emit,
            "escape": self.escape, "quit": self.close,
        }

    def _open_glossary(self) -> None:
        from desktop_app.core.render import GLOSSARY_ID
        self.state.open_page(GLOSSARY_ID)

    def show_search(self) -> None:
        self.state.go(("search", ""))
        self.views.search.field.setFocus()

    def escape(self) -> None:
        """Esc: reading aloud stops (the keyboard goes to Read aloud); when nothing is being
        read, what is open closes, the innermost first: a picture, the More panel, a word's
        explanation, then search, help, settings, the handout, saved pages or "Take it home"
        (back to where the reader was)."""
        speech, more = self.speech, self.toolbar.more_button
        if speech is not None and speech.reading():
            speech.stop_by_user()
            return
        if speech is not None:
            speech.quiet()   # a button's name being said ends too
        if self.adjustments.picture_open():
            self.adjustments.close_picture()
        elif more.isChecked():
            inside = self.toolbar.more_panel.isAncestorOf(QApplication.focusWidget())
            more.setChecked(False)
            if inside:
                more.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.lazy_reader.made() is not None and self.reader.explanation_box.isVisible():
            self.reader.hide_explanation()
        elif self.state.location[0] not in ("home", "topic", "page"):
            if self.state.can_go_back:
                self.state.back()
            else:
                self.state.go_home()

    def _help_link(self, url) -> None:
        from desktop_app.ui.about_view import ABOUT_LINK
        if url.toString() == ABOUT_LINK:
            self.show_about()

    @property
    def about_view(self) -> AboutView | None:
        """About this program, once it has been opened."""
        return self._about

    def show_about(self) -> AboutView:
        """Open (or raise) About this program."""
        if self._about is None:
            from desktop_app.ui.about_view import AboutView
            self._about = AboutView(self, self.state.library)
        self._about.open_view()
        return self._about

    def take_home(self) -> None:
        """"Take it home" for the page being read, or for every page of the topic shown."""
        kind, key = self.state.location
        if kind in ("page", "topic"):
            self.state.go(("take_home", f"{kind}:{key}"))

    # -- following the state ---------------------------------------------------------------
    def view_context(self) -> ViewContext:
        s = self.state.settings
        return ViewContext(self.state.library, s.lang, s.level, self.state.theme, s.text_scale,
                           self.policy)

    def _language_changed(self, start: bool = False) -> None:
        i18n.set_language(self.state.settings.lang)
        self._relayout(start=start)

    def _relayout(self, start: bool = False) -> None:
        """The text laid out again (a new size, colours, language or level) at the same place
        and the same distance down the page."""
        state, s = self.state, self.state.settings
        position = self.reader.scroll_permille() if state.location[0] == "page" else 0
        if s.font_family:   # a saved shipped font (Atkinson) is registered before it is used
            from desktop_app.ui import fonts
            fonts.load_fonts()
        self.setStyleSheet(application_qss(state.theme, s.text_scale, self.policy))
        self.retranslate()
        begin = self._start_place
        if start and begin.page and state.library.page(begin.page, s.lang, s.level):
            state.open_page(begin.page, remember=False)
            QTimer.singleShot(0, lambda: self.reader.set_scroll_permille(begin.position))
        else:
            self.show_location(record=False, rerender=True)
            if state.location[0] == "page":
                self.reader.set_scroll_permille(position)
        self._adjustments_changed()

    def _adjustments_changed(self) -> None:
        self.adjustments.apply()
        for name in ("ruler_up", "ruler_down"):
            self.actions_by_name[name].setEnabled(self.state.settings.reading_ruler)

    def _announce_change(self, names: list) -> None:
        """A screen reader is told what changed, in the new UI language."""
        announce(self, self.state.describe_change(names))

    def reading_place(self) -> ReadingPlace:
        """Where the reader is: the page and how far down it (saved when the window closes)."""
        page = self.state.page_id()
        return ReadingPlace(page, self.reader.scroll_permille() if page else 0)

    def reset(self, settings) -> None:
        """(kiosk) Forget the previous person: notices, explanation, search, picture, history;
        the home screen with ``settings``. Add here whatever else a person can leave behind."""
        self.notices.forget()
        if self.lazy_reader.made() is not None:
            self.reader.hide_explanation()
        self.adjustments.close_picture()
        self.views.clear()
        self.state.forget()
        if not self.state.relayout_needed(self.state.replace_settings(settings)):
            self._relayout()   # the same look: the home screen is shown all the same

    # -- showing the location --------------------------------------------------------------
    def show_location(self, record: bool = True, rerender: bool = False) -> None:
        """Show the state's location. ``rerender``: the same place again after a setting
        changed: no announcement, the focus left where it is."""
        state = self.state
        kind, key = state.location
        if not rerender and state.location != state.previous:
            self.notices.dismiss(moving_on=True)   # "Saved in …" stays with its view
        ctx = self.view_context()
        if kind == "page":
            kind, key = self._show_page(key, ctx)
        title = "" if kind in ("page", "home", "topic", "help") else \
            self.views.show(kind, key, ctx)
        if kind == "topic":
            self.topic.populate(ctx, key)
            self.stack.setCurrentWidget(self.topic)
            title = self.topic.heading.text()
        elif kind == "help":
            self.help.setHtml(actions.help_html(self.policy))
            self.help.setAccessibleName(_("Help"))
            self.stack.setCurrentWidget(self.help)
            title = _("Help")
        elif kind == "home":
            self.home.populate(ctx)
            self.stack.setCurrentWidget(self.home)
            title = _("Home")
        if kind != "page":
            self.where.setText(title)
        self.setWindowTitle(_(TITLE) if kind == "home" else f"{self.where.text()} – {_(TITLE)}")
        state.settle((kind, key))
        self.toolbar.set_history(state.can_go_back, state.can_go_forward)
        self.where_row.show_place(kind, key, state.theme, self.policy)
        if rerender:
            return
        if kind == "page":
            announce(self.reader.browser, _("Page shown: %s") % self.reader.page.title)
        self._focus_into_view(kind)

    def _show_page(self, key: str, ctx: ViewContext) -> Location:
        from desktop_app.core.render import GLOSSARY_ID, glossary_page
        library, lang, level = self.state.library, ctx.lang, ctx.level
        page = (glossary_page(library, lang, level, _("Word list")) if key == GLOSSARY_ID
                else library.page(key, lang, level))
        if page is None:
            self.notices.show_notice(_("This page could not be shown."))
            return ("home", "")
        self.stack.setCurrentWidget(self.reader)
        self.reader.show_page(library, page, ctx.theme, self.state.text_style())
        self.where_row.show_page_title(library, page)
        return ("page", key)

    def _focus_into_view(self, kind: str, force: bool = False) -> None:
        """A person working inside the view (a tile, a link) goes on in the new view: the
        reading text, or its first control. Focus on the toolbar stays there (unless
        ``force``: the start)."""
        focus = QApplication.focusWidget()
        if not force and focus is not None and focus.window() is self \
                and not self.stack.isAncestorOf(focus):
            return
        if kind == "page":
            target = self.reader.browser
        elif kind == "home":
            target = self.home.first_stop()
        else:
            target = self.focus.first_in(self.stack)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The texts in the UI language (the line over the view follows with the place)."""
        self.toolbar.retranslate(self.state.settings, self.state.theme)
        self.views.retranslate()
        self.notices.retranslate()
        if self.lazy_reader.made() is not None:
            self.reader.retranslate()
