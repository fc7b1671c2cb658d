"""'Saved pages': the store (order, persistence, a corrupt file), the list view and the reader's
button, and kiosk mode, where nothing is shown or stored."""
from __future__ import annotations

import json

import pytest

from desktop_app import i18n
from desktop_app.core.bookmarks import FILE_NAME, BookmarkStore
from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.core.loader import load
from desktop_app.core.render import GLOSSARY_ID
from desktop_app.core.settings import config_dir
from desktop_app.core.themes import THEMES
from desktop_app.ui.view_context import ViewContext


# -- the store (no Qt) -------------------------------------------------------------------------
def test_add_remove_toggle_in_the_order_added(tmp_path):
    store = BookmarkStore(tmp_path)
    assert store.list() == [] and not (tmp_path / FILE_NAME).exists()
    assert store.add("values") and store.add("housing")
    assert not store.add("values")                  # once only
    assert not store.add("Not an id!")
    assert store.list() == ["values", "housing"]
    assert store.contains("housing") and "values" in store and len(store) == 2
    assert store.remove("values") and not store.remove("values")
    assert store.toggle("values") is True
    assert store.toggle("housing") is False
    assert store.list() == ["values"]
    assert json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8")) == ["values"]


def test_remembered_by_a_new_store(tmp_path):
    first = BookmarkStore(tmp_path)
    for page_id in ("housing", "values", "stokholtbuen"):
        first.add(page_id)
    first.remove("values")
    again = BookmarkStore(tmp_path)
    assert again.list() == ["housing", "stokholtbuen"]
    assert again.notice == ""


def test_lives_in_the_config_folder():
    store = BookmarkStore()
    store.add("housing")
    assert (config_dir() / FILE_NAME).exists()
    assert BookmarkStore().list() == ["housing"]


@pytest.mark.parametrize("content", ["{not json", '{"pages": 3}', '[1, 2]', '["ok", "../x"]',
                                     "\udcff"])
def test_corrupt_file_gives_an_empty_list_and_a_notice(tmp_path, content):
    path = tmp_path / FILE_NAME
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    store = BookmarkStore(tmp_path)
    assert store.list() == []
    assert store.notice.startswith(str(path)) and store.broken
    assert (tmp_path / (FILE_NAME + ".broken")).exists() and not path.exists()
    from desktop_app.ui.bookmarks_view import notice_text
    assert "could not be read" in notice_text(store)
    assert str(path) not in notice_text(store)        # the file name is for the log
    # The list works again afterwards.
    store.add("housing")
    assert BookmarkStore(tmp_path).list() == ["housing"]


