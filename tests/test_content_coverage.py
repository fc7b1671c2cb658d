"""What a reader needs first on the complaints page, a figure that cannot be misread as the chance
of winning an appeal, and the parts of the sources that the pages must cover: the children's side
of the budget and the policy, and the services and agreements for adults."""
from __future__ import annotations

import re

import pytest

from desktop_app import paths
from desktop_app.core.loader import load
from desktop_app.core.model import LANGS, LEVELS
from desktop_app.core.pagetext import clean

VARIANTS = [(lang, level) for lang in LANGS for level in LEVELS]

# How many words of the body a reader sees first (title and picture aside): about a screen at
# 300 % text on a 1366x768 display.
FIRST_SCREEN_WORDS = 60
DEADLINE = {"da": r"\b4 uger\b", "en": r"\b4 weeks\b"}
GUIDE = {"da": r"\bklagevejledning", "en": r"\bcomplaint guide\b"}
ADDRESS_IN_GUIDE = {
    "da": r"\bklagevejledning\w*\b[^#]{0,200}?\b(?:adresse|hvor du (?:skal )?sende)",
    "en": r"\bcomplaint guide\b[^#]{0,200}?\b(?:address|where to send)",
}
WHAT_CAN = {"da": "Hvad kan du klage over?", "en": "What can you complain about?"}
DECISION_ABOUT_YOU = {"da": r"afgørelse, som kommunen har truffet om dig",
                      "en": r"decision that the municipality has made about you"}
STATISTIC = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|procent\b|per cent\b)|\b20[12]\d\b",
                       re.IGNORECASE)
# The share of all decisions that the minutes work out, in either language's notation.
SHARE_OF_ALL = re.compile(r"\b1[.,]93\b")
# ... and the same section must say that it is not a share of the complaints.
NOT_OF_THE_COMPLAINTS = {
    "da": r"\bikke af klagesagerne\b|\bikke, hvor mange klager\b",
    "en": r"\bnot of the complaint cases\b|\bdoes not say how many complaints\b"}

# The children's page: each item of the budget by its own name.
CHILDREN = {"da": [r"SAMSPAL", r"STIME", r"specialklasse", r"[Ss]pecialundervisning",
                   r"\bmillioner? kroner|\bmio\. kr\."],
            "en": [r"SAMSPAL", r"STIME", r"special class", r"[Ss]pecial education",
                   r"\bmillion\b"]}
ADULTS = {"da": [r"Maglemosen", r"Solsikke", r"\bdemens\b", r"aflastning",
                 r"velfærdsteknologi", r"rammeaftale"],
          "en": [r"Maglemosen", r"Sunflower", r"\bdementia\b", r"\bbreak|respite",
                 r"welfare technology", r"framework agreement"]}


@pytest.fixture(scope="module")
def library():
    return load(paths.content_dir(), paths.pictogram_names())


def body_text(page) -> str:
    """The body as a reader sees it, pictures and link targets left out, spaces squeezed."""
    shown = " ".join(clean(line) for line in page.body.splitlines()
                     if not line.lstrip().startswith("!["))
    return re.sub(r"\s+", " ", shown).strip()


def section(page, heading: str) -> str:
    """The text under a ``##`` heading, up to the next one."""
    match = re.search(rf"^##\s+{re.escape(heading)}\s*$(.*?)(?=^##\s|\Z)", page.body,
                      re.MULTILINE | re.DOTALL)
    assert match, f"{page.lang}/{page.level}/{page.id}: no section '{heading}'"
    return re.sub(r"\s+", " ", clean(match.group(1)))


@pytest.mark.parametrize("lang, level", VARIANTS)
def test_complaints_page_opens_with_the_deadline_and_the_complaint_guide(library, lang, level):
    page = library.page("complaints", lang, level)
    first = " ".join(body_text(page).split()[:FIRST_SCREEN_WORDS])
    assert re.search(DEADLINE[lang], first), f"{lang}/{level}: no deadline on the first screen"
    assert re.search(GUIDE[lang], first, re.IGNORECASE), (
        f"{lang}/{level}: the complaint guide, the first step, is not on the first screen")


@pytest.mark.parametrize("lang, level", VARIANTS)
def test_complaints_page_says_the_address_is_in_the_complaint_guide(library, lang, level):
    text = body_text(library.page("complaints", lang, level))
    assert re.search(ADDRESS_IN_GUIDE[lang], text, re.IGNORECASE)


@pytest.mark.parametrize("lang, level", VARIANTS)
def test_what_you_can_complain_about_is_said_plainly_without_statistics(library, lang, level):
    page = library.page("complaints", lang, level)
    answer = section(page, WHAT_CAN[lang])
    assert re.search(DECISION_ABOUT_YOU[lang], answer)
    assert not STATISTIC.search(answer), f"{lang}/{level}: statistics in '{WHAT_CAN[lang]}'"


def test_statistic_pattern_finds_years_and_percentages():
    assert [m.group(0) for m in STATISTIC.finditer("I 2022 var det 32 procent, 1.93 per cent")] \
        == ["2022", "32 procent", "1.93 per cent"]
    assert STATISTIC.search("Du har som regel 4 uger.") is None


@pytest.mark.parametrize("lang, level", VARIANTS)
def test_the_share_of_all_decisions_is_never_left_to_read_as_a_chance_of_winning(library, lang,
                                                                                 level):
    """Wherever a page gives the minutes' 1.93 per cent, the same section says that it is not a
    share of the complaints, and gives the share of the appealed cases beside it."""
    for page in library.pages.values():
        if (page.lang, page.level) != (lang, level):
            continue
        for part in re.split(r"^##\s", page.body, flags=re.MULTILINE):
            text = re.sub(r"\s+", " ", clean(part))
            if SHARE_OF_ALL.search(text):
                assert re.search(NOT_OF_THE_COMPLAINTS[lang], text), (page.id, text[:80])
                assert re.search(r"\b32\b", text), (page.id, "no share of the appealed cases")


def test_a_bare_share_of_all_decisions_would_be_caught():
    text = ("Referatet sammenholder de 57 omgørelser med alle de afgørelser, som kommunen traf "
            "(2.959 afgørelser). Det svarer til 1,93 procent.")
    assert SHARE_OF_ALL.search(text)
    assert not re.search(NOT_OF_THE_COMPLAINTS["da"], text)


@pytest.mark.parametrize("lang, level", VARIANTS)
@pytest.mark.parametrize("page_id, wanted, source", [
    ("children-young", CHILDREN, "budgetaftale-2024"),
    ("adult-services", ADULTS, "budgetaftale-2024"),
])
def test_the_budget_parts_have_a_page_in_every_variant(library, lang, level, page_id, wanted,
                                                      source):
    page = library.page(page_id, lang, level)
    assert page is not None, f"no {page_id} in {lang}/{level}"
    text = body_text(page)
    missing = [pattern for pattern in wanted[lang] if not re.search(pattern, text)]
    assert not missing, f"{lang}/{level}/{page_id} does not cover {missing}"
    assert source in [ref.document for ref in page.sources]
