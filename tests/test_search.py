"""Search: forgiving matching on a small library built here, the real content's cases, and the
search view (type, results, Enter, click, read aloud, clear)."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop_app import paths
from desktop_app.core.loader import load
from desktop_app.core.model import Library, Page, SourceRef, Term
from desktop_app.core.search import (Hit, SearchIndex, fold, page_sentences, term_sentences,
                                     title_sentence_count, within_one_edit)
from desktop_app.ui.view_context import ViewContext


def page(page_id: str, lang: str, level: str, title: str, body: str, summary: str = "") -> Page:
    return Page(id=page_id, lang=lang, level=level, title=title, topic="areas", order=1,
                icon="housing", sources=(SourceRef("doc"),), body=body, summary=summary)


def small_library() -> Library:
    library = Library()
    for p in [
        page("housing", "da", "standard", "Boliger",
             "Ballerup Kommune arbejder for gode boliger.\n\n## Ungdomsbolig\n\n"
             "En ungdomsbolig er en lille lejlighed til unge.\n\n"
             "Boligen skal passe til den, der bor der. Vi bygger nye boliger.\n\n"
             "- Handicapboliger til voksne\n- Venteliste"),
        page("housing", "da", "easy", "Bolig",
             "![Et hus](pictogram:housing)\n\nDu kan få hjælp til at finde en bolig. Det er "
             "gratis."),
        page("relatives", "da", "standard", "Pårørende",
             "Pårørende kan få støtte. Kommunen taler med de pårørende hvert år."),
        page("complaints", "da", "standard", "Rettigheder",
             "Du kan klage over en afgørelse. Ankestyrelsen behandler klagen.",
             summary="Sådan klager du."),
        page("disability", "da", "standard", "Hvad er et handicap?",
             "Et handicap kan være usynligt. Autisme er et eksempel. Se også FN's "
             "handicapkonvention."),
        page("kiosk", "da", "standard", "Elevatoren ved stationen",
             "Der kommer en ny elevator ved Ballerup Station i 2026."),
        page("housing", "en", "standard", "Housing",
             "Young people can apply for youth housing. Homes must be accessible.\n\n"
             "## Waiting list\n\nYou are put on a waiting list."),
    ]:
        library.pages[p.key] = p
    library.glossary["botilbud"] = Term(
        "botilbud", {"da": "botilbud", "en": "residential care"},
        {("da", "standard"): "Et hjem med personale. Personalet hjælper beboerne.",
         ("da", "easy"): "Et sted, hvor man bor og får hjælp.",
         ("en", "standard"): "A home with staff.", ("en", "easy"): ""}, "general")
    return library


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(small_library())


def pages(hits: list[Hit]) -> list[str]:
    """The page (or term) ids of the hits, each once, in order."""
    seen: list[str] = []
    for hit in hits:
        if hit.page_id not in seen:
            seen.append(hit.page_id)
    return seen


# -- matching on a small library ---------------------------------------------------------------

@pytest.mark.parametrize("query", ["bolig", "boligen", "boliger", "Boligerne", "BOLIG"])
def test_inflections_find_the_housing_page(index, query):
    hits = index.search(query, "da", "standard")
    assert pages(hits)[0] == "housing"


def test_a_word_finds_the_compounds_that_contain_it(index):
    sentences = [h.sentence for h in index.search("bolig", "da", "standard", per_page=10)]
    assert "En ungdomsbolig er en lille lejlighed til unge." in sentences
    # (a list item is found as it is shown: no full stop is added)
    assert "Handicapboliger til voksne" in sentences


@pytest.mark.parametrize("query", ["pårørende", "paaroerende", "parorende", "PÅRØRENDE"])
def test_ae_oe_aa_and_plain_letters_are_the_same(index, query):
    hits = index.search(query, "da", "standard")
    assert pages(hits)[0] == "relatives"
    assert fold(query) == fold("pårørende")


@pytest.mark.parametrize("query", ["handikap", "hnadicap", "handicapp", "Ankestyrelesn"])
def test_one_typo_in_a_long_word_is_forgiven(index, query):
    hits = index.search(query + " ", "da", "standard")
    assert hits, query
    assert pages(hits)[0] in ("disability", "complaints")


def test_no_typo_tolerance_in_short_words(index):
    assert index.search("bolg ", "da", "standard") == []     # four letters: exact only
    assert index.search("bolgi ", "da", "standard")           # five: one transposition


def test_the_last_word_is_a_prefix_while_typing(index):
    assert pages(index.search("kla", "da", "standard")) == ["complaints"]
    assert index.search("kla ", "da", "standard") == []        # a finished word is a word
    assert pages(index.search("ballerup elev", "da", "standard")) == ["kiosk"]


def test_all_query_words_matching_come_first_and_common_words_are_ignored(index):
    hits = index.search("hvor kan jeg klage", "da", "standard")
    assert pages(hits) == ["complaints"]
    assert hits[0].sentence == "Du kan klage over en afgørelse."
    assert pages(index.search("elevator station", "da"))[0] == "kiosk"


def test_english_uses_the_english_stemmer(index):
    assert pages(index.search("home", "en")) == ["housing", "botilbud"]   # "Homes", "home"
    assert pages(index.search("applying", "en")) == ["housing"]
    assert index.search("bolig", "en") == []
    assert index.search("housing", "da") == []


def test_level_filter(index):
    both = index.search("bolig", "da", None, per_page=10)
    assert {h.level for h in both} == {"standard", "easy"}
    assert {h.level for h in index.search("bolig", "da", "easy")} == {"easy"}
    assert {h.level for h in index.search("bolig", "da", "standard")} == {"standard"}


def test_glossary_hits_point_to_the_term(index):
    hits = index.search("botilbud", "da", "standard")
    assert hits[0].kind == "term" and hits[0].page_id == "botilbud"
    assert hits[0].title == "botilbud"
    hit = index.search("personalet", "da", "standard")[0]
    assert (hit.kind, hit.page_id, hit.sentence, hit.sentence_index) == (
        "term", "botilbud", "Personalet hjælper beboerne.", 1)
    assert index.search("residential", "en")[0].page_id == "botilbud"


def test_a_match_in_the_title_or_summary_alone_gives_the_first_sentence(index):
    hit = index.search("rettigheder", "da", "standard")[0]
    assert (hit.page_id, hit.sentence_index) == ("complaints", 0)
    assert hit.sentence == "Du kan klage over en afgørelse."


def test_hits_are_grouped_by_page_best_sentence_first(index):
    hits = index.search("bolig", "da", None, per_page=10)
    groups = [(h.page_id, h.level) for h in hits]
    starts = [i for i, g in enumerate(groups) if i == 0 or g != groups[i - 1]]
    assert len(starts) == len(set(groups))                     # each page variant in one run
    for start in starts:
        run = [h for h in hits[start:] if (h.page_id, h.level) == groups[start]]
        assert run[0].score == max(h.score for h in run)
    assert len(index.search("bolig", "da", "standard", per_page=2)) == 2
    assert len(index.search("bolig", "da", None, limit=3, per_page=10)) == 3


def test_every_hit_sentence_is_the_page_sentence_at_its_index(index):
    library = small_library()
    for query in ["bolig", "pårørende", "handikap", "klage", "autisme", "venteliste", "hjem",
                  "station", "et"]:
        for hit in index.search(query, "da") + index.search(query, "en"):
            if hit.kind == "term":
                sentences = term_sentences(library.glossary[hit.page_id], hit.lang, hit.level)
            else:
                sentences = page_sentences(library.pages[(hit.page_id, hit.lang, hit.level)])
            assert sentences[hit.sentence_index] == hit.sentence, (query, hit)


@pytest.mark.parametrize("query", ["", "   ", "!!!", "?", "xqzwv", "qqqqqqqqqq zzzzzzzz",
                                   "a" * 10000, "§§ -- ...", "\x00\n\t"])
def test_empty_and_junk_queries_give_nothing(index, query):
    """(How fast: bench/search.py, which times junk queries too.)"""
    assert index.search(query, "da", "standard") == []
    assert index.search("bolig", "xx") == []


def test_within_one_edit():
    assert within_one_edit("handicap", "handikap")       # substitution
    assert within_one_edit("handicap", "hnadicap")       # transposition
    assert within_one_edit("handicap", "handcap")        # deletion
    assert within_one_edit("handicap", "handicapp")      # insertion
    assert not within_one_edit("handicap", "hnadikap")
    assert not within_one_edit("bolig", "boliger")


# -- the real content ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real():
    library = load(paths.content_dir(), paths.pictogram_names())
    if not library.pages:
        pytest.skip("no content")
    return library, SearchIndex.build(library)


def real_sentences(library: Library, *, lang: str = "da") -> list[tuple[Page, int, str]]:
    return [(p, i, s) for p in library.variants() if p.lang == lang
            for i, s in enumerate(page_sentences(p))]


def test_real_build_indexes_every_page(real):
    """(How fast the index is built and searched: bench/search.py.)"""
    library, index = real
    assert index.sentence_count() >= sum(len(page_sentences(p)) for p in library.variants())


@pytest.mark.parametrize("query", ["bolig", "boligen", "boliger", "Bolig"])
@pytest.mark.parametrize("level", ["standard", "easy"])
def test_real_housing(real, query, level):
    _library, index = real
    found = pages(index.search(query, "da", level))
    assert found[0] == "area-housing"
    assert "housing-services" in found                  # the page about botilbud


def test_real_botilbud_and_compounds(real):
    library, index = real
    found = pages(index.search("botilbud", "da", "standard"))
    assert found[0] == "housing-services" and "botilbud" in found
    compounds = {s for p, _i, s in real_sentences(library)
                 if p.level == "standard" and re.search(r"\w+bolig", s, re.I)}
    shown = {h.sentence for h in index.search("bolig", "da", "standard", limit=500,
                                               per_page=500)}
    assert compounds and compounds <= shown            # "ungdomsbolig", "boligselskaber" ...


def test_real_handikap_finds_handicap(real):
    _library, index = real
    hits = index.search("handikap", "da", "standard")
    assert hits
    assert all("handicap" in fold(h.sentence + " " + h.title) for h in hits)


def test_real_ledsager(real):
    """The escort scheme: found where the content mentions it, and no error where it does not."""
    library, index = real
    for lang, query, stem in (("da", "ledsager", "ledsag"), ("en", "escort", "escort")):
        hits = index.search(query, lang)
        mentions = {(p.id, p.level, i) for p, i, s in real_sentences(library, lang=lang)
                    if stem in s.lower()}
        if mentions:
            assert {(h.page_id, h.level, h.sentence_index) for h in hits} & mentions
        else:
            assert hits == []


@pytest.mark.parametrize("query, lang, first", [
    ("stokholtbuen", "da", "stokholtbuen"), ("Stokholtbu", "da", "stokholtbuen"),
    ("elevator", "da", "accessibility-town"), ("elevatoren", "da", "accessibility-town"),
    ("solsikke", "da", "adult-services"), ("Solsikkeprogrammet", "en", "adult-services"),
    ("bolig autisme", "da", "stokholtbuen"), ("pårørende", "da", "relatives"),
    ("paaroerende", "da", "relatives"), ("housing", "en", "area-housing"),
    ("autism", "en", "stokholtbuen"),
])
def test_real_first_page(real, query, lang, first):
    _library, index = real
    if not any(p.id == first for p in _library.pages.values()):
        pytest.skip(f"no page {first}")
    assert pages([h for h in index.search(query, lang) if h.kind == "page"])[0] == first


def test_real_klage_autisme_stu(real):
    library, index = real
    klage = pages(index.search("klage", "da"))
    if any(p.id == "complaints" for p in library.pages.values()):
        assert klage[0] == "complaints"
    assert "ankestyrelsen" in klage
    assert "stokholtbuen" in pages(index.search("autisme", "da", "easy"))[:2]
    stu = index.search("STU", "da", "standard")
    assert {"stu", "adult-services"} <= set(pages(stu))
    assert all(re.search(r"\bSTU\b", h.sentence + h.title) for h in stu if h.page_id != "stu")


def test_real_hit_sentences_match_the_page(real):
    library, index = real
    for query in ["bolig", "handikap", "klage", "autisme", "STU", "elevator", "kommune",
                  "ung", "borgere med handicap"]:
        for lang in ("da", "en"):
            for hit in index.search(query, lang, None, limit=200, per_page=100):
                if hit.kind == "page":
                    sentences = page_sentences(library.pages[(hit.page_id, lang, hit.level)])
                else:
                    sentences = term_sentences(library.glossary[hit.page_id], lang, hit.level)
                assert sentences[hit.sentence_index] == hit.sentence


def test_real_queries_of_every_shape_answer(real):
    _library, index = real
    for query in ["bolig", "handikap", "b", "bo", "borgere med handicap i ballerup", "x" * 40]:
        assert isinstance(index.search(query, "da"), list), query


def test_real_sentence_index_matches_the_reader(qtbot, real):
    """The reader shows the title first: its sentence number is sentence_index plus the
    title's sentences."""
    from desktop_app.core.render import TextStyle
    from desktop_app.core.themes import THEMES
    from desktop_app.ui.reader import ReaderView

    library, index = real
    reader = ReaderView()
    qtbot.addWidget(reader)
    def norm(text: str) -> str:
        return re.sub(r"https?://\S+", "", " ".join(text.split())).rstrip(" .:!?")
    checked = 0
    for query in ["bolig", "klage", "forord", "elevator"]:
        for hit in index.search(query, "da", None, per_page=3):
            if hit.kind != "page":
                continue
            page_ = library.pages[(hit.page_id, hit.lang, hit.level)]
            reader.show_page(library, page_, next(iter(THEMES.values())), TextStyle())
            shown = reader.sentences()[hit.sentence_index + title_sentence_count(page_)]
            assert norm(shown.text) == norm(hit.sentence)
            checked += 1
    assert checked


