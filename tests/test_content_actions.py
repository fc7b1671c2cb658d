"""Pages that tell a citizen what to do: the complaints page leads with the deadline, the
municipality as the first recipient and its reconsideration, before any statistics; a page on who
can help sits next to it, one tile away from the home screen."""
from __future__ import annotations

import re

import pytest

from desktop_app import paths
from desktop_app.core.loader import load
from desktop_app.core.model import LANGS, LEVELS
from desktop_app.core.pagetext import clean

VARIANTS = [(lang, level) for lang in LANGS for level in LEVELS]

# What a citizen must learn first, as it is worded in each language.
DEADLINE = {"da": r"\b4 uger\b", "en": r"\b4 weeks\b"}
# The complaint goes to the municipality, not straight to Ankestyrelsen.
MUNICIPALITY_FIRST = {
    "da": r"\bSend (?:din |)klagen til\b[^#]{0,120}?\bkommunen\b",
    "en": r"\bSend (?:your |the |)complaint to\b[^#]{0,120}?\bmunicipality\b",
}
NOT_DIRECTLY = {
    "da": r"\bikke (?:klage|sende klagen) direkte til\s+Ankestyrelsen\b",
    "en": r"\bcannot (?:complain directly|send your complaint straight) to\s+"
          r"(?:the appeals board|Ankestyrelsen)\b",
}
RECONSIDERATION = {
    "da": r"\b(?:kommunen ser|ser kommunen) på (?:afgørelsen|sagen|din sag) igen\b",
    "en": r"\bmunicipality looks at (?:the decision|your case|the case) again\b",
}
# A statistic: a percentage, or the years the figures come from.
STATISTIC = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|procent\b|per cent\b|percent\b)|\b202[01]\b",
                       re.IGNORECASE)


@pytest.fixture(scope="module")
def library():
    return load(paths.content_dir(), paths.pictogram_names())


def text_of(page) -> str:
    """The page as a reader sees it (summary and body, without link targets), with each run of
    spaces and line breaks as one space."""
    shown = " ".join(clean(line) for line in (page.summary + "\n" + page.body).splitlines())
    return re.sub(r"\s+", " ", shown)


def first(pattern: str, text: str, what: str) -> int:
    match = re.search(pattern, text, re.IGNORECASE)
    assert match, f"the page does not say {what}"
    return match.start()


@pytest.mark.parametrize("lang, level", VARIANTS)
def test_complaints_page_says_what_to_do_before_any_statistics(library, lang, level):
    page = library.page("complaints", lang, level)
    assert page is not None and page.topic == "rights"
    text = text_of(page)
    steps = {
        "the deadline": first(DEADLINE[lang], text, "the deadline"),
        "that the complaint goes to the municipality":
            first(MUNICIPALITY_FIRST[lang], text, "that the complaint goes to the municipality"),
        "that one cannot complain straight to Ankestyrelsen":
            first(NOT_DIRECTLY[lang], text, "that one cannot complain straight to Ankestyrelsen"),
        "that the municipality looks at the decision again":
            first(RECONSIDERATION[lang], text, "that the municipality looks at it again"),
    }
    assert "(term:genvurdering)" in page.body
    statistic = STATISTIC.search(text)
    if statistic:
        late = [what for what, at in steps.items() if at > statistic.start()]
        assert not late, (f"{lang}/{level}: '{statistic.group(0)}' comes before "
                          f"{', '.join(late)}")


def test_statistic_pattern_finds_the_figures_it_must_keep_below():
    text = "I 2021 omgjorde den 32 procent. The national figure was 35.9 per cent."
    assert [m.group(0) for m in STATISTIC.finditer(text)] == ["2021", "32 procent",
                                                                "35.9 per cent"]
    assert STATISTIC.search("Du har som regel 4 uger. Det er tjekket i november 2026.") is None


@pytest.mark.parametrize("lang, level", VARIANTS)
def test_who_can_help_is_next_to_the_complaints_page(library, lang, level):
    page = library.page("who-can-help", lang, level)
    assert page is not None, f"no who-can-help page in {lang}/{level}"
    assert page.topic == "rights"
    assert "(page:complaints)" in page.body
    text = text_of(page)
    assert "DUKH" in text
    adviser = {"da": "borgerrådgiver", "en": "citizens' adviser"}[lang]
    assert adviser in text.lower()
    # The Disability Council cannot take up a citizen's own case: said plainly.
    cannot = {"da": r"Handicaprådet\s+kan ikke", "en": r"Disability Council\)?,?\s+cannot"}[lang]
    assert re.search(cannot, text), text


def test_rights_tile_holds_how_to_complain_and_who_can_help_first(library):
    """From the home screen: the tile, then the page (two taps)."""
    assert "rights" in library.topics
    for lang in LANGS:
        for level in LEVELS:
            in_rights = sorted((p.order, p.id) for p in library.pages.values()
                               if p.topic == "rights" and p.lang == lang and p.level == level)
            assert [page_id for _order, page_id in in_rights][:2] == ["complaints",
                                                                     "who-can-help"]
