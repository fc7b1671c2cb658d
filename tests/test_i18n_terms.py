"""The interface speaks plain Danish and English: one word per thing (i18n/terms.toml), no
forbidden variant, and no command, package name, standard or unit in a message a citizen sees.

The catalogs are checked as text; the messages built from a technical cause (speech and sound
errors, a kiosk without a PIN) are checked by making the failure happen.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop_app.core.toml import tomllib

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
TERMS = tomllib.loads((I18N / "terms.toml").read_text(encoding="utf-8"))


def messages(lang: str) -> list[tuple[str | None, str, str]]:
    """(context, English id, translation) for every message, plural forms one by one."""
    with (I18N / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for i, string in enumerate(strings):
            found.append((message.context, ids[min(i, len(ids) - 1)], string))
    return found


def whole(word: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def variants(lang: str) -> list[tuple[str, re.Pattern]]:
    key = f"forbid_{lang}"
    return [(t["id"], whole(w)) for t in TERMS["term"] for w in t.get(key, [])] + \
        [("style", whole(w)) for w in TERMS["style"][key]]


def test_the_glossary_has_one_word_per_thing():
    terms = TERMS["term"]
    for lang in ("da", "en"):
        words = [t[lang].lower() for t in terms]
        assert len(words) == len(set(words)), f"two terms share a {lang} word"
        for term in terms:
            forbidden = [w.lower() for w in term.get(f"forbid_{lang}", [])]
            assert term[lang].lower() not in forbidden, term["id"]
    assert all(t["note"].strip() for t in terms)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_forbidden_variant_in_a_catalog(lang):
    """Danish translations against the Danish variants; in both catalogs the English ids
    against the English ones (in the English catalog the translation is the id)."""
    found = []
    for _context, msgid, string in messages(lang):
        texts = [("en", msgid)] + ([("da", string)] if lang == "da" else [("en", string)])
        for text_lang, text in texts:
            for term, pattern in variants(text_lang):
                if pattern.search(text):
                    found.append((term, pattern.pattern, text))
    assert found == []


def test_a_forbidden_variant_is_found():
    """The check above can fail: the old words are caught."""
    old = ["Vis siderne i let læst", "Gem i Mine emner", "Udskriften kunne ikke printes.",
           "Stemme til dansk", "Talemotoren fejlede", "lydudgangen holdt op med at virke",
           "Talemotoren svarede ikke i tide.", "Ingen sider kunne indlæses."]
    for text in old:
        assert any(p.search(text) for _t, p in variants("da")), text
    assert any(p.search("Save to my topics") for _t, p in variants("en"))


def test_each_english_term_has_its_danish_term():
    """Where an English message uses a checked term, its Danish translation uses the Danish
    one: the same thing is called the same everywhere."""
    wrong = []
    for term in (t for t in TERMS["term"] if t.get("check")):
        english = whole(term["en"])
        danish = term.get("da_match", term["da"]).lower()
        for _context, msgid, string in messages("da"):
            if english.search(msgid) and danish not in string.lower():
                wrong.append((term["id"], msgid, string))
    assert wrong == []


def technical_words(text: str) -> list[str]:
    return [p for p in TERMS["technical"]["patterns"] if re.search(p, text)]


def test_citizen_messages_have_no_technical_words():
    staff = set(TERMS["staff"]["messages"])
    found = []
    for _context, msgid, string in messages("da"):
        if msgid in staff:
            continue
        for text in (msgid, string):
            if technical_words(text):
                found.append((technical_words(text), text))
    assert found == []


def test_technical_words_are_found():
    for text in ["opfylder AA", "4,5:1", "1,5 em", "(WCAG 1.4.12)",
                 "Installer espeak-ng med 'sudo apt install espeak-ng'",
                 "Sæt en med: python -m desktop_app kiosk set-pin"]:
        assert technical_words(text), text
    assert technical_words("Oplæsningen virker ikke lige nu. Prøv igen, eller bed om hjælp.") \
        == []


def test_messages_are_not_fragments():
    """A message that starts in lower case is a piece of a sentence put together in code
    (translators cannot order it); only the spoken states listed in terms.toml may be."""
    allowed = set(TERMS["fragments"]["allowed"])
    pieces = [msgid for _c, msgid, _s in messages("da")
              if msgid[:1].islower() and msgid not in allowed]
    assert pieces == []


def test_the_stop_button_and_the_settings_row_have_their_own_words():
    from desktop_app import i18n
    try:
        for lang in ("da", "en"):
            i18n.set_language(lang)
            button = i18n.pgettext("button", "Stop")
            row = i18n.pgettext("settings row", "Reading stops")
            assert button == "Stop" and row != button and "Stop" not in row
        i18n.set_language("da")
        assert i18n.pgettext("settings row", "Reading stops") == "Oplæsningen stopper"
        assert i18n.pgettext("settings heading", "Reading aloud") == "Oplæsning"
        assert i18n._("Reading aloud") == "Læser op"       # the state, without a context
        assert i18n.npgettext("no such context", "%d page", "%d pages", 2) == "%d pages"
    finally:
        i18n.set_language("da")


# -- messages made from a technical cause -------------------------------------------------------

@pytest.fixture
def danish():
    from desktop_app import i18n
    i18n.set_language("da")
    yield
    i18n.set_language("da")


def assert_plain(message: str, *details: str) -> None:
    assert message and technical_words(message) == [], message
    for detail in details:
        assert detail not in message


@pytest.mark.parametrize("platform", ["linux", "windows", "macos"])
def test_a_missing_voice_says_what_to_do_without_a_command(danish, platform, caplog):
    from desktop_app.speech.voices import missing_voice_message
    message = missing_voice_message("da", platform)
    assert message.startswith("Der er ingen dansk stemme på computeren")
    assert_plain(message, "sudo", "espeak")
    if platform == "linux":   # the command is for whoever reads the log
        assert "sudo apt install espeak-ng" in caplog.text


def test_speech_that_cannot_start_says_what_it_means(danish, caplog):
    from desktop_app.speech.engine import engine_unavailable_message
    message = engine_unavailable_message("libespeak-ng.so.1: cannot open shared object file")
    assert message.startswith("Oplæsningen virker ikke på denne computer.")
    assert_plain(message, "libespeak")
    assert "libespeak-ng.so.1" in caplog.text


def test_a_failing_engine_gives_the_plain_message(danish, caplog, tmp_path):
    from desktop_app.speech.engine import EngineContext, EngineError, SynthJob
    from tests.fakes import FakeEngine

    broken = RuntimeError("espeak_Synth returned EE_INTERNAL_ERROR")
    context = EngineContext(lambda: FakeEngine(voices=(("gmq/da", "Danish", ["da"]),),
                                               fail=broken))
    with pytest.raises(EngineError) as raised:
        context.render(SynthJob("Hej med dig.", "da"), tmp_path / "out.wav")
    assert str(raised.value) == ("Oplæsningen virker ikke lige nu. Prøv igen, eller bed om "
                                 "hjælp.")
    assert "EE_INTERNAL_ERROR" in caplog.text


def test_no_sound_says_what_to_check(danish, caplog):
    from desktop_app.speech.player import broken_message, unavailable_message
    message = unavailable_message("PulseAudio: Connection refused")
    assert message.startswith("Computeren giver ingen lyd")
    assert_plain(message, "Connection refused")
    assert_plain(broken_message("QAudioSink OpenError"), "QAudioSink")
    assert "Connection refused" in caplog.text and "OpenError" in caplog.text


def test_the_contrast_is_told_in_words(danish):
    from desktop_app.ui.choices import contrast_ratio, contrast_text
    assert [contrast_text(r) for r in (13.2, 4.6, 2.8)] == \
        ["Meget god kontrast", "God kontrast", "For lav kontrast"]
    assert contrast_ratio(4.58) == "4,5:1"


def test_a_spoken_control_says_chosen_for_an_option_and_on_for_a_switch(qtbot, danish):
    from PySide6.QtWidgets import QPushButton

    from desktop_app.ui.choices import ChoiceRow
    from desktop_app.ui.speak_interface import describe
    row = ChoiceRow([0, 10], lambda _value: None)
    qtbot.addWidget(row)
    row.set_texts("Dæmpning", ["Fra", "10 %"])
    row.set_value(0)
    assert describe(row.buttons[0]) == "Dæmpning: Fra. valgt."     # not "Fra. slået til"
    assert describe(row.buttons[1]) == "Dæmpning: 10 %. ikke valgt."
    switch = QPushButton("Letlæst")
    qtbot.addWidget(switch)
    switch.setCheckable(True)
    switch.setChecked(True)
    assert describe(switch) == "Letlæst. slået til."
