"""Simple by default: few labelled controls, the text owns the screen, targets that stay put,
and the keys people expect. Each test here is a bug or a promise a person met."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QApplication,
                               QComboBox, QLineEdit, QWidget)

from desktop_app.app import build
from desktop_app.core.settings import SettingsStore
from tests.test_window import options

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSlider, QAbstractSpinBox)


def shown(qtbot, win, width=1280, height=720):
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot, win)
    return win


def settle(qtbot, win):
    qtbot.waitUntil(lambda: win.centralWidget().layout().geometry().isValid())
    QApplication.processEvents()


def body_px(win) -> int:
    """The pixel size of the first paragraph's text as laid out."""
    block = win.reader.browser.document().begin()
    while block.isValid():
        if block.text().strip() and block.blockFormat().headingLevel() == 0:
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
            return cursor.charFormat().font().pixelSize()
        block = block.next()
    raise AssertionError("no paragraph")


def visible_controls(win) -> list[QWidget]:
    """Controls a person sees (inside the window, in a visible part of any scroll area)."""
    found = []
    for w in win.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisible() or isinstance(
                w.parentWidget(), (QAbstractSlider, QComboBox)):
            continue
        if w.visibleRegion().isEmpty():
            continue
        found.append(w)
    return found


# -- bugs --------------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["saved", "command line"])
def test_text_size_400_is_shown_at_400_after_a_restart(qtbot, good_content, tmp_path, how):
    if how == "saved":
        (tmp_path / "settings.json").write_text(json.dumps({"text_scale": 400}),
                                                encoding="utf-8")
        (tmp_path / "window.json").write_text(json.dumps({"page": "housing"}),
                                              encoding="utf-8")
        _app, win, _ = build(options(good_content), SettingsStore(tmp_path))
    else:
        _app, win, _ = build(options(good_content, text_scale=400, page="housing"),
                             SettingsStore(tmp_path))
    shown(qtbot, win)
    assert win.state.settings.text_scale == 400
    assert body_px(win) == 72                     # 18 px at 100 %
    win.state.change(text_scale=100)
    assert body_px(win) == 18


@pytest.mark.parametrize("scale", [300, 400])
def test_no_view_makes_the_window_larger_than_the_screen(qtbot, good_content, scale):
    _app, win, _ = build(options(good_content, text_scale=scale))
    shown(qtbot, win, 1366, 768)
    win.toolbar.more_button.click()
    screens = {"home": win.state.go_home, "topic": lambda: win.state.open_topic("areas"),
               "page": lambda: win.state.open_page("housing"), "help": lambda: win.state.go(("help", "")),
               "search": win.show_search, "settings": lambda: win.state.go(("settings", "")),
               "handout": lambda: win.state.go(("handout", "")),
               "bookmarks": lambda: win.state.go(("bookmarks", ""))}
    for name, show in screens.items():
        show()
        settle(qtbot, win)
        least = win.minimumSizeHint().expandedTo(win.minimumSize())
        assert least.height() <= 700 and least.width() <= 1280, (name, least)
    win.state.go_home()
    win.resize(1280, 700)
    qtbot.waitUntil(lambda: win.height() == 700)


def test_larger_smaller_read_and_language_stay_under_the_pointer(qtbot, good_content):
    _app, win, _ = build(options(good_content, page="housing"))
    shown(qtbot, win)

    def centre(button):
        return button.mapTo(win, button.rect().center())

    for button, press in ((win.toolbar.bigger_button, 6), (win.toolbar.smaller_button, 6),
                          (win.toolbar.lang_button, 2), (win.toolbar.level_button, 2)):
        point = centre(button)
        for _ in range(press):
            assert win.childAt(point) is button, button.accessibleName()
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            settle(qtbot, win)
        assert win.childAt(point) is button, button.accessibleName()
    win.toolbar.more_button.click()                                 # the steppers in "More"
    settle(qtbot, win)
    for button in (win.speech_bar.louder_button, win.speech_bar.quieter_button,
                   win.speech_bar.faster_button, win.speech_bar.slower_button):
        point = centre(button)
        for _ in range(2):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            settle(qtbot, win)
            assert win.childAt(point) is button, button.accessibleName()
    win.toolbar.more_button.click()
    bar = win.speech_bar
    point, others = centre(bar.read_button), [(b, centre(b)) for b in win.toolbar.bar.findChildren(
        QAbstractButton) if b.isVisible()]
    for state in ("playing", "paused", "idle"):
        bar.set_state(state)
        settle(qtbot, win)
        assert win.childAt(point) is bar.read_button
        for other, where in others:
            assert centre(other) == where, other.accessibleName()


