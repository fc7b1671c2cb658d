"""Where a link or a search hit takes the reader: another page, a word's explanation, a picture
shown large, or a web address shown (web links never leave the app)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from desktop_app.i18n import _
from desktop_app.ui.lazy import Lazy
from desktop_app.ui.notices import NoticeBar
from desktop_app.ui.state import ReaderState

if TYPE_CHECKING:   # the reader is made (and imported) when a page is first opened
    from desktop_app.ui.reader import ReaderView


class Links:
    """``show_picture(name)`` opens a picture large. ``web_address_handler``: what shows a web
    address (a kiosk shows it large with a QR code: ``set_web_address_handler``). The reader's
    links are followed once it is made."""

    def __init__(self, state: ReaderState, reader: Lazy[ReaderView], notices: NoticeBar,
                 show_picture: Callable[[str], None]):
        self._state = state
        self._reader = reader
        self._notices = notices
        self._show_picture = show_picture
        self._web_address_handler: Callable[[str], None] | None = None
        reader.when_made(lambda view: view.sig_link.connect(self.follow))

    def set_web_address_handler(self, handler: Callable[[str], None] | None) -> None:
        self._web_address_handler = handler

    def follow(self, url: str) -> None:
        scheme, _colon, target = url.partition(":")
        if scheme == "page":
            self._state.open_page(target.split("#")[0])
        elif scheme == "term":
            term = self._state.library.glossary.get(target)
            if term:
                lang, level = self._state.settings.lang, self._state.settings.level
                explanation = f"{term.term[lang]}: {term.explain(lang, level)}"
                self._reader.get().show_explanation(explanation)
        elif scheme == "picture":
            self._show_picture(target)
        elif scheme in ("http", "https"):
            self.show_web_address(url)

    def show_web_address(self, url: str) -> None:
        """The address is shown so it can be typed or noted."""
        if self._web_address_handler is not None:
            self._web_address_handler(url)
            return
        self._notices.show_notice(_("Web address: %s") % url)

    def open_search_hit(self, page_id: str, sentence_index: int, level: str) -> None:
        """The page of a search hit, in the level the hit was found in, with the sentence
        that matched highlighted."""
        if level and level != self._state.settings.level:
            self._state.change(level=level)
        self._state.open_page(page_id)
        reader = self._reader.get()
        page, model = reader.page, reader.document_model
        if page is not None and page.id == page_id and model is not None:
            reader.highlight(model.reader_index(sentence_index))

    def open_term(self, term_id: str, hit=None) -> None:
        """The word list, at the term; ``hit`` (a search hit in the term's explanation): that
        sentence highlighted."""
        from desktop_app.core.render import GLOSSARY_ID
        term = self._state.library.glossary.get(term_id)
        self._state.open_page(GLOSSARY_ID)
        if term is None:
            return
        name = term.term[self._state.settings.lang]
        reader = self._reader.get()
        reader.go_to_heading_text(name)
        model = reader.document_model
        if hit is not None and (hit.kind, hit.page_id) == ("term", term_id) and model:
            index = model.sentence_under(name, hit.sentence_index)
            reader.highlight(-1 if index is None else index)
