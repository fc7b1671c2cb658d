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
        "Kommunen vil gerne give mere fleksibel støtte i eget hjem. Målet er, at færre borgere "
        "skal flytte i et [botilbud](term:botilbud).\n"),
    ("en", "standard"): (
        "Support in your own home",
        "The municipality wants to give more flexible support at home. The aim is that fewer "
        "people have to move into a [residential service](term:botilbud).\n"),
    ("da", "easy"): (
        "Hjælp i dit hjem",
        "![Et hus med to personer indenfor](pictogram:home-support)\n\n"
        "Kommunen vil gerne give mere fleksibel hjælp i dit hjem.\n"
        "Så skal færre flytte i et [botilbud](term:botilbud).\n"
        "De kan bo i deres hjem.\n"
        "Du kan få hjælp.\n"
        "Du kan få det, du har brug for.\n"
        "FN er De Forenede Nationer.\n\n"
        "## Hvad loven siger\n\n"
        "Du kan få hjælp.\n"),
    ("en", "easy"): (
        "Help in your home",
        "![A house with two people inside](pictogram:home-support)\n\n"
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
    for name in ("terms.toml", "glossary.toml", "topics.toml", "sources.toml", "promises.toml"):
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
          "home. The aim is that fewer people have to move into a care home.\n")
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


def test_citizen_is_reported_but_not_in_fixed_names(content):
    first = write(content, "en", "standard", PROBE[("en", "standard")][1]
                  + "\nThe citizens' adviser and citizen-controlled personal assistance are "
                  "for\nall citizens.\n")
    found = [p for p in probe_problems(content) if "[borger]" in p]
    assert len(found) == 1
    assert found[0].startswith(f"content/en/standard/probe.md:{first + 3}: 'citizens' is a "
                               "wrong variant of 'borger'")


def test_a_repeated_sentence_rendered_differently_is_reported(content):
    danish = "Borgere med handicap skal sikres muligheder for beskæftigelse.\n"
    write(content, "da", "standard", danish)
    first = write(content, "en", "standard",
                  "Opportunities for employment should be\nsecured for people with "
                  "disabilities.\n")
    assert reported(content, "en", "standard", first, "'Opportunities for employment should be "
                    "secured for' is a wrong variant")
    assert reported(content, "en", "standard", first, "sentence 'sentence.sikres-beskaeftigelse'"
                    ": the Danish page has")
    write(content, "en", "standard",
          "People with disabilities should be assured of opportunities for employment.\n")
    assert not any("sentence." in p for p in probe_problems(content))


def test_a_wrong_rendering_put_back_into_a_real_page_is_reported(content):
    for lang in ("da", "en"):
        shutil.copy(CONTENT / lang / "standard" / "stokholtbuen.md", content / lang / "standard")
        shutil.copy(CONTENT / lang / "easy" / "stokholtbuen.md", content / lang / "easy")
    path = content / "en" / "standard" / "stokholtbuen.md"
    text = path.read_text(encoding="utf-8")
    right = "The Disability Council expresses concern about the\nhandling of medicine"
    assert right in text
    text = text.replace(right, "Handicaprådet expresses concern about the\nhandling of medicine")
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("Handicaprådet expresses")].count("\n") + 1
    found = problems(content)
    assert any(p.startswith(f"content/en/standard/stokholtbuen.md:{line}: 'Handicaprådet "
                            "expresses concern about the handling of medicine' is a wrong variant")
               for p in found)
    assert any(p.startswith("content/en/standard/stokholtbuen.md:")
               and "sentence 'sentence.handicapraadet-bekymring'" in p for p in found)


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


@pytest.mark.parametrize("lang, name, alt", [("da", "autism", "Et uendelighedstegn"),
                                             ("da", "help", "En redningskrans"),
                                             ("en", "rights", "A pair of scales")])
def test_an_alt_text_that_describes_another_picture_is_reported(content, lang, name, alt):
    """A pictogram shows one thing everywhere: the page's alt text is what
    pictograms.toml says it shows (a picture redrawn leaves no old description behind)."""
    first = write(content, lang, "easy", f"![{alt}](pictogram:{name})\n\nText her.\n")
    assert reported(content, lang, "easy", first, f"alt text '{alt}' does not say what "
                                                  f"pictogram '{name}' shows")


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


# --- promises that the standard page does not make -------------------------------------------

