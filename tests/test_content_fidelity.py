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
