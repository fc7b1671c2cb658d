"""Promises in easy-read that the standard page does not make (no Qt).

An easy-read page says what its standard page says, with less detail: an aim stays an aim, a
plan stays a plan. The check finds phrasing that tells the reader what the municipality *will*
do or what the reader *gets* ("Kommunen vil give …", "du får …", "skal du have …",
"The municipality will help …", "you will get …") and reports it when the standard page of the
same id and language has no phrasing of the same kind. A promise that the source really makes
can be allowed for one page in ``promises.toml``, with the reason. See docs/CONTENT.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.toml import tomllib

from desktop_app.core.model import Library, Problem
from desktop_app.core.pagetext import line_of, page_file, shown_text

ALLOW_FILE = "promises.toml"

# Words that make a "will" harmless when they come right after it: a wish or a negation.
_SOFT = r"(?:gerne|ikke|aldrig|not|never|like|want|wants)"
# Up to two other words (an adverb, a pronoun) between the modal verb and the verb it carries.
_GAP = rf"(?:(?!{_SOFT}\b)[\w-]+\s+){{0,2}}?"
# White space within a sentence: a line break only where the sentence wraps (a lower-case
# word follows), so "… du får" ending one list item and "Du …" starting the next line do not
# make "får Du".
_SP = r"(?:[ \t]+|[ \t]*\n[ \t]*(?=(?-i:[a-zæøå])))"
_DA_WHO = r"(?:kommunen|ballerup\s+kommune|vi)"
_DA_GIVE = r"(?:give|hjælpe|sørge\s+for|tilbyde|sikre|skaffe|betale)"
_DA_GIVES = r"(?:giver|hjælper|sørger\s+for|tilbyder|skaffer|betaler)"
_EN_WHO = r"(?:the\s+municipality|the\s+council|ballerup(?:\s+municipality)?|we)"
_EN_GIVE = r"(?:give|help|provide|offer|make\s+sure|ensure|pay\s+for|find|arrange)"
_EN_GIVES = r"(?:gives|helps|provides|offers|makes\s+sure|pays\s+for|arranges)"


@dataclass(frozen=True)
class Kind:
    """One kind of promise: how it looks on an easy page, and on a standard page that makes
    the same kind of promise (the standard page speaks of "borgeren" where easy-read says
    "du")."""
    name: str
    easy: re.Pattern
    standard: re.Pattern


# Where a main clause may start with its subject: a sentence, heading or list item, or after a
# conjunction. "den hjælp, du får", "hvis du får", "the help you get" (subordinate clauses) are
# not promises.
_MAIN = r"(?:^[ \t]*(?:[-*#]+\s+|\d+\.\s+)?|(?<=[.!:]\s)|\b(?:{})\s+)"
_DA_MAIN = _MAIN.format("og|men|så|eller")
_EN_MAIN = _MAIN.format("and|but|so|then|here|now")
_DA_GET = r"(?:får|skal\s+have|vil\s+få|har\s+ret\s+til|har\s+krav\s+på)"
_DA_GET_INVERTED = (r"(?:får\s+{0}|(?:skal|vil)\s+{0}\s+(?:også\s+|altid\s+|straks\s+)?"
                    r"(?:have|få)|"
                    r"har\s+{0}\s+(?:ret\s+til|krav\s+på))")
_DA_PEOPLE = r"(?:du|borgeren|borgere|borger|den\s+unge|de)"
_EN_PEOPLE = (r"(?:you|residents?|citizens?|people|the\s+person|the\s+young\s+person|"
              r"they)")


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern.replace(r"\s+", _SP), re.IGNORECASE | re.MULTILINE)


def _municipality(who: str, modal: str, verb: str, verbs: str, *, you: str,
                  inverted: bool = False) -> re.Pattern:
    """'Kommunen vil (også) give …', with ``inverted`` also 'vil kommunen selv hjælpe …', and
    the present tense only with the person helped, ``you`` ('Kommunen hjælper dig'; "den
    hjælp, kommunen tilbyder" promises nothing)."""
    modal_first = (rf"|\b(?:{modal})\s+{who}\s+(?!{_SOFT}\b){_GAP}{verb}\b" if inverted
                   else "")
    return _rx(rf"\b{who}\s+(?:{modal})\s+(?!{_SOFT}\b){_GAP}{verb}\b{modal_first}"
               rf"|\b{who}\s+{verbs}{you}\b")


KINDS = {
    "da": (
        Kind("kommunen vil/skal give, hjælpe, sørge for …",
             _municipality(_DA_WHO, "vil|skal", _DA_GIVE, _DA_GIVES, you=r"\s+dig",
                           inverted=True),
             _municipality(_DA_WHO, "vil|skal", _DA_GIVE, _DA_GIVES, inverted=True,
                           you=r"\s+(?:dig|dem|borgeren|borgere|den\s+unge|familien)")),
        Kind("du får, skal du have, du har ret til …",
             _rx(rf"{_DA_MAIN}du\s+{_DA_GET}\b|\b{_DA_GET_INVERTED.format('du')}\b"),
             _rx(rf"\b{_DA_PEOPLE}\s+{_DA_GET}\b"
                 rf"|\b{_DA_GET_INVERTED.format(_DA_PEOPLE)}\b")),
    ),
    "en": (
        Kind("the municipality will give, help, make sure …",
             _municipality(_EN_WHO, r"will|shall|is\s+going\s+to", _EN_GIVE, _EN_GIVES,
                           you=r"\s+you"),
             _municipality(_EN_WHO, r"will|shall|is\s+going\s+to|must|is\s+to", _EN_GIVE,
                           _EN_GIVES, you=r"\s+(?:you|them|residents|citizens|people|the\s+"
                                          r"young\s+person|families)")),
        Kind("you will get, you get, you have the right to …",
             _rx(rf"\byou\s+(?:will|shall|must)\s+(?:get|receive|be\s+given)\b"
                 rf"|\byou\s+(?:are\s+entitled\s+to|have\s+(?:a|the)\s+right\s+to)\b"
                 rf"|{_EN_MAIN}you\s+(?:get|receive)\b"),
             _rx(rf"\b{_EN_PEOPLE}\s+(?:will\s+|shall\s+|must\s+|are\s+to\s+)?"
                 r"(?:get|receive|be\s+(?:given|offered)|are\s+entitled\s+to|"
                 r"ha(?:ve|s)\s+(?:a|the)\s+right\s+to)\b")),
    ),
}


_ADVICE = {"da": "keep the source's aim, plan or possibility ('Målet er …', 'Kommunen vil "
                 "gerne …', 'Planen er …', 'du kan få …')",
           "en": "keep the source's aim, plan or possibility ('The aim is …', 'The municipality "
                 "wants to …', 'The plan is …', 'you can get …')"}


@dataclass(frozen=True)
class Allowance:
    lang: str
    page: str
    phrase: str
    reason: str
    line: int


def load_allowances(content_dir: Path) -> tuple[list[Allowance], list[Problem]]:
    """The promises that ``promises.toml`` allows, each with its reason."""
    path = Path(content_dir) / ALLOW_FILE
    where = f"{Path(content_dir).name}/{ALLOW_FILE}"
    if not path.is_file():
        return [], []
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [], [Problem(where, 1, f"not valid TOML: {exc}")]
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.strip() == "[[allow]]"]
    allowances, problems = [], []
    for index, entry in enumerate(data.get("allow", [])):
        line = starts[index] if index < len(starts) else 1
        values = {key: str(entry.get(key, "")).strip()
                  for key in ("lang", "page", "phrase", "reason")}
        missing = [key for key, value in values.items() if not value]
        if missing:
            problems.append(Problem(where, line, f"allowance without {', '.join(missing)}"))
            continue
        allowances.append(Allowance(line=line, **values))
    return allowances, problems