def test_the_text_size_is_shown_between_smaller_and_larger(qtbot, good_content, monkeypatch):
    said = []
    monkeypatch.setattr("desktop_app.ui.main_window.announce",
                        lambda _widget, text, assertive=False: said.append(text))
    _app, win, _ = build(options(good_content, lang="da", text_scale=100))
    shown(qtbot, win)
    label = win.toolbar.size_label
    place = label.mapTo(win, QPoint(0, 0)), label.width()
    seen = []
    for _ in range(6):
        qtbot.mouseClick(win.toolbar.bigger_button, Qt.MouseButton.LeftButton)
        settle(qtbot, win)
        seen.append(label.text())
        assert (label.mapTo(win, QPoint(0, 0)), label.width()) == place   # a fixed width
        assert label.accessibleName() == f"Tekststørrelse {win.state.settings.text_scale} procent"
        assert said[-1] == label.accessibleName()          # and the screen reader is told
    assert seen == ["125 %", "150 %", "200 %", "250 %", "300 %", "400 %"]
    smaller, bigger = (b.mapTo(win, QPoint(0, 0)) for b in (win.toolbar.smaller_button,
                                                            win.toolbar.bigger_button))
    assert smaller.x() < place[0].x() < bigger.x()       # between the two, on their row
    assert abs(smaller.y() - bigger.y()) < 2 and label.visibleRegion().isEmpty() is False


def _wheel_down(widget):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    centre = QPointF(widget.rect().center())
    return QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                       Qt.ScrollPhase.NoScrollPhase, False)


def test_the_home_screen_keeps_its_heading_in_view_after_larger(qtbot):
    _app, win, _ = build(options(None, lang="da", text_scale=300))
    shown(qtbot, win)
    win.state.go_home()
    settle(qtbot, win)
    area, heading = win.home.area, win.home.heading
    bar = area.verticalScrollBar   # (a new style sheet gives the area a new scroll bar)
    qtbot.mouseClick(win.toolbar.bigger_button, Qt.MouseButton.LeftButton)   # 300 % -> 400 %, and
    for _ in range(40):                                 # scrolled down with the wheel
        qtbot.wait(0)
        QApplication.sendEvent(area.viewport(), _wheel_down(area.viewport()))
    qtbot.waitUntil(lambda: bar().value() == bar().maximum() > 0)
    qtbot.mouseClick(win.toolbar.smaller_button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)
    assert win.state.settings.text_scale == 300
    top = heading.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + heading.height() <= area.viewport().height()
    bar().setValue(bar().maximum())
    qtbot.mouseClick(win.toolbar.bigger_button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)
    assert win.state.settings.text_scale == 400
    top = heading.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + heading.height() <= area.viewport().height()
    last = win.home.tiles_list()[-1]
    last.setFocus(Qt.FocusReason.TabFocusReason)        # with the keyboard on a tile: Ctrl+-
    qtbot.keyClick(last, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, win)
    assert win.state.settings.text_scale == 300
    top = heading.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + heading.height() <= area.viewport().height()
    assert QApplication.focusWidget() is win.home.tiles_list()[-1]   # its place is kept


