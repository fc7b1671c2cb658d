"""The main window's navigation: home, topics, pages, the other views, Back and Forward,
links. Mixed into ``MainWindow``; where the reader is lives in a Qt-free ``Navigator``."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.navigator import Location
from desktop_app.core.render import GLOSSARY_ID, glossary_page
from desktop_app.i18n import _
from desktop_app.ui import actions, bookmarks_view
from desktop_app.ui.accessible import announce
from desktop_app.ui.view_context import ViewContext


class Navigation:
    """Needs ``nav`` (a Navigator), the views, ``settings`` and ``theme``."""

    location = property(lambda self: self.nav.location)
    history = property(lambda self: self.nav.history)
    future = property(lambda self: self.nav.future)

    def view_context(self) -> ViewContext:
        s = self.settings
        return ViewContext(self.library, s.lang, s.level, self.theme, s.text_scale, self.kiosk)

    def go_home(self) -> None:
        self._show(("home", ""))

    def open_topic(self, topic: str) -> None:
        self._show(("topic", topic))

    def open_page(self, page_id: str, remember: bool = True) -> None:
        self._show(("page", page_id), record=remember)

    def show_help(self) -> None:
        self._show(("help", ""))

    def take_home(self) -> None:
        """"Take it home" for the page being read, or for every page of the topic shown."""
        kind, key = self.nav.location
        if kind in ("page", "topic"):
            self._show(("take_home", f"{kind}:{key}"))

    def retranslate_take_home(self) -> None:
        """The "Take it home" button: beside a page or a topic's list, where saving is
        allowed (on a kiosk only with ``allow_export``)."""
        from desktop_app.ui.buttons import setup_button
        from desktop_app.core.kiosk import export_allowed
        from desktop_app.ui.style import CHROME_PX
        kind, key = self.nav.location
        button = self.take_home_button
        button.setVisible(kind in ("page", "topic") and key != GLOSSARY_ID
                          and export_allowed(self.kiosk, self.kiosk_config()))
        setup_button(button, _("Take it home"), _("Take the whole topic home") if kind == "topic"
                     else _("Take this page home"), "pdf", self.theme, CHROME_PX,
                     _("Save it as sound, as a talking book or in large print"))

    def show_search(self) -> None:
        self._show(("search", ""))
        self.search.field.setFocus()

    def _open_search_hit(self, page_id: str, sentence_index: int) -> None:
        hit = self.search.opened
        if hit is not None and hit.level != self.settings.level:
            self.change(level=hit.level)
        self.open_page(page_id)
        page, model = self.reader.page, self.reader.document_model
        if page is not None and page.id == page_id and model is not None:
            self.reader.highlight(model.reader_index(sentence_index))

    def open_term(self, term_id: str) -> None:
        """The word list, at the term."""
        term = self.library.glossary.get(term_id)
        self.open_page(GLOSSARY_ID)
        if term is not None:
            self.reader.go_to_heading_text(term.term[self.settings.lang])
            hit, model = self.search.opened, self.reader.document_model
            if hit is not None and (hit.kind, hit.page_id) == ("term", term_id) and model:
                index = model.sentence_under(term.term[self.settings.lang], hit.sentence_index)
                self.reader.highlight(-1 if index is None else index)

    def next_page_id(self) -> str:
        """The page after the current one in home-screen order, or '' at the end."""
        return self.nav.next_in(self.library.page_ids())

    def escape(self) -> None:
        """Esc: reading aloud stops (the keyboard goes to Read aloud); when nothing is being
        read, what is open closes, the innermost first: a picture, the More panel, a word's
        explanation, then search, help, settings, the handout, saved pages or "Take it home"
        (back to where the reader was)."""
        speech = self.speech
        if speech is not None and speech.reading():
            speech.stop_by_user()
            return
        if speech is not None:
            speech.quiet()   # a button's name being said ends too
        viewer = self._picture_viewer
        if viewer is not None and viewer.is_open():
            viewer.close_viewer()
        elif self.more_button.isChecked():
            inside = self.toolbar.more_panel.isAncestorOf(QApplication.focusWidget())
            self.more_button.setChecked(False)
            if inside:
                self.more_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.reader.explanation_box.isVisible():
            self.reader.hide_explanation()
        elif self.location[0] in ("search", "help", "settings", "handout", "bookmarks",
                                  "take_home"):
            if self.nav.history:
                self.go_back()
            else:
                self.go_home()

    def go_back(self) -> None:
        location = self.nav.back()
        if location is not None:
            self._show(location, record=False)

    def go_forward(self) -> None:
        location = self.nav.forward()
        if location is not None:
            self._show(location, record=False)

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

    def _show(self, location: Location, record: bool = True, rerender: bool = False) -> None:
        """Show ``location`` (recorded in the history unless ``record`` is False).
        ``rerender``: the same place again after a setting changed: no announcement, no
        save of its own, the focus left where it is."""
        kind, key = location
        previous = self.nav.location
        if not rerender and location != previous:
            self.dismiss_notice(moving_on=True)   # "Saved in …" stays with its view
        self.nav.go(location, record)
        ctx = self.view_context()
        lang, level, theme = ctx.lang, ctx.level, ctx.theme
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
            self.topic.populate(ctx, key)
            self.stack.setCurrentWidget(self.topic)
            self.where.setText(self.topic.heading.text())
        elif kind == "help":
            self.help.setHtml(actions.help_html(self.kiosk))
            self.help.setAccessibleName(_("Help"))
            self.stack.setCurrentWidget(self.help)
            self.where.setText(_("Help"))
        elif kind == "settings":
            self.settings_view.refresh()
            self._current_is(self.settings_view)
            self.where.setText(_("Settings"))
        elif kind == "search":
            if self.search_index is None:
                from desktop_app.core.search import SearchIndex
                self.search_index = SearchIndex.build(self.library)
            self.search.set_context(replace(ctx, search_index=self.search_index))
            self._current_is(self.search)
            self.where.setText(_("Search"))
        elif kind == "handout":
            self.handout_view.set_context(ctx)
            if previous[0] == "page":
                self.handout_view.preselect(previous[1])
            self._current_is(self.handout_view)
            self.where.setText(_("Handout for the person you are helping"))
        elif kind == "take_home":
            what, _colon, target = key.partition(":")
            if what == "topic":
                info = self.library.topics.get(target)
                pages = [p.id for p in self.library.pages_in(target, lang, level)]
                title = info.title[lang] if info else target
            else:
                page = self.library.page(target, lang, level)
                pages, title = ([page.id], page.title) if page else ([], target)
            self.take_home_view.set_context(ctx, pages, title, what == "topic")
            self._current_is(self.take_home_view)
            self.where.setText(_("Take it home"))
        elif kind == "bookmarks":
            self.bookmarks_view.set_context(ctx)
            self._current_is(self.bookmarks_view)
            self.where.setText(_(bookmarks_view.OPEN_TEXT))
        elif kind == "home":
            self.home.populate(ctx)
            self.stack.setCurrentWidget(self.home)
            self.where.setText(_("Home"))
        if kind == "home":
            self.setWindowTitle(_("Disability policy in Ballerup"))
        elif kind != "page":      # every other view: its name, as the line above it says
            self.setWindowTitle(f"{self.where.text()} – {_('Disability policy in Ballerup')}")
        self.nav.location = (kind, key)
        self.back_button.setEnabled(bool(self.nav.history))
        self.forward_button.setEnabled(bool(self.nav.future))
        self.bookmark_button.set_page(key if kind == "page" else "")
        self.retranslate_take_home()
        self.where.setAccessibleName(self.where.text())
        if kind == "page":
            self.sig_page_shown.emit(key)
        if rerender:
            return
        if kind == "page":
            announce(self.reader.browser, _("Page shown: %s") % self.reader.page.title)
        self._focus_into_view(kind)

    def _focus_into_view(self, kind: str, force: bool = False) -> None:
        """A person working inside the view (a tile, a link) goes on in the new view: the
        reading text, or its first control. Focus on the toolbar stays there (unless
        ``force``: the start)."""
        focus = QApplication.focusWidget()
        if not force and focus is not None and focus.window() is self \
                and not self.stack.isAncestorOf(focus):
            return
        target = self.reader.browser if kind == "page" else self.focus.first_in(self.stack)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

