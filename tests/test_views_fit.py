"""Every view at 300 % on a 1280×720 screen: no button, label, list row or message cut off, and
every list shows at least five rows or all of them (tests/fit_check.py, Qt's geometry)."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.app import build
from desktop_app.export.runner import ExportRequest
from desktop_app.ui.export_dialog import ExportDialog
from tests.fit_check import cut_off

LONG_PATH = "/home/someone/Dokumenter/handicappolitik-letlaest-2026-12-07/a-long-folder-name"


@pytest.fixture
def window(qtbot, good_content, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    options = argparse.Namespace(lang="da", level=None, theme="yellow-black", text_scale=300,
                                 page=None, kiosk=False, content_dir=str(good_content),
                                 smoke=False)
    _app, win, _store = build(options)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    return win


def _settled(window) -> None:
    """The layouts have run (they are done on posted events)."""
    QApplication.processEvents()
    window.layout().activate()
    QApplication.processEvents()


VIEWS = {
    "page": lambda w: w.state.open_page("housing"),
    "topic": lambda w: w.state.open_topic(w.state.library.page("housing", "da", "standard").topic),
    "take home (page)": lambda w: (w.state.open_page("housing"), w.take_home()),
    "take home (topic)": lambda w: (w.state.open_topic(w.state.library.page("housing", "da",
                                                               "standard").topic),
                                    w.take_home()),
    "handout": lambda w: (w.state.open_page("housing"), w.state.go(("handout", ""))),
    "help": lambda w: w.state.go(("help", "")),
    "settings": lambda w: w.state.go(("settings", "")),
    "search": lambda w: w.show_search(),
    "saved pages": lambda w: w.state.go(("bookmarks", "")),
    "saved message": lambda w: (w.state.go(("handout", "")), w.notices.show_notice(
        "Færdig. Gemt i %s/handicappolitik-2026-12-07.pdf." % LONG_PATH)),
}


@pytest.mark.parametrize("name", list(VIEWS))
def test_view_fits_at_300_percent_on_1280x720(qtbot, window, name):
    VIEWS[name](window)
    _settled(window)
    assert window.width() <= 1280 and window.height() <= 720
    assert cut_off(window) == []


def _save_dialog(qtbot, window):
    """The handout's save dialog, open, for one page."""
    window.state.go(("handout", ""))
    view = window.views.handout
    view.choose("housing")
    view.output.choose_file()
    qtbot.waitExposed(view.output.file_dialog)
    return view.output.file_dialog


def test_dialogs_fit_at_300_percent_on_1280x720(qtbot, window):
    chooser = _save_dialog(qtbot, window)
    # Qt's "Look in" box shows the folder's path on one line, shortened with '…' when long
    assert [p for p in cut_off(chooser) if "lookInCombo" not in p] == []
    chooser.reject()
    request = ExportRequest("epub", ("housing",), "da", "standard", Path(LONG_PATH))
    dialog = ExportDialog(window.state.library, request, window, speak=lambda _text: None)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog._finish(True, "Færdig. Gemt i %s/handicappolitik.epub." % LONG_PATH)
    qtbot.waitExposed(dialog)
    assert dialog.status.text().replace("\u200b", "").endswith("handicappolitik.epub.")
    assert cut_off(dialog) == []
    about = window.show_about()
    qtbot.waitExposed(about)
    assert cut_off(about) == []


def test_contents_row_keeps_its_words_when_the_keyboard_is_on_it(qtbot, window):
    """F6 or Tab onto the page's contents (shown beside the text at 100 %): the row with the
    focus frame keeps its height, so its words are not cut or shortened with '…'."""
    window.state.change(text_scale=100)
    window.state.open_page("housing")
    toc = window.reader.toc
    _settled(window)
    assert toc.isVisible() and toc.count() > 1
    toc.setFocus()
    toc.setCurrentRow(0)
    qtbot.waitUntil(toc.hasFocus)
    _settled(window)
    assert cut_off(window) == []


TITLED = {
    "topic": lambda w: w.state.open_topic(w.state.library.page("housing", "da", "standard").topic),
    "take home": lambda w: w.take_home(),
    "handout": lambda w: w.state.go(("handout", "")),
    "help": lambda w: w.state.go(("help", "")),
    "settings": lambda w: w.state.go(("settings", "")),
    "search": lambda w: w.show_search(),
    "saved pages": lambda w: w.state.go(("bookmarks", "")),
}


@pytest.mark.parametrize("name", list(TITLED))
def test_the_window_title_names_the_view_shown(qtbot, window, name):
    """A screen reader says the window's title when it is entered: it names the view the
    person is in, not the page they came from."""
    window.state.open_page("housing")
    page_title = window.windowTitle()
    TITLED[name](window)
    assert window.windowTitle() != page_title
    assert window.windowTitle() == f"{window.where.text()} – Handicappolitik i Ballerup"