def test_a_new_size_leaves_the_keyboard_on_the_same_page_button(qtbot):
    _app, win, _ = build(options(None, lang="da", text_scale=300))
    shown(qtbot, win)
    win.state.open_topic("areas")
    settle(qtbot, win)
    third = win.topic.buttons()[2]
    third.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(third, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, win)
    assert win.state.settings.text_scale == 400 and third not in win.topic.buttons()   # rebuilt
    assert QApplication.focusWidget() is win.topic.buttons()[2]


def test_enter_and_space_press_the_focused_button(qtbot, good_content):
    _app, win, _ = build(options(good_content))
    shown(qtbot, win)
    win.activateWindow()
    win.toolbar.search_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.toolbar.search_button)
    qtbot.keyClick(win.toolbar.search_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.state.location == ("search", ""))
    win.state.go_home()
    tile = win.home.tiles_list()[0]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: win.state.location == ("topic", tile.key))
    win.state.go_home()
    win.home.tiles_list()[1].setFocus()
    qtbot.keyClick(win.home.tiles_list()[1], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: win.state.location == ("topic", win.home.tiles_list()[1].key))


def test_the_view_comes_first_in_tab_order_and_f6_moves_between_regions(qtbot, good_content):
    _app, win, _ = build(options(good_content))
    shown(qtbot, win)
    win.activateWindow()
    tiles = win.home.tiles_list()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tiles[0])   # the keyboard starts here
    qtbot.keyClick(tiles[0], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tiles[1]
    chain = win.focus.chain()
    assert chain[0] is tiles[0]                          # the first tile: the first Tab stop
    win.state.open_page("housing")
    settle(qtbot, win)
    chain = win.focus.chain()
    assert chain.index(win.reader.browser) < chain.index(win.speech_bar.read_button)
    win.reader.browser.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.reader.browser)
    qtbot.keyClick(win.reader.browser, Qt.Key.Key_F6)
    assert win.toolbar.bar.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert not win.toolbar.bar.isAncestorOf(QApplication.focusWidget())
    assert not win.stack.isAncestorOf(QApplication.focusWidget())   # the save-page button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert win.stack.isAncestorOf(QApplication.focusWidget())
    # Tab from the last toolbar button goes on, and Shift+Tab comes back.
    win.toolbar.more_button.setFocus()
    qtbot.keyClick(win.toolbar.more_button, Qt.Key.Key_Tab)
    after = QApplication.focusWidget()
    assert after is not win.toolbar.more_button
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is win.toolbar.more_button


# -- progressive disclosure --------------------------------------------------------------------
def test_few_labelled_controls_on_one_toolbar_row(qtbot, good_content):
    _app, win, _ = build(options(good_content, lang="da"))
    shown(qtbot, win)
    home = visible_controls(win)
    assert len(home) <= 16, [w.accessibleName() for w in home]
    win.state.open_page("housing")
    settle(qtbot, win)
    page = visible_controls(win)
    assert len(page) <= 14, [w.accessibleName() for w in page]
    first_row = [w for w in win.toolbar.bar.findChildren(QAbstractButton) if w.isVisible()]
    for wanted in (win.toolbar.home_button, win.toolbar.back_button, win.speech_bar.read_button,
                   win.toolbar.level_button, win.toolbar.lang_button, win.toolbar.smaller_button, win.toolbar.bigger_button,
                   win.toolbar.search_button, win.toolbar.more_button):
        assert wanted in first_row and wanted.accessibleName()
    win.speech_bar.set_state("playing")                  # Stop shows, at the end of the row
    first_row.append(win.speech_bar.stop_button)
    for scale, lang in ((100, "da"), (200, "en"), (400, "da")):
        win.state.change(text_scale=scale, lang=lang)
        settle(qtbot, win)
        assert win.speech_bar.stop_button.isVisible()
        rows = {w.mapTo(win, QPoint(0, 0)).y() for w in first_row if w.isVisible()}
        assert len(rows) == 1, scale                  # one row at 1280 px, at every size
        assert all(w.text() and not w.icon().isNull() for w in first_row if w.isVisible())


