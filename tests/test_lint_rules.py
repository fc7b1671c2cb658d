"""The content rules of `content lint`: the termbase and the easy-read rules.

Each test copies the real content tables (termbase, glossary, topics, sources) and one real page
in all four variants, adds a small page ("probe") in all four variants that passes every rule,
puts one known-wrong variant back and checks that the lint reports it as file:line. The last test
lints all of the real content.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.lint import lint
from desktop_app.core.loader import load

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SEEDS = ROOT.parent.parent / "shared" / "seeds"

HEADER = """id: probe
lang: {lang}
level: {level}
title: {title}
topic: services
order: 99
icon: home-support
source: budgetaftale-2024 | 1.3.2

"""
PROBE = {
    ("da", "standard"): (
        "Støtte i eget hjem",
        "Kommunen vil give mere fleksibel støtte i eget hjem. Målet er, at færre borgere skal "
        "flytte i et [botilbud](term:botilbud).\n"),
    ("en", "standard"): (
        "Support in your own home",
        "The municipality wants to give more flexible support at home. The aim is that fewer "
        "citizens have to move into a [residential service](term:botilbud).\n"),
    ("da", "easy"): (
        "Hjælp i dit hjem",
        "![En person får hjælp i sit hjem](pictogram:home-support)\n\n"
        "Kommunen vil give mere hjælp i dit hjem.\n"
        "Så skal færre flytte i et [botilbud](term:botilbud).\n"
        "De kan bo i deres hjem.\n"
        "Du kan få hjælp.\n"
        "Du kan få det, du har brug for.\n"
        "FN er De Forenede Nationer.\n\n"
        "## Hvad loven siger\n\n"
        "Du kan få hjælp.\n"),
    ("en", "easy"): (
        "Help in your home",
        "![A person gets help at home](pictogram:home-support)\n\n"
        "The municipality wants to give more help at home.\n"
        "Then fewer people have to move to a [residential service](term:botilbud).\n"
        "No one should feel alone.\n"
        "UN is short for United Nations.\n\n"
        "## What the policy says\n\n"
        "You can get help.\n"),
}


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    """A copy of the real tables and one real page, with the clean probe page added."""
    target = tmp_path / "content"
    for name in ("terms.toml", "glossary.toml", "topics.toml", "sources.toml"):
        target.mkdir(exist_ok=True)
        shutil.copy(CONTENT / name, target / name)
    for lang in ("da", "en"):
        for level in ("standard", "easy"):
            (target / lang / level).mkdir(parents=True)
            shutil.copy(CONTENT / lang / level / "adult-services.md", target / lang / level)
    if SEEDS.is_dir():
        monkeypatch.setenv("DESKTOP_APP_SEEDS", str(SEEDS))
    for (lang, level), (title, body) in PROBE.items():
        write(target, lang, level, body, title)
    return target


def write(content: Path, lang: str, level: str, body: str, title: str = "") -> int:
    """Replace the probe's body; return the file line number of the body's first line."""
    title = title or PROBE[(lang, level)][0]
    header = HEADER.format(lang=lang, level=level, title=title)
    (content / lang / level / "probe.md").write_text(header + body, encoding="utf-8")
    return header.count("\n") + 1


def problems(content: Path) -> list[str]:
    pictograms = paths.pictogram_names()
    library = load(content, pictograms)
    return [str(p) for p in library.problems + lint(library, content, pictograms)]


def probe_problems(content: Path) -> list[str]:
    return [p for p in problems(content) if "/probe.md:" in p]


def reported(content: Path, lang: str, level: str, line: int, fragment: str) -> bool:
    where = f"content/{lang}/{level}/probe.md:{line}: "
    return any(p.startswith(where) and fragment in p for p in probe_problems(content))


def test_the_clean_probe_passes_every_rule(content):
    assert probe_problems(content) == []


# --- the termbase ---------------------------------------------------------------------------

def test_a_wrong_danish_variant_is_reported(content):
    first = write(content, "da", "standard", PROBE[("da", "standard")][1]
                  + "\nUnge kan gå på særlig tilrettelagt undervisning.\n")
    assert reported(content, "da", "standard", first + 2,
                    "'særlig tilrettelagt undervisning' is a wrong variant")


def test_a_wrong_english_variant_across_a_line_break_is_reported_at_its_first_line(content):
    first = write(content, "en", "standard", PROBE[("en", "standard")][1]
                  + "\nThe Social Affairs\nCommittee decides.\n")
    assert reported(content, "en", "standard", first + 2,
                    "'Social Affairs Committee' is a wrong variant of 'Socialudvalget'")


def test_the_stu_expansion_put_back_into_a_real_page_is_reported(content):
    path = content / "da" / "standard" / "adult-services.md"
    text = path.read_text(encoding="utf-8")
    assert "særligt tilrettelagt ungdomsuddannelse" in text
    text = text.replace("særligt tilrettelagt ungdomsuddannelse",
                        "særlig tilrettelagt undervisning", 1)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("særlig tilrettelagt undervisning")].count("\n") + 1
    assert any(p.startswith(f"content/da/standard/adult-services.md:{line}: ")
               and "wrong variant" in p for p in problems(content))


def test_a_wrong_variant_in_the_glossary_is_reported(content):
    glossary = content / "glossary.toml"
    text = glossary.read_text(encoding="utf-8")
    entry = ('\n[probe]\nda = "probe"\nen = "probe"\nda_standard = "x"\nda_easy = "x"\n'
             'en_standard = "A home with staff, also called a housing offer."\nen_easy = "x"\n'
             'source = "general"\n')
    glossary.write_text(text + entry, encoding="utf-8")
    line = text.count("\n") + 7
    assert f"content/glossary.toml:{line}: 'housing offer' is a wrong variant of 'botilbud': " \
           f"write 'residential service' (see terms.toml, [botilbud])" in problems(content)


def test_an_english_rendering_that_differs_from_the_termbase_is_reported(content):
    write(content, "en", "standard", "The municipality wants to give more flexible support at "
          "home. The aim is that fewer citizens have to move into a care home.\n")
    found = [p for p in probe_problems(content) if "term 'botilbud'" in p]
    assert found and found[0].startswith("content/en/standard/probe.md:10: ")
    assert "render it as 'residential service'" in found[0]


def test_easy_english_may_use_the_short_rendering_but_standard_may_not(content):
    write(content, "da", "standard", "Du kan klage til Ankestyrelsen.\n")
    write(content, "da", "easy", "Du kan klage til Ankestyrelsen.\n")
    write(content, "en", "standard", "You can complain to the appeals board.\n")
    write(content, "en", "easy", "You can complain to the appeals board.\n")
    assert not any("term 'ankestyrelsen'" in p for p in probe_problems(content)
                   if "/easy/" in p)
    assert reported(content, "en", "standard", 10, "term 'ankestyrelsen'")


# --- easy-read ------------------------------------------------------------------------------

def test_formal_address_in_danish_easy_read_is_reported(content):
    first = write(content, "da", "easy", "Du kan få hjælp.\nHvis De har spørgsmål, kan De "
                  "skrive til kommunen.\n")
    assert reported(content, "da", "easy", first + 1, "'De' is formal address")
    assert reported(content, "da", "easy", first + 1, "'Hvis De' is formal address")


def test_the_budget_aim_as_a_formal_promise_is_reported(content):
    first = write(content, "da", "easy", "Kommunen vil give mere hjælp i hjemmet.\nSå skal "
                  "De ikke flytte.\nDe bedes kontakte kommunen.\n")
    assert reported(content, "da", "easy", first + 1, "'De' is formal address")
    assert reported(content, "da", "easy", first + 2, "'De bedes' is formal address")


def test_one_should_in_english_easy_read_is_reported(content):
    first = write(content, "en", "easy", "You can get help.\nOne should ask the municipality.\n")
    assert reported(content, "en", "easy", first + 1, "'One should' is impersonal address")


def test_an_abbreviation_without_explanation_is_reported(content):
    first = write(content, "da", "easy", "Du kan få hjælp.\n\nDu kan gå på STU.\n")
    assert reported(content, "da", "easy", first + 2, "abbreviation 'STU' is not explained")


def test_an_abbreviation_with_a_glossary_link_or_its_expansion_passes(content):
    write(content, "da", "easy", "Du kan gå på [STU](term:stu).\nFN står for De Forenede "
          "Nationer.\n")
    write(content, "en", "easy", "The UN is the United Nations.\n")
    assert not any("abbreviation" in p for p in probe_problems(content))


def test_a_short_form_in_easy_read_is_reported(content):
    first = write(content, "da", "easy", "Du kan få hjælp, bl.a. i dit hjem.\n")
    assert reported(content, "da", "easy", first, "'bl.a.' is a short form")
    first = write(content, "en", "easy", "You can get help, e.g. at home.\n")
    assert reported(content, "en", "easy", first, "'e.g.' is a short form")


@pytest.mark.parametrize("lang, heading", [("da", "Hvad skete der så"),
                                           ("da", "Hvilke regler gælder"),
                                           ("en", "What happened next"),
                                           ("en", "Can I complain")])
def test_a_question_heading_without_question_mark_is_reported(content, lang, heading):
    first = write(content, lang, "easy", f"Text.\n\n## {heading}\n\nText.\n")
    assert reported(content, lang, "easy", first + 2, f"heading '{heading}' is a question")


@pytest.mark.parametrize("alt", ["Billede for Maglemosen", "Picture of a sunflower",
                                 "Image of a town", ""])
def test_an_alt_text_that_names_the_picture_or_is_empty_is_reported(content, alt):
    first = write(content, "da", "easy", f"![{alt}](pictogram:home-support)\n\nDu kan få "
                  "hjælp.\n")
    fragment = "picture without alt text" if not alt else f"alt text '{alt}'"
    assert reported(content, "da", "easy", first, fragment)


@pytest.mark.parametrize("lang, opening", [
    ("da", "UUC Maglemosen blev behandlet i Socialudvalget. Denne side bygger på referatet."),
    ("da", "Ifølge budgetaftalen skal borgere have mere støtte."),
    ("en", "According to the budget agreement, citizens are to be offered more support."),
    ("en", "This page is based on the minutes.")])
def test_a_page_that_opens_with_its_source_is_reported(content, lang, opening):
    first = write(content, lang, "standard", f"{opening}\n\nMore text.\n")
    assert reported(content, lang, "standard", first, "opens with where the text comes from")


def test_the_source_named_further_down_passes(content):
    write(content, "da", "standard", PROBE[("da", "standard")][1]
          + "\nDenne side bygger på budgetaftalen.\n")
    assert not any("opens with" in p for p in probe_problems(content))


@pytest.mark.parametrize("lang, sentence, idiom", [
    ("da", "Kommunen og borgerne arbejder hånd i hånd.", "hånd i hånd"),
    ("en", "The services play a role in your life.", "play a role")])
def test_a_figure_of_speech_in_easy_read_is_reported(content, lang, sentence, idiom):
    first = write(content, lang, "easy", f"{sentence}\n")
    assert reported(content, lang, "easy", first, f"'{idiom}' is a figure of speech")


@pytest.mark.parametrize("lang, ceiling", [("da", "25"), ("en", "30")])
def test_easy_read_above_its_lix_ceiling_is_reported(content, lang, ceiling):
    long = ("Administrationens organisatoriske sundhedsfaglige kompetenceudvikling understøtter "
            "implementeringen af specialiserede rehabiliteringsindsatser, koordinerede "
            "handleplaner og tværprofessionelle samarbejdsrelationer i overensstemmelse med "
            "lovgivningens bestemmelser om individuelle kompensationsydelser.\n")
    if lang == "en":
        long = ("Administrative organisational competence development supports implementation "
                "of specialised rehabilitation interventions, coordinated individual plans and "
                "interprofessional collaboration consistent with legislative provisions "
                "regarding individualised compensation benefits.\n")
    first = write(content, lang, "easy", long)
    assert reported(content, lang, "easy", first, f"is above {ceiling} for {lang} easy")


def test_the_real_content_passes_the_lint():
    pictograms = paths.pictogram_names()
    library = load(CONTENT, pictograms)
    assert [str(p) for p in library.problems + lint(library, CONTENT, pictograms)] == []