@pytest.mark.parametrize("lang, standard, easy, phrase", [
    ("da", "Borgere skal tilbydes mere fleksibel støtte i eget hjem.",
     "Kommunen vil give mere hjælp i dit hjem.", "Kommunen vil give"),
    ("da", "Ballerup Kommune medvirker til, at borgere med handicap har mulighed for at deltage.",
     "Kommunen vil hjælpe dig, så du kan være med.", "Kommunen vil hjælpe"),
    ("da", "Opgaver hjemtages fra eksterne botilbud.",
     "På den måde vil kommunen selv hjælpe flere.", "vil kommunen selv hjælpe"),
    ("da", "Kompensationsprincippet sikrer, at borgere med funktionsnedsættelse får hjælp.",
     "Har du et handicap, skal du have hjælp.", "skal du have"),
    ("da", "Målet er, at borgere kan få vejledning.", "Du får vejledning.", "Du får"),
    ("en", "Residents are to be offered more flexible support at home.",
     "The municipality will give more help in your home.", "The municipality will give"),
    ("en", "The municipality contributes to giving residents the opportunity to take part.",
     "You will get help to take part.", "You will get"),
    ("en", "The aim is that young people can get guidance.", "Then you get guidance.",
     "Then you get"),
])
def test_a_promise_that_the_standard_page_does_not_make_is_reported(content, lang, standard,
                                                                      easy, phrase):
    write(content, lang, "standard", f"{standard}\n")
    first = write(content, lang, "easy", f"You can read more.\n{easy}\n"
                  if lang == "en" else f"Du kan læse mere.\n{easy}\n")
    assert reported(content, lang, "easy", first + 1, f"'{phrase}' promises more than the "
                                                      f"standard page")


@pytest.mark.parametrize("lang, standard, easy", [
    ("da", "Borgere skal tilbydes mere fleksibel støtte.",
     "Kommunen vil gerne give mere fleksibel støtte.\nMålet er, at du kan få hjælp.\n"
     "Hvad får du?\nHvis du får et brev, kan du klage.\n- den hjælp, du får\n"
     "Kommunen vil ikke give penge.\n"),
    ("da", "Med de nye botilbud får borgere botræning.", "Du får botræning.\n"),
    ("da", "Kommunen skal tilbyde aktivitets- og samværstilbud til voksne.",
     "Kommunen skal tilbyde dig et tilbud.\n"),
    ("en", "Residents are to be offered more flexible support.",
     "The municipality wants to give more flexible support.\nWhat do you get?\n"
     "If you get a letter, you can complain.\n- the help you get\n"),
    ("en", "Residents get housing training.", "You get housing training.\n"),
])
def test_an_aim_a_question_or_a_promise_the_standard_page_makes_passes(content, lang,
                                                                      standard, easy):
    write(content, lang, "standard", f"{standard}\n")
    write(content, lang, "easy", easy)
    assert not any("promises more" in p for p in probe_problems(content))


def test_a_line_break_between_two_sentences_makes_no_promise(content):
    write(content, "da", "standard", "Borgere skal tilbydes støtte.\n")
    write(content, "da", "easy", "- den hjælp, du får\nDu kan spørge kommunen.\n")
    assert not any("promises more" in p for p in probe_problems(content))


def test_a_promise_allowed_with_its_reason_passes_and_a_stale_allowance_is_reported(content):
    write(content, "da", "standard", "Borgere skal tilbydes støtte.\n")
    first = write(content, "da", "easy", "Du kan læse mere.\nDu får støtte i dit hjem.\n")
    assert reported(content, "da", "easy", first + 1, "'Du får' promises more")
    allow = content / "promises.toml"
    base = allow.read_text(encoding="utf-8")
    entry = ('\n[[allow]]\nlang = "da"\npage = "probe"\nphrase = "Du får støtte"\n'
             'reason = "Budgetaftale 2024, 1.3.2: Borger skal tilbydes …"\n')
    allow.write_text(base + entry, encoding="utf-8")
    assert not any("promises more" in p for p in probe_problems(content))
    write(content, "da", "easy", "Du kan læse mere.\nDu kan få støtte.\n")
    line = base.count("\n") + 2
    assert f"content/promises.toml:{line}: 'Du får støtte' is no longer on da/easy/probe.md: " \
           f"remove the allowance" in problems(content)
    allow.write_text(base + entry.replace('reason = "Budgetaftale 2024, 1.3.2: Borger skal '
                                          'tilbydes …"', 'reason = ""'), encoding="utf-8")
    assert f"content/promises.toml:{line}: allowance without reason" in problems(content)
    allow.write_text(base + entry.replace('page = "probe"', 'page = "no-such-page"'),
                     encoding="utf-8")
    assert f"content/promises.toml:{line}: allowance for da/easy/no-such-page.md, which does " \
           f"not exist" in problems(content)


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
