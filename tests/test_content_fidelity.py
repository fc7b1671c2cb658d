"""The shipped content is faithful: every sentence of the policy document appears in the Danish
standard pages, and the lint rules pass."""
from __future__ import annotations

import re

import pytest

from desktop_app import paths
from desktop_app.core.lint import seeds_dir
from desktop_app.core.loader import load
from desktop_app.core.readability import plain_lines
from desktop_app.core.sentences import split_sentences

# Slips in the PDF text that the pages repair (seed text -> page text), compared without spaces.
REPAIRS = {"audvikle": "atudvikle", "læringsmiljøjet": "læringsmiljøet",
           "såvidtmuligselvkan": "såvidtmuligtselvkan", "025årige": "025årige"}
FURNITURE = re.compile(r"^\s*Ballerup Kommune / Handicappolitik\d*\s*$", re.MULTILINE)


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def policy_sentences(raw: str) -> list[str]:
    text = FURNITURE.sub("", raw)
    text = re.sub(r"(\w)-[ \t]*\n\s*(?=[a-zæøå])", r"\1", text)  # words split across lines
    # A line that ends without punctuation before a capitalised line is a heading or a name.
    text = re.sub(r"(?<=[\wæøåÆØÅ])[ \t]*\n(?=\s*[A-ZÆØÅ])", ".\n", text)
    blocks = re.split(r"\n\s*\n|\n\s*•", text)
    sentences = []
    for block in blocks:
        sentences += split_sentences(" ".join(block.split()), "da")
    return [s for s in sentences if len(s.split()) >= 4]


def test_every_policy_sentence_is_in_the_danish_standard_pages():
    seeds = seeds_dir(paths.content_dir())
    if seeds is None:
        pytest.skip("the source documents (../shared/seeds) are not beside the repository")
    raw = (seeds / "000_a121b69c48581d9e.txt").read_text(encoding="utf-8")
    library = load(paths.content_dir(), paths.pictogram_names())
    pages = [p for p in library.pages.values() if p.lang == "da" and p.level == "standard"
             and any(ref.document == "handicappolitik-2025" for ref in p.sources)]
    haystack = _squash(" ".join(" ".join(plain_lines(p.body)) + " " + p.title for p in pages))
    missing = []
    for sentence in policy_sentences(raw):
        needle = _squash(sentence)
        for wrong, right in REPAIRS.items():
            needle = needle.replace(wrong, right)
        if needle not in haystack:
            missing.append(sentence)
    assert missing == []


# A budget agreement says of itself that it has no formal legal force; the decisions are taken
# afterwards in the committees and the council. A Danish sentence about an agreement may say
# what it says, plans or agrees ("aftalt"), but not that something was decided by it.
_DECIDED = re.compile(r"\bbesluttet\b|\bbesluttede\b|\bvedtaget\b|\bvedtog\b", re.IGNORECASE)
_AGREEMENT = re.compile(r"aftale", re.IGNORECASE)


def _decided_by_an_agreement(text: str) -> list[str]:
    return [s for s in split_sentences(" ".join(text.split()), "da")
            if _AGREEMENT.search(s) and _DECIDED.search(s)]


def test_danish_text_does_not_tell_an_agreement_as_a_decision():
    library = load(paths.content_dir(), paths.pictogram_names())
    found = []
    for page in library.pages.values():
        if page.lang == "da":
            found += [f"{page.path}: {s}" for s in
                      _decided_by_an_agreement(" ".join(plain_lines(page.body)))]
    for key, term in library.glossary.items():
        for level in ("standard", "easy"):
            found += [f"glossary [{key}] da_{level}: {s}" for s in
                      _decided_by_an_agreement(term.explanation.get(("da", level), ""))]
    assert found == []


def test_an_agreement_told_as_a_decision_is_found():
    assert _decided_by_an_agreement("I budgetaftalen for 2024–2027 blev det besluttet, at "
                                    "kommunen går med i programmet. Det er godt.")
    assert not _decided_by_an_agreement("I budgetaftalen blev det aftalt, at rådet inddrages. "
                                        "Kommunalbestyrelsen har vedtaget politikken.")