def test_unwritable_folder_keeps_the_list_in_memory(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    store = BookmarkStore(blocker)
    assert store.add("housing")
    assert store.list() == ["housing"]
    assert store.notice and not store.broken


# -- the views ------------------------------------------------------------------------------------
@pytest.fixture
def library(good_content):
    return load(good_content)


@pytest.fixture
def store(tmp_path):
    return BookmarkStore(tmp_path / "config")


@pytest.fixture
def bookmarks(qtbot, library, store):
    from desktop_app.ui.bookmarks_view import BookmarksView
    view = BookmarksView(store)
    qtbot.addWidget(view)
    view.set_context(ViewContext(library, "da", "standard", THEMES["light"]))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_view_lists_titles_in_the_current_language_and_skips_missing(bookmarks, store,
                                                                      library, qtbot):
    assert bookmarks.buttons() == [] and bookmarks.empty.isVisible()
    for page_id in ("values", "no-longer-here", "housing"):
        store.add(page_id)
    bookmarks.refresh()
    assert [b.text() for b in bookmarks.buttons()] == ["Visioner og værdier", "Boliger"]
    assert not bookmarks.empty.isVisible()
    bookmarks.set_context(ViewContext(library, "en", "easy", THEMES["light"]))
    assert [b.text() for b in bookmarks.buttons()] == ["What the municipality wants",
                                                       "Where you live"]
    assert store.list() == ["values", "no-longer-here", "housing"]   # kept for later
    with qtbot.waitSignal(bookmarks.sig_open_page) as opened:
        bookmarks.buttons()[1].click()
    assert opened.args == ["housing"]


def test_remove_button_takes_the_page_off(bookmarks, store, qtbot, tmp_path):
    store.add("values")
    store.add("housing")
    bookmarks.refresh()
    i18n.set_language("en")
    bookmarks.refresh()
    remove = bookmarks.remove_buttons()[0]
    assert remove.text() == "Remove"
    assert remove.accessibleName() == "Remove Visioner og værdier from Saved pages"
    with qtbot.waitSignal(bookmarks.sig_changed):
        remove.click()
    assert [b.text() for b in bookmarks.buttons()] == ["Boliger"]
    assert BookmarkStore(tmp_path / "config").list() == ["housing"]


def test_bookmark_button_saves_the_page_being_read(qtbot, bookmarks, store):
    from desktop_app.ui.bookmarks_view import BookmarkButton
    i18n.set_language("en")
    button = BookmarkButton(store)
    qtbot.addWidget(button)
    button.apply_theme(THEMES["light"], 18)
    button.sig_toggled.connect(bookmarks.refresh)
    assert button.isHidden()                      # no page yet
    button.set_page("housing")
    assert not button.isHidden() and button.isCheckable() and not button.isChecked()
    assert button.text() == "Save the page" and button.accessibleName() == button.text()
    assert not button.icon().isNull()
    with qtbot.waitSignal(button.sig_toggled) as toggled:
        button.click()
    assert toggled.args == ["housing", True]
    assert button.isChecked() and button.text() == "Saved"
    assert store.list() == ["housing"]
    assert [b.text() for b in bookmarks.buttons()] == ["Boliger"]
    button.set_page("values")
    assert not button.isChecked() and button.text() == "Save the page"
    button.set_page("housing")
    assert button.isChecked()
    with qtbot.waitSignal(button.sig_toggled) as toggled:
        button.click()
    assert toggled.args == ["housing", False]
    assert store.list() == [] and bookmarks.buttons() == []
    button.set_page(GLOSSARY_ID)
    assert button.isHidden()


def test_kiosk_hides_everything_and_never_touches_the_store(qtbot, library, tmp_path):
    from desktop_app.ui.bookmarks_view import BookmarkButton, BookmarksView
    folder = tmp_path / "kiosk"
    folder.mkdir()
    (folder / FILE_NAME).write_text("{broken", encoding="utf-8")
    store = BookmarkStore(folder)
    view = BookmarksView(store)
    button = BookmarkButton(store)
    qtbot.addWidget(view)
    qtbot.addWidget(button)
    view.set_policy(KioskPolicy(locked=True))
    button.set_policy(KioskPolicy(locked=True))
    view.set_context(ViewContext(library, "da", "standard", THEMES["light"]))
    view.show()
    button.set_page("housing")
    button.click()
    assert view.area.isHidden() and button.isHidden()   # even when the view is shown
    assert view.buttons() == [] and view.page_ids() == []
    assert not store.loaded                          # never read
    assert (folder / FILE_NAME).read_text(encoding="utf-8") == "{broken"
    assert not (folder / (FILE_NAME + ".broken")).exists()


def test_saved_pages_that_cannot_be_read_are_told_at_the_start(qtbot, good_content):
    """A broken bookmarks.json: the window starts with a message that says so (and the list
    is empty), in the reader's language."""
    import os
    from pathlib import Path
    from desktop_app.app import build
    from tests.test_window import options
    folder = Path(os.environ["DESKTOP_APP_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_text("{broken", encoding="utf-8")
    _app, win, _ = build(options(good_content, lang="en"))
    qtbot.addWidget(win)
    win.show()
    assert win.notices.isVisibleTo(win)
    assert "could not be read" in win.notices.text()
    assert win.bookmark_store.list() == []