# -- the search view ---------------------------------------------------------------------------

@pytest.fixture
def view(qtbot, index):
    from desktop_app.ui.search_view import SearchView
    widget = SearchView()
    qtbot.addWidget(widget)
    widget.set_context(ViewContext(None, "da", "standard", search_index=index))
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_and_wait(qtbot, view, text: str) -> None:
    view.field.setFocus()
    qtbot.keyClicks(view.field, text)
    qtbot.waitUntil(lambda: view.results.count() > 0 or view.count_label.text() != "",
                    timeout=3000)


def test_typing_shows_results_with_a_count(qtbot, view, index):
    calls = []
    original = index.search
    view._index = type("Counting", (), {"search": lambda self, *a, **k:
                                        calls.append(a) or original(*a, **k)})()
    type_and_wait(qtbot, view, "boliger")
    assert 1 <= len(calls) < len("boliger")             # debounced, not one search per key
    hits = view.hits()
    assert hits and view.results.count() == len(hits)
    assert str(len(hits)) in view.count_label.text()
    assert view.count_label.accessibleName() == view.count_label.text()
    item = view.results.item(0)
    assert hits[0].title in item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert view.results.visualItemRect(item).height() >= 44


def test_enter_opens_the_first_result(qtbot, view):
    type_and_wait(qtbot, view, "klage")
    first = view.hits()[0]
    with qtbot.waitSignal(view.sig_open, timeout=1000) as blocker:
        qtbot.keyClick(view.field, Qt.Key.Key_Return)
    assert blocker.args == [first.page_id, first.sentence_index] == ["complaints", 0]
    assert view.opened == first


