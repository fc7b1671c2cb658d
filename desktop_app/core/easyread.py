"""Easy-read rules that can be checked by machine (no Qt).

Each rule returns problems as ``file:line``. See docs/CONTENT.md, "Rules the lint enforces".
"""
from __future__ import annotations

import re
from pathlib import Path

from desktop_app.core.document import page_document
from desktop_app.core.document_lines import links_with_lines
from desktop_app.core.model import Library, Page, Problem
from desktop_app.core.pagetext import line_of, page_file, phrase_pattern, shown_text

# --- one form of address --------------------------------------------------------------------

# Formal address in Danish: "De", "Dem", "Deres" with a capital inside a sentence are always
# formal ("de" meaning "they" is lower-case there), unless a name follows ("De Forenede
# Nationer"). At a sentence start the capital says
# nothing, so only phrases that can only address the reader count.
_FORMAL_DA_INSIDE = re.compile(r"(?<=[\w,;)»”\"] )(De|Dem|Deres)(?![\w])(?!\s+[A-ZÆØÅ])")
FORMAL_DA_PHRASES = ("De bedes", "Deres sag", "Deres sagsbehandler", "Deres ansøgning",
                     "Deres afgørelse", "Deres klage", "De er velkommen", "Hvis De",
                     "Har De", "Kan De", "Vil De", "Skal De", "Ønsker De")
_IMPERSONAL_EN = re.compile(r"(?<!\bno )(?<!\bevery)(?<!\bany)(?<!\bsome)\bone\s+"
                            r"(should|must|ought to|has to|needs to|can|may|will)\b",
                            re.IGNORECASE)

# --- abbreviations ------------------------------------------------------------------------

# Each known abbreviation with what explains it at first use: a glossary link on it, or one of
# these expansions within the line before, the line itself or the two lines after.
ABBREVIATIONS = {
    "da": {"FN": ("Forenede Nationer",),
           "STU": ("særligt tilrettelagt ungdomsuddannelse",),
           "BPA": ("borgerstyret personlig assistance",),
           "UUC": ("ungdomsuddannelsescenter",),
           "DUKH": ("Den Uvildige Konsulentordning på Handicapområdet",),
           "PPR": ("Pædagogisk Psykologisk Rådgivning",),
           "DH": ("Danske Handicaporganisationer",),
           "EU": ("Den Europæiske Union",)},
    "en": {"UN": ("United Nations",),
           "FN": ("United Nations",),
           "STU": ("særligt tilrettelagt ungdomsuddannelse", "youth education"),
           "BPA": ("citizen-controlled personal assistance",),
           "UUC": ("youth education centre", "Ungdomsuddannelsescenter"),
           "DUKH": ("Den Uvildige Konsulentordning på Handicapområdet",
                    "independent advice service"),
           "PPR": ("Pædagogisk Psykologisk Rådgivning",),
           "DH": ("Danske Handicaporganisationer",),
           "EU": ("European Union",)},
}
# Short forms that easy-read spells out.
SHORT_FORMS = {
    "da": ("bl.a.", "f.eks.", "fx", "osv.", "mv.", "m.m.", "pga.", "ca.", "jf.", "evt.", "§"),
    "en": ("e.g.", "i.e.", "etc.", "approx.", "incl.", "no.", "§"),
}

# --- question headings --------------------------------------------------------------------

_QUESTION_WORD = {
    "da": r"(?:Hvad|Hvem|Hvor|Hvornår|Hvorfor|Hvordan|Hvilke|Hvilken|Hvilket)",
    "en": r"(?:What|Who|Where|When|Why|How|Which|Whose)",
}
_QUESTION_VERB = {
    "da": r"(?:er|var|kan|skal|vil|må|får|fik|gør|gjorde|sker|skete|betyder|står|siger|sagde|"
          r"har|havde|blev|bliver|hjælper|gælder|koster|handler|mener|kommer|bestemmer|"
          r"besluttede|laver|lavede|findes|ved|tager|giver|længe|meget|mange|lang|ofte)",
    "en": r"(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|must|may|has|"
          r"have|had|happens|happened|long|much|many|often)",
}
# "Hvilke regler gælder", "Which help can I get": a question word with its noun, then the verb
# (in English an auxiliary and its subject), unlike "Hvad politikken siger", "Why work is good".
_WHICH = {
    "da": r"(?:Hvilke|Hvilken|Hvilket)\s+\w+\s+(?:er|var|kan|skal|vil|må|får|gælder|findes|"
          r"bestemmer|hjælper|betyder)\b",
    "en": r"(?:What|Which|Whose)\s+\w+\s+(?:is|are|was|were|do|does|did|can|could|will|"
          r"should|may|must)\s+(?:I|you|we|they|it|there|the|a|my|your)\b",
}
_VERB_FIRST = {
    "da": r"(?:Kan|Skal|Må|Er|Har|Får|Vil|Bestemmer|Gælder|Koster)\s+(?:jeg|du|man|der|vi|min|"
          r"mit|mine|din|dit|dine|det|den|kommunen)\b",
    "en": r"(?:Can|Do|Does|Is|Are|Should|Will|May|Must|Have|Has|Did|Could|Would)\s+(?:I|you|we|"
          r"they|there|it|my|your|the|a|an|someone|anyone)\b",
}