def check_promises(library: Library, content_dir: Path) -> list[Problem]:
    """Promissory phrases on easy pages that the standard page of the same id lacks."""
    allowances, problems = load_allowances(content_dir)
    used: set[Allowance] = set()
    for (page_id, lang, level), page in sorted(library.pages.items()):
        standard = library.pages.get((page_id, lang, "standard"))
        if level != "easy" or standard is None:
            continue
        text = shown_text(page_file(page, content_dir).read_text(encoding="utf-8"))
        standard_text = shown_text(page_file(standard, content_dir).read_text(encoding="utf-8"))
        allowed = [a for a in allowances if (a.lang, a.page) == (lang, page_id)]
        for kind in KINDS.get(lang, ()):
            if _statements(kind.standard, standard_text):
                continue
            for start, phrase in _statements(kind.easy, text):
                allowance = next((a for a in allowed if _contains(phrase, a.phrase)
                                  or _contains(_sentence(text, start), a.phrase)), None)
                if allowance is not None:
                    used.add(allowance)
                    continue
                problems.append(Problem(
                    page.path, line_of(text, start),
                    f"'{phrase}' promises more than the standard page, which has no "
                    f"'{kind.name}': {_ADVICE[lang]}, or allow it in {ALLOW_FILE} with "
                    f"the source line"))
    where = f"{Path(content_dir).name}/{ALLOW_FILE}"
    for allowance in allowances:
        if (allowance.page, allowance.lang, "easy") not in library.pages:
            problems.append(Problem(where, allowance.line,
                                    f"allowance for {allowance.lang}/easy/{allowance.page}.md, "
                                    f"which does not exist"))
        elif allowance not in used and not _still_said(library, content_dir, allowance):
            problems.append(Problem(where, allowance.line,
                                    f"'{allowance.phrase}' is no longer on "
                                    f"{allowance.lang}/easy/{allowance.page}.md: remove the "
                                    f"allowance"))
    return problems


def _statements(pattern: re.Pattern, text: str) -> list[tuple[int, str]]:
    """Matches that are not inside a question."""
    return [(m.start(), " ".join(m.group(0).split())) for m in pattern.finditer(text)
            if not _sentence(text, m.start()).rstrip().endswith("?")]


def _sentence(text: str, offset: int) -> str:
    """The sentence around an offset (a heading or list item ends at its line)."""
    start = max(text.rfind(mark, 0, offset) for mark in (". ", "! ", "? ", ".\n", "!\n", "?\n",
                                                          "\n\n", "\n-", "\n#"))
    ends = [end for end in (re.search(r"[.!?](?=\s|$)|\n\n|\n-|\n#", text[offset:]),) if end]
    stop = offset + ends[0].end() if ends else len(text)
    return " ".join(text[start + 1:stop].split())


def _contains(text: str, phrase: str) -> bool:
    return " ".join(phrase.split()).lower() in " ".join(text.split()).lower()


def _still_said(library: Library, content_dir: Path, allowance: Allowance) -> bool:
    page = library.pages[(allowance.page, allowance.lang, "easy")]
    text = shown_text(page_file(page, content_dir).read_text(encoding="utf-8"))
    return _contains(text, allowance.phrase)
