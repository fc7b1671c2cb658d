"""Placing the engine's word timings on the sentence as shown, and the word highlight colours."""
from __future__ import annotations

import pytest

from desktop_app.core.themes import THEMES, contrast
from desktop_app.speech.normalize import speakable
from desktop_app.speech.timings import WordTiming
from desktop_app.speech.wordmap import shown_words


def timed(spoken: str) -> list[WordTiming]:
    words, place = [], 0
    for number, word in enumerate(spoken.split()):
        word = word.strip(".,:")
        place = spoken.index(word, place)
        words.append(WordTiming(word, place, len(word), number * 300, number * 300 + 300))
        place += len(word)
    return words


def test_words_said_differently_mark_what_is_shown():
    shown = "Se § 104 og bl.a. hjælp til bolig."
    spoken = speakable(shown, "da")
    assert "paragraf" in spoken and "blandt andet" in spoken
    marks = shown_words(shown, timed(spoken))
    marked = [shown[c:c + n] for _ms, c, n in marks]
    assert marked[0] == "Se" and marked[-1] == "bolig"
    assert any("§" in m for m in marked) and "bl.a" in " ".join(marked)
    starts = [ms for ms, _c, _n in marks]
    assert starts == sorted(starts)


def test_the_same_words_map_one_to_one():
    shown = "Kommunen vil give dig hjælp."
    marks = shown_words(shown, timed(shown))
    assert [(ms, shown[c:c + n]) for ms, c, n in marks] == [
        (0, "Kommunen"), (300, "vil"), (600, "give"), (900, "dig"), (1200, "hjælp")]


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_word_highlight_is_readable_and_stands_out(theme):
    assert contrast(theme.word_text, theme.word_background) >= 7
    assert contrast(theme.word_background, theme.highlight_background) >= 3


@pytest.mark.parametrize("text, background", [("#000000", "#ffffff"), ("#ffff00", "#000080"),
                                              ("#202020", "#f0e0c0")])
def test_word_highlight_in_own_colours(text, background):
    from desktop_app.core.themes import custom_theme
    theme = custom_theme(text, background)
    assert contrast(theme.word_text, theme.word_background) >= 7
    assert contrast(theme.word_background, theme.highlight_background) >= 3
