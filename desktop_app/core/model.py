"""The content model: pages, topics, sources and glossary terms (no Qt)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, NamedTuple

# The languages of the interface and the pages, declared once (the first is the default), each
# in its own name (for the button or list that switches to it), and the two levels of a page.
LANGS = ("da", "en")
LANG_NAMES = {"da": "Dansk", "en": "English"}
LEVELS = ("standard", "easy")


# The content's records are NamedTuples, immutable like a frozen dataclass: a frozen dataclass
# costs ~0.5 ms to define (its methods are compiled when the module loads), a NamedTuple
# ~0.1 ms, and these load before the first paint.


def other_lang(lang: str) -> str:
    """The language the language button switches to from ``lang``."""
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)] if lang in LANGS else LANGS[0]


class SourceDoc(NamedTuple):
    key: str
    title: dict[str, str]
    date: str


class SourceRef(NamedTuple):
    """A page's citation of a document, optionally narrowed to a section, with its date."""

    document: str
    section: str = ""
    date: str = ""


class Topic(NamedTuple):
    key: str
    order: int
    icon: str
    title: dict[str, str]


class Term(NamedTuple):
    key: str
    term: dict[str, str]
    explanation: dict[tuple[str, str], str]
    source: str

    def explain(self, lang: str, level: str) -> str:
        return self.explanation.get((lang, level)) or self.explanation.get((lang, "standard"), "")


class Page(NamedTuple):
    id: str
    lang: str
    level: str
    title: str
    topic: str
    order: int
    icon: str
    sources: tuple[SourceRef, ...]
    body: str
    path: str = ""
    summary: str = ""
    body_line: int = 1

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.id, self.lang, self.level)


class Problem(NamedTuple):
    """One thing wrong with the content, reported as ``file:line: message``."""

    path: str
    line: int
    message: str
    page_id: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Library:
    """Everything loaded from a content folder: the valid pages and what was wrong."""

    pages: dict[tuple[str, str, str], Page] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    sources: dict[str, SourceDoc] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # reads the glossary (adding its problems) when it is first needed; None: it is empty
    read_glossary: Callable[[], dict[str, Term]] | None = field(default=None, repr=False,
                                                                compare=False)
    _glossary: dict[str, Term] | None = field(default=None, init=False, repr=False,
                                              compare=False)

    @property
    def glossary(self) -> dict[str, Term]:
        """The glossary's terms by key (read when first asked for, if ``read_glossary``)."""
        if self._glossary is None:
            self._glossary = self.read_glossary() if self.read_glossary is not None else {}
        return self._glossary

    def all_problems(self) -> list[Problem]:
        """``problems``, with those of what was left for later (the glossary) read now."""
        self.glossary   # noqa: B018 - reading it adds its problems
        return self.problems

    def page(self, page_id: str, lang: str, level: str) -> Page | None:
        """The page in the wanted variant, or the nearest one that loaded."""
        for key in ((page_id, lang, level), (page_id, lang, "standard"), (page_id, lang, "easy")):
            if key in self.pages:
                return self.pages[key]
        return None

    def pages_in(self, topic: str, lang: str, level: str) -> list[Page]:
        ids = sorted({p.id for p in self.pages.values() if p.topic == topic},
                     key=lambda i: (self._order(i), i))
        return [p for p in (self.page(i, lang, level) for i in ids) if p is not None]

    def topics_in_order(self) -> list[Topic]:
        shown = {p.topic for p in self.pages.values()}
        return sorted((t for t in self.topics.values() if t.key in shown),
                      key=lambda t: (t.order, t.key))

    def page_ids(self) -> list[str]:
        """Every page id, in home-screen reading order (topic order, then page order)."""
        topic_order = {t.key: t.order for t in self.topics.values()}
        ids = {p.id: p for p in self.pages.values()}
        return sorted(ids, key=lambda i: (topic_order.get(ids[i].topic, 999), ids[i].order, i))

    def variants(self):
        """Every loaded page, in reading order, each id as da/en x standard/easy."""
        for page_id in self.page_ids():
            for lang in LANGS:
                for level in LEVELS:
                    if (page_id, lang, level) in self.pages:
                        yield self.pages[(page_id, lang, level)]

    def _order(self, page_id: str) -> int:
        return next((p.order for p in self.pages.values() if p.id == page_id), 0)

    def broken_page_ids(self) -> set[str]:
        return {p.page_id for p in self.problems if p.page_id}
