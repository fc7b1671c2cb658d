"""Text as search reads it (no Qt): the sentences of a page or a glossary term, in the order
the reader counts them, and words as search compares them: folded (case, accents, æ/ø/å and
ae/oe/aa), the common words a query may ignore, the light Danish stem used for compounds, and
one typo."""
from __future__ import annotations

import functools
import re
import unicodedata

from desktop_app.core.document import page_document
from desktop_app.core.model import Page, Term
from desktop_app.core.sentences import split_sentences

COMPOUND_MIN_LETTERS = 4

WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LETTERS = str.maketrans({"æ": "e", "ø": "o", "å": "a", "ä": "e", "ö": "o", "ü": "u",
                          "ß": "ss"})

# Snowball's stop word lists, shortened; in folded form (see ``fold``).
_STOP = {
    "da": """og i jeg det at en den til er som pa de med han af for ikke der var mig sig men et
             har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller
             hvad skal selv her alle vil blev kunne ind nar vere dog noget ville jo deres efter
             ned skulle denne end dette mit ogsa under have dig anden hende mine alt meget sit
             sine vor mod disse hvis din nogle hos blive mange ad bliver hendes veret jer sadan
             kan hvordan hvilke hvilken""",
    "en": """a an the and or of to in on at for by with from as is are was were be been being
             it its this that these those i you he she we they me my your our their what which
             who whom how can do does did not no so if about into than then there here has have
             had will would should could may might must shall""",
}
STOP_WORDS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}
_DANISH_ENDINGS = ("erendes", "erende", "ernes", "erens", "erne", "enes", "eren", "eres", "ene",
                   "ens", "ere", "ers", "ets", "er", "en", "es", "et", "e", "s")


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The form words are compared in: lower case, no accents, æ/ø/å and ae/oe/aa as e/o/a."""
    word = word.lower().translate(_LETTERS)
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word)
                       if not unicodedata.combining(c))
    if "aa" in word or "oe" in word or "ae" in word:
        word = word.replace("aa", "a").replace("oe", "o").replace("ae", "e")
    return word


def words_of(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return [fold(w) for w in WORD.findall(text)]


def match_spans(text: str, words) -> list[tuple[int, int]]:
    """(start, end) of the words of ``text`` whose folded form is in ``words`` (for bolding)."""
    return [(m.start(), m.end()) for m in WORD.finditer(text) if fold(m.group(0)) in words]


def light_stem(word: str, lang: str, stem: str) -> str:
    """The word without its inflection ending, for compound matching ("boligen" -> "bolig")."""
    if lang != "da":
        return stem
    for ending in _DANISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= COMPOUND_MIN_LETTERS:
            word = word[:-len(ending)]
            break
    if len(word) > COMPOUND_MIN_LETTERS and word[-1] == word[-2] and word[-1] not in "aeiouy":
        word = word[:-1]
    return word


def deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion, substitution or
    transposition of neighbours (optimal string alignment distance <= 1)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])
    return a[i:] == b[i + 1:]


def page_sentences(page: Page) -> list[str]:
    """The sentences of the page's body in reading order (the document model's); a hit's
    ``sentence_index`` indexes this list."""
    return [s.text for s in page_document(page).body_sentences]


def page_headings(page: Page) -> set[str]:
    """The texts of the body's headings (their sentences weigh more in search)."""
    return {b.text for b in page_document(page).blocks[1:] if b.kind == "heading"}


def title_sentence_count(page: Page) -> int:
    """How many sentences the page title makes. The reader shows the title first, so a hit's
    sentence is the reader's sentence number ``sentence_index + title_sentence_count(page)``."""
    return page_document(page).body_start


def term_sentences(term: Term, lang: str, level: str) -> list[str]:
    """The sentences of a glossary term's explanation (the one ``Term.explain`` gives)."""
    return split_sentences(term.explain(lang, level), lang)