# --- pictures -----------------------------------------------------------------------------

_LAZY_ALT = re.compile(r"^\s*(?:billede|foto|ikon|piktogram|pictogram|picture|image|photo|icon)"
                       r"\s+(?:af|for|med|på|of|for|showing)\b", re.IGNORECASE)

# --- where the text comes from ------------------------------------------------------------

SOURCE_OPENINGS = ("Denne side bygger på", "Siden bygger på", "Ifølge", "Teksten bygger på",
                   "Kilden er", "This page is based on", "The page is based on", "According to",
                   "The source is", "This text is based on")

# --- metaphors and idioms -----------------------------------------------------------------

IDIOMS = {
    "da": ("hånd i hånd", "på lige fod", "rød tråd", "bære frugt", "vejen frem", "byggesten",
           "falde mellem to stole", "tage hånd om", "en hjælpende hånd", "løfte i flok",
           "sætte fokus på", "sætter fokus på", "sat fokus på", "i fokus", "på tværs af",
           "trække på", "spille en rolle", "spiller en rolle", "i spil", "tage hul på",
           "holde øje med", "have hånd i hanke", "være på forkant", "på forkant", "i højsædet",
           "et skridt videre", "tage fat på", "hjørnesten", "den gode vej", "i en tidlig alder"),
    "en": ("hand in hand", "on an equal footing", "red thread", "bear fruit", "the way forward",
           "building block", "building blocks", "fall between the cracks",
           "fall through the cracks", "take in hand", "a helping hand", "join forces",
           "put the spotlight on", "in the spotlight", "in focus", "draw on", "play a part",
           "play a role", "plays a role", "plays a part", "come into play", "keep an eye on",
           "stay ahead", "ahead of the curve", "a step further", "cornerstone", "at the heart of",
           "on board", "pave the way", "paves the way", "up to speed", "bottom line"),
}

LIX_CEILING = {("da", "easy"): 25.0, ("en", "easy"): 30.0}


def check_easy_read(library: Library, content_dir: Path,
                    alts: dict | None = None) -> list[Problem]:
    """Problems that break the easy-read rules (the picture and opening rules: every page).
    ``alts``: pictograms.toml's tables, what each pictogram shows in each language."""
    problems: list[Problem] = []
    for _key, page in sorted(library.pages.items()):
        raw = page_file(page, content_dir).read_text(encoding="utf-8")
        text = shown_text(raw)
        problems += _pictures(page, alts or {})
        problems += _opening(page, text)
        if page.level != "easy":
            continue
        problems += _address(page, text)
        problems += _abbreviations(page, text)
        problems += _questions(page, text)
        problems += _idioms(page, text)
    return problems


def _address(page: Page, text: str) -> list[Problem]:
    found = []
    if page.lang == "da":
        found += [(m.start(), m.group(0)) for m in _FORMAL_DA_INSIDE.finditer(text)]
        for phrase in FORMAL_DA_PHRASES:
            found += [(m.start(), m.group(0)) for m in
                      phrase_pattern(phrase, ignore_case=False).finditer(text)
                      if m.group(0)[:1].isupper()]
        advice = "formal address: write 'du', 'dig', 'din' to the reader"
    else:
        found += [(m.start(), m.group(0)) for m in _IMPERSONAL_EN.finditer(text)]
        advice = "impersonal address: write 'you' to the reader"
    return [Problem(page.path, line_of(text, start), f"'{' '.join(word.split())}' is {advice}")
            for start, word in sorted(set(found))]


