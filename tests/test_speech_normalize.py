"""Display text -> speakable text, and pauses between sentences."""
from __future__ import annotations

import pytest

from desktop_app.speech.normalize import pause_ms, speakable

CASES = [
    # (lang, display text, what the engine should say)
    ("da", "§ 104", "paragraf 104"),
    ("da", "§104", "paragraf 104"),
    ("da", "§§ 104 og 108", "paragrafferne 104 og 108"),
    ("da", "§§ 39–45", "paragrafferne 39 til 45"),
    ("da", "§§ 39-45", "paragrafferne 39 til 45"),
    ("da", "§§ 32, 32a, 36", "paragrafferne 32, 32a, 36"),
    ("en", "§ 104", "section 104"),
    ("en", "§§ 104 and 108", "sections 104 and 108"),
    ("en", "§§ 39–45", "sections 39 to 45"),
    ("da", "Bl.a. dette", "Blandt andet dette"),
    ("da", "det gælder bl.a. børn", "det gælder blandt andet børn"),
    ("da", "fx en bolig", "for eksempel en bolig"),
    ("da", "f.eks. en bolig", "for eksempel en bolig"),
    ("da", "ca. 5 pct.", "cirka 5 procent."),
    ("da", "500 kr. om måneden", "500 kroner om måneden"),
    ("da", "kr. 500", "500 kroner"),
    ("da", "2 mio. kr. i alt", "2 millioner kroner i alt"),
    ("da", "Mennesker m.fl. deltager", "Mennesker med flere deltager"),
    ("da", "jf. loven", "jævnfør loven"),
    ("da", "evt. hjælp", "eventuelt hjælp"),
    ("da", "hhv. børn og voksne", "henholdsvis børn og voksne"),
    ("da", "dvs. at", "det vil sige at"),
    ("da", "bolig, job osv.", "bolig, job og så videre."),
    ("da", "Bygning nr. 3", "Bygning nummer 3"),
    ("da", "UUC tilbyder STU", "U U C tilbyder S T U"),
    ("da", "BPA efter FN’s konvention", "B P A efter F N’s konvention"),
    ("da", "FNs konvention", "FNs konvention"),  # not a whole word: left alone
    ("da", "2024–2027", "2024 til 2027"),
    ("da", "2024 – 2027", "2024 til 2027"),
    ("en", "2024–2027", "2024 to 2027"),
    ("en", "support, e.g. a helper", "support, for example a helper"),
    ("en", "the council, i.e. the politicians", "the council, that is the politicians"),
    ("en", "housing, work etc.", "housing, work et cetera."),
    ("en", "DKK 1,000", "1,000 kroner"),
    ("en", "500 DKK", "500 kroner"),
    ("en", "UUC offers STU", "U U C offers S T U"),
    ("da", "Dit CPR-nummer og EU-regler", "Dit C P R-nummer og E U-regler"),
    ("da", "Spørg DUKH.", "Spørg D U K H."),
    ("en", "Your CPR number; ask DUKH.", "Your C P R number; ask D U K H."),
    ("da", "Se https://www.stokholtbuen.ballerup.dk/om-os, tak.",
     "Se stokholtbuen punktum ballerup punktum dk, tak."),
    ("en", "See www.ballerup.dk.", "See ballerup dot dk."),
    ("da", "Læs på ballerup.dk/handicap", "Læs på ballerup punktum dk"),
    ("da", "Skriv til handicap@balk.dk", "Skriv til handicap snabel-a balk punktum dk"),
    ("da", "  to\u00ad\u00adord   her ", "toord her"),
    ("da", "", ""),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_speakable(lang, text, expected):
    assert speakable(text, lang) == expected


def test_danish_rules_do_not_apply_to_english():
    assert speakable("fx", "en") == "fx"
    assert speakable("e.g.", "da") == "e.g."


def test_language_variants_are_accepted():
    assert speakable("§ 1", "da_DK") == "paragraf 1"
    assert speakable("§ 1", "en-GB") == "section 1"


def test_pauses():
    assert pause_ms("heading") == 600
    assert pause_ms("item") == 350
    assert pause_ms("paragraph") == 400
    assert pause_ms("caption") == 300
    assert pause_ms("unknown") == 400
