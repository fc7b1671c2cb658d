"""Display text -> what a speech engine should say (no Qt).

Tables, not code paths: each rule is a (pattern, replacement) pair per language, applied in order.
The result is plain text in the same language; nothing here knows which engine will speak it.
"""
from __future__ import annotations

import re
from typing import Callable

# Pause after a sentence, by the kind of block it ends (milliseconds).
PAUSES_MS = {"heading": 600, "item": 350, "paragraph": 400, "caption": 300}
DEFAULT_PAUSE_MS = 400


def pause_ms(kind: str) -> int:
    """The silence after a sentence of a block of ``kind`` (heading, item, paragraph, caption)."""
    return PAUSES_MS.get(kind, DEFAULT_PAUSE_MS)


# Words the two languages need for the generated parts.
_WORDS = {
    "da": {"section": "paragraf", "sections": "paragrafferne", "to": "til", "dot": "punktum",
           "at": "snabel-a", "currency": "kroner"},
    "en": {"section": "section", "sections": "sections", "to": "to", "dot": "dot",
           "at": "at", "currency": "kroner"},
}

# Abbreviations, matched as whole words, case-insensitively; a capital first letter is kept.
_ABBREVIATIONS = {
    "da": [
        ("bl.a.", "blandt andet"), ("f.eks.", "for eksempel"), ("fx.", "for eksempel"),
        ("fx", "for eksempel"), ("m.fl.", "med flere"), ("m.m.", "med mere"),
        ("i.f.t.", "i forhold til"), ("ift.", "i forhold til"), ("ca.", "cirka"),
        ("pct.", "procent"), ("mio.", "millioner"), ("mia.", "milliarder"), ("jf.", "jævnfør"),
        ("evt.", "eventuelt"), ("hhv.", "henholdsvis"), ("dvs.", "det vil sige"),
        ("osv.", "og så videre"), ("nr.", "nummer"), ("inkl.", "inklusive"),
        ("mht.", "med hensyn til"), ("vedr.", "vedrørende"), ("tlf.", "telefon"),
        ("stk.", "stykke"), ("kl.", "klokken"), ("pkt.", "punkt"), ("kr.", "kroner"),
    ],
    "en": [
        ("e.g.", "for example"), ("i.e.", "that is"), ("etc.", "et cetera"),
        ("approx.", "approximately"), ("incl.", "including"), ("vs.", "versus"),
    ],
}

# Acronyms spoken letter by letter (case-sensitive, whole words).
_ACRONYMS = {
    "da": ["STU", "BPA", "UUC", "FN", "SSP", "KL", "EU", "IT", "CPR", "FVU", "ADHD", "PPR",
           "BFO", "KKR", "DTU", "SFO", "DUKH"],
    "en": ["STU", "BPA", "UUC", "UN", "EU", "IT", "ADHD", "SSP", "KL", "CPR", "DUKH"],
}

_DASHES = "\u2013\u2014"  # en dash, em dash
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_NUMBER = r"\d+[a-zA-Z]?"          # 104, 32a
_RANGE = re.compile(rf"(?<=\d)\s*[{_DASHES}]\s*(?=\d)")
_SECTIONS = re.compile(r"§§\s*")
_SECTION = re.compile(r"§\s*")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+", re.IGNORECASE)
_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:dk|com|org|net|eu|gov|info))\b(?:/\S*)?",
                     re.IGNORECASE)
_CURRENCY_BEFORE = {"da": re.compile(r"\b(?:kr\.|DKK)\s*(\d[\d.,]*)"),
                    "en": re.compile(r"\b(?:DKK|kr\.)\s*(\d[\d.,]*)")}
_CURRENCY_WORD = re.compile(r"\bDKK\b")


def _words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang, _WORDS["en"])


def _base_lang(lang: str) -> str:
    return (lang or "da").replace("_", "-").split("-")[0].lower()


def _host(url: str) -> str:
    host = re.sub(r"^(?:https?://)", "", url, flags=re.IGNORECASE)
    host = host.split("/")[0].split("?")[0].split("#")[0].split(":")[0]
    host = re.sub(r"^www\.", "", host, flags=re.IGNORECASE)
    return host.rstrip(".,;")


def _trailing(url: str) -> str:
    """Punctuation after a link belongs to the sentence, not the link."""
    match = re.search(r"[.,;:!?]+$", url)
    return match.group(0) if match else ""


def _spoken_host(host: str, lang: str) -> str:
    return f" {_words(lang)['dot']} ".join(part for part in host.split(".") if part)


def _abbreviation_rule(abbr: str, spoken: str) -> tuple[re.Pattern[str], Callable]:
    pattern = re.compile(rf"(?<![\w.]){re.escape(abbr)}(?![\w])", re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        out = spoken[0].upper() + spoken[1:] if match.group(0)[0].isupper() else spoken
        rest = match.string[match.end():]
        # The abbreviation's full stop also ended the sentence: keep one.
        if abbr.endswith(".") and not rest.strip():
            out += "."
        return out

    return pattern, replace


_ABBREVIATION_RULES = {
    lang: [_abbreviation_rule(a, s) for a, s in sorted(rules, key=lambda r: -len(r[0]))]
    for lang, rules in _ABBREVIATIONS.items()
}
_ACRONYM_RULES = {
    lang: [(re.compile(rf"(?<![\w-]){a}(?!\w)"), " ".join(a)) for a in acronyms]
    for lang, acronyms in _ACRONYMS.items()
}


def _links(text: str, lang: str) -> str:
    at = _words(lang)["at"]
    text = _EMAIL.sub(lambda m: f"{m.group(1)} {at} {_spoken_host(m.group(2), lang)}", text)
    text = _URL.sub(lambda m: _spoken_host(_host(m.group(0)), lang) + _trailing(m.group(0)), text)
    return _DOMAIN.sub(lambda m: _spoken_host(m.group(1), lang), text)


def _sections(text: str, lang: str) -> str:
    words = _words(lang)
    # "§§ 39-45" uses a hyphen often enough: a range after §§ is a range.
    text = re.sub(rf"(§§\s*{_NUMBER})\s*-\s*(?=\d)", r"\1–", text)
    text = _SECTIONS.sub(words["sections"] + " ", text)
    return _SECTION.sub(words["section"] + " ", text)


def _money(text: str, lang: str) -> str:
    currency = _words(lang)["currency"]
    pattern = _CURRENCY_BEFORE.get(lang, _CURRENCY_BEFORE["en"])
    text = pattern.sub(lambda m: f"{m.group(1).rstrip('.,')} {currency}", text)
    return _CURRENCY_WORD.sub(currency, text)


def speakable(text: str, lang: str) -> str:
    """``text`` as a speech engine should say it in ``lang`` ("da" or "en").

    Expands section signs, abbreviations and acronyms, reads number ranges, and shortens links
    and e-mail addresses to their host names. Whitespace is collapsed.
    """
    lang = _base_lang(lang)
    if lang not in _WORDS:
        lang = "en"
    text = _INVISIBLE.sub("", text or "")
    text = " ".join(text.split())
    if not text:
        return ""
    text = _links(text, lang)
    text = _sections(text, lang)
    text = _money(text, lang)
    text = _RANGE.sub(f" {_words(lang)['to']} ", text)
    for pattern, replace in _ABBREVIATION_RULES.get(lang, []):
        text = pattern.sub(replace, text)
    for pattern, spoken in _ACRONYM_RULES.get(lang, []):
        text = pattern.sub(spoken, text)
    return " ".join(text.split())
