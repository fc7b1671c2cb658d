"""Take it home: the button on a page and on a topic's list, the view with its three ways
(sound, talking book, large print), the one save dialog every export uses (its folder, its
language, the folder remembered), and the "Saved in …" message (the whole path, the folder
opened, read aloud, gone when the person moves on). HOME and the XDG folders are temporary."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from desktop_app.app import build
from desktop_app.core.kiosk import parse_config
from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.core.place import PlaceStore
from desktop_app.ui import save_place, saved_folder
from desktop_app.ui.export_dialog import start_export
from desktop_app.ui.save_place import default_folder, save_dialog, start_folder
from desktop_app.ui.saved_folder import BREAK
from tests.fakes import FakeSession


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A person's home folder with no Documents or Downloads yet."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / ".local" / "share"))
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)   # the program's own folder
    return folder


def _options(content: Path, **values) -> argparse.Namespace:
    base = dict(lang="en", level=None, theme=None, text_scale=None, page=None, kiosk=False,
                content_dir=str(content), smoke=False)
    base.update(values)
    return argparse.Namespace(**base)


@pytest.fixture
def window(qtbot, good_content, home):
    _app, win, _store = build(_options(good_content), session_factory=FakeSession)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    return win


class UrlCatcher(QObject):
    """Qt's own hook for opening URLs: what would go to the file manager comes here."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_save_folder_is_documents_then_downloads_then_home(home):
    assert default_folder() == home          # never the program's folder (the cwd)
    (home / "Downloads").mkdir()
    assert default_folder() == home / "Downloads"
    (home / "Documents").mkdir()
    assert default_folder() == home / "Documents"


def test_the_dialog_starts_in_the_last_folder_and_remembers_it(qtbot, home, tmp_path):
    (home / "Documents").mkdir()
    store = PlaceStore(tmp_path / "config")
    chosen = []
    chooser = save_dialog(None, "Save", "a.pdf", "PDF (*.pdf)", chosen.append, store=store,
                          suffix="pdf")
    qtbot.addWidget(chooser)
    assert Path(chooser.directory().absolutePath()) == home / "Documents"
    other = home / "Stick"
    other.mkdir()
    chooser.selectFile(str(other / "b.pdf"))
    chooser.accept()
    assert chosen == [str(other / "b.pdf")]
    assert PlaceStore(tmp_path / "config").load_folder() == str(other)
    assert start_folder(store) == other
    other.rmdir()                              # a folder gone since: the default again
    assert start_folder(store) == home / "Documents"


def test_every_kind_of_export_starts_in_the_same_folder(qtbot, window, home):
    (home / "Documents").mkdir()
    window.state.open_page("housing")
    window.take_home()
    view = window.views.take_home
    folders = []
    for kind in ("epub", "mp3"):
        chooser = start_export(view, kind, window.state.library, ["housing"], "en", "standard")
        folders.append(chooser.directory().absolutePath())
        chooser.reject()
    view.output.choose_file()
    folders.append(view.output.file_dialog.directory().absolutePath())
    view.output.file_dialog.reject()
    assert folders == [str(home / "Documents")] * 3


@pytest.mark.parametrize("lang, look_in, save", [("da", "&Kig i:", "&Gem"),
                                                  ("en", "&Look in:", "&Save")])
def test_the_file_dialog_speaks_the_apps_language(qtbot, good_content, home, lang, look_in,
                                                  save):
    _app, win, _store = build(_options(good_content, lang=lang))
    qtbot.addWidget(win)
    win.state.open_page("housing")
    win.take_home()
    win.views.take_home.output.choose_file()
    chooser = win.views.take_home.output.file_dialog
    assert chooser.labelText(QFileDialog.DialogLabel.LookIn) == look_in
    assert chooser.labelText(QFileDialog.DialogLabel.Accept) == save   # Qt's own words
    if lang == "da":
        assert chooser.labelText(QFileDialog.DialogLabel.FileType) == "Fil&type:"
        assert chooser.labelText(QFileDialog.DialogLabel.Reject) == "Annuller"
    chooser.reject()


def test_take_it_home_from_a_page_and_from_a_topic(qtbot, window):
    window.state.open_page("housing")
    button = window.take_home_button
    assert button.isVisible() and button.text() == "Take it home"
    assert button.accessibleName() == "Take this page home"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    view = window.views.take_home
    assert window.state.location[0] == "take_home" and view.isVisible()
    assert view.pages == ["housing"] and not view.whole_topic
    assert [b.text() for b in view.buttons()] == [
        "As sound (MP3 files)", "As a talking book (EPUB)", "In large print (PDF)"]
    assert all(b.isVisible() and b.accessibleDescription() for b in view.buttons())
    topic = window.state.library.page("housing", "en", "standard").topic
    window.state.open_topic(topic)
    assert button.isVisible() and button.accessibleName() == "Take the whole topic home"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    expected = [p.id for p in window.state.library.pages_in(topic, "en", "standard")]
    assert view.pages == expected and view.whole_topic
    assert str(len(expected)) in view.chosen.text()
    window.state.back()
    assert window.state.location == ("topic", topic)
    window.state.go_home()
    assert not button.isVisible()


def test_large_print_is_saved_and_the_message_follows_no_one(qtbot, window, home):
    session = window.speech.ensure_session()
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        window.state.open_page("housing")
        window.take_home()
        target = home / "a-folder-with-a-rather-long-name" / "take-it-home-large-print.pdf"
        target.parent.mkdir()
        assert window.views.take_home.save_pdf(target)
        assert target.read_bytes().startswith(b"%PDF")
        notice = window.notices.label
        assert window.notices.isVisible()
        assert str(target) in notice.text().replace(BREAK, "")        # the whole path
        assert notice.wordWrap() and notice.height() >= notice.heightForWidth(notice.width())
        assert session.spoken == [(notice.accessibleName(), "en")]
        assert str(target) in session.spoken[0][0]
        opener = window.notices.saved_folder.button
        assert opener.isVisible() and opener.text() == "Open the folder"
        qtbot.mouseClick(opener, Qt.MouseButton.LeftButton)
        assert [u.toLocalFile() for u in catcher.urls] == [str(target.parent)]
        window.state.go(("help", ""))
        assert not window.notices.isVisible()     # not carried to the next page
    finally:
        QDesktopServices.unsetUrlHandler("file")


def test_startup_notices_stay_when_moving_on(window):
    window.notices.add_startup_notice(lambda: "Your saved pages could not be read.")
    window.state.go(("help", ""))
    assert window.notices.isVisible() and not window.notices.saved_folder.button.isVisible()


def test_kiosk_offers_take_home_only_where_export_is_allowed(qtbot, window):
    window.state.open_page("housing")
    window.policy = KioskPolicy.for_config(parse_config({}))
    window.state.open_page("housing")
    assert not window.take_home_button.isVisible()
    window.policy = KioskPolicy.for_config(parse_config({"allow_export": True}))
    window.state.open_page("housing")
    assert window.take_home_button.isVisible()
    view = window.views.take_home
    view.set_policy(KioskPolicy.for_config(parse_config({"allow_export": True})))
    window.take_home()
    assert view.sound_button.isVisible() and view.book_button.isVisible()
    assert not view.pdf_button.isVisible()           # no file dialogs on a kiosk
    # A visitor is told to ask staff, not shown a folder of the library's computer.
    assert "/" not in view.where.accessibleName() and "staff" in view.where.accessibleName()
    folder = saved_folder.SavedFolder()
    folder.show_for(Path.home(), KioskPolicy.for_config(parse_config({})))
    assert folder.button.isHidden()                  # the file manager would leave the app