def test_the_handout_is_two_clicks_away_and_every_shortcut_is_there(qtbot, good_content):
    from desktop_app.ui.actions import COMMANDS
    _app, win, _ = build(options(good_content))
    shown(qtbot, win)
    assert not win.toolbar.handout_button.isVisible()
    qtbot.mouseClick(win.toolbar.more_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.toolbar.handout_button, Qt.MouseButton.LeftButton)
    assert win.state.location == ("handout", "")
    assert not win.toolbar.more_panel.isVisible()      # the text gets its room back
    for name, command in COMMANDS.items():
        action = win.actions_by_name[name]
        assert all(QKeySequence(k) in action.shortcuts() for k in command.keys), name
    triggered = []
    win.actions_by_name["level"].triggered.connect(lambda: triggered.append("level"))
    win.toolbar.level_button.click()                  # the button and Ctrl+E are one action
    assert triggered == ["level"] and win.state.settings.level == "easy"
    win.actions_by_name["glossary"].trigger()
    assert win.state.location == ("page", "glossary")


# -- the text owns the screen ------------------------------------------------------------------
@pytest.mark.parametrize("scale,share", [(100, 0.70), (200, 0.60), (300, 0.60), (400, 0.60)])
def test_the_text_gets_most_of_the_height(qtbot, good_content, scale, share):
    _app, win, _ = build(options(good_content, text_scale=scale, page="housing"))
    shown(qtbot, win)
    assert win.reader.browser.height() / win.height() >= share


def test_headings_grow_less_and_never_break_inside_a_word(qtbot):
    _app, win, _ = build(options(None, lang="da", text_scale=400, page="area-employment"))
    shown(qtbot, win)
    document = win.reader.browser.document()
    block, headings = document.begin(), 0
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            headings += 1
            layout, text = block.layout(), block.text()
            for i in range(1, layout.lineCount()):
                start = layout.lineAt(i).textStart()
                assert text[start - 1].isspace() or text[start - 1] in "-–/", text
        block = block.next()
    assert headings and "Beskæftigelse" in win.reader.page.title
    at_400 = title_px(win) / body_px(win)
    win.state.change(text_scale=100)
    at_100 = title_px(win) / body_px(win)
    assert 1.1 < at_400 < at_100 < 2.0, (at_400, at_100)


def title_px(win) -> int:
    cursor = QTextCursor(win.reader.browser.document().begin())
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    return cursor.charFormat().font().pixelSize()


def test_contents_wrap_and_the_column_is_centred_on_a_wide_screen(qtbot):
    _app, win, _ = build(options(None, lang="da", page="complaints"))
    shown(qtbot, win, 1920, 1080)
    toc = win.reader.toc
    assert toc.isVisible()
    assert toc.horizontalScrollBar().maximum() == 0
    for row in range(toc.count()):
        assert toc.visualItemRect(toc.item(row)).right() <= toc.viewport().width()
    column = win.reader.column
    left = column.mapTo(win.reader, QPoint(0, 0)).x() - toc.width()
    right = win.reader.width() - column.mapTo(win.reader, QPoint(column.width(), 0)).x()
    assert abs(left - right) <= 40
    win.state.change(text_scale=400)
    settle(qtbot, win)
    assert not toc.isVisible()               # folds away where the text needs the width


# -- first start -------------------------------------------------------------------------------
def test_first_start_fills_the_screen_and_the_window_is_remembered(qtbot, good_content,
                                                                   tmp_path):
    from desktop_app.app import show_window
    from desktop_app.core.place import PlaceStore
    _app, win, store = build(options(good_content), SettingsStore(tmp_path))
    qtbot.addWidget(win)
    show_window(win, PlaceStore(tmp_path))
    qtbot.waitExposed(win)
    screen = win.screen().availableGeometry()
    assert win.isMaximized() or (win.width() >= 0.8 * screen.width()
                                 and win.height() >= 0.8 * screen.height())
    win.showNormal()
    win.setGeometry(40, 50, 700, 500)
    qtbot.waitUntil(lambda: win.size().toTuple() == (700, 500))
    win.close()
    assert (tmp_path / "window.json").exists()
    _app, again, _ = build(options(good_content), SettingsStore(tmp_path))
    qtbot.addWidget(again)
    show_window(again, PlaceStore(tmp_path))
    qtbot.waitExposed(again)
    assert not again.isMaximized() and again.size().toTuple() == (700, 500)
    (tmp_path / "window.json").write_text("{broken", encoding="utf-8")
    assert PlaceStore(tmp_path).load_geometry() == b""       # a broken file: first start


