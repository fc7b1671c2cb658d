"""The main window offscreen: navigation, switches that keep the page and position, settings
that survive a restart, and a corrupt settings file."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from PySide6.QtWidgets import QWidget

from desktop_app import i18n
from desktop_app.app import build
from desktop_app.core.settings import SettingsStore


def options(content: Path | None = None, **values) -> argparse.Namespace:
    base = dict(lang=None, level=None, theme=None, text_scale=None, page=None, kiosk=False,
                content_dir=str(content) if content else None, smoke=False)
    base.update(values)
    return argparse.Namespace(**base)


@pytest.fixture
def window(qtbot, good_content):
    _app, win, _store = build(options(good_content))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_home_topic_page_and_back(window, qtbot):
    assert window.state.location == ("home", "")
    assert [t.text() for t in window.home.tiles_list()] == ["Handicappolitikken",
                                                           "De syv indsatsområder"]
    qtbot.mouseClick(window.home.tiles_list()[1], pytest.importorskip("PySide6.QtCore").Qt.MouseButton.LeftButton)
    assert window.state.location == ("topic", "areas")
    assert [b.text() for b in window.topic.buttons()] == ["Boliger"]
    window.topic.buttons()[0].click()
    assert window.state.location == ("page", "housing")
    assert "Ballerup Kommune arbejder for" in window.reader.browser.toPlainText()
    assert "Kilde: Et godt liv med handicap" in window.reader.browser.toPlainText()
    assert window.where.text() == "De syv indsatsområder › Boliger (side 1 af 1)"
    assert [window.reader.toc.item(i).text().strip() for i in range(window.reader.toc.count())] \
        == ["Boliger", "Mål"]
    window.toolbar.back_button.click()
    assert window.state.location == ("topic", "areas")
    window.toolbar.back_button.click()
    assert window.state.location == ("home", "")
    assert not window.toolbar.back_button.isEnabled()


def test_internal_link_and_glossary_term(window):
    window.state.open_page("values")
    window.links.follow("page:housing")
    assert window.state.location == ("page", "housing")
    window.links.follow("term:botilbud")
    assert window.reader.explanation_box.isVisibleTo(window)
    assert "Et sted at bo med støtte" in window.reader.explanation.text()


def _long_page(content: Path) -> None:
    for lang in ("da", "en"):
        for level in ("standard", "easy"):
            path = content / lang / level / "housing.md"
            text = path.read_text(encoding="utf-8")
            path.write_text(text + "\n" + "\n\n".join(
                f"Afsnit nummer {i} handler om boliger og om at bo godt." for i in range(80)),
                encoding="utf-8")


@pytest.mark.parametrize("change", [dict(lang="en"), dict(level="easy"), dict(text_scale=200),
                                    dict(theme="hc-dark")])
def test_switches_keep_page_and_position(qtbot, good_content, change):
    _long_page(good_content)
    _app, win, _store = build(options(good_content))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.state.open_page("housing")
    win.reader.set_scroll_permille(600)
    before = win.reader.scroll_permille()
    assert 550 <= before <= 650
    win.state.change(**change)
    assert win.state.location == ("page", "housing")
    qtbot.waitUntil(lambda: abs(win.reader.scroll_permille() - before) <= 30)
    key, value = next(iter(change.items()))
    assert getattr(win.state.settings, key) == value


def test_language_switch_retranslates_visible_widgets(window):
    assert window.toolbar.home_button.text() == "Forside"
    assert window.toolbar.lang_button.text() == "English"
    window.toolbar.lang_button.click()
    assert i18n.language() == "en"
    assert window.toolbar.home_button.text() == "Home"
    assert window.toolbar.lang_button.text() == "Dansk"
    assert window.toolbar.home_button.accessibleName() == "Home"
    assert [t.text() for t in window.home.tiles_list()][0] == "The disability policy"
    assert window.toolbar.theme_box.itemText(0) == "Light"
    window.toolbar.lang_button.click()
    assert window.toolbar.theme_box.itemText(0) == "Lys"


def test_level_and_size_switches(window):
    window.state.open_page("values")
    window.toolbar.level_button.click()
    assert window.state.settings.level == "easy"
    assert window.reader.page.title == "Det vil kommunen"
    window.toolbar.bigger_button.click()
    assert window.state.settings.text_scale == 125
    assert window.reader.browser.document().defaultFont().pixelSize() == round(18 * 1.25)
    for _ in range(10):
        window.toolbar.bigger_button.click()
    assert window.state.settings.text_scale == 400 and not window.toolbar.bigger_button.isEnabled()


def test_no_horizontal_scroll_at_400_percent(qtbot, good_content):
    _app, win, _store = build(options(good_content, text_scale=400, page="values"))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    browser = win.reader.browser
    assert browser.horizontalScrollBar().maximum() == 0
    assert browser.document().size().width() <= browser.viewport().width() + 1


def test_settings_survive_a_restart(qtbot, good_content, tmp_path):
    store = SettingsStore(tmp_path)
    _app, win, _ = build(options(good_content), store)
    qtbot.addWidget(win)
    win.state.open_page("housing")
    win.state.change(lang="en", level="easy", text_scale=250, theme="yellow-black")
    win.close()
    _app, again, _ = build(options(good_content), SettingsStore(tmp_path))
    qtbot.addWidget(again)
    s = again.state.settings
    assert (s.lang, s.level, s.text_scale, s.theme) == ("en", "easy", 250, "yellow-black")
    assert again.state.location == ("page", "housing")
    assert again.reader.page.title == "Where you live"
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert "page" not in saved and "position" not in saved   # the place is kept apart
    assert json.loads((tmp_path / "window.json").read_text(encoding="utf-8"))["page"] == \
        "housing"


def test_corrupt_settings_file_gives_defaults_and_a_notice(qtbot, good_content, tmp_path):
    (tmp_path / "settings.json").write_text("{not json at all", encoding="utf-8")
    _app, win, store = build(options(good_content), SettingsStore(tmp_path))
    qtbot.addWidget(win)
    assert win.state.settings.lang == "da" and win.state.settings.text_scale == 100
    assert not win.notices.isHidden()
    assert "indstillinger kunne ikke hentes" in win.notices.label.text()
    assert (tmp_path / "settings.json.broken").read_text(encoding="utf-8") == "{not json at all"
    win.state.toggle_language()
    assert "settings could not be read" in win.notices.label.text()


def test_out_of_range_settings_are_replaced(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"text_scale": 9000, "lang": "fr",
                                                        "theme": "dark"}), encoding="utf-8")
    s = SettingsStore(tmp_path).load()
    assert (s.text_scale, s.lang, s.theme) == (100, "da", "dark")


def test_broken_page_is_announced_in_the_ui_language(qtbot, good_content):
    (good_content / "en/standard/values.md").write_text("broken\n", encoding="utf-8")
    _app, win, _ = build(options(good_content, lang="en"))
    qtbot.addWidget(win)
    assert "1 page cannot be shown right now" in win.notices.label.text()
    win.state.toggle_language()
    assert "1 side kan ikke vises lige nu" in win.notices.label.text()
    win.state.open_page("values")
    assert win.reader.page.title == "Visioner og værdier"


@pytest.mark.parametrize("scheme, contrast, expected", [
    ("Dark", "NoPreference", "dark"), ("Light", "NoPreference", "light"),
    ("Dark", "HighContrast", "hc-dark"), ("Light", "HighContrast", "hc-light"),
    ("Unknown", "NoPreference", "light")])
def test_os_colour_scheme_and_contrast_choose_the_theme(scheme, contrast, expected):
    from types import SimpleNamespace
    from PySide6.QtCore import Qt
    from desktop_app.ui.os_prefs import theme_for_os
    from tests.fakes import FakeStyleHints
    app = SimpleNamespace(styleHints=lambda: FakeStyleHints(
        getattr(Qt.ColorScheme, scheme), getattr(Qt.ContrastPreference, contrast)))
    assert theme_for_os(app) == expected


def test_first_start_uses_the_os_theme_and_later_the_saved_one(qtbot, good_content, tmp_path,
                                                               monkeypatch):
    import desktop_app.ui.os_prefs as os_prefs
    monkeypatch.setattr(os_prefs, "theme_for_os", lambda app: "hc-dark")
    _app, win, _ = build(options(good_content), SettingsStore(tmp_path / "first"))
    qtbot.addWidget(win)
    assert win.state.settings.theme == "hc-dark"
    win.state.change(theme="light")
    _app, again, _ = build(options(good_content), SettingsStore(tmp_path / "first"))
    qtbot.addWidget(again)
    assert again.state.settings.theme == "light"  # a saved choice wins over the OS


@pytest.mark.parametrize("scale", [100, 200, 400])
def test_no_control_is_clipped_or_overlapping(qtbot, good_content, scale):
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QComboBox
    _app, win, _ = build(options(good_content, text_scale=scale))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    for show in (win.state.go_home, lambda: win.state.open_topic("areas"), lambda: win.state.open_page("housing")):
        show()
        qtbot.waitUntil(lambda: win.centralWidget().layout().geometry().isValid())
        controls = [w for w in win.findChildren(QWidget) if isinstance(w, (QAbstractButton,
                    QComboBox)) and w.isVisibleTo(win) and not win.stack.isAncestorOf(w)]
        boxes = [QRect(w.mapTo(win, QPoint(0, 0)), w.size()) for w in controls]
        inside = win.rect()
        for widget, box in zip(controls, boxes):
            assert inside.contains(box), (widget.accessibleName(), box)
            assert box.width() >= 44 and box.height() >= 44, widget.accessibleName()
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not a.intersects(b), (a, b)


def test_search_opens_the_page_at_the_matching_sentence(qtbot, window):
    window.toolbar.search_button.click()
    assert window.state.location == ("search", "")
    qtbot.keyClicks(window.views.search.field, "boliger")
    qtbot.waitUntil(lambda: len(window.views.search.hits()) > 0, timeout=5000)
    window.views.search.open_row(0)
    assert window.state.location == ("page", "housing")
    selection = window.reader.browser.extraSelections()[0]
    highlighted = selection.cursor.selectedText()
    assert "bolig" in highlighted.lower()
    window.toolbar.back_button.click()
    assert window.state.location == ("search", "")


def test_word_list_lists_every_term_and_opens_at_one(window):
    window.links.open_term("botilbud")
    assert window.state.location == ("page", "glossary")
    text = window.reader.browser.toPlainText()
    assert "Botilbud" in text and "Et sted at bo med støtte og hjælp fra personale." in text
    assert window.reader.toc.currentItem().text().strip() == "Botilbud"
    window.state.change(level="easy")
    assert "Et hjem, hvor man får hjælp af personale." in window.reader.browser.toPlainText()


def test_back_and_forward(window):
    window.state.open_page("values")
    window.state.open_page("housing")
    window.state.back()
    assert window.state.location == ("page", "values")
    assert window.toolbar.forward_button.isEnabled()
    window.toolbar.forward_button.click()
    assert window.state.location == ("page", "housing")
    window.state.back()
    window.state.open_topic("areas")          # a new way forward forgets the old one
    assert not window.toolbar.forward_button.isEnabled()


def test_bookmarks_are_kept_between_runs(qtbot, good_content, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOP_APP_CONFIG_DIR", str(tmp_path / "cfg"))
    _app, win, _ = build(options(good_content, page="housing"))
    qtbot.addWidget(win)
    assert win.bookmark_button.isVisibleTo(win)
    win.bookmark_button.click()
    win.close()
    _app, again, _ = build(options(good_content))
    qtbot.addWidget(again)
    again.toolbar.my_topics_button.click()
    assert again.state.location == ("bookmarks", "")
    assert [b.text() for b in again.views.bookmarks.buttons()] == ["Boliger"]


def test_handout_starts_with_the_page_being_read(window, tmp_path):
    window.state.open_page("housing")
    window.toolbar.handout_button.click()
    assert window.state.location == ("handout", "")
    assert [item.page_id for item in window.views.handout.selected_items()] == ["housing"]
    assert window.views.handout.save_pdf(str(tmp_path / "handout.pdf"))
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")


def test_state_changes_are_announced(window, monkeypatch):
    """Each change once, and "page shown" only when a page is opened, not when a setting
    changed; one save per change."""
    from desktop_app.ui import main_window
    said, saves = [], []
    monkeypatch.setattr(main_window, "announce", lambda widget, text, *a: said.append(text))
    window.state.sig_settings_changed.connect(lambda _names: saves.append(window.state.settings))
    window.state.open_page("housing")
    window.state.change(text_scale=200)
    window.state.change(level="easy")
    window.state.change(lang="en")
    assert said == ["Siden vises: Boliger", "Tekststørrelse 200 procent",
                    "Letlæst er slået til", "Language: English"]
    assert len(saves) == 3          # one per change; opening a page changes no setting


def test_pages_do_not_pile_up_documents(window, qtbot):
    """Each page visit renders into a new document; the old one is deleted (kiosks run for
    days)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication
    ids = window.state.library.page_ids()
    for i in range(20):
        window.state.open_page(ids[i % len(ids)])
        window.state.change(text_scale=200 if i % 2 else 100)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    documents = window.reader.browser.findChildren(QTextDocument)
    assert len(documents) == 1 and documents[0] is window.reader.browser.document()

