"""The content loader on good content and on a fixture for each kind of bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.lint import lint
from desktop_app.core.loader import load, parse_header

ICONS = {"values", "housing", "policy", "areas"}


def messages(library):
    return [str(p) for p in library.problems]


def test_good_content_loads_without_problems(good_content):
    library = load(good_content, ICONS)
    assert messages(library) == []
    assert len(library.pages) == 8
    page = library.page("values", "da", "standard")
    assert page.title == "Visioner og værdier"
    assert page.topic == "policy" and page.order == 1 and page.icon == "values"
    assert page.sources[0].document == "handicappolitik-2025"
    assert page.sources[0].section == "Visioner og værdier"
    assert page.sources[0].date == "2025"
    assert page.body.lstrip().startswith("Ballerup Kommune prioriterer")
    assert [t.key for t in library.topics_in_order()] == ["policy", "areas"]
    assert library.glossary["botilbud"].explain("en", "easy") == "A home where staff help you."


def test_header_continuation_and_fences():
    fields, errors, body_line = parse_header("---\nid: a\ntitle: One\n  two\n---\n\nBody\n")
    assert errors == []
    assert ("title", "One two") in [(k, v) for _, k, v in fields]
    assert body_line == 6


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("rel, old, new, expected", [
    ("da/standard/values.md", "topic: policy\n", "topic policy\n",
     "da/standard/values.md:5: malformed header line"),
    ("da/standard/values.md", "id: values\n", "", "da/standard/values.md:1: missing 'id'"),
    ("da/standard/values.md", "order: 1\n", "order: first\n",
     "da/standard/values.md:6: order must be a whole number"),
    ("da/standard/values.md", "lang: da\n", "lang: en\n",
     "da/standard/values.md:2: lang 'en' does not match the folder"),
    ("da/standard/values.md", "topic: policy\n", "topic: nowhere\n",
     "da/standard/values.md:5: unknown topic 'nowhere'"),
    ("da/standard/values.md", "icon: values\n", "icon: unicorn\n",
     "da/standard/values.md:7: unknown icon 'unicorn'"),
    ("da/standard/values.md", "source: handicappolitik-2025", "source: secret-memo",
     "da/standard/values.md:8: unknown source document 'secret-memo'"),
    ("da/standard/values.md", "(page:housing)", "(page:nowhere)",
     "da/standard/values.md:18: broken link to page 'nowhere'"),
    ("da/standard/housing.md", "(term:botilbud)", "(term:unknown-word)",
     "da/standard/housing.md:11: unknown glossary term 'unknown-word'"),
])
def test_each_bad_input_is_reported_with_file_and_line(good_content, rel, old, new, expected):
    _edit(good_content, rel, old, new)
    found = messages(load(good_content, ICONS))
    assert any(m.startswith(f"content/{expected}") for m in found), found


def test_duplicate_id_is_reported(good_content):
    source = good_content / "da/standard/housing.md"
    (good_content / "da/standard/housing-copy.md").write_text(
        source.read_text(encoding="utf-8"), encoding="utf-8")
    found = messages(load(good_content, ICONS))
    assert any("housing-copy.md:1: id 'housing' does not match the file name" in m
               for m in found), found


def test_missing_counterpart_is_reported(good_content):
    (good_content / "en/easy/housing.md").unlink()
    library = load(good_content, ICONS)
    assert any("has no en/easy counterpart (expected en/easy/housing.md)" in m
               for m in messages(library))
    # The page still shows, falling back to the standard level.
    assert library.page("housing", "en", "easy").level == "standard"


def test_broken_page_is_left_out_and_others_load(good_content):
    (good_content / "da/standard/values.md").write_text("this is not a header\n",
                                                        encoding="utf-8")
    library = load(good_content, ICONS)
    assert ("values", "da", "standard") not in library.pages
    assert ("housing", "da", "standard") in library.pages
    assert library.broken_page_ids() == {"values"}


def test_unreadable_toml_is_reported(good_content):
    (good_content / "topics.toml").write_text("[policy\norder = 1\n", encoding="utf-8")
    found = messages(load(good_content, ICONS))
    assert any(m.startswith("content/topics.toml:1: invalid TOML") for m in found), found


def test_lint_rules_fail_on_fixtures(good_content):
    _edit(good_content, "da/easy/values.md", "Vi vil gerne hjælpe dig tidligt.",
          "Kommunalbestyrelsen prioriterer forebyggende, helhedsorienterede indsatser.")
    _edit(good_content, "en/standard/values.md", "## The values",
          "Call 44 77 20 00 or write to borger@example.dk, open 10.00-15.00.\n\n## The values")
    (good_content / "glossary.toml").write_text(
        (good_content / "glossary.toml").read_text(encoding="utf-8").replace(
            'en_easy = "A home where staff help you."\n', ""), encoding="utf-8")
    library = load(good_content, ICONS)
    found = [str(p) for p in lint(library, good_content, ICONS)]
    assert any("da/easy/values.md:10: LIX" in m and "above 25" in m for m in found), found
    assert any("phone number '44 77 20 00'" in m for m in found), found
    assert any("e-mail address 'borger@example.dk'" in m for m in found), found
    assert any("opening hours '10.00-15.00'" in m for m in found), found
    assert any("term 'botilbud' has no en_easy explanation" in m for m in found), found


def test_shipped_content_passes_lint():
    folder = paths.content_dir()
    library = load(folder, paths.pictogram_names())
    problems = library.problems + lint(library, folder, paths.pictogram_names())
    assert [str(p) for p in problems] == []
    assert len(library.pages) >= 4 * 20


def test_a_glossary_left_for_later_is_read_when_first_asked_for(good_content):
    """The app leaves the glossary for after the first paint: the file is read, and a problem
    in it reported, only when a term is first asked for; the terms are those read at once."""
    now = load(good_content, ICONS)
    glossary = good_content / "glossary.toml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
    later = load(good_content, ICONS, links=False, glossary_later=True)
    assert messages(later) == []                          # not read yet
    assert later.glossary == {} and "invalid TOML" in " ".join(messages(later))
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("\n[broken\n", ""),
                        encoding="utf-8")
    later = load(good_content, ICONS, links=False, glossary_later=True)
    assert later.glossary == now.glossary and messages(later) == []
