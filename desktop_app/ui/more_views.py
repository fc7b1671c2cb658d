"""The views that are built when first opened (start-up does not wait for them): settings,
search, the handout, saved pages and "Take it home". Each shows the state's location when it
is one of them."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.bookmarks import BookmarkStore
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.i18n import _
from desktop_app.ui import bookmarks_view
from desktop_app.ui.notices import NoticeBar
from desktop_app.ui.state import ReaderState
from desktop_app.ui.view_context import ViewContext
from desktop_app.ui.views import ViewStack, scrolling

SCROLLING = ("search", "handout", "take_home")   # these lie in a scroll area


class MoreViews(QObject):
    """Signals: ``sig_open_hit(str page_id, int sentence)`` and ``sig_open_term(str term)``
    from search. ``say(text)`` speaks an interface text; ``speech()`` gives the speech
    controller (or None)."""

    sig_open_hit = Signal(str, int)
    sig_open_term = Signal(str)

    def __init__(self, state: ReaderState, stack: ViewStack, bookmarks: BookmarkStore,
                 notices: NoticeBar, say: Callable[[str], None],
                 policy: KioskPolicy = NOT_A_KIOSK, speech: Callable[[], object] = lambda: None):
        super().__init__(stack)
        self._state = state
        self._stack = stack
        self._bookmarks = bookmarks
        self._notices = notices
        self._say = say
        self._policy = policy
        self._speech = speech
        self._views: dict[str, QWidget] = {}
        self.search_index = None     # core.search.SearchIndex, built on the first search
        self._makers = {"settings": self._make_settings, "search": self._make_search,
                        "handout": self._make_handout, "take_home": self._make_take_home,
                        "bookmarks": self._make_bookmarks}

    def built(self, name: str) -> QWidget | None:
        """The view ``name`` if it has been built, else None."""
        return self._views.get(name)

    def get(self, name: str) -> QWidget:
        """The view ``name``, built now if it was not yet."""
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = self._makers[name]()
            self._stack.addWidget(scrolling(view) if name in SCROLLING else view)
        return view

    settings_view = property(lambda self: self.get("settings"))
    search = property(lambda self: self.get("search"))
    handout = property(lambda self: self.get("handout"))
    bookmarks = property(lambda self: self.get("bookmarks"))
    take_home = property(lambda self: self.get("take_home"))

    # -- making them ------------------------------------------------------------------------
    def _make_settings(self) -> QWidget:
        from desktop_app.ui.settings_view import SettingsView
        view = SettingsView(self._state, self._speech, self._policy)
        # a new text size, colours or language show the view again (and refresh it)
        for changed in (self._state.sig_speech_changed, self._state.sig_adjustments_changed):
            changed.connect(lambda: view.isVisible() and view.refresh())
        return view

    def _make_search(self) -> QWidget:
        from desktop_app.ui.search_view import SearchView
        view = SearchView()   # its touch keyboard comes with a context that asks for it
        view.sig_open.connect(self.sig_open_hit)
        view.sig_open_term.connect(self.sig_open_term)
        view.retranslate()
        return view

    def _make_handout(self) -> QWidget:
        from desktop_app.ui.handout_view import HandoutView
        return self._saving(HandoutView(settings=lambda: self._state.settings, speak=self._say))

    def _make_take_home(self) -> QWidget:
        from desktop_app.ui.take_home_view import TakeHomeView
        return self._saving(TakeHomeView(settings=lambda: self._state.settings, speak=self._say))

    def _saving(self, view: QWidget) -> QWidget:
        """A view that saves and exports (the handout, take it home)."""
        view.set_policy(self._policy)
        view.sig_message.connect(self._notices.show_notice)
        view.sig_saved.connect(self._notices.show_saved)
        view.retranslate()
        return view

    def _make_bookmarks(self) -> QWidget:
        view = bookmarks_view.BookmarksView(self._bookmarks)
        view.set_policy(self._policy)
        view.sig_open_page.connect(self._state.open_page)
        view.retranslate()
        return view

    # -- showing them -----------------------------------------------------------------------
    def show(self, kind: str, key: str, ctx: ViewContext) -> str:
        """Show the view ``kind`` for ``key``; returns its title for the line above it."""
        state = self._state
        if kind == "settings":
            self.settings_view.refresh()
            self._stack.show_view(self.settings_view)
            return _("Settings")
        if kind == "search":
            if self.search_index is None:
                from desktop_app.core.search import SearchIndex
                self.search_index = SearchIndex.build(state.library)
            self.search.set_context(ctx._replace(search_index=self.search_index))
            self._stack.show_view(self.search)
            return _("Search")
        if kind == "handout":
            self.handout.set_context(ctx)
            if state.previous[0] == "page":
                self.handout.preselect(state.previous[1])
            self._stack.show_view(self.handout)
            return _("Handout for the person you are helping")
        if kind == "take_home":
            self._show_take_home(key, ctx)
            return _("Take it home")
        if kind == "bookmarks":
            self.bookmarks.set_context(ctx)
            self._stack.show_view(self.bookmarks)
            return _(bookmarks_view.OPEN_TEXT)
        raise KeyError(kind)

    def _show_take_home(self, key: str, ctx: ViewContext) -> None:
        library, lang, level = self._state.library, ctx.lang, ctx.level
        what, _colon, target = key.partition(":")
        if what == "topic":
            info = library.topics.get(target)
            pages = [p.id for p in library.pages_in(target, lang, level)]
            title = info.title[lang] if info else target
        else:
            page = library.page(target, lang, level)
            pages, title = ([page.id], page.title) if page else ([], target)
        self.take_home.set_context(ctx, pages, title, what == "topic")
        self._stack.show_view(self.take_home)

    def opened_hit(self):
        """The search hit opened last (a core.search hit), or None."""
        return self.search.opened if self.built("search") else None

    def opened_level(self) -> str:
        """The level of the search hit opened last ('' if none)."""
        hit = self.opened_hit()
        return hit.level if hit is not None else ""

    def refresh_bookmarks(self) -> None:
        if self.built("bookmarks"):
            self.bookmarks.refresh()

    def retranslate(self) -> None:
        for name in ("handout", "bookmarks", "take_home", "search"):
            if self.built(name):
                self._views[name].retranslate()

    def clear(self) -> None:
        """(kiosk) The next person finds no search, choices or saved file of the last one."""
        for name in ("search", "handout", "take_home"):
            if self.built(name):
                self._views[name].clear()