def test_the_handout_points_to_a_button_shown_beside_every_page(qtbot, window):
    """The handout's first page tells the person where to get it as sound: the buttons it
    names are on screen, with those words, when a page is open."""
    from PySide6.QtWidgets import QPushButton
    from desktop_app.core import handout as core
    window.state.open_page("housing")
    _settled(window)
    shown = {b.text() for b in window.findChildren(QPushButton) if b.isVisible()}
    for label in core.LABELS.values():
        assert core.translate_for("da", label) in shown
        assert f"“{core.translate_for('da', label)}”" in core.also_spoken("da")


def test_the_save_dialogs_picture_buttons_are_large_in_the_themes_colours(qtbot, window):
    """Back, Forward, the parent folder and a new folder are pictures only: at 300 % on yellow
    on black they are a line of text high and drawn in colours that stand out from black."""
    from PySide6.QtWidgets import QToolButton
    from desktop_app.core.themes import contrast
    chooser = _save_dialog(qtbot, window)
    buttons = [b for b in chooser.findChildren(QToolButton) if b.isVisible()]
    assert {b.objectName() for b in buttons} >= {"backButton", "toParentButton"}
    background = window.state.theme.control_background
    for button in buttons:
        side = button.iconSize().height()
        assert side >= 32      # Qt draws them 16 px
        image = button.icon().pixmap(button.iconSize()).toImage()
        drawn = [image.pixelColor(x, y) for x in range(image.width())
                 for y in range(image.height()) if image.pixelColor(x, y).alpha() > 200]
        assert drawn, button.objectName()
        for colour in drawn:
            assert contrast(colour.name(), background) >= 4.5, button.objectName()
    chooser.reject()


@pytest.mark.parametrize("value", [30, 100])
def test_the_progress_bar_is_in_the_themes_colours(qtbot, window, value):
    """Saving a talking book at yellow on black: the bar fills in the theme's colour, and the
    percentage stands out from the fill and from the rest of the bar (it was yellow on blue)."""
    from desktop_app.core.themes import contrast
    request = ExportRequest("epub", ("housing",), "da", "standard", Path(LONG_PATH))
    dialog = ExportDialog(window.state.library, request, window, speak=lambda _text: None)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.bar.setValue(value)
    image = dialog.bar.grab().toImage()
    middle = image.height() // 2
    theme = window.state.theme
    # the fill: the theme's colour for what is chosen (Qt shades it a little)
    assert contrast(image.pixelColor(6, middle).name(), theme.selected_background) < 1.2
    # the percentage is in the middle: on the fill at 100 %, on the empty part at 30 %
    first = 6 if value == 100 else image.width() * 2 // 5
    row = {image.pixelColor(x, y).name() for x in range(first, image.width() - 6)
           for y in range(middle - 4, middle + 5)}
    under = theme.selected_background if value == 100 else theme.control_background
    letters = [c for c in row if contrast(c, under) >= 4.5]
    assert letters, sorted(row)


@pytest.mark.parametrize("scale", [100, 300])
@pytest.mark.parametrize("name", ["settings", "search"])
def test_check_boxes_are_targets_of_44_px(qtbot, window, scale, name):
    """A check box is clicked on its box and its words only: at 100 % that strip was 30 px."""
    from tests.fit_check import small_targets
    window.state.change(text_scale=scale)
    VIEWS[name](window)
    _settled(window)
    assert small_targets(window) == []


@pytest.mark.parametrize("scale", [100, 300])
def test_the_handouts_tick_boxes_are_targets_of_44_px(qtbot, window, scale):
    """A page is chosen for the handout by clicking its box alone (not its words): the box
    with its frame is 44 px at every size (at 100 % it was 32)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
    window.state.change(text_scale=scale)
    window.state.go(("handout", ""))
    _settled(window)
    tree = window.views.handout.tree
    index = tree.model().index(0, 0)
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualRect(index)
    tree.itemDelegate().initStyleOption(option, index)
    assert option.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator,
                                      option, tree)
    assert min(box.width(), box.height()) >= 44, box


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
@pytest.mark.parametrize("scale", [100, 200, 300, 400])
def test_every_view_fits_the_real_pages_at_every_size(qtbot, tmp_path, monkeypatch, size,
                                                      scale):
    """The shipped pages (long headings, long words) in every view, at each text size on both
    laptop screens: nothing cut off, no list row sideways."""
    monkeypatch.setenv("HOME", str(tmp_path))
    options = argparse.Namespace(lang="da", level=None, theme="yellow-black", text_scale=scale,
                                 page=None, kiosk=False, content_dir=None, smoke=False)
    _app, win, _store = build(options)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    real = {"page": lambda w: w.state.open_page("framework"),
            "topic": lambda w: w.state.open_topic(w.state.library.page("framework", "da", "standard").topic),
            "take home": lambda w: (w.state.open_page("complaints"), w.take_home()),
            "handout": lambda w: (w.state.open_page("complaints"), w.state.go(("handout", ""))),
            "help": lambda w: w.state.go(("help", "")), "settings": lambda w: w.state.go(("settings", "")),
            "search": lambda w: w.show_search(),
            "saved pages": lambda w: w.state.go(("bookmarks", ""))}
    problems = {}
    for name, show in real.items():
        show(win)
        _settled(win)
        if cut_off(win):
            problems[name] = cut_off(win)
    assert problems == {}