def test_tiles_share_the_width_of_a_wide_window(qtbot, good_content):
    _app, win, _ = build(options(good_content))
    shown(qtbot, win, 1920, 1080)
    tiles = win.home.tiles_list()
    rows = {t.mapTo(win, QPoint(0, 0)).y() for t in tiles}
    right = max(t.mapTo(win, QPoint(t.width(), 0)).x() for t in tiles)
    assert right >= 0.9 * win.width()            # no third of the window left empty
    assert len(rows) <= 2


def test_every_list_shows_its_focus(qtbot):
    """The contents list, the search results and the handout's page tree draw the theme's
    focus colour around themselves when they have the keyboard focus."""
    from PySide6.QtGui import QColor
    _app, win, _ = build(options(None, lang="da", page="complaints"))
    shown(qtbot, win, 1920, 1080)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    focus = QColor(win.state.theme.focus)

    def ring(widget) -> int:
        image = widget.grab().toImage()
        return sum(1 for x in range(0, image.width(), 2)
                   if QColor(image.pixel(x, 1)) == focus)

    win.views.search.field.setText("bolig")
    for show, widget in ((lambda: win.state.open_page("complaints"), lambda: win.reader.toc),
                         (win.show_search, lambda: win.views.search.results),
                         (lambda: win.state.go(("handout", "")), lambda: win.views.handout.tree)):
        show()
        settle(qtbot, win)
        target = widget()
        assert ring(target) == 0, target.accessibleName()
        target.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is target)
        qtbot.waitUntil(lambda: ring(target) > target.width() // 4)


def test_a_saved_shipped_font_is_used_after_a_restart(qtbot, good_content, tmp_path):
    """The reader's font (Atkinson Hyperlegible, shipped with the app) is used at the start,
    before the settings view that registers the fonts was ever opened."""
    from PySide6.QtGui import QFontInfo
    from desktop_app.ui import fonts
    (tmp_path / "settings.json").write_text(json.dumps({"font_family": fonts.ATKINSON}),
                                            encoding="utf-8")
    _app, win, _ = build(options(good_content, page="housing"), SettingsStore(tmp_path))
    shown(qtbot, win)
    cursor = QTextCursor(win.reader.browser.document().begin())
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    assert cursor.charFormat().font().families() == [fonts.PLAIN_ZERO, fonts.ATKINSON]
    assert QFontInfo(cursor.charFormat().font()).family() == fonts.PLAIN_ZERO   # registered


@pytest.mark.parametrize("kiosk", [False, True])
def test_the_buttons_do_not_move_when_reading_aloud_starts(qtbot, good_content, kiosk):
    """Read aloud is as wide as its widest words from the first frame: the row does not shift
    when the speech session starts after the first paint, nor when it becomes Pause."""
    from tests.fakes import FakeSession
    session = FakeSession()
    _app, win, _ = build(options(good_content, lang="da", text_scale=150, kiosk=kiosk),
                         session_factory=lambda: session)
    shown(qtbot, win)
    row = [win.toolbar.home_button, win.speech_bar.read_button, win.toolbar.level_button,
           win.toolbar.search_button]
    first = [(b.mapTo(win, QPoint(0, 0)), b.width()) for b in row]
    win.speech.ensure_session()
    win.speech_bar.set_state("playing")
    settle(qtbot, win)
    assert [(b.mapTo(win, QPoint(0, 0)), b.width()) for b in row] == first