def _abbreviations(page: Page, text: str) -> list[Problem]:
    problems = []
    terms = [(link.label, line) for link, line in links_with_lines(page) if link.scheme == "term"]
    lines = text.splitlines()
    body = "\n".join(lines[page.body_line - 1:])
    for abbreviation, expansions in ABBREVIATIONS.get(page.lang, {}).items():
        match = re.search(rf"(?<![\w-]){abbreviation}(?![\w])", body)
        if match is None:
            continue
        number = page.body_line + body.count("\n", 0, match.start())
        if any(line == number and re.search(rf"\b{abbreviation}\b", label)
               for label, line in terms):
            continue
        window = " ".join(lines[max(0, number - 2):number + 2])
        if any(phrase_pattern(e, prefix=True).search(window) for e in expansions):
            continue
        problems.append(Problem(page.path, number,
                                f"abbreviation '{abbreviation}' is not explained at its first "
                                f"use: write '{expansions[0]}' next to it or link the glossary"))
    for short in SHORT_FORMS.get(page.lang, ()):
        pattern = re.compile(re.escape(short) if short == "§" else
                             rf"(?<![\w.]){re.escape(short)}(?![\w])", re.IGNORECASE)
        for match in pattern.finditer(text):
            problems.append(Problem(page.path, line_of(text, match.start()),
                                    f"'{match.group(0)}' is a short form: spell it out"))
    return problems


def _questions(page: Page, text: str) -> list[Problem]:
    word, verb, first = (_QUESTION_WORD[page.lang], _QUESTION_VERB[page.lang],
                         _VERB_FIRST[page.lang])
    question = re.compile(rf"^(?:{word}\s+{verb}\b|{_WHICH[page.lang]}|{first})")
    problems, lines, at = [], text.splitlines(), page.body_line
    for block in page_document(page).blocks[1:]:
        if block.kind != "heading":
            continue
        at = next((n for n in range(at, len(lines) + 1) if block.text in " ".join(
            lines[n - 1].split())), at)
        if block.level >= 2 and question.match(block.text) and not block.text.endswith("?"):
            problems.append(Problem(page.path, at,
                                    f"heading '{block.text}' is a question: end it with '?'"))
    return problems


def _pictures(page: Page, alts: dict) -> list[Problem]:
    problems = []
    for link, number in links_with_lines(page):
        if not link.image:
            continue
        alt, name = link.label.strip(), link.target if link.picture else ""
        shows = alts.get(name, {}).get(f"alt_{page.lang}", "")
        if alt and shows and alt != shows:
            problems.append(Problem(page.path, number,
                                    f"alt text '{alt}' does not say what pictogram "
                                    f"'{name}' shows: write '{shows}' (as in "
                                    f"resources/pictograms/pictograms.toml)"))
        if not alt:
            problems.append(Problem(page.path, number, "picture without alt text: say what "
                                                       "the picture shows"))
        elif _LAZY_ALT.match(alt):
            problems.append(Problem(page.path, number,
                                    f"alt text '{alt}' names the picture instead of saying "
                                    f"what it shows"))
    return problems


def _opening(page: Page, text: str) -> list[Problem]:
    lines = text.splitlines()
    paragraph: list[tuple[int, str]] = []
    for number in range(page.body_line, len(lines) + 1):
        line = lines[number - 1].strip()
        if not line or line.startswith("!"):
            if paragraph:
                break
            continue
        paragraph.append((number, line))
    joined = " ".join(line for _, line in paragraph)
    for phrase in SOURCE_OPENINGS:
        match = phrase_pattern(phrase).search(joined)
        if match:
            number = _line_in(paragraph, match.start())
            return [Problem(page.path, number,
                            f"the page opens with where the text comes from ('{match.group(0)}'):"
                            f" start with what matters to the reader; the footer names the "
                            f"source")]
    return []


def _line_in(paragraph: list[tuple[int, str]], offset: int) -> int:
    position = 0
    for number, line in paragraph:
        position += len(line) + 1
        if offset < position:
            return number
    return paragraph[-1][0] if paragraph else 1


def _idioms(page: Page, text: str) -> list[Problem]:
    problems = []
    for idiom in IDIOMS.get(page.lang, ()):
        for match in phrase_pattern(idiom).finditer(text):
            problems.append(Problem(page.path, line_of(text, match.start()),
                                    f"'{' '.join(match.group(0).split())}' is a figure of "
                                    f"speech: say it plainly"))
    return problems