def test_enter_right_after_typing_searches_first(qtbot, view):
    view.field.setFocus()
    qtbot.keyClicks(view.field, "elevator")
    with qtbot.waitSignal(view.sig_open, timeout=1000) as blocker:
        qtbot.keyClick(view.field, Qt.Key.Key_Return)
    assert blocker.args[0] == "kiosk"


def test_down_moves_to_the_list_and_enter_opens_the_selected(qtbot, view):
    type_and_wait(qtbot, view, "bolig")
    assert view.results.count() >= 2
    qtbot.keyClick(view.field, Qt.Key.Key_Down)
    assert view.results.hasFocus()
    qtbot.keyClick(view.results, Qt.Key.Key_Down)
    second = view.hits()[1]
    with qtbot.waitSignal(view.sig_open, timeout=1000) as blocker:
        qtbot.keyClick(view.results, Qt.Key.Key_Return)
    assert blocker.args == [second.page_id, second.sentence_index]
    qtbot.keyClick(view.results, Qt.Key.Key_Up)
    qtbot.keyClick(view.results, Qt.Key.Key_Up)
    assert view.field.hasFocus()


def test_click_opens_and_terms_open_the_explanation(qtbot, view):
    type_and_wait(qtbot, view, "botilbud")
    rows = [i for i, h in enumerate(view.hits()) if h.kind == "term"]
    assert rows
    rect = view.results.visualItemRect(view.results.item(rows[0]))
    with qtbot.waitSignal(view.sig_open_term, timeout=1000) as blocker:
        qtbot.mouseClick(view.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["botilbud"]


def test_read_aloud_reads_the_selected_result(qtbot, view):
    type_and_wait(qtbot, view, "pårørende")
    hit = view.hits()[0]
    with qtbot.waitSignal(view.sig_read_aloud, timeout=1000) as blocker:
        view.read_button.click()
    text, lang = blocker.args
    assert lang == "da" and hit.title in text and hit.sentence in text


def test_both_levels_and_level_tag(qtbot, view):
    type_and_wait(qtbot, view, "bolig")
    assert {h.level for h in view.hits()} == {"standard"}
    view.both_levels.setChecked(True)
    qtbot.waitUntil(lambda: {h.level for h in view.hits()} == {"standard", "easy"})


def test_no_results_and_clear(qtbot, view):
    type_and_wait(qtbot, view, "xqzwv")
    assert view.results.count() == 0 and view.count_label.text()
    view.clear()
    assert view.field.text() == "" and view.results.count() == 0
    assert view.count_label.text() == "" and not view.read_button.isEnabled()


def test_slow_searches_run_in_a_worker(qtbot, view):
    view.last_ms = 1000.0                                 # as if the last search was slow
    type_and_wait(qtbot, view, "autisme")
    assert view.hits()[0].page_id == "disability"
    view.clear()                                          # a late result must not come back
    view.last_ms = 1000.0
    qtbot.keyClicks(view.field, "bolig")
    view.search_now()
    view.clear()
    QThreadPool.globalInstance().waitForDone(3000)
    QApplication.processEvents()                          # deliver the worker's signal
    assert view.results.count() == 0 and view.hits() == []


def test_retranslate_keeps_results(qtbot, view):
    type_and_wait(qtbot, view, "bolig")
    count = view.results.count()
    view.retranslate()
    assert view.results.count() == count and view.field.accessibleName()
