"""What goes into a talking book or an audio export: its sections, in order (no Qt).

``plan_book(library, items, lang, level)`` gives a title page (title, level and the date it
was made), one section per chosen page (its title, its text with the pictograms and their
alternative text, its sources and their dates) and a word list with the glossary terms the
pages use, explained at the chosen level. Each section's HTML is cut into sentences
(``markup.segment``): the sentences are what is spoken, one sound clip each.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date as _date

from desktop_app.core.handout import (PUBLISHER, SOURCE, SOURCES, TITLE, WORDS, _normalise,
                                      explanation_html, made_on, section_markdown)
from desktop_app.core.model import Library, Page
from desktop_app.core.render import (easy_read_lines, markdown_to_html, picture_alt,
                                     pictogram_alts, sources_line)
from desktop_app.export.markup import Segmented, segment
from desktop_app.i18n import N_, translate_for

EASY = N_("Easy read")
STANDARD = N_("Standard text")

_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([a-z]+):([^)\s]*)\)")


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


def _page_markdown(library: Library, page: Page, body: str, files: dict[str, str],
                   terms: list[str], pictograms: list[str], alts: dict) -> str:
    def replace(match: re.Match) -> str:
        bang, label, scheme, rest = match.groups()
        if bang:
            if scheme != "pictogram":
                return ""
            if rest not in pictograms:
                pictograms.append(rest)
            alt = html.escape(label.strip() or picture_alt(page, rest, page.lang, alts), True)
            return (f'<img class="pictogram" src="../images/{html.escape(rest, True)}.svg" '
                    f'alt="{alt}" width="96" height="96"/>')
        if scheme == "term":
            if rest in library.glossary and rest not in terms:
                terms.append(rest)
            return label
        if scheme == "page":
            return f"[{label}]({files[rest]})" if rest in files else label
        return match.group(0)
    return _LINK.sub(replace, body)


def plan_book(library: Library, items, lang: str, level: str, *,
              today: _date | None = None, pictogram_toml=None) -> Book:
    """The book of ``items`` (page ids, ``HandoutItem``s or (page id, section headings)
    pairs, as a handout takes them: a page whole, or only the chosen sections) in ``lang``
    and ``level``."""
    today = today or _date.today()
    title = translate_for(lang, TITLE)
    book = Book(title=title, lang=lang, level=level, made=made_on(lang, today), today=today)
    pages = []
    for item in _normalise(items):
        page = library.page(item.page_id, lang, level)
        if page is None:
            book.missing.append(item.page_id)
        else:
            body = section_markdown(page.body, item.sections) if item.sections else ""
            pages.append((page, body or page.body))
    files = {page.id: f"{n:02d}-{page.id}.xhtml" for n, (page, _b) in enumerate(pages, 2)}
    alts = pictogram_alts(pictogram_toml) if pictogram_toml else {}
    intro = (f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(level_name(level, lang))}.</p>\n"
             f"<p>{html.escape(book.made)}.</p>\n<p>{html.escape(PUBLISHER)}.</p>")
    book.sections.append(Section("title", 1, title, "titlepage", segment(intro, lang)))
    terms: list[str] = []
    for number, (page, body) in enumerate(pages, 2):
        body = _page_markdown(library, page, body, files, terms, book.pictograms, alts)
        if level == "easy":
            body = easy_read_lines(body, lang)
        label = translate_for(lang, SOURCE if len(page.sources) == 1 else SOURCES)
        markup = (f"<h1>{html.escape(page.title)}</h1>\n{markdown_to_html(body)}\n"
                  f'<p class="sources">{html.escape(sources_line(library, page, label))}</p>'
                  if page.sources else
                  f"<h1>{html.escape(page.title)}</h1>\n{markdown_to_html(body)}")
        book.sections.append(Section(page.id, number, page.title, "chapter",
                                     segment(markup, lang)))
    if terms and pages:
        words = translate_for(lang, WORDS)
        rows = []
        for key in sorted(terms, key=lambda k: library.glossary[k].term.get(lang, k).lower()):
            term = library.glossary[key]
            name = term.term.get(lang, key)
            rows.append(f'<h2>{html.escape(name[:1].upper() + name[1:])}</h2>\n'
                        f"<p>{explanation_html(term.explain(lang, level), lang, level)}</p>")
        markup = f"<h1>{html.escape(words)}</h1>\n" + "\n".join(rows)
        book.sections.append(Section("glossary", len(pages) + 2, words, "glossary",
                                     segment(markup, lang)))
    return book
