"""What goes into a talking book or an audio export: its sections, in order (no Qt).

``plan_book(library, items, lang, level)`` gives a title page (title, level and the date it
was made), one section per chosen page (its title, its text with the pictograms and their
alternative text, its sources and their dates) and a word list with the glossary terms the
pages use, explained at the chosen level. Each section's HTML is cut into sentences
(``markup.segment``): the sentences are what is spoken, one sound clip each.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as _date

from desktop_app.core.document import Options, page_document, text_document
from desktop_app.core.handout import (PUBLISHER, SOURCE, SOURCES, TITLE, WORDS, normalise,
                                      made_on)
from desktop_app.core.model import Library, Page
from desktop_app.core.render import picture_alt, pictogram_alts, sources_line
from desktop_app.export.markup import Segmented, segment
from desktop_app.i18n import N_, translate_for

EASY = N_("Easy read")
STANDARD = N_("Standard text")


@dataclass
class Section:
    """One part of the book: an XHTML file, a sound file and an entry in the contents."""

    key: str                 # "title", a page id, or "glossary"
    number: int              # 1, 2, ...: the track number
    title: str
    kind: str                # titlepage, chapter, glossary
    text: Segmented

    @property
    def stem(self) -> str:
        return f"{self.number:02d}-{self.key}"


@dataclass
class Book:
    title: str
    lang: str
    level: str
    made: str                                   # "Lavet den 5. maj 2025"
    today: _date
    sections: list[Section] = field(default_factory=list)
    pictograms: list[str] = field(default_factory=list)    # file names used, e.g. "home"
    missing: list[str] = field(default_factory=list)       # page ids not found

    @property
    def sentence_count(self) -> int:
        return sum(len(s.text.sentences) for s in self.sections)


def level_name(level: str, lang: str) -> str:
    return translate_for(lang, EASY if level == "easy" else STANDARD)


def _page_model(library: Library, page: Page, sections: tuple, files: dict[str, str],
                alts: dict):
    """The page's model laid out for the book: its title, its text (or the chosen sections)
    with glossary terms as plain text, page links to the book's files and pictograms from its
    images folder, and its sources."""
    label = translate_for(page.lang, SOURCE if len(page.sources) == 1 else SOURCES)
    sources = sources_line(library, page, label) if page.sources else ""
    named = tuple((name, picture_alt(page, name, page.lang, alts))
                  for name, _alt in page_document(page).pictures())
    return page_document(page, Options(links="book", sections=sections, sources=sources,
                                       files=tuple(files.items()), alts=named))


def plan_book(library: Library, items, lang: str, level: str, *,
              today: _date | None = None, pictogram_toml=None) -> Book:
    """The book of ``items`` (page ids, ``HandoutItem``s or (page id, section headings)
    pairs, as a handout takes them: a page whole, or only the chosen sections) in ``lang``
    and ``level``."""
    today = today or _date.today()
    title = translate_for(lang, TITLE)
    book = Book(title=title, lang=lang, level=level, made=made_on(lang, today), today=today)
    pages = []
    for item in normalise(items):
        page = library.page(item.page_id, lang, level)
        if page is None:
            book.missing.append(item.page_id)
        else:
            pages.append((page, tuple(item.sections)))
    files = {page.id: f"{n:02d}-{page.id}.xhtml" for n, (page, _b) in enumerate(pages, 2)}
    alts = pictogram_alts(pictogram_toml) if pictogram_toml else {}
    intro = text_document(lang, level, (("h1", title), ("p", f"{level_name(level, lang)}."),
                                         ("p", f"{book.made}."), ("p", f"{PUBLISHER}.")))
    book.sections.append(Section("title", 1, title, "titlepage", segment(intro)))
    terms: list[str] = []
    for number, (page, sections) in enumerate(pages, 2):
        model = _page_model(library, page, sections, files, alts)
        for link in model.links:
            if link.scheme == "term" and link.target in library.glossary \
                    and link.target not in terms:
                terms.append(link.target)
            elif link.picture and link.target not in book.pictograms:
                book.pictograms.append(link.target)
        book.sections.append(Section(page.id, number, page.title, "chapter", segment(model)))
    if terms and pages:
        words = translate_for(lang, WORDS)
        parts = [("h1", words)]
        for key in sorted(terms, key=lambda k: library.glossary[k].term.get(lang, k).lower()):
            term = library.glossary[key]
            name = term.term.get(lang, key)
            parts += [("h2", name[:1].upper() + name[1:]), ("p", term.explain(lang, level))]
        book.sections.append(Section("glossary", len(pages) + 2, words, "glossary",
                                     segment(text_document(lang, level, tuple(parts)))))
    return book
