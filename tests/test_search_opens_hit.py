"""Every sentence search can find, on every shipped page variant: opening the hit opens its page
and highlights exactly that sentence (real widgets offscreen, through the real main window).
Word-list hits open the word list at the term and highlight the sentence of its explanation
that matched."""
from __future__ import annotations

import argparse
import re
import time

import pytest

from desktop_app import paths
from desktop_app.app import build
from desktop_app.core.render import GLOSSARY_ID
from desktop_app.core.search import Hit, page_sentences, term_sentences


def _words(text: str) -> list[str]:
    """The words of a text, web addresses left out (search does not index them)."""
    return re.findall(r"[^\W_]+", re.sub(r"https?://\S+", "", text).lower())


@pytest.fixture(scope="module")
def window(qtbot_module):
    options = argparse.Namespace(lang="da", level="standard", theme=None, text_scale=None,
                                 page=None, kiosk=False, content_dir=str(paths.content_dir()),
                                 smoke=False)
    _app, win, _store = build(options)
    win.resize(1280, 800)
    win.show()
    qtbot_module.waitExposed(win)
    yield win
    win.close()
    win.deleteLater()


@pytest.fixture(scope="module")
def qtbot_module(qapp, request):
    from pytestqt.qtbot import QtBot
    return QtBot(request)


def _highlighted(window) -> str:
    selections = window.reader.browser.extraSelections()
    assert selections, "nothing is highlighted"
    return selections[0].cursor.selectedText()


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("level", ["standard", "easy"])
def test_every_hit_opens_and_highlights_its_sentence(window, lang, level):
    library = window.state.library
    started = time.perf_counter()
    window.state.change(lang=lang, level=level)
    wrong, checked = [], 0
    for page in library.variants():
        if (page.lang, page.level) != (lang, level):
            continue
        for number, sentence in enumerate(page_sentences(page)):
            hit = Hit(page.id, lang, level, page.title, sentence, number, 1.0)
            window.views.search.opened = hit
            window.views.search.sig_open.emit(hit.page_id, hit.sentence_index)
            assert window.state.location == ("page", page.id)
            assert window.reader.page is page
            shown = _highlighted(window)
            checked += 1
            if _words(shown) != _words(sentence):
                wrong.append(f"{page.id} #{number}: searched {sentence!r}, shown {shown!r}")
    print(f"{lang}/{level}: {checked} hits opened in {time.perf_counter() - started:.1f} s")
    assert checked
    assert not wrong, f"{len(wrong)} of {checked} hits highlight another sentence:\n" + \
        "\n".join(wrong[:15])


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("level", ["standard", "easy"])
def test_every_word_list_hit_opens_the_term_at_its_sentence(window, lang, level):
    library = window.state.library
    window.state.change(lang=lang, level=level)
    wrong, checked = [], 0
    for term in library.glossary.values():
        name = term.term.get(lang)
        if not name:
            continue
        for number, sentence in enumerate(term_sentences(term, lang, level)):
            hit = Hit(term.key, lang, level, name, sentence, number, 1.0, kind="term")
            window.views.search.opened = hit
            window.views.search.sig_open_term.emit(hit.page_id)
            assert window.state.location == ("page", GLOSSARY_ID)
            toc = window.reader.toc.currentItem()
            assert toc is not None and toc.text().strip().lower() == name.lower()
            shown = _highlighted(window)
            checked += 1
            if _words(shown) != _words(sentence):
                wrong.append(f"{term.key} #{number}: searched {sentence!r}, shown {shown!r}")
    assert checked
    assert not wrong, f"{len(wrong)} of {checked} hits highlight another sentence:\n" + \
        "\n".join(wrong[:15])
