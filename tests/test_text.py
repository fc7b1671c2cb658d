"""Readability (LIX) and sentence splitting."""
from desktop_app.core.readability import lix_band, measure
from desktop_app.core.sentences import split_sentences


def test_lix_counts_words_sentences_and_long_words():
    r = measure("Jeg bor i et hus.\nHuset er rødt.\n\n- Forebyggelse\n- Ligebehandling\n")
    assert (r.words, r.sentences, r.long_words) == (10, 4, 2)
    assert round(r.lix, 1) == round(10 / 4 + 100 * 2 / 10, 1)
    assert lix_band(r.lix) == "very easy" and lix_band(40) == "medium"


def test_lix_ignores_markdown_and_link_targets():
    plain = measure("Du kan bo i et botilbud.")
    marked = measure("Du kan bo i et [botilbud](term:botilbud).\n\n![Et hus](pictogram:housing)")
    assert (plain.words, plain.sentences, plain.long_words) == \
        (marked.words, marked.sentences, marked.long_words)


def test_sentences_keep_abbreviations_dates_and_paragraph_signs_together():
    text = ("Det gælder bl.a. borgere med handicap. Den 1. januar 2023 flyttede UUC. "
            "Stokholtbuen hører under servicelovens §§ 104 og 108. Hvad nu?")
    assert split_sentences(text, "da") == [
        "Det gælder bl.a. borgere med handicap.", "Den 1. januar 2023 flyttede UUC.",
        "Stokholtbuen hører under servicelovens §§ 104 og 108.", "Hvad nu?"]


def test_english_abbreviations():
    assert split_sentences("Some services, e.g. housing, are free. Others are not.", "en") == [
        "Some services, e.g. housing, are free.", "Others are not."]


def test_source_dates_are_formatted_for_the_language():
    from desktop_app.core.render import format_source_date
    assert format_source_date("2023-10-04", "da") == "4. oktober 2023"
    assert format_source_date("2023-10-04", "en") == "4 October 2023"
    assert format_source_date("2025", "da") == "2025"
